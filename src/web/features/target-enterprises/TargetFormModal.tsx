import { Alert, App, Button, Col, DatePicker, Form, Input, Modal, Radio, Row, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';
import {
  TARGET_STATUS_LABELS,
  TARGET_STATUSES,
  TARGET_TAG_LABELS,
  TARGET_TAGS,
  type TargetStatus,
  type TargetTag,
} from '../../../domain/network/network-codes.js';
import type { TargetEnterpriseView } from '../../../domain/network/targets.schemas.js';
import { errorText, isApiError } from '../../app/api.js';
import { useCan } from '../../app/auth.js';
import { changedFields } from '../../app/changed-fields.js';
import { useLang, useT } from '../../app/i18n.js';
import { queryClient } from '../../app/query-client.js';
import { EnterpriseSelect } from '../enterprises/EnterpriseSelect.js';
import { NetworkSelect } from '../network/NetworkSelect.js';
import { formatDay, parseDay } from '../projects/project-format.js';
import type { UnitOptions } from '../users/unit-options.js';
import { targetKeys, useCreateTarget, useUpdateTarget } from './target-enterprises.api.js';
import { targetEnterprisesMessages } from './target-enterprises.messages.js';

interface Values {
  unitId: string;
  enterpriseMode: 'pick' | 'new';
  enterpriseId?: string | null;
  enterpriseName?: string;
  creditCode?: string;
  tags: TargetTag[];
  chainLinkId?: string | null;
  key: boolean;
  status: TargetStatus;
  leaderInCharge?: string;
  approach?: string;
  contacts?: string;
  offer?: string;
  nextStep?: string;
  nextStepOn?: Dayjs | null;
}

const text = (s: string | undefined) => s?.trim() || null;

/** One form for adding a target and editing its plan; mounted only while open. Edit sends only what changed. */
export function TargetFormModal(props: {
  target: TargetEnterpriseView | null;
  unitOptions: UnitOptions;
  defaultUnitId: string;
  onClose: (saved?: TargetEnterpriseView) => void;
}) {
  const t = useT(targetEnterprisesMessages);
  const lang = useLang();
  const can = useCan();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateTarget();
  const update = useUpdateTarget();
  const x = props.target;
  const mutation = x ? update : create;
  const mode = Form.useWatch('enterpriseMode', form);
  const isCenter = can('pipeline.coordinate');

  const initialValues: Partial<Values> = x
    ? {
        unitId: x.unitId,
        enterpriseMode: 'pick',
        enterpriseId: x.enterpriseId,
        tags: x.tags,
        chainLinkId: x.chainLinkId,
        key: x.priority === 'key',
        status: x.status,
        leaderInCharge: x.leaderInCharge ?? '',
        approach: x.approach ?? '',
        contacts: x.contacts ?? '',
        offer: x.offer ?? '',
        nextStep: x.nextStep ?? '',
        nextStepOn: parseDay(x.nextStepOn),
      }
    : { unitId: props.defaultUnitId, enterpriseMode: 'new', tags: [], key: false, status: 'researching' };

  const submit = (v: Values) => {
    const onError = (err: unknown) => {
      if (!isApiError(err) || !err.fields) return;
      const rename = (k: string) =>
        k === 'enterprise.name'
          ? 'enterpriseName'
          : k.endsWith('creditCode')
            ? 'creditCode'
            : k.split('.')[0]!;
      form.setFields(
        Object.entries(err.fields)
          .filter(([k]) => k !== 'existingTargetId')
          .map(([k, f]) => ({
            name: (k === 'enterpriseId' && v.enterpriseMode === 'new'
              ? 'enterpriseName'
              : rename(k)) as keyof Values,
            errors: [lang === 'zh' ? f.messageZh : f.message],
          })),
      );
    };
    const fields = {
      tags: v.tags ?? [],
      chainLinkId: v.chainLinkId ?? null,
      priority: v.key ? ('key' as const) : ('normal' as const),
      status: v.status,
      leaderInCharge: text(v.leaderInCharge),
      approach: text(v.approach),
      contacts: text(v.contacts),
      offer: text(v.offer),
      nextStep: text(v.nextStep),
      nextStepOn: formatDay(v.nextStepOn),
    };
    if (!x) {
      const enterprise =
        v.enterpriseMode === 'pick'
          ? { enterpriseId: v.enterpriseId ?? undefined }
          : { enterprise: { name: v.enterpriseName!.trim(), creditCode: text(v.creditCode), kinds: [] } };
      create.mutate(
        { unitId: v.unitId, ...enterprise, ...fields },
        {
          onSuccess: (saved) => {
            void message.success(t.created);
            props.onClose(saved);
          },
          onError,
        },
      );
      return;
    }
    const next: Record<string, unknown> = { ...fields, unitId: v.unitId };
    const patch = changedFields(x, next);
    if (Object.keys(patch).length === 0) {
      props.onClose();
      return;
    }
    update.mutate(
      { id: x.id, patch: { version: x.version, ...patch } },
      {
        onSuccess: (saved) => {
          void message.success(t.saved);
          props.onClose(saved);
        },
        onError,
      },
    );
  };

  const err = mutation.error;
  const conflict = isApiError(err) && err.code === 'target_enterprises.version_conflict';
  const existingId =
    isApiError(err) && err.code === 'target_enterprises.duplicate'
      ? err.fields?.existingTargetId?.message
      : null;
  const required = [{ required: true, message: t.required }];
  const half = { xs: 24, sm: 12 };

  return (
    <Modal
      open
      title={x ? `${t.edit}：${x.enterpriseName}` : t.add}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={() => props.onClose()}
      mask={{ closable: false }}
      width={760}
    >
      <Form<Values>
        form={form}
        name="target"
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
      >
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item
              name="unitId"
              label={t.unit}
              rules={required}
              extra={x && !isCenter ? t.unitMoveHelp : undefined}
            >
              <Select
                options={props.unitOptions}
                disabled={!isCenter}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="leaderInCharge" label={t.leaderInCharge}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
        </Row>
        {x ? null : (
          <Form.Item name="enterpriseMode" label={t.enterpriseMode}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'new', label: t.newEnterprise },
                { value: 'pick', label: t.pickEnterprise },
              ]}
            />
          </Form.Item>
        )}
        {x ? null : mode === 'new' ? (
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item
                name="enterpriseName"
                label={t.enterpriseName}
                rules={[...required, { min: 2, max: 100 }]}
                extra={t.enterpriseNameHelp}
              >
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="creditCode" label={t.creditCode}>
                <Input maxLength={18} />
              </Form.Item>
            </Col>
          </Row>
        ) : (
          <Form.Item name="enterpriseId" label={t.enterprise} rules={required}>
            <EnterpriseSelect />
          </Form.Item>
        )}
        <Form.Item name="tags" label={t.tags}>
          <Select
            mode="multiple"
            allowClear
            options={TARGET_TAGS.map((g) => ({ value: g, label: TARGET_TAG_LABELS[g][lang] }))}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="chainLinkId" label={t.chainLink}>
              <NetworkSelect kind="chain_link" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="status" label={t.status} rules={required}>
              <Select
                options={TARGET_STATUSES.map((s) => ({ value: s, label: TARGET_STATUS_LABELS[s][lang] }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="key" label={t.priority} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="approach" label={t.approach}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="contacts" label={t.contacts}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="offer" label={t.offer} extra={t.offerHelp}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={16}>
            <Form.Item name="nextStep" label={t.nextStep}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="nextStepOn" label={t.nextStepOn}>
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {err ? (
        <Alert
          type={conflict || existingId ? 'warning' : 'error'}
          showIcon
          role="alert"
          title={errorText(err, lang)}
          action={
            existingId ? (
              <Link to={`/network/targets/${existingId}`} onClick={() => props.onClose()}>
                {t.existingOpen}
              </Link>
            ) : conflict && x ? (
              <Button
                size="small"
                onClick={() => {
                  void queryClient.invalidateQueries({ queryKey: targetKeys.detail(x.id) });
                  props.onClose();
                }}
              >
                {t.reload}
              </Button>
            ) : undefined
          }
        />
      ) : null}
    </Modal>
  );
}

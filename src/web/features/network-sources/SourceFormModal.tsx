import { Alert, App, Button, Cascader, Col, Form, Input, Modal, Radio, Row, Select } from 'antd';
import { COUNTRIES, PROVINCES } from '../../../domain/enterprises/origin.js';
import { SOURCE_KIND_LABELS, SOURCE_KINDS, type SourceKind } from '../../../domain/network/network-codes.js';
import type { SourceView } from '../../../domain/network/sources.schemas.js';
import { errorText, isApiError } from '../../app/api.js';
import { changedFields } from '../../app/changed-fields.js';
import { useLang, useT } from '../../app/i18n.js';
import { queryClient } from '../../app/query-client.js';
import { EnterpriseSelect } from '../enterprises/EnterpriseSelect.js';
import type { UnitOptions } from '../users/unit-options.js';
import { sourceKeys, useCreateSource, useUpdateSource } from './sources.api.js';
import { sourcesMessages } from './sources.messages.js';

interface SourceFormValues {
  unitId: string;
  kind: SourceKind;
  name: string;
  where: 'china' | 'abroad';
  region?: string[];
  country?: string | null;
  place?: string;
  enterpriseId?: string | null;
  contactName?: string;
  contactPhone?: string;
  liaison?: string;
  note?: string;
}

// The same region list as an enterprise's origin (province → prefecture), so places read alike everywhere.
const REGION_OPTIONS = PROVINCES.map((p) => ({
  value: p.code,
  label: p.name,
  children: p.cities.length ? p.cities.map((c) => ({ value: c.code, label: c.name })) : undefined,
}));
const COUNTRY_OPTIONS = COUNTRIES.map((c) => ({ value: c.code, label: c.name }));

function regionPath(code: string | null): string[] | undefined {
  if (!code) return undefined;
  const province = PROVINCES.find((p) => p.code.slice(0, 2) === code.slice(0, 2));
  if (!province) return undefined;
  const city = province.cities.find((c) => c.code === `${code.slice(0, 4)}00`);
  return city ? [province.code, city.code] : [province.code];
}

const text = (s: string | undefined) => s?.trim() || null;

/** One form to record and edit a source; mounted only while open. Editing sends only what changed. */
export function SourceFormModal(props: {
  source: SourceView | null;
  unitOptions: UnitOptions;
  unitLocked: boolean;
  defaultUnitId: string;
  defaultKind?: SourceKind;
  onClose: (saved?: SourceView) => void;
}) {
  const t = useT(sourcesMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<SourceFormValues>();
  const create = useCreateSource();
  const update = useUpdateSource();
  const s = props.source;
  const mutation = s ? update : create;
  const kind = Form.useWatch('kind', form);
  const where = Form.useWatch('where', form);

  const initialValues: Partial<SourceFormValues> = s
    ? {
        unitId: s.unitId,
        kind: s.kind,
        name: s.name,
        where: s.country ? 'abroad' : 'china',
        region: regionPath(s.regionCode),
        country: s.country,
        place: s.place ?? '',
        enterpriseId: s.enterpriseId,
        contactName: s.contactName ?? '',
        contactPhone: s.contactPhone ?? '',
        liaison: s.liaison ?? '',
        note: s.note ?? '',
      }
    : { unitId: props.defaultUnitId, kind: props.defaultKind ?? 'chamber', where: 'china' };

  const submit = (v: SourceFormValues) => {
    const fields = {
      kind: v.kind,
      name: v.name.trim(),
      regionCode: v.where === 'china' ? (v.region?.at(-1) ?? null) : null,
      country: v.where === 'abroad' ? (v.country ?? null) : null,
      place: text(v.place),
      enterpriseId: v.kind === 'invested_enterprise' ? (v.enterpriseId ?? null) : null,
      contactName: text(v.contactName),
      contactPhone: text(v.contactPhone),
      liaison: text(v.liaison),
      note: text(v.note),
    };
    const onError = (err: unknown) => {
      if (!isApiError(err) || !err.fields) return;
      form.setFields(
        Object.entries(err.fields).map(([k, f]) => ({
          name: (k === 'regionCode' ? 'region' : k) as keyof SourceFormValues,
          errors: [lang === 'zh' ? f.messageZh : f.message],
        })),
      );
    };
    if (!s) {
      create.mutate(
        { unitId: v.unitId, ...fields },
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
    const patch = changedFields(s, next);
    if (Object.keys(patch).length === 0) {
      props.onClose();
      return;
    }
    update.mutate(
      { id: s.id, patch: { version: s.version, ...patch } },
      {
        onSuccess: (saved) => {
          void message.success(t.saved);
          props.onClose(saved);
        },
        onError,
      },
    );
  };

  const conflict = isApiError(mutation.error) && mutation.error.code === 'network_sources.version_conflict';
  const required = [{ required: true, message: t.required }];
  const half = { xs: 24, sm: 12 };

  return (
    <Modal
      open
      title={s ? t.edit : t.add}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={() => props.onClose()}
      mask={{ closable: false }}
      width={720}
    >
      <Form<SourceFormValues>
        form={form}
        name="source"
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
      >
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="kind" label={t.kind} rules={required}>
              <Select<SourceKind>
                options={SOURCE_KINDS.map((k) => ({ value: k, label: SOURCE_KIND_LABELS[k][lang] }))}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="unitId" label={t.unit} rules={required}>
              <Select
                options={props.unitOptions}
                disabled={props.unitLocked}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="name" label={t.name} rules={[...required, { max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        {kind === 'invested_enterprise' ? (
          <Form.Item name="enterpriseId" label={t.enterprise} rules={required}>
            <EnterpriseSelect initialLabel={s?.enterpriseName ?? null} />
          </Form.Item>
        ) : null}
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="where" label={t.region}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'china', label: t.region },
                  { value: 'abroad', label: t.abroad },
                ]}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            {where === 'abroad' ? (
              <Form.Item name="country" label={t.country}>
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={COUNTRY_OPTIONS} />
              </Form.Item>
            ) : (
              <Form.Item name="region" label={t.region}>
                <Cascader options={REGION_OPTIONS} changeOnSelect allowClear showSearch />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Form.Item name="place" label={t.place} rules={[{ max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="contactName" label={t.contactName} rules={[{ max: 40 }]}>
              <Input maxLength={40} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="contactPhone" label={t.contactPhone} rules={[{ max: 40 }]}>
              <Input maxLength={40} autoComplete="off" inputMode="tel" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="liaison" label={t.liaison} rules={[{ max: 40 }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t.note}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
      {mutation.error ? (
        <Alert
          type={conflict ? 'warning' : 'error'}
          showIcon
          role="alert"
          title={errorText(mutation.error, lang)}
          action={
            conflict && s ? (
              <Button
                size="small"
                onClick={() => {
                  void queryClient.invalidateQueries({ queryKey: sourceKeys.all });
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

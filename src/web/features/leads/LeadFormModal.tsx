import {
  Alert,
  App,
  AutoComplete,
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Switch,
} from 'antd';
import type { Dayjs } from 'dayjs';
import {
  LEAD_CHANNEL_LABELS,
  LEAD_CHANNELS,
  type LeadChannel,
  type LeadView,
} from '../../../domain/leads/leads.schemas.js';
import { DISTRICT_CHAINS } from '../../../domain/projects/project-attributes.js';
import { errorText, isApiError } from '../../app/api.js';
import { changedFields } from '../../app/changed-fields.js';
import { useLang, useT } from '../../app/i18n.js';
import { queryClient } from '../../app/query-client.js';
import { IndustrySelect } from '../../components/IndustrySelect.js';
import { EnterpriseSelect } from '../enterprises/EnterpriseSelect.js';
import { NetworkSelect } from '../network/NetworkSelect.js';
import {
  afterToday,
  amountRule,
  formatDay,
  parseDay,
  todayInChina,
  wanInput,
  wanToYuan,
} from '../projects/project-format.js';
import type { UnitOptions } from '../users/unit-options.js';
import { leadKeys, useCreateLead, useUpdateLead } from './leads.api.js';
import { leadsMessages } from './leads.messages.js';

interface LeadFormValues {
  unitId: string;
  enterpriseMode: 'pick' | 'new';
  enterpriseId?: string | null;
  enterpriseName?: string;
  creditCode?: string;
  title: string;
  channel: LeadChannel;
  receivedOn: Dayjs;
  referrer?: string;
  intendedAmountYuan?: string;
  industryDivision?: string;
  chain?: string;
  intention?: string;
  siteNeeds?: string;
  supportAsked?: string;
  shared?: boolean;
  referralSourceId?: string | null;
  eventId?: string | null;
  chainLinkId?: string | null;
}

/** Channels whose lead someone in the network referred (以商招商 / 以情招商): the source picker comes first. */
const REFERRED_CHANNELS: readonly LeadChannel[] = ['via_business', 'kinship', 'resident'];

const text = (s: string | undefined) => s?.trim() || null;

/** One form for entering and editing a lead; mounted only while open. Edit sends only what changed. */
export function LeadFormModal(props: {
  lead: LeadView | null;
  unitOptions: UnitOptions;
  unitLocked: boolean;
  defaultUnitId: string;
  /** A new lead about a known enterprise (a target enterprise's 转为线索): picked, titled, channel 定向招商. */
  prefill?: { enterpriseId: string; enterpriseName: string; title?: string; chainLinkId?: string | null };
  onClose: (saved?: LeadView) => void;
}) {
  const t = useT(leadsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<LeadFormValues>();
  const create = useCreateLead();
  const update = useUpdateLead();
  const mutation = props.lead ? update : create;
  const mode = Form.useWatch('enterpriseMode', form);
  const channel = Form.useWatch('channel', form);
  const l = props.lead;

  const initialValues: Partial<LeadFormValues> = l
    ? {
        unitId: l.unitId,
        enterpriseMode: 'pick',
        enterpriseId: l.enterpriseId,
        title: l.title,
        channel: l.channel,
        receivedOn: parseDay(l.receivedOn) ?? undefined,
        referrer: l.referrer ?? '',
        intendedAmountYuan: wanInput(l.intendedAmountYuan),
        industryDivision: l.industryDivision ?? undefined,
        chain: l.chain ?? '',
        intention: l.intention ?? '',
        siteNeeds: l.siteNeeds ?? '',
        supportAsked: l.supportAsked ?? '',
        referralSourceId: l.referralSourceId,
        eventId: l.eventId,
        chainLinkId: l.chainLinkId,
      }
    : {
        unitId: props.defaultUnitId,
        enterpriseMode: props.prefill ? 'pick' : 'new',
        receivedOn: parseDay(todayInChina()) ?? undefined,
        shared: false,
        ...(props.prefill
          ? {
              enterpriseId: props.prefill.enterpriseId,
              title: props.prefill.title,
              channel: 'targeted' as const,
              chainLinkId: props.prefill.chainLinkId ?? null,
            }
          : {}),
      };

  const submit = (v: LeadFormValues) => {
    const onError = (err: unknown) => {
      if (!isApiError(err) || !err.fields) return;
      // The enterprise's own field errors come back as `enterprise.name` / `creditCode`: put them on its inputs.
      const rename = (k: string) =>
        k === 'enterprise.name'
          ? 'enterpriseName'
          : k.endsWith('creditCode')
            ? 'creditCode'
            : k.split('.')[0]!;
      form.setFields(
        Object.entries(err.fields).map(([k, f]) => ({
          name: rename(k) as keyof LeadFormValues,
          errors: [lang === 'zh' ? f.messageZh : f.message],
        })),
      );
    };
    const fields = {
      title: v.title.trim(),
      channel: v.channel,
      receivedOn: formatDay(v.receivedOn)!,
      referrer: text(v.referrer),
      intendedAmountYuan: wanToYuan(v.intendedAmountYuan),
      industryDivision: text(v.industryDivision)?.toUpperCase() ?? null,
      chain: text(v.chain),
      intention: text(v.intention),
      siteNeeds: text(v.siteNeeds),
      supportAsked: text(v.supportAsked),
      referralSourceId: v.referralSourceId ?? null,
      eventId: v.eventId ?? null,
      chainLinkId: v.chainLinkId ?? null,
    };
    if (!l) {
      const enterprise =
        v.enterpriseMode === 'pick'
          ? { enterpriseId: v.enterpriseId ?? undefined }
          : { enterprise: { name: v.enterpriseName!.trim(), creditCode: text(v.creditCode), kinds: [] } };
      create.mutate(
        { unitId: v.unitId, ...enterprise, ...fields, shared: v.shared ?? false },
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
    const next: Record<string, unknown> = { ...fields, enterpriseId: v.enterpriseId };
    const patch = changedFields(l, next);
    if (Object.keys(patch).length === 0) {
      props.onClose();
      return;
    }
    update.mutate(
      { id: l.id, patch: { version: l.version, ...patch } },
      {
        onSuccess: (saved) => {
          void message.success(t.saved);
          props.onClose(saved);
        },
        onError,
      },
    );
  };

  const conflict = isApiError(mutation.error) && mutation.error.code === 'leads.version_conflict';
  const required = [{ required: true, message: t.required }];
  const half = { xs: 24, sm: 12 };

  return (
    <Modal
      open
      title={l ? t.editLead : t.addLead}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={() => props.onClose()}
      mask={{ closable: false }}
      width={760}
    >
      <Form<LeadFormValues>
        form={form}
        name="lead"
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
      >
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="unitId" label={t.unit} rules={required}>
              <Select
                options={props.unitOptions}
                disabled={props.unitLocked || Boolean(l)}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="receivedOn" label={t.receivedOn} rules={required}>
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={afterToday} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="title" label={t.leadTitle} rules={[...required, { min: 2, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        {l ? null : (
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
        {mode === 'new' && !l ? (
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
            <EnterpriseSelect initialLabel={l?.enterpriseName ?? props.prefill?.enterpriseName ?? null} />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="channel" label={t.channel} rules={required}>
              <Select
                options={LEAD_CHANNELS.map((c) => ({ value: c, label: LEAD_CHANNEL_LABELS[c][lang] }))}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="referrer" label={t.referrer}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          {channel && REFERRED_CHANNELS.includes(channel) ? (
            <Col span={24}>
              <Form.Item name="referralSourceId" label={t.referralSource} extra={t.referralSourceHelp}>
                <NetworkSelect kind="source" />
              </Form.Item>
            </Col>
          ) : null}
          {channel === 'event' ? (
            <Col span={24}>
              <Form.Item name="eventId" label={t.event}>
                <NetworkSelect kind="event" />
              </Form.Item>
            </Col>
          ) : null}
          <Col {...half}>
            <Form.Item name="intendedAmountYuan" label={t.intendedAmount} rules={[amountRule(lang)]}>
              <Input inputMode="decimal" suffix="万元" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="chain" label={t.chain}>
              <AutoComplete options={DISTRICT_CHAINS.map((c) => ({ value: c }))} maxLength={40} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="industryDivision" label={t.industryDivision}>
              <IndustrySelect placeholder="C33 金属制品业" />
            </Form.Item>
          </Col>
          {channel && REFERRED_CHANNELS.includes(channel) ? null : (
            <Col {...half}>
              <Form.Item name="referralSourceId" label={t.referralSource}>
                <NetworkSelect kind="source" />
              </Form.Item>
            </Col>
          )}
          {channel === 'event' ? null : (
            <Col {...half}>
              <Form.Item name="eventId" label={t.event}>
                <NetworkSelect kind="event" />
              </Form.Item>
            </Col>
          )}
          <Col {...half}>
            <Form.Item name="chainLinkId" label={t.chainLink}>
              <NetworkSelect kind="chain_link" />
            </Form.Item>
          </Col>
          {l ? null : (
            <Col {...half}>
              <Form.Item name="shared" label={t.shared} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item name="intention" label={t.intention}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="siteNeeds" label={t.siteNeeds}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="supportAsked" label={t.supportAsked}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {mutation.error ? (
        <Alert
          type={conflict ? 'warning' : 'error'}
          showIcon
          role="alert"
          title={errorText(mutation.error, lang)}
          action={
            conflict && l ? (
              <Button
                size="small"
                onClick={() => {
                  void queryClient.invalidateQueries({ queryKey: leadKeys.detail(l.id) });
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

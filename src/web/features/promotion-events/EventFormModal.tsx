import { Alert, App, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { EventView } from '../../../domain/network/events.schemas.js';
import { EVENT_KIND_LABELS, EVENT_KINDS, type EventKind } from '../../../domain/network/network-codes.js';
import { errorText, isApiError } from '../../app/api.js';
import { changedFields } from '../../app/changed-fields.js';
import { useLang, useT } from '../../app/i18n.js';
import { queryClient } from '../../app/query-client.js';
import {
  amountRule,
  formatDay,
  parseDay,
  todayInChina,
  wanInput,
  wanToYuan,
} from '../projects/project-format.js';
import { useCooperatingUnitOptions, useProjectUnits } from '../projects/project-units.js';
import { eventKeys, useCreateEvent, useUpdateEvent } from './promotion-events.api.js';
import { eventsMessages } from './promotion-events.messages.js';

interface Values {
  unitId: string;
  kind: EventKind;
  name: string;
  startsOn: Dayjs;
  endsOn: Dayjs;
  place?: string;
  organiser?: string;
  participantUnitIds?: string[];
  leaders?: string[];
  participants?: string;
  cost?: string;
  personDays?: number | null;
  summary?: string;
}

const text = (s: string | undefined) => s?.trim() || null;

/** One form for recording and editing an event; mounted only while open. Edit sends only what changed. */
export function EventFormModal(props: { event: EventView | null; onClose: (saved?: EventView) => void }) {
  const t = useT(eventsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const units = useProjectUnits();
  const cooperating = useCooperatingUnitOptions();
  const create = useCreateEvent();
  const update = useUpdateEvent();
  const e = props.event;
  const mutation = e ? update : create;
  const ownUnit = Form.useWatch('unitId', form);

  const initialValues: Partial<Values> = e
    ? {
        unitId: e.unitId,
        kind: e.kind,
        name: e.name,
        startsOn: parseDay(e.startsOn) ?? undefined,
        endsOn: parseDay(e.endsOn) ?? undefined,
        place: e.place ?? '',
        organiser: e.organiser ?? '',
        participantUnitIds: e.participantUnitIds,
        leaders: e.leaders,
        participants: e.participants ?? '',
        cost: wanInput(e.costYuan),
        personDays: e.personDays,
        summary: e.summary ?? '',
      }
    : {
        unitId: (units.formOptions[0] as { value?: string } | undefined)?.value,
        kind: 'expo',
        startsOn: parseDay(todayInChina()) ?? undefined,
        endsOn: parseDay(todayInChina()) ?? undefined,
        participantUnitIds: [],
        leaders: [],
      };

  const onError = (err: unknown) => {
    if (!isApiError(err) || !err.fields) return;
    form.setFields(
      Object.entries(err.fields).map(([k, f]) => ({
        name: (k === 'costYuan' ? 'cost' : k.split('.')[0]) as keyof Values,
        errors: [lang === 'zh' ? f.messageZh : f.message],
      })),
    );
  };

  const submit = (v: Values) => {
    const fields = {
      kind: v.kind,
      name: v.name.trim(),
      startsOn: formatDay(v.startsOn)!,
      endsOn: formatDay(v.endsOn)!,
      place: text(v.place),
      organiser: text(v.organiser),
      participantUnitIds: (v.participantUnitIds ?? []).filter((u) => u !== v.unitId),
      leaders: (v.leaders ?? []).map((l) => l.trim()).filter(Boolean),
      participants: text(v.participants),
      costYuan: wanToYuan(v.cost),
      personDays: v.personDays ?? null,
      summary: text(v.summary),
    };
    if (!e) {
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
    const patch = changedFields(e, fields);
    if (Object.keys(patch).length === 0) {
      props.onClose();
      return;
    }
    update.mutate(
      { id: e.id, patch: { version: e.version, ...patch } },
      {
        onSuccess: (saved) => {
          void message.success(t.saved);
          props.onClose(saved);
        },
        onError,
      },
    );
  };

  const conflict = isApiError(mutation.error) && mutation.error.code === 'promotion_events.version_conflict';
  const required = [{ required: true, message: t.required }];
  const half = { xs: 24, sm: 12 };

  return (
    <Modal
      open
      title={e ? t.edit : t.add}
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
        name="event"
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
      >
        <Form.Item name="name" label={t.name} rules={[...required, { max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="kind" label={t.kind} rules={required}>
              <Select options={EVENT_KINDS.map((k) => ({ value: k, label: EVENT_KIND_LABELS[k][lang] }))} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="unitId" label={t.unit} rules={required}>
              <Select
                options={units.formOptions}
                disabled={!units.districtScope || Boolean(e)}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="startsOn" label={t.startsOn} rules={required}>
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="endsOn"
              label={t.endsOn}
              dependencies={['startsOn']}
              rules={[
                ...required,
                ({ getFieldValue }) => ({
                  validator: (_, value: Dayjs | undefined) => {
                    const start = getFieldValue('startsOn') as Dayjs | undefined;
                    return value && start && value.isBefore(start, 'day')
                      ? Promise.reject(
                          new Error(lang === 'zh' ? '结束日期不能早于开始日期' : 'Ends before it starts'),
                        )
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="place" label={t.place}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="organiser" label={t.organiser}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="participantUnitIds" label={t.participantUnits}>
          <Select
            mode="multiple"
            allowClear
            options={cooperating.filter((o) => !('value' in o) || o.value !== ownUnit)}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item name="leaders" label={t.leaders} extra={t.leadersHelp}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，', '、', ' ']} aria-label={t.leaders} />
        </Form.Item>
        <Form.Item name="participants" label={t.participants}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="cost" label={t.cost} rules={[amountRule(lang)]}>
              <Input inputMode="decimal" suffix="万元" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="personDays" label={t.personDays}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="summary" label={t.summary}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
      {mutation.error ? (
        <Alert
          type={conflict ? 'warning' : 'error'}
          showIcon
          role="alert"
          title={errorText(mutation.error, lang)}
          action={
            conflict && e ? (
              <Button
                size="small"
                onClick={() => {
                  void queryClient.invalidateQueries({ queryKey: eventKeys.detail(e.id) });
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

import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Grid,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { LEAD_STATUS_LABELS } from '../../../domain/leads/leads.schemas.js';
import type {
  EventDetail,
  EventOutcome,
  MeetingView,
  TaskView,
} from '../../../domain/network/events.schemas.js';
import { STAGE_LABELS } from '../../../domain/projects/stages.js';
import { errorText } from '../../app/api.js';
import { useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { EnterpriseSelect } from '../enterprises/EnterpriseSelect.js';
import {
  afterToday,
  amountRule,
  formatDay,
  moneyAuto,
  parseDay,
  todayInChina,
  wanToYuan,
} from '../projects/project-format.js';
import { useCooperatingUnitOptions, useProjectUnits } from '../projects/project-units.js';
import { EventFormModal } from './EventFormModal.js';
import { EventKindTag } from './EventsListPage.js';
import {
  useDeleteEvent,
  useDeleteMeeting,
  useDeleteTask,
  useEvent,
  useMeetingToLead,
  useSaveMeeting,
  useSaveTask,
  useTaskDone,
} from './promotion-events.api.js';
import { eventsMessages } from './promotion-events.messages.js';

const text = (s: string | undefined) => s?.trim() || null;

export function EventDetailPage() {
  const { eventId = '' } = useParams();
  const t = useT(eventsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const q = useEvent(eventId);
  const remove = useDeleteEvent();
  const [editing, setEditing] = useState(false);
  const wide = Boolean(Grid.useBreakpoint().sm);

  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const { event: e, tasks, outcome } = q.data;
  const dash = (v: string | null) => v || '—';

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Flex gap={8} align="center" wrap>
            <span>{e.name}</span>
            <EventKindTag kind={e.kind} />
          </Flex>
        }
        extra={
          e.writable && wide ? (
            <Flex gap={8}>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t.edit}
              </Button>
              <Popconfirm
                title={t.removeConfirm}
                onConfirm={() =>
                  remove.mutate(e.id, {
                    onSuccess: () => {
                      void message.success(t.removed);
                      void navigate('/network/events');
                    },
                    onError: (err) => void message.error(errorText(err, lang)),
                  })
                }
              >
                <Button danger icon={<DeleteOutlined />}>
                  {t.remove}
                </Button>
              </Popconfirm>
            </Flex>
          ) : null
        }
      >
        {e.writable && !wide ? (
          // On a phone the title takes the header's width; the actions come first in the body.
          <Flex gap={8} style={{ marginBottom: 12 }}>
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t.edit}
            </Button>
          </Flex>
        ) : null}
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t.dates}>
            {e.startsOn === e.endsOn ? e.startsOn : `${e.startsOn} ~ ${e.endsOn}`}
          </Descriptions.Item>
          <Descriptions.Item label={t.place}>{dash(e.place)}</Descriptions.Item>
          <Descriptions.Item label={t.organiser}>{dash(e.organiser)}</Descriptions.Item>
          <Descriptions.Item label={t.unit}>{e.unitName}</Descriptions.Item>
          <Descriptions.Item label={t.participantUnits}>
            {e.participantUnits.length ? e.participantUnits.map((u) => <Tag key={u.id}>{u.name}</Tag>) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t.leaders}>
            {e.leaders.length
              ? e.leaders.map((l) => (
                  <Tag key={l} color="gold">
                    {l}
                  </Tag>
                ))
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t.participants}>{dash(e.participants)}</Descriptions.Item>
          <Descriptions.Item label={t.costShort}>{moneyAuto(e.costYuan)}</Descriptions.Item>
          <Descriptions.Item label={t.personDays}>{e.personDays ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t.summary} span={{ xs: 1, sm: 2, lg: 3 }}>
            {dash(e.summary)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <OutcomeCard eventId={e.id} outcome={outcome} />
      <MeetingsCard detail={q.data} />
      <TasksCard detail={q.data} tasks={tasks} />
      {editing ? <EventFormModal event={e} onClose={() => setEditing(false)} /> : null}
    </Flex>
  );
}

function OutcomeCard({ eventId, outcome: o }: { eventId: string; outcome: EventOutcome }) {
  const t = useT(eventsMessages);
  const lang = useLang();
  const f = o.figures;
  const stat = (title: string, value: string | number) => (
    <Col xs={12} sm={8} md={4}>
      <Statistic title={title} value={value} />
    </Col>
  );
  return (
    <Card
      title={t.outcome}
      className="event-outcome"
      extra={
        <Flex gap={12}>
          <Link to={`/leads?eventId=${eventId}`}>{t.viewLeads}</Link>
          <Link to={`/projects?eventId=${eventId}`}>{t.viewProjects}</Link>
        </Flex>
      }
    >
      <Flex vertical gap={16}>
        <Row gutter={[16, 16]}>
          {stat(t.outLeads, f.leads)}
          {stat(t.outConverted, f.converted)}
          {stat(t.outSigned, f.signed)}
          {stat(t.outSignedAmount, moneyAuto(f.signedAmountYuan))}
          {stat(t.outLanded, f.landed)}
          {stat(t.atEvent, t.atEventValue(o.signingsAtEvent.count, moneyAuto(o.signingsAtEvent.amountYuan)))}
        </Row>
        <Typography.Text type="secondary">{t.outcomeWindow(o.from, o.to)}</Typography.Text>
        <Descriptions size="small" title={t.costVsOutcome} column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t.costShort}>{moneyAuto(o.cost.costYuan)}</Descriptions.Item>
          <Descriptions.Item label={t.personDays}>{o.cost.personDays ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t.perLead}>
            {o.cost.wanPerLead ? t.wan(o.cost.wanPerLead) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t.perSigned}>
            {o.cost.wanPerSigned ? t.wan(o.cost.wanPerSigned) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t.daysPerLead}>
            {o.cost.daysPerLead ? t.days(o.cost.daysPerLead) : '—'}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t.roundingNote}；{t.scopeNote}
        </Typography.Text>
        {o.leads.length > 0 ? (
          <Table
            size="small"
            rowKey="id"
            title={() => t.creditedLeads}
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={o.leads}
            columns={[
              {
                key: 'title',
                title: t.leadTitle,
                render: (_, l) => <Link to={`/leads/${l.id}`}>{l.title}</Link>,
              },
              { key: 'ent', title: t.enterprise, dataIndex: 'enterpriseName' },
              { key: 'unit', title: t.ownerUnit, dataIndex: 'unitName' },
              { key: 'status', title: t.status, render: (_, l) => LEAD_STATUS_LABELS[l.status][lang] },
              { key: 'on', title: t.receivedOn, dataIndex: 'receivedOn' },
            ]}
          />
        ) : null}
        {o.projects.length > 0 ? (
          <Table
            size="small"
            rowKey="id"
            title={() => t.creditedProjects}
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={o.projects}
            columns={[
              {
                key: 'name',
                title: t.projectName,
                render: (_, p) => (
                  <Flex gap={4} wrap>
                    <Link to={`/projects/${p.id}`}>{p.name}</Link>
                    {p.signedAtEvent ? <Tag color="green">{t.atEvent}</Tag> : null}
                  </Flex>
                ),
              },
              { key: 'unit', title: t.ownerUnit, dataIndex: 'unitName' },
              { key: 'stage', title: t.stage, render: (_, p) => STAGE_LABELS[p.stage][lang] },
              { key: 'sd', title: t.signingDate, render: (_, p) => p.signingDate ?? '—' },
              { key: 'amt', title: t.outSignedAmount, render: (_, p) => moneyAuto(p.signedAmountYuan) },
            ]}
          />
        ) : null}
      </Flex>
    </Card>
  );
}

function MeetingsCard({ detail }: { detail: EventDetail }) {
  const t = useT(eventsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const e = detail.event;
  const [editing, setEditing] = useState<MeetingView | 'new' | null>(null);
  const [converting, setConverting] = useState<MeetingView | null>(null);
  const remove = useDeleteMeeting(e.id);
  return (
    <Card
      title={t.meetings}
      extra={
        e.writable ? (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t.addMeeting}
          </Button>
        ) : null
      }
    >
      <Table<MeetingView>
        size="small"
        rowKey="id"
        className="event-meetings"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={detail.meetings}
        locale={{ emptyText: t.noMeetings }}
        columns={[
          { key: 'ent', title: t.enterprise, dataIndex: 'enterpriseName' },
          { key: 'on', title: t.metOn, dataIndex: 'metOn' },
          { key: 'contact', title: t.contactPerson, render: (_, m) => m.contactPerson ?? '—' },
          {
            key: 'notes',
            title: t.notes,
            render: (_, m) => (
              <Typography.Paragraph style={{ margin: 0, maxWidth: 360 }}>
                {m.notes ?? '—'}
              </Typography.Paragraph>
            ),
          },
          {
            key: 'lead',
            title: t.lead,
            render: (_, m) =>
              m.leadId ? (
                m.leadTitle ? (
                  <Flex gap={4} wrap>
                    <Link to={`/leads/${m.leadId}`}>{m.leadTitle}</Link>
                    {m.leadStatus ? <Tag>{LEAD_STATUS_LABELS[m.leadStatus][lang]}</Tag> : null}
                  </Flex>
                ) : (
                  <Tag>{t.yes}</Tag>
                )
              ) : e.writable ? (
                <Button size="small" type="primary" ghost onClick={() => setConverting(m)}>
                  {t.toLead}
                </Button>
              ) : (
                '—'
              ),
          },
          ...(e.writable
            ? [
                {
                  key: 'actions',
                  title: '',
                  render: (_: unknown, m: MeetingView) => (
                    <Flex gap={4}>
                      <Button size="small" type="link" onClick={() => setEditing(m)}>
                        {t.editMeeting}
                      </Button>
                      <Popconfirm
                        title={t.removeMeetingConfirm}
                        onConfirm={() =>
                          remove.mutate(m.id, { onError: (err) => void message.error(errorText(err, lang)) })
                        }
                      >
                        <Button size="small" type="link" danger>
                          {t.removeMeeting}
                        </Button>
                      </Popconfirm>
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? (
        <MeetingModal
          eventId={e.id}
          meeting={editing === 'new' ? null : editing}
          startsOn={e.startsOn}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {converting ? (
        <ToLeadModal detail={detail} meeting={converting} onClose={() => setConverting(null)} />
      ) : null}
    </Card>
  );
}

interface MeetingValues {
  enterpriseId: string;
  metOn: Dayjs;
  contactPerson?: string;
  notes?: string;
}

function MeetingModal(props: {
  eventId: string;
  meeting: MeetingView | null;
  startsOn: string;
  onClose: () => void;
}) {
  const t = useT(eventsMessages);
  const lang = useLang();
  const [form] = Form.useForm<MeetingValues>();
  const save = useSaveMeeting(props.eventId);
  const m = props.meeting;
  const today = todayInChina();
  const initialMet = [props.startsOn, today].sort()[0]!;
  return (
    <Modal
      open
      title={m ? t.editMeeting : t.addMeeting}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      mask={{ closable: false }}
    >
      <Form<MeetingValues>
        form={form}
        name="meeting"
        layout="vertical"
        initialValues={
          m
            ? {
                enterpriseId: m.enterpriseId,
                metOn: parseDay(m.metOn) ?? undefined,
                contactPerson: m.contactPerson ?? '',
                notes: m.notes ?? '',
              }
            : { metOn: parseDay(initialMet) ?? undefined }
        }
        onFinish={(v) =>
          save.mutate(
            {
              id: m?.id,
              body: {
                enterpriseId: v.enterpriseId,
                metOn: formatDay(v.metOn)!,
                contactPerson: text(v.contactPerson),
                notes: text(v.notes),
              },
            },
            { onSuccess: props.onClose },
          )
        }
      >
        <Form.Item name="enterpriseId" label={t.enterprise} rules={[{ required: true, message: t.required }]}>
          <EnterpriseSelect initialLabel={m?.enterpriseName ?? null} />
        </Form.Item>
        <Form.Item name="metOn" label={t.metOn} rules={[{ required: true, message: t.required }]}>
          <DatePicker
            style={{ width: '100%' }}
            format="YYYY-MM-DD"
            disabledDate={(d) => afterToday(d) || d.format('YYYY-MM-DD') < props.startsOn}
          />
        </Form.Item>
        <Form.Item name="contactPerson" label={t.contactPerson}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="notes" label={t.notes}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
      {save.error ? <Alert type="error" showIcon role="alert" title={errorText(save.error, lang)} /> : null}
    </Modal>
  );
}

function ToLeadModal(props: { detail: EventDetail; meeting: MeetingView; onClose: () => void }) {
  const t = useT(eventsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const units = useProjectUnits();
  const [form] = Form.useForm<{ title: string; unitId: string; amount?: string }>();
  const make = useMeetingToLead(props.detail.event.id);
  const m = props.meeting;
  return (
    <Modal
      open
      title={t.toLeadTitle}
      okText={t.toLead}
      cancelText={t.cancel}
      confirmLoading={make.isPending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      mask={{ closable: false }}
    >
      <Typography.Paragraph type="secondary">{t.toLeadHelp}</Typography.Paragraph>
      <Form
        form={form}
        name="meetingLead"
        layout="vertical"
        initialValues={{ title: `${m.enterpriseName}项目`.slice(0, 100), unitId: props.detail.event.unitId }}
        onFinish={(v) =>
          make.mutate(
            {
              meetingId: m.id,
              body: { title: v.title.trim(), unitId: v.unitId, intendedAmountYuan: wanToYuan(v.amount) },
            },
            {
              onSuccess: () => {
                void message.success(t.leadCreated);
                props.onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="title"
          label={t.leadTitle}
          rules={[
            { required: true, message: t.required },
            { min: 2, max: 100 },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="unitId" label={t.leadUnit} rules={[{ required: true, message: t.required }]}>
          <Select
            options={units.formOptions}
            disabled={!units.districtScope}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item name="amount" label={t.intendedAmount} rules={[amountRule(lang)]}>
          <Input inputMode="decimal" suffix="万元" />
        </Form.Item>
      </Form>
      {make.error ? <Alert type="error" showIcon role="alert" title={errorText(make.error, lang)} /> : null}
    </Modal>
  );
}

function TasksCard({ detail, tasks }: { detail: EventDetail; tasks: TaskView[] }) {
  const t = useT(eventsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const e = detail.event;
  const [editing, setEditing] = useState<TaskView | 'new' | null>(null);
  const done = useTaskDone(e.id);
  const remove = useDeleteTask(e.id);
  return (
    <Card
      title={t.tasks}
      extra={
        e.writable ? (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t.addTask}
          </Button>
        ) : null
      }
    >
      <Table<TaskView>
        size="small"
        rowKey="id"
        className="event-tasks"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={tasks}
        locale={{ emptyText: t.noTasks }}
        columns={[
          {
            key: 'done',
            title: t.done,
            render: (_, k) => (
              <Checkbox
                checked={Boolean(k.doneOn)}
                disabled={!k.canComplete || done.isPending}
                aria-label={`${t.done} ${k.title}`}
                onChange={(ev) =>
                  done.mutate(
                    { id: k.id, body: { done: ev.target.checked } },
                    { onError: (err) => void message.error(errorText(err, lang)) },
                  )
                }
              />
            ),
          },
          {
            key: 'title',
            title: t.taskTitle,
            render: (_, k) => (
              <Flex gap={4} wrap>
                <span style={k.doneOn ? { textDecoration: 'line-through' } : undefined}>{k.title}</span>
                {k.overdue ? <Tag color="red">{t.overdue}</Tag> : null}
              </Flex>
            ),
          },
          { key: 'unit', title: t.ownerUnit, dataIndex: 'ownerUnitName' },
          { key: 'owner', title: t.ownerName, render: (_, k) => k.ownerName ?? '—' },
          { key: 'due', title: t.dueOn, dataIndex: 'dueOn' },
          { key: 'doneOn', title: t.doneOn, render: (_, k) => k.doneOn ?? '—' },
          ...(e.writable
            ? [
                {
                  key: 'actions',
                  title: '',
                  render: (_: unknown, k: TaskView) => (
                    <Flex gap={4}>
                      <Button size="small" type="link" onClick={() => setEditing(k)}>
                        {t.editTask}
                      </Button>
                      <Popconfirm title={t.removeTask} onConfirm={() => remove.mutate(k.id)}>
                        <Button size="small" type="link" danger>
                          {t.removeTask}
                        </Button>
                      </Popconfirm>
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? (
        <TaskModal
          eventId={e.id}
          defaultUnit={e.unitId}
          task={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Card>
  );
}

interface TaskValues {
  title: string;
  ownerUnitId: string;
  ownerName?: string;
  dueOn: Dayjs;
  note?: string;
}

function TaskModal(props: {
  eventId: string;
  defaultUnit: string;
  task: TaskView | null;
  onClose: () => void;
}) {
  const t = useT(eventsMessages);
  const lang = useLang();
  const [form] = Form.useForm<TaskValues>();
  const save = useSaveTask(props.eventId);
  const unitOptions = useCooperatingUnitOptions();
  const k = props.task;
  return (
    <Modal
      open
      title={k ? t.editTask : t.addTask}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      mask={{ closable: false }}
    >
      <Form<TaskValues>
        form={form}
        name="task"
        layout="vertical"
        initialValues={
          k
            ? {
                title: k.title,
                ownerUnitId: k.ownerUnitId,
                ownerName: k.ownerName ?? '',
                dueOn: parseDay(k.dueOn) ?? undefined,
                note: k.note ?? '',
              }
            : { ownerUnitId: props.defaultUnit }
        }
        onFinish={(v) =>
          save.mutate(
            {
              id: k?.id,
              body: {
                title: v.title.trim(),
                ownerUnitId: v.ownerUnitId,
                ownerName: text(v.ownerName),
                dueOn: formatDay(v.dueOn)!,
                note: text(v.note),
              },
            },
            { onSuccess: props.onClose },
          )
        }
      >
        <Form.Item
          name="title"
          label={t.taskTitle}
          rules={[{ required: true, message: t.required }, { max: 200 }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="ownerUnitId"
              label={t.ownerUnit}
              rules={[{ required: true, message: t.required }]}
            >
              <Select options={unitOptions} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="ownerName" label={t.ownerName}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="dueOn" label={t.dueOn} rules={[{ required: true, message: t.required }]}>
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item name="note" label={t.taskNote}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
      {save.error ? <Alert type="error" showIcon role="alert" title={errorText(save.error, lang)} /> : null}
    </Modal>
  );
}

import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Popconfirm,
  Radio,
  Row,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { industryLabel } from '../../../domain/enterprises/industry.js';
import { LEAD_STATUS_LABELS, type LeadStatus } from '../../../domain/leads/leads.schemas.js';
import {
  TARGET_EVENT_KIND_LABELS,
  TARGET_PRIORITY_LABELS,
  TARGET_TAG_LABELS,
} from '../../../domain/network/network-codes.js';
import { TARGET_MANUAL_EVENT_KINDS } from '../../../domain/network/targets.schemas.js';
import { STAGE_LABELS, type Stage } from '../../../domain/projects/stages.js';
import { errorText } from '../../app/api.js';
import { useCan, useCurrentUser } from '../../app/auth.js';
import { useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { LeadFormModal } from '../leads/LeadFormModal.js';
import { afterToday, formatDay, parseDay, todayInChina } from '../projects/project-format.js';
import { useProjectUnits } from '../projects/project-units.js';
import { TargetFormModal } from './TargetFormModal.js';
import { TargetStatusTag } from './TargetStatusTag.js';
import { useAddTargetEvent, useDeleteTarget, useTarget } from './target-enterprises.api.js';
import { targetEnterprisesMessages } from './target-enterprises.messages.js';

const KIND_COLORS: Record<string, string> = {
  created: 'gray',
  plan: 'blue',
  status: 'orange',
  contact: 'cyan',
  visit: 'green',
  note: 'gray',
};

export function TargetDetailPage() {
  const { targetId = '' } = useParams();
  const t = useT(targetEnterprisesMessages);
  const lang = useLang();
  const can = useCan();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const detail = useTarget(targetId);
  const units = useProjectUnits();
  const addEvent = useAddTargetEvent(targetId);
  const remove = useDeleteTarget();
  const [editing, setEditing] = useState(false);
  const [toLead, setToLead] = useState(false);
  const [form] = Form.useForm<{ kind: string; onDate: Dayjs; note: string }>();

  if (detail.isError) return <ErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Spin />;
  const { target: x, enterprise, history, leads, projects } = detail.data;
  const writable = x.writable && can('pipeline.write');
  const dash = (v: string | null) => v ?? '—';

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Flex gap={8} align="center" wrap>
            <span>{x.enterpriseName}</span>
            <TargetStatusTag status={x.status} />
            {x.priority === 'key' ? <Tag color="red">{TARGET_PRIORITY_LABELS.key[lang]}</Tag> : null}
            {x.hasLead ? <Tag color="blue">{t.hasLead}</Tag> : null}
            {x.hasProject ? <Tag color="green">{t.hasProject}</Tag> : null}
          </Flex>
        }
        extra={
          <Flex gap={8} wrap>
            {writable ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t.edit}
              </Button>
            ) : null}
            {writable ? (
              <Button type="primary" title={t.toLeadHelp} onClick={() => setToLead(true)}>
                {t.toLead}
              </Button>
            ) : null}
            {can('pipeline.coordinate') ? (
              <Popconfirm
                title={t.deleteConfirm}
                okText={t.delete}
                cancelText={t.cancel}
                onConfirm={() =>
                  remove.mutate(x.id, {
                    onSuccess: () => {
                      void message.success(t.deleted);
                      void navigate('/network/targets');
                    },
                    onError: (err) => void message.error(errorText(err, lang)),
                  })
                }
              >
                <Button danger icon={<DeleteOutlined />}>
                  {t.delete}
                </Button>
              </Popconfirm>
            ) : null}
          </Flex>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'unit', label: t.unit, children: x.unitName },
            { key: 'leader', label: t.leaderInCharge, children: dash(x.leaderInCharge) },
            {
              key: 'tags',
              label: t.tags,
              children: x.tags.length
                ? x.tags.map((g) => <Tag key={g}>{TARGET_TAG_LABELS[g][lang]}</Tag>)
                : '—',
            },
            { key: 'link', label: t.chainLink, children: dash(x.chainLinkLabel) },
            {
              key: 'industry',
              label: t.industry,
              children: dash(industryLabel(enterprise.industryDivision)),
            },
            { key: 'origin', label: t.origin, children: dash(enterprise.originLabel) },
            { key: 'credit', label: t.creditCode, children: dash(enterprise.creditCode) },
            {
              key: 'enterprise',
              label: t.enterprise,
              children: <Link to={`/enterprises/${enterprise.id}`}>{enterprise.name}</Link>,
            },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t.plan}>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'approach', label: t.approach, children: <Pre text={x.approach} /> },
                { key: 'contacts', label: t.contacts, children: <Pre text={x.contacts} /> },
                { key: 'offer', label: t.offer, children: <Pre text={x.offer} /> },
                { key: 'nextStep', label: t.nextStep, children: dash(x.nextStep) },
                {
                  key: 'nextStepOn',
                  label: t.nextStepOn,
                  children: x.nextStepOn ? (
                    <Typography.Text type={x.overdue ? 'danger' : undefined} strong={x.overdue}>
                      {x.nextStepOn}
                      {x.overdue ? ` · ${t.overdue}` : ''}
                    </Typography.Text>
                  ) : (
                    '—'
                  ),
                },
              ]}
            />
          </Card>
          <Card title={t.history} style={{ marginTop: 16 }}>
            {writable ? (
              <Form
                form={form}
                layout="inline"
                name="target-history"
                initialValues={{ kind: 'contact', onDate: parseDay(todayInChina()) }}
                onFinish={(v) =>
                  addEvent.mutate(
                    { kind: v.kind as 'contact', onDate: formatDay(v.onDate)!, note: v.note.trim() },
                    {
                      onSuccess: () => {
                        void message.success(t.entryAdded);
                        form.resetFields(['note']);
                      },
                      onError: (err) => void message.error(errorText(err, lang)),
                    },
                  )
                }
                style={{ marginBottom: 16, rowGap: 8 }}
              >
                <Form.Item name="kind" label={t.entryKind}>
                  <Radio.Group
                    optionType="button"
                    options={TARGET_MANUAL_EVENT_KINDS.map((k) => ({
                      value: k,
                      label: TARGET_EVENT_KIND_LABELS[k][lang],
                    }))}
                  />
                </Form.Item>
                <Form.Item
                  name="onDate"
                  label={t.entryDate}
                  rules={[{ required: true, message: t.required }]}
                >
                  <DatePicker format="YYYY-MM-DD" disabledDate={afterToday} />
                </Form.Item>
                <Form.Item
                  name="note"
                  label={t.entryNote}
                  rules={[{ required: true, whitespace: true, message: t.required }]}
                  style={{ flex: '1 1 260px' }}
                >
                  <Input maxLength={2000} />
                </Form.Item>
                <Form.Item>
                  <Button htmlType="submit" icon={<PlusOutlined />} loading={addEvent.isPending}>
                    {t.addEntry}
                  </Button>
                </Form.Item>
              </Form>
            ) : null}
            <Timeline
              items={[...history].reverse().map((h) => ({
                key: h.id,
                color: KIND_COLORS[h.kind],
                content: (
                  <Flex vertical>
                    <span>
                      <Typography.Text strong>{h.onDate}</Typography.Text>{' '}
                      <Tag>{TARGET_EVENT_KIND_LABELS[h.kind][lang]}</Tag>
                      <Typography.Text type="secondary">
                        {h.displayName || h.username ? t.byUser(h.displayName ?? h.username ?? '') : ''}
                      </Typography.Text>
                    </span>
                    {h.note ? <span style={{ whiteSpace: 'pre-wrap' }}>{h.note}</span> : null}
                  </Flex>
                ),
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t.leadsAndProjects}>
            <Typography.Paragraph type="secondary">
              {t.districtCounts(detail.data.districtLeadCount, detail.data.districtProjectCount)}
              {detail.data.districtLeadCount + detail.data.districtProjectCount >
              leads.length + projects.length
                ? ` ${t.otherUnitsNote}`
                : ''}
            </Typography.Paragraph>
            <Typography.Title level={5}>{t.leads}</Typography.Title>
            {leads.length ? (
              <List
                size="small"
                dataSource={leads}
                renderItem={(l) => (
                  <List.Item>
                    <Link to={`/leads/${l.id}`}>{l.title}</Link>
                    <span>
                      {l.unitName} · {LEAD_STATUS_LABELS[l.status as LeadStatus]?.[lang] ?? l.status}
                    </span>
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noneInScope} />
            )}
            <Typography.Title level={5}>{t.projects}</Typography.Title>
            {projects.length ? (
              <List
                size="small"
                dataSource={projects}
                renderItem={(p) => (
                  <List.Item>
                    <Link to={`/projects/${p.id}`}>{p.name}</Link>
                    <span>
                      {p.unitName} · {STAGE_LABELS[p.stage as Stage]?.[lang] ?? p.stage}
                    </span>
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noneInScope} />
            )}
          </Card>
        </Col>
      </Row>
      {editing ? (
        <TargetFormModal
          target={x}
          unitOptions={units.formOptions}
          defaultUnitId={me.unit.id}
          onClose={() => setEditing(false)}
        />
      ) : null}
      {toLead ? (
        <LeadFormModal
          lead={null}
          unitOptions={units.formOptions}
          unitLocked={!units.districtScope}
          defaultUnitId={units.districtScope ? x.unitId : me.unit.id}
          prefill={{
            enterpriseId: x.enterpriseId,
            enterpriseName: x.enterpriseName,
            chainLinkId: x.chainLinkId,
          }}
          onClose={(saved) => {
            setToLead(false);
            if (saved) void navigate(`/leads/${saved.id}`);
          }}
        />
      ) : null}
    </Flex>
  );
}

function Pre({ text }: { text: string | null }) {
  return text ? <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span> : <>—</>;
}

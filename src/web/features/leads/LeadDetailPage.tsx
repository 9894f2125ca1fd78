import { EditOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Popconfirm,
  Row,
  Skeleton,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  LEAD_CHANNEL_LABELS,
  LEAD_EVENT_KINDS,
  LEAD_EVENT_LABELS,
  type LeadEventKind,
  type LeadEventView,
  type LeadView,
} from '../../../domain/leads/leads.schemas.js';
import { STAGE_LABELS } from '../../../domain/projects/stages.js';
import { errorText } from '../../app/api.js';
import { formatDateTime } from '../../app/dates.js';
import { useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { ChainLinkLink, EventLink, SourceLink } from '../network-sources/RecordNetworkLinks.js';
import { moneyAuto } from '../projects/project-format.js';
import { useProjectUnits } from '../projects/project-units.js';
import { LeadClockBadges } from './LeadClockBadges.js';
import { LeadFilesCard } from './LeadFilesCard.js';
import { LeadFormModal } from './LeadFormModal.js';
import { LeadNoteModal } from './LeadNoteModal.js';
import { LeadStatusTag } from './LeadStatusTag.js';
import { useLead, useLeadAction } from './leads.api.js';
import { leadsMessages } from './leads.messages.js';
import { ScreeningCard } from './ScreeningCard.js';

const isEventKind = (k: string): k is LeadEventKind => (LEAD_EVENT_KINDS as readonly string[]).includes(k);

/** A lead's history, oldest first: what happened, on which day, who recorded it, the note. */
export function LeadHistory({ events }: { events: LeadEventView[] }) {
  const t = useT(leadsMessages);
  const lang = useLang();
  if (events.length === 0) return <Empty description={t.noHistory} />;
  return (
    <Timeline
      items={events.map((e) => ({
        key: e.id,
        className: 'lead-history-entry',
        color: e.kind === 'converted' ? 'green' : 'blue',
        content: (
          <Flex vertical gap={2}>
            <Typography.Text strong>
              <span style={{ marginInlineEnd: 8 }}>{e.onDate}</span>
              {isEventKind(e.kind) ? LEAD_EVENT_LABELS[e.kind][lang] : e.kind}
            </Typography.Text>
            {e.note ? <Typography.Text>{e.note}</Typography.Text> : null}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {e.displayName ?? e.username ?? ''} · {formatDateTime(e.at)}
            </Typography.Text>
          </Flex>
        ),
      }))}
    />
  );
}

function Facts({ lead }: { lead: LeadView }) {
  const t = useT(leadsMessages);
  const lang = useLang();
  const dash = (v: string | null) => v || '—';
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2 }}
      items={[
        { key: 'unit', label: t.unit, children: lead.unitName },
        { key: 'enterprise', label: t.enterprise, children: lead.enterpriseName },
        { key: 'channel', label: t.channel, children: LEAD_CHANNEL_LABELS[lead.channel][lang] },
        { key: 'referrer', label: t.referrer, children: dash(lead.referrer) },
        { key: 'referralSource', label: t.referralSource, children: <SourceLink r={lead} /> },
        { key: 'event', label: t.event, children: <EventLink r={lead} /> },
        { key: 'chainLink', label: t.chainLink, children: <ChainLinkLink r={lead} /> },
        { key: 'amount', label: t.intendedAmountShort, children: moneyAuto(lead.intendedAmountYuan) },
        { key: 'chain', label: t.chain, children: dash(lead.chain) },
        { key: 'industry', label: t.industryDivision, children: dash(lead.industryDivision) },
        { key: 'received', label: t.receivedOn, children: lead.receivedOn },
        { key: 'responded', label: t.respondedOn, children: dash(lead.respondedOn) },
        { key: 'fedBack', label: t.fedBackOn, children: dash(lead.fedBackOn) },
        { key: 'reported', label: t.lastReportedOn, children: dash(lead.lastReportedOn) },
        { key: 'intention', label: t.intention, span: 2, children: dash(lead.intention) },
        { key: 'site', label: t.siteNeeds, children: dash(lead.siteNeeds) },
        { key: 'support', label: t.supportAsked, children: dash(lead.supportAsked) },
      ]}
    />
  );
}

type NoteAction = 'respond' | 'feedback' | 'progress-report';

export function LeadDetailPage() {
  const { leadId = '' } = useParams();
  const t = useT(leadsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const detail = useLead(leadId);
  const units = useProjectUnits();
  const [editing, setEditing] = useState(false);
  const [noting, setNoting] = useState<NoteAction | null>(null);
  const share = useLeadAction('share');
  const convert = useLeadAction('convert');

  if (detail.isError) return <ErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Skeleton active />;
  const { lead, events, project } = detail.data;
  const w = lead.writable;
  const open = lead.status === 'new' || lead.status === 'following';
  const actionError = share.error ?? convert.error;

  const noteTitles: Record<NoteAction, string> = {
    respond: t.respond,
    feedback: t.feedback,
    'progress-report': t.report,
  };

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Flex gap={8} align="center" wrap>
            <span>{lead.title}</span>
            <LeadStatusTag status={lead.status} />
            {lead.shared ? <Tag color="cyan">{t.sharedTag}</Tag> : null}
          </Flex>
        }
        extra={
          w ? (
            <Flex gap={8} wrap justify="flex-end">
              {open && !lead.respondedOn ? (
                <Button onClick={() => setNoting('respond')}>{t.respond}</Button>
              ) : null}
              {lead.status !== 'converted' ? (
                <Button onClick={() => setNoting('feedback')}>{t.feedback}</Button>
              ) : null}
              {lead.status === 'following' ? (
                <Button onClick={() => setNoting('progress-report')}>{t.report}</Button>
              ) : null}
              <Button
                loading={share.isPending}
                onClick={() =>
                  share.mutate({ id: lead.id, body: { version: lead.version, shared: !lead.shared } })
                }
              >
                {lead.shared ? t.unshare : t.share}
              </Button>
              {lead.status !== 'converted' ? (
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  {t.editLead}
                </Button>
              ) : null}
              {lead.status === 'following' ? (
                <Popconfirm
                  title={t.convertConfirm}
                  okText={t.ok}
                  cancelText={t.cancel}
                  onConfirm={() =>
                    convert.mutate(
                      { id: lead.id, body: { version: lead.version } },
                      { onSuccess: () => void message.success(t.converted) },
                    )
                  }
                >
                  <Button type="primary" loading={convert.isPending}>
                    {t.convert}
                  </Button>
                </Popconfirm>
              ) : null}
            </Flex>
          ) : null
        }
      >
        {!w && lead.shared ? (
          <Alert type="info" showIcon title={t.readOnlyShared} style={{ marginBottom: 12 }} />
        ) : null}
        {actionError ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={errorText(actionError, lang)}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        {project ? (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            title={
              <Flex gap={8} wrap>
                <span>
                  {t.project}：{project.name}（{STAGE_LABELS[project.stage][lang]}）
                </span>
                <Link to={`/projects/${project.id}`}>{t.openProject}</Link>
              </Flex>
            }
          />
        ) : null}
        <Facts lead={lead} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            <Card title={t.clocks} size="small">
              <LeadClockBadges clocks={lead.clocks} all />
            </Card>
            <ScreeningCard lead={lead} />
          </Flex>
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap={16}>
            <Card title={t.history} size="small">
              <LeadHistory events={events} />
            </Card>
            <LeadFilesCard leadId={lead.id} writable={lead.writable} />
          </Flex>
        </Col>
      </Row>
      {editing ? (
        <LeadFormModal
          lead={lead}
          unitOptions={units.formOptions}
          unitLocked
          defaultUnitId={lead.unitId}
          onClose={() => setEditing(false)}
        />
      ) : null}
      {noting ? (
        <LeadNoteModal
          lead={lead}
          action={noting}
          title={noteTitles[noting]}
          onClose={() => setNoting(null)}
        />
      ) : null}
    </Flex>
  );
}

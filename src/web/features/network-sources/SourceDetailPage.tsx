import { EditOutlined, StopOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Popconfirm,
  Row,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { LeadStatus } from '../../../domain/leads/leads.schemas.js';
import { SOURCE_KIND_LABELS } from '../../../domain/network/network-codes.js';
import type { SourceDetail } from '../../../domain/network/sources.schemas.js';
import type { Stage } from '../../../domain/projects/stages.js';
import { errorText } from '../../app/api.js';
import { useCan } from '../../app/auth.js';
import { useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { LeadStatusTag } from '../leads/LeadStatusTag.js';
import { moneyWan } from '../projects/project-format.js';
import { useProjectUnits } from '../projects/project-units.js';
import { StageTag } from '../projects/StageTag.js';
import { drillHref, type OutcomeMetric } from './outcome-drill.js';
import { type Period, PeriodPicker, presetPeriod } from './PeriodPicker.js';
import { SourceFormModal } from './SourceFormModal.js';
import { useDeactivateSource, useSource, useUpdateSource } from './sources.api.js';
import { sourcesMessages } from './sources.messages.js';

/** 万元 without the unit (the heading names it). */
const wanFigure = (yuan: string | null) => moneyWan(yuan).replace(/\s*万元$/, '');

function OutcomeCard({
  detail,
  period,
  onPeriod,
}: {
  detail: SourceDetail;
  period: Period;
  onPeriod: (p: Period) => void;
}) {
  const t = useT(sourcesMessages);
  const o = detail.outcome;
  const by = { referralSourceId: detail.source.id };
  const figure = (metric: OutcomeMetric, title: string, value: string | number) => (
    <Col xs={12} sm={8} md={3} key={metric}>
      <Link to={drillHref(metric, by, period)} data-testid={`outcome-${metric}`}>
        <Statistic title={title} value={value} />
      </Link>
    </Col>
  );
  return (
    <Card title={t.outcome} extra={<PeriodPicker value={period} onChange={onPeriod} />}>
      <Row gutter={[16, 16]}>
        {figure('leads', t.leads, o.leads)}
        {figure('converted', t.converted, o.converted)}
        <Col xs={12} sm={8} md={3}>
          <Statistic title={t.conversion} value={o.conversion === null ? '—' : `${o.conversion}%`} />
        </Col>
        {figure('signed', t.signed, o.signed)}
        {figure('signedAmountYuan', t.signedAmount, wanFigure(o.signedAmountYuan))}
        {figure('landed', t.landed, o.landed)}
        {figure('started', t.started, o.started)}
      </Row>
    </Card>
  );
}

export function SourceDetailPage() {
  const { sourceId = '' } = useParams();
  const t = useT(sourcesMessages);
  const lang = useLang();
  const can = useCan();
  const { message } = App.useApp();
  const [period, setPeriod] = useState<Period>(() => presetPeriod('year'));
  const detail = useSource(sourceId, period.from, period.to);
  const units = useProjectUnits();
  const deactivate = useDeactivateSource();
  const update = useUpdateSource();
  const [editing, setEditing] = useState(false);

  if (detail.isError) return <ErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Skeleton active />;
  const { source: s, leads, projects } = detail.data;
  const writable = can('pipeline.write') && s.inScope;
  const hidden = !s.inScope;
  const dash = (v: string | null) => v || '—';

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Flex gap={8} align="center" wrap>
            <span>{s.name}</span>
            <Tag color="blue">{SOURCE_KIND_LABELS[s.kind][lang]}</Tag>
            {s.active ? null : <Tag>{t.inactive}</Tag>}
          </Flex>
        }
        extra={
          writable ? (
            <Flex gap={8}>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t.edit}
              </Button>
              {s.active ? (
                <Popconfirm
                  title={t.deactivateConfirm}
                  onConfirm={() =>
                    deactivate.mutate(
                      { id: s.id, version: s.version },
                      {
                        onSuccess: () => void message.success(t.deactivated),
                        onError: (err) => void message.error(errorText(err, lang)),
                      },
                    )
                  }
                >
                  <Button icon={<StopOutlined />} danger>
                    {t.deactivate}
                  </Button>
                </Popconfirm>
              ) : (
                <Button
                  loading={update.isPending}
                  onClick={() =>
                    update.mutate(
                      { id: s.id, patch: { version: s.version, active: true } },
                      { onError: (err) => void message.error(errorText(err, lang)) },
                    )
                  }
                >
                  {t.reactivate}
                </Button>
              )}
            </Flex>
          ) : null
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'region', label: t.region, children: dash(s.regionLabel) },
            { key: 'place', label: t.place, children: dash(s.place) },
            { key: 'unit', label: t.unit, children: s.unitName },
            ...(s.enterpriseId
              ? [
                  {
                    key: 'enterprise',
                    label: t.enterprise,
                    children: <Link to={`/enterprises/${s.enterpriseId}`}>{s.enterpriseName}</Link>,
                  },
                ]
              : []),
            {
              key: 'contact',
              label: t.contactName,
              children: hidden
                ? t.contactsHidden
                : dash([s.contactName, s.contactPhone].filter(Boolean).join(' ')),
            },
            { key: 'liaison', label: t.liaison, children: hidden ? '—' : dash(s.liaison) },
            { key: 'note', label: t.note, span: 2, children: hidden ? '—' : dash(s.note) },
          ]}
        />
      </Card>
      <OutcomeCard detail={detail.data} period={period} onPeriod={setPeriod} />
      <Card
        title={t.referredLeads}
        extra={
          <Flex gap={12} align="center">
            <Typography.Text type="secondary">{t.scopeNote}</Typography.Text>
            <Link to={`/leads?referralSourceId=${s.id}`}>{t.allLeads}</Link>
          </Flex>
        }
      >
        <Table
          rowKey="id"
          size="small"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={leads}
          locale={{ emptyText: t.empty }}
          columns={[
            {
              key: 'title',
              title: t.leadTitle,
              render: (_, l) => <Link to={`/leads/${l.id}`}>{l.title}</Link>,
            },
            { key: 'enterprise', title: t.enterpriseName, dataIndex: 'enterpriseName' },
            { key: 'unit', title: t.ownerUnit, dataIndex: 'unitName' },
            { key: 'receivedOn', title: t.receivedOn, dataIndex: 'receivedOn' },
            {
              key: 'status',
              title: t.leadStatus,
              render: (_, l) => <LeadStatusTag status={l.status as LeadStatus} />,
            },
          ]}
        />
      </Card>
      <Card
        title={t.referredProjects}
        extra={<Link to={`/projects?referralSourceId=${s.id}`}>{t.allProjects}</Link>}
      >
        <Table
          rowKey="id"
          size="small"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={projects}
          locale={{ emptyText: t.empty }}
          columns={[
            {
              key: 'name',
              title: t.projectName,
              render: (_, p) => <Link to={`/projects/${p.id}`}>{p.name}</Link>,
            },
            { key: 'unit', title: t.ownerUnit, dataIndex: 'unitName' },
            { key: 'stage', title: t.stage, render: (_, p) => <StageTag stage={p.stage as Stage} /> },
            { key: 'amount', title: t.signedAmount, render: (_, p) => wanFigure(p.signedAmountYuan) },
            { key: 'signingDate', title: t.signingDate, render: (_, p) => p.signingDate ?? '—' },
          ]}
        />
      </Card>
      {editing ? (
        <SourceFormModal
          source={s}
          unitOptions={units.formOptions}
          unitLocked={!units.districtScope}
          defaultUnitId={s.unitId}
          onClose={() => setEditing(false)}
        />
      ) : null}
    </Flex>
  );
}

import { EditOutlined, SwapOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Descriptions,
  type DescriptionsProps,
  Flex,
  Row,
  Skeleton,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { formatMoneyAuto, yuanFromJson } from '../../../domain/money/money.js';
import {
  CHAIN_ROLE_LABELS,
  CHANNEL_LABELS,
  POLLUTION_CLASS_LABELS,
  SOURCE_AREA_LABELS,
} from '../../../domain/projects/project-attributes.js';
import type { ProjectView } from '../../../domain/projects/projects.schemas.js';
import { AGREEMENT_TYPE_LABELS, STAGE_LABELS } from '../../../domain/projects/stages.js';
import { useCan, useCurrentUser } from '../../app/auth.js';
import { formatDateTime } from '../../app/dates.js';
import { useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { ActivitiesCard } from '../activities/ActivitiesCard.js';
import { AgreementsCard } from '../agreements/AgreementsCard.js';
import { CapitalCard } from '../capital/CapitalCard.js';
import { ProjectLandingCard } from '../landing/ProjectLandingCard.js';
import { leadsMessages } from '../leads/leads.messages.js';
import { ChainLinkLink, EventLink, SourceLink } from '../network-sources/RecordNetworkLinks.js';
import { AttachmentsCard } from './AttachmentsCard.js';
import { MoveProjectModal } from './MoveProjectModal.js';
import { ProjectFormModal } from './ProjectFormModal.js';
import { ProjectTimelineCard } from './ProjectTimelineCard.js';
import { moneyWan, usdWan } from './project-format.js';
import { useProjectUnits, useUnitNames } from './project-units.js';
import { useProject } from './projects.api.js';
import { projectsMessages } from './projects.messages.js';
import { StageTag } from './StageTag.js';
import { StageTimeline } from './StageTimeline.js';

/** 「12,000.00 万元（1.20 亿元）」: 万元 as entered, with 亿元 alongside once it reaches one. */
function moneyDetail(yuan: string | null): string {
  if (yuan === null) return '—';
  const auto = formatMoneyAuto(yuanFromJson(yuan));
  return auto.unit === '亿元' ? `${moneyWan(yuan)}（${auto.value} 亿元）` : moneyWan(yuan);
}

function UnitNames({ ids }: { ids: string[] }) {
  return <>{useUnitNames(ids).join('、')}</>;
}

function useDescriptionItems(p: ProjectView): DescriptionsProps['items'] {
  const t = useT(projectsMessages);
  const tl = useT(leadsMessages);
  const lang = useLang();
  const dash = (v: string | null) => v || '—';
  const items: DescriptionsProps['items'] = [
    { key: 'unit', label: t.unit, children: p.unitName },
    { key: 'enterprise', label: t.enterprise, children: dash(p.enterpriseName) },
    { key: 'stage', label: t.stage, children: <StageTag stage={p.stage} /> },
    { key: 'industrial', label: t.industrial, children: p.industrial ? t.industrialYes : t.industrialNo },
    { key: 'industryDivision', label: t.industryDivision, children: dash(p.industryDivision) },
    { key: 'chain', label: t.chain, children: dash(p.chain) },
    {
      key: 'chainRole',
      label: t.chainRole,
      children: p.chainRole ? CHAIN_ROLE_LABELS[p.chainRole][lang] : '—',
    },
    { key: 'highTech', label: t.highTech, children: p.highTech ? t.yes : t.no },
    { key: 'channel', label: t.channel, children: p.channel ? CHANNEL_LABELS[p.channel][lang] : '—' },
    {
      key: 'lead',
      label: tl.sourceLead,
      children: p.leadId ? <Link to={`/leads/${p.leadId}`}>{tl.openLead}</Link> : '—',
    },
    { key: 'referralSource', label: t.referralSource, children: <SourceLink r={p} /> },
    { key: 'event', label: t.event, children: <EventLink r={p} /> },
    { key: 'chainLink', label: t.chainLink, children: <ChainLinkLink r={p} /> },
    {
      key: 'sourceArea',
      label: t.sourceArea,
      children: p.sourceArea ? SOURCE_AREA_LABELS[p.sourceArea][lang] : '—',
    },
    { key: 'plannedTotal', label: t.plannedTotal, children: moneyDetail(p.plannedTotalYuan) },
    { key: 'fixedAsset', label: t.fixedAsset, children: moneyDetail(p.fixedAssetYuan) },
    { key: 'signedAmount', label: t.signedAmount, children: moneyDetail(p.signedAmountYuan) },
    { key: 'foreignFunded', label: t.foreignFunded, children: p.foreignFunded ? t.yes : t.no },
    { key: 'capitalIncrease', label: t.capitalIncrease, children: p.capitalIncrease ? t.yes : t.no },
  ];
  if (p.capitalIncrease) {
    items.push({ key: 'incrementAmount', label: t.incrementAmount, children: moneyDetail(p.incrementYuan) });
  }
  if (p.foreignFunded) {
    items.push({
      key: 'contractedForeign',
      label: t.contractedForeign,
      children: usdWan(p.contractedForeignUsdCents),
    });
  }
  items.push(
    { key: 'signingDate', label: t.signingDate, children: dash(p.signingDate) },
    {
      key: 'agreementType',
      label: t.agreementType,
      children: p.agreementType ? AGREEMENT_TYPE_LABELS[p.agreementType][lang] : '—',
    },
    { key: 'landedDate', label: t.landedDate, children: dash(p.landedDate) },
    { key: 'startDate', label: t.startDate, children: dash(p.startDate) },
    { key: 'productionDate', label: t.productionDate, children: dash(p.productionDate) },
    { key: 'expectedOutput', label: t.expectedOutput, children: moneyDetail(p.expectedOutputYuan) },
    { key: 'expectedTax', label: t.expectedTax, children: moneyDetail(p.expectedTaxYuan) },
    {
      key: 'expectedJobs',
      label: t.expectedJobs,
      children: p.expectedJobs === null ? '—' : `${p.expectedJobs} ${t.people}`,
    },
    { key: 'landArea', label: t.landArea, children: p.landAreaMu === null ? '—' : `${p.landAreaMu} ${t.mu}` },
    { key: 'energy', label: t.energy, children: p.energyTce === null ? '—' : `${p.energyTce} ${t.tce}` },
    {
      key: 'pollutionClass',
      label: t.pollutionClass,
      children: p.pollutionClass ? POLLUTION_CLASS_LABELS[p.pollutionClass][lang] : '—',
    },
    {
      key: 'cooperatingUnits',
      label: t.cooperatingUnits,
      children: p.cooperatingUnitIds.length === 0 ? '—' : <UnitNames ids={p.cooperatingUnitIds} />,
    },
    { key: 'liaisonLeader', label: t.liaisonLeader, children: dash(p.liaisonLeader) },
    { key: 'greenChannel', label: t.greenChannel, children: p.greenChannel ? t.yes : t.no },
    { key: 'cityProjectCode', label: t.cityProjectCode, children: dash(p.cityProjectCode) },
    { key: 'createdAt', label: t.createdAt, children: formatDateTime(p.createdAt) },
    { key: 'updatedAt', label: t.updatedAt, children: formatDateTime(p.updatedAt) },
  );
  return items;
}

function ProjectHeader(props: {
  project: ProjectView;
  canWrite: boolean;
  onEdit: () => void;
  onMove: () => void;
}) {
  const t = useT(projectsMessages);
  const lang = useLang();
  const p = props.project;
  const held = (p.stage === 'paused' || p.stage === 'withdrawn') && p.holdReason;
  return (
    <Flex justify="space-between" align="flex-start" gap={12} wrap>
      <Flex vertical gap={4} style={{ minWidth: 0, flex: '1 1 240px' }}>
        <Flex align="center" gap={8} wrap>
          <Typography.Title level={4} style={{ margin: 0, overflowWrap: 'anywhere' }}>
            {p.name}
          </Typography.Title>
          <StageTag stage={p.stage} />
        </Flex>
        <Typography.Text type="secondary">
          {p.unitName} · {p.enterpriseName ?? t.noEnterprise}
        </Typography.Text>
        {held ? (
          <Typography.Text type="warning">
            {t.heldBecause(STAGE_LABELS[p.stage][lang], p.holdReason ?? '')}
          </Typography.Text>
        ) : null}
      </Flex>
      {props.canWrite ? (
        <Flex gap={8} wrap>
          <Button icon={<EditOutlined />} onClick={props.onEdit}>
            {t.edit}
          </Button>
          <Button type="primary" icon={<SwapOutlined />} onClick={props.onMove}>
            {t.move}
          </Button>
        </Flex>
      ) : null}
    </Flex>
  );
}

export function ProjectDetailPage() {
  const { projectId = '' } = useParams();
  const t = useT(projectsMessages);
  const can = useCan();
  const me = useCurrentUser();
  const canWrite = can('pipeline.write');
  const detail = useProject(projectId);
  const units = useProjectUnits();
  const [editing, setEditing] = useState(false);
  const [moving, setMoving] = useState(false);

  if (detail.isError) return <ErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) {
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  }
  const { project, history, attachments } = detail.data;

  return (
    <Flex vertical gap={16}>
      <Card>
        <ProjectHeader
          project={project}
          canWrite={canWrite}
          onEdit={() => setEditing(true)}
          onMove={() => setMoving(true)}
        />
        <ProjectDescriptions project={project} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <AttachmentsCard projectId={project.id} attachments={attachments} canWrite={canWrite} />
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t.history} data-testid="stage-history">
            <StageTimeline history={history} />
          </Card>
        </Col>
        <Col span={24}>
          <CapitalCard projectId={project.id} projectName={project.name} canWrite={canWrite} />
        </Col>
        <Col span={24}>
          <ProjectLandingCard project={project} />
        </Col>
        <Col span={24}>
          <AgreementsCard projectId={project.id} canWrite={canWrite} />
        </Col>
        <Col span={24}>
          <ActivitiesCard projectId={project.id} canWrite={canWrite} />
        </Col>
        <Col span={24}>
          <ProjectTimelineCard projectId={project.id} />
        </Col>
      </Row>
      {editing ? (
        <ProjectFormModal
          project={project}
          unitOptions={units.formOptions}
          unitLocked={!units.districtScope}
          defaultUnitId={me.unit.id}
          onClose={() => setEditing(false)}
        />
      ) : null}
      {moving ? (
        <MoveProjectModal project={project} attachments={attachments} onClose={() => setMoving(false)} />
      ) : null}
    </Flex>
  );
}

function ProjectDescriptions({ project }: { project: ProjectView }) {
  const t = useT(projectsMessages);
  return (
    <Descriptions
      title={t.details}
      bordered
      size="small"
      column={{ xs: 1, sm: 2, xl: 3 }}
      items={useDescriptionItems(project)}
      style={{ marginTop: 20 }}
    />
  );
}

import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Flex, Row, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { EnterpriseDetail } from '../../../domain/enterprises/enterprises.schemas.js';
import { industryLabel } from '../../../domain/enterprises/industry.js';
import { LEAD_STATUS_LABELS } from '../../../domain/leads/leads.schemas.js';
import type { Stage } from '../../../domain/projects/stages.js';
import { useCan } from '../../app/auth.js';
import { formatDateTime } from '../../app/dates.js';
import { useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { moneyAuto } from '../projects/project-format.js';
import { StageTag } from '../projects/StageTag.js';
import { EnterpriseFormModal } from './EnterpriseFormModal.js';
import { KindTags } from './EnterprisesListPage.js';
import { useEnterprise } from './enterprises.api.js';
import { enterprisesMessages } from './enterprises.messages.js';

type ProjectRow = EnterpriseDetail['projects'][number];
type LeadRow = EnterpriseDetail['leads'][number];

export function EnterpriseDetailPage() {
  const { enterpriseId = '' } = useParams();
  const t = useT(enterprisesMessages);
  const lang = useLang();
  const can = useCan();
  const detail = useEnterprise(enterpriseId);
  const [editing, setEditing] = useState(false);

  if (detail.isError) return <ErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) {
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  }
  const { enterprise: e, projects, leads, editable } = detail.data;
  const dash = (v: string | null) => v || '—';

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="flex-start" gap={12} wrap>
          <Flex vertical gap={4} style={{ minWidth: 0, flex: '1 1 240px' }}>
            <Typography.Title level={4} style={{ margin: 0, overflowWrap: 'anywhere' }}>
              {e.name}
            </Typography.Title>
            <KindTags kinds={e.kinds} />
          </Flex>
          {editable && can('pipeline.write') ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t.edit}
            </Button>
          ) : null}
        </Flex>
        <Descriptions
          title={t.details}
          bordered
          size="small"
          column={{ xs: 1, sm: 2, xl: 3 }}
          style={{ marginTop: 20 }}
          items={[
            {
              key: 'creditCode',
              label: t.creditCode,
              children: <span style={{ fontFamily: 'monospace' }}>{dash(e.creditCode)}</span>,
            },
            { key: 'origin', label: t.origin, children: dash(e.originLabel) },
            { key: 'industry', label: t.industry, children: dash(industryLabel(e.industryDivision)) },
            { key: 'contactName', label: t.contactName, children: dash(e.contactName) },
            {
              key: 'contactPhone',
              label: t.contactPhone,
              children: (
                <Flex vertical gap={2}>
                  <span data-testid="enterprise-phone">{dash(e.contactPhone)}</span>
                  {e.phoneMasked ? (
                    <Typography.Text type="secondary">{t.phoneMaskedHint}</Typography.Text>
                  ) : null}
                </Flex>
              ),
            },
            { key: 'createdAt', label: t.createdAt, children: formatDateTime(e.createdAt) },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t.projects}>
            <Table<ProjectRow>
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t.noProjects }}
              dataSource={projects}
              columns={[
                {
                  title: t.projectName,
                  key: 'name',
                  render: (_, p) => <Link to={`/projects/${p.id}`}>{p.name}</Link>,
                },
                { title: t.unit, dataIndex: 'unitName', key: 'unit' },
                { title: t.stage, key: 'stage', render: (_, p) => <StageTag stage={p.stage as Stage} /> },
                {
                  title: t.plannedTotal,
                  key: 'planned',
                  align: 'right',
                  render: (_, p) => moneyAuto(p.plannedTotalYuan),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t.leads}>
            <Table<LeadRow>
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t.noLeads }}
              dataSource={leads}
              columns={[
                {
                  title: t.leadTitle,
                  key: 'title',
                  render: (_, l) => (
                    <Flex gap={4} align="center">
                      <Link to={`/leads/${l.id}`}>{l.title}</Link>
                      {l.shared ? <Tag color="green">{t.shared}</Tag> : null}
                    </Flex>
                  ),
                },
                { title: t.unit, dataIndex: 'unitName', key: 'unit' },
                {
                  title: t.status,
                  key: 'status',
                  render: (_, l) =>
                    LEAD_STATUS_LABELS[l.status as keyof typeof LEAD_STATUS_LABELS]?.[lang] ?? l.status,
                },
                { title: t.receivedOn, dataIndex: 'receivedOn', key: 'receivedOn' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {editing ? <EnterpriseFormModal enterprise={e} onClose={() => setEditing(false)} /> : null}
    </Flex>
  );
}

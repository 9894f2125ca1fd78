import { Card, Col, Flex, Row, Skeleton, Statistic, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { BreakdownChart, HeadlineCard } from './DashboardParts.js';
import { useUnitDashboard } from './dashboard.api.js';
import { dashboardMessages } from './dashboard.messages.js';
import './dashboard.css';

/** A unit's own view: progress against target and time, its projects by stage, what is overdue, its rank. */
export function UnitDashboardPage() {
  const t = useT(dashboardMessages);
  const [params] = useSearchParams();
  const q = useUnitDashboard(params.get('unitId'));
  const d = q.data;
  if (q.error) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (!d) return <Skeleton active />;

  const overdue = [
    {
      key: 'milestones',
      label: t.overdueMilestones,
      value: d.overdue.milestones,
      to: d.overdue.drills.milestones,
    },
    {
      key: 'notStarted',
      label: t.overdueNotStarted,
      value: d.overdue.projectsNotStarted,
      to: d.overdue.drills.projectsNotStarted,
    },
    { key: 'leads', label: t.overdueLeads, value: d.overdue.leadsOverdue, to: d.overdue.drills.leadsOverdue },
    {
      key: 'capital',
      label: t.overdueCapital,
      value: d.overdue.capitalReportsMissing,
      to: d.overdue.drills.capitalReportsMissing,
    },
    {
      key: 'problems',
      label: t.overdueProblems,
      value: d.overdue.problemsOverdue,
      to: d.overdue.drills.problemsOverdue,
    },
    {
      key: 'commitments',
      label: t.overdueCommitments,
      value: d.overdue.commitmentsOverdue,
      to: d.overdue.drills.commitmentsOverdue,
    },
    {
      key: 'procedures',
      label: t.overdueProcedures,
      value: d.overdue.proceduresOverdue,
      to: d.overdue.drills.proceduresOverdue,
    },
  ];

  return (
    <div className="dashboard">
      <div style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t.unitTitle(d.unitName)}
        </Typography.Title>
        <Typography.Text type="secondary">{t.asOf(d.cutoff, d.timeProgress)}</Typography.Text>
      </div>
      <Row gutter={[12, 12]}>
        {d.headline.map((h) => (
          <Col key={h.key} xs={24} sm={12} lg={8} xl={4}>
            <HeadlineCard h={h} timeProgress={d.timeProgress} />
          </Col>
        ))}
        <Col xs={24} lg={12}>
          <BreakdownChart title={t.stages} label={t.stagesLabel} rows={d.stages} measure="count" />
        </Col>
        <Col xs={24} lg={12}>
          <Flex vertical gap={12}>
            <Card size="small" title={t.unitRank} data-testid="unit-rank">
              <Typography.Text style={{ fontSize: 24, fontWeight: 600 }}>
                {t.unitRankText(d.rank.rank, d.rank.of, d.rank.group)}
              </Typography.Text>
            </Card>
            <Card size="small" title={t.overdue}>
              <Row gutter={[12, 12]}>
                {overdue.map((o) => (
                  <Col key={o.key} xs={12}>
                    <Link to={o.to} data-testid={`overdue-${o.key}`}>
                      <Statistic
                        title={o.label}
                        value={o.value}
                        valueStyle={{ color: o.value > 0 ? '#cf1322' : undefined }}
                      />
                    </Link>
                  </Col>
                ))}
              </Row>
            </Card>
          </Flex>
        </Col>
      </Row>
    </div>
  );
}

import { DesktopOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Row,
  Skeleton,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import type { DistrictDashboard } from '../../../domain/dashboard/dashboard.schemas.js';
import { UNIT_KIND_LABELS, type UnitKind } from '../../../domain/organization/organization.schemas.js';
import { useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { ChainCoverageCard } from './ChainCoverageCard.js';
import { BreakdownChart, funnelOption, HeadlineCard, trendChartOption } from './DashboardParts.js';
import { periodOf, useDistrictDashboard, useDistrictReader } from './dashboard.api.js';
import { dashboardMessages } from './dashboard.messages.js';
import { amountText, BAND_COLOR, DASH, headlineValue, signed } from './dashboard-format.js';
import { EChart } from './EChart.js';
import { ProvinceMap } from './ProvinceMap.js';
import './dashboard.css';

type BoardRow = DistrictDashboard['leaderboard'][number];

const PeriodPicker = lazy(() => import('./PeriodPicker.js'));

/** Unit-scoped users (reporters, unit heads) see their own unit's dashboard instead. */
export function DashboardPage() {
  if (!useDistrictReader()) return <Navigate to="/dashboard/unit" replace />;
  return <DistrictDashboardView />;
}

function DistrictDashboardView() {
  const t = useT(dashboardMessages);
  const lang = useLang();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const period = periodOf(params);
  const q = useDistrictDashboard(undefined, period);
  const d = q.data;

  const trendOption = useMemo(
    () => (d ? trendChartOption(d, t.thisYear(d.year), t.lastYear(d.year - 1)) : null),
    [d, t],
  );
  const funnel = useMemo(() => (d ? funnelOption(d.funnel, t.conversion, t.medianDays) : null), [d, t]);

  if (q.error) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (!d || !trendOption || !funnel) return <Skeleton active />;
  const signedDrill = d.headline.find((h) => h.key === 'signed_amount')?.drill ?? '/projects';

  const columns: TableColumnsType<BoardRow> = [
    { title: t.rank, dataIndex: 'rank', width: 56, render: (r: number | null) => r ?? DASH },
    {
      title: t.unit,
      dataIndex: 'unitName',
      render: (name: string, r) => (
        <Flex gap={4} wrap align="center">
          <Link to={r.drill} onClick={(e) => e.stopPropagation()}>
            {name}
          </Link>
          {r.blank ? <Tag color="red">{t.blank}</Tag> : null}
        </Flex>
      ),
    },
    {
      title: t.group,
      dataIndex: 'group',
      responsive: ['md'],
      render: (g: string) => UNIT_KIND_LABELS[g as UnitKind]?.[lang] ?? g,
    },
    {
      title: t.completion,
      dataIndex: 'completion',
      render: (c: string | null, r) => (
        <span style={{ color: BAND_COLOR[r.band], fontWeight: 600 }}>{c === null ? DASH : `${c}%`}</span>
      ),
    },
    {
      title: t.timeProgress,
      dataIndex: 'ahead',
      render: (a: string | null, r) => (
        <Tag color={BAND_COLOR[r.band]} style={{ marginInlineEnd: 0 }}>
          {{ ahead: t.bandAhead, near: t.bandNear, behind: t.bandBehind, none: t.bandNone }[r.band]}
          {a === null ? '' : ` ${signed(a)}`}
        </Tag>
      ),
    },
    {
      title: t.score,
      dataIndex: 'score',
      responsive: ['lg'],
      render: (s: string | null) => (s === null ? DASH : Number(s).toFixed(2)),
    },
    {
      // The unit's own dashboard, as its people see it (the row itself opens its signed projects).
      key: 'unitView',
      width: 64,
      render: (_: unknown, r) => (
        <Link
          to={`/dashboard/unit?unitId=${r.unitId}`}
          onClick={(e) => e.stopPropagation()}
          aria-label={t.unitViewOf(r.unitName)}
        >
          {t.unitView}
        </Link>
      ),
    },
  ];

  const overdue: { key: string; label: string; value: number; to: string }[] = [
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
  const averageSize =
    d.quality.averageSignedAmount === null
      ? null
      : headlineValue({ unit: '元', actual: d.quality.averageSignedAmount });
  const quality: {
    key: keyof typeof d.quality.drills;
    label: string;
    value: string | number;
    suffix?: string;
  }[] = [
    {
      key: 'averageSignedAmount',
      label: t.averageSize,
      value: averageSize?.value ?? DASH,
      suffix: averageSize?.unit,
    },
    { key: 'over1Yi', label: t.over1Yi, value: pct(d.quality.shareOver1Yi) },
    { key: 'over10Yi', label: t.over10Yi, value: pct(d.quality.shareOver10Yi) },
    { key: 'notable', label: t.notable, value: d.quality.notableInvestorProjects },
    { key: 'industrial', label: t.industrialShare, value: pct(d.quality.industrialShare) },
    { key: 'highTech', label: t.highTechShare, value: pct(d.quality.highTechShare) },
  ];

  return (
    <div className="dashboard">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t.title}
          </Typography.Title>
          <Typography.Text type="secondary">{t.asOf(d.cutoff, d.timeProgress)}</Typography.Text>
        </div>
        <Flex gap={8} wrap align="center">
          <Suspense fallback={null}>
            <PeriodPicker
              year={d.year}
              cutoff={d.cutoff}
              onChange={(next) => {
                const p = new URLSearchParams(params);
                for (const [k, v] of Object.entries(next)) {
                  if (v === undefined) p.delete(k);
                  else p.set(k, String(v));
                }
                setParams(p);
              }}
            />
          </Suspense>
          <Link to={{ pathname: '/screen', search: params.toString() }}>
            <Button icon={<DesktopOutlined />}>{t.openScreen}</Button>
          </Link>
        </Flex>
      </Flex>

      <Row gutter={[12, 12]}>
        {d.headline.map((h) => (
          <Col key={h.key} xs={24} sm={12} lg={8} xl={4}>
            <HeadlineCard h={h} timeProgress={d.timeProgress} />
          </Col>
        ))}

        <Col xs={24} lg={12}>
          <Card size="small" title={t.funnel} data-testid="chart-card">
            <EChart
              label={t.funnelLabel}
              height={320}
              option={funnel}
              onClick={({ dataIndex }) => {
                const s = d.funnel[dataIndex];
                if (s) void navigate(s.drill);
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t.trend} data-testid="chart-card">
            <EChart
              label={t.trendLabel}
              height={320}
              option={trendOption}
              onClick={({ dataIndex }) =>
                void navigate(d.trend.signedAmount[dataIndex]?.drill ?? signedDrill)
              }
            />
          </Card>
        </Col>

        <Col xs={24} lg={12}>
          <ProvinceMap title={t.provinces} label={t.provincesLabel} rows={d.sources.provinces} />
        </Col>
        <Col xs={24} lg={12}>
          <Flex vertical gap={12}>
            <BreakdownChart title={t.areas} label={t.areasLabel} rows={d.sources.areas} />
            <BreakdownChart title={t.channels} label={t.channelsLabel} rows={d.sources.channels} />
          </Flex>
        </Col>
        <Col xs={24} lg={12}>
          <BreakdownChart title={t.industries} label={t.industriesLabel} rows={d.industries} limit={12} />
        </Col>
        <Col xs={24} lg={12}>
          <BreakdownChart title={t.chains} label={t.chainsLabel} rows={d.chains} limit={12} />
        </Col>
        <Col xs={24} lg={12}>
          <ChainCoverageCard />
        </Col>

        <Col xs={24} lg={12}>
          <Card size="small" title={t.quality}>
            <Row gutter={[12, 12]}>
              {quality.map((f) => (
                <Col key={f.key} xs={12} md={8}>
                  <Link to={d.quality.drills[f.key]} data-testid={`quality-${f.key}`}>
                    <Statistic title={f.label} value={f.value} suffix={f.suffix} />
                  </Link>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
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
        </Col>

        <Col xs={24} xl={16}>
          <Card size="small" title={t.leaderboard} data-testid="leaderboard">
            <Table<BoardRow>
              rowKey="unitId"
              size="small"
              columns={columns}
              dataSource={d.leaderboard}
              pagination={false}
              scroll={{ y: 480 }}
              onRow={(r) => ({ onClick: () => void navigate(r.drill), style: { cursor: 'pointer' } })}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t.city}>
            {d.city.length === 0 ? (
              <Alert type="info" showIcon message={t.noCity} />
            ) : (
              <Flex vertical gap={12}>
                {d.city.map((c) => (
                  <div key={c.indicatorKey}>
                    <Flex justify="space-between" wrap>
                      <Typography.Text strong>{c.name}</Typography.Text>
                      <Link to="/assessment/city">{t.cityRank(c.rank, c.of)}</Link>
                    </Flex>
                    {c.ahead ? (
                      <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
                        {t.leader}：{t.gapAhead(c.ahead.name, amountText(c.unit, c.ahead.gap))}
                      </Typography.Text>
                    ) : null}
                    {c.behind ? (
                      <Typography.Text type="success" style={{ display: 'block', fontSize: 12 }}>
                        {t.chaser}：{t.gapBehind(c.behind.name, amountText(c.unit, c.behind.gap))}
                      </Typography.Text>
                    ) : null}
                  </div>
                ))}
              </Flex>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}

const pct = (p: string | null) => (p === null ? DASH : `${p}%`);

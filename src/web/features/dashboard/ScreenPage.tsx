import { Col, Row, Spin } from 'antd';
import { useMemo } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../app/auth.js';
import { useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { funnelOption, ProgressAgainstTime, rankedBarOption, trendChartOption } from './DashboardParts.js';
import { periodOf, useDistrictDashboard, useDistrictReader } from './dashboard.api.js';
import { dashboardMessages } from './dashboard.messages.js';
import { BAND_COLOR, DASH, headlineValue, signed } from './dashboard-format.js';
import { EChart } from './EChart.js';
import { ProvinceMap } from './ProvinceMap.js';
import './dashboard.css';

const REFRESH_MS = 60_000;

/** The ranked bars in the screen's type sizes. */
function screenBarOption(rows: Parameters<typeof rankedBarOption>[0]) {
  const o = rankedBarOption(rows, 8);
  return {
    ...o,
    xAxis: { ...o.xAxis, axisLabel: { fontSize: 16, color: '#a6b3cc' } },
    yAxis: { ...o.yAxis, axisLabel: { fontSize: 18, color: '#f0f0f0' } },
    series: [{ ...o.series[0]!, label: { ...o.series[0]!.label, fontSize: 18, color: '#f0f0f0' } }],
  };
}

/** The meeting-room screen: dark, big numbers, few charts, refreshing itself every minute. */
export function ScreenPage() {
  // The screen shows the district; a unit user's figures are on their own unit's dashboard.
  if (!useDistrictReader()) return <Navigate to="/dashboard/unit" replace />;
  return <DistrictScreen />;
}

function DistrictScreen() {
  const t = useT(dashboardMessages);
  const user = useCurrentUser();
  // The dashboard's 大屏 button passes its period (?year=&cutoff=); without one, today's figures.
  const [params] = useSearchParams();
  const q = useDistrictDashboard(REFRESH_MS, periodOf(params));
  const d = q.data;
  const trend = useMemo(
    () => (d ? trendChartOption(d, t.thisYear(d.year), t.lastYear(d.year - 1), true) : null),
    [d, t],
  );
  const funnel = useMemo(() => {
    if (!d) return null;
    return { ...funnelOption(d.funnel, t.conversion, t.medianDays, true), backgroundColor: 'transparent' };
  }, [d, t]);

  const areas = useMemo(() => (d ? screenBarOption(d.sources.areas) : null), [d]);

  if (q.error && !d) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (!d || !trend || !funnel || !areas)
    return (
      <div className="dashboard-screen">
        <Spin size="large" />
      </div>
    );
  // One top 10 across groups (towns, departments …): a group's own score ranks do not compare, completion
  // against 序时进度 does. Units without a target have no place on it.
  const board = d.leaderboard
    .filter((r) => r.ahead !== null)
    .sort((a, b) => Number(b.ahead) - Number(a.ahead))
    .slice(0, 10);
  // Named aloud in the meeting: the units furthest behind, a handful at most.
  const behind = d.leaderboard.filter((r) => r.band === 'behind');
  const named = behind.slice(-6).map((r) => `${r.unitName}${r.blank ? `（${t.blank}）` : ''}`);

  return (
    <div className="dashboard-screen" data-testid="screen">
      <Row justify="space-between" align="bottom" style={{ marginBottom: 20 }} gutter={[16, 8]}>
        <Col>
          <h1>{t.screenTitle(user.district.name)}</h1>
        </Col>
        <Col className="screen-label">
          {t.asOf(d.cutoff, d.timeProgress)} · {t.refreshing}
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        {d.headline.map((h) => {
          const v = headlineValue(h);
          return (
            <Col key={h.key} xs={24} sm={12} xl={8} xxl={4}>
              <div className="screen-card">
                <div className="screen-label">{h.name}</div>
                <div>
                  <span className="screen-number">{v.value}</span>
                  <span className="screen-unit">{v.unit}</span>
                </div>
                {h.target !== null ? (
                  <>
                    <ProgressAgainstTime completion={h.completion} timeProgress={d.timeProgress} dark />
                    <div className="screen-label">
                      {t.completion} {h.completion ?? DASH}%{h.doubleHalf ? ` · ${t.doubleHalf}` : ''}
                    </div>
                  </>
                ) : null}
              </div>
            </Col>
          );
        })}
        <Col xs={24} xl={8}>
          <div className="screen-card">
            <div className="screen-label">{t.funnel}</div>
            <EChart label={t.funnelLabel} option={funnel} height={380} dark />
          </div>
        </Col>
        <Col xs={24} xl={8}>
          <div className="screen-card">
            <div className="screen-label">{t.trend}</div>
            <EChart label={t.trendLabel} option={trend} height={380} dark />
          </div>
        </Col>
        <Col xs={24} xl={8}>
          <div className="screen-card">
            <div className="screen-label">{t.leaderboard}</div>
            <div className="screen-label" style={{ fontSize: 16 }}>
              {t.screenBoardNote}
            </div>
            {board.map((r, i) => (
              <div
                key={r.unitId}
                data-testid="screen-board-row"
                style={{ display: 'flex', justifyContent: 'space-between', fontSize: 24, lineHeight: 1.6 }}
              >
                <span>
                  {i + 1}. {r.unitName}
                </span>
                <span style={{ color: BAND_COLOR[r.band] === '#8c8c8c' ? '#bfbfbf' : BAND_COLOR[r.band] }}>
                  {r.completion === null ? DASH : `${r.completion}%`}
                  <span style={{ fontSize: 18, marginInlineStart: 8 }}>({signed(r.ahead)})</span>
                </span>
              </div>
            ))}
            {behind.length > 0 ? (
              <div className="screen-label" style={{ marginTop: 12 }}>
                {t.bandBehind}：{named.join('、')}
                {behind.length > named.length ? t.andMore(behind.length) : ''}
              </div>
            ) : null}
          </div>
        </Col>
        <Col xs={24} xl={12}>
          <div className="screen-card">
            <div className="screen-label">{t.provinces}</div>
            <ProvinceMap
              title={t.provinces}
              label={t.provincesLabel}
              rows={d.sources.provinces}
              dark
              height={420}
            />
          </div>
        </Col>
        <Col xs={24} xl={12}>
          <div className="screen-card">
            <div className="screen-label">{t.areas}</div>
            <EChart label={t.areasLabel} option={areas} height={420} dark />
          </div>
        </Col>
      </Row>
    </div>
  );
}

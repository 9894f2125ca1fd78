import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Input,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { CityStanding } from '../../../domain/bulletins/snapshot.js';
import {
  type CityComparisonView,
  COMPARISON_KEYS,
  type ComparisonKey,
  type FigureInput,
  type FigureSource,
  valueProblem,
} from '../../../domain/city-comparison/city-comparison.schemas.js';
import { CATALOGUE_BY_KEY } from '../../../domain/indicators/catalogue.js';
import { formatWanUsd, formatWanYuan, MoneyInputError } from '../../../domain/money/money.js';
import { compareDecimal } from '../../../domain/progress/progress.js';
import { errorText, isApiError } from '../../app/api.js';
import { useCan } from '../../app/auth.js';
import { type Lang, useLang, useT } from '../../app/i18n.js';
import { todayInChina, wanInput, wanToYuan, wanUsdInput, wanUsdToCents } from '../projects/project-format.js';
import {
  templateUrl,
  useCityComparison,
  useDeletePeer,
  useImportCity,
  useSaveFigures,
} from './city-comparison.api.js';
import { cityMessages } from './city-comparison.messages.js';

// 全市横向对比: where the district stands among the districts of its city on each indicator (cumulative through
// a month), who is just ahead (标兵) and just behind (追兵), and what reaching the goal rank takes; the center
// keeps the other districts' figures here (typed, or imported from the city's bulletin table).

type T = (typeof cityMessages)['zh'];
const isUsd = (k: ComparisonKey) => k === 'foreign_capital_used';
const isCount = (k: ComparisonKey) => k === 'signed_count' || k === 'started_count';

function unitLabel(k: ComparisonKey, t: T) {
  return isCount(k) ? t.unitCount : isUsd(k) ? t.unitWanUsd : t.unitWan;
}

/** A stored figure (元 / 美分 / count) as people read it: 万元 / 万美元 with 2 decimals, counts as they are. */
function show(k: ComparisonKey, value: string, t: T): string {
  if (isCount(k)) return `${value} ${t.unitCount}`;
  const n = BigInt(value.split('.')[0] ?? '0');
  return `${isUsd(k) ? formatWanUsd(n) : formatWanYuan(n)} ${unitLabel(k, t)}`;
}

/** The figure as the editor shows it for typing (万元 / 万美元 without separators). */
function typedOf(k: ComparisonKey, value: string): string {
  if (isCount(k)) return value;
  return isUsd(k) ? wanUsdInput(value) : wanInput(value);
}

/** What was typed → the wire value; null for empty. Throws with a sentence on a bad figure. */
function wireOf(k: ComparisonKey, typed: string, lang: Lang): string | null {
  const v = typed.trim();
  if (!v) return null;
  if (isCount(k)) {
    const p = valueProblem(k, v);
    if (p) throw new Error(lang === 'zh' ? p.zh : p.en);
    return v;
  }
  try {
    return isUsd(k) ? wanUsdToCents(v) : wanToYuan(v);
  } catch (err) {
    if (err instanceof MoneyInputError) throw new Error(lang === 'zh' ? err.messageZh : err.message);
    throw err;
  }
}

const SOURCE_COLORS: Record<FigureSource, string> = {
  ours: 'gold',
  typed: 'blue',
  imported: 'purple',
  published: 'cyan',
  live: 'green',
};

function lastCompleteMonth(): { year: number; month: number } {
  const today = todayInChina();
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? { year: y - 1, month: 12 } : { year: y, month: m - 1 };
}

export function CityComparisonPage() {
  const t = useT(cityMessages);
  const lang = useLang();
  const can = useCan();
  const { message } = App.useApp();
  const initial = lastCompleteMonth();
  const [year, setYear] = useState(initial.year);
  const [month, setMonth] = useState(initial.month);
  const view = useCityComparison(year, month);
  const importer = useImportCity(year, month);
  const manage = can('assessment.manage');
  const thisYear = Number(todayInChina().slice(0, 4));

  const upload = (file: File) => {
    importer.mutate(file, {
      onSuccess: (r) => {
        void message.success(t.imported(r.saved));
        for (const s of r.skipped) void message.info(t.skipped(s.row, s.name, s.reason));
      },
    });
    return false;
  };

  return (
    <Card title={t.pageTitle}>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Select
          aria-label={t.year}
          value={year}
          onChange={setYear}
          options={[thisYear - 2, thisYear - 1, thisYear].map((y) => ({ value: y, label: t.yearOption(y) }))}
          style={{ width: 110 }}
        />
        <Select
          aria-label={t.month}
          value={month}
          onChange={setMonth}
          options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t.monthOption(i + 1) }))}
          style={{ width: 110 }}
        />
        <Button icon={<DownloadOutlined />} href={templateUrl(year, month)}>
          {t.exportXlsx}
        </Button>
        {manage ? (
          <Upload accept=".xlsx" showUploadList={false} beforeUpload={upload}>
            <Button icon={<UploadOutlined />} loading={importer.isPending}>
              {t.importXlsx}
            </Button>
          </Upload>
        ) : null}
      </Flex>
      {importer.error ? <ProblemList error={importer.error} title={t.importProblems} /> : null}
      {view.isError ? <Alert type="error" showIcon title={errorText(view.error, lang)} /> : null}
      {view.data ? (
        <>
          <Typography.Paragraph type="secondary">
            {view.data.cityName ?? ''} · {t.period(view.data.year, view.data.month)} · {t.roundingNote}
          </Typography.Paragraph>
          {view.data.standings.length === 0 ? (
            <Alert type="info" showIcon title={t.noPeers} style={{ marginBottom: 16 }} />
          ) : (
            <Row gutter={[16, 16]}>
              {view.data.standings.map((s) => (
                <Col key={s.indicatorKey} xs={24} xl={12}>
                  <StandingCard standing={s} view={view.data} />
                </Col>
              ))}
            </Row>
          )}
          {manage ? <PeersEditor view={view.data} year={year} month={month} /> : null}
        </>
      ) : view.isPending ? (
        <Card loading />
      ) : null}
    </Card>
  );
}

function ProblemList({ error, title }: { error: unknown; title: string }) {
  const lang = useLang();
  const fields = isApiError(error) ? error.fields : undefined;
  if (!fields)
    return (
      <Alert type="error" showIcon role="alert" title={errorText(error, lang)} style={{ marginBottom: 16 }} />
    );
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={`${title} ${errorText(error, lang)}`}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="city-problems">
          {Object.entries(fields).map(([k, f]) => (
            <li key={k}>{lang === 'zh' ? f.messageZh : f.message}</li>
          ))}
        </ul>
      }
    />
  );
}

interface TableRow {
  name: string;
  ours: boolean;
  value: string;
  source: FigureSource;
  rank: number;
}

function StandingCard({ standing: s, view }: { standing: CityStanding; view: CityComparisonView }) {
  const t = useT(cityMessages);
  const key = s.indicatorKey as ComparisonKey;
  const rows = useMemo(() => {
    const list = view.rows.flatMap((r) => {
      const c = r.values[key];
      return c ? [{ name: r.name, ours: r.ours, value: c.value, source: c.source, rank: 0 }] : [];
    });
    list.sort((a, b) => compareDecimal(b.value, a.value));
    list.forEach((r, i) => {
      const prev = list[i - 1];
      r.rank = prev && compareDecimal(prev.value, r.value) === 0 ? prev.rank : i + 1;
    });
    return list;
  }, [view, key]);
  const columns: TableColumnsType<TableRow> = [
    { title: t.rank, dataIndex: 'rank', width: 64 },
    {
      title: t.district,
      dataIndex: 'name',
      render: (name: string, r) => (r.ours ? <Typography.Text strong>{name}</Typography.Text> : name),
    },
    { title: t.value, dataIndex: 'value', align: 'right', render: (v: string) => show(key, v, t) },
    {
      title: t.source,
      dataIndex: 'source',
      width: 80,
      render: (src: FigureSource) => <Tag color={SOURCE_COLORS[src]}>{t.sources[src]}</Tag>,
    },
  ];
  const name = CATALOGUE_BY_KEY[key].name.zh;
  return (
    <Card size="small" title={`${name}（${unitLabel(key, t)}）`} data-testid={`standing-${key}`}>
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t.ours}>
          {s.ours === null ? '—' : show(key, s.ours, t)}{' '}
          <Tag color={s.rank !== null && s.rank <= s.goalRank ? 'success' : 'warning'} data-testid="rank">
            {t.rankOf(s.rank, s.of)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t.ahead}>
          <span data-testid="ahead">
            {s.ahead ? t.aheadOf(s.ahead.name, show(key, s.ahead.gap, t)) : t.firstPlace}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t.behind}>
          <span data-testid="behind">
            {s.behind ? t.behindOf(s.behind.name, show(key, s.behind.gap, t)) : t.lastPlace}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t.goal(s.goalRank)}>
          <span data-testid="to-goal">
            {s.toGoal === null ? '—' : s.toGoal === '0' ? t.goalReached : t.toGoal(show(key, s.toGoal, t))}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <Table<TableRow>
        size="small"
        rowKey="name"
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={columns}
        dataSource={rows}
        onRow={(r) => (r.ours ? { style: { background: '#fffbe6' }, 'aria-current': true } : {})}
      />
    </Card>
  );
}

type Typed = Record<string, Partial<Record<ComparisonKey, string>>>;

/** The center's grid of the other districts' figures for the month: one row a district, one column an indicator. */
function PeersEditor({ view, year, month }: { view: CityComparisonView; year: number; month: number }) {
  const t = useT(cityMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const save = useSaveFigures(year, month);
  const remove = useDeletePeer(year, month);
  const peers = useMemo(() => view.rows.filter((r) => !r.ours), [view]);
  const initial = useMemo(() => {
    const out: Typed = {};
    for (const r of peers) {
      out[r.name] = {};
      for (const k of COMPARISON_KEYS) {
        const c = r.values[k];
        if (c && c.source !== 'live' && c.source !== 'published') out[r.name]![k] = typedOf(k, c.value);
      }
    }
    return out;
  }, [peers]);
  const [typed, setTyped] = useState<Typed>(initial);
  const [added, setAdded] = useState<string[]>([]);
  const [newName, setNewName] = useState('');
  useEffect(() => {
    setTyped(initial);
    setAdded((a) => a.filter((n) => !initial[n]));
  }, [initial]);

  const names = [...peers.map((p) => p.name), ...added];
  const errorOf = (k: ComparisonKey, v: string | undefined): string | null => {
    if (!v?.trim()) return null;
    try {
      wireOf(k, v, lang);
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  };
  const changes: FigureInput[] = [];
  let invalid = false;
  for (const name of names) {
    for (const k of COMPARISON_KEYS) {
      const now = typed[name]?.[k] ?? '';
      const was = initial[name]?.[k] ?? '';
      if (now.trim() === was.trim()) continue;
      if (errorOf(k, now)) {
        invalid = true;
        continue;
      }
      changes.push({ peerName: name, indicatorKey: k, value: wireOf(k, now, lang) });
    }
  }

  const addPeer = () => {
    const n = newName.trim();
    if (!n) return;
    if (n === view.districtName) {
      void message.warning(t.ownName);
      return;
    }
    if (names.includes(n)) {
      void message.warning(t.duplicatePeer);
      return;
    }
    setAdded((a) => [...a, n]);
    setNewName('');
  };

  const onSave = () => {
    if (changes.length === 0) {
      void message.info(t.nothingChanged);
      return;
    }
    save.mutate(changes, { onSuccess: () => void message.success(t.saved) });
  };

  const liveOf = (name: string, k: ComparisonKey) => {
    const c = peers.find((p) => p.name === name)?.values[k];
    return c?.source === 'live' || c?.source === 'published'
      ? t.livePlaceholder(typedOf(k, c.value))
      : undefined;
  };

  const columns: TableColumnsType<{ name: string }> = [
    { title: t.district, dataIndex: 'name', fixed: 'left', width: 110 },
    ...COMPARISON_KEYS.map((k) => ({
      title: `${CATALOGUE_BY_KEY[k].name.zh}（${unitLabel(k, t)}）`,
      key: k,
      width: 150,
      render: (_: unknown, r: { name: string }) => {
        const v = typed[r.name]?.[k] ?? '';
        const err = errorOf(k, v);
        return (
          <Input
            size="small"
            aria-label={`${r.name} ${CATALOGUE_BY_KEY[k].name.zh}`}
            value={v}
            status={err ? 'error' : undefined}
            title={err ?? undefined}
            placeholder={liveOf(r.name, k)}
            onChange={(e) => setTyped((s) => ({ ...s, [r.name]: { ...s[r.name], [k]: e.target.value } }))}
          />
        );
      },
    })),
    {
      title: '',
      key: 'remove',
      width: 48,
      render: (_: unknown, r: { name: string }) =>
        initial[r.name] && Object.keys(initial[r.name]!).length > 0 ? (
          <Popconfirm
            title={t.confirmRemove(r.name)}
            onConfirm={() => remove.mutate(r.name, { onSuccess: () => void message.success(t.removed) })}
          >
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t.removePeer} />
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Card size="small" title={t.editTitle} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t.editHint}</Typography.Paragraph>
      {save.error ? <ProblemList error={save.error} title="" /> : null}
      <Table
        size="small"
        rowKey="name"
        pagination={false}
        scroll={{ x: 1100 }}
        columns={columns}
        dataSource={names.map((name) => ({ name }))}
      />
      <Flex gap={8} wrap style={{ marginTop: 12 }}>
        <Space.Compact>
          <Input
            aria-label={t.peerName}
            placeholder={t.peerName}
            value={newName}
            maxLength={40}
            onChange={(e) => setNewName(e.target.value)}
            onPressEnter={addPeer}
            style={{ width: 180 }}
          />
          <Button onClick={addPeer}>{t.add}</Button>
        </Space.Compact>
        <Button type="primary" onClick={onSave} loading={save.isPending} disabled={invalid}>
          {t.save}
        </Button>
      </Flex>
    </Card>
  );
}

import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Input,
  Modal,
  Table,
  type TableColumnsType,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { IndicatorKey } from '../../../domain/indicators/catalogue.js';
import { UNIT_KINDS } from '../../../domain/organization/organization.schemas.js';
import { checkTargetRow, fromDisplay, toDisplay } from '../../../domain/targets/targets.rules.js';
import type { ImportProblem, TargetsInput, TargetsView } from '../../../domain/targets/targets.schemas.js';
import { errorText, isApiError } from '../../app/api.js';
import { useCan } from '../../app/auth.js';
import { useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { todayInChina } from '../projects/project-format.js';
import { IndicatorPicker } from './IndicatorPicker.js';
import { useCatalogue, useImportTargets, useSaveTargets, useTargets } from './targets.api.js';
import { targetsMessages } from './targets.messages.js';
import { DEFAULT_INDICATORS, showTarget, unitLabel } from './targets-format.js';

/** What a cell holds while editing: the texts as typed, in the display unit. */
interface Cell {
  annual: string;
  q: [string, string, string, string];
}
type Cells = Record<string, Cell>;
const cellKey = (unitId: string | null, key: IndicatorKey) => `${unitId ?? ''}|${key}`;
const emptyCell = (): Cell => ({ annual: '', q: ['', '', '', ''] });

function cellsOf(view: TargetsView | undefined): Cells {
  const out: Cells = {};
  for (const r of view?.rows ?? []) {
    out[cellKey(r.unitId, r.indicatorKey)] = {
      annual: toDisplay(r.indicatorKey, r.annual),
      q: r.quarters.map((q) => (q === null ? '' : toDisplay(r.indicatorKey, q))) as Cell['q'],
    };
  }
  return out;
}

const same = (a: Cell | undefined, b: Cell | undefined) =>
  JSON.stringify(a ?? emptyCell()) === JSON.stringify(b ?? emptyCell());

interface GridRow {
  key: string;
  unitId: string | null;
  name: string;
  group: string;
  groupSpan: number;
}

/** The problem of a cell as typed (a value, or the quarters not adding up), in the page's language. */
function problemOf(key: IndicatorKey, c: Cell, lang: 'zh' | 'en'): { field: string; text: string } | null {
  const texts = [c.annual, ...c.q];
  const stored: (string | null)[] = [];
  for (const [i, text] of texts.entries()) {
    if (!text.trim()) {
      stored.push(null);
      continue;
    }
    const r = fromDisplay(key, text);
    if (!('value' in r))
      return { field: i === 0 ? 'annual' : `q${i}`, text: lang === 'zh' ? r.messageZh : r.message };
    stored.push(r.value);
  }
  if (stored[0] === null) {
    return stored.some((s) => s !== null)
      ? {
          field: 'annual',
          text: lang === 'zh' ? '填写了季度任务，请填写全年任务。' : 'Enter the annual target.',
        }
      : null;
  }
  const problems = checkTargetRow({
    unitId: null,
    indicatorKey: key,
    annual: stored[0] ?? null,
    q1: stored[1] ?? null,
    q2: stored[2] ?? null,
    q3: stored[3] ?? null,
    q4: stored[4] ?? null,
  });
  const first = Object.entries(problems)[0];
  return first ? { field: first[0], text: lang === 'zh' ? first[1].messageZh : first[1].message } : null;
}

/** 任务分解: units × indicators, the district's own row first; the center edits, units read their own. */
export function TargetsPage() {
  const t = useT(targetsMessages);
  const lang = useLang();
  const can = useCan();
  const canManage = can('assessment.manage');
  const { message } = App.useApp();
  const [year, setYear] = useState(Number(todayInChina().slice(0, 4)));
  const [keys, setKeys] = useState<IndicatorKey[]>(DEFAULT_INDICATORS);
  const catalogue = useCatalogue();
  const targets = useTargets(year);
  const save = useSaveTargets(year);
  const importer = useImportTargets(year);
  const [cells, setCells] = useState<Cells>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [quarterRow, setQuarterRow] = useState<GridRow | null>(null);
  const [problems, setProblems] = useState<ImportProblem[]>([]);
  const initial = useMemo(() => cellsOf(targets.data), [targets.data]);
  const stored = useMemo(
    () => new Map((targets.data?.rows ?? []).map((r) => [cellKey(r.unitId, r.indicatorKey), r])),
    [targets.data],
  );

  useEffect(() => {
    setCells(initial);
    setServerErrors({});
  }, [initial]);

  const nameOf = (k: IndicatorKey) => catalogue.data?.find((e) => e.key === k)?.name[lang] ?? k;
  const rows: GridRow[] = useMemo(() => {
    const units = targets.data?.units ?? [];
    const out: GridRow[] = [{ key: 'district', unitId: null, name: t.district, group: '', groupSpan: 1 }];
    for (const kind of UNIT_KINDS) {
      const group = units.filter((u) => u.kind === kind);
      for (const [i, u] of group.entries()) {
        out.push({
          key: u.id,
          unitId: u.id,
          name: u.name,
          group: t.groups[kind],
          groupSpan: i === 0 ? group.length : 0,
        });
      }
    }
    return out;
  }, [targets.data, t]);

  const changed = Object.keys({ ...cells, ...initial }).filter((k) => !same(cells[k], initial[k]));
  const localProblems = Object.fromEntries(
    changed.flatMap((k) => {
      const key = k.split('|')[1] as IndicatorKey;
      const p = problemOf(key, cells[k] ?? emptyCell(), lang);
      return p ? [[k, p.text]] : [];
    }),
  );

  const setCell = (k: string, next: Cell) => {
    setCells((c) => ({ ...c, [k]: next }));
    setServerErrors((e) => {
      const { [k]: _, ...rest } = e;
      return rest;
    });
  };

  const submit = () => {
    if (Object.keys(localProblems).length > 0) {
      void message.error(t.fixProblems);
      return;
    }
    const order = changed;
    const body: TargetsInput = {
      rows: order.map((k) => {
        const [unit, key] = k.split('|') as [string, IndicatorKey];
        const c = cells[k] ?? emptyCell();
        const stored = (s: string) => {
          if (!s.trim()) return null;
          const r = fromDisplay(key, s);
          return 'value' in r ? r.value : null;
        };
        const annual = stored(c.annual);
        return {
          unitId: unit || null,
          indicatorKey: key,
          annual,
          q1: annual === null ? null : stored(c.q[0]),
          q2: annual === null ? null : stored(c.q[1]),
          q3: annual === null ? null : stored(c.q[2]),
          q4: annual === null ? null : stored(c.q[3]),
        };
      }),
    };
    save.mutate(body, {
      onSuccess: () => void message.success(t.saved),
      onError: (err) => {
        if (isApiError(err) && err.fields) {
          const next: Record<string, string> = {};
          for (const [path, f] of Object.entries(err.fields)) {
            const i = Number(path.split('.')[1]);
            const k = order[i];
            if (k) next[k] = lang === 'zh' ? f.messageZh : f.message;
          }
          setServerErrors(next);
        }
        void message.error(errorText(err, lang));
      },
    });
  };

  const input = (row: GridRow, key: IndicatorKey) => {
    const k = cellKey(row.unitId, key);
    const c = cells[k] ?? emptyCell();
    const error = localProblems[k] ?? serverErrors[k];
    const quarters = c.q.some((q) => q.trim());
    if (!canManage) {
      const r = stored.get(k);
      return (
        <span>
          {showTarget(key, r?.annual)}
          {r?.quarters.some((q) => q !== null) ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {r.quarters.map((q) => showTarget(key, q)).join(' / ')}
            </Typography.Text>
          ) : null}
        </span>
      );
    }
    return (
      <Tooltip title={error} open={error ? undefined : false}>
        <Input
          size="small"
          aria-label={`${row.name} ${nameOf(key)} ${t.annual}`}
          status={error ? 'error' : undefined}
          inputMode="decimal"
          value={c.annual}
          suffix={quarters ? <Typography.Text type="secondary">Q</Typography.Text> : undefined}
          onChange={(e) => setCell(k, { ...c, annual: e.target.value })}
        />
      </Tooltip>
    );
  };

  const columns: TableColumnsType<GridRow> = [
    {
      title: '',
      dataIndex: 'group',
      width: 96,
      fixed: 'left',
      onCell: (r) => ({ rowSpan: r.groupSpan }),
    },
    { title: t.unit, dataIndex: 'name', width: 150, fixed: 'left' },
    ...keys.map((key) => ({
      key,
      title: (
        <span>
          {nameOf(key)}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {unitLabel(key)}
          </Typography.Text>
        </span>
      ),
      width: 130,
      render: (_: unknown, r: GridRow) => input(r, key),
    })),
    {
      key: 'quarters',
      title: t.quarters,
      width: 90,
      fixed: 'right' as const,
      render: (_: unknown, r: GridRow) => (
        <Button size="small" type="link" onClick={() => setQuarterRow(r)}>
          {t.edit}
        </Button>
      ),
    },
  ];

  if (targets.isError) return <ErrorResult error={targets.error} onRetry={() => void targets.refetch()} />;

  return (
    <Card
      title={t.targetsTitle}
      extra={
        <Flex gap={8} wrap>
          <DatePicker
            picker="year"
            aria-label={t.year}
            allowClear={false}
            value={dayjs(`${year}-01-01`)}
            onChange={(d) => d && setYear(d.year())}
          />
          <Button icon={<DownloadOutlined />} href={`/api/assessment/years/${year}/targets.xlsx`}>
            {t.export}
          </Button>
          {canManage ? (
            <Upload
              accept=".xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                setProblems([]);
                importer.mutate(file, {
                  onSuccess: (r) => {
                    if (r.saved) void message.success(t.importDone(r.count));
                    else setProblems(r.problems);
                  },
                  onError: (err) => void message.error(errorText(err, lang)),
                });
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={importer.isPending}>
                {importer.isPending ? t.importing : t.import}
              </Button>
            </Upload>
          ) : null}
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        {canManage ? null : <Alert type="info" showIcon title={t.readOnly} />}
        <IndicatorPicker label={t.indicators} value={keys} onChange={setKeys} />
        {problems.length > 0 ? (
          <Alert
            type="error"
            showIcon
            title={t.importProblems}
            description={
              <Table<ImportProblem>
                size="small"
                pagination={false}
                rowKey={(p) => `${p.sheet}|${p.row}|${p.column}|${p.message}`}
                dataSource={problems}
                columns={[
                  { title: t.sheet, dataIndex: 'sheet', width: 110 },
                  { title: t.row, dataIndex: 'row', width: 60 },
                  { title: t.column, dataIndex: 'column', width: 200 },
                  { title: t.problem, render: (_, p) => (lang === 'zh' ? p.messageZh : p.message) },
                ]}
              />
            }
          />
        ) : null}
        {canManage ? <Typography.Text type="secondary">{t.importHelp}</Typography.Text> : null}
        <Table<GridRow>
          size="small"
          bordered
          loading={targets.isPending}
          rowKey="key"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={rows}
          columns={columns}
        />
        <Typography.Text type="secondary">{t.moneyNote}</Typography.Text>
        {canManage ? (
          <Flex gap={8} align="center">
            <Button type="primary" onClick={submit} loading={save.isPending} disabled={changed.length === 0}>
              {t.save}
            </Button>
            <Button onClick={() => setCells(initial)} disabled={changed.length === 0}>
              {t.reset}
            </Button>
            {changed.length > 0 ? (
              <Typography.Text type="warning">{t.unsaved(changed.length)}</Typography.Text>
            ) : null}
          </Flex>
        ) : null}
      </Flex>
      <Modal
        open={quarterRow !== null}
        title={quarterRow ? `${quarterRow.name} · ${t.quarterDetail}` : ''}
        onCancel={() => setQuarterRow(null)}
        onOk={() => setQuarterRow(null)}
        footer={(_, { OkBtn }) => <OkBtn />}
        width={820}
      >
        <Typography.Paragraph type="secondary">{t.quarterHelp}</Typography.Paragraph>
        {quarterRow ? (
          <Table<IndicatorKey>
            size="small"
            pagination={false}
            rowKey={(k) => k}
            dataSource={keys}
            columns={[
              { title: t.indicator, render: (_, k) => `${nameOf(k)}（${unitLabel(k)}）`, width: 180 },
              ...[t.annual, ...t.q].map((label, i) => ({
                title: label,
                render: (_: unknown, k: IndicatorKey) => {
                  const ck = cellKey(quarterRow.unitId, k);
                  const c = cells[ck] ?? emptyCell();
                  const value = i === 0 ? c.annual : c.q[i - 1];
                  const p = problemOf(k, c, lang);
                  const field = i === 0 ? 'annual' : `q${i}`;
                  return (
                    <Tooltip title={p?.field === field ? p.text : undefined}>
                      <Input
                        size="small"
                        aria-label={`${quarterRow.name} ${nameOf(k)} ${label}`}
                        disabled={!canManage}
                        status={p?.field === field ? 'error' : undefined}
                        value={value}
                        onChange={(e) => {
                          const q = [...c.q] as Cell['q'];
                          if (i === 0) setCell(ck, { ...c, annual: e.target.value });
                          else {
                            q[i - 1] = e.target.value;
                            setCell(ck, { ...c, q });
                          }
                        }}
                      />
                    </Tooltip>
                  );
                },
              })),
            ]}
          />
        ) : null}
      </Modal>
    </Card>
  );
}

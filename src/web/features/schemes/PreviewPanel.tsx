import {
  Alert,
  Button,
  DatePicker,
  Descriptions,
  Flex,
  Modal,
  Spin,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { SchemeItem } from '../../../domain/assessment/scheme.js';
import type { PreviewResult, SchemeView } from '../../../domain/assessment/schemes.schemas.js';
import { UNIT_KIND_LABELS, type UnitKind } from '../../../domain/organization/organization.schemas.js';
import { errorText } from '../../app/api.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { todayInChina } from '../projects/project-format.js';
import { MONO } from './FormulaText.js';
import { useExplain, usePreview } from './schemes.api.js';
import { schemesMessages } from './schemes.messages.js';

type UnitRow = PreviewResult['units'][number];

/** Scores as the bulletin prints them: up to 2 decimals, no trailing zeros. */
const shown = (n: number) => String(Math.round(n * 100) / 100);

/** The scheme (as being edited) on live data at a cut-off: units × items per group, with totals and ranks. */
export function PreviewPanel({
  scheme,
  items,
  blocked,
}: {
  scheme: SchemeView;
  /** The unsaved items being edited; the stored ones when absent. */
  items?: SchemeItem[];
  blocked: boolean;
}) {
  const t = useT(schemesMessages);
  const lang = useLang();
  const today = todayInChina();
  const yearEnd = `${scheme.year}-12-31`;
  const [cutoff, setCutoff] = useState(
    today < yearEnd ? (today.startsWith(String(scheme.year)) ? today : yearEnd) : yearEnd,
  );
  const preview = usePreview(scheme.id);
  const explain = useExplain(scheme.id);
  const [explaining, setExplaining] = useState<{ unit: string; item: string } | null>(null);
  const data = preview.data;

  const groups = data ? [...new Set(data.units.map((u) => u.group))] : [];
  const groupLabel = (g: string) => UNIT_KIND_LABELS[g as UnitKind]?.[lang] ?? g;
  const itemsAt = (cut: string) => ({ cutoff: cut, ...(items ? { items } : {}) });

  const columns = (rows: UnitRow[]): TableColumnsType<UnitRow> => {
    const tied = (rank: number) => rows.filter((r) => r.rank === rank).length > 1;
    return [
      {
        title: t.rank,
        key: 'rank',
        width: 90,
        fixed: 'left',
        render: (_, u) => (tied(u.rank) ? <Tag color="gold">{t.tiedRank(u.rank)}</Tag> : u.rank),
      },
      { title: t.unit, dataIndex: 'name', key: 'name', fixed: 'left' },
      ...(data?.items ?? []).map((it) => ({
        title: (
          <Tooltip title={t.pointsOf(it.points)}>
            <span>{it.name}</span>
          </Tooltip>
        ),
        key: it.key,
        align: 'right' as const,
        render: (_: unknown, u: UnitRow) => {
          const s = u.items[it.key];
          if (!s || s.score === null)
            return <Typography.Text type="secondary">{t.notApplicable}</Typography.Text>;
          const open = () => {
            setExplaining({ unit: u.name, item: it.name });
            explain.reset();
            explain.mutate({ ...itemsAt(data!.cutoff), unitId: u.unitId, itemKey: it.key });
          };
          return (
            <Tooltip title={s.missing ? t.missingHint : t.clickToExplain}>
              <Button
                type="link"
                size="small"
                onClick={open}
                data-testid={`score-${u.unitId}-${it.key}`}
                style={{ padding: 0, ...(s.missing ? { color: '#d46b08' } : {}) }}
              >
                {shown(s.score)}
                {s.missing ? (
                  <Tag color="warning" style={{ marginInlineStart: 4, marginInlineEnd: 0 }}>
                    {t.missing}
                  </Tag>
                ) : null}
              </Button>
            </Tooltip>
          );
        },
      })),
      {
        title: t.total,
        key: 'total',
        align: 'right',
        render: (_, u) => <Typography.Text strong>{shown(u.total)}</Typography.Text>,
      },
    ];
  };

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t.previewHint}</Typography.Text>
      <Flex gap={8} align="center" wrap>
        <DatePicker
          aria-label={t.cutoff}
          allowClear={false}
          value={dayjs(cutoff)}
          disabledDate={(d) => d.year() !== scheme.year}
          onChange={(d) => d && setCutoff(d.format('YYYY-MM-DD'))}
        />
        <Button
          type="primary"
          onClick={() => preview.mutate(itemsAt(cutoff))}
          loading={preview.isPending}
          disabled={blocked}
        >
          {t.runPreview}
        </Button>
        {blocked ? <Typography.Text type="danger">{t.fixErrorsFirst}</Typography.Text> : null}
        {data ? <Tag>{t.timeProgress(data.timeProgress)}</Tag> : null}
      </Flex>
      <ApiErrorAlert error={preview.error} />
      {data && data.units.length === 0 ? <Alert type="info" title={t.noUnits} /> : null}
      {groups.map((g) => {
        const rows = data!.units.filter((u) => u.group === g);
        return (
          <div key={g}>
            <Typography.Title level={5}>{groupLabel(g)}</Typography.Title>
            <Table<UnitRow>
              rowKey="unitId"
              size="small"
              bordered
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={rows}
              columns={columns(rows)}
              data-testid={`preview-${g}`}
            />
          </div>
        );
      })}
      <Modal
        open={explaining !== null}
        onCancel={() => setExplaining(null)}
        footer={null}
        width={720}
        title={explaining ? t.explainTitle(explaining.unit, explaining.item) : ''}
      >
        {explain.isPending ? <Spin /> : null}
        {explain.isError ? <Alert type="error" title={errorText(explain.error, lang)} /> : null}
        {explain.data ? (
          <Flex vertical gap={12}>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t.formula}>
                <code style={MONO}>{explain.data.formula}</code>
              </Descriptions.Item>
              <Descriptions.Item label={t.score}>
                {explain.data.score.exact ?? t.notApplicable}
                {explain.data.score.missing ? (
                  <Tag color="warning" style={{ marginInlineStart: 8 }}>
                    {t.missing}
                  </Tag>
                ) : null}
              </Descriptions.Item>
            </Descriptions>
            <Table
              rowKey={(s) => `${s.start}-${s.end}`}
              size="small"
              pagination={false}
              dataSource={explain.data.steps}
              data-testid="explain-steps"
              columns={[
                {
                  title: t.part,
                  key: 'text',
                  render: (_, s) => <code style={{ ...MONO, whiteSpace: 'pre-wrap' }}>{s.text}</code>,
                },
                {
                  title: t.value,
                  key: 'value',
                  align: 'right',
                  render: (_, s) =>
                    s.value === null ? (
                      <Tag color="warning">{t.missingValue}</Tag>
                    ) : (
                      <code style={MONO}>{s.value}</code>
                    ),
                },
              ]}
            />
          </Flex>
        ) : null}
      </Modal>
    </Flex>
  );
}

import { Tag } from 'antd';
import {
  PUNCTUALITY_LABELS,
  type Punctuality,
  SUBMISSION_STATUS_LABELS,
  type SubmissionStatus,
} from '../../../domain/capital/capital.rules.js';
import { FIGURE_FIELDS, FIGURE_LABELS, type FigureField } from '../../../domain/capital/capital.schemas.js';
import { formatWanUsd, formatWanYuan, yuanFromJson } from '../../../domain/money/money.js';
import type { Lang } from '../../app/i18n.js';
import { wanInput, wanToYuan, wanUsdInput, wanUsdToCents } from '../projects/project-format.js';

export type TypedFigures = Record<FigureField, string>;

export const isUsd = (f: FigureField) => FIGURE_LABELS[f].usd === true;

/** Amounts on the wire → what the form shows: 万元 / 万美元 without trailing zeros; 0 shows as empty. */
export function typedOf(r: Record<FigureField, string> | null): TypedFigures {
  const out = {} as TypedFigures;
  for (const f of FIGURE_FIELDS) {
    const v = r?.[f] ?? '0';
    out[f] = v === '0' ? '' : isUsd(f) ? wanUsdInput(v) : wanInput(v);
  }
  return out;
}

/** What was typed → amounts on the wire; empty is 0. Throws MoneyInputError on a bad figure. */
export function wireOf(typed: Partial<TypedFigures>): Record<FigureField, string> {
  const out = {} as Record<FigureField, string>;
  for (const f of FIGURE_FIELDS) {
    const v = typed[f];
    out[f] = (isUsd(f) ? wanUsdToCents(v) : wanToYuan(v)) ?? '0';
  }
  return out;
}

/** An amount on the wire shown in 万元 / 万美元 with 2 decimals. */
export function showAmount(f: FigureField | 'fundsInPlaceYuan', v: string): string {
  const n = yuanFromJson(v);
  return f !== 'fundsInPlaceYuan' && isUsd(f) ? formatWanUsd(n) : formatWanYuan(n);
}

const STATUS_COLORS: Record<SubmissionStatus, string> = {
  none: 'default',
  submitted: 'processing',
  approved: 'success',
  returned: 'warning',
};
export function SubmissionStatusTag({ status, lang }: { status: SubmissionStatus; lang: Lang }) {
  return <Tag color={STATUS_COLORS[status]}>{SUBMISSION_STATUS_LABELS[status][lang]}</Tag>;
}

const PUNCTUALITY_COLORS: Record<Punctuality, string> = {
  on_time: 'success',
  late: 'warning',
  missing: 'error',
  not_due: 'default',
  not_required: 'default',
};
export function PunctualityTag({ value, lang }: { value: Punctuality; lang: Lang }) {
  return <Tag color={PUNCTUALITY_COLORS[value]}>{PUNCTUALITY_LABELS[value][lang]}</Tag>;
}

/** Last month in China: what a unit usually reports now. */
export function defaultMonth(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

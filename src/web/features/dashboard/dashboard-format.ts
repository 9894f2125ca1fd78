import type { z } from 'zod';
import type { headlineSchema } from '../../../domain/dashboard/dashboard.schemas.js';
import { formatMoneyAuto, formatWanUsd, formatYiYuan } from '../../../domain/money/money.js';

export type Headline = z.infer<typeof headlineSchema>;

export const DASH = '—';

/** A headline figure as a big number with its unit: 亿元 from 1 亿 up, 万美元 for foreign capital. */
export function headlineValue(h: Pick<Headline, 'unit' | 'actual'>): { value: string; unit: string } {
  const raw = String(h.actual);
  if (h.unit === '元') return formatMoneyAuto(BigInt(raw.split('.')[0] ?? '0'));
  if (h.unit === '美分') return { value: formatWanUsd(BigInt(raw.split('.')[0] ?? '0')), unit: '万美元' };
  const n = Number(raw);
  return { value: Number.isInteger(n) ? String(n) : n.toFixed(2), unit: h.unit === 'ratio' ? '%' : h.unit };
}

/** A figure or gap with its unit, in the headline's words: "69.47 亿元", "3 个". */
export function amountText(unit: string, value: string): string {
  const v = headlineValue({ unit, actual: value });
  return `${v.value} ${v.unit}`;
}

/** The target in the same words as the figure. */
export function targetValue(h: Pick<Headline, 'unit' | 'target'>): string | null {
  return h.target === null ? null : amountText(h.unit, h.target);
}

/** 元 (integer string) → 亿元 as a chart number (charts plot floats; the labels keep 2 decimals). */
export const yi = (yuan: string | null): number | null =>
  yuan === null ? null : Number(formatYiYuan(BigInt(yuan)).replaceAll(',', ''));

export const pctNumber = (p: string | null): number | null => (p === null ? null : Number(p));

/** "8.34" → "+8.34", negatives as they are. */
export const signed = (v: string | null) =>
  v === null ? DASH : v.startsWith('-') || /^0(\.0+)?$/.test(v) ? v : `+${v}`;

export const BAND_COLOR = { ahead: '#389e0d', near: '#d48806', behind: '#cf1322', none: '#8c8c8c' } as const;

import { z } from 'zod';
import { INDICATOR_KEYS, type IndicatorKey } from '../indicators/catalogue.js';
import { amountString } from '../money/money.js';

// Wire shapes of the city comparison (横向对比). Figures travel in the catalogue's stored units as decimal
// text: 元 and 美分 as integer strings, counts with up to 4 decimals. The page and the .xlsx show 万元 / 万美元.

/** The indicators the city's bulletins compare districts on (amounts or counts; higher is better). */
export const COMPARISON_KEYS = [
  'signed_count',
  'signed_amount',
  'started_count',
  'funds_in_place',
  'completed_investment',
  'foreign_capital_used',
] as const satisfies readonly IndicatorKey[];
export type ComparisonKey = (typeof COMPARISON_KEYS)[number];
export const isComparisonKey = (k: string): k is ComparisonKey =>
  (COMPARISON_KEYS as readonly string[]).includes(k);

export const FIGURE_SOURCES = ['ours', 'typed', 'imported', 'published', 'live'] as const;
export type FigureSource = (typeof FIGURE_SOURCES)[number];

export const PEER_NAME_MAX = 40;

export const yearMonthQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  month: z.coerce.number().int().min(1).max(12),
});

/** A count: non-negative, at most 4 decimals (a city table may carry a shared project as 0.5). */
export const countString = z
  .string()
  .regex(
    /^(0|[1-9]\d{0,11})(\.\d{1,4})?$/,
    'A count: a non-negative number with at most 4 decimals, e.g. "12"',
  );

export const peerNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(PEER_NAME_MAX)
  .refine((s) => !/[\r\n\t]/.test(s), 'One line');

export const figureInput = z.object({
  peerName: peerNameSchema,
  indicatorKey: z.enum(COMPARISON_KEYS),
  /** 元 / 美分 as an integer string, a count as decimal text; null clears the cell. */
  value: z.string().max(30).nullable(),
});
export type FigureInput = z.infer<typeof figureInput>;

export const putFiguresInput = yearMonthQuery.extend({
  figures: z.array(figureInput).min(1).max(2000),
});
export type PutFiguresInput = z.infer<typeof putFiguresInput>;

export const deleteFigureQuery = yearMonthQuery.extend({
  peerName: peerNameSchema,
  /** Omitted: every figure of that district for the month. */
  indicatorKey: z.enum(COMPARISON_KEYS).optional(),
});

/** Whether a value is right for an indicator: money an integer of 元 / 美分, a count a decimal. */
export function valueProblem(key: ComparisonKey, value: string): { en: string; zh: string } | null {
  const money = key !== 'signed_count' && key !== 'started_count';
  if (money) {
    if (!amountString.safeParse(value).success) {
      return value.startsWith('-')
        ? { en: 'Must not be negative.', zh: '不能为负数。' }
        : {
            en: `An amount is a whole number of ${key === 'foreign_capital_used' ? 'US cents' : 'yuan'}.`,
            zh: `金额须为整数（${key === 'foreign_capital_used' ? '美分' : '元'}）。`,
          };
    }
    return null;
  }
  if (!countString.safeParse(value).success) {
    return value.startsWith('-')
      ? { en: 'Must not be negative.', zh: '不能为负数。' }
      : { en: 'A count: a number with at most 4 decimals.', zh: '个数须为数字（最多4位小数）。' };
  }
  return null;
}

export const figureCell = z.object({ value: z.string(), source: z.enum(FIGURE_SOURCES) });

export const comparisonRowSchema = z.object({
  name: z.string(),
  regionId: z.string().nullable(),
  ours: z.boolean(),
  values: z.partialRecord(z.enum(COMPARISON_KEYS), figureCell),
});

export const cityStandingSchema = z.object({
  indicatorKey: z.enum(INDICATOR_KEYS),
  name: z.string(),
  unit: z.string(),
  month: z.number().int(),
  ours: z.string().nullable(),
  rank: z.number().int().nullable(),
  of: z.number().int(),
  ahead: z.object({ name: z.string(), value: z.string(), gap: z.string() }).nullable(),
  behind: z.object({ name: z.string(), value: z.string(), gap: z.string() }).nullable(),
  goalRank: z.number().int(),
  toGoal: z.string().nullable(),
});

export const cityComparisonSchema = z.object({
  year: z.number().int(),
  month: z.number().int(),
  goalRank: z.number().int(),
  districtName: z.string(),
  cityName: z.string().nullable(),
  standings: z.array(cityStandingSchema),
  rows: z.array(comparisonRowSchema),
});
export type CityComparisonView = z.infer<typeof cityComparisonSchema>;

export const importResultSchema = z.object({
  saved: z.number().int(),
  /** Rows left alone, e.g. our own district's row (our figures are computed, not typed). */
  skipped: z.array(z.object({ row: z.number().int(), name: z.string(), reason: z.string() })),
});
export type ImportResult = z.infer<typeof importResultSchema>;

import type { Transaction } from 'kysely';
import { EXAMPLE_SCHEMES } from '../../../domain/assessment/example-schemes.js';
import type { SchemeItem } from '../../../domain/assessment/scheme.js';
import type { DB } from '../../db/schema.js';

// The demo district's assessment schemes: 2025 scored with the "rate × weight" example (published), 2026 too
// (version 1, published: what the bulletins use) with a revision under way (version 2, a draft that adds the
// 500强 bonus and the late-report deduction of the second example), so the center sees the whole life cycle.

const example = (id: string): SchemeItem[] => {
  const e = EXAMPLE_SCHEMES.find((x) => x.id === id);
  if (!e) throw new Error(`no example scheme ${id}`);
  return e.scheme.items.map((i) => ({ ...i }));
};

export async function loadDemoSchemes(
  trx: Transaction<DB>,
  o: { districtId: string; userId: string; now: Date },
): Promise<{ schemes: number }> {
  const base = example('rate_times_weight');
  const fortune = example('base_minus_deductions').find((i) => i.key === 'fortune500')!;
  const row = (
    year: number,
    version: number,
    items: SchemeItem[],
    published: Date | null,
    copiedFrom: string | null = null,
  ) => ({
    districtId: o.districtId,
    year,
    version,
    name: `${year}年度招商引资工作考核方案`,
    items: JSON.stringify(items),
    status: published ? ('published' as const) : ('draft' as const),
    copiedFrom,
    createdBy: o.userId,
    createdAt: published ?? o.now,
    updatedAt: published ?? o.now,
    publishedBy: published ? o.userId : null,
    publishedAt: published,
  });
  const y2025 = await trx
    .insertInto('assessmentSchemes')
    .values(row(2025, 1, base, new Date('2025-02-20T02:00:00Z')))
    .returning('id')
    .executeTakeFirstOrThrow();
  const v1 = await trx
    .insertInto('assessmentSchemes')
    .values(row(2026, 1, base, new Date('2026-02-18T02:00:00Z'), y2025.id))
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('assessmentSchemes')
    .values(row(2026, 2, [...base, fortune], null, v1.id))
    .execute();
  return { schemes: 3 };
}

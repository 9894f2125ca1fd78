import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DataScope } from '../../../domain/access/scope.js';
import type { CommitmentRates, Counted } from '../../../domain/commitments/commitments.schemas.js';
import { fulfilment } from '../../../domain/landing/clocks.js';
import type { DB } from '../../db/schema.js';
import { inScopeOrAssigned } from '../../db/scope-filter.js';

// 承诺兑现率. The rates are computed by the domain's one definition (clocks.ts `fulfilment`) over the rows in the
// caller's scope; nothing here re-counts them. The SQL below only selects the same rows for the list a count
// opens, and commitments.test.ts checks that every count's list has exactly that many rows.

const COLS = { district: 'c.district_id', unit: 'c.unit_id', department: 'c.department_unit_id' };

/** Rows a rates count counts, as a WHERE on `commitments as c` (mirrors `fulfilment`). */
export function countedWhere(counted: Counted, cutOff: string): RawBuilder<boolean> {
  const due = sql<boolean>`(c.status <> 'cancelled' and c.due_on <= ${cutOff})`;
  const fulfilled = sql<boolean>`(${due} and c.status = 'fulfilled' and c.fulfilled_on <= ${cutOff})`;
  switch (counted) {
    case 'due':
      return due;
    case 'fulfilled':
      return fulfilled;
    case 'on_time':
      return sql<boolean>`(${fulfilled} and c.fulfilled_on <= c.due_on)`;
    case 'unfulfilled':
      return sql<boolean>`(${due} and not ${fulfilled})`;
  }
}

/**
 * 兑现率 overall and per owner department at the cut-off, in the caller's scope (a department sees its own;
 * a unit sees its projects' commitments and those assigned to it). `pending` and `overdue` are as of today.
 */
export async function commitmentRates(
  db: Kysely<DB>,
  scope: DataScope,
  opts: { cutOff: string; today: string; unitId?: string; projectId?: string },
): Promise<CommitmentRates> {
  let q = db
    .selectFrom('commitments as c')
    .innerJoin('units as d', 'd.id', 'c.departmentUnitId')
    .select([
      'c.status',
      'c.dueOn',
      'c.fulfilledOn',
      'c.departmentUnitId',
      'd.name as departmentName',
      'd.sortOrder',
    ])
    .where(inScopeOrAssigned(scope, COLS));
  if (opts.unitId) q = q.where('c.unitId', '=', opts.unitId);
  if (opts.projectId) q = q.where('c.projectId', '=', opts.projectId);
  const rows = await q.execute();
  const open = (rs: typeof rows) => ({
    pending: rs.filter((r) => r.status === 'pending').length,
    overdue: rs.filter((r) => r.status === 'pending' && r.dueOn < opts.today).length,
  });
  const byDept = new Map<string, typeof rows>();
  for (const r of rows) byDept.set(r.departmentUnitId, [...(byDept.get(r.departmentUnitId) ?? []), r]);
  const departments = [...byDept.values()]
    .map((rs) => ({
      departmentUnitId: rs[0]!.departmentUnitId,
      departmentName: rs[0]!.departmentName,
      sortOrder: rs[0]!.sortOrder,
      ...fulfilment(rs, opts.cutOff),
      ...open(rs),
    }))
    .sort((a, b) => a.sortOrder - b.sortOrder || a.departmentName.localeCompare(b.departmentName, 'zh'))
    .map(({ sortOrder: _s, ...d }) => d);
  return { cutOff: opts.cutOff, overall: { ...fulfilment(rows, opts.cutOff), ...open(rows) }, departments };
}

/** Pending commitments past their due date in the caller's scope (the dashboard's and the inbox's count). */
export async function overdueCommitmentCount(
  db: Kysely<DB>,
  scope: DataScope,
  today: string,
): Promise<number> {
  const row = await db
    .selectFrom('commitments as c')
    .select(sql<string>`count(*)`.as('n'))
    .where(inScopeOrAssigned(scope, COLS))
    .where('c.status', '=', 'pending')
    .where('c.dueOn', '<', today)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { AppError } from '../../http/errors.js';

// Publishing a bulletin locks its period's data (issue 4 item 5): while the latest version of a period's
// bulletin is published, nothing dated in that period may change. A correction draft (the next version)
// lifts the lock for its period until it is published in turn. The write paths of capital reports and
// projects call this inside their transaction, with the dates the write touches (before and after).

export const periodLockedError = () =>
  new AppError(
    409,
    'bulletins.period_locked',
    'A bulletin of this period is published and its data is locked; ask the center to start a correction.',
    '该期间的通报已发布，数据已锁定；如需更正，请由投促中心发起更正版本',
  );

/** The periods (start..end) whose latest bulletin version is published and that contain one of the dates. */
export async function lockedPeriods(
  db: Database,
  districtId: string,
  dates: readonly (string | null | undefined)[],
): Promise<{ kind: string; year: number; period: number }[]> {
  const days = [...new Set(dates.filter((d): d is string => !!d))];
  if (days.length === 0) return [];
  const { rows } = await sql<{ kind: string; year: number; period: number }>`
    select b.kind, b.year, b.period from bulletins b
    where b.district_id = ${districtId} and b.status = 'published'
      and b.version = (select max(o.version) from bulletins o where o.district_id = b.district_id
        and o.kind = b.kind and o.year = b.year and o.period = b.period)
      and exists (select 1 from unnest(${days}::date[]) d where d between b.period_start and b.period_end)`.execute(
    db,
  );
  return rows;
}

/** Throws 409 bulletins.period_locked when any of the dates falls in a locked period. */
export async function assertPeriodOpen(
  trx: Database,
  districtId: string,
  dates: readonly (string | null | undefined)[],
): Promise<void> {
  if ((await lockedPeriods(trx, districtId, dates)).length > 0) throw periodLockedError();
}

/** What of a project a bulletin's figures read: its dates, amounts, unit and whether it still counts. */
export interface ProjectLockFacts {
  districtId: string;
  unitId: string;
  stage: string;
  signingDate: string | null;
  startDate: string | null;
  productionDate: string | null;
  signedAmountYuan: string | null;
  plannedTotalYuan: string | null;
  fixedAssetYuan: string | null;
  capitalIncrease: boolean;
  incrementYuan: string | null;
  industrial: boolean;
}

const DATE_FIELDS = ['signingDate', 'startDate', 'productionDate'] as const;
const FIGURE_FIELDS = [
  'unitId',
  'signedAmountYuan',
  'plannedTotalYuan',
  'fixedAssetYuan',
  'capitalIncrease',
  'incrementYuan',
  'industrial',
] as const;

/**
 * A project write that would change a figure of a locked period: a signing/start/production date moved into
 * or out of one, or the amounts (unit, industrial, withdrawn) of a project dated in one. `before` null: a new
 * project, checked on its own dates.
 */
export async function assertProjectChangeOpen(
  trx: Database,
  before: ProjectLockFacts | null,
  after: ProjectLockFacts,
): Promise<void> {
  const dates: (string | null)[] = [];
  if (!before) dates.push(...DATE_FIELDS.map((f) => after[f]));
  else {
    for (const f of DATE_FIELDS) if (before[f] !== after[f]) dates.push(before[f], after[f]);
    const withdrawn = (s: string) => s === 'withdrawn';
    const figures =
      FIGURE_FIELDS.some((f) => String(before[f] ?? '') !== String(after[f] ?? '')) ||
      withdrawn(before.stage) !== withdrawn(after.stage);
    if (figures) dates.push(...DATE_FIELDS.map((f) => before[f]), ...DATE_FIELDS.map((f) => after[f]));
  }
  await assertPeriodOpen(trx, after.districtId, dates);
}

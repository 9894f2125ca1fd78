import { type Kysely, sql, type Transaction } from 'kysely';
import type { DataScope } from '../../../domain/access/scope.js';
import type { FieldError } from '../../../domain/errors.js';
import { CATALOGUE, definitionsSchema, type IndicatorKey } from '../../../domain/indicators/catalogue.js';
import type { UnitKind } from '../../../domain/organization/organization.schemas.js';
import {
  checkTargetRow,
  normaliseTarget,
  type TargetInputRow,
} from '../../../domain/targets/targets.rules.js';
import type {
  DrillRowView,
  DrillView,
  ProgressView,
  TargetsView,
  YearSettingsInput,
  YearSettingsView,
} from '../../../domain/targets/targets.schemas.js';
import type { DB } from '../../db/schema.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import { type DrillDown, drillDown } from '../indicators/indicators.compute.js';
import { computeProgress, loadTargets, loadYearSettings } from '../progress/progress.compute.js';
import { targetsErrors } from './targets.errors.js';

type Q = Kysely<DB> | Transaction<DB>;
// Any constant: with the district and year it serialises saves of one year's targets.
const TARGETS_LOCK = 7_212_041;

export interface Caller {
  userId: string;
  districtId: string;
  scope: DataScope;
}

/** The units whose rows a caller reads; 'all' for the district's own readers. */
export function visibleUnits(scope: DataScope): 'all' | string[] {
  switch (scope.kind) {
    case 'district':
      return 'all';
    case 'unit':
      return scope.unitIds;
    case 'assigned':
      return [scope.unitId];
    default:
      return [];
  }
}

export interface AssessedUnit {
  id: string;
  name: string;
  kind: UnitKind;
  sortOrder: number;
}

/** Active units of the district other than the center, in the organisation's order: the rows of the grid. */
export async function assessedUnits(db: Q, districtId: string): Promise<AssessedUnit[]> {
  const rows = await db
    .selectFrom('units')
    .select(['id', 'name', 'kind', 'sortOrder'])
    .where('districtId', '=', districtId)
    .where('active', '=', true)
    .where('kind', '<>', 'center')
    .orderBy('sortOrder')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ ...r, kind: r.kind as UnitKind }));
}

export const catalogueView = () =>
  CATALOGUE.map((e) => ({
    key: e.key,
    name: e.name,
    unit: e.unit,
    kind: e.kind,
    source: e.source,
    definition: e.definition,
    options: e.options.map(String),
    ...(e.ratio ? { ratio: e.ratio } : {}),
  }));

export function createTargetsService({
  db,
  audit,
  now,
}: {
  db: Kysely<DB>;
  audit: AuditRepository;
  now: () => Date;
}) {
  async function settings(districtId: string, year: number): Promise<YearSettingsView> {
    return loadYearSettings(db, districtId, year);
  }

  async function saveSettings(
    caller: Caller,
    actor: AuditActor,
    year: number,
    input: YearSettingsInput,
  ): Promise<YearSettingsView> {
    const definitions = definitionsSchema.parse(input.definitions);
    return db.transaction().execute(async (trx) => {
      const before = await loadYearSettings(trx, caller.districtId, year);
      const cols = {
        definitions: JSON.stringify(definitions),
        timeProgressBasis: input.timeProgressBasis,
        goalRank: input.goalRank,
        stalledMonths: input.stalledMonths,
        issuingBody: input.issuingBody?.trim() || null,
        docPrefix: input.docPrefix?.trim() || null,
        updatedBy: caller.userId,
        updatedAt: now(),
      };
      await trx
        .insertInto('assessmentYears')
        .values({ districtId: caller.districtId, year, ...cols })
        .onConflict((oc) => oc.columns(['districtId', 'year']).doUpdateSet(cols))
        .execute();
      const after = await loadYearSettings(trx, caller.districtId, year);
      await audit.append(trx, actor, {
        action: 'assessment.settings',
        objectType: 'assessment_year',
        objectId: `${caller.districtId}:${year}`,
        result: 'success',
        changes: diff(before, after),
      });
      return after;
    });
  }

  async function targets(caller: Caller, year: number): Promise<TargetsView> {
    const [units, rows] = await Promise.all([
      assessedUnits(db, caller.districtId),
      loadTargets(db, caller.districtId, year),
    ]);
    const visible = visibleUnits(caller.scope);
    if (visible === 'all') return { year, units, rows };
    const own = new Set(visible);
    return {
      year,
      units: units.filter((u) => own.has(u.id)),
      rows: rows.filter((r) => r.unitId === null || own.has(r.unitId)),
    };
  }

  /**
   * Checks every row, then writes all of them in one transaction (an upsert each; a null annual deletes).
   * Throws with every problem keyed rows.<n>.<field>; nothing is written then.
   */
  async function saveTargets(
    caller: Caller,
    actor: AuditActor,
    year: number,
    rows: TargetInputRow[],
    via: 'grid' | 'import' = 'grid',
  ): Promise<number> {
    const fields: Record<string, FieldError> = {};
    rows.forEach((r, i) => {
      for (const [f, p] of Object.entries(checkTargetRow(r))) fields[`rows.${i}.${f}`] = p;
    });
    if (Object.keys(fields).length) throw targetsErrors.invalid(fields);
    const unitIds = [...new Set(rows.map((r) => r.unitId).filter((u): u is string => u !== null))];
    const known = new Set(
      unitIds.length
        ? (
            await db
              .selectFrom('units')
              .select('id')
              .where('districtId', '=', caller.districtId)
              .where('id', 'in', unitIds)
              .execute()
          ).map((u) => u.id)
        : [],
    );
    rows.forEach((r, i) => {
      if (r.unitId !== null && !known.has(r.unitId)) {
        fields[`rows.${i}.unitId`] = {
          message: 'Not a unit of your district.',
          messageZh: '该单位不属于本区。',
        };
      }
    });
    if (Object.keys(fields).length) throw targetsErrors.unknownUnit(fields);
    const at = now();
    const n = (v: string | null | undefined) => (v === null || v === undefined ? null : normaliseTarget(v));
    return db.transaction().execute(async (trx) => {
      // Two saves of the same year at once would both delete and both insert; one waits for the other.
      await sql`select pg_advisory_xact_lock(${TARGETS_LOCK}, hashtext(${`${caller.districtId}:${year}`}))`.execute(
        trx,
      );
      let written = 0;
      let removed = 0;
      for (const r of rows) {
        // One target per (district, year, unit or the district itself, indicator): the unique index is on
        // coalesce(unit_id, zero uuid), so replace rather than ON CONFLICT.
        await trx
          .deleteFrom('targets')
          .where('districtId', '=', caller.districtId)
          .where('year', '=', year)
          .where('indicatorKey', '=', r.indicatorKey)
          .where((eb) => (r.unitId === null ? eb('unitId', 'is', null) : eb('unitId', '=', r.unitId)))
          .execute()
          .then((res) => {
            if (r.annual === null) removed += Number(res[0]?.numDeletedRows ?? 0);
          });
        if (r.annual === null) continue;
        await trx
          .insertInto('targets')
          .values({
            districtId: caller.districtId,
            year,
            unitId: r.unitId,
            indicatorKey: r.indicatorKey,
            annual: normaliseTarget(r.annual),
            q1: n(r.q1),
            q2: n(r.q2),
            q3: n(r.q3),
            q4: n(r.q4),
            updatedBy: caller.userId,
            updatedAt: at,
          })
          .execute();
        written++;
      }
      await audit.append(trx, actor, {
        action: via === 'import' ? 'assessment.targets_import' : 'assessment.targets',
        objectType: 'assessment_year',
        objectId: `${caller.districtId}:${year}`,
        result: 'success',
        detail: `${written} target(s) written, ${removed} removed for ${year}`,
        changes: Object.fromEntries(
          rows.map((r) => [
            `${r.unitId ?? 'district'}.${r.indicatorKey}`,
            { before: null, after: r.annual === null ? null : [r.annual, r.q1, r.q2, r.q3, r.q4] },
          ]),
        ),
      });
      return written;
    });
  }

  async function progress(
    caller: Caller,
    q: { year: number; cutoff: string; periodStart?: string },
  ): Promise<ProgressView> {
    const inYear = (d: string) => Number(d.slice(0, 4)) === q.year;
    if (!inYear(q.cutoff) || (q.periodStart && (!inYear(q.periodStart) || q.periodStart > q.cutoff))) {
      throw targetsErrors.cutoffOutsideYear();
    }
    const result = await computeProgress(db, { districtId: caller.districtId, ...q });
    const visible = visibleUnits(caller.scope);
    const own = visible === 'all' ? null : new Set(visible);
    const units = result.units
      .filter((u) => own === null || own.has(u.id))
      .map((u) => ({ ...u, kind: u.kind as UnitKind }));
    return {
      year: result.year,
      periodStart: result.periodStart,
      cutoff: result.cutoff,
      timeProgressBasis: result.timeProgressBasis,
      timeProgress: result.timeProgress,
      units,
      cells: Object.fromEntries(units.map((u) => [u.id, result.cells[u.id]!])),
      district: result.district,
    };
  }

  async function drill(
    caller: Caller,
    q: { indicator: IndicatorKey; unitId: string; from: string; to: string },
  ): Promise<DrillView> {
    if (q.from > q.to) throw targetsErrors.drillRange();
    const visible = visibleUnits(caller.scope);
    if (visible !== 'all' && !visible.includes(q.unitId)) throw targetsErrors.drillOutOfScope();
    const unit = await db
      .selectFrom('units')
      .select('id')
      .where('id', '=', q.unitId)
      .where('districtId', '=', caller.districtId)
      .executeTakeFirst();
    if (!unit) throw targetsErrors.unitNotFound();
    // The 口径 of the year the range starts in: a drill-down reads the figure the same way it was computed.
    const { definitions } = await loadYearSettings(db, caller.districtId, Number(q.from.slice(0, 4)));
    const raw = await drillDown(db, { districtId: caller.districtId, definitions, ...q });
    return named(db, raw);
  }

  return { settings, saveSettings, targets, saveTargets, progress, drill };
}
export type TargetsService = ReturnType<typeof createTargetsService>;

function diff(before: YearSettingsView, after: YearSettingsView) {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const k of Object.keys(after) as (keyof YearSettingsView)[]) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      out[k] = { before: before[k], after: after[k] };
  }
  return out;
}

/** The drill-down's records with what a person knows them by, and the project each one opens. */
async function named(db: Q, d: DrillDown): Promise<DrillView> {
  const rows = await nameRows(db, d);
  return {
    indicator: d.indicator,
    source: d.source,
    rows,
    ...(d.numerator ? { numerator: await named(db, d.numerator) } : {}),
    ...(d.denominator ? { denominator: await named(db, d.denominator) } : {}),
  };
}

async function nameRows(db: Q, d: DrillDown): Promise<DrillRowView[]> {
  const ids = d.rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const byId = new Map<string, { name: string; detail: string | null; projectId: string | null }>();
  if (d.source === 'projects') {
    const rows = await db
      .selectFrom('projects as p')
      .leftJoin('enterprises as e', 'e.id', 'p.enterpriseId')
      .select(['p.id', 'p.name', 'e.name as enterprise', 'p.signingDate'])
      .where('p.id', 'in', ids)
      .execute();
    for (const r of rows) {
      byId.set(r.id, {
        name: r.name,
        detail:
          [r.enterprise, r.signingDate ? `签约 ${r.signingDate}` : null].filter(Boolean).join(' · ') || null,
        projectId: r.id,
      });
    }
  } else if (d.source === 'capital_reports') {
    const rows = await db
      .selectFrom('capitalReports as c')
      .innerJoin('projects as p', 'p.id', 'c.projectId')
      .select(['c.id', 'p.id as projectId', 'p.name', sql<string>`to_char(c.month, 'YYYY-MM')`.as('month')])
      .where('c.id', 'in', ids)
      .execute();
    for (const r of rows) byId.set(r.id, { name: r.name, detail: `${r.month} 月报`, projectId: r.projectId });
  } else if (d.source === 'activities') {
    const rows = await db
      .selectFrom('activities as a')
      .leftJoin('projects as p', 'p.id', 'a.projectId')
      .leftJoin('leads as l', 'l.id', 'a.leadId')
      .select(['a.id', 'a.projectId', 'a.occurredOn', 'a.summary', 'p.name as project', 'l.title as lead'])
      .where('a.id', 'in', ids)
      .execute();
    for (const r of rows) {
      byId.set(r.id, {
        name: r.project ?? r.lead ?? r.summary,
        detail: `${r.occurredOn} ${r.summary}`,
        projectId: r.projectId,
      });
    }
  } else if (d.source === 'milestones') {
    const rows = await db
      .selectFrom('milestones as m')
      .innerJoin('projects as p', 'p.id', 'm.projectId')
      .select(['m.id', 'p.id as projectId', 'p.name', 'm.description', 'm.dueDate', 'm.status'])
      .where('m.id', 'in', ids)
      .execute();
    for (const r of rows) {
      byId.set(r.id, { name: r.name, detail: `${r.description}（${r.dueDate}）`, projectId: r.projectId });
    }
  } else if (d.source === 'leads') {
    const rows = await db
      .selectFrom('leads as l')
      .leftJoin('networkSources as ns', 'ns.id', 'l.referralSourceId')
      .select(['l.id', 'l.title', 'l.receivedOn', 'l.projectId', 'ns.name as source'])
      .where('l.id', 'in', ids)
      .execute();
    for (const r of rows) {
      byId.set(r.id, {
        name: r.title,
        detail: [r.receivedOn, r.source ? `推荐：${r.source}` : null].filter(Boolean).join(' · '),
        projectId: r.projectId,
      });
    }
  } else if (d.source === 'trips') {
    // A leader-led visit out (activities) or a trip out (promotion_events): the ids are of either table.
    const [visits, trips] = await Promise.all([
      db
        .selectFrom('activities as a')
        .leftJoin('projects as p', 'p.id', 'a.projectId')
        .select(['a.id', 'a.projectId', 'a.occurredOn', 'a.summary', 'p.name as project'])
        .where('a.id', 'in', ids)
        .execute(),
      db
        .selectFrom('promotionEvents as e')
        .select(['e.id', 'e.name', 'e.startsOn', 'e.leaders'])
        .where('e.id', 'in', ids)
        .execute(),
    ]);
    for (const r of visits) {
      byId.set(r.id, {
        name: r.project ?? r.summary,
        detail: `${r.occurredOn} ${r.summary}`,
        projectId: r.projectId,
      });
    }
    for (const r of trips) {
      byId.set(r.id, { name: r.name, detail: `${r.startsOn} ${r.leaders.join('、')}`, projectId: null });
    }
  } else if (d.source === 'capital_submissions') {
    for (const id of ids)
      byId.set(id, { name: `${id.slice(0, 7)} 资金月报`, detail: '迟报', projectId: null });
  }
  return d.rows.map((r) => ({
    id: r.id,
    value: r.value,
    ...(byId.get(r.id) ?? { name: r.id, detail: null, projectId: null }),
  }));
}

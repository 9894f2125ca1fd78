import { type Kysely, type RawBuilder, type Selectable, sql, type Transaction } from 'kysely';
import type { DataScope } from '../../../domain/access/scope.js';
import { diffFields } from '../../../domain/audit/audit.schemas.js';
import { chinaToday } from '../../../domain/dates.js';
import {
  type ChainSegment,
  chainLinkLabel as linkLabelOf,
  TARGET_STATUS_LABELS,
  type TargetEventKind,
} from '../../../domain/network/network-codes.js';
import {
  type AddTargetEventInput,
  type CreateTargetEnterpriseInput,
  TARGET_FIELD_LABELS,
  TARGET_PLAN_FIELDS,
  type TargetEnterpriseDetail,
  type TargetEnterpriseListQuery,
  type TargetEnterpriseView,
  type TargetEventView,
  type TargetSort,
  type UpdateTargetEnterpriseInput,
} from '../../../domain/network/targets.schemas.js';
import type { DB, TargetEnterprisesTable } from '../../db/schema.js';
import { inScope } from '../../db/scope-filter.js';
import { matchesSearch } from '../../db/search-filter.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import type { EnterprisesService } from '../enterprises/enterprises.service.js';
import { fullOriginLabel } from '../enterprises/origin-codes.js';
import { activeUnitInScope } from '../organization/unit-in-scope.js';
import { targetEnterprisesErrors as errors } from './target-enterprises.errors.js';

// 目标企业库: enterprises a unit pursues, each with its plan (一企一策) and history. Owned by the unit in charge
// (unit scope on unit_id); the center, leaders and supervisors read the whole district. Whether the district
// already has a lead or project of the enterprise is district-wide (a town should know another unit is on it),
// the leads and projects themselves only within the caller's scope.

type Q = Kysely<DB> | Transaction<DB>;
export type TargetRow = Selectable<TargetEnterprisesTable> & {
  unitName: string;
  enterpriseName: string;
  creditCode: string | null;
  industryDivision: string | null;
  linkName: string | null;
  linkSegment: ChainSegment | null;
  chainName: string | null;
  hasLead: boolean;
  hasProject: boolean;
  overdue: boolean;
};

export interface TargetCaller {
  user: SessionUser;
  scope: DataScope;
  canWrite: boolean;
  /** The center (pipeline.coordinate): may hand a target to another unit and delete. */
  isCenter: boolean;
}

export type TargetFilter = TargetEnterpriseListQuery;
const EXPORT_LIMIT = 20_000;

const SORTS: Record<TargetSort, [string, 'asc' | 'desc']> = {
  '-updatedAt': ['t.updatedAt', 'desc'],
  updatedAt: ['t.updatedAt', 'asc'],
  nextStepOn: ['t.nextStepOn', 'asc'],
  '-nextStepOn': ['t.nextStepOn', 'desc'],
  name: ['e.name', 'asc'],
};

const OPEN = sql`t.status in ('researching', 'contacting', 'visited', 'negotiating')`;

/** The district has a lead (or project) for the target's enterprise, whichever unit's: the list's badges and
 * its hasLead / hasProject filters. */
const existsFor = (table: 'leads' | 'projects') =>
  sql<boolean>`exists (select 1 from ${sql.table(table)} x where x.enterprise_id = t.enterprise_id and x.district_id = t.district_id)`;

export const chainLinkLabel = (r: {
  chainName: string | null;
  linkSegment: string | null;
  linkName: string | null;
}) =>
  r.linkName && r.chainName ? linkLabelOf(r.chainName, r.linkSegment as ChainSegment, r.linkName) : null;

export function createTargetEnterprisesService({
  db,
  audit,
  enterprises,
  now,
}: {
  db: Kysely<DB>;
  audit: AuditRepository;
  enterprises: EnterprisesService;
  now: () => Date;
}) {
  const today = () => chinaToday(now());

  function present(r: TargetRow, c: TargetCaller): TargetEnterpriseView {
    return {
      id: r.id,
      districtId: r.districtId,
      unitId: r.unitId,
      unitName: r.unitName,
      enterpriseId: r.enterpriseId,
      enterpriseName: r.enterpriseName,
      creditCode: r.creditCode,
      industryDivision: r.industryDivision,
      tags: r.tags as TargetEnterpriseView['tags'],
      chainLinkId: r.chainLinkId,
      chainLinkLabel: chainLinkLabel(r),
      priority: r.priority,
      status: r.status,
      approach: r.approach,
      contacts: r.contacts,
      offer: r.offer,
      nextStep: r.nextStep,
      nextStepOn: r.nextStepOn,
      leaderInCharge: r.leaderInCharge,
      overdue: r.overdue,
      hasLead: r.hasLead,
      hasProject: r.hasProject,
      // Every row the caller reads is in their own scope: writing needs only the permission.
      writable: c.canWrite,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  }

  function base(q: Q, scope: DataScope) {
    return q
      .selectFrom('targetEnterprises as t')
      .innerJoin('units as un', 'un.id', 't.unitId')
      .innerJoin('enterprises as e', 'e.id', 't.enterpriseId')
      .leftJoin('chainLinks as cl', 'cl.id', 't.chainLinkId')
      .leftJoin('chains as ch', 'ch.id', 'cl.chainId')
      .selectAll('t')
      .select([
        'un.name as unitName',
        'e.name as enterpriseName',
        'e.creditCode',
        'e.industryDivision',
        'cl.name as linkName',
        'cl.segment as linkSegment',
        'ch.name as chainName',
        existsFor('leads').as('hasLead'),
        existsFor('projects').as('hasProject'),
        sql<boolean>`(${OPEN} and t.next_step_on is not null and t.next_step_on < ${today()}::date)`.as(
          'overdue',
        ),
      ])
      .where(inScope(scope, { district: 't.district_id', unit: 't.unit_id' }));
  }

  async function find(q: Q, scope: DataScope, id: string): Promise<TargetRow> {
    const row = await base(q, scope).where('t.id', '=', id).executeTakeFirst();
    if (!row) throw errors.notFound();
    return row as TargetRow;
  }

  function filterWhere(f: TargetFilter): RawBuilder<boolean> {
    const c: RawBuilder<boolean>[] = [];
    if (f.q) c.push(matchesSearch('e.search_text', f.q));
    if (f.tags?.length) c.push(sql<boolean>`t.tags && ${sql.val(f.tags)}::text[]`);
    if (f.status?.length) c.push(sql<boolean>`t.status = any(${sql.val(f.status)}::text[])`);
    if (f.priority) c.push(sql<boolean>`t.priority = ${f.priority}`);
    if (f.unitId) c.push(sql<boolean>`t.unit_id = ${f.unitId}`);
    if (f.chainLinkId) c.push(sql<boolean>`t.chain_link_id = ${f.chainLinkId}`);
    if (f.hasLead)
      c.push(f.hasLead === 'true' ? existsFor('leads') : sql<boolean>`not ${existsFor('leads')}`);
    if (f.hasProject) {
      c.push(f.hasProject === 'true' ? existsFor('projects') : sql<boolean>`not ${existsFor('projects')}`);
    }
    if (f.nextStepBefore) c.push(sql<boolean>`(${OPEN} and t.next_step_on <= ${f.nextStepBefore}::date)`);
    if (f.overdue === 'true') c.push(sql<boolean>`(${OPEN} and t.next_step_on < ${today()}::date)`);
    return c.length === 0 ? sql<boolean>`true` : sql<boolean>`(${sql.join(c, sql` and `)})`;
  }

  async function list(
    c: TargetCaller,
    f: TargetFilter & { page: number; pageSize: number; sort: TargetSort },
  ) {
    const [col, dir] = SORTS[f.sort];
    const filtered = base(db, c.scope).where(filterWhere(f));
    const [rows, total] = await Promise.all([
      filtered
        .orderBy(col as 't.updatedAt', (ob) => (dir === 'asc' ? ob.asc().nullsLast() : ob.desc().nullsLast()))
        .orderBy('t.id')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      db
        .selectFrom('targetEnterprises as t')
        .innerJoin('enterprises as e', 'e.id', 't.enterpriseId')
        .where(inScope(c.scope, { district: 't.district_id', unit: 't.unit_id' }))
        .where(filterWhere(f))
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: (rows as TargetRow[]).map((r) => present(r, c)), total: Number(total.n) };
  }

  async function exportRows(c: TargetCaller, f: TargetFilter) {
    const rows = await base(db, c.scope)
      .where(filterWhere(f))
      .orderBy('un.sortOrder')
      .orderBy(sql`e.name collate "zh-x-icu"`)
      .limit(EXPORT_LIMIT)
      .execute();
    return (rows as TargetRow[]).map((r) => present(r, c));
  }

  async function history(q: Q, targetId: string): Promise<TargetEventView[]> {
    const rows = await q
      .selectFrom('targetEnterpriseEvents as ev')
      .leftJoin('users as u', 'u.id', 'ev.userId')
      .select(['ev.id', 'ev.kind', 'ev.onDate', 'ev.note', 'ev.username', 'u.displayName', 'ev.at'])
      .where('ev.targetId', '=', targetId)
      .orderBy('ev.onDate')
      .orderBy('ev.at')
      // Entries of one instant (an import, a frozen test clock): 入库 first, then plan, status, the rest.
      .orderBy(sql`array_position(array['created', 'plan', 'status'], ev.kind::text)`, (ob) =>
        ob.asc().nullsLast(),
      )
      .execute();
    return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
  }

  async function detail(c: TargetCaller, id: string): Promise<TargetEnterpriseDetail> {
    const row = await find(db, c.scope, id);
    const [events, enterprise, leads, projects, counts] = await Promise.all([
      history(db, id),
      db
        .selectFrom('enterprises')
        .select([
          'id',
          'name',
          'creditCode',
          'kinds',
          'industryDivision',
          'originRegionCode',
          'originCountry',
        ])
        .where('id', '=', row.enterpriseId)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('leads as l')
        .innerJoin('units as un', 'un.id', 'l.unitId')
        .select(['l.id', 'l.title', 'un.name as unitName', 'l.status', 'l.receivedOn'])
        .where('l.enterpriseId', '=', row.enterpriseId)
        .where(inScope(c.scope, { district: 'l.district_id', unit: 'l.unit_id' }))
        .orderBy('l.receivedOn', 'desc')
        .execute(),
      db
        .selectFrom('projects as p')
        .innerJoin('units as un', 'un.id', 'p.unitId')
        .select(['p.id', 'p.name', 'un.name as unitName', 'p.stage'])
        .where('p.enterpriseId', '=', row.enterpriseId)
        .where(inScope(c.scope, { district: 'p.district_id', unit: 'p.unit_id' }))
        .orderBy('p.updatedAt', 'desc')
        .execute(),
      db
        .selectNoFrom([
          sql<string>`(select count(*) from leads where enterprise_id = ${row.enterpriseId} and district_id = ${row.districtId})`.as(
            'leads',
          ),
          sql<string>`(select count(*) from projects where enterprise_id = ${row.enterpriseId} and district_id = ${row.districtId})`.as(
            'projects',
          ),
        ])
        .executeTakeFirstOrThrow(),
    ]);
    return {
      target: present(row, c),
      history: events,
      enterprise: {
        id: enterprise.id,
        name: enterprise.name,
        creditCode: enterprise.creditCode,
        kinds: enterprise.kinds,
        industryDivision: enterprise.industryDivision,
        originLabel: fullOriginLabel(enterprise),
      },
      leads,
      projects,
      districtLeadCount: Number(counts.leads),
      districtProjectCount: Number(counts.projects),
    };
  }

  async function addEvent(
    trx: Transaction<DB>,
    u: SessionUser,
    target: { id: string; districtId: string },
    kind: TargetEventKind,
    onDate: string,
    note: string | null,
  ) {
    await trx
      .insertInto('targetEnterpriseEvents')
      .values({
        districtId: target.districtId,
        targetId: target.id,
        kind,
        onDate,
        note,
        userId: u.id,
        username: u.username,
        at: now(),
      })
      .execute();
  }

  /** An active unit of the caller's district that the caller may write for. */
  async function assertUnitWritable(q: Q, scope: DataScope, unitId: string) {
    const unit = await activeUnitInScope(q, scope, unitId);
    if (!unit) throw errors.unitNotWritable();
    return unit;
  }

  async function assertLinkIn(q: Q, districtId: string, linkId: string | null | undefined) {
    if (!linkId) return;
    const link = await q
      .selectFrom('chainLinks')
      .select('id')
      .where('id', '=', linkId)
      .where('districtId', '=', districtId)
      .executeTakeFirst();
    if (!link) throw errors.chainLinkInvalid();
  }

  async function existingFor(q: Q, districtId: string, enterpriseId: string) {
    return q
      .selectFrom('targetEnterprises as t')
      .innerJoin('units as un', 'un.id', 't.unitId')
      .select(['t.id', 'un.name as unitName'])
      .where('t.districtId', '=', districtId)
      .where('t.enterpriseId', '=', enterpriseId)
      .executeTakeFirst();
  }

  async function create(c: TargetCaller, actor: AuditActor, input: CreateTargetEnterpriseInput) {
    const unit = await assertUnitWritable(db, c.scope, input.unitId);
    await assertLinkIn(db, unit.districtId, input.chainLinkId);
    let enterpriseId: string;
    if (input.enterpriseId) {
      const e = await db
        .selectFrom('enterprises')
        .select('id')
        .where('id', '=', input.enterpriseId)
        .where('districtId', '=', unit.districtId)
        .executeTakeFirst();
      if (!e) throw errors.enterpriseNotFound();
      enterpriseId = e.id;
    } else {
      // Named by credit code or name: the district's address book links to the one it has (no duplicates).
      enterpriseId = (await enterprises.create(c.user, actor, input.enterprise!)).enterprise.id;
    }
    return db.transaction().execute(async (trx) => {
      // One target per enterprise per district; the lock makes two simultaneous entries meet here, not in a
      // unique-violation error.
      await sql`select pg_advisory_xact_lock(hashtext(${`target:${unit.districtId}:${enterpriseId}`}))`.execute(
        trx,
      );
      const existing = await existingFor(trx, unit.districtId, enterpriseId);
      if (existing) throw errors.duplicate(existing);
      const at = now();
      const { enterprise: _e, enterpriseId: _id, ...fields } = input;
      const row = await trx
        .insertInto('targetEnterprises')
        .values({
          ...fields,
          districtId: unit.districtId,
          enterpriseId,
          createdBy: c.user.id,
          createdAt: at,
          updatedAt: at,
        })
        .returning(['id', 'districtId'])
        .executeTakeFirstOrThrow();
      await addEvent(trx, c.user, row, 'created', today(), null);
      await audit.append(trx, actor, {
        action: 'target_enterprises.create',
        objectType: 'target_enterprise',
        objectId: row.id,
        result: 'success',
        changes: diffFields(null, { ...fields, enterpriseId }),
      });
      return present(await find(trx, c.scope, row.id), c);
    });
  }

  /** A target of the caller's scope, locked, at the version the editor loaded. */
  async function findWritable(trx: Transaction<DB>, scope: DataScope, id: string, version?: number) {
    await find(trx, scope, id);
    await trx.selectFrom('targetEnterprises').select('id').where('id', '=', id).forUpdate().execute();
    const current = await find(trx, scope, id);
    if (version !== undefined && current.version !== version) throw errors.stale(current.version);
    return current;
  }

  type Patch = Omit<UpdateTargetEnterpriseInput, 'version'>;

  /**
   * Applies a patch inside a transaction: plan changes are logged as 调整方案 (naming the fields), a status change
   * as 状态变化 (from → to), with one audit row. The import uses it for each updated row.
   */
  async function applyPatch(
    trx: Transaction<DB>,
    c: TargetCaller,
    actor: AuditActor,
    before: TargetRow,
    patch: Patch,
    action: string,
  ) {
    if (patch.unitId && patch.unitId !== before.unitId) {
      if (!c.isCenter) throw errors.moveDenied();
      const unit = await assertUnitWritable(trx, c.scope, patch.unitId);
      if (unit.districtId !== before.districtId) throw errors.unitNotWritable();
    }
    if (patch.chainLinkId !== undefined) await assertLinkIn(trx, before.districtId, patch.chainLinkId);
    const keys = [...TARGET_PLAN_FIELDS, 'status'] as const;
    const set = Object.fromEntries(keys.filter((k) => patch[k] !== undefined).map((k) => [k, patch[k]]));
    const pick = (r: Partial<TargetRow>) =>
      Object.fromEntries(
        keys.map((k) => [k, k === 'tags' ? [...(r.tags ?? [])].sort().join(',') : (r[k] ?? null)]),
      );
    const changes = diffFields(pick(before), pick({ ...before, ...(set as Partial<TargetRow>) }));
    if (Object.keys(changes).length === 0) return { row: before, changed: [] as string[] };
    await trx
      .updateTable('targetEnterprises')
      .set({ ...set, version: sql`version + 1`, updatedAt: now() })
      .where('id', '=', before.id)
      .execute();
    const planChanged = TARGET_PLAN_FIELDS.filter((k) => k in changes);
    if (planChanged.length > 0) {
      await addEvent(
        trx,
        c.user,
        before,
        'plan',
        today(),
        `调整：${planChanged.map((k) => TARGET_FIELD_LABELS[k]).join('、')}`,
      );
    }
    if (patch.status && patch.status !== before.status) {
      await addEvent(
        trx,
        c.user,
        before,
        'status',
        today(),
        `${TARGET_STATUS_LABELS[before.status].zh} → ${TARGET_STATUS_LABELS[patch.status].zh}`,
      );
    }
    await audit.append(trx, actor, {
      action,
      objectType: 'target_enterprise',
      objectId: before.id,
      result: 'success',
      changes,
    });
    return { row: await find(trx, c.scope, before.id), changed: Object.keys(changes) };
  }

  async function update(c: TargetCaller, actor: AuditActor, id: string, input: UpdateTargetEnterpriseInput) {
    return db.transaction().execute(async (trx) => {
      const before = await findWritable(trx, c.scope, id, input.version);
      const { version: _v, ...patch } = input;
      const { row } = await applyPatch(trx, c, actor, before, patch, 'target_enterprises.update');
      return present(row, c);
    });
  }

  async function addHistory(c: TargetCaller, actor: AuditActor, id: string, input: AddTargetEventInput) {
    if (input.onDate > today()) throw errors.futureEvent(today());
    return db.transaction().execute(async (trx) => {
      const target = await findWritable(trx, c.scope, id);
      await addEvent(trx, c.user, target, input.kind, input.onDate, input.note);
      // A contact or visit is activity on the target: it moves up the list sorted by 最近更新.
      await trx.updateTable('targetEnterprises').set({ updatedAt: now() }).where('id', '=', id).execute();
      await audit.append(trx, actor, {
        action: 'target_enterprises.add_event',
        objectType: 'target_enterprise',
        objectId: id,
        result: 'success',
        detail: `${input.kind} ${input.onDate}`,
      });
      return history(trx, id);
    });
  }

  /** The center removes a target from the library (a unit that gives up sets 已放弃 instead). */
  async function remove(c: TargetCaller, actor: AuditActor, id: string) {
    await db.transaction().execute(async (trx) => {
      const before = await findWritable(trx, c.scope, id);
      await trx.deleteFrom('targetEnterprises').where('id', '=', id).execute();
      await audit.append(trx, actor, {
        action: 'target_enterprises.delete',
        objectType: 'target_enterprise',
        objectId: id,
        result: 'success',
        detail: before.enterpriseName,
      });
    });
  }

  return {
    list,
    exportRows,
    detail,
    history,
    create,
    update,
    addHistory,
    remove,
    find,
    applyPatch,
    addEvent,
  };
}
export type TargetEnterprisesService = ReturnType<typeof createTargetEnterprisesService>;

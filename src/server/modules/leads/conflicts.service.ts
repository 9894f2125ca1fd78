import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import {
  type CreditShare,
  checkCreditShares,
  describeCreditShareProblem,
  FULL_CREDIT_BP,
} from '../../../domain/leads/credit-shares.js';
import type { DB } from '../../db/schema.js';
import { httpErrors } from '../../http/errors.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { conflictsErrors } from './leads.errors.js';

// Several units chasing one enterprise (open leads, non-withdrawn projects) is a conflict for the
// center to decide: one primary unit, or explicit co-credit (DOMAIN §2: one project is credited once, to one
// unit, unless co-credit is explicit). A decision covers the units in conflict when it was taken; another unit
// joining later reopens it. A converted lead counts through its project (so a withdrawn project's lead no
// longer keeps a conflict alive).

export const resolveConflictInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('primary'),
    primaryUnitId: z.string().uuid(),
    note: z.string().trim().max(500).nullish(),
  }),
  z.object({
    kind: z.literal('co_credit'),
    shares: z
      .array(
        z.object({ unitId: z.string().uuid(), basisPoints: z.number().int().min(0).max(FULL_CREDIT_BP) }),
      )
      .max(20),
    note: z.string().trim().max(500).nullish(),
  }),
]);
export type ResolveConflictInput = z.infer<typeof resolveConflictInput>;

export const CONFLICT_STATES = ['unresolved', 'reopened', 'resolved'] as const;
export const conflictSchema = z.object({
  enterpriseId: z.string().uuid(),
  enterpriseName: z.string(),
  state: z.enum(CONFLICT_STATES),
  units: z.array(
    z.object({
      unitId: z.string().uuid(),
      unitName: z.string(),
      leads: z.number().int(),
      projects: z.number().int(),
    }),
  ),
  resolution: z
    .object({
      kind: z.enum(['primary', 'co_credit']),
      primaryUnitId: z.string().uuid().nullable(),
      shares: z.array(z.object({ unitId: z.string().uuid(), basisPoints: z.number().int() })).nullable(),
      unitIds: z.array(z.string().uuid()),
      note: z.string().nullable(),
      resolvedAt: z.string(),
    })
    .nullable(),
});
export type ConflictView = z.infer<typeof conflictSchema>;

// Raw rows come back camelCased by the CamelCasePlugin, like every other query.
interface ChaserRow {
  enterpriseId: string;
  enterpriseName: string;
  unitId: string;
  unitName: string;
  leads: string;
  projects: string;
}

export function createConflictsService({
  db,
  audit,
  now,
}: {
  db: Kysely<DB>;
  audit: AuditRepository;
  now: () => Date;
}) {
  /** Enterprises chased by two or more units of the district, with what each unit has on them. */
  async function chased(districtId: string, enterpriseId?: string): Promise<ConflictView[]> {
    const only = enterpriseId ? sql`and c.enterprise_id = ${enterpriseId}` : sql``;
    const rows = await sql<ChaserRow>`
      with chasers as (
        select enterprise_id, unit_id, 1 as lead, 0 as project from leads
          where district_id = ${districtId} and status in ('new', 'following')
        union all
        select enterprise_id, unit_id, 0, 1 from projects
          where district_id = ${districtId} and stage <> 'withdrawn' and enterprise_id is not null
      ),
      per_unit as (
        select c.enterprise_id, c.unit_id, sum(c.lead) as leads, sum(c.project) as projects
        from chasers c where true ${only}
        group by c.enterprise_id, c.unit_id
      ),
      contested as (
        select enterprise_id from per_unit group by enterprise_id having count(*) >= 2
      )
      select p.enterprise_id, e.name as enterprise_name, p.unit_id, un.name as unit_name, p.leads, p.projects
      from per_unit p
      join contested using (enterprise_id)
      join enterprises e on e.id = p.enterprise_id
      join units un on un.id = p.unit_id
      order by e.name collate "zh-x-icu", un.sort_order, un.name
    `.execute(db);
    const byEnterprise = new Map<string, ConflictView>();
    for (const r of rows.rows) {
      let c = byEnterprise.get(r.enterpriseId);
      if (!c) {
        c = {
          enterpriseId: r.enterpriseId,
          enterpriseName: r.enterpriseName,
          state: 'unresolved',
          units: [],
          resolution: null,
        };
        byEnterprise.set(r.enterpriseId, c);
      }
      c.units.push({
        unitId: r.unitId,
        unitName: r.unitName,
        leads: Number(r.leads),
        projects: Number(r.projects),
      });
    }
    const list = [...byEnterprise.values()];
    if (list.length === 0) return [];
    const resolutions = await db
      .selectFrom('creditResolutions')
      .selectAll()
      .where('districtId', '=', districtId)
      .where(
        'enterpriseId',
        'in',
        list.map((c) => c.enterpriseId),
      )
      .execute();
    const resolved = new Map(resolutions.map((r) => [r.enterpriseId, r]));
    for (const c of list) {
      const r = resolved.get(c.enterpriseId);
      if (!r) continue;
      c.resolution = {
        kind: r.kind,
        primaryUnitId: r.primaryUnitId,
        shares: r.shares,
        unitIds: r.unitIds,
        note: r.note,
        resolvedAt: r.resolvedAt.toISOString(),
      };
      const decided = new Set(r.unitIds);
      c.state = c.units.every((u) => decided.has(u.unitId)) ? 'resolved' : 'reopened';
    }
    return list;
  }

  async function list(districtId: string, f: { state: 'open' | 'all' }) {
    const all = await chased(districtId);
    return f.state === 'all' ? all : all.filter((c) => c.state !== 'resolved');
  }

  /** Writes the decision and the credit shares of every non-withdrawn project of the enterprise. */
  async function resolve(
    u: SessionUser,
    actor: AuditActor,
    enterpriseId: string,
    input: ResolveConflictInput,
  ) {
    const enterprise = await db
      .selectFrom('enterprises')
      .select('id')
      .where('id', '=', enterpriseId)
      .where('districtId', '=', u.districtId)
      .executeTakeFirst();
    if (!enterprise) throw httpErrors.notFound('Enterprise', '企业', 'enterprises.not_found');
    const [conflict] = await chased(u.districtId, enterpriseId);
    if (!conflict) throw conflictsErrors.notInConflict();
    const unitIds = conflict.units.map((x) => x.unitId);
    let shares: CreditShare[];
    if (input.kind === 'primary') {
      if (!unitIds.includes(input.primaryUnitId)) throw conflictsErrors.primaryNotInConflict();
      shares = [{ unitId: input.primaryUnitId, basisPoints: FULL_CREDIT_BP }];
    } else {
      const problems = checkCreditShares(input.shares, unitIds);
      if (problems.length > 0) throw conflictsErrors.shares(problems.map(describeCreditShareProblem));
      shares = input.shares.map((s) => ({ unitId: s.unitId, basisPoints: s.basisPoints }));
    }
    await db.transaction().execute(async (trx) => {
      const values = {
        kind: input.kind,
        primaryUnitId: input.kind === 'primary' ? input.primaryUnitId : null,
        shares: input.kind === 'co_credit' ? JSON.stringify(shares) : null,
        unitIds,
        note: input.note ?? null,
        resolvedBy: u.id,
        resolvedAt: now(),
      };
      await trx
        .insertInto('creditResolutions')
        .values({ districtId: u.districtId, enterpriseId, ...values })
        .onConflict((oc) => oc.columns(['districtId', 'enterpriseId']).doUpdateSet(values))
        .execute();
      const projects = await trx
        .selectFrom('projects')
        .select('id')
        .where('districtId', '=', u.districtId)
        .where('enterpriseId', '=', enterpriseId)
        .where('stage', '<>', 'withdrawn')
        .execute();
      const ids = projects.map((p) => p.id);
      if (ids.length > 0) {
        await trx.deleteFrom('projectCreditShares').where('projectId', 'in', ids).execute();
        await trx
          .insertInto('projectCreditShares')
          .values(
            ids.flatMap((projectId) => shares.map((s) => ({ ...s, projectId, districtId: u.districtId }))),
          )
          .execute();
      }
      await audit.append(trx, actor, {
        action: 'conflicts.resolve',
        objectType: 'enterprise',
        objectId: enterpriseId,
        result: 'success',
        changes: {
          resolution: {
            before: conflict.resolution ? { kind: conflict.resolution.kind } : null,
            after: { kind: input.kind, shares, projects: ids.length },
          },
        },
        detail: input.note ?? null,
      });
    });
    return (await chased(u.districtId, enterpriseId))[0]!;
  }

  return { list, resolve };
}
export type ConflictsService = ReturnType<typeof createConflictsService>;

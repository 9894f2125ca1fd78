import { type Kysely, sql, type Transaction } from 'kysely';
import type { OrgReach } from '../../../domain/access/scope.js';
import type { CreateUnitInput, UpdateUnitInput } from '../../../domain/organization/organization.schemas.js';
import type { DB } from '../../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

const unitColumns = [
  'id',
  'districtId',
  'name',
  'kind',
  'code',
  'sortOrder',
  'active',
  'createdAt',
  'updatedAt',
] as const;

export function presentUnit(u: {
  id: string;
  districtId: string;
  name: string;
  kind: string;
  code: string | null;
  sortOrder: number;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}) {
  return {
    ...u,
    kind: u.kind as 'town' | 'department' | 'park' | 'team' | 'center',
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}

export function createOrganizationRepository({ db }: { db: Kysely<DB> }) {
  /** District ids a reach covers. */
  async function districtIdsIn(reach: OrgReach, q: Q = db): Promise<string[]> {
    if (reach.kind !== 'city') return [reach.districtId];
    const rows = await q.selectFrom('regions').select('id').where('parentId', '=', reach.cityId).execute();
    return rows.map((r) => r.id);
  }

  async function listRegions(cityId: string | null, districtId: string) {
    let q = db.selectFrom('regions').selectAll();
    q = cityId
      ? q.where((eb) => eb.or([eb('id', '=', cityId), eb('parentId', '=', cityId)]))
      : q.where('id', '=', districtId);
    return q.orderBy('kind').orderBy('sortOrder').orderBy(sql`name collate "zh-x-icu"`).execute();
  }

  async function findRegion(id: string, q: Q = db) {
    return q.selectFrom('regions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async function insertDistrict(trx: Transaction<DB>, cityId: string, name: string, code: string | null) {
    return trx
      .insertInto('regions')
      .values({ parentId: cityId, kind: 'district', name, code })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async function listUnits(districtIds: string[], includeInactive: boolean) {
    if (districtIds.length === 0) return [];
    let q = db.selectFrom('units').select(unitColumns).where('districtId', 'in', districtIds);
    if (!includeInactive) q = q.where('active', '=', true);
    return q.orderBy('districtId').orderBy('sortOrder').orderBy(sql`name collate "zh-x-icu"`).execute();
  }

  async function findUnit(id: string, districtIds: string[], q: Q = db) {
    if (districtIds.length === 0) return undefined;
    return q
      .selectFrom('units')
      .select(unitColumns)
      .where('id', '=', id)
      .where('districtId', 'in', districtIds)
      .executeTakeFirst();
  }

  async function unitNameTaken(q: Q, districtId: string, name: string, exceptId?: string) {
    let query = q
      .selectFrom('units')
      .select('id')
      .where('districtId', '=', districtId)
      .where('name', '=', name);
    if (exceptId) query = query.where('id', '!=', exceptId);
    return Boolean(await query.executeTakeFirst());
  }

  async function insertUnit(trx: Transaction<DB>, input: CreateUnitInput, at: Date) {
    return trx
      .insertInto('units')
      .values({
        districtId: input.districtId,
        name: input.name,
        kind: input.kind,
        code: input.code ?? null,
        sortOrder: input.sortOrder,
        createdAt: at,
        updatedAt: at,
      })
      .returning(unitColumns)
      .executeTakeFirstOrThrow();
  }

  async function updateUnit(trx: Transaction<DB>, id: string, patch: UpdateUnitInput, at: Date) {
    return trx
      .updateTable('units')
      .set({ ...patch, updatedAt: at })
      .where('id', '=', id)
      .returning(unitColumns)
      .executeTakeFirstOrThrow();
  }

  async function countActiveUsers(q: Q, unitId: string) {
    const r = await q
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('unitId', '=', unitId)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  return {
    districtIdsIn,
    listRegions,
    findRegion,
    insertDistrict,
    listUnits,
    findUnit,
    unitNameTaken,
    insertUnit,
    updateUnit,
    countActiveUsers,
  };
}
export type OrganizationRepository = ReturnType<typeof createOrganizationRepository>;

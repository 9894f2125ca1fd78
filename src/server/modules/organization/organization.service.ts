import type { Kysely } from 'kysely';
import { type OrgReach, orgReach } from '../../../domain/access/scope.js';
import { diffFields } from '../../../domain/audit/audit.schemas.js';
import type { CreateUnitInput, UpdateUnitInput } from '../../../domain/organization/organization.schemas.js';
import type { DB } from '../../db/schema.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { organizationErrors } from './organization.errors.js';
import { type OrganizationRepository, presentUnit } from './organization.repository.js';

interface Deps {
  db: Kysely<DB>;
  repo: OrganizationRepository;
  audit: AuditRepository;
  now: () => Date;
}

// Organisation data (names of districts and units) is not secret: everyone reads their city's chart. Writes
// stay inside the caller's reach (OrgReach).
export function createOrganizationService({ db, repo, audit, now }: Deps) {
  const reachOf = (u: SessionUser): OrgReach =>
    orgReach({ roles: u.roles, unitId: u.unitId, districtId: u.districtId, cityId: u.cityId });

  async function readableDistrictIds(u: SessionUser): Promise<string[]> {
    return u.cityId
      ? repo.districtIdsIn({ kind: 'city', cityId: u.cityId, districtId: u.districtId })
      : [u.districtId];
  }

  async function writableDistrictIds(u: SessionUser): Promise<string[]> {
    return repo.districtIdsIn(reachOf(u));
  }

  async function listRegions(u: SessionUser) {
    const rows = await repo.listRegions(u.cityId, u.districtId);
    return rows.map(({ createdAt: _c, ...r }) => r);
  }

  async function createDistrict(
    u: SessionUser,
    actor: AuditActor,
    input: { cityId: string; name: string; code?: string | null },
  ) {
    if (input.cityId !== u.cityId || reachOf(u).kind !== 'city') throw organizationErrors.cityNotFound();
    return db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('regions')
        .select('id')
        .where('parentId', '=', input.cityId)
        .where('name', '=', input.name)
        .executeTakeFirst();
      if (taken) throw organizationErrors.duplicateDistrictName(input.name);
      const r = await repo.insertDistrict(trx, input.cityId, input.name, input.code ?? null);
      await audit.append(trx, actor, {
        action: 'regions.create',
        objectType: 'region',
        objectId: r.id,
        result: 'success',
        changes: diffFields(null, { name: r.name, code: r.code, parentId: r.parentId }),
      });
      const { createdAt: _c, ...rest } = r;
      return rest;
    });
  }

  async function listUnits(u: SessionUser, q: { districtId?: string; includeInactive?: boolean }) {
    const readable = await readableDistrictIds(u);
    const ids = q.districtId ? readable.filter((d) => d === q.districtId) : readable;
    return (await repo.listUnits(ids, q.includeInactive ?? false)).map(presentUnit);
  }

  async function createUnit(u: SessionUser, actor: AuditActor, input: CreateUnitInput) {
    const writable = await writableDistrictIds(u);
    if (!writable.includes(input.districtId)) throw organizationErrors.districtNotFound();
    return db.transaction().execute(async (trx) => {
      if (await repo.unitNameTaken(trx, input.districtId, input.name))
        throw organizationErrors.duplicateUnitName(input.name);
      const unit = await repo.insertUnit(trx, input, now());
      await audit.append(trx, actor, {
        action: 'units.create',
        objectType: 'unit',
        objectId: unit.id,
        result: 'success',
        changes: diffFields(null, {
          name: unit.name,
          kind: unit.kind,
          code: unit.code,
          sortOrder: unit.sortOrder,
        }),
      });
      return presentUnit(unit);
    });
  }

  async function updateUnit(u: SessionUser, actor: AuditActor, unitId: string, patch: UpdateUnitInput) {
    const writable = await writableDistrictIds(u);
    return db.transaction().execute(async (trx) => {
      const before = await repo.findUnit(unitId, writable, trx);
      if (!before) throw organizationErrors.unitNotFound();
      if (patch.name && (await repo.unitNameTaken(trx, before.districtId, patch.name, unitId))) {
        throw organizationErrors.duplicateUnitName(patch.name);
      }
      if (patch.active === false && before.active) {
        const n = await repo.countActiveUsers(trx, unitId);
        if (n > 0) throw organizationErrors.unitHasActiveUsers(n);
      }
      const after = await repo.updateUnit(trx, unitId, patch, now());
      const pick = (x: typeof after) => ({
        name: x.name,
        kind: x.kind,
        code: x.code,
        sortOrder: x.sortOrder,
        active: x.active,
      });
      await audit.append(trx, actor, {
        action: patch.active === false ? 'units.deactivate' : 'units.update',
        objectType: 'unit',
        objectId: unitId,
        result: 'success',
        changes: diffFields(pick(before), pick(after)),
      });
      return presentUnit(after);
    });
  }

  return {
    listRegions,
    createDistrict,
    listUnits,
    createUnit,
    updateUnit,
    readableDistrictIds,
    writableDistrictIds,
  };
}
export type OrganizationService = ReturnType<typeof createOrganizationService>;

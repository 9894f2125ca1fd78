import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { type DataScope, scopeDistricts } from '../../../domain/access/scope.js';
import { diffFields } from '../../../domain/audit/audit.schemas.js';
import { chinaToday } from '../../../domain/dates.js';
import { originLabel } from '../../../domain/enterprises/origin.js';
import type { SourceKind } from '../../../domain/network/network-codes.js';
import type {
  CreateSourceInput,
  SourceDetail,
  SourceListQuery,
  SourceView,
  UpdateSourceInput,
} from '../../../domain/network/sources.schemas.js';
import { searchTextOf } from '../../../domain/search/search-text.js';
import type { DB, NetworkSourcesTable } from '../../db/schema.js';
import { inScope } from '../../db/scope-filter.js';
import { matchesSearch } from '../../db/search-filter.js';
import { AppError, httpErrors } from '../../http/errors.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { outcomesBy } from '../network/outcomes.js';
import { activeUnitInScope } from '../organization/unit-in-scope.js';

// 商会、在外人员、经销网点、在区企业、驻外招商机构 (DOMAIN §2 *Network*). Reading: every unit of the district sees a
// source's name, kind and place (it may credit any of them as a referrer, and the effectiveness page names
// them); the contacts and the note only within the liaison unit's scope (center, leaders: all). Writing: the
// liaison unit and the center; another unit's source is "not found" to a write, as a project of another unit is.

type Q = Kysely<DB> | Transaction<DB>;
type Row = Selectable<NetworkSourcesTable> & {
  unitName: string;
  enterpriseName: string | null;
  inScope: boolean;
};

const EDITABLE = [
  'unitId',
  'kind',
  'name',
  'regionCode',
  'place',
  'country',
  'enterpriseId',
  'contactName',
  'contactPhone',
  'liaison',
  'note',
  'active',
] as const;
const LIST_LIMIT = 200;

const field = (message: string, messageZh: string) => ({ message, messageZh });
export const sourcesErrors = {
  notFound: () =>
    httpErrors.notFound('Network source', '商会/在外人员等招商资源', 'network_sources.not_found'),
  stale: (current: number) =>
    new AppError(
      409,
      'network_sources.version_conflict',
      `Someone saved this source after you opened it (now version ${current}); reload and apply your change again.`,
      '该记录已被他人修改，请刷新后重新操作。',
    ),
  unitInvalid: () =>
    new AppError(
      400,
      'network_sources.unit_invalid',
      'Choose an active unit you may enter sources for.',
      '请选择您有权维护的启用单位作为联络单位。',
      { unitId: field('Choose an active unit you may enter sources for.', '请选择您有权维护的启用单位。') },
    ),
  enterpriseInvalid: () =>
    new AppError(
      400,
      'network_sources.enterprise_invalid',
      'The enterprise is not in this district.',
      '所选企业不在本县区。',
      { enterpriseId: field('The enterprise is not in this district.', '所选企业不在本县区。') },
    ),
  enterpriseRequired: () =>
    new AppError(
      400,
      'network_sources.enterprise_required',
      'An invested enterprise source names the enterprise.',
      '在区企业请选择对应的企业。',
      { enterpriseId: field('Choose the enterprise.', '请选择企业。') },
    ),
  regionOrCountry: () =>
    new AppError(
      400,
      'network_sources.region_or_country',
      'Give a region in China or a country abroad, not both.',
      '所在地区请选择国内地区或境外国家，二者只选其一。',
      { country: field('A region in China or a country, not both.', '国内地区与境外国家只选其一。') },
    ),
};

/** This year so far, China calendar: the default period of a source's outcome. */
function thisYear(now: Date) {
  const today = chinaToday(now);
  return { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` };
}

export function createSourcesService({
  db,
  audit,
  now,
}: {
  db: Kysely<DB>;
  audit: AuditRepository;
  now: () => Date;
}) {
  function present(r: Row): SourceView {
    const hidden = !r.inScope;
    return {
      id: r.id,
      districtId: r.districtId,
      unitId: r.unitId,
      unitName: r.unitName,
      kind: r.kind as SourceKind,
      name: r.name,
      regionCode: r.regionCode,
      place: r.place,
      country: r.country,
      regionLabel: originLabel({ originRegionCode: r.regionCode, originCountry: r.country }),
      enterpriseId: r.enterpriseId,
      enterpriseName: r.enterpriseName,
      contactName: hidden ? null : r.contactName,
      contactPhone: hidden ? null : r.contactPhone,
      liaison: hidden ? null : r.liaison,
      note: hidden ? null : r.note,
      active: r.active,
      inScope: r.inScope,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  }

  /** Every source of the caller's districts, each marked whether its liaison unit is in the caller's scope. */
  function base(q: Q, scope: DataScope) {
    const districts = scopeDistricts(scope);
    return q
      .selectFrom('networkSources as s')
      .innerJoin('units as un', 'un.id', 's.unitId')
      .leftJoin('enterprises as e', 'e.id', 's.enterpriseId')
      .selectAll('s')
      .select([
        'un.name as unitName',
        'e.name as enterpriseName',
        inScope(scope, { district: 's.district_id', unit: 's.unit_id' }).as('inScope'),
      ])
      .where(
        districts.length > 0 ? sql<boolean>`s.district_id = any(${districts}::uuid[])` : sql<boolean>`false`,
      );
  }

  async function find(q: Q, scope: DataScope, id: string) {
    const row = await base(q, scope).where('s.id', '=', id).executeTakeFirst();
    if (!row) throw sourcesErrors.notFound();
    return row as Row;
  }

  /** A source the caller may change (its liaison unit in scope), locked, at the version the editor loaded. */
  async function findWritable(trx: Transaction<DB>, scope: DataScope, id: string, version: number) {
    await trx
      .selectFrom('networkSources')
      .select('id')
      .where('id', '=', id)
      .where(inScope(scope, { district: 'district_id', unit: 'unit_id' }))
      .forUpdate()
      .execute();
    const row = await find(trx, scope, id);
    if (!row.inScope) throw sourcesErrors.notFound();
    if (row.version !== version) throw sourcesErrors.stale(row.version);
    return row;
  }

  async function list(scope: DataScope, f: SourceListQuery) {
    let query = base(db, scope);
    if (f.q) query = query.where(matchesSearch('s.search_text', f.q));
    if (f.kind) query = query.where('s.kind', '=', f.kind);
    if (f.province) query = query.where(sql<boolean>`left(s.region_code, 2) = ${f.province}`);
    if (f.unitId) query = query.where('s.unitId', '=', f.unitId);
    if (f.active) query = query.where('s.active', '=', f.active === 'true');
    const [rows, total] = await Promise.all([
      query
        .orderBy('s.active', 'desc')
        .orderBy('s.kind')
        .orderBy('s.name')
        .orderBy('s.id')
        .limit(Math.min(f.pageSize, LIST_LIMIT))
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      query
        .clearSelect()
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: (rows as Row[]).map(present), total: Number(total.n) };
  }

  async function detail(scope: DataScope, id: string, period: { from?: string; to?: string }) {
    const row = await find(db, scope, id);
    const year = thisYear(now());
    const from = period.from ?? year.from;
    const to = period.to ?? year.to;
    const [leads, projects, outcomes] = await Promise.all([
      db
        .selectFrom('leads as l')
        .innerJoin('units as un', 'un.id', 'l.unitId')
        .innerJoin('enterprises as e', 'e.id', 'l.enterpriseId')
        .select([
          'l.id',
          'l.title',
          'un.name as unitName',
          'e.name as enterpriseName',
          'l.status',
          'l.receivedOn',
          'l.projectId',
        ])
        .where('l.referralSourceId', '=', id)
        .where(inScope(scope, { district: 'l.district_id', unit: 'l.unit_id' }))
        .orderBy('l.receivedOn', 'desc')
        .limit(LIST_LIMIT)
        .execute(),
      db
        .selectFrom('projects as p')
        .innerJoin('units as un', 'un.id', 'p.unitId')
        .select(['p.id', 'p.name', 'un.name as unitName', 'p.stage', 'p.signedAmountYuan', 'p.signingDate'])
        .where('p.referralSourceId', '=', id)
        .where(inScope(scope, { district: 'p.district_id', unit: 'p.unit_id' }))
        .orderBy('p.updatedAt', 'desc')
        .limit(LIST_LIMIT)
        .execute(),
      outcomesBy(db, scope, { by: 'source', from, to, keys: [id] }),
    ]);
    const result: SourceDetail = {
      source: present(row),
      leads,
      projects,
      period: { from, to },
      outcome: outcomes[0]!,
    };
    return result;
  }

  async function assertUnit(q: Q, scope: DataScope, unitId: string) {
    const unit = await activeUnitInScope(q, scope, unitId);
    if (!unit) throw sourcesErrors.unitInvalid();
    return unit;
  }

  async function assertFacts(
    q: Q,
    districtId: string,
    s: { kind: string; enterpriseId: string | null; regionCode: string | null; country: string | null },
  ) {
    if (s.regionCode && s.country) throw sourcesErrors.regionOrCountry();
    if (s.kind === 'invested_enterprise' && !s.enterpriseId) throw sourcesErrors.enterpriseRequired();
    if (s.enterpriseId) {
      const e = await q
        .selectFrom('enterprises')
        .select('id')
        .where('id', '=', s.enterpriseId)
        .where('districtId', '=', districtId)
        .executeTakeFirst();
      if (!e) throw sourcesErrors.enterpriseInvalid();
    }
  }

  async function create(u: SessionUser, scope: DataScope, actor: AuditActor, input: CreateSourceInput) {
    return db.transaction().execute(async (trx) => {
      const unit = await assertUnit(trx, scope, input.unitId);
      await assertFacts(trx, unit.districtId, input);
      const at = now();
      const row = await trx
        .insertInto('networkSources')
        .values({
          ...input,
          districtId: unit.districtId,
          searchText: searchTextOf(input.name),
          createdBy: u.id,
          createdAt: at,
          updatedAt: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.append(trx, actor, {
        action: 'network_sources.create',
        objectType: 'network_source',
        objectId: row.id,
        result: 'success',
        changes: diffFields(null, input),
      });
      return present(await find(trx, scope, row.id));
    });
  }

  const pick = (r: Row) => Object.fromEntries(EDITABLE.map((k) => [k, r[k]]));

  async function update(scope: DataScope, actor: AuditActor, id: string, patch: UpdateSourceInput) {
    return db.transaction().execute(async (trx) => {
      const before = await findWritable(trx, scope, id, patch.version);
      if (patch.unitId && patch.unitId !== before.unitId) await assertUnit(trx, scope, patch.unitId);
      const merged = { ...pick(before), ...patch } as Row;
      await assertFacts(trx, before.districtId, merged);
      const set = Object.fromEntries(
        EDITABLE.filter((k) => patch[k] !== undefined).map((k) => [k, patch[k]]),
      );
      await trx
        .updateTable('networkSources')
        .set({
          ...set,
          ...(patch.name ? { searchText: searchTextOf(patch.name) } : {}),
          version: sql<number>`version + 1`,
          updatedAt: now(),
        })
        .where('id', '=', id)
        .execute();
      const after = await find(trx, scope, id);
      await audit.append(trx, actor, {
        action:
          patch.active === false && before.active ? 'network_sources.deactivate' : 'network_sources.update',
        objectType: 'network_source',
        objectId: id,
        result: 'success',
        changes: diffFields(pick(before), pick(after)),
      });
      return present(after);
    });
  }

  /** Kept, not deleted: the leads and projects it referred still name it; it leaves the pickers. */
  const deactivate = (scope: DataScope, actor: AuditActor, id: string, version: number) =>
    update(scope, actor, id, { version, active: false });

  return { list, detail, create, update, deactivate };
}
export type SourcesService = ReturnType<typeof createSourcesService>;

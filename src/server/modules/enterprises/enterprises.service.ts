import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { DataScope } from '../../../domain/access/scope.js';
import { diffFields } from '../../../domain/audit/audit.schemas.js';
import { validateCreditCode } from '../../../domain/enterprises/credit-code.js';
import { normalizeEnterpriseName } from '../../../domain/enterprises/enterprise-name.js';
import {
  type CreateEnterpriseInput,
  type EnterpriseView,
  type ListEnterprisesQuery,
  maskPhone,
  type UpdateEnterpriseInput,
} from '../../../domain/enterprises/enterprises.schemas.js';
import { searchTextOf } from '../../../domain/search/search-text.js';
import type { DB, EnterprisesTable } from '../../db/schema.js';
import { inScope, inScopeOrShared } from '../../db/scope-filter.js';
import { matchesSearch, searchRank } from '../../db/search-filter.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { enterprisesWithFullPhone } from './contact-visibility.js';
import { enterprisesErrors } from './enterprises.errors.js';
import { fullOriginLabel, isKnownRegionCode } from './origin-codes.js';

type Row = Selectable<EnterprisesTable>;
type Q = Kysely<DB> | Transaction<DB>;

const EDITABLE = [
  'name',
  'creditCode',
  'kinds',
  'originRegionCode',
  'originCountry',
  'industryDivision',
  'contactName',
  'contactPhone',
] as const;

function present(r: Row, full: boolean): EnterpriseView {
  return {
    id: r.id,
    districtId: r.districtId,
    name: r.name,
    creditCode: r.creditCode,
    kinds: r.kinds,
    originRegionCode: r.originRegionCode,
    originCountry: r.originCountry,
    originLabel: fullOriginLabel(r),
    industryDivision: r.industryDivision,
    contactName: r.contactName,
    contactPhone: r.contactPhone && !full ? maskPhone(r.contactPhone) : r.contactPhone,
    phoneMasked: Boolean(r.contactPhone) && !full,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of an enterprise: the phone only masked. */
const auditView = (r: Pick<Row, (typeof EDITABLE)[number]>) => ({
  ...Object.fromEntries(EDITABLE.map((k) => [k, r[k]])),
  contactPhone: r.contactPhone ? maskPhone(r.contactPhone) : null,
});

function checkedCreditCode(input: string | null | undefined): string | null | undefined {
  if (input === undefined) return undefined;
  if (!input?.trim()) return null;
  const v = validateCreditCode(input);
  if (!v.ok) throw enterprisesErrors.invalidCreditCode(v.messageEn, v.messageZh);
  return v.code;
}

function checkOrigin(regionCode: string | null | undefined, country: string | null | undefined) {
  if (regionCode && country) throw enterprisesErrors.twoOrigins();
  if (regionCode && !isKnownRegionCode(regionCode)) throw enterprisesErrors.unknownRegion();
}

// Enterprises are the district's shared address book: every pipeline user of the district sees names, tags,
// origin and industry; the contact phone in full only as contact-visibility.ts decides.
export function createEnterprisesService({
  db,
  audit,
  now,
}: {
  db: Kysely<DB>;
  audit: AuditRepository;
  now: () => Date;
}) {
  async function presentAll(q: Q, u: SessionUser, rows: Row[]) {
    const full = await enterprisesWithFullPhone(
      q,
      u,
      rows.map((r) => r.id),
    );
    return rows.map((r) => present(r, full.has(r.id)));
  }

  async function list(u: SessionUser, f: ListEnterprisesQuery) {
    let query = db.selectFrom('enterprises').where('districtId', '=', u.districtId);
    if (f.q) query = query.where(matchesSearch('search_text', f.q));
    if (f.kinds?.length) query = query.where(sql<boolean>`kinds && ${sql.val(f.kinds)}::text[]`);
    if (f.originProvince) query = query.where('originRegionCode', 'like', `${f.originProvince.slice(0, 2)}%`);
    if (f.industrySection) query = query.where('industryDivision', 'like', `${f.industrySection}%`);
    const [rows, total] = await Promise.all([
      query
        .selectAll()
        .$if(Boolean(f.q), (qb) => qb.orderBy(searchRank('search_text', f.q ?? ''), 'desc'))
        .orderBy(sql`name collate "zh-x-icu"`)
        .orderBy('id')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: await presentAll(db, u, rows), total: Number(total.n) };
  }

  async function findRow(q: Q, u: SessionUser, id: string, lock = false) {
    let query = q
      .selectFrom('enterprises')
      .selectAll()
      .where('id', '=', id)
      .where('districtId', '=', u.districtId);
    if (lock) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    if (!row) throw enterprisesErrors.notFound();
    return row;
  }

  async function get(u: SessionUser, id: string) {
    return (await presentAll(db, u, [await findRow(db, u, id)]))[0]!;
  }

  /**
   * The enterprise with what the caller's scope holds of it: a town sees only its own unit's projects and
   * leads of this enterprise (never another town's negotiation) plus the leads other units marked shared;
   * the district-wide roles see all of them.
   */
  async function detail(u: SessionUser, scope: DataScope, id: string) {
    const row = await findRow(db, u, id);
    const [enterprise, projects, leads, editable] = await Promise.all([
      presentAll(db, u, [row]).then((r) => r[0]!),
      db
        .selectFrom('projects as p')
        .innerJoin('units as un', 'un.id', 'p.unitId')
        .select(['p.id', 'p.name', 'un.name as unitName', 'p.stage', 'p.plannedTotalYuan', 'p.updatedAt'])
        .where('p.enterpriseId', '=', id)
        .where(inScope(scope, { district: 'p.district_id', unit: 'p.unit_id' }))
        .orderBy('p.updatedAt', 'desc')
        .execute(),
      db
        .selectFrom('leads as l')
        .innerJoin('units as un', 'un.id', 'l.unitId')
        .select(['l.id', 'l.title', 'un.name as unitName', 'l.status', 'l.shared', 'l.receivedOn'])
        .where('l.enterpriseId', '=', id)
        .where(inScopeOrShared(scope, { district: 'l.district_id', unit: 'l.unit_id', shared: 'l.shared' }))
        .orderBy('l.receivedOn', 'desc')
        .execute(),
      enterprisesWithFullPhone(db, u, [id]).then((s) => s.has(id)),
    ]);
    return {
      enterprise,
      editable,
      projects: projects.map((p) => ({ ...p, updatedAt: p.updatedAt.toISOString() })),
      leads,
    };
  }

  /**
   * Entering an enterprise that already exists (same credit code, or the same name once brackets, spaces and
   * 有限公司/有限责任公司 are normalised) links to it instead of creating a duplicate: `created` says which.
   */
  async function create(u: SessionUser, actor: AuditActor, input: CreateEnterpriseInput) {
    const creditCode = checkedCreditCode(input.creditCode) ?? null;
    checkOrigin(input.originRegionCode, input.originCountry);
    const nameKey = normalizeEnterpriseName(input.name);
    return db
      .transaction()
      .execute(async (trx) => {
        // Serialise creations per district and name so two units entering the same company at once get one row.
        await sql`select pg_advisory_xact_lock(hashtext(${`${u.districtId}:${nameKey}`}))`.execute(trx);
        const existing = await trx
          .selectFrom('enterprises')
          .selectAll()
          .where('districtId', '=', u.districtId)
          .where((eb) =>
            creditCode
              ? eb.or([eb('creditCode', '=', creditCode), eb('nameKey', '=', nameKey)])
              : eb('nameKey', '=', nameKey),
          )
          .executeTakeFirst();
        if (existing) return { enterprise: existing, created: false };
        const at = now();
        const row = await trx
          .insertInto('enterprises')
          .values({
            districtId: u.districtId,
            name: input.name,
            nameKey,
            creditCode,
            kinds: input.kinds,
            originRegionCode: input.originRegionCode ?? null,
            originCountry: input.originCountry ?? null,
            industryDivision: input.industryDivision ?? null,
            contactName: input.contactName ?? null,
            contactPhone: input.contactPhone ?? null,
            searchText: searchTextOf(input.name, creditCode),
            createdBy: u.id,
            createdAt: at,
            updatedAt: at,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit.append(trx, actor, {
          action: 'enterprises.create',
          objectType: 'enterprise',
          objectId: row.id,
          result: 'success',
          changes: diffFields(null, auditView(row)),
        });
        return { enterprise: row, created: true };
      })
      .then(async (r) => ({ enterprise: (await presentAll(db, u, [r.enterprise]))[0]!, created: r.created }));
  }

  /**
   * Edits by those who work with the enterprise (the same rule that shows them the phone), against the
   * `updatedAt` they loaded. A new name or code that another enterprise already has is refused, naming it.
   */
  async function update(u: SessionUser, actor: AuditActor, id: string, patch: UpdateEnterpriseInput) {
    const creditCode = checkedCreditCode(patch.creditCode);
    return db.transaction().execute(async (trx) => {
      const before = await findRow(trx, u, id, true);
      if (!(await enterprisesWithFullPhone(trx, u, [id])).has(id)) throw enterprisesErrors.editDenied();
      if (before.updatedAt.toISOString() !== new Date(patch.updatedAt).toISOString()) {
        throw enterprisesErrors.stale();
      }
      const next = {
        name: patch.name ?? before.name,
        creditCode: creditCode === undefined ? before.creditCode : creditCode,
        kinds: patch.kinds ?? before.kinds,
        originRegionCode:
          patch.originRegionCode === undefined ? before.originRegionCode : patch.originRegionCode,
        originCountry: patch.originCountry === undefined ? before.originCountry : patch.originCountry,
        industryDivision:
          patch.industryDivision === undefined ? before.industryDivision : patch.industryDivision,
        contactName: patch.contactName === undefined ? before.contactName : patch.contactName,
        contactPhone: patch.contactPhone === undefined ? before.contactPhone : patch.contactPhone,
      };
      checkOrigin(next.originRegionCode, next.originCountry);
      const nameKey = normalizeEnterpriseName(next.name);
      const twin = await trx
        .selectFrom('enterprises')
        .select(['id', 'name', 'nameKey', 'creditCode'])
        .where('districtId', '=', u.districtId)
        .where('id', '!=', id)
        .where((eb) =>
          next.creditCode
            ? eb.or([eb('creditCode', '=', next.creditCode), eb('nameKey', '=', nameKey)])
            : eb('nameKey', '=', nameKey),
        )
        .executeTakeFirst();
      if (twin) {
        throw enterprisesErrors.duplicate(
          twin,
          next.creditCode && twin.creditCode === next.creditCode ? 'creditCode' : 'name',
        );
      }
      const after = await trx
        .updateTable('enterprises')
        .set({
          ...next,
          nameKey,
          searchText: searchTextOf(next.name, next.creditCode),
          // Strictly later than the loaded value even within one clock tick, so the next stale check holds.
          updatedAt: new Date(Math.max(now().getTime(), before.updatedAt.getTime() + 1)),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.append(trx, actor, {
        action: 'enterprises.update',
        objectType: 'enterprise',
        objectId: id,
        result: 'success',
        changes: diffFields(auditView(before), auditView(after)),
      });
      return present(after, true);
    });
  }

  return { list, get, detail, create, update };
}
export type EnterprisesService = ReturnType<typeof createEnterprisesService>;

import { type Kysely, type Selectable, sql } from 'kysely';
import { type DataScope, resolveScope } from '../../../domain/access/scope.js';
import { diffFields } from '../../../domain/audit/audit.schemas.js';
import { validateCreditCode } from '../../../domain/enterprises/credit-code.js';
import { normalizeEnterpriseName } from '../../../domain/enterprises/enterprise-name.js';
import {
  type CreateEnterpriseInput,
  type EnterpriseView,
  maskPhone,
} from '../../../domain/enterprises/enterprises.schemas.js';
import { searchTextOf } from '../../../domain/search/search-text.js';
import type { DB, EnterprisesTable } from '../../db/schema.js';
import { inScope } from '../../db/scope-filter.js';
import { matchesSearch, searchRank } from '../../db/search-filter.js';
import { AppError, httpErrors } from '../../http/errors.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';

type Row = Selectable<EnterprisesTable>;

const scopeOfUser = (u: SessionUser): DataScope =>
  resolveScope({ roles: u.roles, unitId: u.unitId, districtId: u.districtId, cityId: u.cityId });

// Enterprises are the district's shared address book: every pipeline user of the district sees names and
// tags; the contact phone in full only to units that work with the enterprise (a project in their scope).
export function createEnterprisesService({
  db,
  audit,
  now,
}: {
  db: Kysely<DB>;
  audit: AuditRepository;
  now: () => Date;
}) {
  async function worksWith(scope: DataScope, enterpriseIds: string[]): Promise<Set<string>> {
    if (enterpriseIds.length === 0) return new Set();
    if (scope.kind === 'district') return new Set(enterpriseIds);
    const rows = await db
      .selectFrom('projects as p')
      .select('p.enterpriseId')
      .distinct()
      .where('p.enterpriseId', 'in', enterpriseIds)
      .where(inScope(scope, { district: 'p.district_id', unit: 'p.unit_id' }))
      .execute();
    return new Set(rows.map((r) => r.enterpriseId!));
  }

  function present(r: Row, full: boolean): EnterpriseView {
    return {
      id: r.id,
      districtId: r.districtId,
      name: r.name,
      creditCode: r.creditCode,
      kinds: r.kinds,
      originRegionCode: r.originRegionCode,
      originCountry: r.originCountry,
      industryDivision: r.industryDivision,
      contactName: r.contactName,
      contactPhone: r.contactPhone && !full ? maskPhone(r.contactPhone) : r.contactPhone,
      phoneMasked: Boolean(r.contactPhone) && !full,
      createdAt: r.createdAt.toISOString(),
    };
  }

  async function presentAll(u: SessionUser, rows: Row[]) {
    const full = await worksWith(
      scopeOfUser(u),
      rows.map((r) => r.id),
    );
    return rows.map((r) => present(r, full.has(r.id)));
  }

  async function list(u: SessionUser, q: { q?: string; page: number; pageSize: number }) {
    let query = db.selectFrom('enterprises').where('districtId', '=', u.districtId);
    if (q.q) query = query.where(matchesSearch('search_text', q.q));
    const [rows, total] = await Promise.all([
      query
        .selectAll()
        .$if(Boolean(q.q), (qb) => qb.orderBy(searchRank('search_text', q.q ?? ''), 'desc'))
        .orderBy(sql`name collate "zh-x-icu"`)
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: await presentAll(u, rows), total: Number(total.n) };
  }

  async function get(u: SessionUser, id: string) {
    const row = await db
      .selectFrom('enterprises')
      .selectAll()
      .where('id', '=', id)
      .where('districtId', '=', u.districtId)
      .executeTakeFirst();
    if (!row) throw httpErrors.notFound('Enterprise', '企业', 'enterprises.not_found');
    return (await presentAll(u, [row]))[0]!;
  }

  /**
   * Entering an enterprise that already exists (same credit code, or the same name once brackets, spaces and
   * 有限公司/有限责任公司 are normalised) links to it instead of creating a duplicate: `created` says which.
   */
  async function create(u: SessionUser, actor: AuditActor, input: CreateEnterpriseInput) {
    let creditCode: string | null = null;
    if (input.creditCode) {
      const v = validateCreditCode(input.creditCode);
      if (!v.ok) {
        throw new AppError(400, 'enterprises.invalid_credit_code', v.messageEn, v.messageZh, {
          creditCode: { message: v.messageEn, messageZh: v.messageZh },
        });
      }
      creditCode = v.code;
    }
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
          changes: diffFields(null, {
            name: row.name,
            creditCode,
            kinds: row.kinds,
            contactPhone: row.contactPhone ? 'set' : null,
          }),
        });
        return { enterprise: row, created: true };
      })
      .then(async (r) => ({ enterprise: (await presentAll(u, [r.enterprise]))[0]!, created: r.created }));
  }

  return { list, get, create };
}
export type EnterprisesService = ReturnType<typeof createEnterprisesService>;

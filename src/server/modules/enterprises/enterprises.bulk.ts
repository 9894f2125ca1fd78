import type { Transaction } from 'kysely';
import { normalizeEnterpriseName } from '../../../domain/enterprises/enterprise-name.js';
import { searchTextOf } from '../../../domain/search/search-text.js';
import type { DB } from '../../db/schema.js';

// The set-based form of the enterprises service's find-or-create, for imports of thousands of rows inside one
// transaction: the same rule (same credit code, or the same name once normalised, is the same enterprise), with
// the database's unique indexes on (district, credit code) and (district, name key) settling races instead of
// the per-name advisory lock.

export interface EnterpriseRef {
  name: string;
  /** Already validated and normalised (validateCreditCode) */
  creditCode: string | null;
}

export interface FoundEnterprise {
  id: string;
  name: string;
  nameKey: string;
  creditCode: string | null;
}

const CHUNK = 1000;

/** The district's enterprises matching any of `refs`, by credit code first, then by normalised name. */
export async function findEnterprises(
  q: Pick<Transaction<DB>, 'selectFrom'>,
  districtId: string,
  refs: readonly EnterpriseRef[],
): Promise<(ref: EnterpriseRef) => FoundEnterprise | null> {
  const keys = [...new Set(refs.map((r) => normalizeEnterpriseName(r.name)))];
  const codes = [...new Set(refs.map((r) => r.creditCode).filter((c): c is string => c !== null))];
  const rows: FoundEnterprise[] = [];
  for (let i = 0; i < Math.max(keys.length, codes.length); i += CHUNK) {
    const k = keys.slice(i, i + CHUNK);
    const c = codes.slice(i, i + CHUNK);
    if (k.length === 0 && c.length === 0) break;
    rows.push(
      ...(await q
        .selectFrom('enterprises')
        .select(['id', 'name', 'nameKey', 'creditCode'])
        .where('districtId', '=', districtId)
        .where((eb) =>
          eb.or([
            ...(k.length ? [eb('nameKey', 'in', k)] : []),
            ...(c.length ? [eb('creditCode', 'in', c)] : []),
          ]),
        )
        .execute()),
    );
  }
  const byCode = new Map(rows.filter((r) => r.creditCode).map((r) => [r.creditCode!, r]));
  const byKey = new Map(rows.map((r) => [r.nameKey, r]));
  return (ref) =>
    (ref.creditCode ? byCode.get(ref.creditCode) : undefined) ??
    byKey.get(normalizeEnterpriseName(ref.name)) ??
    null;
}

/** Finds or creates every enterprise of `refs`; returns how each resolves and how many were created. */
export async function findOrCreateEnterprises(
  trx: Transaction<DB>,
  o: { districtId: string; userId: string; at: Date },
  refs: readonly EnterpriseRef[],
): Promise<{ resolve: (ref: EnterpriseRef) => FoundEnterprise; created: number }> {
  const before = await findEnterprises(trx, o.districtId, refs);
  const missing = new Map<string, EnterpriseRef>();
  for (const r of refs) {
    if (before(r)) continue;
    const key = normalizeEnterpriseName(r.name);
    if (!missing.has(key)) missing.set(key, r);
  }
  let created = 0;
  const values = [...missing.entries()];
  for (let i = 0; i < values.length; i += CHUNK) {
    const inserted = await trx
      .insertInto('enterprises')
      .values(
        values.slice(i, i + CHUNK).map(([nameKey, r]) => ({
          districtId: o.districtId,
          name: r.name,
          nameKey,
          creditCode: r.creditCode,
          kinds: [],
          originRegionCode: null,
          originCountry: null,
          industryDivision: null,
          contactName: null,
          contactPhone: null,
          searchText: searchTextOf(r.name, r.creditCode),
          createdBy: o.userId,
          createdAt: o.at,
          updatedAt: o.at,
        })),
      )
      // A row another unit committed meanwhile (same name key or credit code) is found below instead.
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .execute();
    created += inserted.length;
  }
  const after = await findEnterprises(trx, o.districtId, refs);
  return {
    resolve: (ref) => {
      const found = after(ref);
      if (!found) throw new Error(`enterprise ${ref.name} neither found nor created`);
      return found;
    },
    created,
  };
}

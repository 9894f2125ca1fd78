import { type Kysely, sql } from 'kysely';
import { type DataScope, scopeDistricts } from '../../../domain/access/scope.js';
import type {
  NetworkOption,
  NetworkOptionsQuery,
  OutcomesQuery,
} from '../../../domain/network/network.schemas.js';
import { chainLinkLabel } from '../../../domain/network/network-codes.js';
import type { DB } from '../../db/schema.js';
import { matchesSearch } from '../../db/search-filter.js';
import { outcomesBy } from './outcomes.js';

// The pickers that link a lead, project or target to its referral source, event or chain link. They offer the
// NAMES of the whole district's sources, events and links to every unit (a town credits a chamber another unit
// looks after); contact details, meeting notes and plans stay behind each feature's own unit-scoped reads.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function createNetworkService({ db }: { db: Kysely<DB> }) {
  async function options(scope: DataScope, query: NetworkOptionsQuery): Promise<NetworkOption[]> {
    const districts = scopeDistricts(scope);
    if (districts.length === 0) return [];
    const ids = (query.ids ?? '').split(',').filter((id) => UUID.test(id));
    const match = (col: string) => (query.q ? matchesSearch(col, query.q) : sql<boolean>`true`);
    const chosen = (col: string) =>
      ids.length > 0 ? sql<boolean>`${sql.ref(col)} = any(${ids}::uuid[])` : sql<boolean>`false`;

    switch (query.kind) {
      case 'source': {
        const rows = await db
          .selectFrom('networkSources as s')
          .select(['s.id', 's.name', 's.kind', 's.place'])
          .where('s.districtId', 'in', districts)
          .where((eb) => eb.or([eb.and([eb('s.active', '=', true), match('s.search_text')]), chosen('s.id')]))
          .orderBy('s.name')
          .limit(query.limit + ids.length)
          .execute();
        return rows.map((r) => ({ id: r.id, label: r.name, kind: r.kind, detail: r.place }));
      }
      case 'event': {
        const rows = await db
          .selectFrom('promotionEvents as e')
          .select(['e.id', 'e.name', 'e.kind', 'e.startsOn'])
          .where('e.districtId', 'in', districts)
          .where((eb) => eb.or([match('e.search_text'), chosen('e.id')]))
          .orderBy('e.startsOn', 'desc')
          .limit(query.limit + ids.length)
          .execute();
        return rows.map((r) => ({ id: r.id, label: r.name, kind: r.kind, detail: r.startsOn }));
      }
      case 'chain_link': {
        // Links are few (tens per chain): match the chain's or the link's name in plain text.
        const plain = query.q ? `%${query.q.replace(/[\\%_]/g, '\\$&')}%` : null;
        const rows = await db
          .selectFrom('chainLinks as l')
          .innerJoin('chains as c', 'c.id', 'l.chainId')
          .select(['l.id', 'l.name', 'l.segment', 'c.name as chainName'])
          .where('l.districtId', 'in', districts)
          .where((eb) =>
            eb.or([
              plain ? sql<boolean>`(l.name ilike ${plain} or c.name ilike ${plain})` : sql<boolean>`true`,
              chosen('l.id'),
            ]),
          )
          .orderBy('c.sortOrder')
          .orderBy('c.name')
          .orderBy('l.sortOrder')
          .orderBy('l.name')
          .limit(query.limit + ids.length)
          .execute();
        return rows.map((r) => ({
          id: r.id,
          label: chainLinkLabel(r.chainName, r.segment, r.name),
          kind: r.segment,
          detail: r.chainName,
        }));
      }
    }
  }

  async function outcomes(scope: DataScope, query: OutcomesQuery) {
    const keys = query.keys ? query.keys.split(',').filter(Boolean) : undefined;
    return outcomesBy(db, scope, { by: query.by, from: query.from, to: query.to, keys });
  }

  return { options, outcomes };
}

export type NetworkService = ReturnType<typeof createNetworkService>;

import type { Kysely } from 'kysely';
import type { DataScope } from '../../../domain/access/scope.js';
import type { DB } from '../../db/schema.js';
import { inScope, inScopeOrShared } from '../../db/scope-filter.js';
import { matchesSearch, searchRank } from '../../db/search-filter.js';

const LIMIT = 8;

/**
 * The header search box: enterprises of the district, projects in the caller's scope and leads in it (plus the
 * district's shared leads), best match first.
 */
export function createSearchService({ db }: { db: Kysely<DB> }) {
  async function search(scope: DataScope, districtId: string, q: string) {
    const readsPipeline = scope.kind !== 'none' && scope.kind !== 'city';
    if (!readsPipeline) return { enterprises: [], projects: [], leads: [] };
    const [enterprises, projects, leads] = await Promise.all([
      db
        .selectFrom('enterprises')
        .select(['id', 'name', 'creditCode'])
        .where('districtId', '=', districtId)
        .where(matchesSearch('search_text', q))
        .orderBy(searchRank('search_text', q), 'desc')
        .orderBy('name')
        .limit(LIMIT)
        .execute(),
      db
        .selectFrom('projects as p')
        .innerJoin('units as un', 'un.id', 'p.unitId')
        .select(['p.id', 'p.name', 'p.stage', 'un.name as unitName'])
        .where(inScope(scope, { district: 'p.district_id', unit: 'p.unit_id' }))
        .where(matchesSearch('p.search_text', q))
        .orderBy(searchRank('p.search_text', q), 'desc')
        .orderBy('p.name')
        .limit(LIMIT)
        .execute(),
      db
        .selectFrom('leads as l')
        .innerJoin('units as un', 'un.id', 'l.unitId')
        .innerJoin('enterprises as e', 'e.id', 'l.enterpriseId')
        .select(['l.id', 'l.title', 'l.status', 'un.name as unitName'])
        .where(inScopeOrShared(scope, { district: 'l.district_id', unit: 'l.unit_id', shared: 'l.shared' }))
        .where((eb) => eb.or([matchesSearch('l.search_text', q), matchesSearch('e.search_text', q)]))
        .orderBy(searchRank('l.search_text', q), 'desc')
        .orderBy('l.title')
        .limit(LIMIT)
        .execute(),
    ]);
    return { enterprises, projects, leads };
  }
  return { search };
}
export type SearchService = ReturnType<typeof createSearchService>;

import { type RawBuilder, sql } from 'kysely';
import { normalizeQuery } from '../../domain/search/search-text.js';

// Search on a search_text column (name, pinyin, initials, codes; see domain/search): a substring hit, or a
// close enough word (pg_trgm's <%, word_similarity ≥ 0.6) so one wrong letter still finds it.
export function matchesSearch(column: string, q: string): RawBuilder<boolean> {
  const n = normalizeQuery(q);
  const like = `%${n.replace(/[%_\\]/g, '\\$&')}%`;
  return sql<boolean>`(${sql.ref(column)} like ${like} or ${n} <% ${sql.ref(column)})`;
}

export function searchRank(column: string, q: string): RawBuilder<number> {
  return sql<number>`word_similarity(${normalizeQuery(q)}, ${sql.ref(column)})`;
}

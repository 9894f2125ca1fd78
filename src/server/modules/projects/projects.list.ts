import { type RawBuilder, sql } from 'kysely';
import { type DataScope, scopeDistricts } from '../../../domain/access/scope.js';
import {
  AMOUNT_TIER_MIN_YUAN,
  type ProjectListFilter,
  type ProjectSort,
} from '../../../domain/projects/project-list.js';
import { STAGES } from '../../../domain/projects/stages.js';
import { normalizeQuery } from '../../../domain/search/search-text.js';
import { matchesSearch } from '../../db/search-filter.js';

// The list's filters and order as SQL on `projects as p` left-joined to `enterprises as e`. Kept apart from the
// service so the paged list, the stage counts and the export cannot drift from one another.

/**
 * The WHERE conditions of a filter; all of them must hold. With the caller's scope, the investor search looks at
 * that scope's districts only (the same rows, found through a far smaller set of enterprises).
 */
export function listConditions(f: ProjectListFilter, scope?: DataScope): RawBuilder<boolean>[] {
  const c: RawBuilder<boolean>[] = [];
  if (f.stage) c.push(sql<boolean>`p.stage = any(${f.stage}::text[])`);
  if (f.unitId) c.push(sql<boolean>`p.unit_id = any(${f.unitId}::uuid[])`);
  if (f.industry) {
    // A section letter takes every division under it (C → C13 … C43).
    c.push(
      f.industry.length === 1
        ? sql<boolean>`p.industry_division like ${`${f.industry}%`}`
        : sql<boolean>`p.industry_division = ${f.industry}`,
    );
  }
  if (f.chain) c.push(sql<boolean>`p.chain = ${f.chain}`);
  if (f.channel) c.push(sql<boolean>`p.channel = any(${f.channel}::text[])`);
  if (f.sourceArea) c.push(sql<boolean>`p.source_area = any(${f.sourceArea}::text[])`);
  if (f.investorKind) c.push(sql<boolean>`e.kinds && ${f.investorKind}::text[]`);
  if (f.amountTier) {
    // The signed amount once there is one, else the planned total (see AMOUNT_TIERS).
    const min = AMOUNT_TIER_MIN_YUAN[f.amountTier].toString();
    c.push(sql<boolean>`coalesce(p.signed_amount_yuan, p.planned_total_yuan) >= ${min}::bigint`);
  }
  if (f.province) {
    // The dashboard's rule (its map): a foreign investor is `abroad`, else its origin region's province.
    const codes = f.province.filter((x) => x !== 'abroad');
    const abroad = f.province.includes('abroad');
    c.push(
      sql<boolean>`((${abroad} and e.origin_country is not null) or (e.origin_country is null
        and left(e.origin_region_code, 2) = any(${codes}::text[])))`,
    );
  }
  if (f.industrial) c.push(sql<boolean>`p.industrial = ${f.industrial === 'true'}`);
  if (f.highTech) c.push(sql<boolean>`p.high_tech = ${f.highTech === 'true'}`);
  if (f.referralSourceId) c.push(sql<boolean>`p.referral_source_id = ${f.referralSourceId}`);
  if (f.eventId) c.push(sql<boolean>`p.event_id = ${f.eventId}`);
  if (f.chainLinkId) c.push(sql<boolean>`p.chain_link_id = ${f.chainLinkId}`);
  if (f.signedFrom) c.push(sql<boolean>`p.signing_date >= ${f.signedFrom}::date`);
  if (f.signedTo) c.push(sql<boolean>`p.signing_date <= ${f.signedTo}::date`);
  if (f.startFrom) c.push(sql<boolean>`p.start_date >= ${f.startFrom}::date`);
  if (f.startTo) c.push(sql<boolean>`p.start_date <= ${f.startTo}::date`);
  if (f.notStartedBy) {
    // The projects_overdue_to_start rule (indicators.compute.ts overdueRows), as of the day.
    c.push(sql<boolean>`(p.start_date is null or p.start_date > ${f.notStartedBy}::date) and exists (
      select 1 from milestones m where m.project_id = p.id and m.kind = 'start'
        and m.status in ('pending', 'missed') and m.due_date <= ${f.notStartedBy}::date)`);
  }
  if (f.productionFrom) c.push(sql<boolean>`p.production_date >= ${f.productionFrom}::date`);
  if (f.productionTo) c.push(sql<boolean>`p.production_date <= ${f.productionTo}::date`);
  // Entered on a China calendar day, whatever the server's time zone.
  if (f.createdFrom) {
    c.push(sql<boolean>`p.created_at >= (${f.createdFrom}::date::timestamp at time zone 'Asia/Shanghai')`);
  }
  if (f.createdTo) {
    c.push(sql<boolean>`p.created_at < ((${f.createdTo}::date + 1)::timestamp at time zone 'Asia/Shanghai')`);
  }
  if (f.q) {
    // A project is found by its own name or its investor's (name, pinyin, initials, credit code). Written so that
    // every branch is an index condition on projects (two trigram searches and enterprise_id = any(the matching
    // investors)): PostgreSQL then ANDs them with the district's index and rechecks a few hundred rows, instead
    // of computing word_similarity for every project and enterprise of the district (≈1 s at 10,000 projects).
    const districts = scope ? scopeDistricts(scope) : null;
    const n = normalizeQuery(f.q);
    if (districts && [...n].length < 3) {
      // pg_trgm finds no trigram in a pattern of one or two characters (京华), so `like` cannot use the index and
      // PostgreSQL computed word_similarity for every project and enterprise of the district (≈400 ms). Each half
      // as its own set instead: `like` over the district's rows (cheap), `<%` through the trigram index. The
      // same test as matchesSearch (search-filter.ts), split in two.
      const like = `%${n.replace(/[%_\\]/g, '\\$&')}%`;
      const matching = (table: 'projects' | 'enterprises') => sql`array(
        select x.id from ${sql.table(table)} x where x.district_id = any(${districts}::uuid[]) and x.search_text like ${like}
        union
        select x.id from ${sql.table(table)} x where x.district_id = any(${districts}::uuid[]) and ${n} <% x.search_text)`;
      c.push(
        sql<boolean>`(p.id = any(${matching('projects')}) or p.enterprise_id = any(${matching('enterprises')}))`,
      );
    } else {
      const inDistricts = districts ? sql`e2.district_id = any(${districts}::uuid[]) and ` : sql``;
      c.push(
        sql<boolean>`(${matchesSearch('p.search_text', f.q)} or p.enterprise_id = any(array(
          select e2.id from enterprises e2 where ${inDistricts}${matchesSearch('e2.search_text', f.q)})))`,
      );
    }
  }
  return c;
}

/** One condition for all of them (`true` when there are none). */
export function listWhere(f: ProjectListFilter, scope?: DataScope): RawBuilder<boolean> {
  const c = listConditions(f, scope);
  return c.length === 0 ? sql<boolean>`true` : sql<boolean>`(${sql.join(c, sql` and `)})`;
}

const SORT_SQL: Record<ProjectSort, RawBuilder<unknown>> = {
  // Chinese names read in pinyin order (the second word of search_text is the full pinyin).
  name: sql`split_part(p.search_text, ' ', 2)`,
  // The stage machine's order, not the alphabet's: 在谈 → 投产, then 暂缓, 退库.
  stage: sql`array_position(${[...STAGES]}::text[], p.stage)`,
  signedAmount: sql`p.signed_amount_yuan`,
  plannedTotal: sql`p.planned_total_yuan`,
  signingDate: sql`p.signing_date`,
  updatedAt: sql`p.updated_at`,
};

/** ORDER BY of a sort: empty values last either way, then the id so pages never overlap. */
export function listOrder(sort: ProjectSort, order: 'asc' | 'desc'): RawBuilder<unknown> {
  const dir = order === 'asc' ? sql`asc` : sql`desc`;
  return sql`${SORT_SQL[sort]} ${dir} nulls last, p.updated_at desc, p.id`;
}

import { type Kysely, sql } from 'kysely';
import { searchTextOf } from '../../../domain/search/search-text.js';

// One trigram-indexed search text per enterprise and project: Chinese name, full pinyin, initials, codes.
// The pinyin comes from pinyin-pro in the app, so existing rows are filled here in JavaScript.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table enterprises add column search_text text;
    alter table projects add column search_text text;
    drop index if exists enterprises_name_trgm;
    drop index if exists projects_name_trgm;
  `.execute(db);
  for (const table of ['enterprises', 'projects'] as const) {
    const codeCol = table === 'enterprises' ? sql`credit_code` : sql`null::text`;
    const rows = await sql<{
      id: string;
      name: string;
      code: string | null;
    }>`select id, name, ${codeCol} as code from ${sql.table(table)}`.execute(db);
    for (const r of rows.rows) {
      await sql`update ${sql.table(table)} set search_text = ${searchTextOf(r.name, r.code)} where id = ${r.id}`.execute(
        db,
      );
    }
  }
  await sql`
    alter table enterprises alter column search_text set not null;
    alter table projects alter column search_text set not null;
    create index enterprises_search_trgm on enterprises using gin (search_text gin_trgm_ops);
    create index projects_search_trgm on projects using gin (search_text gin_trgm_ops);
  `.execute(db);
}

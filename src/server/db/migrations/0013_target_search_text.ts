import { type Kysely, sql } from 'kysely';

// A target enterprise is found by its enterprise's name, pinyin and credit code, read from the enterprise
// itself (which the 客商库 may rename); 0012's copy of that text on the target was never read, and would go
// stale on a rename. Dropped with its index.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index if exists target_enterprises_search;
    alter table target_enterprises drop column search_text;
  `.execute(db);
}

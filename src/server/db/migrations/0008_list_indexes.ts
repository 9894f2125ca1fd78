import { type Kysely, sql } from 'kysely';

// Indexes for the project list at city scale (bench/README.md: 100,000 projects, 10,000 per district). The list
// is ordered by last update, newest first; with (district_id | unit_id, updated_at desc nulls last, id) a page
// is read in index order and the scan stops after it, instead of sorting every project of the district.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index projects_district_updated on projects (district_id, updated_at desc nulls last, id);
    create index projects_unit_updated on projects (unit_id, updated_at desc nulls last, id);
  `.execute(db);
}

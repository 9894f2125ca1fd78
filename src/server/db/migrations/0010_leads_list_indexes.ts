import { type Kysely, sql } from 'kysely';

// Indexes for the leads list at city scale (bench/README.md: 60,000 leads, 6,000 per district). The list's
// default order is received_on desc, id; with (district_id | unit_id, received_on desc, id) a page is read in
// index order and the scan stops after it, instead of joining and sorting every lead of the district.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index leads_district_received on leads (district_id, received_on desc, id);
    create index leads_unit_received on leads (unit_id, received_on desc, id);
  `.execute(db);
}

import { type Kysely, sql } from 'kysely';

// Pending commitments by due date, like 0014's partial indexes for open procedures and problems: the dashboard's
// overdue count, the inbox and the reminder job read only pending ones, which stay a small share of the table as
// commitments are kept.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index commitments_open on commitments (district_id, due_on) where status = 'pending'`.execute(
    db,
  );
}

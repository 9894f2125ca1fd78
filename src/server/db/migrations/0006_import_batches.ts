import { type Kysely, sql } from 'kysely';

// One row per uploaded .xlsx: the dry run's outcome (problems by row and column, duplicates, summary) and the
// rows it parsed, so that any app server can report progress and commit what the person confirmed. The file
// itself is not kept: once parsed, the rows are all that is needed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table import_batches (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      user_id uuid not null references users(id),
      kind text not null check (kind in ('projects', 'leads', 'capital_reports')),
      filename text not null check (length(filename) between 1 and 200),
      status text not null check (status in ('parsing', 'checked', 'committed', 'failed')),
      total_rows integer not null default 0 check (total_rows >= 0),
      processed_rows integer not null default 0 check (processed_rows >= 0),
      problems jsonb not null default '[]',
      duplicates jsonb not null default '[]',
      summary jsonb,
      rows jsonb,
      error text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      committed_at timestamptz
    );
    create index import_batches_user on import_batches (user_id, created_at desc);
  `.execute(db);
}

import { type Kysely, sql } from 'kysely';

// The activity log of DOMAIN §2 Network: visits out (走访), visits received, calls and meetings, per project,
// counted per unit per month (the speech blames units that only phone and never go out).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table activities (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      unit_id uuid not null references units(id),
      project_id uuid references projects(id),
      kind text not null check (kind in ('visit_out', 'visit_in', 'call', 'meeting')),
      occurred_on date not null,
      place text,
      participants text,
      led_by_leader boolean not null default false,
      summary text not null check (length(summary) between 1 and 2000),
      created_by uuid references users(id),
      created_at timestamptz not null
    );
    create index activities_unit_month on activities (district_id, unit_id, occurred_on);
    create index activities_project on activities (project_id, occurred_on);
  `.execute(db);
}

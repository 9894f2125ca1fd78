import { type Kysely, sql } from 'kysely';

// The pipeline's first tables: enterprises (客商), projects with their stage history, and attachments kept in
// PostgreSQL itself (one backup holds everything; every app server sees the same files).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create extension if not exists pg_trgm;

    create table enterprises (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      name text not null check (length(name) between 2 and 100),
      name_key text not null,
      credit_code text check (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
      kinds text[] not null default '{}',
      origin_region_code text check (origin_region_code ~ '^[0-9]{6}$'),
      origin_country text check (origin_country ~ '^[A-Z]{2}$'),
      industry_division text check (industry_division ~ '^[A-T][0-9]{2}$'),
      contact_name text,
      contact_phone text,
      created_by uuid references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create unique index enterprises_district_code on enterprises (district_id, credit_code) where credit_code is not null;
    create unique index enterprises_district_name_key on enterprises (district_id, name_key);
    create index enterprises_name_trgm on enterprises using gin (name gin_trgm_ops);

    create table projects (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      unit_id uuid not null references units(id),
      enterprise_id uuid references enterprises(id),
      name text not null check (length(name) between 2 and 100),
      industry_division text check (industry_division ~ '^[A-T][0-9]{2}$'),
      chain text,
      industrial boolean not null default true,
      planned_total_yuan bigint check (planned_total_yuan >= 0),
      fixed_asset_yuan bigint check (fixed_asset_yuan >= 0),
      signed_amount_yuan bigint check (signed_amount_yuan >= 0),
      foreign_funded boolean not null default false,
      contracted_foreign_usd_cents bigint check (contracted_foreign_usd_cents >= 0),
      stage text not null check (stage in ('negotiating', 'signed', 'landed', 'started', 'producing', 'paused', 'withdrawn')),
      stage_before_hold text check (stage_before_hold in ('negotiating', 'signed', 'landed', 'started', 'producing')),
      hold_reason text,
      signing_date date,
      agreement_type text check (agreement_type in ('formal', 'framework', 'supplementary')),
      landed_date date,
      start_date date,
      production_date date,
      version integer not null default 1,
      created_by uuid references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check ((stage in ('paused', 'withdrawn')) = (stage_before_hold is not null))
    );
    create index projects_district_stage on projects (district_id, stage);
    create index projects_unit on projects (unit_id, stage);
    create index projects_name_trgm on projects using gin (name gin_trgm_ops);

    create table project_stage_history (
      id bigserial primary key,
      district_id uuid not null references regions(id),
      project_id uuid not null references projects(id),
      from_stage text,
      to_stage text not null,
      effective_date date not null,
      note text,
      user_id uuid references users(id),
      username text,
      at timestamptz not null
    );
    create index project_stage_history_project on project_stage_history (project_id, id);

    create table attachments (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      owner_type text not null check (owner_type in ('project')),
      owner_id uuid not null,
      kind text not null,
      filename text not null check (length(filename) between 1 and 200),
      content_type text not null,
      size_bytes integer not null check (size_bytes > 0),
      sha256 text not null,
      content bytea not null,
      uploaded_by uuid references users(id),
      uploaded_at timestamptz not null
    );
    create index attachments_owner on attachments (owner_type, owner_id);
  `.execute(db);
}

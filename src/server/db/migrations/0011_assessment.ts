import { type Kysely, sql } from 'kysely';

// Targets, assessment and bulletins (issue 4, DOMAIN §3): a year's 口径 and settings per district, targets per
// unit and indicator (and the district's own from the city), versioned assessment schemes, bulletins whose
// published versions are frozen snapshots with their rendered files, and the other districts' figures for the
// city comparison. Plus the project facts a "capital increase counts only its increment" 口径 needs.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One row per district and year; absent means the defaults (definitionsSchema's, months, 全市前三).
    create table assessment_years (
      district_id uuid not null references regions(id),
      year integer not null check (year between 2000 and 2100),
      -- 口径: definitionsSchema of src/domain/indicators/catalogue.ts, stored as entered (parsed on read).
      definitions jsonb not null default '{}',
      -- 序时进度: months elapsed ÷ 12, or days elapsed ÷ days of the year.
      time_progress_basis text not null default 'months' check (time_progress_basis in ('months', 'days')),
      -- The rank the district aims for in the city comparison (全市前三 = 3).
      goal_rank integer not null default 3 check (goal_rank between 1 and 100),
      -- Started projects with no investment reported for this many months are listed as stalled.
      stalled_months integer not null default 3 check (stalled_months between 1 and 24),
      -- The bulletin's red header (发文机关) and 文号 prefix, e.g. 'XX区招商引资工作领导小组办公室' / 'X招办'.
      issuing_body text check (length(issuing_body) <= 60),
      doc_prefix text check (length(doc_prefix) <= 20),
      updated_by uuid references users(id),
      updated_at timestamptz not null,
      primary key (district_id, year)
    );

    -- 任务分解. unit_id null: the district's own target, set by the city. Quarter columns are the targets
    -- of each quarter alone (not cumulative), optional. Values in the indicator's unit: 元, 美分, 个, or a
    -- ratio as a fraction (0.9 = 90%).
    create table targets (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      year integer not null check (year between 2000 and 2100),
      unit_id uuid references units(id),
      indicator_key text not null,
      annual numeric(24, 4) not null check (annual >= 0),
      q1 numeric(24, 4) check (q1 >= 0),
      q2 numeric(24, 4) check (q2 >= 0),
      q3 numeric(24, 4) check (q3 >= 0),
      q4 numeric(24, 4) check (q4 >= 0),
      updated_by uuid references users(id),
      updated_at timestamptz not null
    );
    create unique index targets_one_per_unit on targets
      (district_id, year, coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid), indicator_key);

    -- 考核方案: each row a version; a published version is never changed (bulletins point at it), editing
    -- it starts the next version as a draft.
    create table assessment_schemes (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      year integer not null check (year between 2000 and 2100),
      version integer not null check (version >= 1),
      name text not null check (length(name) between 1 and 100),
      items jsonb not null,
      status text not null default 'draft' check (status in ('draft', 'published')),
      copied_from uuid references assessment_schemes(id),
      created_by uuid references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      published_by uuid references users(id),
      published_at timestamptz,
      unique (district_id, year, version),
      check ((status = 'published') = (published_at is not null))
    );

    -- 月通报 / 季评比. Each row is one version of one period's bulletin. A draft's snapshot is recomputed on
    -- demand; publishing freezes snapshot, hashes and the rendered files. The period's data stays locked while
    -- its latest version is published; a correction is the next version (with a reason), a draft until published.
    create table bulletins (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      kind text not null check (kind in ('month', 'quarter')),
      year integer not null check (year between 2000 and 2100),
      period integer not null check (period between 1 and 12),
      version integer not null check (version >= 1),
      period_start date not null,
      period_end date not null,
      cutoff date not null,
      title text not null check (length(title) between 1 and 120),
      doc_number text check (length(doc_number) <= 60),
      reason text check (length(reason) <= 500),
      status text not null default 'draft' check (status in ('draft', 'published')),
      scheme_id uuid references assessment_schemes(id),
      snapshot jsonb,
      -- sha256 of the inputs (figures, targets, scheme, 口径) and of the frozen snapshot text.
      input_hash text,
      snapshot_hash text,
      docx bytea,
      xlsx bytea,
      created_by uuid references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      published_by uuid references users(id),
      published_at timestamptz,
      unique (district_id, kind, year, period, version),
      check (kind = 'month' or period between 1 and 4),
      check (version = 1 or reason is not null),
      check ((status = 'published') = (published_at is not null and snapshot is not null and docx is not null))
    );
    create index bulletins_period on bulletins (district_id, period_start, period_end);

    -- 横向对比: other districts' cumulative figures through a month, typed in or imported from the city's
    -- bulletin. Districts on this deployment are read live instead (peer_region_id set only for reference).
    create table city_figures (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      year integer not null check (year between 2000 and 2100),
      month integer not null check (month between 1 and 12),
      indicator_key text not null,
      peer_name text not null check (length(peer_name) between 1 and 40),
      peer_region_id uuid references regions(id),
      value numeric(24, 4) not null,
      source text not null check (source in ('typed', 'imported')),
      updated_by uuid references users(id),
      updated_at timestamptz not null,
      unique (district_id, year, month, indicator_key, peer_name)
    );

    -- 增资扩股: a capital increase of an enterprise already in the district counts only its increment when
    -- the year's 口径 says so (definitions.capitalIncreaseIncrementOnly).
    alter table projects add column capital_increase boolean not null default false;
    alter table projects add column increment_yuan bigint check (increment_yuan >= 0);
  `.execute(db);
}

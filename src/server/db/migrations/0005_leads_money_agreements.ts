import { type Kysely, sql } from 'kysely';

// The rest of the pipeline (DOMAIN §2): leads with their screening and service clocks, conflicts between units
// chasing the same enterprise and their resolution (primary unit or explicit co-credit), monthly capital reports
// with the unit-month submission that locks them, agreements with their milestones (履约), per-user saved list
// views, per-district settings, and the remaining project attributes of DOMAIN §2 *Project*.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One row per district; absent means the defaults below (published service rules).
    create table district_settings (
      district_id uuid primary key references regions(id),
      lead_respond_days integer not null default 1 check (lead_respond_days between 1 and 30),
      lead_screen_days integer not null default 3 check (lead_screen_days between 1 and 60),
      lead_feedback_days integer not null default 7 check (lead_feedback_days between 1 and 90),
      lead_report_interval_days integer not null default 14 check (lead_report_interval_days between 1 and 90),
      -- A unit's month of capital reports is on time when first submitted by this day of the next month.
      capital_due_day integer not null default 10 check (capital_due_day between 1 and 28),
      updated_by uuid references users(id),
      updated_at timestamptz not null
    );

    create table leads (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      unit_id uuid not null references units(id),
      enterprise_id uuid not null references enterprises(id),
      title text not null check (length(title) between 2 and 100),
      channel text not null check (channel in ('targeted', 'via_business', 'resident', 'kinship', 'event', 'self', 'assigned')),
      referrer text check (length(referrer) <= 100),
      intention text check (length(intention) <= 2000),
      intended_amount_yuan bigint check (intended_amount_yuan >= 0),
      industry_division text check (industry_division ~ '^[A-T][0-9]{2}$'),
      chain text,
      site_needs text check (length(site_needs) <= 1000),
      support_asked text check (length(support_asked) <= 1000),
      received_on date not null,
      responded_on date,
      fed_back_on date,
      last_reported_on date,
      status text not null default 'new' check (status in ('new', 'following', 'declined', 'converted')),
      -- { intention, scale, market, technology, industryFit, environment, energy, benefit }: integers 1..5
      screening_scores jsonb,
      screening_total integer,
      screened_on date,
      screened_by uuid references users(id),
      decline_reason text,
      shared boolean not null default false,
      project_id uuid unique references projects(id),
      search_text text not null,
      version integer not null default 1,
      created_by uuid references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check ((status = 'declined') = (decline_reason is not null)),
      check ((status = 'converted') = (project_id is not null))
    );
    create index leads_district_status on leads (district_id, status, received_on);
    create index leads_unit on leads (unit_id, status);
    create index leads_enterprise on leads (enterprise_id);
    create index leads_shared on leads (district_id) where shared;
    create index leads_search_trgm on leads using gin (search_text gin_trgm_ops);

    -- A lead's history: created, responded, screened, fed back, progress reports, shared, converted, edits.
    create table lead_events (
      id bigserial primary key,
      district_id uuid not null references regions(id),
      lead_id uuid not null references leads(id),
      kind text not null,
      on_date date not null,
      note text,
      user_id uuid references users(id),
      username text,
      at timestamptz not null
    );
    create index lead_events_lead on lead_events (lead_id, id);

    -- The center's decision when several units chase one enterprise. unit_ids: the units in conflict when it
    -- was decided, so a further unit joining reopens the conflict.
    create table credit_resolutions (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      enterprise_id uuid not null references enterprises(id),
      kind text not null check (kind in ('primary', 'co_credit')),
      primary_unit_id uuid references units(id),
      unit_ids uuid[] not null,
      note text,
      resolved_by uuid references users(id),
      resolved_at timestamptz not null,
      unique (district_id, enterprise_id),
      check ((kind = 'primary') = (primary_unit_id is not null))
    );

    -- Explicit co-credit of one project to several units, in basis points summing to 10000 (checked in code).
    create table project_credit_shares (
      project_id uuid not null references projects(id),
      unit_id uuid not null references units(id),
      district_id uuid not null references regions(id),
      basis_points integer not null check (basis_points between 1 and 10000),
      primary key (project_id, unit_id)
    );

    alter table projects
      add column lead_id uuid references leads(id),
      add column channel text check (channel in ('targeted', 'via_business', 'resident', 'kinship', 'event', 'self', 'assigned')),
      add column source_area text check (source_area in ('jingjin', 'huanbohai', 'yangtze_delta', 'pearl_delta', 'in_province', 'other_domestic', 'overseas')),
      add column chain_role text check (chain_role in ('chain_leader', 'upstream', 'midstream', 'downstream', 'supporting')),
      add column high_tech boolean not null default false,
      add column expected_output_yuan bigint check (expected_output_yuan >= 0),
      add column expected_tax_yuan bigint check (expected_tax_yuan >= 0),
      add column expected_jobs integer check (expected_jobs >= 0),
      add column land_area_mu numeric(12, 2) check (land_area_mu >= 0),
      add column energy_tce integer check (energy_tce >= 0),
      add column pollution_class text check (pollution_class in ('none', 'light', 'moderate', 'heavy')),
      add column cooperating_unit_ids uuid[] not null default '{}',
      add column liaison_leader text check (length(liaison_leader) <= 50),
      add column green_channel boolean not null default false,
      add column city_project_code text check (length(city_project_code) <= 40);
    create index projects_lead on projects (lead_id) where lead_id is not null;
    create index projects_enterprise on projects (enterprise_id) where enterprise_id is not null;

    create table capital_reports (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      unit_id uuid not null references units(id),
      project_id uuid not null references projects(id),
      month date not null check (extract(day from month) = 1),
      funds_out_of_province_yuan bigint not null default 0 check (funds_out_of_province_yuan >= 0),
      funds_in_province_yuan bigint not null default 0 check (funds_in_province_yuan >= 0),
      funds_foreign_yuan bigint not null default 0 check (funds_foreign_yuan >= 0),
      funds_local_yuan bigint not null default 0 check (funds_local_yuan >= 0),
      completed_investment_yuan bigint not null default 0 check (completed_investment_yuan >= 0),
      foreign_used_usd_cents bigint not null default 0 check (foreign_used_usd_cents >= 0),
      note text check (length(note) <= 500),
      version integer not null default 1,
      created_by uuid references users(id),
      created_at timestamptz not null,
      updated_by uuid references users(id),
      updated_at timestamptz not null,
      unique (project_id, month)
    );
    create index capital_reports_unit_month on capital_reports (district_id, unit_id, month);
    create index capital_reports_district_month on capital_reports (district_id, month);

    -- A unit's month: reporter fills → submits; unit head approves (locked) or returns; the center may reopen.
    create table capital_submissions (
      district_id uuid not null references regions(id),
      unit_id uuid not null references units(id),
      month date not null check (extract(day from month) = 1),
      status text not null check (status in ('submitted', 'approved', 'returned')),
      first_submitted_at timestamptz not null,
      submitted_by uuid references users(id),
      submitted_at timestamptz not null,
      approved_by uuid references users(id),
      approved_at timestamptz,
      returned_by uuid references users(id),
      returned_at timestamptz,
      return_reason text,
      primary key (unit_id, month)
    );
    create index capital_submissions_district_month on capital_submissions (district_id, month);

    create table agreements (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      unit_id uuid not null references units(id),
      project_id uuid not null references projects(id),
      type text not null check (type in ('formal', 'framework', 'supplementary')),
      title text not null check (length(title) between 2 and 100),
      signing_date date not null,
      amount_yuan bigint check (amount_yuan >= 0),
      foreign_usd_cents bigint check (foreign_usd_cents >= 0),
      parties text check (length(parties) <= 500),
      note text check (length(note) <= 2000),
      version integer not null default 1,
      created_by uuid references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index agreements_project on agreements (project_id);

    create table milestones (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      unit_id uuid not null references units(id),
      project_id uuid not null references projects(id),
      agreement_id uuid not null references agreements(id),
      kind text not null check (kind in ('invest', 'start', 'produce', 'tax', 'jobs', 'other')),
      description text not null check (length(description) between 1 and 500),
      due_date date not null,
      target_yuan bigint check (target_yuan >= 0),
      target_count integer check (target_count >= 0),
      status text not null default 'pending' check (status in ('pending', 'met', 'missed', 'waived')),
      met_on date,
      actual_yuan bigint check (actual_yuan >= 0),
      actual_count integer check (actual_count >= 0),
      note text check (length(note) <= 1000),
      version integer not null default 1,
      created_by uuid references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check ((status = 'met') = (met_on is not null))
    );
    create index milestones_agreement on milestones (agreement_id);
    create index milestones_due on milestones (district_id, status, due_date);

    create table saved_views (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      user_id uuid not null references users(id),
      list text not null check (list in ('projects', 'leads', 'enterprises', 'capital_reports')),
      name text not null check (length(name) between 1 and 40),
      query jsonb not null,
      columns jsonb,
      created_at timestamptz not null,
      unique (user_id, list, name)
    );

    alter table attachments drop constraint attachments_owner_type_check;
    alter table attachments add constraint attachments_owner_type_check
      check (owner_type in ('project', 'lead', 'capital_report', 'agreement', 'milestone'));

    -- Activities may belong to a lead before it becomes a project.
    alter table activities add column lead_id uuid references leads(id);
    create index activities_lead on activities (lead_id, occurred_on) where lead_id is not null;
  `.execute(db);
}

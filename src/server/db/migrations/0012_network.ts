import { type Kysely, sql } from 'kysely';

// Where investment comes from (issue 7, DOMAIN §2 *Network*): industrial chains as trees of links, the target
// enterprise library with a plan per enterprise (一企一策), the network of chambers, people outside, dealers,
// invested enterprises and offices outside that refer leads (以商招商 / 以情招商 / 驻外招商), and promotion events
// with whom they met and what they must follow up. Leads and projects point at the source that referred them,
// the event they came from and the chain link they fill, so effectiveness and coverage are plain joins.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- 产业链: the district's chains; each a tree of links (环节) in a segment (上游/中游/下游/配套).
    create table chains (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      name text not null check (length(name) between 1 and 40),
      description text check (length(description) <= 2000),
      sort_order integer not null default 0,
      created_by uuid references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (district_id, name)
    );
    create table chain_links (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      chain_id uuid not null references chains(id) on delete cascade,
      parent_id uuid references chain_links(id) on delete cascade,
      name text not null check (length(name) between 1 and 40),
      segment text not null check (segment in ('upstream', 'midstream', 'downstream', 'supporting')),
      description text check (length(description) <= 2000),
      sort_order integer not null default 0,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index chain_links_chain on chain_links (chain_id, sort_order);
    -- Enterprises placed on a link: the chain leader (链主) and the district's existing enterprises.
    -- Leads, projects and target enterprises are placed through their own chain_link_id.
    create table chain_link_enterprises (
      district_id uuid not null references regions(id),
      link_id uuid not null references chain_links(id) on delete cascade,
      enterprise_id uuid not null references enterprises(id),
      role text not null check (role in ('chain_leader', 'existing')),
      note text check (length(note) <= 500),
      created_at timestamptz not null,
      primary key (link_id, enterprise_id)
    );

    -- 目标企业库: an enterprise to pursue, owned by the unit in charge (unit scope), with its plan (一企一策).
    create table target_enterprises (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      unit_id uuid not null references units(id),
      enterprise_id uuid not null references enterprises(id),
      tags text[] not null default '{}',
      chain_link_id uuid references chain_links(id) on delete set null,
      priority text not null default 'normal' check (priority in ('key', 'normal')),
      status text not null default 'researching'
        check (status in ('researching', 'contacting', 'visited', 'negotiating', 'converted', 'dropped')),
      approach text check (length(approach) <= 2000),
      contacts text check (length(contacts) <= 2000),
      offer text check (length(offer) <= 2000),
      next_step text check (length(next_step) <= 500),
      next_step_on date,
      leader_in_charge text check (length(leader_in_charge) <= 40),
      search_text text not null default '',
      version integer not null default 1,
      created_by uuid references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (district_id, enterprise_id)
    );
    create index target_enterprises_unit on target_enterprises (district_id, unit_id, updated_at desc);
    create index target_enterprises_search on target_enterprises using gin (search_text gin_trgm_ops);
    -- The plan's history: every contact, visit, change of plan or status, newest last.
    create table target_enterprise_events (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      target_id uuid not null references target_enterprises(id) on delete cascade,
      kind text not null check (kind in ('created', 'plan', 'status', 'contact', 'visit', 'note')),
      on_date date not null,
      note text check (length(note) <= 2000),
      user_id uuid references users(id),
      username text,
      at timestamptz not null
    );
    create index target_enterprise_events_target on target_enterprise_events (target_id, at);

    -- 商会、在外人员、经销网点、在区企业、驻外招商机构: the network that refers leads. The liaison unit owns the
    -- contact details (unit scope); names are offered to every unit of the district as referrers.
    create table network_sources (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      unit_id uuid not null references units(id),
      kind text not null check (kind in
        ('chamber', 'association', 'person_outside', 'dealer', 'invested_enterprise', 'office_outside')),
      name text not null check (length(name) between 1 and 100),
      -- where it sits: a GB/T 2260 region code (province or city) and/or a place name; country for abroad
      region_code text check (region_code ~ '^[0-9]{2}([0-9]{2}([0-9]{2})?)?$'),
      place text check (length(place) <= 100),
      country text check (country ~ '^[A-Z]{2}$'),
      enterprise_id uuid references enterprises(id),
      contact_name text check (length(contact_name) <= 40),
      contact_phone text check (length(contact_phone) <= 40),
      liaison text check (length(liaison) <= 40),
      note text check (length(note) <= 2000),
      active boolean not null default true,
      search_text text not null default '',
      version integer not null default 1,
      created_by uuid references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index network_sources_unit on network_sources (district_id, unit_id, name);
    create index network_sources_search on network_sources using gin (search_text gin_trgm_ops);

    -- 招商活动: expos, promotion meetings, forums, trips out and delegations in, owned by the organising unit.
    create table promotion_events (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      unit_id uuid not null references units(id),
      kind text not null check (kind in ('expo', 'promotion', 'forum', 'trip_out', 'delegation_in')),
      name text not null check (length(name) between 1 and 100),
      starts_on date not null,
      ends_on date not null,
      place text check (length(place) <= 100),
      organiser text check (length(organiser) <= 100),
      -- who went: the units taking part (besides the owner), the leaders by name, everyone else as text
      participant_unit_ids uuid[] not null default '{}',
      leaders text[] not null default '{}',
      participants text check (length(participants) <= 2000),
      -- the effort: money spent (元) and person-days
      cost_yuan bigint check (cost_yuan >= 0),
      person_days integer check (person_days >= 0),
      summary text check (length(summary) <= 4000),
      search_text text not null default '',
      version integer not null default 1,
      created_by uuid references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (ends_on >= starts_on)
    );
    create index promotion_events_unit on promotion_events (district_id, unit_id, starts_on desc);
    create index promotion_events_dates on promotion_events (district_id, starts_on);
    create index promotion_events_search on promotion_events using gin (search_text gin_trgm_ops);
    -- Enterprises met at an event (洽谈), and the lead that came of the meeting.
    create table event_meetings (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      event_id uuid not null references promotion_events(id) on delete cascade,
      enterprise_id uuid not null references enterprises(id),
      met_on date not null,
      contact_person text check (length(contact_person) <= 40),
      notes text check (length(notes) <= 2000),
      lead_id uuid references leads(id) on delete set null,
      created_by uuid references users(id),
      created_at timestamptz not null
    );
    create index event_meetings_event on event_meetings (event_id, met_on);
    -- Follow-up tasks (紧盯不放): an owner unit and person, a due date, done or not.
    create table event_tasks (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      event_id uuid not null references promotion_events(id) on delete cascade,
      title text not null check (length(title) between 1 and 200),
      owner_unit_id uuid not null references units(id),
      owner_name text check (length(owner_name) <= 40),
      due_on date not null,
      done_on date,
      note text check (length(note) <= 2000),
      created_by uuid references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index event_tasks_event on event_tasks (event_id, due_on);
    create index event_tasks_owner_due on event_tasks (district_id, owner_unit_id, due_on) where done_on is null;

    -- Credit and placement on leads and projects. A project converted from a lead copies these.
    alter table leads
      add column referral_source_id uuid references network_sources(id),
      add column event_id uuid references promotion_events(id),
      add column chain_link_id uuid references chain_links(id) on delete set null;
    alter table projects
      add column referral_source_id uuid references network_sources(id),
      add column event_id uuid references promotion_events(id),
      add column chain_link_id uuid references chain_links(id) on delete set null;
    create index leads_referral_source on leads (referral_source_id) where referral_source_id is not null;
    create index leads_event on leads (event_id) where event_id is not null;
    create index leads_chain_link on leads (chain_link_id) where chain_link_id is not null;
    create index projects_referral_source on projects (referral_source_id) where referral_source_id is not null;
    create index projects_event on projects (event_id) where event_id is not null;
    create index projects_chain_link on projects (chain_link_id) where chain_link_id is not null;
  `.execute(db);
}

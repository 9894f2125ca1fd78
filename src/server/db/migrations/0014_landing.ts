import { type Kysely, sql } from 'kysely';

// The landing service (issue 5, DOMAIN §2 *Landing service*): pre-review of major projects by departments, the
// per-project checklist of procedures, the problem list with its 交办 → 承办 → 反馈 → 办结 loop, the government's
// commitments, special teams, the investor portal's tokens, supervision notices, and the reminders the scheduled
// job writes into each user's notification centre (with an outbox for email / SMS / 企业微信).
//
// Every row carries district_id (the tenancy key) and unit_id (the unit whose project it is, or the recipient
// unit). Rows a department works on also carry department_unit_id: that is what a department handler's
// `assigned` scope reads (scope-filter.ts inScopeOrAssigned).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The clocks of the landing service, per district (the center edits them). Green-channel projects use half
    -- of each (domain/landing/clocks.ts).
    alter table district_settings
      add column pre_review_threshold_yuan bigint not null default 100000000 check (pre_review_threshold_yuan >= 0),
      add column pre_review_opinion_days integer not null default 10 check (pre_review_opinion_days between 1 and 90),
      add column problem_deadline_days integer not null default 15 check (problem_deadline_days between 1 and 180),
      add column problem_escalate_days integer not null default 3 check (problem_escalate_days between 0 and 90),
      add column first_contact_days integer not null default 5 check (first_contact_days between 1 and 60);

    -- 预审: one review of a project at a time; each chosen department gives an opinion on its topics.
    create table pre_reviews (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      unit_id uuid not null references units(id),
      project_id uuid not null references projects(id),
      topics text[] not null check (cardinality(topics) >= 1),
      due_on date not null,
      reason text check (length(reason) <= 500),
      status text not null default 'open' check (status in ('open', 'decided', 'cancelled')),
      combined_opinion text check (length(combined_opinion) <= 4000),
      decision text check (decision in ('approved', 'conditional', 'rejected')),
      meeting_kind text check (meeting_kind in ('investment_committee', 'executive', 'land_supply')),
      meeting_on date,
      decided_at timestamptz,
      decided_by uuid references users(id),
      version integer not null default 1,
      created_by uuid references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check ((status = 'decided') = (decision is not null))
    );
    create unique index pre_reviews_one_open on pre_reviews (project_id) where status = 'open';
    create index pre_reviews_district on pre_reviews (district_id, status, due_on);
    create table pre_review_opinions (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      review_id uuid not null references pre_reviews(id) on delete cascade,
      department_unit_id uuid not null references units(id),
      topics text[] not null check (cardinality(topics) >= 1),
      due_on date not null,
      verdict text check (verdict in ('agree', 'conditional', 'disagree')),
      opinion text check (length(opinion) <= 4000),
      answered_at timestamptz,
      answered_by uuid references users(id),
      unique (review_id, department_unit_id),
      check ((verdict is null) = (answered_at is null))
    );
    create index pre_review_opinions_department on pre_review_opinions (district_id, department_unit_id, due_on)
      where answered_at is null;

    -- 手续: a project's checklist, seeded from a template by project type and then edited.
    create table procedures (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      unit_id uuid not null references units(id),
      project_id uuid not null references projects(id),
      kind text not null check (kind ~ '^[a-z_]{2,40}$'),
      name text not null check (length(name) between 1 and 60),
      department_unit_id uuid references units(id),
      planned_on date,
      done_on date,
      status text not null default 'pending' check (status in ('pending', 'in_progress', 'done', 'not_needed')),
      note text check (length(note) <= 1000),
      sort_order integer not null default 0,
      version integer not null default 1,
      updated_by uuid references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check ((status = 'done') = (done_on is not null))
    );
    create index procedures_project on procedures (project_id, sort_order);
    create index procedures_department on procedures (district_id, department_unit_id, planned_on)
      where status in ('pending', 'in_progress');
    create index procedures_open on procedures (district_id, planned_on) where status in ('pending', 'in_progress');

    -- 问题清单: raised by a unit, a department or the investor (through the portal); 交办 to a department with a
    -- countermeasure and a deadline; 承办 (accepted) → 反馈 (replied) → 办结 (closed by the raiser) or reopened.
    create table portal_tokens (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      unit_id uuid not null references units(id),
      project_id uuid not null references projects(id),
      -- The link carries 32 random bytes; only their SHA-256 is kept, so a database copy opens no portal.
      token_sha256 text not null unique check (token_sha256 ~ '^[0-9a-f]{64}$'),
      label text not null check (length(label) between 1 and 60),
      created_by uuid references users(id),
      created_at timestamptz not null,
      revoked_at timestamptz,
      revoked_by uuid references users(id),
      last_used_at timestamptz
    );
    create index portal_tokens_project on portal_tokens (project_id);
    -- Fixed-window counters for the public portal, shared by every app server (no per-process memory).
    create table portal_rate_hits (
      key text not null,
      window_start timestamptz not null,
      hits integer not null,
      primary key (key, window_start)
    );

    create table problems (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      unit_id uuid not null references units(id),
      project_id uuid references projects(id),
      raised_via text not null check (raised_via in ('unit', 'department', 'investor')),
      raised_by uuid references users(id),
      raiser_name text check (length(raiser_name) <= 40),
      portal_token_id uuid references portal_tokens(id),
      title text not null check (length(title) between 2 and 100),
      description text not null check (length(description) between 1 and 4000),
      category text not null check (category in ('funds', 'land', 'policy', 'approval', 'factors', 'other')),
      department_unit_id uuid references units(id),
      -- The leader in charge by name (shown everywhere) and, when the leader has an account, that account: the
      -- escalation notice goes to it.
      leader_in_charge text check (length(leader_in_charge) <= 40),
      leader_user_id uuid references users(id),
      countermeasure text check (length(countermeasure) <= 4000),
      deadline date,
      status text not null default 'raised'
        check (status in ('raised', 'assigned', 'accepted', 'replied', 'closed')),
      reply text check (length(reply) <= 4000),
      assigned_at timestamptz,
      accepted_at timestamptz,
      replied_at timestamptz,
      closed_at timestamptz,
      reopen_count integer not null default 0,
      -- 0 none; 1 escalated to the leader in charge; 2 also to the supervision office (督查室).
      escalation_level smallint not null default 0 check (escalation_level between 0 and 2),
      escalated_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (status = 'raised' or (department_unit_id is not null and deadline is not null))
    );
    create index problems_district on problems (district_id, status, deadline);
    create index problems_department on problems (district_id, department_unit_id, status);
    create index problems_unit on problems (district_id, unit_id, status);
    create index problems_project on problems (project_id) where project_id is not null;
    create index problems_portal on problems (portal_token_id) where portal_token_id is not null;
    create table problem_events (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      problem_id uuid not null references problems(id) on delete cascade,
      kind text not null
        check (kind in ('raised', 'assigned', 'accepted', 'replied', 'closed', 'reopened', 'escalated', 'comment')),
      note text check (length(note) <= 4000),
      user_id uuid references users(id),
      username text,
      via_portal boolean not null default false,
      at timestamptz not null
    );
    create index problem_events_problem on problem_events (problem_id, at);

    -- 承诺事项: what the government promised; fulfilled only with evidence.
    create table commitments (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      unit_id uuid not null references units(id),
      project_id uuid not null references projects(id),
      agreement_id uuid references agreements(id),
      kind text not null check (kind in ('policy', 'subsidy', 'land', 'service', 'other')),
      content text not null check (length(content) between 2 and 2000),
      amount_yuan bigint check (amount_yuan >= 0),
      department_unit_id uuid not null references units(id),
      due_on date not null,
      status text not null default 'pending' check (status in ('pending', 'fulfilled', 'cancelled')),
      fulfilled_on date,
      evidence text check (length(evidence) <= 2000),
      cancel_reason text check (length(cancel_reason) <= 500),
      version integer not null default 1,
      created_by uuid references users(id),
      updated_by uuid references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check ((status = 'fulfilled') = (fulfilled_on is not null)),
      check (status <> 'fulfilled' or length(evidence) > 0),
      check ((status = 'cancelled') = (cancel_reason is not null))
    );
    create index commitments_department on commitments (district_id, department_unit_id, status, due_on);
    create index commitments_project on commitments (project_id);

    -- 专班, 首席服务员. green_channel and liaison_leader (包联领导) exist on projects already.
    alter table projects
      add column first_contact_officer text check (length(first_contact_officer) <= 40),
      add column first_contact_phone text check (first_contact_phone ~ '^[0-9+ -]{5,20}$'),
      add column first_contact_named_on date;
    create table project_team_members (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      project_id uuid not null references projects(id) on delete cascade,
      unit_id uuid references units(id),
      name text not null check (length(name) between 1 and 40),
      role text not null check (role in ('leader', 'deputy', 'member')),
      duty text check (length(duty) <= 200),
      sort_order integer not null default 0,
      created_at timestamptz not null
    );
    create index project_team_members_project on project_team_members (project_id, sort_order);

    -- 督办单: from the supervision office to a unit (a department is a unit), with a reply due date.
    create table supervision_notices (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      unit_id uuid not null references units(id),
      year integer not null,
      number integer not null,
      subject text not null check (length(subject) between 2 and 100),
      body text not null check (length(body) between 1 and 4000),
      reply_due_on date not null,
      status text not null default 'issued' check (status in ('issued', 'replied', 'closed')),
      project_id uuid references projects(id),
      problem_id uuid references problems(id),
      issued_by uuid references users(id),
      issued_at timestamptz not null,
      closed_at timestamptz,
      version integer not null default 1,
      updated_at timestamptz not null,
      unique (district_id, year, number)
    );
    create index supervision_notices_unit on supervision_notices (district_id, unit_id, status);
    create index supervision_notices_due on supervision_notices (district_id, reply_due_on) where status = 'issued';
    create table supervision_replies (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      notice_id uuid not null references supervision_notices(id) on delete cascade,
      kind text not null check (kind in ('reply', 'follow_up', 'close')),
      text text not null check (length(text) between 1 and 4000),
      reply_due_on date,
      user_id uuid references users(id),
      username text,
      at timestamptz not null
    );
    create index supervision_replies_notice on supervision_replies (notice_id, at);

    -- The notification centre: one row per recipient user. dedupe_key names the occasion (e.g.
    -- 'problem.overdue:<id>:<deadline>'), so the reminder job can run any number of times, on any number of
    -- servers, and a user is told once.
    create table notifications (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      user_id uuid not null references users(id),
      kind text not null check (kind ~ '^[a-z_.]{2,60}$'),
      subject_type text not null,
      subject_id uuid,
      title text not null check (length(title) between 1 and 200),
      body text check (length(body) <= 1000),
      link text check (link ~ '^/[^/]'),
      due_on date,
      dedupe_key text not null,
      created_at timestamptz not null,
      read_at timestamptz,
      unique (user_id, dedupe_key)
    );
    create index notifications_user on notifications (user_id, created_at desc);
    create index notifications_unread on notifications (user_id) where read_at is null;

    -- What the reminder job checks, per district: off/on, how many days ahead it warns, after how many days
    -- overdue it escalates, and which outbound channels also carry the message. No row = the domain default.
    create table reminder_rules (
      district_id uuid not null references regions(id),
      kind text not null,
      enabled boolean not null default true,
      days_before integer not null default 3 check (days_before between 0 and 60),
      escalate_after_days integer check (escalate_after_days between 0 and 90),
      channels text[] not null default '{}',
      updated_by uuid references users(id),
      updated_at timestamptz not null,
      primary key (district_id, kind)
    );

    -- Outbox: messages for email / SMS / 企业微信, written in the job's transaction, posted by one webhook adapter.
    create table outbound_messages (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      notification_id uuid references notifications(id) on delete set null,
      channel text not null check (channel in ('email', 'sms', 'wecom')),
      recipient_user_id uuid references users(id),
      recipient text not null,
      title text not null,
      body text,
      link text,
      status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      sent_at timestamptz,
      last_error text,
      created_at timestamptz not null
    );
    create index outbound_messages_pending on outbound_messages (next_attempt_at) where status = 'pending';

    -- One row per run of a scheduled job, so the center sees when reminders last ran and what they found.
    create table job_runs (
      id uuid primary key default gen_random_uuid(),
      job text not null,
      started_at timestamptz not null,
      finished_at timestamptz,
      host text,
      created_count integer not null default 0,
      detail jsonb
    );
    create index job_runs_job on job_runs (job, started_at desc);

    alter table attachments drop constraint attachments_owner_type_check;
    alter table attachments add constraint attachments_owner_type_check
      check (owner_type in ('project', 'lead', 'capital_report', 'agreement', 'milestone',
        'problem', 'commitment', 'pre_review_opinion', 'supervision_notice'));
  `.execute(db);
}

import { type Kysely, sql } from 'kysely';

// Regions, units, users and roles, sessions, login attempts, the security policy and the append-only,
// hash-chained audit log. Every business row carries a district_id (the future Citus distribution key).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table regions (
      id uuid primary key default gen_random_uuid(),
      parent_id uuid references regions(id),
      kind text not null check (kind in ('city', 'district')),
      name text not null check (length(name) between 1 and 60),
      code text,
      sort_order integer not null default 0,
      created_at timestamptz not null default now(),
      check ((kind = 'city') = (parent_id is null))
    );
    create unique index regions_parent_name on regions (coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), name);

    create table units (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      name text not null check (length(name) between 1 and 60),
      kind text not null check (kind in ('town', 'department', 'park', 'team', 'center')),
      code text,
      sort_order integer not null default 0,
      active boolean not null default true,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (district_id, name)
    );

    create table users (
      id uuid primary key default gen_random_uuid(),
      district_id uuid not null references regions(id),
      unit_id uuid not null references units(id),
      username text not null,
      display_name text not null,
      password_hash text not null,
      must_change_password boolean not null,
      password_changed_at timestamptz not null,
      status text not null check (status in ('active', 'disabled')),
      unlocked_at timestamptz,
      last_login_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create unique index users_username on users (lower(username));
    create index users_unit on users (unit_id);

    create table user_roles (
      user_id uuid not null references users(id) on delete cascade,
      district_id uuid not null references regions(id),
      role text not null check (role in ('center_admin', 'unit_reporter', 'unit_head', 'leader', 'supervisor',
        'department_handler', 'city_viewer', 'sys_admin', 'security_admin', 'auditor')),
      primary key (user_id, role)
    );
    -- 三员分立 in the database too: at most one security role per account.
    create unique index user_roles_one_security_role on user_roles (user_id)
      where role in ('sys_admin', 'security_admin', 'auditor');

    create table sessions (
      id text primary key,
      user_id uuid not null references users(id) on delete cascade,
      district_id uuid not null references regions(id),
      csrf_token text not null,
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      expires_at timestamptz not null,
      ip text,
      user_agent text
    );
    create index sessions_user on sessions (user_id);

    create table login_attempts (
      id bigserial primary key,
      username_norm text not null,
      ip text not null,
      at timestamptz not null,
      success boolean not null
    );
    create index login_attempts_user on login_attempts (username_norm, at);
    create index login_attempts_ip on login_attempts (ip, at) where not success;

    create table security_policy (
      id smallint primary key check (id = 1),
      policy jsonb not null,
      updated_at timestamptz not null
    );

    create table audit_log (
      id bigserial primary key,
      at timestamptz not null,
      user_id uuid,
      username text,
      roles text[] not null default '{}',
      unit_id uuid,
      district_id uuid,
      ip text,
      request_id text,
      action text not null,
      object_type text,
      object_id text,
      result text not null check (result in ('success', 'failure', 'denied')),
      changes jsonb,
      detail text,
      prev_hmac text not null,
      hmac text not null
    );
    create index audit_log_at on audit_log (at);
    create index audit_log_username on audit_log (lower(username), at);
    create index audit_log_action on audit_log (action, at);
    create index audit_log_object on audit_log (object_type, object_id);

    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
    end $$;
    create trigger audit_log_no_update_delete before update or delete on audit_log
      for each row execute function audit_log_append_only();
    create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_append_only();
  `.execute(db);
}

import { type Kysely, sql } from 'kysely';
import type { DB } from '../src/server/db/schema.js';

// The landing service at city scale, added to the bench city's pipeline (issue 5): for the ≈60,000 signed and
// later projects, a checklist of 8 procedures each, one problem per 4 projects, one commitment per 3, a pre-review
// for 1 in 20 with 3 opinions each, and 150 supervision notices per district. States and dates are spread around
// `today` so that each kind has due-soon, overdue and closed rows, as a real district would.
//
// Set-based SQL in one transaction (INSERT … SELECT with a hash of the row number as the random source, like
// pipeline.ts). Idempotent: a city that already has problems is left alone.

export async function generateLanding(
  db: Kysely<DB>,
  opts: { cityId: string; today: string; log?: (msg: string) => void },
): Promise<Record<string, number>> {
  const log = opts.log ?? (() => {});
  const districts = db.selectFrom('regions').select('id').where('parentId', '=', opts.cityId);
  const existing = await db
    .selectFrom('problems')
    .select('id')
    .where('districtId', 'in', districts)
    .limit(1)
    .executeTakeFirst();
  if (existing) return {};
  const rows: Record<string, number> = {};
  const today = opts.today;
  await db.transaction().execute(async (trx) => {
    await sql`create function pg_temp.u(g bigint, k int) returns float8 language sql immutable parallel safe
      as $$ select (hashint8(g * 1013 + k) & 2147483647)::float8 / 2147483648.0 $$`.execute(trx);
    // The projects that need landing service, numbered, and each district's departments, numbered.
    await sql`create temp table l_projects on commit drop as
      select row_number() over (order by p.id) as g, p.id, p.district_id, p.unit_id, p.stage, p.green_channel,
             coalesce(p.signing_date, ${today}::date - 200) as signed_on
        from projects p join regions d on d.id = p.district_id
       where d.parent_id = ${opts.cityId} and p.stage in ('signed', 'landed', 'started', 'producing')`.execute(
      trx,
    );
    await sql`create temp table l_departments on commit drop as
      select u.id, u.district_id, row_number() over (partition by u.district_id order by u.sort_order, u.id) - 1 as i,
             count(*) over (partition by u.district_id) as n
        from units u join regions d on d.id = u.district_id
       where d.parent_id = ${opts.cityId} and u.kind = 'department' and u.active`.execute(trx);
    const step = async (name: string, q: ReturnType<typeof sql>) => {
      const t = performance.now();
      const r = await q.execute(trx);
      rows[name] = Number(r.numAffectedRows ?? 0n);
      log(`  ${name}: ${rows[name].toLocaleString('en')} rows in ${Math.round(performance.now() - t)} ms`);
    };
    // A department of the project's district, chosen by the hash (k varies the choice per purpose).
    const dept = (g: string, k: number) =>
      sql.raw(`(select ld.id from l_departments ld where ld.district_id = lp.district_id
                 and ld.i = floor(pg_temp.u(${g}, ${k}) * ld.n)::int)`);

    await step(
      'procedures',
      sql`insert into procedures (district_id, unit_id, project_id, kind, name, department_unit_id, planned_on,
                                  done_on, status, sort_order, created_at, updated_at)
        select lp.district_id, lp.unit_id, lp.id, k.kind, k.name, ${dept('lp.g * 8 + k.n', 2)},
               lp.signed_on + k.n * 25,
               case when st = 'done' then least(lp.signed_on + k.n * 25 + 3, ${today}::date) end,
               st, k.n, now(), now()
          from l_projects lp
          cross join (values (0, 'business_license', '工商注册'), (1, 'approval_filing', '立项/备案'),
                             (2, 'land_approval', '土地报批'), (3, 'planning_permit', '规划许可'),
                             (4, 'eia', '环评'), (5, 'energy_review', '能评'),
                             (6, 'construction_permit', '施工许可'), (7, 'completion_acceptance', '竣工验收'))
                 as k(n, kind, name)
          cross join lateral (select case
                 when lp.stage = 'producing' then 'done'
                 when lp.signed_on + k.n * 25 < ${today}::date - 30 and pg_temp.u(lp.g * 8 + k.n, 3) < 0.8 then 'done'
                 when pg_temp.u(lp.g * 8 + k.n, 4) < 0.05 then 'not_needed'
                 when pg_temp.u(lp.g * 8 + k.n, 5) < 0.4 then 'in_progress'
                 else 'pending' end as st) s`,
    );
    await step(
      'problems',
      sql`insert into problems (district_id, unit_id, project_id, raised_via, title, description, category,
                                department_unit_id, leader_in_charge, countermeasure, deadline, status,
                                assigned_at, accepted_at, replied_at, closed_at, created_at, updated_at)
        select lp.district_id, lp.unit_id, lp.id,
               (array['unit','unit','department','investor'])[1 + floor(pg_temp.u(lp.g, 10) * 4)::int],
               '项目推进问题' || lp.g, '需协调解决的具体困难', 
               (array['funds','land','policy','approval','factors','other'])[1 + floor(pg_temp.u(lp.g, 11) * 6)::int],
               case when st <> 'raised' then ${dept('lp.g', 12)} end,
               case when st <> 'raised' then '分管副区长' end,
               case when st <> 'raised' then '一问题一对策' end,
               case when st <> 'raised' then ${today}::date - 60 + floor(pg_temp.u(lp.g, 13) * 90)::int end,
               st,
               case when st <> 'raised' then now() - interval '30 days' end,
               case when st in ('accepted','replied','closed') then now() - interval '25 days' end,
               case when st in ('replied','closed') then now() - interval '10 days' end,
               case when st = 'closed' then now() - interval '5 days' end,
               now() - interval '40 days', now()
          from l_projects lp
          cross join lateral (select (array['raised','assigned','accepted','accepted','replied','closed','closed','closed'])
                                     [1 + floor(pg_temp.u(lp.g, 14) * 8)::int] as st) s
         where pg_temp.u(lp.g, 15) < 0.25`,
    );
    await step(
      'problem_events',
      sql`insert into problem_events (district_id, problem_id, kind, note, at)
        select p.district_id, p.id, 'raised', null, p.created_at
          from problems p join l_projects lp on lp.id = p.project_id`,
    );
    await step(
      'commitments',
      sql`insert into commitments (district_id, unit_id, project_id, kind, content, amount_yuan, department_unit_id,
                                   due_on, status, fulfilled_on, evidence, cancel_reason, created_at, updated_at)
        select lp.district_id, lp.unit_id, lp.id,
               (array['policy','subsidy','land','service','other'])[1 + floor(pg_temp.u(lp.g, 20) * 5)::int],
               '协议约定的政府承诺事项', (floor(pg_temp.u(lp.g, 21) * 500) * 100000)::bigint, ${dept('lp.g', 22)},
               due, st, case when st = 'fulfilled' then least(due + floor(pg_temp.u(lp.g, 23) * 20)::int - 10, ${today}::date) end,
               case when st = 'fulfilled' then '已按协议兑现' end,
               case when st = 'cancelled' then '企业放弃' end,
               now(), now()
          from l_projects lp
          cross join lateral (select ${today}::date - 120 + floor(pg_temp.u(lp.g, 24) * 240)::int as due) d
          cross join lateral (select case when pg_temp.u(lp.g, 25) < 0.05 then 'cancelled'
                                          when d.due < ${today}::date and pg_temp.u(lp.g, 26) < 0.75 then 'fulfilled'
                                          else 'pending' end as st) s
         where pg_temp.u(lp.g, 27) < 0.34`,
    );
    await step(
      'pre_reviews',
      sql`insert into pre_reviews (district_id, unit_id, project_id, topics, due_on, status, combined_opinion,
                                   decision, meeting_kind, meeting_on, created_at, updated_at)
        select lp.district_id, lp.unit_id, lp.id, '{site_land,eia,energy}', ${today}::date - 20 + floor(pg_temp.u(lp.g, 30) * 30)::int,
               case when pg_temp.u(lp.g, 31) < 0.6 then 'decided' else 'open' end,
               case when pg_temp.u(lp.g, 31) < 0.6 then '综合意见：同意' end,
               case when pg_temp.u(lp.g, 31) < 0.6 then 'approved' end,
               case when pg_temp.u(lp.g, 31) < 0.6 then 'investment_committee' end,
               case when pg_temp.u(lp.g, 31) < 0.6 then ${today}::date - 10 end,
               now(), now()
          from l_projects lp where pg_temp.u(lp.g, 32) < 0.05`,
    );
    await step(
      'pre_review_opinions',
      sql`insert into pre_review_opinions (district_id, review_id, department_unit_id, topics, due_on, verdict,
                                           opinion, answered_at)
        select distinct on (r.id, d.id) r.district_id, r.id, d.id, '{site_land}', r.due_on,
               case when r.status = 'decided' or pg_temp.u(lp.g * 3 + k.n, 33) < 0.5 then 'agree' end,
               case when r.status = 'decided' or pg_temp.u(lp.g * 3 + k.n, 33) < 0.5 then '同意' end,
               case when r.status = 'decided' or pg_temp.u(lp.g * 3 + k.n, 33) < 0.5 then now() end
          from pre_reviews r join l_projects lp on lp.id = r.project_id
          cross join generate_series(0, 2) k(n)
          join l_departments d on d.district_id = r.district_id and d.i = (lp.g + k.n * 7) % d.n`,
    );
    await step(
      'supervision_notices',
      sql`insert into supervision_notices (district_id, unit_id, year, number, subject, body, reply_due_on, status,
                                           issued_at, updated_at)
        select u.district_id, u.id, 2026, row_number() over (partition by u.district_id order by u.id, g.n),
               '关于项目推进情况的督办', '请按期反馈办理情况。', ${today}::date - 30 + g.n * 4,
               case when g.n < 4 then 'closed' when g.n < 6 then 'replied' else 'issued' end, now(), now()
          from units u join regions d on d.id = u.district_id
          cross join generate_series(0, 9) g(n)
         where d.parent_id = ${opts.cityId} and u.kind in ('town', 'park') and u.active
           and pg_temp.u(hashtext(u.id::text), g.n) < 0.5`,
    );
  });
  await sql`analyze procedures, problems, problem_events, commitments, pre_reviews, pre_review_opinions,
    supervision_notices`.execute(db);
  return rows;
}

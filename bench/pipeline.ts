import { type Kysely, sql } from 'kysely';
import { searchTextOf } from '../src/domain/search/search-text.js';
import type { DB } from '../src/server/db/schema.js';

// The bench city's pipeline at city scale: ≈50,000 enterprises, 100,000 projects over every stage (with the facts
// and evidence each stage requires), ≈60,000 leads, ≈1,000,000 monthly capital reports with the units' monthly
// submissions, 300,000 activities, agreements with milestones, and the stage history of every project.
//
// Set-based SQL, one transaction: every row is computed by INSERT … SELECT over generate_series, so the whole
// pipeline takes tens of seconds instead of hours of row-by-row inserts. "Random" choices are a hash of the row
// number (pg_temp.u), so every run builds the same city. Names are built from a small vocabulary (place + core
// + trade + form for enterprises, place + core + project template + phase for projects); the pinyin search
// text that pinyin-pro computes in the app is computed here once per vocabulary word in JavaScript and glued
// together in SQL, so 150,000 names cost a few hundred pinyin calls.

export const PIPELINE_SIZE = {
  enterprises: 50_000,
  projects: 100_000,
  leads: 60_000,
  activities: 300_000,
  /** Months of capital reports kept per signed project (the latest ones). */
  reportMonths: 22,
} as const;

const PLACES = [
  ...['京华', '津海', '沪江', '苏锦', '浙润', '粤海', '鲁信', '豫中', '晋阳', '冀南'],
  ...['洺州', '滏阳', '燕赵', '渤海', '中原', '齐鲁', '江淮', '荆楚', '湘江', '巴蜀'],
  ...['秦川', '陇原', '天山', '北辰', '东方', '南方', '西部', '华北', '华东', '华南'],
  ...['长城', '黄河', '长江', '泰山', '昆仑', '太行', '燕山', '海河', '汇通', '联合'],
];
const CORES = [
  ...['精工', '恒泰', '鼎盛', '华创', '瑞丰', '远航', '中科', '金石', '宏达', '博远'],
  ...['新程', '天成', '盛世', '同创', '永兴', '嘉禾', '晨光', '万通', '德信', '启明'],
  ...['汇丰', '安泰', '宇通', '海诚', '正大', '华邦', '恒通', '利民', '银河', '星辰'],
  ...['佳宁', '凯旋', '锦程', '盈科', '振邦', '聚源', '弘毅', '明德', '泰和', '润通'],
];
const FORMS = ['有限公司', '股份有限公司', '集团有限公司', '实业有限公司'];
const PHASES = ['', '', '', '', '', '', '', '二期', '二期', '三期'];

interface Line {
  chain: string;
  industry: string;
  industrial: boolean;
  trade: string;
  projects: string[];
}
const LINES: Line[] = [
  {
    chain: '高端标准件/紧固件',
    industry: 'C33',
    industrial: true,
    trade: '紧固件',
    projects: [
      '高强度紧固件项目',
      '紧固件热处理中心项目',
      '汽车紧固件智能生产线项目',
      '标准件电商物流园项目',
    ],
  },
  {
    chain: '高端标准件/紧固件',
    industry: 'C34',
    industrial: true,
    trade: '五金制品',
    projects: ['精密五金制品项目', '不锈钢标准件项目', '表面处理中心项目', '模具研发中心项目'],
  },
  {
    chain: '装备制造',
    industry: 'C34',
    industrial: true,
    trade: '智能装备',
    projects: ['智能装备制造基地项目', '数控机床零部件项目', '工业机器人集成项目', '液压件生产项目'],
  },
  {
    chain: '装备制造',
    industry: 'C36',
    industrial: true,
    trade: '汽车零部件',
    projects: ['汽车零部件生产项目', '新能源汽车电机项目', '轮毂制造项目', '底盘部件项目'],
  },
  {
    chain: '新能源',
    industry: 'D44',
    industrial: true,
    trade: '新能源',
    projects: ['分布式光伏项目', '风电储能一体化项目', '氢能装备项目', '充电桩生产项目'],
  },
  {
    chain: '高新技术',
    industry: 'C39',
    industrial: true,
    trade: '电子科技',
    projects: ['新材料研发生产项目', '电子元器件项目', '半导体封装测试项目', '传感器生产项目'],
  },
  {
    chain: '高新技术',
    industry: 'C27',
    industrial: true,
    trade: '生物医药',
    projects: ['生物医药产业化项目', '医疗器械生产项目', '中药饮片加工项目', '原料药生产项目'],
  },
  {
    chain: '现代农业',
    industry: 'A01',
    industrial: false,
    trade: '农业科技',
    projects: ['现代农业产业园项目', '设施蔬菜基地项目', '农产品冷链加工项目', '高标准农田项目'],
  },
  {
    chain: '现代农业',
    industry: 'C13',
    industrial: true,
    trade: '食品',
    projects: ['食品精深加工项目', '中央厨房项目', '粮油加工项目', '饮品生产线项目'],
  },
  {
    chain: '文化旅游',
    industry: 'R88',
    industrial: false,
    trade: '文旅发展',
    projects: ['文旅康养综合体项目', '古镇文化街区项目', '研学旅游基地项目', '乡村民宿集群项目'],
  },
  {
    chain: '现代服务业',
    industry: 'G59',
    industrial: false,
    trade: '供应链管理',
    projects: ['冷链物流中心项目', '区域商贸综合体项目', '数字经济产业园项目', '跨境电商中心项目'],
  },
  {
    chain: '现代服务业',
    industry: 'I65',
    industrial: false,
    trade: '信息技术',
    projects: ['数据中心项目', '软件研发中心项目', '智慧城市运营项目', '呼叫中心项目'],
  },
];
const LEAD_TOPICS = ['投资意向', '扩产计划', '考察对接', '项目洽谈', '落户意向', '合作意向'];
const ACTIVITY_SUMMARIES = [
  '赴企业总部洽谈投资方案',
  '电话沟通项目进展',
  '企业来访考察园区',
  '召开项目推进会',
  '协调用地指标问题',
  '对接环评手续办理',
  '陪同领导走访企业',
  '洽谈协议条款',
];

/** Pinyin of one word, split the way searchTextOf does it for a whole name. */
function pinyinOf(word: string): { py: string; ini: string } {
  if (!word) return { py: '', ini: '' };
  const [, py = '', ini = ''] = searchTextOf(word).split(' ');
  return { py, ini };
}

/** A vocabulary as a temp table (i, zh, py, ini [, extra columns]) built from JS arrays in one statement. */
function vocab(name: string, words: string[]) {
  const py = words.map(pinyinOf);
  return sql`create temp table ${sql.raw(name)} on commit drop as
    select (t.n - 1)::int as i, t.zh, t.py, t.ini
    from unnest(${words}::text[], ${py.map((p) => p.py)}::text[], ${py.map((p) => p.ini)}::text[])
      with ordinality as t(zh, py, ini, n)`;
}

const BULK_TABLES = [
  'enterprises',
  'projects',
  'project_stage_history',
  'attachments',
  'leads',
  'capital_reports',
  'capital_submissions',
  'agreements',
  'milestones',
  'activities',
];

/**
 * Drops the indexes of `tables`, and their primary and unique keys that no foreign key depends on; returns the
 * statements that put every one of them back exactly as it was.
 */
async function dropIndexes(trx: Kysely<DB>, tables: string[]): Promise<string[]> {
  const keys = await sql<{ tbl: string; name: string; def: string }>`
    select c.conrelid::regclass::text as tbl, c.conname as name, pg_get_constraintdef(c.oid) as def
    from pg_constraint c
    where c.contype in ('p', 'u') and c.conrelid::regclass::text = any(${tables})
      and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = c.conindid)`.execute(
    trx,
  );
  const indexes = await sql<{ name: string; def: string }>`
    select i.indexname as name, i.indexdef as def
    from pg_indexes i
    where i.schemaname = current_schema() and i.tablename = any(${tables})
      and not exists (select 1 from pg_constraint c where c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)`.execute(
    trx,
  );
  for (const k of keys.rows) await sql.raw(`alter table ${k.tbl} drop constraint ${k.name}`).execute(trx);
  for (const i of indexes.rows) await sql.raw(`drop index ${i.name}`).execute(trx);
  return [
    ...keys.rows.map((k) => `alter table ${k.tbl} add constraint ${k.name} ${k.def}`),
    ...indexes.rows.map((i) => i.def),
  ];
}

export interface PipelineReport {
  skipped: boolean;
  ms: Record<string, number>;
  rows: Record<string, number>;
}

// A tiny valid PDF: evidence files exist, they are just small.
const PDF_HEX = Buffer.from(
  '%PDF-1.4\n% bench evidence\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
).toString('hex');

/**
 * Fills the bench city's pipeline, unless it already has projects (then a no-op). `today` is the China date
 * (YYYY-MM-DD) the stage dates and reporting months count back from.
 */
export async function generatePipeline(
  db: Kysely<DB>,
  opts: { cityId: string; today: string; log?: (msg: string) => void },
): Promise<PipelineReport> {
  const log = opts.log ?? (() => {});
  const existing = await sql<{ n: number }>`
    select count(*)::int as n from projects p
    join regions d on d.id = p.district_id where d.parent_id = ${opts.cityId}`.execute(db);
  if ((existing.rows[0]?.n ?? 0) > 0) return { skipped: true, ms: {}, rows: {} };

  const ms: Record<string, number> = {};
  const rows: Record<string, number> = {};
  const today = opts.today;
  await db.transaction().execute(async (trx) => {
    let t = performance.now();
    // Bulk load: the tables' own indexes (and primary/unique keys no foreign key hangs on) are dropped for the
    // load and rebuilt afterwards from their stored definitions (a sorted build beats 1,000,000 random inserts,
    // a trigram GIN index most of all). As superuser, foreign-key triggers are skipped for this transaction:
    // every reference is built from rows inserted just before, so there is nothing for them to catch.
    await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
    const su = await sql<{
      su: boolean;
    }>`select rolsuper as su from pg_roles where rolname = current_user`.execute(trx);
    if (su.rows[0]?.su) await sql`set local session_replication_role = replica`.execute(trx);
    const rebuild = await dropIndexes(trx, BULK_TABLES);
    ms.dropIndexes = Math.round(performance.now() - t);
    t = performance.now();
    const step = async (name: string, q: ReturnType<typeof sql>) => {
      const r = await q.execute(trx);
      const n = Number(r.numAffectedRows ?? 0n);
      if (n) rows[name] = (rows[name] ?? 0) + n;
      const now = performance.now();
      ms[name] = Math.round((ms[name] ?? 0) + now - t);
      t = now;
      if (n) log(`  ${name}: ${n.toLocaleString('en')} rows in ${ms[name]} ms`);
    };
    // u(g, k): a uniform number in [0, 1) for row g and purpose k; the same on every run and every machine.
    await sql`create function pg_temp.u(g bigint, k int) returns float8 language sql immutable parallel safe
      as $$ select (hashint8(g * 1009 + k) & 2147483647)::float8 / 2147483648.0 $$`.execute(trx);
    await vocab('b_place', PLACES).execute(trx);
    await vocab('b_core', CORES).execute(trx);
    await vocab('b_form', FORMS).execute(trx);
    await vocab('b_phase', PHASES).execute(trx);
    await vocab('b_topic', LEAD_TOPICS).execute(trx);
    await vocab(
      'b_line',
      LINES.map((l) => l.trade),
    ).execute(trx);
    await sql`alter table b_line add column chain text, add column industry text, add column industrial boolean`.execute(
      trx,
    );
    await sql`update b_line set chain = x.chain, industry = x.industry, industrial = x.industrial
      from unnest(${LINES.map((l) => l.chain)}::text[], ${LINES.map((l) => l.industry)}::text[],
                  ${LINES.map((l) => l.industrial)}::boolean[]) with ordinality as x(chain, industry, industrial, n)
      where b_line.i = x.n - 1`.execute(trx);
    const templates = LINES.flatMap((l, li) => l.projects.map((p, k) => ({ li, k, p })));
    await vocab(
      'b_tpl',
      templates.map((x) => x.p),
    ).execute(trx);
    await sql`alter table b_tpl add column line int, add column k int`.execute(trx);
    await sql`update b_tpl set line = x.line, k = x.k
      from unnest(${templates.map((x) => x.li)}::int[], ${templates.map((x) => x.k)}::int[]) with ordinality as x(line, k, n)
      where b_tpl.i = x.n - 1`.execute(trx);

    // Districts 0..9 and the units that own projects: parks and teams carry the most, then towns, then a few
    // departments; within that order u^1.6 skews the load, so some towns lag far behind (交白卷).
    await sql`create temp table b_district on commit drop as
      select (row_number() over (order by sort_order) - 1)::int as d, id
      from regions where parent_id = ${opts.cityId}`.execute(trx);
    await sql`create temp table b_owner on commit drop as
      select bd.d, (row_number() over (partition by bd.d order by
               case un.kind when 'park' then 0 when 'team' then 1 when 'town' then 2 else 3 end, un.sort_order) - 1)::int as k,
             un.id as unit_id,
             (select us.id from users us where us.unit_id = un.id and us.username like '%.reporter' limit 1) as reporter_id,
             (select us.username from users us where us.unit_id = un.id and us.username like '%.reporter' limit 1) as reporter
      from units un join b_district bd on bd.id = un.district_id
      where un.kind in ('park', 'team', 'town')
         or un.name in ('商务局', '发展和改革局', '工业和信息化局', '农业农村局', '文化广电和旅游局', '科学技术局')`.execute(
      trx,
    );
    await sql`create temp table b_owner_n on commit drop as select d, count(*)::int as n from b_owner group by d`.execute(
      trx,
    );
    ms.setup = Math.round(performance.now() - t);
    t = performance.now();

    // ------------------------------------------------------------------ enterprises
    // Enterprise g belongs to district g % 10; within a district (place, core, form) is unique, so is the name.
    await step(
      'b_ent',
      sql`create temp table b_ent on commit drop as
      select g, gen_random_uuid() as id, g % 10 as d, (g / 10) % 40 as place, ((g / 10) / 40) % 40 as core,
             ((g / 10) * 7 + (g / 10) / 40) % ${LINES.length} as line, ((g / 10) / 1600) % 4 as form
      from generate_series(0, ${PIPELINE_SIZE.enterprises - 1}) g`,
    );
    await sql`alter table b_ent add primary key (g)`.execute(trx);
    await step(
      'enterprises',
      sql`insert into enterprises (id, district_id, name, name_key, credit_code, kinds, origin_region_code,
        origin_country, industry_division, contact_name, contact_phone, search_text, created_by, created_at, updated_at)
      select e.id, bd.id, n.name, n.name, null,
        case when pg_temp.u(e.g, 1) < 0.03 then '{central_soe}'::text[]
             when pg_temp.u(e.g, 1) < 0.06 then '{fortune500}'
             when pg_temp.u(e.g, 1) < 0.10 then '{china500}'
             when pg_temp.u(e.g, 1) < 0.18 then '{listed}'
             when pg_temp.u(e.g, 1) < 0.24 then '{private_top500}'
             when pg_temp.u(e.g, 1) < 0.30 then '{specialized}'
             else '{}' end,
        case when pg_temp.u(e.g, 2) < 0.05 then null
             else (array['110105','120116','310115','320506','330106','440305','370102','130104','130402','410105',
                         '210102','420106','510107','610113'])[1 + floor(pg_temp.u(e.g, 3) * 14)::int] end,
        case when pg_temp.u(e.g, 2) < 0.05 then (array['US','DE','JP','KR','SG'])[1 + floor(pg_temp.u(e.g, 4) * 5)::int] end,
        l.industry,
        (array['王','李','张','刘','陈','杨','赵','黄'])[1 + floor(pg_temp.u(e.g, 5) * 8)::int] || '经理',
        '139' || lpad((floor(pg_temp.u(e.g, 6) * 1e8))::bigint::text, 8, '0'),
        n.name || ' ' || p.py || c.py || l.py || f.py || ' ' || p.ini || c.ini || l.ini || f.ini,
        null, now() - interval '3 years', now() - interval '3 years'
      from b_ent e
      join b_district bd on bd.d = e.d
      join b_place p on p.i = e.place join b_core c on c.i = e.core
      join b_line l on l.i = e.line join b_form f on f.i = e.form
      cross join lateral (select p.zh || c.zh || l.zh || f.zh as name) n`,
    );

    // ------------------------------------------------------------------ projects
    // Project g: district g % 10, an enterprise of that district, an owner unit (skewed), a stage from the mix
    // 35 % 在谈, 25 % 签约, 12 % 落地, 15 % 开工, 8 % 投产, 3 % 暂缓, 2 % 退库, and the facts that stage needs.
    await step(
      'b_proj',
      sql`create temp table b_proj on commit drop as
      with base as (
        select g, g % 10 as d,
          (g % 10) + 10 * floor(pg_temp.u(g, 11) * ${PIPELINE_SIZE.enterprises / 10})::int as ent_g,
          pg_temp.u(g, 12) as u_unit,
          case when pg_temp.u(g, 13) < 0.35 then 'negotiating' when pg_temp.u(g, 13) < 0.60 then 'signed'
               when pg_temp.u(g, 13) < 0.72 then 'landed' when pg_temp.u(g, 13) < 0.87 then 'started'
               when pg_temp.u(g, 13) < 0.95 then 'producing' when pg_temp.u(g, 13) < 0.98 then 'paused'
               else 'withdrawn' end as stage,
          -- 300 万 … ≈16 亿 for most, a tail of a few percent up to ≈100 亿 (rounded to 万元)
          (round(power(10, 2.5 + 2.7 * power(pg_temp.u(g, 14), 2.2)
                 + case when pg_temp.u(g, 15) < 0.02 then 0.8 else 0 end)) * 10000)::bigint as planned,
          (${today}::date - (60 + floor(power(pg_temp.u(g, 16), 0.9) * 1000))::int) as sign_d,
          20 + floor(pg_temp.u(g, 17) * 180)::int as gap1,
          20 + floor(pg_temp.u(g, 18) * 180)::int as gap2,
          20 + floor(pg_temp.u(g, 19) * 180)::int as gap3
        from generate_series(0, ${PIPELINE_SIZE.projects - 1}) g
      ), staged as (
        select b.*,
          case stage when 'negotiating' then 0 when 'signed' then 1 when 'landed' then 2 when 'started' then 3
                     when 'producing' then 4 else floor(pg_temp.u(g, 20) * 4)::int end as depth
        from base b
      )
      select s.g, gen_random_uuid() as id, s.d, bd.id as district_id, e.id as enterprise_id, e.line, e.place, e.core,
        s.ent_g, o.unit_id, o.reporter_id, o.reporter, s.stage, s.depth, s.planned,
        case when s.depth >= 1 then (s.planned * (60 + floor(pg_temp.u(s.g, 21) * 41)::int) / 100 / 10000) * 10000 end as signed_amount,
        case when s.depth >= 1 then s.sign_d end as signing_date,
        case when s.depth >= 2 then least(s.sign_d + s.gap1, ${today}::date) end as landed_date,
        case when s.depth >= 3 then least(s.sign_d + s.gap1 + s.gap2, ${today}::date) end as start_date,
        case when s.depth >= 4 then least(s.sign_d + s.gap1 + s.gap2 + s.gap3, ${today}::date) end as production_date,
        (s.g % 4) + 0 as tpl_k,
        floor(pg_temp.u(s.g, 22) * 10)::int as phase,
        now() - (pg_temp.u(s.g, 23) * interval '720 days') as updated_at
      from staged s
      join b_district bd on bd.d = s.d
      join b_ent e on e.g = s.ent_g
      join b_owner_n onn on onn.d = s.d
      join b_owner o on o.d = s.d and o.k = floor(power(s.u_unit, 1.6) * onn.n)::int`,
    );
    await sql`alter table b_proj add primary key (g)`.execute(trx);
    await step(
      'projects',
      sql`insert into projects (id, district_id, unit_id, enterprise_id, name, industry_division, chain, industrial,
        planned_total_yuan, fixed_asset_yuan, signed_amount_yuan, foreign_funded, contracted_foreign_usd_cents,
        stage, stage_before_hold, hold_reason, signing_date, agreement_type, landed_date, start_date, production_date,
        channel, source_area, chain_role, high_tech, expected_output_yuan, expected_tax_yuan, expected_jobs,
        land_area_mu, energy_tce, pollution_class, green_channel, version, search_text, created_by, created_at, updated_at)
      select p.id, p.district_id, p.unit_id, p.enterprise_id, n.name, l.industry, l.chain, l.industrial,
        p.planned, p.planned * 7 / 10, p.signed_amount,
        pg_temp.u(p.g, 30) < 0.05,
        case when pg_temp.u(p.g, 30) < 0.05 then p.planned / 7 * 100 end,
        p.stage,
        case when p.stage in ('paused', 'withdrawn')
             then (array['negotiating','signed','landed','started'])[p.depth + 1] end,
        case p.stage when 'paused' then '企业资金安排调整，暂缓推进' when 'withdrawn' then '企业投资方向调整，项目终止' end,
        p.signing_date,
        case when p.depth >= 1 then (case when pg_temp.u(p.g, 31) < 0.7 then 'formal' else 'framework' end) end,
        p.landed_date, p.start_date, p.production_date,
        (array['targeted','via_business','resident','kinship','event','self','assigned'])
          [1 + floor(power(pg_temp.u(p.g, 32), 1.3) * 7)::int],
        (array['jingjin','huanbohai','yangtze_delta','pearl_delta','in_province','other_domestic','overseas'])
          [1 + floor(pg_temp.u(p.g, 33) * 7)::int],
        (array['chain_leader','upstream','midstream','downstream','supporting'])[1 + floor(pg_temp.u(p.g, 34) * 5)::int],
        pg_temp.u(p.g, 35) < 0.15,
        p.planned * (8 + floor(pg_temp.u(p.g, 36) * 12)::int) / 10,
        p.planned * (2 + floor(pg_temp.u(p.g, 37) * 6)::int) / 100,
        (20 + floor(pg_temp.u(p.g, 38) * 500))::int,
        round((5 + pg_temp.u(p.g, 39) * 300)::numeric, 2),
        floor(pg_temp.u(p.g, 40) * 20000)::int,
        (array['none','light','light','moderate','heavy'])[1 + floor(pg_temp.u(p.g, 41) * 5)::int],
        pg_temp.u(p.g, 42) < 0.05,
        1,
        n.name || ' ' || pl.py || c.py || t.py || ph.py || ' ' || pl.ini || c.ini || t.ini || ph.ini,
        p.reporter_id, p.updated_at - interval '30 days', p.updated_at
      from b_proj p
      join b_line l on l.i = p.line
      join b_place pl on pl.i = p.place join b_core c on c.i = p.core
      join b_tpl t on t.line = p.line and t.k = p.tpl_k
      join b_phase ph on ph.i = p.phase
      cross join lateral (select pl.zh || c.zh || t.zh || ph.zh as name) n`,
    );

    // Stage history: entered (在谈), each main-path step with its date, and the hold when there is one.
    await step(
      'project_stage_history',
      sql`insert into project_stage_history (district_id, project_id, from_stage, to_stage, effective_date, note,
        user_id, username, at)
      select p.district_id, p.id,
        case when s = 0 then null else (array['negotiating','signed','landed','started','producing'])[s] end,
        (array['negotiating','signed','landed','started','producing'])[s + 1],
        case s when 0 then coalesce(p.signing_date, (p.updated_at at time zone 'Asia/Shanghai')::date) - 30
               when 1 then p.signing_date when 2 then p.landed_date when 3 then p.start_date else p.production_date end,
        null, p.reporter_id, p.reporter, p.updated_at
      from b_proj p cross join lateral generate_series(0, p.depth) s
      order by p.g, s`,
    );
    await step(
      'project_stage_history',
      sql`insert into project_stage_history (district_id, project_id, from_stage, to_stage, effective_date, note,
        user_id, username, at)
      select p.district_id, p.id, (array['negotiating','signed','landed','started'])[p.depth + 1], p.stage,
        (p.updated_at at time zone 'Asia/Shanghai')::date, null, p.reporter_id, p.reporter, p.updated_at
      from b_proj p where p.stage in ('paused', 'withdrawn')`,
    );
    // Evidence: one small file per main-path step reached (agreement, licence, permit, proof).
    await step(
      'attachments',
      sql`insert into attachments (district_id, owner_type, owner_id, kind, filename, content_type, size_bytes, sha256,
        content, uploaded_by, uploaded_at)
      select p.district_id, 'project', p.id, k.kind, k.kind || '.pdf', 'application/pdf', length(c.b), encode(sha256(c.b), 'hex'),
        c.b, p.reporter_id, p.updated_at
      from b_proj p
      cross join (select decode(${PDF_HEX}, 'hex') as b) c
      join (values (1, 'agreement'), (2, 'business_licence'), (3, 'construction_permit'), (4, 'production_proof'))
        as k(s, kind) on k.s <= p.depth`,
    );

    // ------------------------------------------------------------------ leads
    // Lead g: district g % 10. 30 % converted (lead g became project g, same district and enterprise), the rest
    // new, following or declined; their service dates follow the published clocks, mostly on time.
    await step(
      'leads',
      sql`insert into leads (id, district_id, unit_id, enterprise_id, title, channel, referrer, intention,
        intended_amount_yuan, industry_division, chain, received_on, responded_on, fed_back_on, last_reported_on,
        status, screening_scores, screening_total, screened_on, decline_reason, shared, project_id, search_text,
        created_by, created_at, updated_at)
      select gen_random_uuid(), bd.id, coalesce(p.unit_id, o.unit_id), e.id, n.title,
        (array['targeted','via_business','resident','kinship','event','self','assigned'])
          [1 + floor(power(pg_temp.u(x.g, 52), 1.3) * 7)::int],
        null, '企业有意在本区投资建设' || l.zh || '项目',
        (round(power(10, 2.5 + 2.5 * pg_temp.u(x.g, 53))) * 10000)::bigint,
        l.industry, l.chain,
        x.received, x.received + 1, x.received + 7, case when x.status = 'following' then ${today}::date - floor(pg_temp.u(x.g, 54) * 14)::int end,
        x.status,
        case when x.status <> 'new' then '{"intention":4,"scale":3,"market":4,"technology":3,"industryFit":4,"environment":4,"energy":3,"benefit":4}'::jsonb end,
        case when x.status <> 'new' then 29 end,
        case when x.status <> 'new' then x.received + 3 end,
        case when x.status = 'declined' then '产业方向不符' end,
        pg_temp.u(x.g, 55) < 0.05,
        case when x.status = 'converted' then p.id end,
        n.title || ' ' || pl.py || c.py || tp.py || ' ' || pl.ini || c.ini || tp.ini,
        null, x.received::timestamptz, x.received::timestamptz + interval '7 days'
      from (
        select g, g % 10 as d,
          case when pg_temp.u(g, 50) < 0.30 then 'converted' when pg_temp.u(g, 50) < 0.42 then 'new'
               when pg_temp.u(g, 50) < 0.85 then 'following' else 'declined' end as status,
          ${today}::date - floor(pg_temp.u(g, 51) * 720)::int as received
        from generate_series(0, ${PIPELINE_SIZE.leads - 1}) g
      ) x
      join b_district bd on bd.d = x.d
      left join b_proj p on x.status = 'converted' and p.g = x.g
      join b_ent e on e.g = coalesce(p.ent_g,
        x.d + 10 * floor(pg_temp.u(x.g, 56) * ${PIPELINE_SIZE.enterprises / 10})::int)
      join b_owner_n onn on onn.d = x.d
      join b_owner o on o.d = x.d and o.k = floor(power(pg_temp.u(x.g, 57), 1.6) * onn.n)::int
      join b_line l on l.i = e.line
      join b_place pl on pl.i = e.place join b_core c on c.i = e.core
      join b_topic tp on tp.i = x.g % ${LEAD_TOPICS.length}
      cross join lateral (select pl.zh || c.zh || tp.zh as title) n`,
    );
    await step(
      'projects.lead_id',
      sql`update projects p set lead_id = l.id, channel = l.channel from leads l
      where l.project_id = p.id and l.district_id in (select id from b_district)`,
    );

    // ------------------------------------------------------------------ money
    // Capital reports: every signed-or-later project reports monthly from its signing month to last month,
    // the latest ${PIPELINE_SIZE.reportMonths} months kept: funds in place by origin, completed investment.
    await step(
      'capital_reports',
      sql`insert into capital_reports (district_id, unit_id, project_id, month, funds_out_of_province_yuan,
        funds_in_province_yuan, funds_foreign_yuan, funds_local_yuan, completed_investment_yuan, foreign_used_usd_cents,
        created_by, created_at, updated_by, updated_at)
      select p.district_id, p.unit_id, p.id, m.month::date,
        (p.planned / 60 * (pg_temp.u(p.g * 64 + m.i, 60)) / 10000)::bigint * 10000,
        (p.planned / 120 * (pg_temp.u(p.g * 64 + m.i, 61)) / 10000)::bigint * 10000,
        case when pg_temp.u(p.g, 30) < 0.05 then (p.planned / 200 * pg_temp.u(p.g * 64 + m.i, 62) / 10000)::bigint * 10000 else 0 end,
        (p.planned / 200 * (pg_temp.u(p.g * 64 + m.i, 63)) / 10000)::bigint * 10000,
        (p.planned / 40 * (pg_temp.u(p.g * 64 + m.i, 64)) / 10000)::bigint * 10000,
        case when pg_temp.u(p.g, 30) < 0.05 then (p.planned / 1000 * pg_temp.u(p.g * 64 + m.i, 65))::bigint else 0 end,
        p.reporter_id, m.month + interval '1 month 5 days', p.reporter_id, m.month + interval '1 month 5 days'
      from b_proj p
      cross join lateral (
        select mm as month, row_number() over () as i
        from generate_series(
          greatest(date_trunc('month', p.signing_date),
                   date_trunc('month', ${today}::date) - make_interval(months => ${PIPELINE_SIZE.reportMonths})),
          date_trunc('month', ${today}::date) - interval '1 month', interval '1 month') mm
      ) m
      where p.depth >= 1`,
    );
    // A unit's month: approved for every month but the last, which is a mix of submitted, approved, returned.
    await step(
      'capital_submissions',
      sql`insert into capital_submissions (district_id, unit_id, month, status, first_submitted_at, submitted_by,
        submitted_at, approved_by, approved_at, returned_by, returned_at, return_reason)
      select s.district_id, s.unit_id, s.month,
        x.status, s.month + interval '1 month 8 days', o.reporter_id, s.month + interval '1 month 8 days',
        case when x.status = 'approved' then o.reporter_id end,
        case when x.status = 'approved' then s.month + interval '1 month 9 days' end,
        case when x.status = 'returned' then o.reporter_id end,
        case when x.status = 'returned' then s.month + interval '1 month 9 days' end,
        case when x.status = 'returned' then '到位资金凭证不全，请补充' end
      from (select distinct district_id, unit_id, month from capital_reports
            where district_id in (select id from b_district)) s
      join b_owner o on o.unit_id = s.unit_id
      cross join lateral (select case
        when s.month < date_trunc('month', ${today}::date) - interval '1 month' then 'approved'
        when pg_temp.u(hashtext(s.unit_id::text), 70) < 0.6 then 'submitted'
        when pg_temp.u(hashtext(s.unit_id::text), 70) < 0.9 then 'approved' else 'returned' end as status) x`,
    );

    // Agreements for a third of the signed projects, each with an investment and a start milestone.
    await step(
      'agreements',
      sql`create temp table b_agr on commit drop as
      select gen_random_uuid() as agreement_id, p.* from b_proj p where p.depth >= 1 and p.g % 3 = 0`,
    );
    await step(
      'agreements',
      sql`insert into agreements (id, district_id, unit_id, project_id, type, title, signing_date, amount_yuan,
        parties, version, created_by, created_at, updated_at)
      select a.agreement_id, a.district_id, a.unit_id, a.id, 'formal', '投资合作协议', a.signing_date, a.signed_amount,
        '区人民政府；投资方', 1, a.reporter_id, a.updated_at, a.updated_at
      from b_agr a`,
    );
    await step(
      'milestones',
      sql`insert into milestones (district_id, unit_id, project_id, agreement_id, kind, description, due_date,
        target_yuan, status, met_on, version, created_by, created_at, updated_at)
      select a.district_id, a.unit_id, a.id, a.agreement_id, m.kind, m.description, a.signing_date + m.days,
        case when m.kind = 'invest' then a.signed_amount end,
        case when a.signing_date + m.days >= ${today}::date then 'pending'
             when pg_temp.u(a.g * 2 + m.n, 80) < 0.7 then 'met' else 'missed' end,
        case when a.signing_date + m.days < ${today}::date and pg_temp.u(a.g * 2 + m.n, 80) < 0.7
             then a.signing_date + m.days - 10 end,
        1, a.reporter_id, a.updated_at, a.updated_at
      from b_agr a
      cross join (values (0, 'start', '协议签订后6个月内开工', 180), (1, 'invest', '协议签订后1年内完成投资', 365))
        as m(n, kind, description, days)`,
    );

    // ------------------------------------------------------------------ activities
    // 300,000 visits, calls and meetings: 85 % on projects (busier projects more often), 15 % on open leads.
    await step(
      'activities',
      sql`insert into activities (district_id, unit_id, project_id, lead_id, kind, occurred_on, place, participants,
        led_by_leader, summary, created_by, created_at)
      select p.district_id, p.unit_id, p.id, null,
        (array['visit_out','visit_out','visit_out','visit_in','call','call','call','call','meeting','meeting'])
          [1 + floor(pg_temp.u(x.a, 90) * 10)::int],
        ${today}::date - floor(pg_temp.u(x.a, 91) * 720)::int,
        null, null, pg_temp.u(x.a, 92) < 0.1,
        (${ACTIVITY_SUMMARIES}::text[])[1 + floor(pg_temp.u(x.a, 93) * ${ACTIVITY_SUMMARIES.length})::int],
        p.reporter_id, now() - pg_temp.u(x.a, 91) * interval '720 days'
      from generate_series(0, ${Math.round(PIPELINE_SIZE.activities * 0.85) - 1}) s(n)
      cross join lateral (select s.n::bigint + 1000000 as a) x
      join b_proj p on p.g = floor(power(pg_temp.u(x.a, 94), 1.5) * ${PIPELINE_SIZE.projects})::int`,
    );
    await step(
      'activities',
      sql`insert into activities (district_id, unit_id, project_id, lead_id, kind, occurred_on, place, participants,
        led_by_leader, summary, created_by, created_at)
      select l.district_id, l.unit_id, null, l.id,
        (array['visit_out','visit_in','call','call','meeting'])[1 + floor(pg_temp.u(x.g, 95) * 5)::int],
        l.received_on + floor(pg_temp.u(x.g, 96) * 30)::int, null, null, false, '跟进招商线索', null,
        l.received_on::timestamptz + interval '1 day'
      from (select row_number() over (order by id) - 1 as g, id from leads
            where status in ('new', 'following') and district_id in (select id from b_district)) ll
      join leads l on l.id = ll.id
      cross join lateral generate_series(0, 1) x0
      cross join lateral (select ll.g * 2 + x0 as g) x
      where x.g < ${PIPELINE_SIZE.activities - Math.round(PIPELINE_SIZE.activities * 0.85)}`,
    );
    for (const stmt of rebuild) await sql.raw(stmt).execute(trx);
    ms.rebuildIndexes = Math.round(performance.now() - t);
    log(`  ${rebuild.length} indexes and keys rebuilt in ${ms.rebuildIndexes} ms`);
  });
  // Fresh statistics and visibility maps, as a database that has lived with this data would have.
  const tv = performance.now();
  await sql`vacuum analyze`.execute(db);
  ms.vacuumAnalyze = Math.round(performance.now() - tv);
  return { skipped: false, ms, rows };
}

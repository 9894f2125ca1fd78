import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Role } from '../src/domain/access/roles.js';
import { DEFAULT_SECURITY_POLICY } from '../src/domain/accounts/password-policy.js';
import { chinaToday } from '../src/domain/dates.js';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/bootstrap.js';
import type { DB } from '../src/server/db/schema.js';
import { hashPassword } from '../src/server/modules/auth/password-hasher.js';
import { DEMO_CENTER_USERS, demoUnits } from '../src/server/modules/setup/demo-district.js';
import { generatePipeline, type PipelineReport } from './pipeline.js';

// A city-scale organisation for the benchmarks: one city, 10 districts, each with its 投资促进中心, 27
// towns/streets, 25 departments, 5 parks, 2 招商专班 (60 units) and ≈125 accounts covering every role, then the
// city's pipeline (pipeline.ts: 100,000 projects, 1,000,000 capital reports …). Fictitious
// throughout: place names are invented combinations, people are random surname + given-name pairs drawn
// from a seeded PRNG (so every run produces the same city), and nobody real is meant.
//
// It writes through Kysely with our schema, in one transaction per district (so a district is either all
// there or absent, and a re-run tops up only what is missing). It writes no audit rows: the audit log is an
// HMAC chain and only the application may extend it; the login bench creates real ones.

/** Every bench account has this password. */
export const BENCH_PASSWORD = 'Bench#Zhaoshang2026';
/** Marks the bench city (regions.code), so the generator never mixes with a real organisation. */
export const BENCH_CITY_CODE = 'BENCH';
export const BENCH_CITY_NAME = '滏川市';
export const DEFAULT_SEED = 20_260_302;
export const DISTRICT_COUNT = 10;
/** Towns and parks beyond the demo district's 15 and 3, so that a district has 60 units. */
const EXTRA_TOWNS = 12;
const EXTRA_PARKS = 2;
export const DEFAULT_BENCH_DATA_DIR = 'bench/.data';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const DISTRICTS = [
  '洺水区',
  '滏东区',
  '泓川区',
  '柏岭区',
  '澜溪区',
  '桐岗区',
  '枫渡区',
  '苇塘区',
  '芷阳区',
  '蘅山区',
];

const TOWN_STEMS = [
  '东阳',
  '西河',
  '南庄',
  '北辛庄',
  '青石',
  '柳林',
  '桃园',
  '杏花',
  '清水',
  '石桥',
  '双塔',
  '龙泉',
  '河湾',
  '马营',
  '高庄',
  '李家寨',
  '白塔',
  '黄土坡',
  '新集',
  '大屯',
  '小营',
  '三河口',
  '五里铺',
  '七里河',
  '八里庄',
  '九龙',
  '十里堡',
  '金沙',
  '松山',
  '槐树湾',
  '榆树沟',
  '枣林',
  '梨园',
  '官庄',
  '王庄',
  '张家庄',
  '刘集',
  '陈寨',
  '赵村',
  '孙店',
  '何家湾',
  '葛洼',
  '牛家营',
  '宋桥',
  '崔庄',
];

const PARKS = [
  '高端标准件产业园',
  '新能源装备产业园',
  '生物医药产业园',
  '电子信息产业园',
  '现代农业示范园',
  '现代物流园',
  '食品加工产业园',
  '新材料产业园',
  '智能制造产业园',
  '文化旅游产业园',
];

const TEAMS = [
  '紧固件产业链招商专班',
  '京津产业转移招商专班',
  '新能源汽车招商专班',
  '长三角招商专班',
  '粤港澳招商专班',
  '数字经济招商专班',
  '医药健康招商专班',
  '现代商贸招商专班',
];

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰俊峰辉鹏宇浩然欣怡子轩梓涵一诺雨泽思远晓东海燕春梅文斌立新振华永庆德明瑞雪佳琪嘉怡晨阳昊天博文雅婷',
];

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const sample = <T>(xs: readonly T[], n: number): T[] => {
    const copy = [...xs];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  };
  return { next, int, pick, sample };
}
type Rng = ReturnType<typeof prng>;

function personName(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const given = rng.next() < 0.35 ? rng.pick(GIVEN) : rng.pick(GIVEN) + rng.pick(GIVEN);
    const name = rng.pick(SURNAMES) + given;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

interface PlannedUser {
  username: string;
  displayName: string;
  roles: Role[];
}
interface PlannedUnit {
  name: string;
  kind: 'center' | 'town' | 'department' | 'park' | 'team';
  users: PlannedUser[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Username prefix of district n (1-based): d01, d02, … */
export const districtPrefix = (n: number) => `d${pad(n)}`;

/**
 * One district's units and accounts. The roles follow the demo district (setup's "load demo"): per town a
 * reporter and a head, per department a reporter and a head (leaders in 区政府办公室, the supervisor in
 * 督查室, handlers in the six procedure departments), per park a reporter and a head, per team one liaison;
 * in the center a center_admin, a reporter, a city_viewer and the three 三员 accounts.
 */
export function planDistrict(n: number, seed: number): { name: string; units: PlannedUnit[] } {
  const rng = prng(seed * 100 + n);
  const name = DISTRICTS[n - 1]!;
  const prefix = districtPrefix(n);
  const people = new Set<string>();
  const demo = demoUnits();
  const demoTowns = demo.filter((u) => u.kind === 'town').length;
  const townCount = demoTowns + EXTRA_TOWNS;
  const towns = rng.sample(TOWN_STEMS, townCount);
  const parks = [`${name.slice(0, -1)}经济开发区`, ...rng.sample(PARKS, 2 + EXTRA_PARKS)];
  const teams = rng.sample(TEAMS, 2);
  let town = 0;
  let park = 0;
  let team = 0;

  const person = (roles: Role[], username: string): PlannedUser => ({
    username: `${prefix}.${username}`,
    displayName: personName(rng, people),
    roles,
  });

  const center: PlannedUnit = {
    name: '投资促进中心',
    kind: 'center',
    users: [
      ...DEMO_CENTER_USERS.map((u) => person(u.roles, u.username)),
      person(['sys_admin'], 'sysadmin'),
      person(['security_admin'], 'secadmin'),
      person(['auditor'], 'auditadmin'),
    ],
  };
  const units = demo.map((u): PlannedUnit => {
    let unitName = u.name;
    if (u.kind === 'town') {
      // The first few are urban streets (街道), most are towns, a few townships (乡).
      const i = town++;
      unitName = `${towns[i]}${i < 3 ? '街道' : i >= townCount - 4 ? '乡' : '镇'}`;
    } else if (u.kind === 'park') unitName = parks[park++]!;
    else if (u.kind === 'team') unitName = teams[team++]!;
    return { name: unitName, kind: u.kind, users: u.users.map((p) => person(p.roles, p.username)) };
  });
  // City scale: more towns and parks than the demo district, with the same accounts (a reporter and a head).
  const extra = (kind: 'town' | 'park', key: string, unitName: string): PlannedUnit => ({
    name: unitName,
    kind,
    users: [person(['unit_reporter'], `${key}.reporter`), person(['unit_head'], `${key}.head`)],
  });
  for (let i = demoTowns; i < townCount; i++) {
    units.push(extra('town', `town${pad(i + 1)}`, `${towns[i]}${i >= townCount - 4 ? '乡' : '镇'}`));
  }
  for (let i = 3; i < 3 + EXTRA_PARKS; i++) units.push(extra('park', `park${pad(i + 1)}`, parks[i]!));
  return { name, units: [center, ...units] };
}

export interface GenerateReport {
  cityId: string;
  districts: { created: number; existing: number };
  units: number;
  users: number;
  userRoles: number;
  /** Users whose password age was refreshed so the 90-day expiry never blocks a bench run. */
  passwordsRefreshed: number;
  hashMs: number;
  /** The pipeline (projects, reports, activities …): skipped when the city already has projects. */
  pipeline: PipelineReport | null;
  totalMs: number;
}

export class NotABenchDatabaseError extends Error {
  constructor() {
    super(
      'This database holds accounts that are not part of the bench city: refusing to add bench data to it. ' +
        `Point the bench at its own data folder (default ${DEFAULT_BENCH_DATA_DIR}).`,
    );
    this.name = 'NotABenchDatabaseError';
  }
}

async function insertDistrict(
  trx: Transaction<DB>,
  cityId: string,
  n: number,
  plan: ReturnType<typeof planDistrict>,
  passwordHash: string,
  at: Date,
) {
  const district = await trx
    .insertInto('regions')
    .values({ kind: 'district', name: plan.name, parentId: cityId, code: null, sortOrder: n })
    .returning('id')
    .executeTakeFirstOrThrow();
  const unitRows = await trx
    .insertInto('units')
    .values(
      plan.units.map((u, i) => ({
        districtId: district.id,
        name: u.name,
        kind: u.kind,
        code: null,
        sortOrder: i,
        createdAt: at,
        updatedAt: at,
      })),
    )
    .returning(['id', 'name'])
    .execute();
  const unitIds = new Map(unitRows.map((r) => [r.name, r.id]));
  const planned = plan.units.flatMap((u) => u.users.map((p) => ({ ...p, unitId: unitIds.get(u.name)! })));
  const userRows = await trx
    .insertInto('users')
    .values(
      planned.map((p) => ({
        districtId: district.id,
        unitId: p.unitId,
        username: p.username,
        displayName: p.displayName,
        passwordHash,
        mustChangePassword: false,
        passwordChangedAt: at,
        status: 'active' as const,
        createdAt: at,
        updatedAt: at,
      })),
    )
    .returning(['id', 'username'])
    .execute();
  const userIds = new Map(userRows.map((r) => [r.username, r.id]));
  const roles = planned.flatMap((p) =>
    p.roles.map((role) => ({ userId: userIds.get(p.username)!, districtId: district.id, role })),
  );
  await trx.insertInto('userRoles').values(roles).execute();
  return { units: unitRows.length, users: userRows.length, userRoles: roles.length };
}

/**
 * Creates (or tops up) the bench city in `db`. Idempotent: districts already present are left alone, so a
 * second run only refreshes password ages. Refuses a database with accounts outside the bench city.
 */
export async function generateDataset(
  db: Kysely<DB>,
  opts: { seed?: number; log?: (msg: string) => void; pipeline?: boolean } = {},
): Promise<GenerateReport> {
  const started = performance.now();
  const seed = opts.seed ?? DEFAULT_SEED;
  const log = opts.log ?? (() => {});
  const at = new Date();

  const city = await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(7212099)`.execute(trx);
    let row = await trx
      .selectFrom('regions')
      .select('id')
      .where('kind', '=', 'city')
      .where('code', '=', BENCH_CITY_CODE)
      .executeTakeFirst();
    let others = trx
      .selectFrom('users as u')
      .innerJoin('regions as d', 'd.id', 'u.districtId')
      .select('u.id')
      .limit(1);
    if (row) others = others.where('d.parentId', 'is distinct from', row.id);
    const foreign = await others.executeTakeFirst();
    if (foreign) throw new NotABenchDatabaseError();
    row ??= await trx
      .insertInto('regions')
      .values({ kind: 'city', name: BENCH_CITY_NAME, parentId: null, code: BENCH_CITY_CODE })
      .returning('id')
      .executeTakeFirstOrThrow();
    // What setup does with policies.save: the deployment's policy row, here with the defaults.
    await trx
      .insertInto('securityPolicy')
      .values({ id: 1, policy: JSON.stringify(DEFAULT_SECURITY_POLICY), updatedAt: at })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    return row;
  });

  const existing = new Set(
    (await db.selectFrom('regions').select('name').where('parentId', '=', city.id).execute()).map(
      (r) => r.name,
    ),
  );

  // Bench shortcut: argon2id is deliberately slow (~19 MiB, 2 passes), so the one bench password is hashed
  // once and that hash string is stored for every bench account. Real accounts each get their own salt.
  let hashMs = 0;
  let passwordHash: string | null = null;
  const report: GenerateReport = {
    cityId: city.id,
    districts: { created: 0, existing: 0 },
    units: 0,
    users: 0,
    userRoles: 0,
    passwordsRefreshed: 0,
    hashMs: 0,
    pipeline: null,
    totalMs: 0,
  };

  for (let n = 1; n <= DISTRICT_COUNT; n++) {
    const plan = planDistrict(n, seed);
    if (existing.has(plan.name)) {
      report.districts.existing++;
      continue;
    }
    if (!passwordHash) {
      const t = performance.now();
      passwordHash = await hashPassword(BENCH_PASSWORD);
      hashMs = performance.now() - t;
    }
    const hash = passwordHash;
    const counts = await db.transaction().execute((trx) => insertDistrict(trx, city.id, n, plan, hash, at));
    report.districts.created++;
    report.units += counts.units;
    report.users += counts.users;
    report.userRoles += counts.userRoles;
    log(`  ${districtPrefix(n)} ${plan.name}: ${counts.units} units, ${counts.users} users`);
  }

  // The default policy expires passwords after 90 days; an old bench dataset must not turn into 403s.
  const refreshed = await db
    .updateTable('users')
    .set({ passwordChangedAt: at })
    .where('districtId', 'in', (eb) => eb.selectFrom('regions').select('id').where('parentId', '=', city.id))
    .where('passwordChangedAt', '<', new Date(at.getTime() - 30 * 24 * 3_600_000))
    .executeTakeFirst();
  report.passwordsRefreshed = Number(refreshed.numUpdatedRows);
  report.hashMs = Math.round(hashMs);
  if (opts.pipeline !== false) {
    report.pipeline = await generatePipeline(db, { cityId: city.id, today: chinaToday(at), log });
  }
  report.totalMs = Math.round(performance.now() - started);
  return report;
}

/** Totals of the bench city as it stands (whether or not this run created it). */
export async function datasetCounts(db: Kysely<DB>) {
  const city = await db
    .selectFrom('regions')
    .select('id')
    .where('kind', '=', 'city')
    .where('code', '=', BENCH_CITY_CODE)
    .executeTakeFirst();
  if (!city) return null;
  const districts = db.selectFrom('regions').select('id').where('parentId', '=', city.id);
  const count = async (
    table:
      | 'units'
      | 'users'
      | 'userRoles'
      | 'enterprises'
      | 'projects'
      | 'leads'
      | 'capitalReports'
      | 'capitalSubmissions'
      | 'activities'
      | 'agreements'
      | 'milestones'
      | 'projectStageHistory'
      | 'attachments',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('districtId', 'in', districts)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const all = async (table: 'sessions' | 'loginAttempts' | 'auditLog') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    cityId: city.id,
    districts: Number(
      (
        await db
          .selectFrom('regions')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('parentId', '=', city.id)
          .executeTakeFirstOrThrow()
      ).n,
    ),
    units: await count('units'),
    users: await count('users'),
    userRoles: await count('userRoles'),
    enterprises: await count('enterprises'),
    projects: await count('projects'),
    leads: await count('leads'),
    capitalReports: await count('capitalReports'),
    capitalSubmissions: await count('capitalSubmissions'),
    activities: await count('activities'),
    agreements: await count('agreements'),
    milestones: await count('milestones'),
    projectStageHistory: await count('projectStageHistory'),
    attachments: await count('attachments'),
    databaseMB: Math.round(
      Number(
        (await sql<{ b: string }>`select pg_database_size(current_database())::text as b`.execute(db))
          .rows[0]!.b,
      ) /
        2 ** 20,
    ),
    sessions: await all('sessions'),
    loginAttempts: await all('loginAttempts'),
    auditLog: await all('auditLog'),
  };
}

/** The user's real data folder is never a bench folder. */
export function assertBenchDataDir(dir: string): string {
  const resolved = path.resolve(dir);
  const forbidden = [
    path.join(ROOT, 'data'),
    path.resolve('data'),
    process.env.DATA_DIR ? path.resolve(process.env.DATA_DIR) : null,
  ];
  if (forbidden.includes(resolved)) {
    throw new Error(
      `${resolved} is the application's own DATA_DIR; the bench keeps its city in a separate folder ` +
        `(default ${DEFAULT_BENCH_DATA_DIR}).`,
    );
  }
  return resolved;
}

async function main() {
  const { values } = parseArgs({
    options: {
      'data-dir': {
        type: 'string',
        default: process.env.BENCH_DATA_DIR ?? path.join(ROOT, DEFAULT_BENCH_DATA_DIR),
      },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
    },
  });
  const dataDir = assertBenchDataDir(values['data-dir']);
  // Only DATA_DIR: never the caller's DATABASE_URL, whatever their environment says.
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  console.log(`Bench dataset → embedded PostgreSQL in ${dataDir}`);
  const opened = await openDatabase(config, (level, msg) => {
    if (level !== 'debug') console.log(`  [database] ${msg}`);
  });
  try {
    const report = await generateDataset(opened.db, { seed: Number(values.seed), log: console.log });
    console.log(
      `Created ${report.districts.created} districts (${report.districts.existing} already present): ` +
        `${report.units} units, ${report.users} users, ${report.userRoles} role grants; ` +
        `password hash ${report.hashMs} ms, total ${report.totalMs} ms.`,
    );
    if (report.pipeline?.skipped) console.log('Pipeline already present: left as it is.');
    else if (report.pipeline) console.log('Pipeline:', report.pipeline);
    console.log('Dataset now:', await datasetCounts(opened.db));
  } finally {
    await opened.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

import type { Insertable, Transaction } from 'kysely';
import { chinaToday } from '../../../domain/dates.js';
import type { ActivitiesTable, DB } from '../../db/schema.js';
import { mulberry32 } from './demo-random.js';

// The demo district's visits, calls and meetings over the 24 months up to today: most units go out to see
// their investors (走访), receive them, phone and meet, with district leaders leading some trips; two towns
// mostly only phone — the speech's complaint — so the /activities table has something to point at. Seeded
// PRNG, so every demo is the same for the same setup day; rows go in a couple of thousand at a time.

const MONTHS = 24;
const CHUNK = 2000;
const DAY_MS = 86_400_000;

const PLACES_OUT = [
  '北京市朝阳区',
  '北京市海淀区',
  '天津市滨海新区',
  '上海市浦东新区',
  '江苏省苏州市',
  '浙江省宁波市',
  '广东省深圳市',
  '山东省济南市',
  '河北省廊坊市（经洽会）',
  '河北省石家庄市',
];
const TEAMS = ['主要负责人、招商办主任', '分管负责人、招商专员', '招商办主任、项目专员'];
const LEADERS = ['区长（演示）', '分管副区长（演示）'];
const SUMMARY: Record<ActivitiesTable['kind'], string[]> = {
  visit_out: [
    '赴企业总部拜访，介绍园区配套和用地条件',
    '上门对接投资方，商谈项目选址与建设周期',
    '走访企业生产基地，了解扩产计划',
    '参加推介活动后登门拜访，跟进投资意向',
  ],
  visit_in: [
    '企业负责人来区考察选址',
    '投资方来访，实地查看标准厂房',
    '企业技术团队来访，对接环评与能评要求',
  ],
  call: ['电话跟进项目进展', '电话沟通用地指标和审批材料', '电话了解企业决策进度', '电话确认来访行程'],
  meeting: ['召开项目推进会，协调手续办理', '与企业洽谈投资协议条款', '专班会商项目落地问题'],
};

const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

export async function loadDemoActivities(
  trx: Transaction<DB>,
  o: { districtId: string; units: { id: string; kind: string }[]; now: Date },
): Promise<{ activities: number }> {
  const rand = mulberry32(20_261_201);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const today = chinaToday(o.now);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const windowStart = dayMs(`${new Date(Date.UTC(y, m - MONTHS, 1)).toISOString().slice(0, 7)}-01`);
  const end = dayMs(today);

  // The three last towns have no projects (交白卷, see demo-pipeline); the two before them phone.
  const towns = o.units.filter((u) => u.kind === 'town');
  const phoning = new Set(towns.slice(-5, -3).map((u) => u.id));

  const reporters = new Map(
    (
      await trx
        .selectFrom('users as u')
        .innerJoin('userRoles as r', 'r.userId', 'u.id')
        .select(['u.unitId', 'u.id'])
        .where('u.districtId', '=', o.districtId)
        .where('r.role', '=', 'unit_reporter')
        .orderBy('u.username')
        .execute()
    ).map((r) => [r.unitId, r.id]),
  );

  const projects = await trx
    .selectFrom('projects as p')
    .innerJoin('projectStageHistory as h', (j) =>
      j.onRef('h.projectId', '=', 'p.id').on('h.fromStage', 'is', null),
    )
    .select(['p.id', 'p.unitId', 'p.stage', 'h.effectiveDate as since'])
    .where('p.districtId', '=', o.districtId)
    .orderBy('p.name')
    .execute();

  const rows: Insertable<ActivitiesTable>[] = [];
  for (const p of projects) {
    const lag = phoning.has(p.unitId);
    // Work on a project starts a few months before it enters the pipeline and is busiest while negotiating.
    const from = Math.max(windowStart, dayMs(p.since) - 90 * DAY_MS);
    if (from > end) continue;
    const perMonth =
      p.stage === 'negotiating' ? 1.6 : p.stage === 'withdrawn' || p.stage === 'paused' ? 0.3 : 0.8;
    const count = Math.round(((end - from) / (30 * DAY_MS)) * perMonth * (0.5 + rand()));
    for (let i = 0; i < count; i++) {
      const r = rand();
      const kind: ActivitiesTable['kind'] = lag
        ? r < 0.86
          ? 'call'
          : r < 0.9
            ? 'visit_out'
            : r < 0.95
              ? 'visit_in'
              : 'meeting'
        : r < 0.38
          ? 'visit_out'
          : r < 0.7
            ? 'call'
            : r < 0.86
              ? 'visit_in'
              : 'meeting';
      const occurredOn = toDay(from + Math.floor(rand() * ((end - from) / DAY_MS + 1)) * DAY_MS);
      const led = kind === 'visit_out' && !lag && rand() < 0.22;
      const participants =
        kind === 'call' ? null : led ? `${pick(LEADERS)}带队，${pick(TEAMS)}` : pick(TEAMS);
      rows.push({
        districtId: o.districtId,
        unitId: p.unitId,
        projectId: p.id,
        leadId: null,
        kind,
        occurredOn,
        place:
          kind === 'visit_out'
            ? pick(PLACES_OUT)
            : kind === 'visit_in'
              ? '本单位及项目选址地块'
              : kind === 'meeting'
                ? '区投资促进中心会议室'
                : null,
        participants,
        ledByLeader: led,
        summary: `${pick(SUMMARY[kind])}（演示）`,
        createdBy: reporters.get(p.unitId) ?? null,
        // Recorded the next working morning, so none of it is still open to correction.
        createdAt: new Date(
          Math.min(Date.parse(`${toDay(dayMs(occurredOn) + DAY_MS)}T09:30:00+08:00`), o.now.getTime()),
        ),
      });
    }
  }
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto('activities')
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
  return { activities: rows.length };
}

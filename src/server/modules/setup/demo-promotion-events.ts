import type { Transaction } from 'kysely';
import { addDays, chinaToday } from '../../../domain/dates.js';
import type { EventKind } from '../../../domain/network/network-codes.js';
import { searchTextOf } from '../../../domain/search/search-text.js';
import type { DB } from '../../db/schema.js';
import { mulberry32 } from './demo-random.js';

// The demo district's 招商活动 over 2025–2026: the 廊坊经洽会 both years, 进博会, 投洽会, 数博会, trips to 北京 and
// 深圳 led by district leaders, the district's own 紧固件 promotion meeting, a forum and incoming delegations, and
// one trip still to come (the calendar's December). Each past event met a few of the demo's enterprises; the
// demo's leads of channel 'event' are credited to the latest event before they came in (with the meeting that
// produced them), their projects too, and projects of channel 'event' entered directly are credited to the
// latest event before their signing. Follow-up tasks: the older ones done, a few recent ones overdue.
// Leaders' names are invented. Seeded: the same demo every time.

interface Seed {
  kind: EventKind;
  name: string;
  startsOn: string;
  endsOn: string;
  place: string;
  organiser: string | null;
  /** 'center' or the index of a town */
  by: 'center' | number;
  participants: number[];
  leaders: string[];
  costYuan: number;
  personDays: number;
  summary: string;
}

const SEEDS: Seed[] = [
  {
    kind: 'trip_out',
    name: '赴北京京津产业转移对接招商',
    startsOn: '2025-03-12',
    endsOn: '2025-03-14',
    place: '北京市',
    organiser: null,
    by: 0,
    participants: [1],
    leaders: ['王振东'],
    costYuan: 45_000,
    personDays: 12,
    summary: '走访在京央企总部和北京洺水商会会员企业，对接京津产业转移项目。',
  },
  {
    kind: 'expo',
    name: '2025廊坊经洽会',
    startsOn: '2025-05-17',
    endsOn: '2025-05-20',
    place: '廊坊国际会展中心',
    organiser: '河北省人民政府',
    by: 'center',
    participants: [0, 2, 3],
    leaders: ['王振东', '刘文博'],
    costYuan: 380_000,
    personDays: 40,
    summary: '设洺水紧固件特色展区，举办专场签约仪式。',
  },
  {
    kind: 'trip_out',
    name: '赴深圳招商（电子信息、智能装备）',
    startsOn: '2025-07-22',
    endsOn: '2025-07-25',
    place: '深圳市',
    organiser: null,
    by: 1,
    participants: [],
    leaders: ['刘文博'],
    costYuan: 68_000,
    personDays: 14,
    summary: '拜访深圳洺水商会，考察精密五金和智能装备企业。',
  },
  {
    kind: 'expo',
    name: '2025数博会',
    startsOn: '2025-08-28',
    endsOn: '2025-08-30',
    place: '贵阳国际生态会议中心',
    organiser: null,
    by: 'center',
    participants: [],
    leaders: [],
    costYuan: 120_000,
    personDays: 9,
    summary: '对接大数据、工业互联网企业。',
  },
  {
    kind: 'expo',
    name: '2025投洽会',
    startsOn: '2025-09-08',
    endsOn: '2025-09-11',
    place: '厦门国际会展中心',
    organiser: '商务部',
    by: 'center',
    participants: [2],
    leaders: [],
    costYuan: 180_000,
    personDays: 16,
    summary: '重点对接外资和港澳台资企业。',
  },
  {
    kind: 'promotion',
    name: '洺水紧固件产业招商推介会',
    startsOn: '2025-10-18',
    endsOn: '2025-10-18',
    place: '洺水区会展中心',
    organiser: '洺水区人民政府',
    by: 'center',
    participants: [0, 1, 2, 3],
    leaders: ['王振东', '刘文博'],
    costYuan: 150_000,
    personDays: 20,
    summary: '邀请全国紧固件经销商和上下游企业，推介高端标准件产业园。',
  },
  {
    kind: 'expo',
    name: '2025进博会',
    startsOn: '2025-11-05',
    endsOn: '2025-11-10',
    place: '国家会展中心（上海）',
    organiser: null,
    by: 'center',
    participants: [],
    leaders: ['刘文博'],
    costYuan: 260_000,
    personDays: 30,
    summary: '对接外资企业和进口设备供应商。',
  },
  {
    kind: 'delegation_in',
    name: '天津汽配企业考察团来访',
    startsOn: '2026-01-09',
    endsOn: '2026-01-09',
    place: '洺水区',
    organiser: '天津洺水商会',
    by: 2,
    participants: [],
    leaders: [],
    costYuan: 8_000,
    personDays: 3,
    summary: '考察团参观高端标准件产业园和两家链主企业。',
  },
  {
    kind: 'trip_out',
    name: '赴北京央企对接招商',
    startsOn: '2026-03-18',
    endsOn: '2026-03-20',
    place: '北京市',
    organiser: null,
    by: 0,
    participants: [3],
    leaders: ['陈思源'],
    costYuan: 52_000,
    personDays: 9,
    summary: '拜访三家央企总部，洽谈新能源装备配套项目。',
  },
  {
    kind: 'expo',
    name: '2026廊坊经洽会',
    startsOn: '2026-05-16',
    endsOn: '2026-05-19',
    place: '廊坊国际会展中心',
    organiser: '河北省人民政府',
    by: 'center',
    participants: [0, 1, 2],
    leaders: ['王振东', '陈思源'],
    costYuan: 400_000,
    personDays: 44,
    summary: '紧固件特色展区扩至两个展位，现场签约项目。',
  },
  {
    kind: 'forum',
    name: '京津冀紧固件产业协同发展论坛',
    startsOn: '2026-06-26',
    endsOn: '2026-06-27',
    place: '北京市',
    organiser: '冀南紧固件行业协会',
    by: 'center',
    participants: [3],
    leaders: [],
    costYuan: 90_000,
    personDays: 8,
    summary: '发布洺水紧固件产业链图谱和招商清单。',
  },
  {
    kind: 'expo',
    name: '2026投洽会',
    startsOn: '2026-09-08',
    endsOn: '2026-09-11',
    place: '厦门国际会展中心',
    organiser: '商务部',
    by: 'center',
    participants: [2],
    leaders: ['刘文博'],
    costYuan: 190_000,
    personDays: 15,
    summary: '对接外资企业。',
  },
  {
    kind: 'expo',
    name: '2026进博会',
    startsOn: '2026-11-05',
    endsOn: '2026-11-10',
    place: '国家会展中心（上海）',
    organiser: null,
    by: 'center',
    participants: [1],
    leaders: ['王振东'],
    costYuan: 270_000,
    personDays: 28,
    summary: '对接进口高端装备和外资企业。',
  },
  {
    kind: 'delegation_in',
    name: '深圳电子信息企业考察团来访',
    startsOn: '2026-11-20',
    endsOn: '2026-11-21',
    place: '洺水区',
    organiser: '深圳洺水商会',
    by: 1,
    participants: [],
    leaders: [],
    costYuan: 6_000,
    personDays: 4,
    summary: '参观智能装备园区，座谈落地条件。',
  },
  {
    kind: 'trip_out',
    name: '赴深圳招商（计划）',
    startsOn: '2026-12-15',
    endsOn: '2026-12-18',
    place: '深圳市',
    organiser: null,
    by: 3,
    participants: [0],
    leaders: ['陈思源'],
    costYuan: 0,
    personDays: 0,
    summary: '计划拜访深圳洺水商会和三家意向企业。',
  },
];

const TASKS = [
  '回访洽谈企业，跟进投资意向',
  '寄送园区和政策资料',
  '安排企业来洺实地考察',
  '报送活动成效总结',
];
const OWNERS = ['张明', '李娜', '赵磊', '孙伟', '周敏'];

export async function loadDemoPromotionEvents(
  trx: Transaction<DB>,
  o: { districtId: string; units: { id: string; kind: string }[]; userId: string; now: Date },
): Promise<{ events: number; meetings: number; creditedLeads: number }> {
  const rand = mulberry32(20261128);
  const today = chinaToday(o.now);
  const center = await trx
    .selectFrom('units')
    .select('id')
    .where('districtId', '=', o.districtId)
    .where('kind', '=', 'center')
    .executeTakeFirstOrThrow();
  const towns = o.units.filter((u) => u.kind === 'town').map((u) => u.id);
  const town = (i: number) => towns[i % Math.max(towns.length, 1)] ?? center.id;

  const events = await trx
    .insertInto('promotionEvents')
    .values(
      SEEDS.map((s) => {
        const unitId = s.by === 'center' ? center.id : town(s.by);
        return {
          districtId: o.districtId,
          unitId,
          kind: s.kind,
          name: s.name,
          startsOn: s.startsOn,
          endsOn: s.endsOn,
          place: s.place,
          organiser: s.organiser,
          participantUnitIds: [...new Set(s.participants.map(town))].filter((u) => u !== unitId),
          leaders: s.leaders,
          participants: s.leaders.length > 0 ? '区招商中心、相关乡镇和部门招商人员' : '招商人员',
          costYuan: s.costYuan > 0 ? String(s.costYuan) : null,
          personDays: s.personDays > 0 ? s.personDays : null,
          summary: s.summary,
          searchText: searchTextOf(s.name),
          createdBy: o.userId,
          createdAt: o.now,
          updatedAt: o.now,
        };
      }),
    )
    .returning(['id', 'unitId', 'startsOn', 'endsOn'])
    .execute();
  const past = events.filter((e) => e.startsOn <= today).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  /** The latest event that had begun by `day` (within half a year), or none. */
  const eventBefore = (day: string) =>
    [...past].reverse().find((e) => e.startsOn <= day && addDays(e.startsOn, 180) >= day) ?? null;

  // Leads of channel 'event' (and their projects) credited to the event they came from, with its meeting.
  const leads = await trx
    .selectFrom('leads')
    .select(['id', 'enterpriseId', 'receivedOn', 'projectId', 'title'])
    .where('districtId', '=', o.districtId)
    .where('channel', '=', 'event')
    .where('eventId', 'is', null)
    .orderBy('receivedOn')
    .orderBy('id')
    .execute();
  const meetings: {
    districtId: string;
    eventId: string;
    enterpriseId: string;
    metOn: string;
    contactPerson: string | null;
    notes: string | null;
    leadId: string | null;
    createdBy: string;
    createdAt: Date;
  }[] = [];
  const met = new Set<string>();
  let creditedLeads = 0;
  for (const l of leads) {
    const e = eventBefore(l.receivedOn);
    if (!e) continue;
    await trx.updateTable('leads').set({ eventId: e.id }).where('id', '=', l.id).execute();
    if (l.projectId)
      await trx.updateTable('projects').set({ eventId: e.id }).where('id', '=', l.projectId).execute();
    creditedLeads++;
    met.add(`${e.id}:${l.enterpriseId}`);
    meetings.push({
      districtId: o.districtId,
      eventId: e.id,
      enterpriseId: l.enterpriseId,
      metOn: l.receivedOn,
      contactPerson: `${OWNERS[Math.floor(rand() * OWNERS.length)]!.slice(0, 1)}总`,
      notes: `洽谈${l.title}，企业有意向，约定进一步考察。`,
      leadId: l.id,
      createdBy: o.userId,
      createdAt: o.now,
    });
  }
  // Projects of channel 'event' entered directly: the event before their signing.
  const projects = await trx
    .selectFrom('projects')
    .select(['id', 'signingDate'])
    .where('districtId', '=', o.districtId)
    .where('channel', '=', 'event')
    .where('leadId', 'is', null)
    .where('eventId', 'is', null)
    .where('signingDate', 'is not', null)
    .execute();
  for (const p of projects) {
    const e = eventBefore(p.signingDate!);
    if (e) await trx.updateTable('projects').set({ eventId: e.id }).where('id', '=', p.id).execute();
  }

  // A few more enterprises met at each past event, not (yet) a lead.
  const enterprises = await trx
    .selectFrom('enterprises')
    .select('id')
    .where('districtId', '=', o.districtId)
    .orderBy('name')
    .limit(60)
    .execute();
  for (const e of past) {
    const n = 1 + Math.floor(rand() * 3);
    for (let i = 0; i < n && enterprises.length > 0; i++) {
      const ent = enterprises[Math.floor(rand() * enterprises.length)]!;
      if (met.has(`${e.id}:${ent.id}`)) continue;
      met.add(`${e.id}:${ent.id}`);
      const metOn = e.endsOn <= today ? e.endsOn : e.startsOn;
      meetings.push({
        districtId: o.districtId,
        eventId: e.id,
        enterpriseId: ent.id,
        metOn,
        contactPerson: `${OWNERS[Math.floor(rand() * OWNERS.length)]!.slice(0, 1)}经理`,
        notes: ['了解园区用地和配套政策', '有扩产计划，关注标准厂房', '考虑在北方设立生产基地'][i % 3]!,
        leadId: null,
        createdBy: o.userId,
        createdAt: o.now,
      });
    }
  }
  if (meetings.length > 0) await trx.insertInto('eventMeetings').values(meetings).execute();

  // Follow-up tasks: due a fortnight to two months after the event; done when due more than a month ago, so the
  // recent events carry open ones (some overdue, some still ahead).
  const tasks = past.flatMap((e, i) =>
    [0, 1].map((k) => {
      const dueOn = addDays(e.endsOn, 14 + 21 * k);
      const done = addDays(dueOn, 30) < today;
      return {
        districtId: o.districtId,
        eventId: e.id,
        title: TASKS[(i + k) % TASKS.length]!,
        ownerUnitId: e.unitId,
        ownerName: OWNERS[(i + k) % OWNERS.length]!,
        dueOn,
        doneOn: done ? addDays(dueOn, -Math.floor(rand() * 5)) : null,
        note: null,
        createdBy: o.userId,
        createdAt: o.now,
        updatedAt: o.now,
      };
    }),
  );
  if (tasks.length > 0) await trx.insertInto('eventTasks').values(tasks).execute();
  return { events: events.length, meetings: meetings.length, creditedLeads };
}

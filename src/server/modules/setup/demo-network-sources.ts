import type { Transaction } from 'kysely';
import type { SourceKind } from '../../../domain/network/network-codes.js';
import type { Channel } from '../../../domain/projects/project-attributes.js';
import { searchTextOf } from '../../../domain/search/search-text.js';
import type { DB } from '../../db/schema.js';
import { mulberry32 } from './demo-random.js';

// The demo district's network (以商招商 / 以情招商 / 驻外招商): the 洺水商会 in 北京, 天津, 上海, 深圳 and 温州, the
// fastener association, 永年-style 紧固件 dealers all over the country, people from the district working
// elsewhere, two enterprises already invested here, and the liaison office in 北京. About 30 % of the demo's
// leads and projects that came through those channels are credited to a matching source; a converted lead and
// its project carry the same one. Every name and phone number is invented. Seeded: the same demo every time.

interface Seed {
  kind: SourceKind;
  name: string;
  regionCode: string;
  place: string;
  contactName: string;
  /** the center keeps the chambers, the association and the office; towns the dealers and people */
  byCenter: boolean;
}

const SEEDS: Seed[] = [
  {
    kind: 'chamber',
    name: '北京洺水商会',
    regionCode: '110000',
    place: '北京市丰台区',
    contactName: '王会长',
    byCenter: true,
  },
  {
    kind: 'chamber',
    name: '天津洺水商会',
    regionCode: '120000',
    place: '天津市西青区',
    contactName: '李会长',
    byCenter: true,
  },
  {
    kind: 'chamber',
    name: '上海洺水商会',
    regionCode: '310000',
    place: '上海市嘉定区',
    contactName: '张秘书长',
    byCenter: true,
  },
  {
    kind: 'chamber',
    name: '深圳洺水商会',
    regionCode: '440300',
    place: '深圳市宝安区',
    contactName: '陈会长',
    byCenter: true,
  },
  {
    kind: 'chamber',
    name: '温州洺水商会',
    regionCode: '330300',
    place: '温州市瓯海区',
    contactName: '赵会长',
    byCenter: true,
  },
  {
    kind: 'association',
    name: '冀南紧固件行业协会',
    regionCode: '130400',
    place: '邯郸市',
    contactName: '刘秘书长',
    byCenter: true,
  },
  {
    kind: 'dealer',
    name: '广州永固紧固件经销部',
    regionCode: '440100',
    place: '广州市白云区五金城',
    contactName: '郭经理',
    byCenter: false,
  },
  {
    kind: 'dealer',
    name: '成都华固标准件商行',
    regionCode: '510100',
    place: '成都市金牛区',
    contactName: '杨经理',
    byCenter: false,
  },
  {
    kind: 'dealer',
    name: '郑州中原紧固件批发中心',
    regionCode: '410100',
    place: '郑州市管城区',
    contactName: '马经理',
    byCenter: false,
  },
  {
    kind: 'dealer',
    name: '沈阳北方五金紧固件经销处',
    regionCode: '210100',
    place: '沈阳市铁西区',
    contactName: '高经理',
    byCenter: false,
  },
  {
    kind: 'dealer',
    name: '西安秦固标准件经销部',
    regionCode: '610100',
    place: '西安市未央区',
    contactName: '冯经理',
    byCenter: false,
  },
  {
    kind: 'person_outside',
    name: '赵明远（在苏州从事精密机械）',
    regionCode: '320500',
    place: '苏州市',
    contactName: '赵明远',
    byCenter: false,
  },
  {
    kind: 'person_outside',
    name: '孙立华（在杭州从事电商）',
    regionCode: '330100',
    place: '杭州市',
    contactName: '孙立华',
    byCenter: false,
  },
  {
    kind: 'person_outside',
    name: '周海涛（在北京从事投资咨询）',
    regionCode: '110000',
    place: '北京市朝阳区',
    contactName: '周海涛',
    byCenter: false,
  },
  {
    kind: 'office_outside',
    name: '洺水区驻北京招商联络处',
    regionCode: '110000',
    place: '北京市西城区',
    contactName: '韩主任',
    byCenter: true,
  },
];

/** Which kinds of source a channel's lead may have come through. */
const MATCHING: Partial<Record<Channel, SourceKind[]>> = {
  via_business: ['chamber', 'association', 'dealer', 'invested_enterprise'],
  kinship: ['chamber', 'person_outside'],
  resident: ['office_outside'],
};
const CREDITED_SHARE = 0.3;

export async function loadDemoNetworkSources(
  trx: Transaction<DB>,
  o: { districtId: string; units: { id: string; kind: string }[]; userId: string; now: Date },
): Promise<{ sources: number; credited: number }> {
  const rand = mulberry32(20261107);
  const center = await trx
    .selectFrom('units')
    .select('id')
    .where('districtId', '=', o.districtId)
    .where('kind', '=', 'center')
    .executeTakeFirstOrThrow();
  const towns = o.units.filter((u) => u.kind === 'town');
  const townAt = (i: number) => (towns.length > 0 ? towns[i % towns.length]!.id : center.id);
  // Two enterprises already producing here, recruiting their suppliers and partners (以商招商).
  const invested = await trx
    .selectFrom('projects as p')
    .innerJoin('enterprises as e', 'e.id', 'p.enterpriseId')
    .select(['e.id', 'e.name', 'p.unitId'])
    .where('p.districtId', '=', o.districtId)
    .where('p.stage', 'in', ['started', 'producing'])
    .orderBy('e.name')
    .limit(2)
    .execute();

  const base = {
    districtId: o.districtId,
    country: null,
    liaison: null,
    note: null,
    createdBy: o.userId,
    createdAt: o.now,
    updatedAt: o.now,
  };
  const rows = [
    ...SEEDS.map((s, i) => ({
      ...base,
      unitId: s.byCenter ? center.id : townAt(i),
      kind: s.kind,
      name: s.name,
      regionCode: s.regionCode,
      place: s.place,
      enterpriseId: null,
      contactName: s.contactName,
      contactPhone: `1390310${String(1000 + i).slice(-4)}`,
      searchText: searchTextOf(s.name),
    })),
    ...invested.map((e, i) => ({
      ...base,
      unitId: e.unitId,
      kind: 'invested_enterprise' as const,
      name: e.name,
      regionCode: null,
      place: '洺水区',
      enterpriseId: e.id,
      contactName: '办公室主任',
      contactPhone: `1390320${String(1000 + i).slice(-4)}`,
      searchText: searchTextOf(e.name),
    })),
  ];
  const sources = await trx.insertInto('networkSources').values(rows).returning(['id', 'kind']).execute();
  const byKind = new Map<string, string[]>();
  for (const s of sources) byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s.id]);
  const pick = (channel: Channel): string | null => {
    const ids = (MATCHING[channel] ?? []).flatMap((k) => byKind.get(k) ?? []);
    return ids.length > 0 ? ids[Math.floor(rand() * ids.length)]! : null;
  };

  const channels = Object.keys(MATCHING) as Channel[];
  // Leads first (a converted lead's project takes its lead's source), then projects entered directly.
  const leads = await trx
    .selectFrom('leads')
    .select(['id', 'channel', 'projectId'])
    .where('districtId', '=', o.districtId)
    .where('channel', 'in', channels)
    .orderBy('receivedOn')
    .orderBy('title')
    .orderBy('id')
    .execute();
  const assign = new Map<string, { leads: string[]; projects: string[] }>();
  const add = (sourceId: string, what: 'leads' | 'projects', id: string) => {
    const a = assign.get(sourceId) ?? { leads: [], projects: [] };
    a[what].push(id);
    assign.set(sourceId, a);
  };
  const creditedProjects = new Set<string>();
  let credited = 0;
  for (const l of leads) {
    if (rand() >= CREDITED_SHARE) continue;
    const sourceId = pick(l.channel as Channel);
    if (!sourceId) continue;
    add(sourceId, 'leads', l.id);
    credited++;
    if (l.projectId) {
      add(sourceId, 'projects', l.projectId);
      creditedProjects.add(l.projectId);
    }
  }
  const projects = await trx
    .selectFrom('projects')
    .select(['id', 'channel'])
    .where('districtId', '=', o.districtId)
    .where('channel', 'in', channels)
    .where('leadId', 'is', null)
    .orderBy('createdAt')
    .orderBy('name')
    .orderBy('id')
    .execute();
  for (const p of projects) {
    if (creditedProjects.has(p.id) || rand() >= CREDITED_SHARE) continue;
    const sourceId = pick(p.channel as Channel);
    if (!sourceId) continue;
    add(sourceId, 'projects', p.id);
    credited++;
  }
  // One update per source and table: a few dozen statements, not one per record.
  for (const [sourceId, a] of assign) {
    if (a.leads.length > 0) {
      await trx.updateTable('leads').set({ referralSourceId: sourceId }).where('id', 'in', a.leads).execute();
    }
    if (a.projects.length > 0) {
      await trx
        .updateTable('projects')
        .set({ referralSourceId: sourceId })
        .where('id', 'in', a.projects)
        .execute();
    }
  }
  return { sources: sources.length, credited };
}

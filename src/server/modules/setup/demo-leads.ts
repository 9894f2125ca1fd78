import { type Insertable, sql, type Transaction } from 'kysely';
import { addDays, chinaToday } from '../../../domain/dates.js';
import { normalizeEnterpriseName } from '../../../domain/enterprises/enterprise-name.js';
import {
  LEAD_CHANNELS,
  type LeadChannel,
  type LeadEventKind,
  SCREENING_DIMENSIONS,
  type ScreeningScores,
} from '../../../domain/leads/leads.schemas.js';
import { searchTextOf } from '../../../domain/search/search-text.js';
import type { DB, LeadEventsTable } from '../../db/schema.js';
import { mulberry32 } from './demo-random.js';

// The demo district's 招商线索: about 250 leads over every channel and status. Some 40 % became the demo's
// projects (linked both ways, the lead's history ending in 转为项目); the rest are new (a few late to respond or
// screen), followed (a few late with their fortnightly report), or declined with a reason; some are shared with
// every unit. Four fresh enterprises are chased by two towns at once (one already settled by co-credit); the
// pipeline's older multi-unit enterprises are taken as settled, each to the unit that entered it first.
// Seeded PRNG: every demo is the same for the same setup day. Every name is invented.

const PREFIXES = [
  '华北',
  '中原',
  '东方',
  '北方',
  '金鼎',
  '永固',
  '德力',
  '海川',
  '天宇',
  '广联',
  '信达',
  '兴业',
  '嘉禾',
  '泰和',
  '正道',
  '宏图',
];
const TRADES: { word: string; chain: string; industry: string; titles: string[] }[] = [
  {
    word: '紧固件',
    chain: '高端标准件/紧固件',
    industry: 'C33',
    titles: ['年产{n}万吨高强度紧固件项目', '精密冷镦件扩产项目', '紧固件表面处理中心项目'],
  },
  {
    word: '精密机械',
    chain: '装备制造',
    industry: 'C34',
    titles: ['数控机床零部件项目', '智能装备制造基地项目', '液压件生产线项目'],
  },
  {
    word: '新能源科技',
    chain: '新能源',
    industry: 'C38',
    titles: ['储能电池组装项目', '分布式光伏配套项目', '氢能装备零部件项目'],
  },
  { word: '新材料', chain: '高新技术', industry: 'C30', titles: ['特种合金材料项目', '高性能复合材料项目'] },
  {
    word: '农业发展',
    chain: '现代农业',
    industry: 'A01',
    titles: ['设施蔬菜产业园项目', '特色农产品深加工项目'],
  },
  {
    word: '文旅发展',
    chain: '文化旅游',
    industry: 'R87',
    titles: ['乡村文旅综合体项目', '研学旅游基地项目'],
  },
  {
    word: '供应链管理',
    chain: '现代服务业',
    industry: 'G59',
    titles: ['冷链物流园项目', '标准件电商供应链中心项目'],
  },
];
const REFERRERS: Record<LeadChannel, string[]> = {
  targeted: ['区投促中心定向对接', '产业链招商专班'],
  via_business: ['区紧固件商会引荐', '已落地企业负责人推荐', '区工商联推荐'],
  resident: ['驻京招商联络处', '驻沪招商联络处', '驻深招商联络处'],
  kinship: ['在京老乡联谊会', '在津同乡商会', '在外人才联络站'],
  event: ['廊坊经洽会', '进博会对接活动', '京津冀产业转移对接会'],
  self: ['企业来电咨询', '企业来访洽谈'],
  assigned: ['市投促局交办', '省商务厅推送'],
};
const DECLINE_REASONS = [
  '能耗较高，不符合绿色发展方向',
  '投资强度达不到入园标准',
  '企业资金实力不足，投资意向不明确',
  '与本区主导产业关联度低',
  '环保要求高，选址无法满足',
];
const REPORT_NOTES = [
  '企业来区实地考察选址',
  '双方就用地和厂房方案深入洽谈',
  '企业内部决策中，保持沟通',
  '对接政策需求，整理诉求清单',
];

const STATUS_MIX = [
  ['new', 0.33],
  ['following', 0.7],
  ['declined', 1],
] as const;

export async function loadDemoLeads(
  trx: Transaction<DB>,
  o: {
    districtId: string;
    units: { id: string; kind: string; name: string }[];
    userId: string;
    username: string;
    now: Date;
  },
): Promise<{ leads: number }> {
  const rand = mulberry32(20_261_201);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const today = chinaToday(o.now);
  const at = o.now;
  const towns = o.units.filter((u) => u.kind === 'town');
  const owners = o.units.filter((u) => u.kind === 'town' || u.kind === 'park' || u.kind === 'team');
  const events: Insertable<LeadEventsTable>[] = [];
  const event = (leadId: string, kind: LeadEventKind, onDate: string, note: string | null = null) =>
    events.push({
      districtId: o.districtId,
      leadId,
      kind,
      onDate,
      note,
      userId: o.userId,
      username: o.username,
      at,
    });
  const scores = (good: boolean): ScreeningScores =>
    Object.fromEntries(SCREENING_DIMENSIONS.map((d) => [d, good ? int(3, 5) : int(1, 4)])) as ScreeningScores;
  const total = (s: ScreeningScores) => SCREENING_DIMENSIONS.reduce((n, d) => n + s[d], 0);
  let leads = 0;

  async function insertLead(v: {
    unitId: string;
    enterpriseId: string;
    title: string;
    channel: LeadChannel;
    status: 'new' | 'following' | 'declined' | 'converted';
    receivedOn: string;
    respondedOn?: string | null;
    screenedOn?: string | null;
    fedBackOn?: string | null;
    lastReportedOn?: string | null;
    chain: string | null;
    industry: string | null;
    amountYuan: string | null;
    projectId?: string | null;
    shared?: boolean;
  }) {
    const s = v.screenedOn ? scores(v.status !== 'declined') : null;
    const declineReason = v.status === 'declined' ? pick(DECLINE_REASONS) : null;
    const row = await trx
      .insertInto('leads')
      .values({
        districtId: o.districtId,
        unitId: v.unitId,
        enterpriseId: v.enterpriseId,
        title: v.title,
        channel: v.channel,
        referrer: pick(REFERRERS[v.channel]),
        intention: `企业有意在我区投资建设${v.title.replace(/项目（\d+）$|项目$/, '')}，希望了解用地、厂房及扶持政策。`,
        intendedAmountYuan: v.amountYuan,
        industryDivision: v.industry,
        chain: v.chain,
        siteNeeds: rand() < 0.6 ? `需工业用地约${int(20, 200)}亩或标准厂房${int(2, 20)}千平方米` : null,
        supportAsked: rand() < 0.4 ? '希望协调办理环评、能评等手续' : null,
        receivedOn: v.receivedOn,
        respondedOn: v.respondedOn ?? null,
        fedBackOn: v.fedBackOn ?? null,
        lastReportedOn: v.lastReportedOn ?? null,
        status: v.status,
        screeningScores: s ? JSON.stringify(s) : null,
        screeningTotal: s ? total(s) : null,
        screenedOn: v.screenedOn ?? null,
        screenedBy: v.screenedOn ? o.userId : null,
        declineReason,
        shared: v.shared ?? false,
        projectId: v.projectId ?? null,
        searchText: searchTextOf(v.title),
        createdBy: o.userId,
        createdAt: at,
        updatedAt: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    leads++;
    event(row.id, 'created', v.receivedOn);
    if (v.respondedOn) event(row.id, 'responded', v.respondedOn, '已与企业取得联系');
    if (v.screenedOn && s)
      event(row.id, 'screened', v.screenedOn, [`${total(s)}/40`, declineReason].filter(Boolean).join(' · '));
    if (v.fedBackOn) event(row.id, 'fed_back', v.fedBackOn, '已向信息提供方反馈研判结果');
    if (v.lastReportedOn) event(row.id, 'reported', v.lastReportedOn, pick(REPORT_NOTES));
    if (v.shared) event(row.id, 'shared', v.receivedOn);
    return row.id;
  }

  // 1. The demo's projects: about 100 of them came from a lead of the same unit and enterprise.
  const projects = await trx
    .selectFrom('projects as p')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('projectStageHistory')
          .select(['projectId', sql<string>`min(effective_date)::text`.as('firstDay')])
          .groupBy('projectId')
          .as('h'),
      (j) => j.onRef('h.projectId', '=', 'p.id'),
    )
    .select([
      'p.id',
      'p.unitId',
      'p.enterpriseId',
      'p.name',
      'p.chain',
      'p.industryDivision',
      'p.plannedTotalYuan',
      'p.channel',
      'h.firstDay',
    ])
    .where('p.districtId', '=', o.districtId)
    .where('p.enterpriseId', 'is not', null)
    .orderBy('p.name')
    .execute();
  const converted = projects.filter(() => rand() < 0.32).slice(0, 100);
  for (const p of converted) {
    const convertedOn = p.firstDay ?? addDays(today, -30);
    const receivedOn = addDays(convertedOn, -int(20, 90));
    const respondedOn = addDays(receivedOn, int(0, 1));
    const screenedOn = addDays(receivedOn, int(1, 4));
    const channel = (p.channel as LeadChannel | null) ?? pick(LEAD_CHANNELS);
    const id = await insertLead({
      unitId: p.unitId,
      enterpriseId: p.enterpriseId!,
      title: p.name,
      channel,
      status: 'converted',
      receivedOn,
      respondedOn,
      screenedOn,
      fedBackOn: addDays(screenedOn, int(0, 3)),
      lastReportedOn: addDays(convertedOn, -int(1, 10)),
      chain: p.chain,
      industry: p.industryDivision,
      amountYuan: p.plannedTotalYuan,
      projectId: p.id,
    });
    event(id, 'converted', convertedOn, p.name);
    await trx.updateTable('projects').set({ leadId: id, channel }).where('id', '=', p.id).execute();
  }

  // 2. Leads still with the units, each about an enterprise of its own (new to the address book).
  const known = new Set(
    (
      await trx.selectFrom('enterprises').select('nameKey').where('districtId', '=', o.districtId).execute()
    ).map((e) => e.nameKey),
  );
  async function newEnterprise(trade: (typeof TRADES)[number]) {
    for (;;) {
      const name = `${pick(PREFIXES)}${pick(['恒', '盛', '瑞', '达', '通', '鑫', '昌', '润'])}${trade.word}${rand() < 0.2 ? '股份有限公司' : '有限公司'}`;
      const nameKey = normalizeEnterpriseName(name);
      if (known.has(nameKey)) continue;
      known.add(nameKey);
      const row = await trx
        .insertInto('enterprises')
        .values({
          districtId: o.districtId,
          name,
          nameKey,
          creditCode: null,
          kinds: rand() < 0.1 ? ['listed'] : [],
          originRegionCode: null,
          originCountry: null,
          industryDivision: trade.industry,
          contactName: null,
          contactPhone: null,
          searchText: searchTextOf(name),
          createdBy: o.userId,
          createdAt: at,
          updatedAt: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    }
  }

  const open: { enterpriseId: string; unitId: string; trade: (typeof TRADES)[number]; title: string }[] = [];
  for (let i = 0; i < 150; i++) {
    const trade = pick(TRADES);
    const r = rand();
    const status = STATUS_MIX.find(([, p]) => r < p)![0];
    const unit = pick(owners);
    const enterpriseId = await newEnterprise(trade);
    const title = pick(trade.titles).replace('{n}', String(int(1, 20)));
    const amountYuan = String(int(5, 500) * 1_000_000);
    const channel = pick(LEAD_CHANNELS);
    const shared = rand() < 0.12;
    if (status === 'new') {
      // Mostly this week; one in four late to respond or to screen.
      const receivedOn = addDays(today, -int(0, rand() < 0.25 ? 9 : 2));
      const respondedOn = rand() < 0.5 && receivedOn < today ? addDays(receivedOn, 1) : null;
      await insertLead({
        unitId: unit.id,
        enterpriseId,
        title,
        channel,
        status,
        receivedOn,
        respondedOn,
        chain: trade.chain,
        industry: trade.industry,
        amountYuan,
        shared,
      });
      open.push({ enterpriseId, unitId: unit.id, trade, title });
    } else {
      const receivedOn = addDays(today, -int(15, 200));
      const screenedOn = addDays(receivedOn, int(1, 5));
      // Most report within the fortnight; one in five is late.
      const lastReportedOn =
        status === 'following' ? addDays(today, -(rand() < 0.2 ? int(16, 40) : int(0, 13))) : null;
      await insertLead({
        unitId: unit.id,
        enterpriseId,
        title,
        channel,
        status,
        receivedOn,
        respondedOn: addDays(receivedOn, int(0, 2)),
        screenedOn,
        fedBackOn: rand() < 0.9 ? addDays(screenedOn, int(0, 6)) : null,
        lastReportedOn: lastReportedOn && lastReportedOn > screenedOn ? lastReportedOn : null,
        chain: trade.chain,
        industry: trade.industry,
        amountYuan,
        shared,
      });
      if (status === 'following') open.push({ enterpriseId, unitId: unit.id, trade, title });
    }
  }

  // 3. Four enterprises another town chases too; the first is already settled 60/40 by the center.
  const contested = open.filter((x) => towns.some((t) => t.id === x.unitId)).slice(0, 4);
  for (const [i, c] of contested.entries()) {
    const other =
      towns.find((t) => t.id !== c.unitId && towns.indexOf(t) % 4 === i) ??
      towns.find((t) => t.id !== c.unitId)!;
    await insertLead({
      unitId: other.id,
      enterpriseId: c.enterpriseId,
      title: `${c.title.replace(/项目$/, '')}（二期）项目`,
      channel: 'kinship',
      status: 'new',
      receivedOn: addDays(today, -int(0, 2)),
      chain: c.trade.chain,
      industry: c.trade.industry,
      amountYuan: String(int(50, 300) * 1_000_000),
    });
    if (i === 0) {
      await trx
        .insertInto('creditResolutions')
        .values({
          districtId: o.districtId,
          enterpriseId: c.enterpriseId,
          kind: 'co_credit',
          primaryUnitId: null,
          shares: JSON.stringify([
            { unitId: c.unitId, basisPoints: 6000 },
            { unitId: other.id, basisPoints: 4000 },
          ]),
          unitIds: [c.unitId, other.id],
          note: '两镇共同对接，按六四比例共同计分',
          resolvedBy: o.userId,
          resolvedAt: at,
        })
        .execute();
    }
  }

  // 4. Older enterprises the pipeline gave to several units count as settled: the first unit (in the
  // district's unit order) is primary, and their projects are credited to it explicitly.
  const multi = await sql<{ enterpriseId: string; unitIds: string[] }>`
    select p.enterprise_id, array_agg(distinct p.unit_id) as unit_ids
    from projects p
    where p.district_id = ${o.districtId} and p.enterprise_id is not null and p.stage <> 'withdrawn'
    group by p.enterprise_id
    having count(distinct p.unit_id) >= 2
  `.execute(trx);
  const order = new Map(o.units.map((u, i) => [u.id, i]));
  for (const m of multi.rows) {
    const primary = [...m.unitIds].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))[0]!;
    await trx
      .insertInto('creditResolutions')
      .values({
        districtId: o.districtId,
        enterpriseId: m.enterpriseId,
        kind: 'primary',
        primaryUnitId: primary,
        shares: null,
        unitIds: m.unitIds,
        note: '历史项目，按首报单位计分',
        resolvedBy: o.userId,
        resolvedAt: at,
      })
      .execute();
    await sql`
      insert into project_credit_shares (project_id, unit_id, district_id, basis_points)
      select id, ${primary}, district_id, 10000 from projects
      where district_id = ${o.districtId} and enterprise_id = ${m.enterpriseId} and stage <> 'withdrawn'
    `.execute(trx);
  }

  for (let i = 0; i < events.length; i += 2000) {
    await trx
      .insertInto('leadEvents')
      .values(events.slice(i, i + 2000))
      .execute();
  }
  return { leads };
}

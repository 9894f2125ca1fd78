import type { Transaction } from 'kysely';
import { addDays, chinaToday } from '../../../domain/dates.js';
import type { EnterpriseKind } from '../../../domain/enterprises/enterprises.schemas.js';
import {
  TARGET_STATUS_LABELS,
  type TargetEventKind,
  type TargetStatus,
  type TargetTag,
} from '../../../domain/network/network-codes.js';
import type { DB } from '../../db/schema.js';
import { findOrCreateEnterprises } from '../enterprises/enterprises.bulk.js';
import { mulberry32 } from './demo-random.js';

// The demo district's 目标企业库: about 25 enterprises to pursue, spread over towns, parks and the two 专班, each
// with tags, a plan (一企一策) and a short history. About 18 are invented enterprises not yet in the pipeline
// (some placed on the gap links of the demo chains, some with a next step already overdue); the rest are demo
// enterprises the unit already has a lead or project with, so the list shows 已有线索/项目. Every name is
// invented; no ranking's contents. Runs after the pipeline, leads and chains demos (links are found by name; a
// link that does not exist leaves the target off the chain).

interface Spec {
  name: string;
  tags: TargetTag[];
  unit: string;
  link?: string;
  status: TargetStatus;
  key?: boolean;
  leader?: string;
  approach: string;
  contacts?: string;
  offer?: string;
  nextStep?: string;
  /** Days from today for the next step (negative: overdue). */
  nextIn?: number;
}

const KINDS: Partial<Record<TargetTag, EnterpriseKind>> = {
  fortune500: 'fortune500',
  china500: 'china500',
  central_soe: 'central_soe',
  provincial_soe: 'provincial_soe',
  private_top500: 'private_top500',
  listed: 'listed',
  specialised: 'specialized',
  industry_leader: 'leader',
  foreign: 'foreign',
};

const NEW_TARGETS: Spec[] = [
  {
    name: '中冀轨道装备集团有限公司',
    tags: ['central_soe', 'china500'],
    unit: '紧固件产业链招商专班',
    link: '轨道交通紧固件',
    status: 'contacting',
    key: true,
    leader: '分管副区长（演示）',
    approach:
      '补链：轨道交通紧固件无在区企业。争取其扣件配套基地落户标准件产业园，以链主订单带动本地冷镦企业。',
    contacts: '采购中心负责人（姓名待确认）',
    offer: '产业园标准化厂房 2 万平方米，首年租金减免；检测中心共享',
    nextStep: '赴京拜访采购中心',
    nextIn: 12,
  },
  {
    name: '华锐风电连接件股份有限公司',
    tags: ['listed', 'specialised'],
    unit: '高端标准件产业园',
    link: '风电紧固件',
    status: 'visited',
    key: true,
    leader: '区长（演示）',
    approach: '以商招商：经北京洺水商会引荐，对接其北方生产基地选址。',
    contacts: '董事会秘书；北方区域总经理',
    offer: '工业用地 80 亩，热处理、表面处理园区配套',
    nextStep: '邀请来洺考察',
    nextIn: -6,
  },
  {
    name: '德固精密模具有限公司',
    tags: ['specialised'],
    unit: '东阳镇',
    link: '模具',
    status: 'researching',
    approach: '补链：冷镦模具依赖外购，研究其在京津的产能转移意向。',
    nextStep: '收集企业资料，形成研判报告',
    nextIn: 20,
  },
  {
    name: '北辰检测认证集团有限公司',
    tags: ['central_soe'],
    unit: '经济开发区',
    link: '检测认证',
    status: 'negotiating',
    key: true,
    leader: '分管副区长（演示）',
    approach: '补链：引进紧固件检测分中心，服务全区企业出口认证。',
    contacts: '华北分公司总经理',
    offer: '开发区科创楼 3000 平方米，三年房租补贴',
    nextStep: '商定合作框架协议文本',
    nextIn: 5,
  },
  {
    name: '瀚海汽车零部件集团有限公司',
    tags: ['private_top500', 'industry_leader'],
    unit: '城东街道',
    link: '汽车紧固件',
    status: 'contacting',
    approach: '以情招商：集团副总为洺水籍，经在京洺水人联谊会联络。',
    contacts: '集团副总经理（洺水籍）',
    nextStep: '春节返乡期间座谈',
    nextIn: -15,
  },
  {
    name: '恒晟电机科技有限公司',
    tags: ['specialised'],
    unit: '经济开发区',
    link: '电机与控制系统',
    status: 'researching',
    approach: '补链：装备制造链电机环节空白，研究其扩产需求。',
    nextStep: '电话联络市场部',
    nextIn: 3,
  },
  {
    name: '远拓工业机器人有限公司',
    tags: ['listed'],
    unit: '京津产业转移招商专班',
    link: '工业机器人',
    status: 'visited',
    approach: '京津产业转移：其北京工厂面临搬迁，争取整体迁入开发区。',
    contacts: '运营副总裁',
    offer: '开发区标准厂房，搬迁补助政策',
    nextStep: '报送厂房与政策方案',
    nextIn: -3,
  },
  {
    name: '中原钢构集团有限公司',
    tags: ['china500'],
    unit: '城西街道',
    status: 'contacting',
    approach: '廊坊经洽会上初步接触，对方有意在冀南布局钢结构连接件基地。',
    nextStep: '寄送投资指南',
    nextIn: 9,
  },
  {
    name: '冀东新材料科技股份有限公司',
    tags: ['provincial_soe', 'listed'],
    unit: '经济开发区',
    status: 'negotiating',
    key: true,
    leader: '区长（演示）',
    approach: '对接其特种合金产能扩张，配套本地紧固件原材料需求。',
    contacts: '战略投资部',
    offer: '工业用地 120 亩，能耗指标优先保障',
    nextStep: '召开项目专题推进会',
    nextIn: 7,
  },
  {
    name: '环宇物流供应链有限公司',
    tags: ['private_top500'],
    unit: '城东街道',
    status: 'researching',
    approach: '研究其华北分拨中心选址，结合标准件物流港。',
    nextIn: undefined,
  },
  {
    name: '欧宝精密紧固系统（中国）有限公司',
    tags: ['foreign', 'fortune500'],
    unit: '紧固件产业链招商专班',
    status: 'contacting',
    key: true,
    leader: '分管副区长（演示）',
    approach: '外资：经驻京招商联络处对接，推介高端标准件产业园。',
    contacts: '中国区投资经理',
    offer: '外资项目专项奖励，产业园定制厂房',
    nextStep: '视频会议介绍园区',
    nextIn: -2,
  },
  {
    name: '北方农业科技发展集团有限公司',
    tags: ['provincial_soe'],
    unit: '现代农业示范园',
    status: 'visited',
    approach: '对接设施农业与农产品深加工合作。',
    contacts: '投资发展部部长',
    nextStep: '洽谈合作园区方案',
    nextIn: 14,
  },
  {
    name: '华夏文旅投资有限公司',
    tags: ['central_soe'],
    unit: '文化广电和旅游局',
    status: 'researching',
    approach: '研究其乡村文旅综合体投资方向。',
    nextStep: '了解投资标准',
    nextIn: -20,
  },
  {
    name: '金石智能装备股份有限公司',
    tags: ['listed', 'industry_leader'],
    unit: '京津产业转移招商专班',
    status: 'dropped',
    approach: '曾对接其产能转移，对方已选址他省。',
  },
  {
    name: '嘉禾数控机床有限公司',
    tags: ['specialised'],
    unit: '东阳镇',
    status: 'contacting',
    approach: '以商招商：经本地机加工企业引荐。',
    nextStep: '陪同参观本地配套企业',
    nextIn: 4,
  },
  {
    name: '海川新能源装备有限公司',
    tags: ['private_top500'],
    unit: '城西街道',
    status: 'researching',
    approach: '研究其储能装备零部件本地配套可行性。',
    nextStep: '收集产业资料',
    nextIn: -9,
  },
  {
    name: '天衡供应链科技有限公司',
    tags: ['industry_leader'],
    unit: '高端标准件产业园',
    status: 'contacting',
    approach: '以情招商：经广州洺水商会引荐，对接标准件电商平台。',
    nextStep: '商会座谈',
    nextIn: 10,
  },
  {
    name: '冀南重型机械集团有限公司',
    tags: ['provincial_soe'],
    unit: '经济开发区',
    status: 'negotiating',
    approach: '洽谈其重型装备再制造基地落户开发区。',
    nextStep: '提交用地方案',
    nextIn: 2,
  },
];

const HISTORY_NOTES: Record<'contact' | 'visit' | 'note', string[]> = {
  contact: [
    '电话联系对方投资部门，介绍园区情况',
    '微信沟通，对方索要投资指南',
    '经商会引荐通话，约定面谈时间',
  ],
  visit: ['赴京拜访企业总部，对方表示有意向', '陪同企业负责人考察产业园', '在廊坊经洽会展位洽谈'],
  note: ['整理企业年报与产能布局资料', '形成一企一策方案初稿', '向包联领导汇报对接进展'],
};

export async function loadDemoTargetEnterprises(
  trx: Transaction<DB>,
  o: {
    districtId: string;
    units: { id: string; name: string; kind: string }[];
    userId: string;
    username: string;
    now: Date;
  },
): Promise<{ targets: number }> {
  const rand = mulberry32(0x7a26e7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const today = chinaToday(o.now);
  const at = o.now;
  const unitByName = new Map(o.units.map((u) => [u.name, u.id]));
  const fallbackUnit = o.units.find((u) => u.kind === 'town')?.id ?? o.units[0]?.id;
  if (!fallbackUnit) return { targets: 0 };

  const links = await trx
    .selectFrom('chainLinks')
    .select(['id', 'name'])
    .where('districtId', '=', o.districtId)
    .execute();
  const linkByName = new Map(links.map((l) => [l.name, l.id]));

  const { resolve } = await findOrCreateEnterprises(
    trx,
    { districtId: o.districtId, userId: o.userId, at },
    NEW_TARGETS.map((s) => ({ name: s.name, creditCode: null })),
  );
  const rows: (Spec & { enterpriseId: string; unitId: string })[] = NEW_TARGETS.map((s) => ({
    ...s,
    enterpriseId: resolve({ name: s.name, creditCode: null }).id,
    unitId: unitByName.get(s.unit) ?? fallbackUnit,
  }));
  // The enterprises' kinds follow their tags, so the address book says 央企 / 上市 as the library does.
  for (const r of rows) {
    const kinds = r.tags.map((g) => KINDS[g]).filter((k): k is EnterpriseKind => Boolean(k));
    await trx.updateTable('enterprises').set({ kinds }).where('id', '=', r.enterpriseId).execute();
  }

  // Enterprises a unit already works with (a lead of its own): the target shows 已有线索 / 已有项目.
  const working = await trx
    .selectFrom('leads as l')
    .innerJoin('enterprises as e', 'e.id', 'l.enterpriseId')
    .select(['l.unitId', 'l.enterpriseId', 'e.name', 'l.projectId'])
    .where('l.districtId', '=', o.districtId)
    .where('l.status', 'in', ['following', 'converted'])
    .orderBy('l.receivedOn', 'desc')
    .orderBy('l.id')
    .limit(60)
    .execute();
  const taken = new Set(rows.map((r) => r.enterpriseId));
  const linkNames = ['冷镦成型', '螺纹加工', '表面处理', '数控机床及零部件'];
  for (const w of working) {
    if (rows.length >= 25) break;
    if (taken.has(w.enterpriseId)) continue;
    taken.add(w.enterpriseId);
    const converted = Boolean(w.projectId);
    rows.push({
      name: w.name,
      tags: [pick<TargetTag>(['private_top500', 'listed', 'specialised', 'industry_leader'])],
      unit: '',
      link: rand() < 0.5 ? pick(linkNames) : undefined,
      status: converted ? 'converted' : 'negotiating',
      approach: converted ? '已签约落地，转入项目服务。' : '已形成招商线索，按一企一策持续跟进。',
      nextStep: converted ? undefined : '跟进线索研判意见',
      nextIn: converted ? undefined : Math.floor(rand() * 20) - 5,
      enterpriseId: w.enterpriseId,
      unitId: w.unitId,
    });
  }

  let count = 0;
  for (const [i, r] of rows.entries()) {
    const created = addDays(today, -(30 + Math.floor(rand() * 150)));
    const target = await trx
      .insertInto('targetEnterprises')
      .values({
        districtId: o.districtId,
        unitId: r.unitId,
        enterpriseId: r.enterpriseId,
        tags: r.tags,
        chainLinkId: r.link ? (linkByName.get(r.link) ?? null) : null,
        priority: r.key ? 'key' : 'normal',
        status: r.status,
        approach: r.approach,
        contacts: r.contacts ?? null,
        offer: r.offer ?? null,
        nextStep: r.nextStep ?? null,
        nextStepOn: r.nextIn === undefined ? null : addDays(today, r.nextIn),
        leaderInCharge: r.leader ?? null,
        createdBy: o.userId,
        createdAt: new Date(`${created}T02:00:00Z`),
        updatedAt: new Date(at.getTime() - i * 60_000),
      })
      .onConflict((oc) => oc.columns(['districtId', 'enterpriseId']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!target) continue;
    count++;
    const events: { kind: TargetEventKind; onDate: string; note: string | null }[] = [
      { kind: 'created', onDate: created, note: null },
    ];
    let day = created;
    const steps = r.status === 'researching' ? 1 : 2 + Math.floor(rand() * 2);
    for (let s = 0; s < steps; s++) {
      day = addDays(day, 5 + Math.floor(rand() * 20));
      if (day > today) break;
      const kind = s === 0 ? 'note' : pick(['contact', 'visit'] as const);
      events.push({ kind, onDate: day, note: pick(HISTORY_NOTES[kind]) });
    }
    if (r.status !== 'researching') {
      const on = [day, today].sort()[0]!;
      events.push({
        kind: 'status',
        onDate: on,
        note: `${TARGET_STATUS_LABELS.researching.zh} → ${TARGET_STATUS_LABELS[r.status].zh}`,
      });
    }
    await trx
      .insertInto('targetEnterpriseEvents')
      .values(
        events.map((e, j) => ({
          districtId: o.districtId,
          targetId: target.id,
          kind: e.kind,
          onDate: e.onDate,
          note: e.note,
          userId: o.userId,
          username: o.username,
          at: new Date(`${e.onDate}T02:${String(j).padStart(2, '0')}:00Z`),
        })),
      )
      .execute();
  }
  return { targets: count };
}

import { sql, type Transaction } from 'kysely';
import { normalizeEnterpriseName } from '../../../domain/enterprises/enterprise-name.js';
import type { ChainSegment, LinkEnterpriseRole } from '../../../domain/network/network-codes.js';
import { searchTextOf } from '../../../domain/search/search-text.js';
import type { DB } from '../../db/schema.js';
import { mulberry32 } from './demo-random.js';

// The demo district's industrial chains (产业链), from the seed's list. 高端标准件/紧固件 and 装备制造 are built out
// whole: links in every segment, a chain leader (链主) and existing enterprises, some of the demo's projects and
// leads placed on links by what their titles say, and deliberate gaps (links with nothing on them) that the
// target-enterprise demo fills with 补链 candidates. The other chains get a few links so the list is complete.
// Every enterprise name is invented. Loaded after the pipeline and leads (it places them) and before the target
// enterprises (they are placed on these links by name: keep the names stable).

interface LinkSpec {
  name: string;
  segment: ChainSegment;
  /** a project or lead whose name contains one of these is placed on the link (some of them, not all) */
  words?: string[];
  enterprises?: { name: string; role: LinkEnterpriseRole }[];
  children?: LinkSpec[];
}
interface ChainSpec {
  name: string;
  description: string;
  links: LinkSpec[];
}

const FASTENERS = '高端标准件/紧固件';
const EQUIPMENT = '装备制造';

/** Links left empty on purpose in the two built-out chains: the 补链 targets. */
export const DEMO_CHAIN_GAPS: Record<string, string[]> = {
  [FASTENERS]: ['模具', '螺纹加工', '轨道交通紧固件', '检测认证'],
  [EQUIPMENT]: ['电机与控制系统', '矿山冶金装备', '工业软件', '检验检测'],
};

export const DEMO_CHAINS: ChainSpec[] = [
  {
    name: FASTENERS,
    description:
      '全区主导产业：线材—冷镦成型—表面处理—整机配套，紧固件经销网点遍布全国，重点补齐模具、检测认证和高端应用环节。',
    links: [
      {
        name: '线材/盘条',
        segment: 'upstream',
        enterprises: [{ name: '洺州特钢线材有限公司', role: 'existing' }],
      },
      { name: '模具', segment: 'upstream' },
      {
        name: '热处理',
        segment: 'upstream',
        words: ['热处理'],
        enterprises: [{ name: '恒固热处理科技有限公司', role: 'existing' }],
      },
      {
        name: '冷镦成型',
        segment: 'midstream',
        words: ['冷镦', '高强度紧固件'],
        enterprises: [{ name: '冀南标准件集团有限公司', role: 'chain_leader' }],
      },
      { name: '螺纹加工', segment: 'midstream' },
      {
        name: '表面处理',
        segment: 'midstream',
        words: ['表面处理'],
        children: [
          {
            name: '电镀',
            segment: 'midstream',
            enterprises: [{ name: '洺水表面技术有限公司', role: 'existing' }],
          },
          { name: '达克罗涂覆', segment: 'midstream', words: ['表面处理'] },
        ],
      },
      { name: '汽车紧固件', segment: 'downstream', words: ['汽车'] },
      { name: '风电紧固件', segment: 'downstream', words: ['高强度紧固件'] },
      { name: '轨道交通紧固件', segment: 'downstream' },
      {
        name: '建筑钢结构紧固件',
        segment: 'downstream',
        enterprises: [{ name: '滏阳钢结构连接件有限公司', role: 'existing' }],
      },
      { name: '检测认证', segment: 'supporting' },
      {
        name: '物流仓储',
        segment: 'supporting',
        words: ['物流园'],
        enterprises: [{ name: '洺水标准件物流港有限公司', role: 'existing' }],
      },
      { name: '电商交易', segment: 'supporting', words: ['电商'] },
    ],
  },
  {
    name: EQUIPMENT,
    description: '依托紧固件基础发展智能装备、数控机床和工程机械，链主带动上下游配套。',
    links: [
      {
        name: '钢材及特种材料',
        segment: 'upstream',
        enterprises: [{ name: '冀南特种钢材有限公司', role: 'existing' }],
      },
      {
        name: '铸锻件',
        segment: 'upstream',
        enterprises: [{ name: '洺州精密铸锻有限公司', role: 'existing' }],
      },
      { name: '液压气动元件', segment: 'upstream', words: ['液压'] },
      { name: '电机与控制系统', segment: 'upstream' },
      { name: '数控机床及零部件', segment: 'midstream', words: ['数控机床'] },
      {
        name: '智能装备整机',
        segment: 'midstream',
        words: ['智能装备'],
        enterprises: [{ name: '滏阳智能重工集团有限公司', role: 'chain_leader' }],
      },
      { name: '工业机器人', segment: 'midstream', words: ['机器人'] },
      {
        name: '工程机械',
        segment: 'downstream',
        enterprises: [{ name: '洺水工程机械有限公司', role: 'existing' }],
      },
      { name: '农业机械', segment: 'downstream', words: ['智能装备'] },
      { name: '矿山冶金装备', segment: 'downstream' },
      { name: '工业软件', segment: 'supporting' },
      { name: '维修再制造', segment: 'supporting', words: ['零部件'] },
      { name: '检验检测', segment: 'supporting' },
    ],
  },
  {
    name: '高新技术',
    description: '新材料、电子元器件和半导体封测。',
    links: [
      { name: '新材料', segment: 'upstream', words: ['新材料', '合金', '复合材料'] },
      { name: '电子元器件', segment: 'midstream', words: ['电子元器件'] },
      { name: '半导体封装测试', segment: 'midstream', words: ['半导体'] },
      { name: '研发与孵化', segment: 'supporting' },
    ],
  },
  {
    name: '新能源',
    description: '光伏、风电储能和氢能装备。',
    links: [
      { name: '光伏发电', segment: 'midstream', words: ['光伏'] },
      { name: '风电储能', segment: 'midstream', words: ['储能'] },
      { name: '氢能装备', segment: 'downstream', words: ['氢能'] },
    ],
  },
  {
    name: '现代农业',
    description: '设施农业、农产品加工与冷链。',
    links: [
      { name: '设施农业', segment: 'upstream', words: ['设施蔬菜', '产业园'] },
      { name: '农产品加工', segment: 'midstream', words: ['加工'] },
      { name: '农产品冷链', segment: 'downstream', words: ['冷链加工'] },
    ],
  },
  {
    name: '文化旅游',
    description: '文旅康养、文化街区与研学旅游。',
    links: [
      { name: '文旅康养', segment: 'midstream', words: ['康养'] },
      { name: '文化街区', segment: 'midstream', words: ['街区'] },
      { name: '研学旅游', segment: 'downstream', words: ['研学'] },
      { name: '乡村旅游', segment: 'downstream', words: ['乡村'] },
    ],
  },
  {
    name: '现代服务业',
    description: '现代物流、商贸与数字经济。',
    links: [
      { name: '现代物流', segment: 'midstream', words: ['冷链物流'] },
      { name: '商贸综合体', segment: 'midstream', words: ['商贸'] },
      { name: '数字经济', segment: 'downstream', words: ['数字经济'] },
      { name: '电商供应链', segment: 'supporting', words: ['电商'] },
    ],
  },
];

export async function loadDemoChains(
  trx: Transaction<DB>,
  o: { districtId: string; userId: string; now: Date },
): Promise<{ chains: number; links: number }> {
  const rand = mulberry32(0x0c4a1175);
  const at = o.now;
  let linkCount = 0;

  // The projects and leads of each chain (by the chain name they already carry), to place some of them.
  const [projects, leads] = await Promise.all([
    trx
      .selectFrom('projects')
      .select(['id', 'name', 'chain'])
      .where('districtId', '=', o.districtId)
      .where('chain', 'is not', null)
      .orderBy('createdAt')
      .orderBy('id')
      .execute(),
    trx
      .selectFrom('leads')
      .select(['id', 'title as name', 'chain'])
      .where('districtId', '=', o.districtId)
      .where('chain', 'is not', null)
      .orderBy('createdAt')
      .orderBy('id')
      .execute(),
  ]);
  const projectPlace = new Map<string, string>();
  const leadPlace = new Map<string, string>();
  const placements: { linkId: string; enterpriseName: string; role: LinkEnterpriseRole }[] = [];

  for (const [order, spec] of DEMO_CHAINS.entries()) {
    const chain = await trx
      .insertInto('chains')
      .values({
        districtId: o.districtId,
        name: spec.name,
        description: spec.description,
        sortOrder: order,
        createdBy: o.userId,
        createdAt: at,
        updatedAt: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Words → the links that take them (a word on several links spreads its records over them).
    const byWord: { words: string[]; linkId: string }[] = [];
    const insert = async (links: LinkSpec[], parentId: string | null) => {
      for (const [i, l] of links.entries()) {
        const row = await trx
          .insertInto('chainLinks')
          .values({
            districtId: o.districtId,
            chainId: chain.id,
            parentId,
            name: l.name,
            segment: l.segment,
            description: null,
            sortOrder: i,
            createdAt: at,
            updatedAt: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        linkCount += 1;
        // A parent's records go to its children (the specific needs), so only leaves take words.
        if (l.words && !l.children) byWord.push({ words: l.words, linkId: row.id });
        for (const e of l.enterprises ?? [])
          placements.push({ linkId: row.id, enterpriseName: e.name, role: e.role });
        if (l.children) await insert(l.children, row.id);
      }
    };
    await insert(spec.links, null);
    // About three in four of the chain's matching records are placed; the rest stay unplaced, as in life.
    const place = (rows: { id: string; name: string; chain: string | null }[], into: Map<string, string>) => {
      for (const r of rows) {
        if (r.chain !== spec.name) continue;
        const fits = byWord.filter((b) => b.words.some((w) => r.name.includes(w)));
        if (fits.length === 0 || rand() > 0.75) continue;
        into.set(r.id, (fits[Math.floor(rand() * fits.length)] as (typeof fits)[number]).linkId);
      }
    };
    place(projects, projectPlace);
    place(leads, leadPlace);
  }

  // Placed enterprises: invented firms of the district, created here.
  for (const p of placements) {
    const key = normalizeEnterpriseName(p.enterpriseName);
    const existing = await trx
      .selectFrom('enterprises')
      .select('id')
      .where('districtId', '=', o.districtId)
      .where('nameKey', '=', key)
      .executeTakeFirst();
    const enterpriseId =
      existing?.id ??
      (
        await trx
          .insertInto('enterprises')
          .values({
            districtId: o.districtId,
            name: p.enterpriseName,
            nameKey: key,
            creditCode: null,
            kinds: p.role === 'chain_leader' ? ['leader'] : [],
            originRegionCode: null,
            originCountry: null,
            industryDivision: null,
            contactName: null,
            contactPhone: null,
            searchText: searchTextOf(p.enterpriseName),
            createdBy: o.userId,
            createdAt: at,
            updatedAt: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    await trx
      .insertInto('chainLinkEnterprises')
      .values({
        districtId: o.districtId,
        linkId: p.linkId,
        enterpriseId,
        role: p.role,
        note: null,
        createdAt: at,
      })
      .execute();
  }

  // One statement per table: the placements as a values list.
  const setLinks = async (table: 'projects' | 'leads', m: Map<string, string>) => {
    if (m.size === 0) return;
    const rows = [...m].map(([id, linkId]) => sql`(${id}::uuid, ${linkId}::uuid)`);
    await sql`
      update ${sql.table(table)} t set chain_link_id = v.link_id
        from (values ${sql.join(rows)}) as v(id, link_id)
       where t.id = v.id`.execute(trx);
  };
  await setLinks('projects', projectPlace);
  await setLinks('leads', leadPlace);
  return { chains: DEMO_CHAINS.length, links: linkCount };
}

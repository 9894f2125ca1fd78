// The codes and labels of the network (DOMAIN §2 *Network*): target enterprises, the sources that refer leads,
// promotion events and chain links. Lists, forms, imports, filters and the demo all read them from here, and
// the database checks the same codes (migration 0012_network).

type Label = { zh: string; en: string };

/** Tags of a target enterprise (目标企业库). A ranking's name is a tag; we ship no ranking's contents. */
export const TARGET_TAGS = [
  'fortune500',
  'china500',
  'central_soe',
  'provincial_soe',
  'private_top500',
  'listed',
  'specialised',
  'industry_leader',
  'foreign',
] as const;
export type TargetTag = (typeof TARGET_TAGS)[number];
export const TARGET_TAG_LABELS: Record<TargetTag, Label> = {
  fortune500: { zh: '世界500强', en: 'Fortune Global 500' },
  china500: { zh: '中国500强', en: 'China Top 500' },
  central_soe: { zh: '央企', en: 'Central SOE' },
  provincial_soe: { zh: '省企', en: 'Provincial SOE' },
  private_top500: { zh: '民企500强', en: 'Private Top 500' },
  listed: { zh: '上市公司', en: 'Listed' },
  specialised: { zh: '专精特新', en: 'Specialised and innovative' },
  industry_leader: { zh: '行业领军', en: 'Industry leader' },
  foreign: { zh: '外资企业', en: 'Foreign' },
};

export const TARGET_PRIORITIES = ['key', 'normal'] as const;
export type TargetPriority = (typeof TARGET_PRIORITIES)[number];
export const TARGET_PRIORITY_LABELS: Record<TargetPriority, Label> = {
  key: { zh: '重点', en: 'Key' },
  normal: { zh: '一般', en: 'Normal' },
};

/** Where the pursuit of a target stands; `converted` once a lead or project exists for it. */
export const TARGET_STATUSES = [
  'researching',
  'contacting',
  'visited',
  'negotiating',
  'converted',
  'dropped',
] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];
export const TARGET_STATUS_LABELS: Record<TargetStatus, Label> = {
  researching: { zh: '研究中', en: 'Researching' },
  contacting: { zh: '联络中', en: 'Contacting' },
  visited: { zh: '已拜访', en: 'Visited' },
  negotiating: { zh: '洽谈中', en: 'Negotiating' },
  converted: { zh: '已转化', en: 'Converted' },
  dropped: { zh: '已放弃', en: 'Dropped' },
};

export const TARGET_EVENT_KINDS = ['created', 'plan', 'status', 'contact', 'visit', 'note'] as const;
export type TargetEventKind = (typeof TARGET_EVENT_KINDS)[number];
export const TARGET_EVENT_KIND_LABELS: Record<TargetEventKind, Label> = {
  created: { zh: '入库', en: 'Added' },
  plan: { zh: '调整方案', en: 'Plan changed' },
  status: { zh: '状态变化', en: 'Status changed' },
  contact: { zh: '联络', en: 'Contact' },
  visit: { zh: '拜访', en: 'Visit' },
  note: { zh: '备注', en: 'Note' },
};

/** The network that refers leads: 以商招商 (chambers, invested enterprises), 以情招商 (people and dealers outside),
 * 驻外招商 (offices outside). */
export const SOURCE_KINDS = [
  'chamber',
  'association',
  'person_outside',
  'dealer',
  'invested_enterprise',
  'office_outside',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const SOURCE_KIND_LABELS: Record<SourceKind, Label> = {
  chamber: { zh: '商会', en: 'Chamber of commerce' },
  association: { zh: '行业协会', en: 'Association' },
  person_outside: { zh: '在外人员', en: 'Person outside' },
  dealer: { zh: '经销网点', en: 'Dealer outlet' },
  invested_enterprise: { zh: '在区企业', en: 'Invested enterprise' },
  office_outside: { zh: '驻外招商机构', en: 'Office outside' },
};

export const EVENT_KINDS = ['expo', 'promotion', 'forum', 'trip_out', 'delegation_in'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_KIND_LABELS: Record<EventKind, Label> = {
  expo: { zh: '展会/博览会', en: 'Expo' },
  promotion: { zh: '推介会', en: 'Promotion meeting' },
  forum: { zh: '论坛/峰会', en: 'Forum' },
  trip_out: { zh: '外出招商', en: 'Trip out' },
  delegation_in: { zh: '来访考察', en: 'Incoming delegation' },
};

export const CHAIN_SEGMENTS = ['upstream', 'midstream', 'downstream', 'supporting'] as const;
export type ChainSegment = (typeof CHAIN_SEGMENTS)[number];
export const CHAIN_SEGMENT_LABELS: Record<ChainSegment, Label> = {
  upstream: { zh: '上游', en: 'Upstream' },
  midstream: { zh: '中游', en: 'Midstream' },
  downstream: { zh: '下游', en: 'Downstream' },
  supporting: { zh: '配套', en: 'Supporting' },
};

/** How a chain link is named wherever it is picked or shown: 高端标准件/紧固件 · 上游 · 线材 (the database's
 * lead and project views build the same words in SQL: server/modules/network-sources/record-links.ts). */
export function chainLinkLabel(chainName: string, segment: ChainSegment, linkName: string): string {
  return `${chainName} · ${CHAIN_SEGMENT_LABELS[segment].zh} · ${linkName}`;
}

export const LINK_ENTERPRISE_ROLES = ['chain_leader', 'existing'] as const;
export type LinkEnterpriseRole = (typeof LINK_ENTERPRISE_ROLES)[number];
export const LINK_ENTERPRISE_ROLE_LABELS: Record<LinkEnterpriseRole, Label> = {
  chain_leader: { zh: '链主企业', en: 'Chain leader' },
  existing: { zh: '在区企业', en: 'Existing enterprise' },
};

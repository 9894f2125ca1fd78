// The descriptive attributes of a project (DOMAIN §2 *Project*) beyond its stage facts: where the investment
// comes from, how it was found, its place in a chain and what it promises the district. Filters, forms, the
// import and the bulletin all read these lists, so their codes and labels live here once.

type Label = { zh: string; en: string };

/** Source channel of a lead and of the project it becomes (DOMAIN §2 Lead). */
export const CHANNELS = [
  'targeted',
  'via_business',
  'resident',
  'kinship',
  'event',
  'self',
  'assigned',
] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, Label> = {
  targeted: { zh: '定向招商', en: 'Targeted' },
  via_business: { zh: '以商招商', en: 'Via businesses' },
  resident: { zh: '驻外招商', en: 'Offices outside' },
  kinship: { zh: '以情招商', en: 'Hometown ties' },
  event: { zh: '活动招商', en: 'Events' },
  self: { zh: '企业主动对接', en: 'Self-initiated' },
  assigned: { zh: '上级交办', en: 'Assigned from above' },
};

/** Where the investment comes from, in the regions leaders compare (DOMAIN §2, issue 6's breakdown). */
export const SOURCE_AREAS = [
  'jingjin',
  'huanbohai',
  'yangtze_delta',
  'pearl_delta',
  'in_province',
  'other_domestic',
  'overseas',
] as const;
export type SourceArea = (typeof SOURCE_AREAS)[number];
export const SOURCE_AREA_LABELS: Record<SourceArea, Label> = {
  jingjin: { zh: '京津', en: 'Beijing–Tianjin' },
  huanbohai: { zh: '环渤海', en: 'Bohai Rim' },
  yangtze_delta: { zh: '长三角', en: 'Yangtze Delta' },
  pearl_delta: { zh: '珠三角', en: 'Pearl Delta' },
  in_province: { zh: '省内', en: 'Within the province' },
  other_domestic: { zh: '其他省份', en: 'Other provinces' },
  overseas: { zh: '境外', en: 'Overseas' },
};

// GB/T 2260 province prefixes of each area. 环渤海 here means the Rim outside 京津 (辽宁, 山东, 河北); a province that
// is the district's own counts as 省内 first.
const AREA_PROVINCES: [SourceArea, string[]][] = [
  ['jingjin', ['11', '12']],
  ['huanbohai', ['13', '21', '37']],
  ['yangtze_delta', ['31', '32', '33', '34']],
  ['pearl_delta', ['44']],
];
// 香港 81, 澳门 82, 台湾 71 count as 境外 in investment statistics (港澳台资 are reported with foreign capital).
const OVERSEAS_PROVINCES = new Set(['71', '81', '82']);

/**
 * The source area implied by an investor's origin: a GB/T 2260 region code, or an ISO country code other than
 * CN. `homeProvince` is the district's own two-digit province prefix. Null when the origin is unknown.
 */
export function sourceAreaOf(
  origin: { regionCode: string | null; country: string | null },
  homeProvince: string,
): SourceArea | null {
  if (origin.country && origin.country !== 'CN') return 'overseas';
  if (!origin.regionCode) return null;
  const province = origin.regionCode.slice(0, 2);
  if (OVERSEAS_PROVINCES.has(province)) return 'overseas';
  if (province === homeProvince) return 'in_province';
  for (const [area, provinces] of AREA_PROVINCES) if (provinces.includes(province)) return area;
  return 'other_domestic';
}

export const CHAIN_ROLES = ['chain_leader', 'upstream', 'midstream', 'downstream', 'supporting'] as const;
export type ChainRole = (typeof CHAIN_ROLES)[number];
export const CHAIN_ROLE_LABELS: Record<ChainRole, Label> = {
  chain_leader: { zh: '链主', en: 'Chain leader' },
  upstream: { zh: '上游', en: 'Upstream' },
  midstream: { zh: '中游', en: 'Midstream' },
  downstream: { zh: '下游', en: 'Downstream' },
  supporting: { zh: '配套', en: 'Supporting' },
};

/** The district's own chains named in the seed speech; a project may name another. */
export const DISTRICT_CHAINS = [
  '高新技术',
  '高端标准件/紧固件',
  '装备制造',
  '新能源',
  '现代农业',
  '文化旅游',
  '现代服务业',
] as const;

/** Pollution class for the green direction (绿色发展): none/light projects are preferred. */
export const POLLUTION_CLASSES = ['none', 'light', 'moderate', 'heavy'] as const;
export type PollutionClass = (typeof POLLUTION_CLASSES)[number];
export const POLLUTION_CLASS_LABELS: Record<PollutionClass, Label> = {
  none: { zh: '无污染', en: 'None' },
  light: { zh: '轻度', en: 'Light' },
  moderate: { zh: '中度', en: 'Moderate' },
  heavy: { zh: '重度', en: 'Heavy' },
};

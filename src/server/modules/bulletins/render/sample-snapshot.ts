import { type BulletinSnapshot, SNAPSHOT_FORMAT } from '../../../../domain/bulletins/snapshot.js';

// A realistic frozen bulletin, written by hand, for the renderers' tests (and anyone else's: the service and
// page tests may reuse it). Figures are in their stored units: money in 元 / 美分 as integer strings, rates in
// percent, counts as decimals (the 0.5 is a co-credited project). The numbers agree with each other the way a
// composed snapshot's do (completion = cumulative ÷ target, ahead = completion − 83.33).

export function sampleSnapshot(overrides: Partial<BulletinSnapshot> = {}): BulletinSnapshot {
  const units = [
    { id: 'u-town-1', name: '城关镇', group: 'town', groupName: '乡镇/街道' },
    { id: 'u-town-2', name: '河西镇', group: 'town', groupName: '乡镇/街道' },
    { id: 'u-town-3', name: '白塔乡', group: 'town', groupName: '乡镇/街道' },
    { id: 'u-dept-1', name: '区发展和改革局', group: 'department', groupName: '区直单位' },
    { id: 'u-dept-2', name: '区商务局', group: 'department', groupName: '区直单位' },
    { id: 'u-park-1', name: '高新技术产业园', group: 'park', groupName: '园区/开发区' },
  ];
  return {
    format: SNAPSHOT_FORMAT,
    district: { id: 'd-1', name: '示范区', cityName: '江城市' },
    kind: 'month',
    year: 2026,
    period: 10,
    periodLabel: '2026年10月',
    periodStart: '2026-10-01',
    periodEnd: '2026-10-31',
    cutoff: '2026-10-31',
    version: 1,
    reason: null,
    title: '关于2026年10月全区招商引资工作情况的通报',
    docNumber: '示招商〔2026〕10号',
    issuingBody: '示范区招商引资工作领导小组办公室',
    issuedOn: '2026-11-05',
    timeProgress: '83.33',
    timeProgressBasis: 'months',
    definitions: {
      dateBasis: 'signing_date',
      amountBasis: 'signed',
      minAmountYuan: null,
      industrialOnly: false,
      excludeWithdrawn: true,
      fundOrigins: ['out_of_province', 'in_province', 'foreign', 'local'],
      notableKinds: ['fortune500', 'central_soe'],
      applyCreditShares: true,
      capitalIncreaseIncrementOnly: true,
    },
    units,
    indicators: [
      {
        key: 'signed_count',
        name: '签约项目数',
        unit: '个',
        rows: [
          row('u-town-1', '12', '2', '11', '91.67', '8.34', '22.22', 1),
          row('u-town-2', '10', '1', '6.5', '65.00', '-18.33', '-7.14', 2),
          row('u-town-3', '8', '0', '0', '0.00', '-83.33', null, 3),
          row('u-dept-1', '4', '1', '4', '100.00', '16.67', '33.33', 1),
          row('u-dept-2', '4', '0', '2.5', '62.50', '-20.83', '-16.67', 2),
          row('u-park-1', '20', '3', '18', '90.00', '6.67', '12.50', 1),
        ],
        district: row('', '60', '7', '42', '70.00', '-13.33', '5.00', null),
      },
      {
        key: 'signed_amount',
        name: '签约额',
        unit: '元',
        rows: [
          row('u-town-1', '1500000000', '123456789', '1325000000', '88.33', '5.00', '12.50', 1),
          row('u-town-2', '1000000000', '50000000', '612345678', '61.23', '-22.10', '-3.00', 2),
          row('u-town-3', '800000000', '0', '0', '0.00', '-83.33', null, 3),
          row('u-dept-1', '300000000', '20000000', '310000000', '103.33', '20.00', '40.00', 1),
          row('u-dept-2', '300000000', '0', '150000050', '50.00', '-33.33', '-20.00', 2),
          row('u-park-1', '3000000000', '400000000', '2700000000', '90.00', '6.67', '15.00', 1),
        ],
        district: row('', '7000000000', '593456789', '5097345728', '72.82', '-10.51', '8.20', null),
      },
      {
        key: 'foreign_capital_used',
        name: '实际使用外资',
        unit: '美分',
        rows: [
          row('u-town-1', '200000000', '15000000', '180000000', '90.00', '6.67', null, 1),
          row('u-town-2', '100000000', '0', '45000000', '45.00', '-38.33', null, 2),
          row('u-town-3', null, '0', '0', null, null, null, 3),
          row('u-dept-1', null, null, null, null, null, null, null),
          row('u-dept-2', '50000000', '10000000', '60000000', '120.00', '36.67', null, 1),
          row('u-park-1', '500000000', '50000000', '450000000', '90.00', '6.67', '10.00', 1),
        ],
        district: row('', '1000000000', '75000000', '735000000', '73.50', '-9.83', '6.00', null),
      },
      {
        key: 'start_rate',
        name: '开工率',
        unit: '%',
        rows: [
          row('u-town-1', '80', null, '72.73', '90.91', '7.58', null, 1),
          row('u-town-2', '80', null, '50.00', '62.50', '-20.83', null, 2),
          row('u-town-3', '80', null, null, null, null, null, null),
          row('u-dept-1', '80', null, '75.00', '93.75', '10.42', null, 1),
          row('u-dept-2', '80', null, '40.00', '50.00', '-33.33', null, 2),
          row('u-park-1', '80', null, '83.33', '104.16', '20.83', null, 1),
        ],
        district: row('', '80', null, '69.05', '86.31', '2.98', null, null),
      },
      {
        key: 'average_signed_amount',
        name: '项目均额',
        unit: '元每个',
        rows: [
          row('u-town-1', null, null, '120454545.45', null, null, null, 2),
          row('u-town-2', null, null, '94206996.62', null, null, null, 3),
          row('u-town-3', null, null, null, null, null, null, null),
          row('u-dept-1', null, null, '77500000.00', null, null, null, 1),
          row('u-dept-2', null, null, '60000020.00', null, null, null, 2),
          row('u-park-1', null, null, '150000000.00', null, null, null, 1),
        ],
        district: row('', null, null, '121365374.48', null, null, null, null),
      },
    ],
    scores: {
      schemeId: 's-1',
      schemeName: '2026年度招商引资考核办法',
      schemeVersion: 2,
      items: [
        { key: 'signing', name: '签约项目', points: '40', group: '任务完成' },
        { key: 'funds', name: '实际使用外资', points: '30', group: '任务完成' },
        { key: 'start', name: '项目开工', points: '30', group: '项目推进' },
      ],
      rows: [
        score('u-park-1', { signing: '36.00', funds: '27.00', start: '30.00' }, '93.00', 1),
        score('u-town-1', { signing: '36.67', funds: '27.00', start: '27.27' }, '90.94', 1),
        score('u-dept-1', { signing: '40.00', funds: null, start: '28.13' }, '68.13', 1, ['funds']),
        score('u-town-2', { signing: '26.00', funds: '13.50', start: '18.75' }, '58.25', 2),
        score('u-dept-2', { signing: '25.00', funds: '30.00', start: '15.00' }, '70.00', 2),
        score('u-town-3', { signing: '0.00', funds: '0.00', start: '0.00' }, '0.00', 3),
      ],
    },
    redList: [
      { unitId: 'u-park-1', group: 'park', rank: 1, total: '93.00' },
      { unitId: 'u-town-1', group: 'town', rank: 1, total: '90.94' },
    ],
    blackList: [{ unitId: 'u-town-3', group: 'town', rank: 3, total: '0.00' }],
    blankUnits: ['u-town-3'],
    stalledProjects: [
      {
        projectId: 'p-1',
        name: '年产5万吨新型建材项目',
        unitId: 'u-town-2',
        reason: 'not_started',
        since: '2026-07-31',
        signedAmountYuan: '350000000',
      },
      {
        projectId: 'p-2',
        name: '智能仓储物流中心项目',
        unitId: 'u-park-1',
        reason: 'no_investment',
        since: '2026-06-30',
        signedAmountYuan: '85000000',
      },
    ],
    missingReports: [
      { unitId: 'u-town-3', month: '2026-09', projects: 2 },
      { unitId: 'u-dept-2', month: '2026-10', projects: 1 },
    ],
    city: [
      {
        indicatorKey: 'signed_amount',
        name: '签约额',
        unit: '元',
        month: 10,
        ours: '5097345728',
        rank: 4,
        of: 9,
        ahead: { name: '东湖区', value: '5600000000', gap: '502654272' },
        behind: { name: '南山区', value: '4800000000', gap: '297345728' },
        goalRank: 3,
        toGoal: '902654272',
      },
      {
        indicatorKey: 'signed_count',
        name: '签约项目数',
        unit: '个',
        month: 10,
        ours: '42',
        rank: 2,
        of: 9,
        ahead: { name: '东湖区', value: '48', gap: '6' },
        behind: { name: '北湾区', value: '39', gap: '3' },
        goalRank: 3,
        toGoal: '0',
      },
    ],
    narrative: [
      {
        heading: '一、总体情况',
        paragraphs: [
          '截至2026年10月31日，全区签约项目42个，签约额50.97亿元，完成年度目标的72.82%，低于序时进度10.51个百分点，同比增长8.20%。',
          '实际使用外资7,350.00万美元，完成年度目标的73.50%。',
        ],
      },
      {
        heading: '二、全市位次情况',
        paragraphs: ['签约额居全市第4位，与第3位东湖区相差50,265.43万元，领先第5位南山区29,734.57万元。'],
      },
      {
        heading: '三、下步工作要求',
        paragraphs: [
          '各单位要对照年度目标任务，倒排工期、挂图作战，确保完成全年目标任务。白塔乡本月交白卷，要认真分析原因，限期整改。',
        ],
      },
    ],
    inputHash: '3f1c9a7e5b2d4c6f8a0e1d3b5c7f9a2e4d6b8c0a1e3f5d7b9c2a4e6f8b0d1c3e',
    ...overrides,
  };
}

function row(
  unitId: string,
  target: string | null,
  period: string | null,
  cumulative: string | null,
  completion: string | null,
  ahead: string | null,
  yoy: string | null,
  rank: number | null,
) {
  return { unitId, target, period, cumulative, completion, ahead, yoy, rank };
}

function score(
  unitId: string,
  items: Record<string, string | null>,
  total: string,
  rank: number,
  missingItems: string[] = [],
) {
  return { unitId, items, missingItems, total, rank };
}

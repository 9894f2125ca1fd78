// Three example schemes a new district can copy and edit, modelled on the shapes real district assessment
// documents use. The catalogue keys are the ones the indicator catalogue is expected to provide; the wiring
// sitting maps them onto the computed indicators.

import type { CatalogueEntry } from './expression.js';
import type { Scheme } from './scheme.js';

export const EXAMPLE_CATALOGUE: readonly CatalogueEntry[] = [
  { key: 'signed_count', name: '签约项目数' },
  { key: 'signed_amount', name: '签约额' },
  { key: 'started_count', name: '开工项目数' },
  { key: 'funds_in_place', name: '到位资金' },
  { key: 'foreign_capital_used', name: '实际使用外资' },
  { key: 'completed_investment', name: '完成投资' },
  { key: 'projects_overdue_to_start', name: '逾期未开工项目数' },
  { key: 'fortune500_projects', name: '500强项目数' },
  { key: 'late_reports', name: '月报迟报次数' },
];

export interface ExampleScheme {
  id: string;
  name: string;
  description: string;
  scheme: Scheme;
}

export const EXAMPLE_SCHEMES: readonly ExampleScheme[] = [
  {
    id: 'rate_times_weight',
    name: '完成率×权重（单项封顶120%）',
    description:
      '各指标按完成率乘以权重计分，完成率最高按120%计；复合指标取两项完成率的平均，得分不超过该项分值；月报迟报每次扣0.5分，最多扣3分。',
    scheme: {
      items: [
        {
          key: 'signed_amount',
          name: '签约额',
          points: 24,
          formula: 'min(completion(signed_amount), 1.2) * 20',
        },
        {
          key: 'signed_count',
          name: '签约项目数',
          points: 12,
          formula: 'min(completion(signed_count), 1.2) * 10',
        },
        {
          key: 'start_and_funds',
          name: '开工与资金到位',
          points: 15,
          formula: '(min(completion(started_count), 1.2) + min(completion(funds_in_place), 1.2)) / 2 * 15',
        },
        { key: 'late_reports', name: '月报报送', points: 0, formula: 'per(count(late_reports), -0.5, -3)' },
      ],
    },
  },
  {
    id: 'base_minus_deductions',
    name: '基础分扣减（逾期未开工每个扣0.1分）',
    description:
      '项目推进基础分10分，每个逾期未开工项目扣0.1分，扣完为止；引进500强项目每个加2分，最多加6分；全年未签约扣5分；完成投资按完成率计分，最高30分，保留两位小数。',
    scheme: {
      items: [
        {
          key: 'progress',
          name: '项目推进',
          points: 10,
          formula: 'max(10 - 0.1 * count(projects_overdue_to_start), 0)',
        },
        { key: 'fortune500', name: '500强项目', points: 6, formula: 'per(count(fortune500_projects), 2, 6)' },
        { key: 'blank', name: '交白卷', points: 0, formula: 'if(actual(signed_count) = 0, -5, 0)' },
        {
          key: 'investment',
          name: '完成投资',
          points: 30,
          formula: "round(min(completion(completed_investment), 1) * 30, 2, 'half_up')",
        },
      ],
    },
  },
  {
    id: 'efficacy_and_bands',
    name: '功效系数与分档计分',
    description:
      '到位资金、实际使用外资按功效系数法横向比较（最好100、最差60），乘以权重；到位资金与签约额完成率分档计分（≥100%满分，≥80%、≥60%递减）。',
    scheme: {
      items: [
        {
          key: 'funds_efficacy',
          name: '到位资金（横向）',
          points: 20,
          formula: 'efficacy(actual(funds_in_place)) * 0.2',
        },
        {
          key: 'foreign_efficacy',
          name: '实际使用外资（横向）',
          points: 15,
          formula: 'efficacy(actual(foreign_capital_used)) * 0.15',
        },
        {
          key: 'funds_band',
          name: '到位资金完成率',
          points: 15,
          formula: 'band(completion(funds_in_place), [1, 15], [0.8, 12], [0.6, 9], 0)',
        },
        {
          key: 'signed_band',
          name: '签约额完成率',
          points: 10,
          formula: 'band(completion(签约额), [100%, 10], [80%, 7.5], [50%, 5], 0)',
        },
      ],
    },
  },
];

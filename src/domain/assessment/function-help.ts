// The help the scheme editor shows next to the formula box: one line per function, in the center's words,
// with an example that parses against the example catalogue (checked by a test, so the help cannot rot).

import { FUNCTIONS } from './expression.js';

export interface FunctionHelp {
  name: string;
  signature: string;
  zh: string;
  example: string;
}

export const FUNCTION_HELP: readonly FunctionHelp[] = [
  {
    name: 'actual',
    signature: 'actual(指标)',
    zh: '本单位该指标的实际值；直接写指标名也一样',
    example: 'actual(signed_count)',
  },
  {
    name: 'target',
    signature: 'target(指标)',
    zh: '本单位该指标的目标任务',
    example: 'target(signed_amount)',
  },
  {
    name: 'completion',
    signature: 'completion(指标)',
    zh: '完成率 = 实际 ÷ 目标；目标为 0 或未下达时视为“缺数”，该项按缺数得分（默认 0）',
    example: 'min(completion(signed_amount), 1.2) * 20',
  },
  {
    name: 'count',
    signature: 'count(指标)',
    zh: '计数类指标的值（同 actual）',
    example: 'count(projects_overdue_to_start)',
  },
  {
    name: 'time_progress',
    signature: 'time_progress()',
    zh: '序时进度（如 11 月为 11/12）',
    example: 'completion(signed_amount) - time_progress()',
  },
  { name: 'min', signature: 'min(a, b, …)', zh: '取最小值', example: 'min(completion(signed_amount), 1.2)' },
  {
    name: 'max',
    signature: 'max(a, b, …)',
    zh: '取最大值',
    example: 'max(10 - 0.1 * count(projects_overdue_to_start), 0)',
  },
  {
    name: 'cap',
    signature: 'cap(x, 上限)',
    zh: '封顶：不超过上限',
    example: 'cap(completion(signed_count), 120%)',
  },
  {
    name: 'floor_at',
    signature: 'floor_at(x, 下限)',
    zh: '保底：不低于下限',
    example: 'floor_at(10 - count(late_reports), 0)',
  },
  {
    name: 'clamp',
    signature: 'clamp(x, 下限, 上限)',
    zh: '限定在区间内（下限大于上限时以上限为准）',
    example: 'clamp(completion(signed_count), 0, 1.2)',
  },
  {
    name: 'round',
    signature: "round(x, 小数位, '方式')",
    zh: "舍入，小数位 0–10，默认 0；方式：'half_up' 四舍五入（默认，−2.5→−3）、'half_even' 银行家舍入、'up' 远离零、'down' 向零、'floor' 向下、'ceil' 向上",
    example: "round(completion(signed_amount) * 20, 2, 'half_up')",
  },
  {
    name: 'if',
    signature: 'if(条件, 是, 否)',
    zh: '条件成立取“是”，否则取“否”',
    example: 'if(actual(signed_count) = 0, -5, 0)',
  },
  {
    name: 'if_missing',
    signature: 'if_missing(x, 缺数时)',
    zh: 'x 缺数（如目标为 0）时取第二个值',
    example: 'if_missing(completion(signed_amount), 1) * 20',
  },
  {
    name: 'band',
    signature: 'band(x, [门槛1, 分值1], [门槛2, 分值2], …, 其余)',
    zh: '分档计分：x 达到第一个门槛得对应分值，门槛须从高到低；都未达到取最后一个值',
    example: 'band(completion(funds_in_place), [1, 15], [0.8, 12], [0.6, 9], 0)',
  },
  {
    name: 'per',
    signature: 'per(次数, 每次分值, 封顶/保底)',
    zh: '按次加减分：加分不超过封顶值，扣分不低于保底值',
    example: 'per(count(late_reports), -0.5, -3)',
  },
  {
    name: 'rank',
    signature: "rank(x, 'desc' | 'asc')",
    zh: "组内排名，默认大者第 1（'asc' 则小者第 1）；并列同名次（1, 1, 3）",
    example: 'rank(actual(signed_count))',
  },
  {
    name: 'efficacy',
    signature: 'efficacy(x)',
    zh: '功效系数法：组内最好 100、最差 60，其余 (x − 最小) ÷ (最大 − 最小) × 40 + 60；全部相同时均为 100',
    example: 'efficacy(actual(foreign_capital_used)) * 0.2',
  },
  {
    name: 'sum_of',
    signature: 'sum_of(x)',
    zh: '同组各单位 x 的合计',
    example: 'actual(signed_amount) / sum_of(actual(signed_amount))',
  },
  {
    name: 'max_of',
    signature: 'max_of(x)',
    zh: '同组各单位 x 的最大值',
    example: 'actual(signed_count) / max_of(actual(signed_count)) * 10',
  },
  {
    name: 'min_of',
    signature: 'min_of(x)',
    zh: '同组各单位 x 的最小值',
    example: 'actual(signed_count) - min_of(actual(signed_count))',
  },
  {
    name: 'avg_of',
    signature: 'avg_of(x)',
    zh: '同组各单位 x 的平均值',
    example: 'if(actual(signed_count) >= avg_of(actual(signed_count)), 2, 0)',
  },
];

/** Names in the function table without help: empty, or the help is incomplete (asserted by a test). */
export const functionsWithoutHelp = (): string[] =>
  Object.keys(FUNCTIONS).filter((f) => !FUNCTION_HELP.some((h) => h.name === f));

import { describe, expect, it } from 'vitest';
import { schemeSchema } from './assessment.schemas.js';
import { EXAMPLE_CATALOGUE, EXAMPLE_SCHEMES } from './example-schemes.js';
import { parseExpression } from './expression.js';
import { FUNCTION_HELP, functionsWithoutHelp } from './function-help.js';
import { checkScheme, indicatorsUsed, parseScheme } from './scheme.js';

describe('checkScheme', () => {
  it('names the item and field of each error, with offsets into that item’s formula', () => {
    const errors = checkScheme(
      {
        items: [
          { key: 'a', name: '签约额', points: 20, formula: 'min(completion(signed_amount), 1.2) * 20' },
          { key: 'b', name: '开工', points: 10, formula: 'mn(completion(started_count), 1) * 10' },
          { key: 'a', name: '', points: -1, formula: 'band(signed_count, [1, 2], [3, 1], 0' },
          { key: 'c', name: '缺数', points: 5, formula: '1', ifMissing: 6 },
        ],
      },
      EXAMPLE_CATALOGUE,
    );
    expect(errors.map((e) => [e.item, e.itemKey, e.field, e.start, e.end])).toEqual([
      [1, 'b', 'formula', 0, 2],
      [2, 'a', 'key', 0, 0],
      [2, 'a', 'name', 0, 0],
      [2, 'a', 'points', 0, 0],
      [2, 'a', 'formula', 4, 5],
      [3, 'c', 'ifMissing', 0, 0],
    ]);
    expect(errors[0]!.messageZh).toBe('未知函数 mn，是否想用 min？');
    expect(errors[1]!.messageZh).toBe('评分项标识 a 重复');
  });

  it('refuses an empty scheme and accepts indicator names written in Chinese', () => {
    expect(checkScheme({ items: [] }, EXAMPLE_CATALOGUE)[0]!.messageZh).toBe('考核方案至少需要一个评分项');
    expect(
      checkScheme(
        { items: [{ key: 'x', name: 'x', points: 10, formula: '签约额 / 1000' }] },
        EXAMPLE_CATALOGUE,
      ),
    ).toEqual([]);
  });

  it('lists the indicators, targets and time progress a scheme needs', () => {
    const parsed = parseScheme(
      { items: EXAMPLE_SCHEMES.flatMap((s) => s.scheme.items).map((it, i) => ({ ...it, key: `k${i}` })) },
      EXAMPLE_CATALOGUE,
    );
    if (!parsed.ok) throw new Error('examples must parse');
    expect(indicatorsUsed(parsed.items)).toEqual({
      actual: [
        'completed_investment',
        'foreign_capital_used',
        'fortune500_projects',
        'funds_in_place',
        'late_reports',
        'projects_overdue_to_start',
        'signed_amount',
        'signed_count',
        'started_count',
      ],
      target: ['completed_investment', 'funds_in_place', 'signed_amount', 'signed_count', 'started_count'],
      timeProgress: false,
    });
  });

  it('has help for every function, and every help example passes the checker', () => {
    expect(functionsWithoutHelp()).toEqual([]);
    for (const h of FUNCTION_HELP) expect(parseExpression(h.example, EXAMPLE_CATALOGUE).ok).toBe(true);
  });

  it('the wire schema accepts the example schemes', () => {
    for (const s of EXAMPLE_SCHEMES) expect(schemeSchema.safeParse(s.scheme).success).toBe(true);
  });
});

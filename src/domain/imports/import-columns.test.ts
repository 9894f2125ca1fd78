import { describe, expect, it } from 'vitest';
import { readAmount, readDate, readMonth } from './cell-values.js';
import { columnLetter, headerKey, matchHeaders } from './import-columns.js';
import { divisionCodeOf } from './industry-divisions.js';

describe('matchHeaders', () => {
  it('maps the usual header variants of existing 台账 sheets to the same columns', () => {
    const variants: [string, string][] = [
      ['项目名称', 'name'],
      ['项目名', 'name'],
      ['总投资(万元)', 'plannedTotalYuan'],
      ['计划总投资', 'plannedTotalYuan'],
      ['投资总额（亿元）', 'plannedTotalYuan'],
      ['签约时间', 'signingDate'],
      ['签约日期', 'signingDate'],
      ['责任单位', 'unit'],
      ['所属乡镇', 'unit'],
      ['乡镇（街道）', 'unit'],
      ['客商名称', 'enterpriseName'],
      ['投资方', 'enterpriseName'],
      ['企业名称', 'enterpriseName'],
      [' 项目阶段 *', 'stage'],
    ];
    for (const [header, key] of variants) {
      const m = matchHeaders('projects', [header]);
      expect(
        m.matched.map((x) => x.column.key),
        header,
      ).toEqual([key]);
    }
  });

  it('reads the unit of an amount column from its header', () => {
    const m = matchHeaders('projects', ['项目名称', '投资总额（亿元）', '签约金额', '合同外资（万美元）']);
    expect(m.matched.map((x) => x.amountUnit)).toEqual([null, 'yi', 'wan', 'wan_usd']);
  });

  it('lists unknown headers, ignores 序号, keeps the first of a repeated column and names what is missing', () => {
    const m = matchHeaders('projects', ['序号', '项目名', '备注', '项目名称', null, '']);
    expect(m.matched.map((x) => x.index)).toEqual([1]);
    expect(m.ignored).toEqual([{ index: 2, header: '备注' }]);
    expect(m.repeated.map((r) => r.header)).toEqual(['项目名称']);
    expect(matchHeaders('capital_reports', ['项目名称']).missingRequired.map((c) => c.header)).toEqual([
      '月份',
    ]);
  });

  it('normalises full-width brackets, spaces and marks', () => {
    expect(headerKey('计划总投资（万元）*')).toBe(headerKey('计划总投资 (万元)'));
    expect(columnLetter(0)).toBe('A');
    expect(columnLetter(27)).toBe('AB');
  });
});

describe('cell readers', () => {
  it('reads dates as Excel dates, serial numbers or the usual text forms', () => {
    for (const v of [
      new Date(Date.UTC(2026, 2, 5)),
      46086,
      '2026-03-05',
      '2026/3/5',
      '2026年3月5日',
      '2026.3.5',
      '20260305',
    ]) {
      expect(readDate(v), String(v)).toEqual({ ok: true, value: '2026-03-05' });
    }
    expect(readDate('2026-02-30').ok).toBe(false);
    expect(readDate('下周').ok).toBe(false);
    expect(readMonth('2026年3月')).toEqual({ ok: true, value: '2026-03' });
    expect(readMonth('2026-13').ok).toBe(false);
  });

  it('reads amounts as numbers in the header’s unit or as text with 万元 / 亿元, exactly', () => {
    expect(readAmount(1200.5, 'wan')).toEqual({ ok: true, value: '12005000' });
    expect(readAmount(1.2, 'yi')).toEqual({ ok: true, value: '120000000' });
    expect(readAmount('1.2亿元', 'wan')).toEqual({ ok: true, value: '120000000' });
    expect(readAmount('3,500万元', 'wan')).toEqual({ ok: true, value: '35000000' });
    expect(readAmount(0.1 + 0.2, 'wan')).toEqual({ ok: true, value: '3000' });
    expect(readAmount('12.5', 'wan_usd')).toEqual({ ok: true, value: '12500000' });
    expect(readAmount('很多', 'wan').ok).toBe(false);
    expect(readAmount('100万美元', 'wan').ok).toBe(false);
    expect(readAmount({ kind: 'formula_without_result', formula: 'A1*2' }, 'wan')).toMatchObject({
      ok: false,
    });
  });

  it('finds a GB/T 4754 division by code, code and name, or name', () => {
    expect(divisionCodeOf('C33 金属制品业')).toBe('C33');
    expect(divisionCodeOf('c33')).toBe('C33');
    expect(divisionCodeOf('金属制品业')).toBe('C33');
    expect(divisionCodeOf('Z99')).toBeNull();
  });
});

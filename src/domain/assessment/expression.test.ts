import { describe, expect, it } from 'vitest';
import { EXAMPLE_CATALOGUE } from './example-schemes.js';
import { type ExprError, parseExpression } from './expression.js';

function errorsOf(src: string): ExprError[] {
  const r = parseExpression(src, EXAMPLE_CATALOGUE);
  if (r.ok) throw new Error(`expected errors for ${src}`);
  return r.errors;
}
/** The text each error points at. */
const pointed = (src: string) => errorsOf(src).map((e) => src.slice(e.start, e.end));

describe('parseExpression', () => {
  it('accepts the shapes real schemes are written in', () => {
    for (const src of [
      'min(completion(signed_amount), 1.2) * 20',
      'max(10 - 0.1 * count(projects_overdue_to_start), 0)',
      'band(completion(funds_in_place), [1, 15], [0.8, 12], [0.6, 9], 0)',
      'efficacy(actual(foreign_capital_used))',
      'rank(actual(signed_count))',
      'if(actual(signed_count) = 0, -5, 0)',
      'per(count(late_reports), -0.5, -3)',
      "round(signed_amount / 3, 2, 'half_up')",
      'not (signed_count > 3 and signed_count <= 10) or time_progress() >= 0.5',
      'min（completion(签约额)，120%）× 20 ÷ 2',
      'if_missing(completion(signed_amount), 0) + sum_of(signed_count) / avg_of(signed_count)',
      "rank(signed_count, 'asc') + max_of(signed_count) - min_of(signed_count)",
      'cap(signed_count, 5) + floor_at(signed_count, 1) + clamp(signed_count, 0, 3)',
    ]) {
      const r = parseExpression(src, EXAMPLE_CATALOGUE);
      expect(r.ok ? 'ok' : `${src}: ${r.errors.map((e) => e.message).join('; ')}`).toBe('ok');
    }
  });

  it('respects precedence: * before +, comparison before and, and before or', () => {
    const r = parseExpression('1 + 2 * 3 > 6 and 1 or 0', EXAMPLE_CATALOGUE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.expr.kind === 'binary' && r.expr.op).toBe('or');
  });

  it('points at an unknown function and suggests the nearest one', () => {
    const src = 'mn(completion(signed_amount), 1.2) * 20';
    const [e] = errorsOf(src);
    expect(e!.messageZh).toBe('未知函数 mn，是否想用 min？');
    expect(e!.message).toBe('Unknown function mn; did you mean min?');
    expect([e!.start, e!.end]).toEqual([0, 2]);
  });

  it('points at an unknown indicator and suggests a catalogue name', () => {
    const src = 'completion(signed_amout) * 20';
    const errors = errorsOf(src);
    expect(errors).toHaveLength(1);
    expect(src.slice(errors[0]!.start, errors[0]!.end)).toBe('signed_amout');
    expect(errors[0]!.messageZh).toBe('未知指标 signed_amout，是否想用 signed_amount？');
  });

  it('reports every semantic error at once, each at its place', () => {
    expect(pointed('mn(foo, 1) + cap(signed_count)')).toEqual(['mn', 'foo', 'cap(signed_count)']);
  });

  it('reports wrong arity over the whole call', () => {
    const [e] = errorsOf('min(signed_count)');
    expect(e!.messageZh).toBe('函数 min 需要 至少 2 个参数，实际给了 1 个');
    expect([e!.start, e!.end]).toEqual([0, 17]);
    expect(errorsOf('if(1, 2)')[0]!.message).toBe('if takes 3 arguments, got 2');
    expect(errorsOf('time_progress(1)')[0]!.message).toBe('time_progress takes 0 arguments, got 1');
  });

  it('points at the unclosed parenthesis, and at a stray closing one', () => {
    const open = 'min(completion(signed_amount), 1.2 * 20';
    const [e] = errorsOf(open);
    expect(e!.message).toContain('Unbalanced parenthesis');
    expect(open.slice(e!.start, e!.end)).toBe('(');
    expect(e!.start).toBe(3);
    const grouped = '(1 + 2';
    expect(errorsOf(grouped)[0]).toMatchObject({ start: 0, end: 1, messageZh: '括号没有闭合' });
    const stray = '1 + 2)';
    expect(errorsOf(stray)[0]).toMatchObject({ start: 5, end: 6, messageZh: '多余的右括号“)”' });
  });

  it('rejects band thresholds that are not strictly descending, at the offending threshold', () => {
    const src = 'band(completion(funds_in_place), [0.8, 12], [1, 15], 0)';
    const [e] = errorsOf(src);
    expect(e!.messageZh).toBe('分档门槛应从高到低排列，且不能重复');
    expect(src.slice(e!.start, e!.end)).toBe('1');
    expect(pointed('band(signed_count, [1, 2], [1, 1], 0)')).toEqual(['1']);
    expect(pointed('band(signed_count, [signed_count, 2], 0)')).toEqual(['signed_count']);
    expect(pointed('band(signed_count, 1, 0)')).toEqual(['1']);
    expect(pointed('band(signed_count, [1, 2], [0, 1])')).toEqual(['[0, 1]']);
  });

  it('checks round digits and modes, rank order, and where text and pairs may appear', () => {
    expect(pointed("round(1.5, 2, 'nearest')")).toEqual(["'nearest'"]);
    expect(pointed('round(1.5, 1.5)')).toEqual(['1.5']);
    expect(pointed('round(1.5, 11)')).toEqual(['11']);
    expect(pointed("rank(signed_count, 'up')")).toEqual(["'up'"]);
    expect(pointed("'abc' + 1")).toEqual(["'abc'"]);
    expect(pointed('[1, 2] + 1')).toEqual(['[1, 2]']);
    expect(pointed('completion(1)')).toEqual(['1']);
    expect(pointed('min + 1')).toEqual(['min']);
  });

  it('gives positioned syntax errors for missing operands and operators', () => {
    expect(errorsOf('')[0]!.messageZh).toBe('公式为空');
    expect(errorsOf('1 +')[0]).toMatchObject({ start: 3, end: 3, messageZh: '公式不完整，末尾缺少数值' });
    expect(errorsOf('1 2')[0]).toMatchObject({ start: 2, end: 3 });
    expect(errorsOf('1 < 2 < 3')[0]).toMatchObject({ start: 6, end: 7 });
    expect(errorsOf('1 + $')[0]).toMatchObject({ start: 4, end: 5, messageZh: '无法识别的字符“$”' });
    expect(errorsOf("round(1, 2, 'half_up)")[0]).toMatchObject({ start: 12 });
    expect(errorsOf('min(1,, 2)')[0]).toMatchObject({ start: 6, end: 7 });
    expect(errorsOf('1 = not 2')[0]).toMatchObject({
      start: 4,
      end: 7,
      messageZh: '在算式或比较中使用 not 时请加括号：(not …)',
    });
  });

  it('refuses absurd nesting and length with an error, not a stack overflow', () => {
    expect(errorsOf(`${'('.repeat(500)}1${')'.repeat(500)}`)[0]!.messageZh).toBe('公式嵌套层数过多');
    expect(errorsOf('1+'.repeat(1500).concat('1'))[0]!.messageZh).toContain('公式超过');
  });
});

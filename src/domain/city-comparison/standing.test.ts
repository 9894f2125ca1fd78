import { describe, expect, it } from 'vitest';
import { normalizeDecimal, standingOf } from './standing.js';

const peers = (...pairs: [string, string][]) => pairs.map(([name, value]) => ({ name, value }));

describe('city standing (横向对比)', () => {
  it('in the middle: rank, 标兵 and 追兵 with their gaps, what it takes to reach the top three', () => {
    // 甲 500, 乙 400, 丙 300, us 250, 丁 200, 戊 100 → we are 4th of 6; third place holds 300.
    const s = standingOf({
      ours: '250',
      peers: peers(['甲区', '500'], ['丁区', '200'], ['乙区', '400'], ['戊区', '100'], ['丙区', '300']),
      goalRank: 3,
    });
    expect(s).toEqual({
      ours: '250',
      rank: 4,
      of: 6,
      ahead: { name: '丙区', value: '300', gap: '50' },
      behind: { name: '丁区', value: '200', gap: '50' },
      goalRank: 3,
      toGoal: '50',
    });
  });

  it('ties share a rank (1, 1, 3) and the 标兵 is the nearest strictly ahead, not a tied district', () => {
    const tiedFirst = standingOf({ ours: '100', peers: peers(['甲区', '100'], ['乙区', '90']), goalRank: 1 });
    expect(tiedFirst.rank).toBe(1);
    expect(tiedFirst.of).toBe(3);
    expect(tiedFirst.ahead).toBeNull();
    expect(tiedFirst.behind).toEqual({ name: '乙区', value: '90', gap: '10' });
    expect(tiedFirst.toGoal).toBe('0');

    const third = standingOf({ ours: '90', peers: peers(['甲区', '100'], ['乙区', '100']), goalRank: 3 });
    expect(third.rank).toBe(3);
    expect(third.ahead).toEqual({ name: '甲区', value: '100', gap: '10' });
    expect(third.behind).toBeNull();

    // Tied with the 4th and 5th: still 4th; the 追兵 skips the tied districts.
    const tiedMiddle = standingOf({
      ours: '50',
      peers: peers(['甲区', '80'], ['乙区', '70'], ['丙区', '60'], ['丁区', '50'], ['戊区', '40']),
      goalRank: 3,
    });
    expect(tiedMiddle.rank).toBe(4);
    expect(tiedMiddle.behind).toEqual({ name: '戊区', value: '40', gap: '10' });
    expect(tiedMiddle.toGoal).toBe('10');
  });

  it('first place has no 标兵; last place has no 追兵', () => {
    const first = standingOf({ ours: '7', peers: peers(['甲区', '5'], ['乙区', '3']), goalRank: 3 });
    expect(first.rank).toBe(1);
    expect(first.ahead).toBeNull();
    expect(first.behind).toEqual({ name: '甲区', value: '5', gap: '2' });
    const last = standingOf({ ours: '1', peers: peers(['甲区', '5'], ['乙区', '3']), goalRank: 3 });
    expect(last.rank).toBe(3);
    expect(last.behind).toBeNull();
    expect(last.ahead).toEqual({ name: '乙区', value: '3', gap: '2' });
  });

  it('toGoal: behind → the gap to the value now at the goal rank; at it or ahead → 0', () => {
    const all = peers(['甲区', '900'], ['乙区', '800'], ['丙区', '700'], ['丁区', '600']);
    expect(standingOf({ ours: '650', peers: all, goalRank: 3 }).toGoal).toBe('50');
    expect(standingOf({ ours: '100', peers: all, goalRank: 3 }).toGoal).toBe('600');
    expect(standingOf({ ours: '700', peers: all, goalRank: 3 }).toGoal).toBe('0'); // tied 3rd: there
    expect(standingOf({ ours: '850', peers: all, goalRank: 3 }).toGoal).toBe('0');
    expect(standingOf({ ours: '650', peers: all, goalRank: 1 }).toGoal).toBe('250');
  });

  it('fewer districts than the goal rank: we are inside it whatever we do', () => {
    const s = standingOf({ ours: '1', peers: peers(['甲区', '50']), goalRank: 3 });
    expect(s.rank).toBe(2);
    expect(s.of).toBe(2);
    expect(s.toGoal).toBe('0');
  });

  it('exact decimal arithmetic: money beyond 2^53 and fractional counts', () => {
    const big = standingOf({
      ours: '9007199254740993',
      peers: peers(['甲区', '9007199254740995']),
      goalRank: 1,
    });
    expect(big.ahead?.gap).toBe('2');
    expect(big.toGoal).toBe('2');
    const counts = standingOf({
      ours: '2.6',
      peers: peers(['甲区', '2.7000'], ['乙区', '2.5']),
      goalRank: 1,
    });
    expect(counts.ahead).toEqual({ name: '甲区', value: '2.7', gap: '0.1' });
    expect(counts.behind).toEqual({ name: '乙区', value: '2.5', gap: '0.1' });
    expect(counts.toGoal).toBe('0.1');
  });

  it('without a figure of our own: no rank, and `of` counts the peers', () => {
    const s = standingOf({ ours: null, peers: peers(['甲区', '5'], ['乙区', '3']), goalRank: 3 });
    expect(s).toEqual({
      ours: null,
      rank: null,
      of: 2,
      ahead: null,
      behind: null,
      goalRank: 3,
      toGoal: null,
    });
  });

  it('normalizes decimal text', () => {
    expect(normalizeDecimal('12.5000')).toBe('12.5');
    expect(normalizeDecimal('3.0000')).toBe('3');
    expect(normalizeDecimal('0.0000')).toBe('0');
    expect(normalizeDecimal('007')).toBe('7');
    expect(normalizeDecimal(0.6)).toBe('0.6');
    expect(normalizeDecimal('-0.50')).toBe('-0.5');
  });
});

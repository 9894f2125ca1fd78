import { describe, expect, it } from 'vitest';
import { fixedWindow, overLimit, PORTAL_RATE_RULES, purgeBefore } from './rate-window.js';

describe('fixedWindow', () => {
  it('puts every instant of a minute into the same window, aligned to the minute', () => {
    const a = fixedWindow(new Date('2026-11-28T13:05:00.000Z'), 60);
    const b = fixedWindow(new Date('2026-11-28T13:05:59.999Z'), 60);
    expect(a.start.toISOString()).toBe('2026-11-28T13:05:00.000Z');
    expect(b.start).toEqual(a.start);
    expect(fixedWindow(new Date('2026-11-28T13:06:00.000Z'), 60).start.toISOString()).toBe(
      '2026-11-28T13:06:00.000Z',
    );
  });

  it('tells a refused caller how many whole seconds remain until the next window, never 0', () => {
    expect(fixedWindow(new Date('2026-11-28T13:05:00.000Z'), 60).retryAfterSeconds).toBe(60);
    expect(fixedWindow(new Date('2026-11-28T13:05:20.400Z'), 60).retryAfterSeconds).toBe(40);
    expect(fixedWindow(new Date('2026-11-28T13:05:59.999Z'), 60).retryAfterSeconds).toBe(1);
  });

  it('aligns hour windows to the hour', () => {
    const w = fixedWindow(new Date('2026-11-28T13:45:00Z'), 3600);
    expect(w.start.toISOString()).toBe('2026-11-28T13:00:00.000Z');
    expect(w.retryAfterSeconds).toBe(15 * 60);
  });
});

describe('overLimit', () => {
  it('lets the limit-th hit through and refuses the next', () => {
    const rule = PORTAL_RATE_RULES.report;
    expect(overLimit(rule.limit, rule)).toBe(false);
    expect(overLimit(rule.limit + 1, rule)).toBe(true);
  });
});

describe('purgeBefore', () => {
  it('keeps the current and the previous longest window, drops what is older', () => {
    const cut = purgeBefore(new Date('2026-11-28T13:45:00Z'));
    expect(cut.toISOString()).toBe('2026-11-28T12:00:00.000Z');
    // the current hour window and the current minute window both start at or after the cut
    expect(fixedWindow(new Date('2026-11-28T13:45:00Z'), 60).start >= cut).toBe(true);
  });
});

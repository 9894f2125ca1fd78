import { describe, expect, it } from 'vitest';
import { allowedActions, checkStep, durationLabel, problemClockRuns, stepDurations } from './problem-flow.js';

describe('problem flow', () => {
  it('only the center assigns, and only before the department has accepted', () => {
    expect(checkStep('assign', 'raised', ['center'])).toEqual({ ok: true, to: 'assigned' });
    expect(checkStep('assign', 'assigned', ['center'])).toEqual({ ok: true, to: 'assigned' });
    expect(checkStep('assign', 'accepted', ['center'])).toEqual({ ok: false, reason: 'status' });
    expect(checkStep('assign', 'raised', ['unit'])).toEqual({ ok: false, reason: 'actor' });
    expect(checkStep('assign', 'raised', ['department'])).toEqual({ ok: false, reason: 'actor' });
  });

  it('the assigned department accepts, then replies; nobody else does', () => {
    expect(checkStep('accept', 'assigned', ['department'])).toEqual({ ok: true, to: 'accepted' });
    expect(checkStep('accept', 'assigned', ['center'])).toEqual({ ok: false, reason: 'actor' });
    expect(checkStep('reply', 'assigned', ['department'])).toEqual({ ok: false, reason: 'status' });
    expect(checkStep('reply', 'accepted', ['department'])).toEqual({ ok: true, to: 'replied' });
    expect(checkStep('reply', 'accepted', ['unit', 'center'])).toEqual({ ok: false, reason: 'actor' });
  });

  it('the raiser’s side (unit or center) closes a replied problem or reopens it; the department cannot', () => {
    expect(checkStep('close', 'replied', ['unit'])).toEqual({ ok: true, to: 'closed' });
    expect(checkStep('close', 'replied', ['center'])).toEqual({ ok: true, to: 'closed' });
    expect(checkStep('close', 'replied', ['department'])).toEqual({ ok: false, reason: 'actor' });
    expect(checkStep('close', 'accepted', ['unit'])).toEqual({ ok: false, reason: 'status' });
    expect(checkStep('reopen', 'closed', ['unit'])).toEqual({ ok: true, to: 'assigned' });
    expect(checkStep('reopen', 'replied', ['center'])).toEqual({ ok: true, to: 'assigned' });
    expect(checkStep('reopen', 'accepted', ['unit'])).toEqual({ ok: false, reason: 'status' });
  });

  it('lists what each side can do in each state; everyone may comment', () => {
    expect(allowedActions('raised', ['center'])).toEqual(['assign', 'comment']);
    expect(allowedActions('raised', ['unit'])).toEqual(['comment']);
    expect(allowedActions('assigned', ['department'])).toEqual(['accept', 'comment']);
    expect(allowedActions('accepted', ['department'])).toEqual(['reply', 'comment']);
    expect(allowedActions('replied', ['unit'])).toEqual(['close', 'reopen', 'comment']);
    expect(allowedActions('closed', ['department'])).toEqual(['comment']);
    expect(allowedActions('closed', [])).toEqual([]);
  });

  it('the deadline runs only while the department owes an answer', () => {
    expect(
      ['raised', 'assigned', 'accepted', 'replied', 'closed'].map((s) => problemClockRuns(s as never)),
    ).toEqual([false, true, true, false, false]);
  });

  it('times each step from the step before it, skipping comments and escalations', () => {
    const d = stepDurations([
      { kind: 'raised', at: '2026-11-01T00:00:00Z' },
      { kind: 'assigned', at: '2026-11-01T05:00:00Z' },
      { kind: 'comment', at: '2026-11-02T00:00:00Z' },
      { kind: 'accepted', at: '2026-11-03T05:00:00Z' },
      { kind: 'escalated', at: '2026-11-04T00:00:00Z' },
      { kind: 'replied', at: '2026-11-06T08:30:00Z' },
    ]);
    expect(d).toEqual([
      null,
      { fromKind: 'raised', ms: 5 * 3_600_000 },
      null,
      { fromKind: 'assigned', ms: 48 * 3_600_000 },
      null,
      { fromKind: 'accepted', ms: (3 * 24 + 3.5) * 3_600_000 },
    ]);
    expect(durationLabel(5 * 3_600_000)).toBe('5小时');
    expect(durationLabel(48 * 3_600_000)).toBe('2天');
    expect(durationLabel((3 * 24 + 3.5) * 3_600_000)).toBe('3天3小时');
    expect(durationLabel(10 * 60_000)).toBe('不足1小时');
  });
});

import { describe, expect, it } from 'vitest';
import { type MilestoneFacts, performanceOf, performanceRate } from './performance.js';

const m = (id: string, dueDate: string, status: MilestoneFacts['status'] = 'pending'): MilestoneFacts => ({
  id,
  dueDate,
  status,
});
const today = '2026-11-28';

describe('performanceOf', () => {
  it('says none when nothing was promised, or everything promised was waived', () => {
    expect(performanceOf([], today)).toEqual({ status: 'none', overdue: [] });
    expect(performanceOf([m('a', '2026-01-01', 'waived')], today).status).toBe('none');
  });

  it('is behind when a pending milestone is past its due date, and names it', () => {
    const r = performanceOf([m('a', '2026-06-30', 'met'), m('b', '2026-11-27'), m('c', '2027-03-01')], today);
    expect(r.status).toBe('behind');
    expect(r.overdue.map((x) => x.id)).toEqual(['b']);
  });

  it('is behind when a milestone was missed, even with nothing overdue', () => {
    const r = performanceOf([m('a', '2026-06-30', 'missed'), m('b', '2027-01-01')], today);
    expect(r).toEqual({ status: 'behind', overdue: [] });
  });

  it('does not call a milestone due today overdue', () => {
    expect(performanceOf([m('a', today)], today)).toEqual({ status: 'not_due', overdue: [] });
  });

  it('is performing when what came due was met and the rest lies ahead', () => {
    expect(performanceOf([m('a', '2026-05-01', 'met'), m('b', '2027-05-01')], today).status).toBe(
      'performing',
    );
  });

  it('ignores waived milestones when judging', () => {
    expect(performanceOf([m('a', '2026-05-01', 'waived'), m('b', '2026-06-01', 'met')], today).status).toBe(
      'performing',
    );
  });

  it('is not due when every milestone lies ahead', () => {
    expect(performanceOf([m('a', '2027-05-01')], today).status).toBe('not_due');
  });
});

describe('performanceRate', () => {
  it('counts performing over the projects that have something due', () => {
    expect(performanceRate(['performing', 'behind', 'not_due', 'none', 'performing'])).toEqual({
      performing: 2,
      due: 3,
    });
  });
});

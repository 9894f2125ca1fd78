import { describe, expect, it } from 'vitest';
import { type CoverageLink, coverageOf, emptyCounts, type LinkCounts, ownStateOf } from './chain-coverage.js';

const counts = (c: Partial<LinkCounts>): LinkCounts => ({ ...emptyCounts(), ...c });
const link = (id: string, parentId: string | null, c: Partial<LinkCounts> = {}): CoverageLink => ({
  id,
  parentId,
  counts: counts(c),
});

describe('ownStateOf', () => {
  it('counts an enterprise or a landed, started or producing project as covering the link', () => {
    expect(ownStateOf(counts({ chainLeaders: 1 }))).toBe('covered');
    expect(ownStateOf(counts({ existing: 1 }))).toBe('covered');
    expect(ownStateOf(counts({ landed: 1 }))).toBe('covered');
    expect(ownStateOf(counts({ started: 1, leads: 3 }))).toBe('covered');
    expect(ownStateOf(counts({ producing: 1 }))).toBe('covered');
  });

  it('counts open leads and negotiating, signed or paused projects as work in progress', () => {
    expect(ownStateOf(counts({ leads: 1 }))).toBe('in_progress');
    expect(ownStateOf(counts({ negotiating: 1 }))).toBe('in_progress');
    expect(ownStateOf(counts({ signed: 2 }))).toBe('in_progress');
    expect(ownStateOf(counts({ paused: 1 }))).toBe('in_progress');
  });

  it('leaves a link with only target enterprises a gap', () => {
    expect(ownStateOf(counts({ targets: 4 }))).toBe('gap');
    expect(ownStateOf(counts({}))).toBe('gap');
  });
});

describe('coverageOf', () => {
  it('computes the percentage over leaf links and lists the leaf gaps in order', () => {
    const c = coverageOf([
      link('up', null),
      link('wire', 'up', { existing: 2 }),
      link('mould', 'up', { targets: 1 }),
      link('heat', 'up', { leads: 1 }),
      link('cold', null, { started: 1 }),
    ]);
    expect(c.linkCount).toBe(5);
    expect(c.leafCount).toBe(4);
    expect(c.covered).toBe(2);
    expect(c.inProgress).toBe(1);
    expect(c.gaps).toBe(1);
    expect(c.gapIds).toEqual(['mould']);
    expect(c.coverage).toBe('50.0');
    expect(c.links.get('up')).toEqual({ ownState: 'gap', state: 'in_progress', leaf: false });
  });

  it('covers a parent when every child is covered, and keeps a parent a gap when nothing is below it', () => {
    const all = coverageOf([link('p', null), link('a', 'p', { existing: 1 }), link('b', 'p', { landed: 1 })]);
    expect(all.links.get('p')?.state).toBe('covered');
    const none = coverageOf([link('p', null), link('a', 'p', { targets: 2 }), link('b', 'p')]);
    expect(none.links.get('p')?.state).toBe('gap');
    expect(none.gapIds).toEqual(['a', 'b']);
  });

  it('does not let an enterprise on a parent fill its children’s gaps', () => {
    const c = coverageOf([
      link('p', null, { chainLeaders: 1 }),
      link('a', 'p'),
      link('b', 'p', { signed: 1 }),
    ]);
    expect(c.links.get('p')?.state).toBe('covered');
    expect(c.links.get('a')?.state).toBe('gap');
    expect(c.gapIds).toEqual(['a']);
    expect(c.coverage).toBe('0.0');
  });

  it('has no percentage for a chain without links', () => {
    const c = coverageOf([]);
    expect(c.coverage).toBeNull();
    expect(c.gaps).toBe(0);
  });
});

import { rateOf } from '../indicators/catalogue.js';

// Coverage of an industrial chain (产业链, DOMAIN §2 *Network*): which links the district holds, which it is working
// on, and which nobody works on (补链 gaps). Pure: the server counts what sits on each link, this decides the
// states, so the list, the detail, the map and the tests all read one rule.

export const COVERAGE_STATES = ['covered', 'in_progress', 'gap'] as const;
export type CoverageState = (typeof COVERAGE_STATES)[number];

/** What sits on one link, counted district-wide (全区), whoever's unit owns the lead or project. */
export interface LinkCounts {
  /** enterprises placed on the link as chain leader (链主) */
  chainLeaders: number;
  /** the district's existing enterprises placed on the link (在区企业) */
  existing: number;
  /** open leads (new or following); declined leads do not count, converted ones count as their project */
  leads: number;
  /** projects by stage; withdrawn projects do not count at all */
  negotiating: number;
  signed: number;
  landed: number;
  started: number;
  producing: number;
  paused: number;
  /** target enterprises still pursued (neither converted nor dropped): candidates, never coverage */
  targets: number;
}

export const emptyCounts = (): LinkCounts => ({
  chainLeaders: 0,
  existing: 0,
  leads: 0,
  negotiating: 0,
  signed: 0,
  landed: 0,
  started: 0,
  producing: 0,
  paused: 0,
  targets: 0,
});

/**
 * The state of a link from what is placed directly on it:
 * - `covered`: an enterprise is there (chain leader or existing) or a project has landed, started or produces;
 * - `in_progress` (在谈在建): only open leads or projects not yet landed (negotiating, signed, paused: someone
 *   holds it, nothing stands on the ground yet);
 * - `gap` (空白): no enterprise, lead or project. Target enterprises do NOT fill a gap: a list of firms we would
 *   like is not work on the link; the gap list shows them as the candidates that would fill it (补链).
 */
export function ownStateOf(c: LinkCounts): CoverageState {
  if (c.chainLeaders + c.existing + c.landed + c.started + c.producing > 0) return 'covered';
  if (c.leads + c.negotiating + c.signed + c.paused > 0) return 'in_progress';
  return 'gap';
}

export interface CoverageLink {
  id: string;
  parentId: string | null;
  counts: LinkCounts;
}

export interface LinkCoverage {
  /** from what is placed on the link itself */
  ownState: CoverageState;
  /** what the map shows: for a parent, its own state combined with its children's (see coverageOf) */
  state: CoverageState;
  leaf: boolean;
}

export interface ChainCoverage {
  links: Map<string, LinkCoverage>;
  linkCount: number;
  leafCount: number;
  covered: number;
  inProgress: number;
  gaps: number;
  /** covered leaves ÷ leaves in percent, one decimal half-up; null for a chain without links */
  coverage: string | null;
  /** the leaf links in `gap` state, in the order given */
  gapIds: string[];
}

/**
 * Coverage of one chain's link tree.
 *
 * The chain's needs are its LEAF links (a link without children): a parent such as 表面处理 with children 电镀 and
 * 达克罗 is only the heading of its specific needs. So the percentage is covered leaves ÷ leaves, and the gap
 * list and gap count are leaves in `gap` state. A parent covers through its children, not the other way round:
 * its map state is `covered` when something covers it directly or every child is covered, `gap` when neither it
 * nor any descendant has anything, and `in_progress` otherwise; an enterprise placed on the parent does not
 * fill its children's gaps (the children are the more specific needs it may still lack).
 */
export function coverageOf(links: readonly CoverageLink[]): ChainCoverage {
  const children = new Map<string, string[]>();
  const byId = new Map(links.map((l) => [l.id, l]));
  for (const l of links) {
    // A parent outside the given links (should not happen) makes the link a root rather than an orphan.
    const parent = l.parentId && byId.has(l.parentId) ? l.parentId : null;
    if (parent) children.set(parent, [...(children.get(parent) ?? []), l.id]);
  }
  const result = new Map<string, LinkCoverage>();
  const visiting = new Set<string>();
  const resolve = (id: string): LinkCoverage => {
    const done = result.get(id);
    if (done) return done;
    const link = byId.get(id) as CoverageLink;
    const own = ownStateOf(link.counts);
    // A cycle cannot come from the service (moves are checked); guard anyway so a bad row cannot hang a page.
    const kids = visiting.has(id) ? [] : (children.get(id) ?? []);
    visiting.add(id);
    const kidStates = kids.map((k) => resolve(k).state);
    visiting.delete(id);
    let state: CoverageState = own;
    if (kidStates.length > 0) {
      if (own === 'covered' || kidStates.every((s) => s === 'covered')) state = 'covered';
      else if (own === 'gap' && kidStates.every((s) => s === 'gap')) state = 'gap';
      else state = 'in_progress';
    }
    const out = { ownState: own, state, leaf: kids.length === 0 };
    result.set(id, out);
    return out;
  };
  for (const l of links) resolve(l.id);

  let leafCount = 0;
  let covered = 0;
  let inProgress = 0;
  const gapIds: string[] = [];
  for (const l of links) {
    const c = result.get(l.id) as LinkCoverage;
    if (!c.leaf) continue;
    leafCount += 1;
    if (c.state === 'covered') covered += 1;
    else if (c.state === 'in_progress') inProgress += 1;
    else gapIds.push(l.id);
  }
  return {
    links: result,
    linkCount: links.length,
    leafCount,
    covered,
    inProgress,
    gaps: gapIds.length,
    coverage: rateOf({ numerator: covered, denominator: leafCount }, 1),
    gapIds,
  };
}

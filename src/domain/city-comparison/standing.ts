import type { CityStanding } from '../bulletins/snapshot.js';
import { compareDecimal, subtractDecimal } from '../progress/progress.js';

// The district among the districts of the city on one indicator (横向对比, issue 4 item 7). Pure and exact:
// figures are decimal text in the indicator's stored unit (元, 美分, counts) and every gap is computed on
// their digits, never through floats (money can exceed 2^53 and a 0.1 gap must print as 0.1).
// Higher is better for every comparison indicator.

export interface PeerValue {
  name: string;
  value: string;
}

export interface StandingInput {
  ours: string | null;
  peers: PeerValue[];
  /** The rank aimed for (全市前三 = 3). */
  goalRank: number;
}

export type Standing = Pick<
  CityStanding,
  'ours' | 'rank' | 'of' | 'ahead' | 'behind' | 'goalRank' | 'toGoal'
>;

/** Decimal text without a trailing fraction of zeros ("12.5000" → "12.5", "3.0" → "3", "-0" → "0"). */
export function normalizeDecimal(v: string | number): string {
  let s = typeof v === 'number' ? numberText(v) : v.trim();
  if (s.includes('.')) s = s.replace(/\.?0+$/, '');
  if (s.startsWith('+')) s = s.slice(1);
  const neg = s.startsWith('-');
  let digits = neg ? s.slice(1) : s;
  digits = digits.replace(/^0+(?=\d)/, '');
  if (digits === '' || digits === '0') return '0';
  return neg ? `-${digits}` : digits;
}

/** A JS number as plain decimal text (no exponent), at most 4 decimals (counts are multiples of 1/10000). */
const numberText = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(4));

/**
 * Our rank (1 = best; ties share: 100, 100, 90 → 1, 1, 3) among every district with a figure (us included),
 * the nearest district strictly ahead (标兵, gap = its value − ours) and strictly behind (追兵, gap = ours −
 * its), and what we must add to reach at least the value that now holds the goal rank (0 when we are there,
 * or when there are fewer districts than the goal rank: then we are inside it whatever we do).
 * Without a figure of our own: rank, 标兵, 追兵 and toGoal are null; `of` counts the peers.
 * Several peers with the same value next to us: the 标兵/追兵 is the first of them by name (a stable choice).
 */
export function standingOf(input: StandingInput): Standing {
  const peers = input.peers
    .map((p) => ({ name: p.name, value: normalizeDecimal(p.value) }))
    .sort((a, b) => compareDecimal(b.value, a.value) || a.name.localeCompare(b.name, 'zh-CN'));
  const goalRank = input.goalRank;
  if (input.ours === null) {
    return { ours: null, rank: null, of: peers.length, ahead: null, behind: null, goalRank, toGoal: null };
  }
  const ours = normalizeDecimal(input.ours);
  const higher = peers.filter((p) => compareDecimal(p.value, ours) > 0);
  const lower = peers.filter((p) => compareDecimal(p.value, ours) < 0);
  const rank = higher.length + 1;
  const of = peers.length + 1;
  // Nearest strictly ahead: the lowest of the higher values (the last of them in descending order, but the
  // first by name among equals).
  const aheadP = higher.length
    ? higher.find((p) => compareDecimal(p.value, higher[higher.length - 1]!.value) === 0)!
    : null;
  const behindP = lower[0] ?? null;
  // The value that holds the goal rank now: the goalRank-th value in descending order of every district.
  let toGoal = '0';
  if (rank > goalRank && of >= goalRank) {
    // We are behind at least goalRank peers, so the goal value is the goalRank-th peer.
    const goalValue = peers[goalRank - 1]!.value;
    toGoal = normalizeDecimal(subtractDecimal(goalValue, ours));
  }
  return {
    ours,
    rank,
    of,
    ahead: aheadP
      ? { name: aheadP.name, value: aheadP.value, gap: normalizeDecimal(subtractDecimal(aheadP.value, ours)) }
      : null,
    behind: behindP
      ? {
          name: behindP.name,
          value: behindP.value,
          gap: normalizeDecimal(subtractDecimal(ours, behindP.value)),
        }
      : null,
    goalRank,
    toGoal,
  };
}

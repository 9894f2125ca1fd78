// Co-credit (DOMAIN §2 *Money over time*): one project is credited once; when the center decides that several
// units share an enterprise's projects, the shares are explicit, in basis points (1/100 of a percent) that sum
// to exactly 10000, so the rolled-up figures add back to the whole.

export const FULL_CREDIT_BP = 10_000;

export interface CreditShare {
  unitId: string;
  basisPoints: number;
}

export type CreditShareProblem =
  | { code: 'too_few' }
  | { code: 'not_positive'; unitId: string }
  | { code: 'duplicate'; unitId: string }
  | { code: 'not_in_conflict'; unitId: string }
  | { code: 'sum'; total: number };

/** Shares for co-credit among the units in conflict: at least two, each positive, distinct, summing to 100%. */
export function checkCreditShares(
  shares: readonly CreditShare[],
  unitsInConflict: readonly string[],
): CreditShareProblem[] {
  const problems: CreditShareProblem[] = [];
  if (shares.length < 2) problems.push({ code: 'too_few' });
  const seen = new Set<string>();
  const allowed = new Set(unitsInConflict);
  for (const s of shares) {
    if (!Number.isInteger(s.basisPoints) || s.basisPoints <= 0) {
      problems.push({ code: 'not_positive', unitId: s.unitId });
    }
    if (seen.has(s.unitId)) problems.push({ code: 'duplicate', unitId: s.unitId });
    seen.add(s.unitId);
    if (!allowed.has(s.unitId)) problems.push({ code: 'not_in_conflict', unitId: s.unitId });
  }
  const total = shares.reduce((n, s) => n + s.basisPoints, 0);
  if (total !== FULL_CREDIT_BP) problems.push({ code: 'sum', total });
  return problems;
}

export function describeCreditShareProblem(p: CreditShareProblem): { en: string; zh: string } {
  switch (p.code) {
    case 'too_few':
      return { en: 'Co-credit needs at least two units.', zh: '共同计分至少需要两个单位。' };
    case 'not_positive':
      return { en: 'Every share must be more than 0%.', zh: '每个单位的分成比例须大于0%。' };
    case 'duplicate':
      return { en: 'A unit is listed twice.', zh: '同一单位不能重复列出。' };
    case 'not_in_conflict':
      return {
        en: 'Only the units chasing this enterprise can share its credit.',
        zh: '只有正在对接该企业的单位才能参与分成。',
      };
    case 'sum':
      return {
        en: `The shares must add up to 100% (now ${formatBasisPoints(p.total)}%).`,
        zh: `各单位分成比例合计须为100%（当前为${formatBasisPoints(p.total)}%）。`,
      };
  }
}

/** "33.33" (percent, at most two decimals) → 3333; null when it is not such a number. */
export function percentToBasisPoints(percent: string): number | null {
  const m = /^\s*(\d{1,3})(?:\.(\d{1,2}))?\s*$/.exec(percent);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 3333 → "33.33", 5000 → "50". */
export function formatBasisPoints(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = Math.abs(bp % 100);
  return frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}

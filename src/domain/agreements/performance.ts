// 履约 (DOMAIN §2 Agreement and performance): whether what the investor promised is happening on time. Pure, so
// the project page, the overdue list and later the 履约率 indicator all judge a project the same way.

export const MILESTONE_STATUSES = ['pending', 'met', 'missed', 'waived'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export const PERFORMANCE_STATUSES = ['performing', 'behind', 'not_due', 'none'] as const;
export type PerformanceStatus = (typeof PERFORMANCE_STATUSES)[number];

export const PERFORMANCE_LABELS: Record<PerformanceStatus, { zh: string; en: string }> = {
  performing: { zh: '正常履约', en: 'Performing' },
  behind: { zh: '履约滞后', en: 'Behind' },
  not_due: { zh: '未到期', en: 'Not yet due' },
  none: { zh: '无履约节点', en: 'No milestones' },
};

export interface MilestoneFacts {
  id: string;
  dueDate: string;
  status: MilestoneStatus;
}

/** Pending past its due date (a milestone due today is still on time today). */
export function isOverdue(m: MilestoneFacts, today: string): boolean {
  return m.status === 'pending' && m.dueDate < today;
}

/**
 * - none: no milestones (or only waived ones): nothing was promised that can be judged
 * - behind: any milestone missed, or pending past its due date (those are returned as `overdue`)
 * - performing: at least one milestone met, and nothing missed or overdue
 * - not_due: everything still pending, none past its due date
 */
export function performanceOf<M extends MilestoneFacts>(
  milestones: readonly M[],
  today: string,
): { status: PerformanceStatus; overdue: M[] } {
  const judged = milestones.filter((m) => m.status !== 'waived');
  const overdue = judged.filter((m) => isOverdue(m, today));
  if (judged.length === 0) return { status: 'none', overdue };
  if (overdue.length > 0 || judged.some((m) => m.status === 'missed')) return { status: 'behind', overdue };
  if (judged.some((m) => m.status === 'met')) return { status: 'performing', overdue };
  return { status: 'not_due', overdue };
}

/** 履约率 = projects performing as agreed ÷ signed projects due (those performing or behind), as counts. */
export function performanceRate(statuses: Iterable<PerformanceStatus>): { performing: number; due: number } {
  let performing = 0;
  let due = 0;
  for (const s of statuses) {
    if (s === 'performing') performing++;
    if (s === 'performing' || s === 'behind') due++;
  }
  return { performing, due };
}

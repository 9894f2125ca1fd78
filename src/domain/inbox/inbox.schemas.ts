import { z } from 'zod';
import { addDays } from '../dates.js';

// 部门待办 (issue 5 item 9): everything assigned to a department that still waits on it, in one list: overdue
// first (most overdue first), then what falls due within the week, then the rest by due date.

export const INBOX_KINDS = ['problem', 'procedure', 'opinion', 'commitment', 'supervision'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];
export const INBOX_KIND_LABELS: Record<InboxKind, { zh: string; en: string }> = {
  problem: { zh: '问题', en: 'Problem' },
  procedure: { zh: '手续', en: 'Procedure' },
  opinion: { zh: '预审意见', en: 'Pre-review opinion' },
  commitment: { zh: '承诺事项', en: 'Commitment' },
  supervision: { zh: '督办单', en: 'Supervision notice' },
};

export const INBOX_GROUPS = ['overdue', 'this_week', 'later'] as const;
export type InboxGroup = (typeof INBOX_GROUPS)[number];

/**
 * The group of a due date on `today`: past due → overdue; due today through six days ahead → this week (a
 * rolling seven days, so a Saturday still shows next week's Friday); later or no date → later.
 */
export function inboxGroupOf(dueOn: string | null, today: string): InboxGroup {
  if (dueOn === null) return 'later';
  if (dueOn < today) return 'overdue';
  return dueOn <= addDays(today, 6) ? 'this_week' : 'later';
}

/** Due date ascending, undated last: overdue rows come first, the most overdue first, without a second key. */
export function compareInbox(
  a: { dueOn: string | null; title: string },
  b: { dueOn: string | null; title: string },
) {
  if (a.dueOn !== b.dueOn) {
    if (a.dueOn === null) return 1;
    if (b.dueOn === null) return -1;
    return a.dueOn < b.dueOn ? -1 : 1;
  }
  return a.title.localeCompare(b.title, 'zh-CN');
}

export const inboxItemSchema = z.object({
  kind: z.enum(INBOX_KINDS),
  id: z.string(),
  title: z.string(),
  /** The step the department owes (e.g. 已交办 → 承办; 待回复). */
  status: z.string(),
  projectId: z.string().nullable(),
  projectName: z.string().nullable(),
  unitName: z.string().nullable(),
  dueOn: z.string().nullable(),
  daysOverdue: z.number().int(),
  group: z.enum(INBOX_GROUPS),
  /** In-app address of the item (a department cannot open a town's project page). */
  link: z.string(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const inboxSchema = z.object({
  today: z.string(),
  departmentName: z.string(),
  counts: z.object({
    overdue: z.number().int(),
    thisWeek: z.number().int(),
    later: z.number().int(),
    total: z.number().int(),
  }),
  items: z.array(inboxItemSchema),
});
export type Inbox = z.infer<typeof inboxSchema>;

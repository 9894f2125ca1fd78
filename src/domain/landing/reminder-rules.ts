import { z } from 'zod';

// What the reminder job checks (issue 5 item 8), one rule per kind. A district without a reminder_rules row for
// a kind runs on the defaults below, so a fresh install reminds from the first run and the center only edits
// what it wants different.

export const REMINDER_KINDS = [
  'lead_clock',
  'procedure',
  'problem',
  'commitment',
  'milestone',
  'capital_report',
  'pre_review_opinion',
  'first_contact',
  'supervision_notice',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const OUTBOUND_CHANNELS = ['email', 'sms', 'wecom'] as const;
export type OutboundChannel = (typeof OUTBOUND_CHANNELS)[number];

export const REMINDER_KIND_LABELS: Record<ReminderKind, string> = {
  lead_clock: '线索服务时限',
  procedure: '项目手续',
  problem: '问题清单',
  commitment: '承诺事项',
  milestone: '协议节点',
  capital_report: '资金月报',
  pre_review_opinion: '预审意见',
  first_contact: '首席服务员',
  supervision_notice: '督办单',
};

export const CHANNEL_LABELS: Record<OutboundChannel, string> = {
  email: '邮件',
  sms: '短信',
  wecom: '企业微信',
};

export interface ReminderRule {
  kind: ReminderKind;
  enabled: boolean;
  /** Warn this many days before the due date (0 = only once overdue). */
  daysBefore: number;
  /** Problems only: days past the deadline before escalating; null = the district's problem_escalate_days. */
  escalateAfterDays: number | null;
  channels: OutboundChannel[];
}

export const reminderRuleSchema = z.object({
  kind: z.enum(REMINDER_KINDS),
  enabled: z.boolean(),
  daysBefore: z.number().int().min(0).max(60),
  escalateAfterDays: z.number().int().min(0).max(90).nullable(),
  channels: z.array(z.enum(OUTBOUND_CHANNELS)).max(3),
});

/** Three days' warning, no escalation override, in-app only: outbound channels are opt-in per district. */
export function defaultRule(kind: ReminderKind): ReminderRule {
  return { kind, enabled: true, daysBefore: 3, escalateAfterDays: null, channels: [] };
}

/** The district's rules for every kind: its own rows where it has them, the defaults elsewhere. */
export function effectiveRules(
  rows: readonly {
    kind: string;
    enabled: boolean;
    daysBefore: number;
    escalateAfterDays: number | null;
    channels: readonly string[];
  }[],
): Record<ReminderKind, ReminderRule> {
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  const out = {} as Record<ReminderKind, ReminderRule>;
  for (const kind of REMINDER_KINDS) {
    const r = byKind.get(kind);
    out[kind] = r
      ? {
          kind,
          enabled: r.enabled,
          daysBefore: r.daysBefore,
          escalateAfterDays: r.escalateAfterDays,
          channels: r.channels.filter((c): c is OutboundChannel =>
            (OUTBOUND_CHANNELS as readonly string[]).includes(c),
          ),
        }
      : defaultRule(kind);
  }
  return out;
}

/**
 * The escalation level an open problem has reached: 1 (the leader in charge) once it is more than `wait` days
 * past its deadline, 2 (also the supervision office) once more than twice that. `wait` is already shortened
 * for a green-channel project (clockDays).
 */
export function escalationLevel(daysPastDeadline: number, wait: number): 0 | 1 | 2 {
  if (daysPastDeadline <= 0) return 0;
  if (daysPastDeadline > 2 * wait) return 2;
  if (daysPastDeadline > wait) return 1;
  return 0;
}

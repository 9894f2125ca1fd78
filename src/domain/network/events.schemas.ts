import { z } from 'zod';
import { isIsoDate } from '../dates.js';
import { LEAD_STATUSES } from '../leads/leads.schemas.js';
import { amountString } from '../money/money.js';
import { STAGES } from '../projects/stages.js';
import { outcomeSchema } from './network.schemas.js';
import { EVENT_KINDS } from './network-codes.js';

// 招商活动 (issue 7 item 3): expos, promotion meetings, forums, trips out and delegations in; whom they met, the
// leads that came of the meetings, the follow-up tasks (紧盯不放) and what the effort produced for what it cost.

const day = z.string().refine(isIsoDate, 'A calendar date YYYY-MM-DD');
const version = z.number().int().min(1);
const text = (max: number) => z.string().trim().max(max).nullable();

export const eventKindSchema = z.enum(EVENT_KINDS);

// ---- the event -------------------------------------------------------------------------------------------

const eventFields = {
  kind: eventKindSchema,
  name: z.string().trim().min(1).max(100),
  startsOn: day,
  endsOn: day,
  place: text(100),
  organiser: text(100),
  /** Units taking part besides the organising unit: they read the event too. */
  participantUnitIds: z.array(z.string().uuid()).max(50),
  /** Leaders who went, by name (the speech wants leaders out in front). */
  leaders: z.array(z.string().trim().min(1).max(40)).max(20),
  participants: text(2000),
  /** 元 spent, integer string. */
  costYuan: amountString.nullable(),
  personDays: z.number().int().min(0).max(100_000).nullable(),
  summary: text(4000),
};

const datesInOrder = (v: { startsOn?: string; endsOn?: string }) =>
  !v.startsOn || !v.endsOn || v.endsOn >= v.startsOn;
const datesMessage = { message: 'The end date must not be before the start date', path: ['endsOn'] };

export const createEventInput = z
  .object({
    unitId: z.string().uuid(),
    ...eventFields,
    place: eventFields.place.default(null),
    organiser: eventFields.organiser.default(null),
    participantUnitIds: eventFields.participantUnitIds.default([]),
    leaders: eventFields.leaders.default([]),
    participants: eventFields.participants.default(null),
    costYuan: eventFields.costYuan.default(null),
    personDays: eventFields.personDays.default(null),
    summary: eventFields.summary.default(null),
  })
  .refine(datesInOrder, datesMessage);
export type CreateEventInput = z.infer<typeof createEventInput>;

/** `version` is the one the editor loaded: a stale edit is refused (409) rather than silently overwriting. */
export const updateEventInput = z
  .object({ version, ...eventFields })
  .partial()
  .required({ version: true })
  .refine(datesInOrder, datesMessage);
export type UpdateEventInput = z.infer<typeof updateEventInput>;

export const eventListQuery = z
  .object({
    /** name or pinyin */
    q: z.string().trim().max(60).optional(),
    kind: eventKindSchema.optional(),
    /** events overlapping [from, to] */
    from: day.optional(),
    to: day.optional(),
    /** organised by this unit or with it taking part */
    unitId: z.string().uuid().optional(),
    /** only events a leader went to */
    led: z.enum(['true']).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['to'] });
export type EventListQuery = z.infer<typeof eventListQuery>;

export const eventSummarySchema = z.object({
  id: z.string().uuid(),
  kind: eventKindSchema,
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  place: z.string().nullable(),
  unitId: z.string().uuid(),
  unitName: z.string(),
  participantUnitIds: z.array(z.string().uuid()),
  leaders: z.array(z.string()),
  meetings: z.number().int(),
  leads: z.number().int(),
  openTasks: z.number().int(),
  overdueTasks: z.number().int(),
});
export type EventSummary = z.infer<typeof eventSummarySchema>;

export const calendarQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month YYYY-MM'),
  unitId: z.string().uuid().optional(),
});
/** One event in the month's calendar: just enough to draw it on its days. */
export const calendarItemSchema = z.object({
  id: z.string().uuid(),
  kind: eventKindSchema,
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  unitName: z.string(),
  led: z.boolean(),
});
export type CalendarItem = z.infer<typeof calendarItemSchema>;

export const eventSchema = z.object({
  id: z.string().uuid(),
  districtId: z.string().uuid(),
  unitId: z.string().uuid(),
  unitName: z.string(),
  kind: eventKindSchema,
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  place: z.string().nullable(),
  organiser: z.string().nullable(),
  participantUnitIds: z.array(z.string().uuid()),
  participantUnits: z.array(z.object({ id: z.string().uuid(), name: z.string() })),
  leaders: z.array(z.string()),
  participants: z.string().nullable(),
  costYuan: z.string().nullable(),
  personDays: z.number().int().nullable(),
  summary: z.string().nullable(),
  /** The caller may edit the event, its meetings and its tasks (the organising unit and the center). */
  writable: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EventView = z.infer<typeof eventSchema>;

// ---- meetings --------------------------------------------------------------------------------------------

const meetingFields = {
  enterpriseId: z.string().uuid(),
  metOn: day,
  contactPerson: text(40),
  notes: text(2000),
};
export const meetingInput = z.object({
  ...meetingFields,
  contactPerson: meetingFields.contactPerson.default(null),
  notes: meetingFields.notes.default(null),
});
export type MeetingInput = z.infer<typeof meetingInput>;
/** A patch names at least one field (an empty one is a mistake, not a save). */
const notEmpty = { message: 'Nothing to change', path: [] as string[] };
export const updateMeetingInput = z
  .object(meetingFields)
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), notEmpty);
export type UpdateMeetingInput = z.infer<typeof updateMeetingInput>;

export const meetingSchema = z.object({
  id: z.string().uuid(),
  eventId: z.string().uuid(),
  enterpriseId: z.string().uuid(),
  enterpriseName: z.string(),
  metOn: z.string(),
  contactPerson: z.string().nullable(),
  notes: z.string().nullable(),
  /** The lead that came of the meeting; its title and status only when the caller may read the lead. */
  leadId: z.string().uuid().nullable(),
  leadTitle: z.string().nullable(),
  leadStatus: z.enum(LEAD_STATUSES).nullable(),
});
export type MeetingView = z.infer<typeof meetingSchema>;

/** 转为线索: the lead's few fields; the rest comes from the meeting (enterprise, date, notes) and the event. */
export const meetingLeadInput = z.object({
  title: z.string().trim().min(2).max(100),
  /** The unit that follows the lead up; the organising unit when left out. */
  unitId: z.string().uuid().optional(),
  intendedAmountYuan: amountString.nullable().default(null),
});
export type MeetingLeadInput = z.infer<typeof meetingLeadInput>;

// ---- follow-up tasks -------------------------------------------------------------------------------------

const taskFields = {
  title: z.string().trim().min(1).max(200),
  ownerUnitId: z.string().uuid(),
  ownerName: text(40),
  dueOn: day,
  note: text(2000),
};
export const taskInput = z.object({
  ...taskFields,
  ownerName: taskFields.ownerName.default(null),
  note: taskFields.note.default(null),
});
export type TaskInput = z.infer<typeof taskInput>;
export const updateTaskInput = z
  .object(taskFields)
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), notEmpty);
export type UpdateTaskInput = z.infer<typeof updateTaskInput>;
/** Mark done (on a date, today when left out) or open again. */
export const taskDoneInput = z.object({ done: z.boolean(), on: day.optional() });
export type TaskDoneInput = z.infer<typeof taskDoneInput>;

export const taskSchema = z.object({
  id: z.string().uuid(),
  eventId: z.string().uuid(),
  eventName: z.string(),
  title: z.string(),
  ownerUnitId: z.string().uuid(),
  ownerUnitName: z.string(),
  ownerName: z.string().nullable(),
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  note: z.string().nullable(),
  /** Open and due before today (China calendar). */
  overdue: z.boolean(),
  /** The caller may mark it done: the event's writers and the task's owner unit. */
  canComplete: z.boolean(),
});
export type TaskView = z.infer<typeof taskSchema>;

export const taskListQuery = z.object({
  open: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type TaskListQuery = z.infer<typeof taskListQuery>;

// ---- outcome ---------------------------------------------------------------------------------------------

export const eventOutcomeSchema = z.object({
  /** The window outcomesBy counted over: from the event's first day to today. */
  from: z.string(),
  to: z.string(),
  figures: outcomeSchema,
  leads: z.array(
    z.object({
      id: z.string().uuid(),
      title: z.string(),
      enterpriseName: z.string(),
      unitName: z.string(),
      status: z.enum(LEAD_STATUSES),
      receivedOn: z.string(),
    }),
  ),
  projects: z.array(
    z.object({
      id: z.string().uuid(),
      name: z.string(),
      unitName: z.string(),
      stage: z.enum(STAGES),
      signingDate: z.string().nullable(),
      signedAmountYuan: z.string().nullable(),
      /** Signed on one of the event's own days (现场签约). */
      signedAtEvent: z.boolean(),
    }),
  ),
  signingsAtEvent: z.object({ count: z.number().int(), amountYuan: z.string() }),
  cost: z.object({
    costYuan: z.string().nullable(),
    personDays: z.number().int().nullable(),
    /** 万元 spent per lead / per signed project, 2 decimals rounded half up; null without cost or outcome. */
    wanPerLead: z.string().nullable(),
    wanPerSigned: z.string().nullable(),
    /** person-days per lead, 1 decimal rounded half up */
    daysPerLead: z.string().nullable(),
  }),
});
export type EventOutcome = z.infer<typeof eventOutcomeSchema>;

export const eventDetailSchema = z.object({
  event: eventSchema,
  meetings: z.array(meetingSchema),
  tasks: z.array(taskSchema),
  outcome: eventOutcomeSchema,
});
export type EventDetail = z.infer<typeof eventDetailSchema>;

/**
 * `amount ÷ count` as a decimal string with `digits` decimals, rounded half up, exactly (BigInt, no floats);
 * null when there is nothing to divide by or nothing spent. `scale` divides the amount first (10000 for 万元).
 */
export function perUnit(amount: bigint | null, count: number, digits: number, scale = 1n): string | null {
  if (amount === null || count <= 0) return null;
  const unit = 10n ** BigInt(digits);
  const num = amount * unit;
  const den = scale * BigInt(count);
  const q = (2n * num + den) / (2n * den);
  const whole = q / unit;
  const frac = (q % unit).toString().padStart(digits, '0');
  return digits > 0 ? `${whole}.${frac}` : whole.toString();
}

/** Whether [startsOn, endsOn] overlaps the month YYYY-MM. */
export function overlapsMonth(e: { startsOn: string; endsOn: string }, month: string): boolean {
  const first = `${month}-01`;
  const last = `${month}-31`;
  return e.startsOn <= last && e.endsOn >= first;
}

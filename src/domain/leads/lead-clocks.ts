import { addDays } from '../dates.js';
import type { LeadClockKind, LeadClockSettings, LeadClockState, LeadStatus } from './leads.schemas.js';

// The service clocks of a lead (DOMAIN §2, from published rules): respond in 1 day, screen in 3 days, feed back
// in 1 week, report every 2 weeks while following; a district may set its own numbers. Clocks are computed
// from the lead's dates, never stored, so a change of settings applies to every lead at once.

export interface LeadClockFacts {
  status: LeadStatus;
  receivedOn: string;
  respondedOn: string | null;
  screenedOn: string | null;
  fedBackOn: string | null;
  lastReportedOn: string | null;
}

export interface LeadClock {
  kind: LeadClockKind;
  /** The last day on which the step is on time; null when the clock does not run. */
  dueOn: string | null;
  doneOn: string | null;
  state: LeadClockState;
}

const later = (a: string, b: string | null) => (b !== null && b > a ? b : a);

/** A declined or converted lead is out of the unit's hands: its open clocks stop (a done one stays done). */
export function clocksStopped(status: LeadStatus): boolean {
  return status === 'declined' || status === 'converted';
}

function oneShot(
  kind: LeadClockKind,
  lead: LeadClockFacts,
  days: number,
  doneOn: string | null,
  today: string,
): LeadClock {
  const dueOn = addDays(lead.receivedOn, days);
  if (doneOn !== null) return { kind, dueOn, doneOn, state: 'done' };
  if (clocksStopped(lead.status)) return { kind, dueOn: null, doneOn: null, state: 'n/a' };
  return { kind, dueOn, doneOn: null, state: today > dueOn ? 'overdue' : 'due' };
}

export function leadClocks(lead: LeadClockFacts, settings: LeadClockSettings, today: string): LeadClock[] {
  const report: LeadClock =
    lead.status === 'following'
      ? (() => {
          // Every interval from the later of the screening (which started the following) and the last report.
          const from = later(lead.screenedOn ?? lead.receivedOn, lead.lastReportedOn);
          const dueOn = addDays(from, settings.reportIntervalDays);
          return {
            kind: 'report',
            dueOn,
            doneOn: lead.lastReportedOn,
            state: today > dueOn ? 'overdue' : 'due',
          };
        })()
      : { kind: 'report', dueOn: null, doneOn: lead.lastReportedOn, state: 'n/a' };
  return [
    oneShot('respond', lead, settings.respondDays, lead.respondedOn, today),
    oneShot('screen', lead, settings.screenDays, lead.screenedOn, today),
    oneShot('feedback', lead, settings.feedbackDays, lead.fedBackOn, today),
    report,
  ];
}

export function hasOverdueClock(clocks: readonly LeadClock[]): boolean {
  return clocks.some((c) => c.state === 'overdue');
}

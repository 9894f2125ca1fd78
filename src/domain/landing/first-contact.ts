import { addDays, daysBetween } from '../dates.js';
import { clockDays } from './clocks.js';

// 首席服务员: a signed project must have its first-contact officer named within the district's window
// (district_settings.first_contact_days, default 5; halved for a green-channel project). One rule for the team
// tab's warning, the center's list of unnamed officers, the inbox/dashboard and the reminder job.

export const DEFAULT_FIRST_CONTACT_DAYS = 5;

export interface FirstContactProject {
  signingDate: string | null;
  firstContactOfficer: string | null;
  greenChannel: boolean;
  /** A withdrawn (退库/终止) project no longer needs an officer; omit when the caller already left those out. */
  stage?: string;
}

export interface FirstContactSettings {
  firstContactDays: number;
}

export interface FirstContactCheck {
  /** The last day on which naming the officer is still on time (null when the project is not signed). */
  dueOn: string | null;
  overdue: boolean;
  /** Whole days past dueOn (0 when not overdue). */
  daysLate: number;
}

/**
 * Overdue when the project is signed, has no officer, and today is past signing date + window (the last day of
 * the window itself is not yet late, like every other clock in clocks.ts). A blank name counts as no officer.
 */
export function firstContactOverdue(
  project: FirstContactProject,
  settings: FirstContactSettings,
  today: string,
): FirstContactCheck {
  if (!project.signingDate) return { dueOn: null, overdue: false, daysLate: 0 };
  const dueOn = addDays(project.signingDate, clockDays(settings.firstContactDays, project.greenChannel));
  const named = (project.firstContactOfficer ?? '').trim().length > 0;
  if (named || project.stage === 'withdrawn' || today <= dueOn) return { dueOn, overdue: false, daysLate: 0 };
  return { dueOn, overdue: true, daysLate: daysBetween(dueOn, today) };
}

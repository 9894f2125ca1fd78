import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The platform runs on Beijing time whatever the browser's clock says. */
export const ZONE = 'Asia/Shanghai';

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.tz(ZONE).format('YYYY-MM-DD HH:mm:ss') : iso;
}

/** A wall-clock time picked in the UI, read as Beijing time, as an ISO instant for the API. */
export function pickedToIso(picked: Dayjs): string {
  return dayjs.tz(picked.format('YYYY-MM-DDTHH:mm:ss'), ZONE).toISOString();
}

export function isInFuture(iso: string | null | undefined): boolean {
  return !!iso && dayjs(iso).isAfter(dayjs());
}

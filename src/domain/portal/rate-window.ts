// Fixed-window rate limits of the public investor portal. The counters live in PostgreSQL (portal_rate_hits),
// so every app server counts into the same window; this file is only the arithmetic, shared by the server and
// its tests.

export interface RateRule {
  /** How many hits a key may make in one window. */
  limit: number;
  windowSeconds: number;
}

export const PORTAL_RATE_RULES = {
  /** Every request to one link from one address (reading the page, reporting, uploading, confirming). */
  request: { limit: 30, windowSeconds: 60 },
  /** Problems reported through one link, from any address. */
  report: { limit: 5, windowSeconds: 3600 },
} as const satisfies Record<string, RateRule>;

/** Windows older than this are of no use to any rule and may be deleted. */
export const PORTAL_RATE_KEEP_SECONDS = Math.max(
  ...Object.values(PORTAL_RATE_RULES).map((r) => r.windowSeconds),
);

export interface FixedWindow {
  /** Start of the window `at` falls in, aligned to the epoch so every server computes the same one. */
  start: Date;
  /** Whole seconds until the next window opens (at least 1): the Retry-After of a refused request. */
  retryAfterSeconds: number;
}

export function fixedWindow(at: Date, windowSeconds: number): FixedWindow {
  const size = windowSeconds * 1000;
  const start = Math.floor(at.getTime() / size) * size;
  const left = start + size - at.getTime();
  return { start: new Date(start), retryAfterSeconds: Math.max(1, Math.ceil(left / 1000)) };
}

/** The hit that makes the count `hits` is refused when it goes beyond the rule's limit. */
export function overLimit(hits: number, rule: RateRule): boolean {
  return hits > rule.limit;
}

/** Windows that started before this instant have ended for every rule. */
export function purgeBefore(at: Date): Date {
  return new Date(
    fixedWindow(at, PORTAL_RATE_KEEP_SECONDS).start.getTime() - PORTAL_RATE_KEEP_SECONDS * 1000,
  );
}

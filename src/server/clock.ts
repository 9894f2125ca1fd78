// Time comes from here so that tests can move it (session expiry, lockout windows) without sleeping.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function createTestClock(start = new Date('2026-03-02T01:00:00Z')) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
    set(d: Date) {
      t = d.getTime();
    },
  };
}
export type TestClock = ReturnType<typeof createTestClock>;

import { describe, expect, it } from 'vitest';
import { lockedUntil } from './lockout.js';
import { DEFAULT_SECURITY_POLICY } from './password-policy.js';

const t0 = new Date('2026-05-01T08:00:00Z');
const at = (min: number) => new Date(t0.getTime() + min * 60_000);
const fail = (min: number) => ({ at: at(min), success: false });

describe('lockedUntil', () => {
  it('locks for 30 minutes from the fifth failure within 15 minutes', () => {
    const attempts = [0, 1, 2, 3, 4].map(fail);
    expect(lockedUntil(attempts, null, DEFAULT_SECURITY_POLICY, at(5))).toEqual(at(34));
    expect(lockedUntil(attempts, null, DEFAULT_SECURITY_POLICY, at(34))).toBeNull();
  });
  it('does not lock when the failures are spread wider than the window', () => {
    expect(lockedUntil([0, 4, 8, 12, 16].map(fail), null, DEFAULT_SECURITY_POLICY, at(17))).toBeNull();
  });
  it('starts counting again after a success', () => {
    const attempts = [fail(0), fail(1), fail(2), { at: at(3), success: true }, fail(4), fail(5)];
    expect(lockedUntil(attempts, null, DEFAULT_SECURITY_POLICY, at(6))).toBeNull();
  });
  it('forgets failures before an administrator’s unlock', () => {
    expect(lockedUntil([0, 1, 2, 3, 4].map(fail), at(6), DEFAULT_SECURITY_POLICY, at(7))).toBeNull();
  });
});

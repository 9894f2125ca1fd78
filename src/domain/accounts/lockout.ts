import type { SecurityPolicy } from './password-policy.js';

export interface LoginAttempt {
  at: Date;
  success: boolean;
}

const MINUTE = 60_000;

/**
 * When an account (or an unknown name: a lock must not reveal that an account exists) is locked until:
 * `lockoutThreshold` failures within `lockoutWindowMinutes`, counted after the last success or the last
 * unlock by an administrator; the lock lasts `lockoutDurationMinutes` from the failure that set it.
 * `attempts` in time order. Returns null when not locked at `now`.
 */
export function lockedUntil(
  attempts: readonly LoginAttempt[],
  unlockedAt: Date | null,
  policy: Pick<SecurityPolicy, 'lockoutThreshold' | 'lockoutWindowMinutes' | 'lockoutDurationMinutes'>,
  now: Date,
): Date | null {
  let failures: Date[] = [];
  let until: Date | null = null;
  for (const a of attempts) {
    if (unlockedAt && a.at <= unlockedAt) continue;
    if (a.success) {
      failures = [];
      continue;
    }
    failures.push(a.at);
    const first = failures[failures.length - policy.lockoutThreshold];
    if (first && a.at.getTime() - first.getTime() <= policy.lockoutWindowMinutes * MINUTE) {
      until = new Date(a.at.getTime() + policy.lockoutDurationMinutes * MINUTE);
      failures = [];
    }
  }
  return until && until > now ? until : null;
}

/** How far back attempts matter for the lock state at `now`. */
export function lockoutHorizon(
  policy: Pick<SecurityPolicy, 'lockoutWindowMinutes' | 'lockoutDurationMinutes'>,
  now: Date,
): Date {
  return new Date(now.getTime() - (policy.lockoutWindowMinutes + policy.lockoutDurationMinutes) * MINUTE);
}

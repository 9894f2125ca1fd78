import crypto from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Role } from '../../../domain/access/roles.js';
import { lockedUntil as computeLockedUntil, lockoutHorizon } from '../../../domain/accounts/lockout.js';
import type { SecurityPolicy } from '../../../domain/accounts/password-policy.js';
import type { DB } from '../../db/schema.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SecurityPolicyRepository } from '../security-policy/security-policy.repository.js';
import { authErrors } from './auth.errors.js';
import { hashPassword, timingDummyHash, verifyPassword } from './password-hasher.js';
import { assertPasswordAcceptable } from './password-rules.js';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  unitName: string;
  unitKind: string;
  districtId: string;
  districtName: string;
  cityId: string | null;
  cityName: string | null;
  roles: Role[];
  mustChangePassword: boolean;
  passwordExpired: boolean;
  passwordPolicy: { minLength: number; minClasses: number };
}

export interface AuthContext {
  sessionId: string;
  csrfToken: string;
  user: SessionUser;
}

const MINUTE = 60_000;
// Writing last_seen_at on every request would turn each read into a write; a minute's slack on a 30-minute
// idle limit is harmless.
const TOUCH_INTERVAL_MS = MINUTE;

export function sessionIdOf(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

interface Deps {
  db: Kysely<DB>;
  audit: AuditRepository;
  policies: SecurityPolicyRepository;
  now: () => Date;
}

export function createAuthService({ db, audit, policies, now }: Deps) {
  async function loadSessionUser(
    userId: string,
    policy: SecurityPolicy,
    at: Date,
  ): Promise<SessionUser | null> {
    const row = await db
      .selectFrom('users as u')
      .innerJoin('units as un', 'un.id', 'u.unitId')
      .innerJoin('regions as d', 'd.id', 'u.districtId')
      .leftJoin('regions as c', 'c.id', 'd.parentId')
      .select([
        'u.id',
        'u.username',
        'u.displayName',
        'u.unitId',
        'un.name as unitName',
        'un.kind as unitKind',
        'u.districtId',
        'd.name as districtName',
        'c.id as cityId',
        'c.name as cityName',
        'u.mustChangePassword',
        'u.passwordChangedAt',
        'u.status',
        sql<string[]>`array(select role from user_roles r where r.user_id = u.id order by role)`.as('roles'),
      ])
      .where('u.id', '=', userId)
      .executeTakeFirst();
    if (row?.status !== 'active') return null;
    const maxAgeMs = policy.passwordMaxAgeDays * 24 * 60 * MINUTE;
    return {
      id: row.id,
      username: row.username,
      displayName: row.displayName,
      unitId: row.unitId,
      unitName: row.unitName,
      unitKind: row.unitKind,
      districtId: row.districtId,
      districtName: row.districtName,
      cityId: row.cityId,
      cityName: row.cityName,
      roles: row.roles as Role[],
      mustChangePassword: row.mustChangePassword,
      passwordExpired: maxAgeMs > 0 && at.getTime() - row.passwordChangedAt.getTime() > maxAgeMs,
      passwordPolicy: { minLength: policy.passwordMinLength, minClasses: policy.passwordMinClasses },
    };
  }

  /** Lock states of several names at once (the users list shows them), from the attempts table. */
  async function lockStates(
    usernamesNorm: string[],
    policy: SecurityPolicy,
    at: Date,
  ): Promise<Map<string, Date | null>> {
    const out = new Map<string, Date | null>(usernamesNorm.map((u) => [u, null]));
    if (usernamesNorm.length === 0) return out;
    const [unlocks, attempts] = await Promise.all([
      db
        .selectFrom('users')
        .select([sql<string>`lower(username)`.as('norm'), 'unlockedAt'])
        .where(sql`lower(username)`, 'in', usernamesNorm)
        .execute(),
      db
        .selectFrom('loginAttempts')
        .select(['usernameNorm', 'at', 'success'])
        .where('usernameNorm', 'in', usernamesNorm)
        .where('at', '>', lockoutHorizon(policy, at))
        .orderBy('at')
        .orderBy('id')
        .execute(),
    ]);
    const unlockedAt = new Map(unlocks.map((u) => [u.norm, u.unlockedAt]));
    for (const name of usernamesNorm) {
      const mine = attempts.filter((a) => a.usernameNorm === name);
      out.set(name, computeLockedUntil(mine, unlockedAt.get(name) ?? null, policy, at));
    }
    return out;
  }

  async function lockedUntil(usernameNorm: string, policy: SecurityPolicy, at: Date): Promise<Date | null> {
    return (await lockStates([usernameNorm], policy, at)).get(usernameNorm) ?? null;
  }

  async function ipThrottled(ip: string, policy: SecurityPolicy, at: Date): Promise<boolean> {
    const since = new Date(at.getTime() - policy.ipThrottleWindowMinutes * MINUTE);
    const r = await db
      .selectFrom('loginAttempts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('ip', '=', ip)
      .where('success', '=', false)
      .where('at', '>', since)
      .executeTakeFirstOrThrow();
    return Number(r.n) >= policy.ipThrottleMaxFailures;
  }

  async function recordAttempt(usernameNorm: string, ip: string, success: boolean, at: Date) {
    await db.insertInto('loginAttempts').values({ usernameNorm, ip, at, success }).execute();
  }

  async function login(input: {
    username: string;
    password: string;
    ip: string;
    userAgent: string | null;
    requestId: string;
    previousToken?: string;
  }): Promise<{ token: string; auth: AuthContext; absoluteExpiry: Date }> {
    const at = now();
    const policy = await policies.get();
    const norm = input.username.trim().toLowerCase();
    const anonymous: AuditActor = {
      userId: null,
      username: input.username.trim().slice(0, 64),
      roles: [],
      unitId: null,
      districtId: null,
      ip: input.ip,
      requestId: input.requestId,
    };
    const fail = async (detail: string, err: Error) => {
      await audit.appendStandalone(anonymous, { action: 'auth.login', result: 'failure', detail });
      return err;
    };

    if (await ipThrottled(input.ip, policy, at)) {
      throw await fail('ip_throttled', authErrors.ipThrottled(policy.ipThrottleWindowMinutes));
    }
    if (await lockedUntil(norm, policy, at)) {
      throw await fail('locked', authErrors.locked(policy.lockoutDurationMinutes));
    }
    const user = await db
      .selectFrom('users')
      .select(['id', 'passwordHash', 'status', 'unitId', 'districtId'])
      .where(sql`lower(username)`, '=', norm)
      .executeTakeFirst();
    const ok = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), input.password);
    if (!user || !ok) {
      await recordAttempt(norm, input.ip, false, at);
      if (user)
        Object.assign(anonymous, { userId: user.id, unitId: user.unitId, districtId: user.districtId });
      const nowLocked = await lockedUntil(norm, policy, at);
      throw await fail(
        user ? 'wrong_password' : 'unknown_user',
        nowLocked ? authErrors.locked(policy.lockoutDurationMinutes) : authErrors.invalidCredentials(),
      );
    }
    if (user.status !== 'active') {
      Object.assign(anonymous, { userId: user.id, unitId: user.unitId, districtId: user.districtId });
      throw await fail('disabled', authErrors.disabled());
    }
    const sessionUser = await loadSessionUser(user.id, policy, at);
    if (!sessionUser) throw await fail('disabled', authErrors.disabled());

    const token = crypto.randomBytes(32).toString('base64url');
    const csrfToken = crypto.randomBytes(24).toString('base64url');
    const absoluteExpiry = new Date(at.getTime() + policy.sessionAbsoluteHours * 60 * MINUTE);
    const sessionId = sessionIdOf(token);
    await db.transaction().execute(async (trx) => {
      if (input.previousToken)
        await trx.deleteFrom('sessions').where('id', '=', sessionIdOf(input.previousToken)).execute();
      await trx
        .insertInto('sessions')
        .values({
          id: sessionId,
          userId: user.id,
          districtId: user.districtId,
          csrfToken,
          createdAt: at,
          lastSeenAt: at,
          expiresAt: absoluteExpiry,
          ip: input.ip,
          userAgent: input.userAgent?.slice(0, 300) ?? null,
        })
        .execute();
      await trx.updateTable('users').set({ lastLoginAt: at }).where('id', '=', user.id).execute();
      await trx
        .insertInto('loginAttempts')
        .values({ usernameNorm: norm, ip: input.ip, at, success: true })
        .execute();
      await audit.append(trx, actorFrom(sessionUser, input.ip, input.requestId), {
        action: 'auth.login',
        objectType: 'user',
        objectId: user.id,
        result: 'success',
      });
    });
    return { token, absoluteExpiry, auth: { sessionId, csrfToken, user: sessionUser } };
  }

  /** The session behind a cookie, or null when it is unknown, idle too long, past its absolute expiry, or its user is disabled. */
  async function resolveSession(token: string): Promise<AuthContext | null> {
    if (!token || token.length > 200) return null;
    const at = now();
    const id = sessionIdOf(token);
    const session = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!session) return null;
    const policy = await policies.get();
    const idleLimit = policy.sessionIdleMinutes * MINUTE;
    const absoluteLimit = session.createdAt.getTime() + policy.sessionAbsoluteHours * 60 * MINUTE;
    if (
      at.getTime() - session.lastSeenAt.getTime() > idleLimit ||
      at >= session.expiresAt ||
      at.getTime() >= absoluteLimit
    ) {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
      return null;
    }
    const user = await loadSessionUser(session.userId, policy, at);
    if (!user) {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
      return null;
    }
    if (at.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await db.updateTable('sessions').set({ lastSeenAt: at }).where('id', '=', id).execute();
    }
    return { sessionId: id, csrfToken: session.csrfToken, user };
  }

  async function logout(auth: AuthContext, actor: AuditActor): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('sessions').where('id', '=', auth.sessionId).execute();
      await audit.append(trx, actor, {
        action: 'auth.logout',
        objectType: 'user',
        objectId: auth.user.id,
        result: 'success',
      });
    });
  }

  async function changePassword(
    auth: AuthContext,
    actor: AuditActor,
    current: string,
    next: string,
  ): Promise<void> {
    const at = now();
    const policy = await policies.get();
    const row = await db
      .selectFrom('users')
      .select('passwordHash')
      .where('id', '=', auth.user.id)
      .executeTakeFirstOrThrow();
    if (!(await verifyPassword(row.passwordHash, current))) {
      await audit.appendStandalone(actor, {
        action: 'auth.change_password',
        objectType: 'user',
        objectId: auth.user.id,
        result: 'failure',
        detail: 'wrong_current_password',
      });
      throw authErrors.wrongCurrentPassword();
    }
    if (current === next) throw authErrors.samePassword();
    assertPasswordAcceptable(next, policy, auth.user.username, 'newPassword');
    const passwordHash = await hashPassword(next);
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ passwordHash, mustChangePassword: false, passwordChangedAt: at, updatedAt: at })
        .where('id', '=', auth.user.id)
        .execute();
      // Other sessions of this account end: whoever knew the old password is out.
      await trx
        .deleteFrom('sessions')
        .where('userId', '=', auth.user.id)
        .where('id', '!=', auth.sessionId)
        .execute();
      await audit.append(trx, actor, {
        action: 'auth.change_password',
        objectType: 'user',
        objectId: auth.user.id,
        result: 'success',
        changes: { password: { before: '[redacted]', after: '[changed]' } },
      });
    });
  }

  return { login, resolveSession, logout, changePassword, lockStates };
}

export type AuthService = ReturnType<typeof createAuthService>;

export function actorFrom(user: SessionUser | null, ip: string | null, requestId: string | null): AuditActor {
  return {
    userId: user?.id ?? null,
    username: user?.username ?? null,
    roles: user?.roles ?? [],
    unitId: user?.unitId ?? null,
    districtId: user?.districtId ?? null,
    ip,
    requestId,
  };
}

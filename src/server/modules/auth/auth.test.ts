import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activate,
  buildTestApp,
  call,
  login,
  loginAs,
  setupPlatform,
  TEST_PASSWORD,
  type TestApp,
} from '../../test/test-app.js';

let t: TestApp;
const MIN = 60_000;

beforeAll(async () => {
  t = await buildTestApp();
  await setupPlatform(t.app, { loadDemo: true });
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('answers an unknown user and a wrong password with the same status and body', async () => {
    const unknown = await login(t.app, 'nobody.here', 'Whatever#123', '10.0.0.1');
    const wrong = await login(t.app, 'town01.reporter', 'Whatever#123', '10.0.0.1');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json().error.code).toBe('auth.invalid_credentials');
  });

  it('issues a new session id at every sign-in and sets an HttpOnly SameSite cookie', async () => {
    const a = await login(t.app, 'town02.reporter');
    const b = await login(t.app, 'town02.reporter');
    const ca = a.cookies.find((c) => c.name === 'zs_session')!;
    const cb = b.cookies.find((c) => c.name === 'zs_session')!;
    expect(ca.value).not.toBe(cb.value);
    expect(ca.httpOnly).toBe(true);
    expect(ca.sameSite).toBe('Lax');
  });

  it('locks an account after 5 failures within 15 minutes, for 30 minutes, even with the right password', async () => {
    for (let i = 0; i < 4; i++)
      expect((await login(t.app, 'town03.reporter', 'Wrong#Pass1', '10.0.1.1')).statusCode).toBe(401);
    const fifth = await login(t.app, 'town03.reporter', 'Wrong#Pass1', '10.0.1.1');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('auth.account_locked');
    expect((await login(t.app, 'town03.reporter', TEST_PASSWORD, '10.0.1.1')).statusCode).toBe(423);
    t.clock.advance(29 * MIN);
    expect((await login(t.app, 'town03.reporter', TEST_PASSWORD, '10.0.1.1')).statusCode).toBe(423);
    t.clock.advance(2 * MIN);
    expect((await login(t.app, 'town03.reporter', TEST_PASSWORD, '10.0.1.1')).statusCode).toBe(200);
  });

  it('does not lock for failures spread wider than the window', async () => {
    for (let i = 0; i < 6; i++) {
      expect((await login(t.app, 'town04.reporter', 'Wrong#Pass1', '10.0.2.1')).statusCode).toBe(401);
      t.clock.advance(4 * MIN);
    }
  });

  it('locks unknown user names the same way, so a lock reveals nothing', async () => {
    for (let i = 0; i < 4; i++) await login(t.app, 'ghost.user', 'Wrong#Pass1', '10.0.3.1');
    expect((await login(t.app, 'ghost.user', 'Wrong#Pass1', '10.0.3.1')).statusCode).toBe(423);
  });

  it('lets the system administrator clear a lockout', async () => {
    for (let i = 0; i < 5; i++) await login(t.app, 'town05.reporter', 'Wrong#Pass1', '10.0.4.1');
    expect((await login(t.app, 'town05.reporter', TEST_PASSWORD, '10.0.4.1')).statusCode).toBe(423);
    const admin = await loginAs(t.app, 'sysadmin');
    const list = await call(t.app, admin, 'GET', '/api/users?q=town05.reporter');
    const user = list.json().items[0];
    expect(user.lockedUntil).not.toBeNull();
    expect((await call(t.app, admin, 'POST', `/api/users/${user.id}/unlock`)).statusCode).toBe(200);
    expect((await login(t.app, 'town05.reporter', TEST_PASSWORD, '10.0.4.1')).statusCode).toBe(200);
  });

  it('throttles an address that fails too often across many user names', async () => {
    const ip = '10.9.9.9';
    let last = 0;
    for (let i = 0; i < 50; i++) last = (await login(t.app, `spray${i}`, 'Wrong#Pass1', ip)).statusCode;
    expect(last).toBe(401);
    const blocked = await login(t.app, 'town06.reporter', TEST_PASSWORD, ip);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    expect((await login(t.app, 'town06.reporter', TEST_PASSWORD, '10.9.9.10')).statusCode).toBe(200);
  });

  it('audits successful and failed sign-ins without the password', async () => {
    await login(t.app, 'town07.reporter', 'Secret#Typo99', '10.0.5.1');
    const aud = await t.db
      .selectFrom('auditLog')
      .selectAll()
      .where('username', '=', 'town07.reporter')
      .execute();
    expect(aud.some((r) => r.action === 'auth.login' && r.result === 'failure' && r.ip === '10.0.5.1')).toBe(
      true,
    );
    expect(JSON.stringify(aud)).not.toContain('Secret#Typo99');
  });
});

describe('sessions', () => {
  it('expire after 30 idle minutes', async () => {
    const s = await loginAs(t.app, 'town08.reporter');
    t.clock.advance(29 * MIN);
    expect((await call(t.app, s, 'GET', '/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(29 * MIN);
    expect((await call(t.app, s, 'GET', '/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(31 * MIN);
    expect((await call(t.app, s, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('expire 12 hours after sign-in however active', async () => {
    const s = await loginAs(t.app, 'town09.reporter');
    for (let i = 0; i < 12 * 3; i++) {
      t.clock.advance(20 * MIN);
      const r = await call(t.app, s, 'GET', '/api/auth/me');
      if (i < 12 * 3 - 1) expect(r.statusCode).toBe(200);
      else expect(r.statusCode).toBe(401);
    }
  });

  it('end at logout', async () => {
    const s = await loginAs(t.app, 'town10.reporter');
    expect((await call(t.app, s, 'POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await call(t.app, s, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('end at once when the account is disabled', async () => {
    const s = await loginAs(t.app, 'town11.reporter');
    const admin = await loginAs(t.app, 'sysadmin');
    const id = (await call(t.app, admin, 'GET', '/api/users?q=town11.reporter')).json().items[0].id;
    expect((await call(t.app, admin, 'POST', `/api/users/${id}/disable`)).statusCode).toBe(200);
    expect((await call(t.app, s, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const again = await login(t.app, 'town11.reporter');
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('auth.account_disabled');
  });

  it('refuse a cookie-authenticated write without the CSRF token', async () => {
    const s = await loginAs(t.app, 'center.admin');
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('auth.csrf_invalid');
    const cross = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, origin: 'https://evil.example' },
    });
    expect(cross.statusCode).toBe(403);
  });
});

describe('passwords', () => {
  async function newUser(username: string) {
    const admin = await loginAs(t.app, 'sysadmin');
    const unit = (await call(t.app, admin, 'GET', '/api/units')).json()[1];
    const r = await call(t.app, admin, 'POST', '/api/users', {
      username,
      displayName: '测试用户',
      unitId: unit.id,
      roles: ['unit_reporter'],
    });
    expect(r.statusCode).toBe(201);
    return r.json().oneTimePassword as string;
  }

  it('forces a change at first sign-in before anything else', async () => {
    const otp = await newUser('first.login');
    const s = await loginAs(t.app, 'first.login', otp);
    expect((await call(t.app, s, 'GET', '/api/auth/me')).json().user.mustChangePassword).toBe(true);
    const blocked = await call(t.app, s, 'GET', '/api/units');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('auth.password_change_required');
    expect(
      (
        await call(t.app, s, 'POST', '/api/auth/change-password', {
          currentPassword: otp,
          newPassword: 'Hebei-Bolts-77',
        })
      ).statusCode,
    ).toBe(204);
    expect((await call(t.app, s, 'GET', '/api/units')).statusCode).toBe(200);
  });

  it.each([
    ['Ab1!', 'too_short'],
    ['alllowercase', 'classes'],
    ['Password123', 'common'],
    ['P@ssw0rd', 'common'],
    ['woaini1314!', 'common'],
  ])('refuses %s', async (pw) => {
    const u = `weak.${Math.random().toString(36).slice(2, 8)}`;
    const otp = await newUser(u);
    const s = await loginAs(t.app, u, otp);
    const r = await call(t.app, s, 'POST', '/api/auth/change-password', {
      currentPassword: otp,
      newPassword: pw,
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('auth.password_policy');
    expect(r.json().error.fields.newPassword.messageZh).toBeTruthy();
  });

  it('accepts a 64-character password and never truncates it', async () => {
    const otp = await newUser('long.pass');
    const long = `Zhaoshang-${'x'.repeat(49)}-2026`;
    expect(long.length).toBe(64);
    await activate(t.app, 'long.pass', otp, long);
    expect((await login(t.app, 'long.pass', long)).statusCode).toBe(200);
    expect((await login(t.app, 'long.pass', long.slice(0, 63))).statusCode).toBe(401);
    expect((await login(t.app, 'long.pass', `${long}y`)).statusCode).toBe(401);
  });

  it('stores argon2id hashes, never the password', async () => {
    const row = await t.db
      .selectFrom('users')
      .select('passwordHash')
      .where('username', '=', 'sysadmin')
      .executeTakeFirstOrThrow();
    expect(row.passwordHash.startsWith('$argon2id$')).toBe(true);
    expect(row.passwordHash).not.toContain(TEST_PASSWORD);
  });
});

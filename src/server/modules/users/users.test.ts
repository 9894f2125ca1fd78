import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activate,
  buildTestApp,
  call,
  login,
  loginAs,
  type Session,
  setupPlatform,
  type TestApp,
} from '../../test/test-app.js';

let t: TestApp;
let admin: Session;
let townId: string;

beforeAll(async () => {
  t = await buildTestApp();
  await setupPlatform(t.app, { loadDemo: true });
  admin = await loginAs(t.app, 'sysadmin');
  townId = (await call(t.app, admin, 'GET', '/api/units'))
    .json()
    .find((u: { name: string }) => u.name === '青石镇').id;
});
afterAll(() => t.close());

async function securityAdmin() {
  await t.db
    .updateTable('users')
    .set({ mustChangePassword: false })
    .where('username', '=', 'secadmin')
    .execute();
  return loginAs(t.app, 'secadmin');
}

describe('accounts', () => {
  it('creates an account with a one-time password that must be changed', async () => {
    const res = await call(t.app, admin, 'POST', '/api/users', {
      username: 'qs.li',
      displayName: '青石镇李干事',
      unitId: townId,
      roles: ['unit_reporter'],
    });
    expect(res.statusCode).toBe(201);
    const { user, oneTimePassword } = res.json();
    expect(user).toMatchObject({
      username: 'qs.li',
      unitName: '青石镇',
      roles: ['unit_reporter'],
      mustChangePassword: true,
      status: 'active',
    });
    expect(oneTimePassword).toHaveLength(14);
    const s = await activate(t.app, 'qs.li', oneTimePassword, 'Qingshi#Town-2026');
    expect((await call(t.app, s, 'GET', '/api/auth/me')).json().user.unit.name).toBe('青石镇');
  });

  it('refuses a taken user name regardless of case', async () => {
    const res = await call(t.app, admin, 'POST', '/api/users', {
      username: 'TOWN01.Reporter',
      displayName: 'x',
      unitId: townId,
      roles: [],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('users.username_taken');
  });

  it('searches by name and filters by unit and role', async () => {
    const byRole = (await call(t.app, admin, 'GET', '/api/users?role=leader')).json();
    expect(byRole.items.map((u: { username: string }) => u.username).sort()).toEqual([
      'leader01',
      'leader02',
    ]);
    const byUnit = (await call(t.app, admin, 'GET', `/api/users?unitId=${townId}`)).json();
    expect(byUnit.items.every((u: { unitId: string }) => u.unitId === townId)).toBe(true);
    const byName = (await call(t.app, admin, 'GET', `/api/users?q=${encodeURIComponent('柳林镇')}`)).json();
    expect(byName.total).toBe(2);
  });

  it('resets a password: old one stops working, sessions end, a change is forced', async () => {
    const victim = await loginAs(t.app, 'town13.reporter');
    const id = (await call(t.app, admin, 'GET', '/api/users?q=town13.reporter')).json().items[0].id;
    const res = await call(t.app, admin, 'POST', `/api/users/${id}/reset-password`);
    expect(res.statusCode).toBe(200);
    expect((await call(t.app, victim, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await login(t.app, 'town13.reporter')).statusCode).toBe(401);
    const s = await loginAs(t.app, 'town13.reporter', res.json().oneTimePassword);
    expect((await call(t.app, s, 'GET', '/api/auth/me')).json().user.mustChangePassword).toBe(true);
  });

  it('keeps the 三员 apart: no business roles on a security account, one security role per account', async () => {
    const sec = await securityAdmin();
    const created = await call(t.app, admin, 'POST', '/api/users', {
      username: 'audit2',
      displayName: '第二审计员',
      unitId: townId,
      roles: ['leader'],
    });
    const id = created.json().user.id;
    const mixed = await call(t.app, sec, 'PUT', `/api/users/${id}/security-role`, { role: 'auditor' });
    expect(mixed.statusCode).toBe(409);
    expect(mixed.json().error.code).toBe('users.has_business_roles');
    await call(t.app, admin, 'PATCH', `/api/users/${id}`, { roles: [] });
    const granted = await call(t.app, sec, 'PUT', `/api/users/${id}/security-role`, { role: 'auditor' });
    expect(granted.json().roles).toEqual(['auditor']);
    const addBusiness = await call(t.app, admin, 'PATCH', `/api/users/${id}`, { roles: ['leader'] });
    expect(addBusiness.json().error.code).toBe('users.security_account');
    // The database holds the line too.
    await expect(
      t.db
        .insertInto('userRoles')
        .values({ userId: id, districtId: created.json().user.districtId, role: 'sys_admin' })
        .execute(),
    ).rejects.toThrow(/user_roles_one_security_role/);
  });

  it('does not let the system administrator take over a security account by resetting its password', async () => {
    const id = (await call(t.app, admin, 'GET', '/api/users?q=auditadmin')).json().items[0].id;
    const res = await call(t.app, admin, 'POST', `/api/users/${id}/reset-password`);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('users.security_account_protected');
  });

  it('gives the security roles no business scope', async () => {
    const sec = await securityAdmin();
    expect(
      (await call(t.app, sec, 'POST', '/api/units', { districtId: 'x', name: 'y', kind: 'town' })).statusCode,
    ).toBe(403);
    expect((await call(t.app, admin, 'GET', '/api/audit')).statusCode).toBe(403);
    expect((await call(t.app, admin, 'GET', '/api/security-policy')).statusCode).toBe(403);
  });

  it('lets the security administrator tighten the policy, and sign-in follows it', async () => {
    const sec = await securityAdmin();
    const policy = (await call(t.app, sec, 'GET', '/api/security-policy')).json();
    const res = await call(t.app, sec, 'PUT', '/api/security-policy', { ...policy, lockoutThreshold: 3 });
    expect(res.json().lockoutThreshold).toBe(3);
    for (let i = 0; i < 2; i++)
      expect((await login(t.app, 'town14.reporter', 'Wrong#Pass9', '10.1.1.1')).statusCode).toBe(401);
    expect((await login(t.app, 'town14.reporter', 'Wrong#Pass9', '10.1.1.1')).statusCode).toBe(423);
    const bad = await call(t.app, sec, 'PUT', '/api/security-policy', { ...policy, passwordMinLength: 6 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.passwordMinLength).toBeDefined();
    await call(t.app, sec, 'PUT', '/api/security-policy', policy);
  });
});

describe('first-run setup', () => {
  it('runs once: a second attempt is refused', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: {
        cityName: 'x',
        districtName: 'y',
        admin: { username: 'eve', displayName: 'e', password: 'Takeover#2026x' },
        loadDemo: false,
      },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('setup.already_done');
    expect((await t.app.inject({ url: '/api/setup/status' })).json()).toEqual({ needsSetup: false });
  });

  it('refuses a weak administrator password and creates nothing', async () => {
    const fresh = await buildTestApp();
    try {
      const res = await fresh.app.inject({
        method: 'POST',
        url: '/api/setup',
        payload: {
          cityName: '滏川市',
          districtName: '洺水区',
          admin: { username: 'admin', displayName: '管理员', password: 'admin123' },
          loadDemo: true,
        },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields['admin.password']).toBeDefined();
      expect((await fresh.app.inject({ url: '/api/setup/status' })).json()).toEqual({ needsSetup: true });
    } finally {
      await fresh.close();
    }
  });
});

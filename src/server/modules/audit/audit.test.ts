import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, call, loginAs, setupPlatform, type TestApp } from '../../test/test-app.js';
import { canonicalJson } from './audit.repository.js';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
  await setupPlatform(t.app, { loadDemo: true });
});
afterAll(() => t.close());

async function auditorSession() {
  // The auditor must change the setup password first; give it a usable one directly.
  await t.db
    .updateTable('users')
    .set({ mustChangePassword: false })
    .where('username', '=', 'auditadmin')
    .execute();
  return loginAs(t.app, 'auditadmin');
}

describe('audit log', () => {
  it('records each write with who, where, what and the fields before and after', async () => {
    const admin = await loginAs(t.app, 'sysadmin');
    const district = (await call(t.app, admin, 'GET', '/api/regions'))
      .json()
      .find((r: { kind: string }) => r.kind === 'district');
    const created = await call(t.app, admin, 'POST', '/api/units', {
      districtId: district.id,
      name: '审计镇',
      kind: 'town',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    await call(t.app, admin, 'PATCH', `/api/units/${id}`, { name: '审计街道', sortOrder: 7 });
    const auditor = await auditorSession();
    const res = await call(t.app, auditor, 'GET', `/api/audit?objectType=unit&objectId=${id}`);
    expect(res.statusCode).toBe(200);
    const [update, create] = res.json().items;
    expect(create).toMatchObject({
      action: 'units.create',
      username: 'sysadmin',
      roles: ['sys_admin'],
      result: 'success',
      objectId: id,
    });
    expect(create.ip).toBeTruthy();
    expect(create.requestId).toBe(created.headers['x-request-id']);
    expect(update.changes).toEqual({
      name: { before: '审计镇', after: '审计街道' },
      sortOrder: { before: 0, after: 7 },
    });
  });

  it('searches by user, action and time', async () => {
    const auditor = await auditorSession();
    const byUser = await call(t.app, auditor, 'GET', '/api/audit?username=SYSADMIN&action=auth.');
    expect(byUser.json().items.length).toBeGreaterThan(0);
    expect(
      byUser
        .json()
        .items.every(
          (e: { action: string; username: string }) =>
            e.action.startsWith('auth.') && e.username === 'sysadmin',
        ),
    ).toBe(true);
    const future = await call(
      t.app,
      auditor,
      'GET',
      `/api/audit?from=${encodeURIComponent('2099-01-01T00:00:00Z')}`,
    );
    expect(future.json()).toEqual({ items: [], total: 0 });
  });

  it('is refused UPDATE, DELETE and TRUNCATE by the database', async () => {
    await expect(sql`update audit_log set action = 'x'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('rolls back the business write when its audit row cannot be written', async () => {
    const admin = await loginAs(t.app, 'sysadmin');
    const district = (await call(t.app, admin, 'GET', '/api/regions'))
      .json()
      .find((r: { kind: string }) => r.kind === 'district');
    // Make every audit insert fail, as a full disk or a broken constraint would.
    await sql`alter table audit_log add constraint audit_test_block check (action <> 'units.create') not valid`.execute(
      t.db,
    );
    try {
      const res = await call(t.app, admin, 'POST', '/api/units', {
        districtId: district.id,
        name: '不应存在镇',
        kind: 'town',
      });
      expect(res.statusCode).toBe(500);
    } finally {
      await sql`alter table audit_log drop constraint audit_test_block`.execute(t.db);
    }
    const unit = await t.db
      .selectFrom('units')
      .select('id')
      .where('name', '=', '不应存在镇')
      .executeTakeFirst();
    expect(unit).toBeUndefined();
  });

  it('verifies an intact chain and finds the first row edited behind its back', async () => {
    const auditor = await auditorSession();
    const ok = await call(t.app, auditor, 'GET', '/api/audit/verify');
    expect(ok.json()).toMatchObject({ ok: true, firstBrokenId: null });
    expect(ok.json().checked).toBeGreaterThan(3);

    const victim = await t.db
      .selectFrom('auditLog')
      .select('id')
      .where('action', '=', 'units.create')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    // A database superuser can switch the trigger off; the HMAC chain still tells.
    await sql`alter table audit_log disable trigger audit_log_no_update_delete`.execute(t.db);
    await sql`update audit_log set username = 'someone_else' where id = ${victim.id}`.execute(t.db);
    await sql`alter table audit_log enable trigger audit_log_no_update_delete`.execute(t.db);

    const broken = await call(t.app, auditor, 'GET', '/api/audit/verify');
    expect(broken.json()).toMatchObject({ ok: false, firstBrokenId: victim.id, reason: 'content_altered' });
  });

  it('finds a deleted row by the broken link after it', async () => {
    const t2 = await buildTestApp();
    try {
      await setupPlatform(t2.app);
      const admin = await loginAs(t2.app, 'sysadmin');
      await call(t2.app, admin, 'GET', '/api/units');
      await loginAs(t2.app, 'sysadmin');
      const rows = await t2.db.selectFrom('auditLog').select('id').orderBy('id').execute();
      expect(rows.length).toBeGreaterThanOrEqual(3);
      await sql`alter table audit_log disable trigger audit_log_no_update_delete`.execute(t2.db);
      await sql`delete from audit_log where id = ${rows[1]!.id}`.execute(t2.db);
      await sql`alter table audit_log enable trigger audit_log_no_update_delete`.execute(t2.db);
      await t2.db
        .updateTable('users')
        .set({ mustChangePassword: false })
        .where('username', '=', 'auditadmin')
        .execute();
      const auditor = await loginAs(t2.app, 'auditadmin');
      const res = await call(t2.app, auditor, 'GET', '/api/audit/verify');
      expect(res.json()).toMatchObject({ ok: false, firstBrokenId: rows[2]!.id, reason: 'chain_broken' });
    } finally {
      await t2.close();
    }
  });
});

describe('canonicalJson', () => {
  it('does not depend on key order, as jsonb reorders keys', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }),
    );
  });
});

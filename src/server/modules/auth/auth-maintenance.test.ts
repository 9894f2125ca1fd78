import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, sessionFor } from '../../test/fixtures.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { purgeExpiredAuthRows } from './auth-maintenance.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('purgeExpiredAuthRows', () => {
  it('removes sessions past their absolute expiry and attempts older than a week, and keeps the rest', async () => {
    const user = await buildUser(t.db);
    const old = new Date('2026-01-01T00:00:00Z');
    await sessionFor(t.db, user.id, old);
    await sessionFor(t.db, user.id, t.clock.now());
    await t.db
      .insertInto('loginAttempts')
      .values([
        { usernameNorm: 'x', ip: '1.1.1.1', at: old, success: false },
        { usernameNorm: 'x', ip: '1.1.1.1', at: t.clock.now(), success: false },
      ])
      .execute();
    expect(await purgeExpiredAuthRows(t.db, t.clock.now())).toEqual({ sessions: 1, attempts: 1 });
    expect(await t.db.selectFrom('sessions').select('id').execute()).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDepartment,
  buildDistrict,
  buildNotification,
  buildProblem,
  buildSignedProject,
  buildUnit,
  buildUser,
  sessionFor,
} from '../../test/fixtures.js';
import { buildTestApp, call, type Session, type TestApp } from '../../test/test-app.js';

// The notification centre's routes: a user sees and marks only their own notices.

let t: TestApp;
let alice: { id: string; s: Session };
let bob: { id: string; s: Session };
let districtId: string;

beforeAll(async () => {
  t = await buildTestApp();
  districtId = (await buildDistrict(t.db)).id;
  const town = await buildUnit(t.db, { districtId });
  const mk = async () => {
    const u = await buildUser(t.db, { unitId: town.id });
    return { id: u.id, s: await sessionFor(t.db, u.id, t.clock.now()) };
  };
  alice = await mk();
  bob = await mk();
});
afterAll(async () => {
  await t?.close();
});

describe('notification centre', () => {
  it('lists only the caller’s notices, counts unread, marks one and all read', async () => {
    const a1 = await buildNotification(t.db, { userId: alice.id });
    await buildNotification(t.db, { userId: alice.id });
    await buildNotification(t.db, { userId: alice.id, read: true });
    const b1 = await buildNotification(t.db, { userId: bob.id });

    const list = await call(t.app, alice.s, 'GET', '/api/notifications');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: 3, unread: 2 });
    expect(list.json().items.some((n: { id: string }) => n.id === b1.id)).toBe(false);
    const unreadOnly = await call(t.app, alice.s, 'GET', '/api/notifications?unread=true&pageSize=1');
    expect(unreadOnly.json()).toMatchObject({ total: 2 });
    expect(unreadOnly.json().items).toHaveLength(1);
    expect((await call(t.app, alice.s, 'GET', '/api/notifications/unread-count')).json()).toEqual({
      unread: 2,
    });

    // Bob can neither read nor mark Alice's notice: 404, and it stays unread.
    expect((await call(t.app, bob.s, 'POST', `/api/notifications/${a1.id}/read`)).statusCode).toBe(404);
    const read = await call(t.app, alice.s, 'POST', `/api/notifications/${a1.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    expect((await call(t.app, alice.s, 'GET', '/api/notifications/unread-count')).json()).toEqual({
      unread: 1,
    });

    const all = await call(t.app, alice.s, 'POST', '/api/notifications/read-all');
    expect(all.json()).toEqual({ marked: 1 });
    expect((await call(t.app, alice.s, 'GET', '/api/notifications/unread-count')).json()).toEqual({
      unread: 0,
    });
    // Bob's own stays unread.
    expect((await call(t.app, bob.s, 'GET', '/api/notifications/unread-count')).json()).toEqual({
      unread: 1,
    });
  });

  it('lets the center run the job now and edit the rules, which the next run follows', async () => {
    t.clock.set(new Date('2026-11-28T02:00:00Z'));
    const town = await buildUnit(t.db, { districtId });
    const dept = await buildDepartment(t.db, { districtId });
    const handler = await buildUser(t.db, { unitId: dept.id, roles: ['department_handler'] });
    const centerUnit = await buildUnit(t.db, { districtId, kind: 'center' });
    const center = await buildUser(t.db, { unitId: centerUnit.id, roles: ['center_admin'] });
    const cs = await sessionFor(t.db, center.id, t.clock.now());
    const hs = await sessionFor(t.db, handler.id, t.clock.now());
    const p = await buildSignedProject(t.db, { unitId: town.id });
    await buildProblem(t.db, { projectId: p.id, departmentUnitId: dept.id, deadline: '2026-12-05' });

    const settings = await call(t.app, cs, 'GET', '/api/landing/settings');
    expect(settings.statusCode).toBe(200);
    const body = settings.json();
    expect(body.clocks).toMatchObject({ problemEscalateDays: 3, preReviewThresholdYuan: '100000000' });
    expect(body.rules.find((r: { kind: string }) => r.kind === 'problem')).toMatchObject({ daysBefore: 3 });

    // 7 days ahead: not yet within the default 3 days.
    expect((await call(t.app, cs, 'POST', '/api/reminders/run')).json()).toMatchObject({ skipped: false });
    expect((await call(t.app, hs, 'GET', '/api/notifications/unread-count')).json()).toEqual({ unread: 0 });

    const rules = body.rules.map((r: { kind: string; daysBefore: number }) =>
      r.kind === 'problem' ? { ...r, daysBefore: 10, channels: ['email'] } : r,
    );
    const put = await call(t.app, cs, 'PUT', '/api/landing/settings', {
      clocks: { ...body.clocks, problemEscalateDays: 5 },
      rules,
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().clocks.problemEscalateDays).toBe(5);
    expect(put.json().runs.length).toBeGreaterThan(0);
    expect(
      (await call(t.app, hs, 'PUT', '/api/landing/settings', { clocks: body.clocks, rules })).statusCode,
    ).toBe(403);

    const run = await call(t.app, cs, 'POST', '/api/reminders/run');
    expect(run.json().counts.problems).toBe(1);
    const mine = (await call(t.app, hs, 'GET', '/api/notifications')).json();
    expect(mine.items.map((n: { kind: string }) => n.kind)).toEqual(['problem.due_soon']);
  });
});

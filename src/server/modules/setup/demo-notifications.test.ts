import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, setupPlatform, type TestApp } from '../../test/test-app.js';
import { runReminders } from '../reminders/reminders.js';

// The demo's notices come from one real run of the reminder job at the end of the demo setup.

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date());
  await setupPlatform(t.app, { loadDemo: true });
});
afterAll(async () => {
  await t?.close();
});

const noticesOf = (username: string) =>
  t.db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.userId')
    .select(['n.kind', 'n.readAt'])
    .where('u.username', '=', username)
    .execute();

describe('demo notifications', () => {
  it('gives the demo accounts unread notices of their own work, from one recorded run', async () => {
    const runs = await t.db
      .selectFrom('jobRuns')
      .select(['createdCount'])
      .where('job', '=', 'reminders')
      .execute();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.createdCount).toBeGreaterThan(0);
    const town = await noticesOf('town01.reporter');
    expect(town.length).toBeGreaterThan(0);
    expect(town.every((n) => n.readAt === null)).toBe(true);
    const handler = await noticesOf('dept05.handler');
    expect(
      handler.every((n) => /^(problem|procedure|commitment|pre_review|supervision)\./.test(n.kind)),
    ).toBe(true);
  });

  it('leaves nothing for the next run at the same moment to add', async () => {
    const started = performance.now();
    const again = await runReminders(t.db, t.clock.now());
    console.log(`reminders on the demo (second run): ${(performance.now() - started).toFixed(0)} ms`);
    expect(again.skipped ? -1 : again.created).toBe(0);
  });
});

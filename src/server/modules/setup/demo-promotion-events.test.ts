import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail } from '../../../domain/network/events.schemas.js';
import {
  buildTestApp,
  call,
  loginAs,
  type Session,
  setupPlatform,
  type TestApp,
} from '../../test/test-app.js';

let t: TestApp;
let center: Session;

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-28T02:00:00Z'));
  await setupPlatform(t.app, { loadDemo: true });
  center = await loginAs(t.app, 'center.admin');
});
afterAll(() => t.close());

describe('demo promotion events', () => {
  it('has expos, trips led by leaders, meetings, credited leads and overdue follow-ups', async () => {
    const events = await t.db
      .selectFrom('promotionEvents')
      .select(['id', 'name', 'leaders', 'kind'])
      .execute();
    expect(events.length).toBeGreaterThanOrEqual(12);
    expect(events.map((e) => e.name)).toEqual(expect.arrayContaining(['2025廊坊经洽会', '2026廊坊经洽会']));
    expect(events.filter((e) => e.kind === 'trip_out' && e.leaders.length > 0).length).toBeGreaterThanOrEqual(
      3,
    );
    const credited = await t.db
      .selectFrom('leads')
      .select(['id', 'eventId'])
      .where('eventId', 'is not', null)
      .execute();
    expect(credited.length).toBeGreaterThan(0);
    const withLead = await t.db
      .selectFrom('eventMeetings')
      .select('id')
      .where('leadId', 'is not', null)
      .execute();
    expect(withLead.length).toBe(credited.length);
    const overdue = await call(t.app, center, 'GET', '/api/promotion-events/tasks?open=true&overdue=true');
    expect((overdue.json() as unknown[]).length).toBeGreaterThan(0);
    // The busiest event's outcome card counts its credited leads.
    const top = new Map<string, number>();
    for (const l of credited) top.set(l.eventId!, (top.get(l.eventId!) ?? 0) + 1);
    const [id] = [...top.entries()].sort((a, b) => b[1] - a[1])[0]!;
    const d = (await call(t.app, center, 'GET', `/api/promotion-events/${id}`)).json() as EventDetail;
    expect(d.outcome.figures.leads).toBeGreaterThan(0);
    expect(d.outcome.leads.length).toBeGreaterThanOrEqual(d.outcome.figures.leads);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  EventDetail,
  EventView,
  MeetingView,
  TaskView,
} from '../../../domain/network/events.schemas.js';
import {
  buildDistrict,
  buildEnterprise,
  buildProject,
  buildPromotionEvent,
  buildUnit,
  buildUser,
  sessionFor,
} from '../../test/fixtures.js';
import { buildTestApp, call, type Session, setupPlatform, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let districtId: string;
let center: Session;
let organiser: Session;
let participant: Session;
let outsider: Session;
let leader: Session;
let townA: string;
let townB: string;
let townC: string;
let enterpriseId: string;

const NOW = new Date('2026-11-28T03:00:00Z');

async function req<T>(s: Session, method: string, url: string, body?: unknown) {
  const res = await call(t.app, s, method, url, body);
  return { status: res.statusCode, body: (res.body ? res.json() : null) as T };
}

const newEvent = (over: Record<string, unknown> = {}) => ({
  unitId: townA,
  kind: 'expo',
  name: '2026廊坊经洽会',
  startsOn: '2026-05-18',
  endsOn: '2026-05-21',
  place: '廊坊国际会展中心',
  participantUnitIds: [townB],
  leaders: ['王建国'],
  costYuan: '300000',
  personDays: 24,
  ...over,
});

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(NOW);
  await setupPlatform(t.app);
  districtId = (
    await t.db.selectFrom('regions').select('id').where('kind', '=', 'district').executeTakeFirstOrThrow()
  ).id;
  const centerUnit = await buildUnit(t.db, { districtId, kind: 'center' });
  townA = (await buildUnit(t.db, { districtId, name: '活动甲镇' })).id;
  townB = (await buildUnit(t.db, { districtId, name: '活动乙镇' })).id;
  townC = (await buildUnit(t.db, { districtId, name: '活动丙镇' })).id;
  const session = async (unitId: string, role: 'center_admin' | 'unit_reporter' | 'leader') =>
    sessionFor(t.db, (await buildUser(t.db, { unitId, roles: [role] })).id, NOW);
  center = await session(centerUnit.id, 'center_admin');
  organiser = await session(townA, 'unit_reporter');
  participant = await session(townB, 'unit_reporter');
  outsider = await session(townC, 'unit_reporter');
  leader = await session(centerUnit.id, 'leader');
  enterpriseId = (await buildEnterprise(t.db, { districtId, name: '河北恒固紧固件有限公司' })).id;
});

afterAll(async () => {
  await t?.close();
});

describe('events: create, edit, delete', () => {
  it('records an event of the caller’s unit with participants and leaders, and audits it', async () => {
    const res = await req<EventView>(organiser, 'POST', '/api/promotion-events', newEvent());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      unitId: townA,
      unitName: '活动甲镇',
      participantUnits: [{ id: townB, name: '活动乙镇' }],
      leaders: ['王建国'],
      costYuan: '300000',
      writable: true,
      version: 1,
    });
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('objectId', '=', res.body.id)
      .executeTakeFirst();
    expect(audit?.action).toBe('promotion_events.create');
  });

  it('refuses an end before the start, another town’s unit, and a participant of another district', async () => {
    const backwards = await req<{ error: { fields: object } }>(
      organiser,
      'POST',
      '/api/promotion-events',
      newEvent({ startsOn: '2026-05-21', endsOn: '2026-05-18' }),
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields).toHaveProperty('endsOn');
    const foreignUnit = await req<{ error: { code: string } }>(
      organiser,
      'POST',
      '/api/promotion-events',
      newEvent({ unitId: townC }),
    );
    expect(foreignUnit.body.error.code).toBe('promotion_events.unit_invalid');
    const otherDistrictUnit = (await buildUnit(t.db, { districtId: (await buildDistrict(t.db)).id })).id;
    const foreignParticipant = await req<{ error: { code: string } }>(
      organiser,
      'POST',
      '/api/promotion-events',
      newEvent({ participantUnitIds: [otherDistrictUnit] }),
    );
    expect(foreignParticipant.status).toBe(400);
    expect(foreignParticipant.body.error.code).toBe('promotion_events.participant_invalid');
  });

  it('edits with the loaded version, refuses a stale one (409) and an end moved before the start', async () => {
    const created = (
      await req<EventView>(organiser, 'POST', '/api/promotion-events', newEvent({ name: '投洽会' }))
    ).body;
    const ok = await req<EventView>(organiser, 'PATCH', `/api/promotion-events/${created.id}`, {
      version: 1,
      place: '厦门',
      leaders: ['王建国', '李振华'],
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ place: '厦门', leaders: ['王建国', '李振华'], version: 2 });
    const stale = await req<{ error: { code: string } }>(
      organiser,
      'PATCH',
      `/api/promotion-events/${created.id}`,
      {
        version: 1,
        place: '福州',
      },
    );
    expect(stale.status).toBe(409);
    const backwards = await req<{ error: { code: string } }>(
      organiser,
      'PATCH',
      `/api/promotion-events/${created.id}`,
      { version: 2, endsOn: '2026-05-01' },
    );
    expect(backwards.body.error.code).toBe('promotion_events.dates_order');
  });

  it('lets the owner delete an event nothing is credited to, and refuses while a lead is', async () => {
    const empty = (
      await req<EventView>(organiser, 'POST', '/api/promotion-events', newEvent({ name: '空活动' }))
    ).body;
    expect((await req(participant, 'DELETE', `/api/promotion-events/${empty.id}`)).status).toBe(403);
    expect((await req(organiser, 'DELETE', `/api/promotion-events/${empty.id}`)).status).toBe(204);
    expect((await req(organiser, 'GET', `/api/promotion-events/${empty.id}`)).status).toBe(404);

    const credited = (
      await req<EventView>(organiser, 'POST', '/api/promotion-events', newEvent({ name: '有线索' }))
    ).body;
    const m = await req<MeetingView>(organiser, 'POST', `/api/promotion-events/${credited.id}/meetings`, {
      enterpriseId,
      metOn: '2026-05-19',
    });
    await req(organiser, 'POST', `/api/promotion-events/${credited.id}/meetings/${m.body.id}/lead`, {
      title: '恒固扩产项目',
    });
    const refused = await req<{ error: { code: string } }>(
      organiser,
      'DELETE',
      `/api/promotion-events/${credited.id}`,
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('promotion_events.has_credit');
  });
});

describe('events: who reads and writes', () => {
  let eventId: string;
  beforeAll(async () => {
    eventId = (await req<EventView>(organiser, 'POST', '/api/promotion-events', newEvent({ name: '数博会' })))
      .body.id;
  });

  it('the organising unit, a participant unit, the center and leaders read it; another town gets 404', async () => {
    for (const s of [organiser, participant, center, leader]) {
      expect((await req(s, 'GET', `/api/promotion-events/${eventId}`)).status).toBe(200);
    }
    expect((await req(outsider, 'GET', `/api/promotion-events/${eventId}`)).status).toBe(404);
    const list = await req<{ items: { id: string }[] }>(outsider, 'GET', '/api/promotion-events?q=数博会');
    expect(list.body.items).toEqual([]);
    const theirs = await req<{ items: { id: string }[] }>(
      participant,
      'GET',
      '/api/promotion-events?q=shubo',
    );
    expect(theirs.body.items.map((e) => e.id)).toEqual([eventId]);
  });

  it('a participant reads but may not edit; the center may', async () => {
    const asParticipant = await req<EventDetail>(participant, 'GET', `/api/promotion-events/${eventId}`);
    expect(asParticipant.body.event.writable).toBe(false);
    const refused = await req<{ error: { code: string } }>(
      participant,
      'PATCH',
      `/api/promotion-events/${eventId}`,
      {
        version: 1,
        place: '贵阳',
      },
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('promotion_events.read_only');
    const byCenter = await req<EventView>(center, 'PATCH', `/api/promotion-events/${eventId}`, {
      version: 1,
      place: '贵阳',
    });
    expect(byCenter.status).toBe(200);
    expect((await req(outsider, 'PATCH', `/api/promotion-events/${eventId}`, { version: 2 })).status).toBe(
      404,
    );
  });
});

describe('meetings and the event’s outcome', () => {
  let event: EventView;
  beforeAll(async () => {
    event = (
      await req<EventView>(
        organiser,
        'POST',
        '/api/promotion-events',
        newEvent({ name: '2026紧固件推介会', kind: 'promotion', costYuan: '250000', personDays: 12 }),
      )
    ).body;
  });

  it('records an enterprise met, dated within the event’s days up to today', async () => {
    const early = await req<{ error: { code: string } }>(
      organiser,
      'POST',
      `/api/promotion-events/${event.id}/meetings`,
      {
        enterpriseId,
        metOn: '2026-05-01',
      },
    );
    expect(early.body.error.code).toBe('promotion_events.met_on_invalid');
    const foreign = (await buildEnterprise(t.db, { districtId: (await buildDistrict(t.db)).id })).id;
    const other = await req<{ error: { code: string } }>(
      organiser,
      'POST',
      `/api/promotion-events/${event.id}/meetings`,
      {
        enterpriseId: foreign,
        metOn: '2026-05-19',
      },
    );
    expect(other.body.error.code).toBe('promotion_events.enterprise_invalid');
    const ok = await req<MeetingView>(organiser, 'POST', `/api/promotion-events/${event.id}/meetings`, {
      enterpriseId,
      metOn: '2026-05-19',
      contactPerson: '赵总',
      notes: '有意在洺水新建热镦生产线',
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ enterpriseName: '河北恒固紧固件有限公司', leadId: null });
    const edited = await req<MeetingView>(
      organiser,
      'PATCH',
      `/api/promotion-events/${event.id}/meetings/${ok.body.id}`,
      { notes: '有意新建热镦生产线，投资约2亿元' },
    );
    expect(edited.body).toMatchObject({ notes: '有意新建热镦生产线，投资约2亿元', contactPerson: '赵总' });
  });

  it('turns a meeting into a lead credited to the event, and the outcome counts it at once', async () => {
    const before = (await req<EventDetail>(organiser, 'GET', `/api/promotion-events/${event.id}`)).body;
    expect(before.outcome.figures.leads).toBe(0);
    const meeting = before.meetings[0]!;
    const made = await req<{ lead: { id: string }; meeting: MeetingView }>(
      organiser,
      'POST',
      `/api/promotion-events/${event.id}/meetings/${meeting.id}/lead`,
      { title: '恒固热镦生产线项目', intendedAmountYuan: '200000000' },
    );
    expect(made.status).toBe(201);
    expect(made.body.meeting).toMatchObject({
      leadId: made.body.lead.id,
      leadTitle: '恒固热镦生产线项目',
      leadStatus: 'new',
    });
    const lead = await t.db
      .selectFrom('leads')
      .selectAll()
      .where('id', '=', made.body.lead.id)
      .executeTakeFirstOrThrow();
    expect(lead).toMatchObject({
      eventId: event.id,
      channel: 'event',
      unitId: townA,
      enterpriseId,
      receivedOn: '2026-05-19',
      intention: '有意新建热镦生产线，投资约2亿元',
    });
    const again = await req<{ error: { code: string } }>(
      organiser,
      'POST',
      `/api/promotion-events/${event.id}/meetings/${meeting.id}/lead`,
      { title: '重复' },
    );
    expect(again.status).toBe(409);

    const after = (await req<EventDetail>(organiser, 'GET', `/api/promotion-events/${event.id}`)).body;
    expect(after.outcome.figures).toMatchObject({ leads: 1, converted: 0, signed: 0 });
    expect(after.outcome.leads.map((l) => l.title)).toEqual(['恒固热镦生产线项目']);
    // 25万元 over one lead; 12 person-days per lead; nothing signed yet.
    expect(after.outcome.cost).toMatchObject({
      wanPerLead: '25.00',
      wanPerSigned: null,
      daysPerLead: '12.0',
    });
  });

  it('after the lead becomes a project that signs on the event’s days, signed and signings-at-event count', async () => {
    const leadId = (await req<EventDetail>(organiser, 'GET', `/api/promotion-events/${event.id}`)).body
      .meetings[0]!.leadId!;
    const scores = Object.fromEntries(
      ['intention', 'scale', 'market', 'technology', 'industryFit', 'environment', 'energy', 'benefit'].map(
        (k) => [k, 4],
      ),
    );
    const screened = await req<{ version: number }>(organiser, 'POST', `/api/leads/${leadId}/screen`, {
      version: 1,
      on: '2026-05-20',
      scores,
      decision: 'follow',
    });
    expect(screened.status).toBe(200);
    const converted = await req<{ version: number }>(organiser, 'POST', `/api/leads/${leadId}/convert`, {
      version: screened.body.version,
    });
    expect(converted.status).toBe(200);
    const project = await t.db
      .selectFrom('projects')
      .select(['id', 'eventId'])
      .where('leadId', '=', leadId)
      .executeTakeFirstOrThrow();
    expect(project.eventId).toBe(event.id);
    await t.db
      .updateTable('projects')
      .set({ stage: 'signed', signingDate: '2026-05-21', signedAmountYuan: '200000000' })
      .where('id', '=', project.id)
      .execute();
    // Another project credited to the event, signed later (follow-up): signed, but not at the event.
    const later = await buildProject(t.db, { unitId: townA, name: '恒固二期' });
    await t.db
      .updateTable('projects')
      .set({ eventId: event.id, stage: 'signed', signingDate: '2026-09-01', signedAmountYuan: '50000000' })
      .where('id', '=', later.id)
      .execute();

    const d = (await req<EventDetail>(organiser, 'GET', `/api/promotion-events/${event.id}`)).body;
    expect(d.outcome.figures).toMatchObject({
      leads: 1,
      converted: 1,
      signed: 2,
      signedAmountYuan: '250000000',
    });
    expect(d.outcome.signingsAtEvent).toEqual({ count: 1, amountYuan: '200000000' });
    expect(d.outcome.projects.map((p) => [p.name, p.signedAtEvent])).toEqual([
      ['恒固热镦生产线项目', true],
      ['恒固二期', false],
    ]);
    // 25万元 ÷ 2 signed = 12.50 万元 per signed project.
    expect(d.outcome.cost.wanPerSigned).toBe('12.50');
    // The participant town reads the event but not town A's leads and projects.
    const asParticipant = (await req<EventDetail>(participant, 'GET', `/api/promotion-events/${event.id}`))
      .body;
    expect(asParticipant.outcome.figures).toMatchObject({ leads: 0, signed: 0 });
    expect(asParticipant.outcome.leads).toEqual([]);
  });
});

describe('follow-up tasks (紧盯不放)', () => {
  let eventId: string;
  let overdueTask: TaskView;
  beforeAll(async () => {
    eventId = (
      await req<EventView>(
        organiser,
        'POST',
        '/api/promotion-events',
        newEvent({ name: '赴深圳招商', kind: 'trip_out' }),
      )
    ).body.id;
  });

  it('adds tasks with owner units; one past due is flagged overdue', async () => {
    const overdue = await req<TaskView>(organiser, 'POST', `/api/promotion-events/${eventId}/tasks`, {
      title: '回访深圳精密五金',
      ownerUnitId: townC,
      ownerName: '孙伟',
      dueOn: '2026-11-20',
    });
    expect(overdue.status).toBe(201);
    overdueTask = overdue.body;
    expect(overdueTask).toMatchObject({ overdue: true, doneOn: null, ownerUnitName: '活动丙镇' });
    const later = await req<TaskView>(organiser, 'POST', `/api/promotion-events/${eventId}/tasks`, {
      title: '寄送园区资料',
      ownerUnitId: townA,
      dueOn: '2026-12-10',
    });
    expect(later.body.overdue).toBe(false);
    const foreignUnit = (await buildUnit(t.db, { districtId: (await buildDistrict(t.db)).id })).id;
    const bad = await req<{ error: { code: string } }>(
      organiser,
      'POST',
      `/api/promotion-events/${eventId}/tasks`,
      {
        title: '越区',
        ownerUnitId: foreignUnit,
        dueOn: '2026-12-10',
      },
    );
    expect(bad.body.error.code).toBe('promotion_events.owner_invalid');
  });

  it('lists open and overdue tasks for the caller’s scope; the owner town sees its task and marks it done', async () => {
    const open = await req<TaskView[]>(
      organiser,
      'GET',
      '/api/promotion-events/tasks?open=true&overdue=true',
    );
    expect(open.body.map((x) => x.title)).toContain('回访深圳精密五金');
    expect(open.body.every((x) => x.overdue)).toBe(true);
    // Town C owns the task (not the event): it sees the task and may mark it done, but not edit the event.
    const mine = await req<TaskView[]>(outsider, 'GET', '/api/promotion-events/tasks?open=true');
    expect(mine.body.map((x) => [x.title, x.canComplete])).toContainEqual(['回访深圳精密五金', true]);
    expect(mine.body.map((x) => x.title)).toContain('寄送园区资料');
    expect(mine.body.find((x) => x.title === '寄送园区资料')?.canComplete).toBe(false);
    const done = await req<TaskView>(
      outsider,
      'POST',
      `/api/promotion-events/${eventId}/tasks/${overdueTask.id}/done`,
      {
        done: true,
      },
    );
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ doneOn: '2026-11-28', overdue: false });
    const notTheirs = await req<{ error: { code: string } }>(
      outsider,
      'PATCH',
      `/api/promotion-events/${eventId}/tasks/${overdueTask.id}`,
      { title: '改' },
    );
    expect(notTheirs.status).toBe(403);
    const stillOpen = await req<TaskView[]>(
      organiser,
      'GET',
      '/api/promotion-events/tasks?open=true&overdue=true',
    );
    expect(stillOpen.body.map((x) => x.title)).not.toContain('回访深圳精密五金');
    // Participant town B is neither owner nor organiser of these tasks: it may read, not tick.
    const asB = await req<TaskView[]>(participant, 'GET', '/api/promotion-events/tasks?open=true');
    expect(asB.body.find((x) => x.title === '寄送园区资料')?.canComplete).toBe(false);
  });
});

describe('calendar', () => {
  it('gives the events overlapping a month, including one that begins in the month before', async () => {
    const spanning = await buildPromotionEvent(t.db, {
      unitId: townA,
      name: '跨月外出招商',
      startsOn: '2026-03-29',
      endsOn: '2026-04-02',
    });
    const inside = await buildPromotionEvent(t.db, {
      unitId: townA,
      name: '四月推介会',
      startsOn: '2026-04-15',
    });
    const after = await buildPromotionEvent(t.db, {
      unitId: townA,
      name: '五月论坛',
      startsOn: '2026-05-01',
    });
    const res = await req<{ id: string; name: string }[]>(
      organiser,
      'GET',
      '/api/promotion-events/calendar?month=2026-04',
    );
    const ids = res.body.map((e) => e.id);
    expect(ids).toEqual([spanning.id, inside.id]);
    expect(ids).not.toContain(after.id);
    expect((await req(outsider, 'GET', '/api/promotion-events/calendar?month=2026-04')).body).toEqual([]);
    const filtered = await req<{ items: { name: string }[] }>(
      organiser,
      'GET',
      '/api/promotion-events?from=2026-04-01&to=2026-04-30',
    );
    expect(filtered.body.items.map((e) => e.name)).toEqual(['四月推介会', '跨月外出招商']);
    const led = await req<{ items: { name: string }[] }>(
      organiser,
      'GET',
      '/api/promotion-events?led=true&kind=trip_out',
    );
    expect(led.body.items.map((e) => e.name)).toEqual(['赴深圳招商']);
  });
});

describe('转为线索 twice at once', () => {
  it('makes exactly one lead: the second click is refused and leaves no unlinked lead behind', async () => {
    const created = await req<EventView>(
      organiser,
      'POST',
      '/api/promotion-events',
      newEvent({ name: '双击测试推介会' }),
    );
    const eventId = created.body.id;
    const meeting = await req<MeetingView>(organiser, 'POST', `/api/promotion-events/${eventId}/meetings`, {
      enterpriseId,
      metOn: '2026-05-19',
    });
    const url = `/api/promotion-events/${eventId}/meetings/${meeting.body.id}/lead`;
    const results = await Promise.all([
      req(organiser, 'POST', url, { title: '双击线索项目' }),
      req(organiser, 'POST', url, { title: '双击线索项目' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const leads = await t.db.selectFrom('leads').select('id').where('eventId', '=', eventId).execute();
    expect(leads).toHaveLength(1);
  });
});

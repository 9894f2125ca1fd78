import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../domain/access/roles.js';
import {
  buildAgreement,
  buildCommitment,
  buildDepartment,
  buildDistrict,
  buildLead,
  buildMilestone,
  buildPreReview,
  buildProblem,
  buildProcedure,
  buildSignedProject,
  buildSupervisionNotice,
  buildUnit,
  buildUser,
} from '../../test/fixtures.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { runReminders } from './reminders.js';

// The reminder job on the real database: each check tells the right people once per occasion; escalation
// climbs with the test clock; two servers racing do the work once.

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const AT = new Date('2026-11-28T02:00:00Z'); // 2026-11-28 in China
const dayAt = (iso: string) => new Date(`${iso}T02:00:00Z`);

/** A district of its own per test: a town with its people, a department, the center, a leader, 督查室. */
async function world() {
  const districtId = (await buildDistrict(t.db)).id;
  const town = await buildUnit(t.db, { districtId, name: '测试镇' });
  const dept = await buildDepartment(t.db, { districtId, name: '自然资源和规划局' });
  const center = await buildUnit(t.db, { districtId, kind: 'center' });
  const office = await buildUnit(t.db, { districtId, kind: 'center', name: '督查室' });
  const user = (unitId: string, roles: Role[]) => buildUser(t.db, { unitId, roles }).then((u) => u.id);
  return {
    districtId,
    town: town.id,
    dept: dept.id,
    reporter: await user(town.id, ['unit_reporter']),
    head: await user(town.id, ['unit_head']),
    handler: await user(dept.id, ['department_handler']),
    center: await user(center.id, ['center_admin']),
    leader: await user(center.id, ['leader']),
    supervisor: await user(office.id, ['supervisor']),
  };
}
type World = Awaited<ReturnType<typeof world>>;

const run = (w: World, at = AT) => runReminders(t.db, at, { districtId: w.districtId });

async function notices(userId: string, kind?: string) {
  return t.db
    .selectFrom('notifications')
    .select(['kind', 'dedupeKey', 'link', 'subjectId'])
    .where('userId', '=', userId)
    .$if(kind !== undefined, (q) => q.where('kind', '=', kind!))
    .orderBy('dedupeKey')
    .execute();
}
const countAll = async (districtId: string) =>
  Number(
    (
      await t.db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('districtId', '=', districtId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('reminder checks', () => {
  it('tells the department and the unit of a problem near and past its deadline, once per deadline', async () => {
    const w = await world();
    const p = await buildSignedProject(t.db, { unitId: w.town });
    const soon = await buildProblem(t.db, {
      projectId: p.id,
      departmentUnitId: w.dept,
      deadline: '2026-11-30',
    });
    const late = await buildProblem(t.db, {
      projectId: p.id,
      departmentUnitId: w.dept,
      deadline: '2026-11-27',
    });
    await run(w);
    for (const u of [w.handler, w.reporter, w.head]) {
      expect((await notices(u, 'problem.due_soon')).map((n) => n.dedupeKey)).toEqual([
        `problem.due_soon:${soon.id}:2026-11-30`,
      ]);
      expect((await notices(u, 'problem.overdue')).map((n) => n.dedupeKey)).toEqual([
        `problem.overdue:${late.id}:2026-11-27`,
      ]);
    }
    expect(await notices(w.center, 'problem.overdue')).toEqual([]);
    expect((await notices(w.handler, 'problem.overdue'))[0]?.link).toBe(`/landing/problems/${late.id}`);

    // Running again creates nothing; a new deadline is a new occasion.
    const before = await countAll(w.districtId);
    const again = await run(w);
    expect(again.skipped).toBe(false);
    expect(await countAll(w.districtId)).toBe(before);
    if (!again.skipped) expect(again.created).toBe(0);
    await t.db.updateTable('problems').set({ deadline: '2026-11-29' }).where('id', '=', late.id).execute();
    await run(w);
    expect((await notices(w.handler)).map((n) => n.dedupeKey)).toContain(
      `problem.due_soon:${late.id}:2026-11-29`,
    );
  });

  it('tells about procedures, commitments, milestones and pre-review opinions near or past due', async () => {
    const w = await world();
    const p = await buildSignedProject(t.db, { unitId: w.town });
    const proc = await buildProcedure(t.db, {
      projectId: p.id,
      departmentUnitId: w.dept,
      plannedOn: '2026-11-20',
    });
    const farProc = await buildProcedure(t.db, {
      projectId: p.id,
      departmentUnitId: w.dept,
      plannedOn: '2027-01-20',
    });
    const cm = await buildCommitment(t.db, {
      projectId: p.id,
      departmentUnitId: w.dept,
      dueOn: '2026-12-01',
    });
    const agreement = await buildAgreement(t.db, { projectId: p.id });
    const ms = await buildMilestone(t.db, { agreementId: agreement.id, dueDate: '2026-11-01' });
    const { review, opinion } = await buildPreReview(t.db, { projectId: p.id, departmentUnitId: w.dept });
    await t.db
      .updateTable('preReviewOpinions')
      .set({ dueOn: '2026-11-25' })
      .where('id', '=', opinion.id)
      .execute();
    await run(w);

    const keys = async (u: string) => (await notices(u)).map((n) => n.dedupeKey);
    const handler = await keys(w.handler);
    expect(handler).toContain(`procedure.overdue:${proc.id}:2026-11-20`);
    expect(handler).toContain(`commitment.due_soon:${cm.id}:2026-12-01`);
    expect(handler).toContain(`pre_review.overdue:${opinion.id}:2026-11-25`);
    expect(handler.some((k) => k.includes(farProc.id))).toBe(false);
    expect(handler.some((k) => k.startsWith('milestone.'))).toBe(false);
    const reporter = await keys(w.reporter);
    expect(reporter).toContain(`procedure.overdue:${proc.id}:2026-11-20`);
    expect(reporter).toContain(`commitment.due_soon:${cm.id}:2026-12-01`);
    expect(reporter).toContain(`milestone.overdue:${ms.id}:2026-11-01`);
    expect(reporter.some((k) => k.startsWith('pre_review.'))).toBe(false);
    expect((await notices(w.handler, 'pre_review.overdue'))[0]?.link).toBe(
      `/landing/pre-reviews/${review.id}`,
    );
  });

  it('tells the unit of overdue lead clocks, missing capital reports and a missing first-contact officer', async () => {
    const w = await world();
    const lead = await buildLead(t.db, { unitId: w.town });
    await t.db.updateTable('leads').set({ receivedOn: '2026-11-25' }).where('id', '=', lead.id).execute();
    // Signed in September: it owes an October report (a project signed in November would not).
    const p = await buildSignedProject(t.db, { unitId: w.town, signingDate: '2026-09-10' });
    const named = await buildSignedProject(t.db, { unitId: w.town, signingDate: '2026-11-10' });
    await t.db
      .updateTable('projects')
      .set({ firstContactOfficer: '张三' })
      .where('id', '=', named.id)
      .execute();
    await run(w);

    // Received 11-25: respond (1 day) is overdue, screen (3 days, due 11-28) not yet.
    expect((await notices(w.reporter, 'lead.overdue')).map((n) => n.dedupeKey)).toEqual([
      `lead.overdue:${lead.id}:respond:2026-11-26`,
    ]);
    expect((await notices(w.head, 'capital.missing')).map((n) => n.dedupeKey)).toEqual([
      `capital.missing:${w.town}:2026-10`,
    ]);
    for (const u of [w.reporter, w.center]) {
      expect((await notices(u, 'first_contact.overdue')).map((n) => n.subjectId)).toEqual([p.id]);
    }
    expect(await notices(w.handler)).toEqual([]);
  });

  it('tells the recipient unit and 督查室 of a supervision notice past its reply date', async () => {
    const w = await world();
    const sn = await buildSupervisionNotice(t.db, { unitId: w.dept });
    await t.db
      .updateTable('supervisionNotices')
      .set({ replyDueOn: '2026-11-27' })
      .where('id', '=', sn.id)
      .execute();
    await run(w);
    for (const u of [w.handler, w.supervisor]) {
      expect((await notices(u, 'supervision.overdue')).map((n) => n.dedupeKey)).toEqual([
        `supervision.overdue:${sn.id}:2026-11-27`,
      ]);
    }
    expect(await notices(w.reporter, 'supervision.overdue')).toEqual([]);
  });

  it('skips a disabled rule and queues outbound copies on the rule’s channels', async () => {
    const w = await world();
    const p = await buildSignedProject(t.db, { unitId: w.town });
    await buildProblem(t.db, { projectId: p.id, departmentUnitId: w.dept, deadline: '2026-11-27' });
    await buildCommitment(t.db, { projectId: p.id, departmentUnitId: w.dept, dueOn: '2026-11-27' });
    const at = new Date();
    await t.db
      .insertInto('reminderRules')
      .values([
        { districtId: w.districtId, kind: 'commitment', enabled: false, updatedAt: at },
        { districtId: w.districtId, kind: 'problem', channels: ['sms', 'wecom'], updatedAt: at },
      ])
      .execute();
    const res = await run(w);
    expect(await notices(w.handler, 'commitment.overdue')).toEqual([]);
    const msgs = await t.db
      .selectFrom('outboundMessages')
      .innerJoin('notifications as n', 'n.id', 'outboundMessages.notificationId')
      .select(['outboundMessages.channel', 'outboundMessages.recipient', 'n.kind'])
      .where('outboundMessages.districtId', '=', w.districtId)
      .execute();
    // 3 people (handler, reporter, head) × 2 channels, for the problem only.
    expect(msgs).toHaveLength(6);
    expect(new Set(msgs.map((m) => m.kind))).toEqual(new Set(['problem.overdue']));
    const handlerName = (
      await t.db.selectFrom('users').select('username').where('id', '=', w.handler).executeTakeFirstOrThrow()
    ).username;
    expect(
      msgs
        .filter((m) => m.recipient === handlerName)
        .map((m) => m.channel)
        .sort(),
    ).toEqual(['sms', 'wecom']);
    if (!res.skipped) expect(res.outbound).toBe(6);
  });
});

describe('problem escalation', () => {
  async function escalationState(id: string) {
    const p = await t.db
      .selectFrom('problems')
      .select(['escalationLevel'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const events = await t.db
      .selectFrom('problemEvents')
      .select('note')
      .where('problemId', '=', id)
      .where('kind', '=', 'escalated')
      .execute();
    return { level: p.escalationLevel, events: events.length };
  }

  it('goes to the leader after the escalate days, to 督查室 after twice that, never twice per level', async () => {
    const w = await world();
    await t.db
      .insertInto('districtSettings')
      .values({ districtId: w.districtId, problemEscalateDays: 3, updatedAt: new Date() })
      .execute();
    const p = await buildSignedProject(t.db, { unitId: w.town });
    const pb = await buildProblem(t.db, {
      projectId: p.id,
      departmentUnitId: w.dept,
      deadline: '2026-11-10',
    });

    await run(w, dayAt('2026-11-13')); // 3 days past: not more than 3
    expect(await escalationState(pb.id)).toEqual({ level: 0, events: 0 });
    await run(w, dayAt('2026-11-14')); // 4 days past
    expect(await escalationState(pb.id)).toEqual({ level: 1, events: 1 });
    expect((await notices(w.leader, 'problem.escalated')).map((n) => n.dedupeKey)).toEqual([
      `problem.escalated:${pb.id}:1`,
    ]);
    expect(await notices(w.supervisor, 'problem.escalated')).toEqual([]);
    await run(w, dayAt('2026-11-15'));
    expect(await escalationState(pb.id)).toEqual({ level: 1, events: 1 });
    await run(w, dayAt('2026-11-17')); // 7 days past: more than 6
    expect(await escalationState(pb.id)).toEqual({ level: 2, events: 2 });
    expect(await notices(w.supervisor, 'problem.escalated')).toHaveLength(1);
    expect(await notices(w.leader, 'problem.escalated')).toHaveLength(2);
    // A later deadline does not lower the level.
    await t.db.updateTable('problems').set({ deadline: '2026-12-31' }).where('id', '=', pb.id).execute();
    await run(w, dayAt('2026-11-18'));
    expect(await escalationState(pb.id)).toEqual({ level: 2, events: 2 });
  });

  it('notifies the named leader only when the problem has one, and halves the wait on the green channel', async () => {
    const w = await world();
    const otherLeader = (await buildUser(t.db, { unitId: w.town, roles: ['leader'] })).id;
    const p = await buildSignedProject(t.db, { unitId: w.town });
    await t.db.updateTable('projects').set({ greenChannel: true }).where('id', '=', p.id).execute();
    const pb = await buildProblem(t.db, {
      projectId: p.id,
      departmentUnitId: w.dept,
      deadline: '2026-11-10',
    });
    await t.db.updateTable('problems').set({ leaderUserId: otherLeader }).where('id', '=', pb.id).execute();
    // District default 3 days → 2 on the green channel: 3 days past escalates.
    await run(w, dayAt('2026-11-13'));
    expect(await escalationState(pb.id)).toEqual({ level: 1, events: 1 });
    expect(await notices(otherLeader, 'problem.escalated')).toHaveLength(1);
    expect(await notices(w.leader, 'problem.escalated')).toEqual([]);
  });

  it('uses the rule’s escalate_after_days over the district’s and stops for a replied problem', async () => {
    const w = await world();
    await t.db
      .insertInto('reminderRules')
      .values({ districtId: w.districtId, kind: 'problem', escalateAfterDays: 10, updatedAt: new Date() })
      .execute();
    const p = await buildSignedProject(t.db, { unitId: w.town });
    const pb = await buildProblem(t.db, {
      projectId: p.id,
      departmentUnitId: w.dept,
      deadline: '2026-11-10',
    });
    const replied = await buildProblem(t.db, {
      projectId: p.id,
      departmentUnitId: w.dept,
      deadline: '2026-11-01',
    });
    await t.db
      .updateTable('problems')
      .set({ status: 'replied', reply: '已办' })
      .where('id', '=', replied.id)
      .execute();
    await run(w, dayAt('2026-11-20'));
    expect(await escalationState(pb.id)).toEqual({ level: 0, events: 0 });
    await run(w, dayAt('2026-11-21'));
    expect(await escalationState(pb.id)).toEqual({ level: 1, events: 1 });
    expect(await escalationState(replied.id)).toEqual({ level: 0, events: 0 });
  });
});

describe('two app servers', () => {
  it('runs once when two start together: one does the work, the other skips, the count equals one run', async () => {
    const w = await world();
    const p = await buildSignedProject(t.db, { unitId: w.town });
    for (let i = 0; i < 5; i++) {
      await buildProblem(t.db, { projectId: p.id, departmentUnitId: w.dept, deadline: '2026-11-01' });
    }
    // The winner holds the lock until the loser has answered, so both really overlap.
    let loserDone!: () => void;
    const loser = new Promise<void>((r) => {
      loserDone = r;
    });
    const race = () =>
      runReminders(t.db, AT, { districtId: w.districtId, onLocked: () => loser }).then((r) => {
        if (r.skipped) loserDone();
        return r;
      });
    const results = await Promise.all([race(), race()]);
    expect(results.filter((r) => r.skipped)).toHaveLength(1);
    const done = results.find((r) => !r.skipped);
    const total = await countAll(w.districtId);
    expect(done && !done.skipped ? done.created : -1).toBe(total);

    // A single run in a fresh district with the same data creates the same number.
    const w2 = await world();
    const p2 = await buildSignedProject(t.db, { unitId: w2.town });
    for (let i = 0; i < 5; i++) {
      await buildProblem(t.db, { projectId: p2.id, departmentUnitId: w2.dept, deadline: '2026-11-01' });
    }
    await run(w2);
    expect(await countAll(w2.districtId)).toBe(total);

    const runs = await t.db
      .selectFrom('jobRuns')
      .select(['host', 'createdCount', 'finishedAt'])
      .where('job', '=', 'reminders')
      .orderBy('startedAt', 'desc')
      .execute();
    expect(runs.every((r) => r.host && r.finishedAt)).toBe(true);
  });

  it('without a barrier, any interleaving of two runs still creates each notice once', async () => {
    const w = await world();
    const p = await buildSignedProject(t.db, { unitId: w.town });
    await buildProblem(t.db, { projectId: p.id, departmentUnitId: w.dept, deadline: '2026-11-01' });
    await Promise.all([run(w), run(w)]);
    const rows = await t.db
      .selectFrom('notifications')
      .select(['userId', 'dedupeKey'])
      .where('districtId', '=', w.districtId)
      .execute();
    expect(new Set(rows.map((r) => `${r.userId}|${r.dedupeKey}`)).size).toBe(rows.length);
  });
});

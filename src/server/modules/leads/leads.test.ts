import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
let reporter: Session; // 东阳镇 (town03)
let otherReporter: Session; // 西河镇 (town04)
let units: Record<string, string>;
const unitId = (name: string) => units[name]!;

const SCORES = {
  intention: 5,
  scale: 4,
  market: 4,
  technology: 3,
  industryFit: 5,
  environment: 4,
  energy: 3,
  benefit: 4,
};

async function enter(s: Session, unit: string, title: string, extra: Record<string, unknown> = {}) {
  const res = await call(t.app, s, 'POST', '/api/leads', {
    unitId: unitId(unit),
    title,
    channel: 'via_business',
    receivedOn: '2026-11-27',
    enterprise: { name: `${title}投资有限公司` },
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    id: string;
    version: number;
    enterpriseId: string;
    clocks: { kind: string; state: string }[];
  };
}

async function sheetTitles(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const titles: unknown[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) titles.push(row.getCell(1).value);
  });
  return { titles, ws };
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-28T02:00:00Z'));
  await setupPlatform(t.app, { loadDemo: true });
  center = await loginAs(t.app, 'center.admin');
  reporter = await loginAs(t.app, 'town03.reporter');
  otherReporter = await loginAs(t.app, 'town04.reporter');
  units = Object.fromEntries(
    (await call(t.app, center, 'GET', '/api/units'))
      .json()
      .map((u: { name: string; id: string }) => [u.name, u.id]),
  );
});
afterAll(() => t.close());

describe('demo leads', () => {
  it('loads about 250 leads over every channel and status, 40 % linked to demo projects, some late, some shared', async () => {
    const rows = await t.db
      .selectFrom('leads')
      .select(['status', 'channel', 'shared', 'projectId'])
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(240);
    expect(new Set(rows.map((r) => r.channel)).size).toBe(7);
    expect(new Set(rows.map((r) => r.status))).toEqual(
      new Set(['new', 'following', 'declined', 'converted']),
    );
    const converted = rows.filter((r) => r.status === 'converted');
    expect(converted.length / rows.length).toBeGreaterThan(0.3);
    const linked = await t.db.selectFrom('projects').select('id').where('leadId', 'is not', null).execute();
    expect(linked.length).toBe(converted.length);
    expect(rows.some((r) => r.shared)).toBe(true);
    const late = (await call(t.app, center, 'GET', '/api/leads?overdue=any&pageSize=1')).json();
    expect(late.total).toBeGreaterThan(5);
  });

  it('has three open conflicts between two towns and one settled by co-credit', async () => {
    const open = (await call(t.app, center, 'GET', '/api/conflicts')).json();
    expect(open).toHaveLength(3);
    const all = (await call(t.app, center, 'GET', '/api/conflicts?state=all')).json();
    const co = all.filter((c: { resolution: { kind: string } | null }) => c.resolution?.kind === 'co_credit');
    expect(co).toHaveLength(1);
    expect(co[0]).toMatchObject({ state: 'resolved' });
  });
});

describe('leads', () => {
  it('takes a lead from entry through response, screening, feedback and a report to a 在谈 project', async () => {
    const lead = await enter(reporter, '东阳镇', '高强螺栓智能工厂', {
      intendedAmountYuan: '300000000',
      chain: '高端标准件/紧固件',
      industryDivision: 'C33',
      channel: 'event',
    });
    expect(lead).toMatchObject({ status: 'new', unitName: '东阳镇', version: 1, writable: true });
    expect(lead.clocks.find((c) => c.kind === 'respond')).toMatchObject({
      state: 'due',
      dueOn: '2026-11-28',
    });

    const responded = await call(t.app, reporter, 'POST', `/api/leads/${lead.id}/respond`, {
      version: 1,
      on: '2026-11-28',
      note: '已电话联系企业负责人',
    });
    expect(responded.statusCode, responded.body).toBe(200);
    expect(responded.json().clocks[0]).toMatchObject({ kind: 'respond', state: 'done' });

    const noReason = await call(t.app, reporter, 'POST', `/api/leads/${lead.id}/screen`, {
      version: 2,
      on: '2026-11-28',
      scores: SCORES,
      decision: 'decline',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields.declineReason).toBeTruthy();
    const badScore = await call(t.app, reporter, 'POST', `/api/leads/${lead.id}/screen`, {
      version: 2,
      on: '2026-11-28',
      scores: { ...SCORES, energy: 6 },
      decision: 'follow',
    });
    expect(badScore.statusCode).toBe(400);

    const screened = await call(t.app, reporter, 'POST', `/api/leads/${lead.id}/screen`, {
      version: 2,
      on: '2026-11-28',
      scores: SCORES,
      decision: 'follow',
    });
    expect(screened.statusCode, screened.body).toBe(200);
    expect(screened.json()).toMatchObject({
      status: 'following',
      screeningTotal: 32,
      screeningScores: SCORES,
    });
    expect(screened.json().clocks.find((c: { kind: string }) => c.kind === 'report')).toMatchObject({
      state: 'due',
      dueOn: '2026-12-12',
    });

    const fed = await call(t.app, reporter, 'POST', `/api/leads/${lead.id}/feedback`, {
      version: 3,
      on: '2026-11-28',
      note: '已向引荐商会反馈研判结果',
    });
    expect(fed.json()).toMatchObject({ fedBackOn: '2026-11-28' });
    const reported = await call(t.app, reporter, 'POST', `/api/leads/${lead.id}/progress-report`, {
      version: 4,
      on: '2026-11-28',
      note: '企业来区考察选址',
    });
    expect(reported.json()).toMatchObject({ lastReportedOn: '2026-11-28', version: 5 });

    const converted = await call(t.app, reporter, 'POST', `/api/leads/${lead.id}/convert`, { version: 5 });
    expect(converted.statusCode, converted.body).toBe(200);
    expect(converted.json()).toMatchObject({ status: 'converted' });
    expect(
      converted.json().clocks.every((c: { state: string }) => c.state !== 'overdue' && c.state !== 'due'),
    ).toBe(true);
    const projectId = converted.json().projectId as string;

    // The project carries the lead's facts and keeps the way back to its history.
    const project = (await call(t.app, reporter, 'GET', `/api/projects/${projectId}`)).json();
    expect(project.project).toMatchObject({
      name: '高强螺栓智能工厂',
      stage: 'negotiating',
      unitName: '东阳镇',
      enterpriseId: lead.enterpriseId,
      plannedTotalYuan: '300000000',
      chain: '高端标准件/紧固件',
      industryDivision: 'C33',
      leadId: lead.id,
    });
    const events = (await call(t.app, reporter, 'GET', `/api/leads/${lead.id}/events`)).json();
    expect(events.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'responded',
      'screened',
      'fed_back',
      'reported',
      'converted',
    ]);
    const detail = (await call(t.app, reporter, 'GET', `/api/leads/${lead.id}`)).json();
    expect(detail.project).toMatchObject({ id: projectId, stage: 'negotiating' });

    const audited = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('objectId', '=', lead.id)
      .where('result', '=', 'success')
      .orderBy('id')
      .execute();
    expect(audited.map((a) => a.action)).toEqual([
      'leads.create',
      'leads.respond',
      'leads.screen',
      'leads.feedback',
      'leads.report',
      'leads.convert',
    ]);
  });

  it('refuses steps the lead’s status does not allow', async () => {
    const lead = await enter(reporter, '东阳镇', '不跟进的铸造项目');
    const early = await call(t.app, reporter, 'POST', `/api/leads/${lead.id}/convert`, { version: 1 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('leads.wrong_status');
    const declined = await call(t.app, reporter, 'POST', `/api/leads/${lead.id}/screen`, {
      version: 1,
      on: '2026-11-28',
      scores: { ...SCORES, environment: 1, energy: 1 },
      decision: 'decline',
      declineReason: '高耗能，不符合绿色发展方向',
    });
    expect(declined.json()).toMatchObject({
      status: 'declined',
      declineReason: '高耗能，不符合绿色发展方向',
    });
    const future = await call(t.app, reporter, 'POST', `/api/leads/${lead.id}/feedback`, {
      version: 2,
      on: '2026-12-01',
      note: '明天的反馈',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields.on).toBeTruthy();
  });

  it('finds or creates the enterprise, so two units entering the same company share one record', async () => {
    const a = await enter(reporter, '东阳镇', '精密冷镦件扩产', {
      enterprise: { name: '冀南精密冷镦有限公司' },
    });
    const b = await enter(otherReporter, '西河镇', '冷镦件二期', {
      enterprise: { name: ' 冀南精密冷镦有限责任公司 ' },
    });
    expect(b.enterpriseId).toBe(a.enterpriseId);
  });

  it('refuses a stale edit with the current version', async () => {
    const lead = await enter(reporter, '东阳镇', '版本冲突测试线索');
    const first = await call(t.app, reporter, 'PATCH', `/api/leads/${lead.id}`, {
      version: 1,
      referrer: '县商会',
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, referrer: '县商会' });
    const stale = await call(t.app, reporter, 'PATCH', `/api/leads/${lead.id}`, {
      version: 1,
      title: '旧版本改名',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('leads.version_conflict');
  });
});

describe('lead clocks', () => {
  it('flags overdue leads in the list and its filter, and follows the district’s settings', async () => {
    const late = await enter(reporter, '东阳镇', '逾期未响应线索', { receivedOn: '2026-11-20' });
    expect(late.clocks.find((c) => c.kind === 'respond')).toMatchObject({ state: 'overdue' });
    const overdue = (await call(t.app, reporter, 'GET', '/api/leads?overdue=respond&pageSize=200')).json();
    expect(overdue.items.map((l: { id: string }) => l.id)).toContain(late.id);
    expect(
      overdue.items.every((l: { clocks: { kind: string; state: string }[] }) =>
        l.clocks.some((c) => c.kind === 'respond' && c.state === 'overdue'),
      ),
    ).toBe(true);

    expect(
      (
        await call(t.app, reporter, 'PUT', '/api/settings/lead-clocks', {
          respondDays: 10,
          screenDays: 12,
          feedbackDays: 20,
          reportIntervalDays: 30,
        })
      ).statusCode,
    ).toBe(403);
    const set = await call(t.app, center, 'PUT', '/api/settings/lead-clocks', {
      respondDays: 10,
      screenDays: 12,
      feedbackDays: 20,
      reportIntervalDays: 30,
    });
    expect(set.statusCode, set.body).toBe(200);
    expect((await call(t.app, reporter, 'GET', '/api/settings/lead-clocks')).json()).toMatchObject({
      respondDays: 10,
    });
    const now = (await call(t.app, reporter, 'GET', `/api/leads/${late.id}`)).json();
    expect(now.lead.clocks[0]).toMatchObject({ state: 'due', dueOn: '2026-11-30' });
    const after = (await call(t.app, reporter, 'GET', '/api/leads?overdue=respond&pageSize=200')).json();
    expect(after.items.map((l: { id: string }) => l.id)).not.toContain(late.id);
    await call(t.app, center, 'PUT', '/api/settings/lead-clocks', {
      respondDays: 1,
      screenDays: 3,
      feedbackDays: 7,
      reportIntervalDays: 14,
    });
  });
});

describe('lead visibility', () => {
  let secret: { id: string; version: number };

  it('never shows another town an unshared lead: list, detail, history, export, search', async () => {
    secret = await enter(reporter, '东阳镇', '保密洽谈磁悬浮风机项目');
    const q = encodeURIComponent('磁悬浮风机');
    const list = (await call(t.app, otherReporter, 'GET', `/api/leads?q=${q}`)).json();
    expect(list.items).toEqual([]);
    expect((await call(t.app, otherReporter, 'GET', `/api/leads/${secret.id}`)).statusCode).toBe(404);
    expect((await call(t.app, otherReporter, 'GET', `/api/leads/${secret.id}/events`)).statusCode).toBe(404);
    const exported = await call(t.app, otherReporter, 'GET', `/api/leads/export.xlsx?q=${q}`);
    expect((await sheetTitles(exported.rawPayload)).titles).toEqual([]);
    expect((await call(t.app, otherReporter, 'GET', `/api/search?q=${q}`)).json().leads).toEqual([]);
    // …while its own town and the center find it.
    expect((await call(t.app, reporter, 'GET', `/api/search?q=${q}`)).json().leads).toMatchObject([
      { id: secret.id, unitName: '东阳镇' },
    ]);
    expect((await call(t.app, center, 'GET', `/api/leads?q=${q}`)).json().total).toBe(1);
    const leader = await loginAs(t.app, 'leader01');
    expect((await call(t.app, leader, 'GET', `/api/leads/${secret.id}`)).json().lead.writable).toBe(false);
  });

  it('shows a shared lead to every unit of the district, read-only to all but its own', async () => {
    const shared = await call(t.app, reporter, 'POST', `/api/leads/${secret.id}/share`, {
      version: 1,
      shared: true,
    });
    expect(shared.json()).toMatchObject({ shared: true, version: 2 });
    const q = encodeURIComponent('磁悬浮风机');
    const seen = (await call(t.app, otherReporter, 'GET', `/api/leads?q=${q}`)).json();
    expect(seen.items).toMatchObject([{ id: secret.id, shared: true, writable: false }]);
    expect((await call(t.app, otherReporter, 'GET', `/api/leads/${secret.id}/events`)).statusCode).toBe(200);
    expect((await call(t.app, otherReporter, 'GET', `/api/search?q=${q}`)).json().leads).toHaveLength(1);
    const exported = await call(t.app, otherReporter, 'GET', `/api/leads/export.xlsx?q=${q}`);
    expect((await sheetTitles(exported.rawPayload)).titles).toEqual(['保密洽谈磁悬浮风机项目']);
    for (const [path, body] of [
      ['respond', { version: 2, on: '2026-11-28' }],
      ['share', { version: 2, shared: false }],
      ['convert', { version: 2 }],
    ] as const) {
      const res = await call(t.app, otherReporter, 'POST', `/api/leads/${secret.id}/${path}`, body);
      expect(res.statusCode, path).toBe(403);
      expect(res.json().error.code).toBe('leads.read_only');
    }
    const edit = await call(t.app, otherReporter, 'PATCH', `/api/leads/${secret.id}`, {
      version: 2,
      title: '抢走',
    });
    expect(edit.statusCode).toBe(403);
    const mine = (await call(t.app, reporter, 'GET', `/api/leads/${secret.id}`)).json();
    expect(mine.lead).toMatchObject({ title: '保密洽谈磁悬浮风机项目', writable: true, version: 2 });
  });

  it('exports formula-like text as text', async () => {
    await enter(reporter, '东阳镇', '=HYPERLINK("x")线索');
    const res = await call(
      t.app,
      reporter,
      'GET',
      `/api/leads/export.xlsx?q=${encodeURIComponent('hyperlink')}`,
    );
    const { ws } = await sheetTitles(res.rawPayload);
    const cell = ws.getRow(2).getCell(1);
    expect(cell.value).toBe('=HYPERLINK("x")线索');
    expect(cell.numFmt).toBe('@');
  });
});

describe('conflicts', () => {
  it('finds an enterprise chased by two towns, validates shares and credits projects explicitly', async () => {
    const a = await enter(reporter, '东阳镇', '双方争抢的减速机项目', {
      enterprise: { name: '燕赵减速机股份有限公司' },
    });
    await enter(otherReporter, '西河镇', '减速机生产基地', {
      enterprise: { name: '燕赵减速机股份有限公司' },
    });
    const listed = await call(t.app, center, 'GET', '/api/conflicts');
    expect(listed.statusCode, listed.body).toBe(200);
    const open = listed.json();
    const c = open.find((x: { enterpriseId: string }) => x.enterpriseId === a.enterpriseId);
    expect(c).toMatchObject({ state: 'unresolved', resolution: null });
    expect(c.units.map((u: { unitName: string }) => u.unitName).sort()).toEqual(['东阳镇', '西河镇'].sort());
    expect((await call(t.app, reporter, 'GET', '/api/conflicts')).statusCode).toBe(403);

    const url = `/api/conflicts/${a.enterpriseId}/resolve`;
    const short = await call(t.app, center, 'POST', url, {
      kind: 'co_credit',
      shares: [
        { unitId: unitId('东阳镇'), basisPoints: 6000 },
        { unitId: unitId('西河镇'), basisPoints: 3000 },
      ],
    });
    expect(short.statusCode).toBe(422);
    expect(short.json().error.messageZh).toContain('合计须为100%');
    const outsider = await call(t.app, center, 'POST', url, {
      kind: 'primary',
      primaryUnitId: unitId('青石镇'),
    });
    expect(outsider.statusCode).toBe(400);

    // The town converts its lead; the decision then covers the project.
    await call(t.app, reporter, 'POST', `/api/leads/${a.id}/screen`, {
      version: 1,
      on: '2026-11-28',
      scores: SCORES,
      decision: 'follow',
    });
    const project = (
      await call(t.app, reporter, 'POST', `/api/leads/${a.id}/convert`, { version: 2 })
    ).json();
    const ok = await call(t.app, center, 'POST', url, {
      kind: 'co_credit',
      shares: [
        { unitId: unitId('东阳镇'), basisPoints: 6000 },
        { unitId: unitId('西河镇'), basisPoints: 4000 },
      ],
      note: '双方共同对接，六四分成',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'resolved', resolution: { kind: 'co_credit' } });
    const shares = await t.db
      .selectFrom('projectCreditShares')
      .select(['unitId', 'basisPoints'])
      .where('projectId', '=', project.projectId)
      .orderBy('basisPoints', 'desc')
      .execute();
    expect(shares).toEqual([
      { unitId: unitId('东阳镇'), basisPoints: 6000 },
      { unitId: unitId('西河镇'), basisPoints: 4000 },
    ]);
    expect(
      (await call(t.app, center, 'GET', '/api/conflicts'))
        .json()
        .some((x: { enterpriseId: string }) => x.enterpriseId === a.enterpriseId),
    ).toBe(false);

    // A third unit joining reopens the decision.
    const third = await loginAs(t.app, 'town05.reporter');
    const res = await call(t.app, third, 'POST', '/api/leads', {
      unitId: unitId('南庄镇'),
      title: '减速机配套项目',
      channel: 'self',
      receivedOn: '2026-11-28',
      enterpriseId: a.enterpriseId,
    });
    expect(res.statusCode, res.body).toBe(201);
    const reopened = (await call(t.app, center, 'GET', '/api/conflicts')).json();
    expect(reopened.find((x: { enterpriseId: string }) => x.enterpriseId === a.enterpriseId)).toMatchObject({
      state: 'reopened',
      resolution: { kind: 'co_credit' },
    });
  });
});

import crypto from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../domain/access/roles.js';
import type { PortalLinkCreated, PortalProblem, PortalView } from '../../../domain/portal/portal.schemas.js';
import { PORTAL_RATE_RULES } from '../../../domain/portal/rate-window.js';
import {
  buildDepartment,
  buildDistrict,
  buildProject,
  buildUnit,
  buildUser,
  sessionFor,
} from '../../test/fixtures.js';
import { buildTestApp, call, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let districtId: string;
let townId: string;
let projectId: string;
let otherProjectId: string;
let deptId: string;
let reporter: string;
let otherReporter: string;
let center: string;
let leader: string;
let handler: string;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const HOUR = 3_600_000;
let ipSeq = 0;
/** A fresh client address per public call, so the per-address window only bites where a test wants it to. */
const freshIp = () => `10.0.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;

async function as(who: string, method: string, url: string, body?: unknown) {
  const res = await call(t.app, await sessionFor(t.db, who, t.clock.now()), method, url, body);
  return { status: res.statusCode, body: res.body ? res.json() : null, headers: res.headers };
}

async function pub(
  method: 'GET' | 'POST',
  url: string,
  o: { json?: unknown; raw?: Buffer | string; contentType?: string; ip?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (o.contentType) headers['content-type'] = o.contentType;
  else if (o.raw !== undefined) headers['content-type'] = 'application/json';
  const res = await t.app.inject({
    method,
    url,
    headers,
    remoteAddress: o.ip ?? freshIp(),
    ...(o.json !== undefined ? { payload: o.json as object } : o.raw !== undefined ? { payload: o.raw } : {}),
  });
  return { status: res.statusCode, body: res.body ? res.json() : null, headers: res.headers, text: res.body };
}

function upload(
  token: string,
  problemId: string,
  file: { filename: string; content: Buffer; contentType?: string },
  ip = freshIp(),
) {
  const boundary = '----zs-portal-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.contentType ?? 'application/pdf'}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app
    .inject({
      method: 'POST',
      url: `/api/portal/${token}/problems/${problemId}/files`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      remoteAddress: ip,
      payload,
    })
    .then((res) => ({ status: res.statusCode, body: res.json() }));
}

async function newLink(by = reporter, project = projectId, label = '企业联系人 王经理') {
  const res = await as(by, 'POST', `/api/projects/${project}/portal-links`, { label });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const created = res.body as PortalLinkCreated;
  return { ...created, token: created.path.replace('/portal/', '') };
}

const report = (token: string, over: Record<string, unknown> = {}, ip?: string) =>
  pub('POST', `/api/portal/${token}/problems`, {
    ip,
    json: {
      category: 'land',
      title: '二期用地指标未落实',
      description: '项目二期用地指标尚未下达，影响开工。',
      contactName: '王经理',
      ...over,
    },
  });

async function counts() {
  const [p, a, e] = await Promise.all([
    t.db
      .selectFrom('problems')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
    t.db
      .selectFrom('attachments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
    t.db
      .selectFrom('problemEvents')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { problems: Number(p.n), attachments: Number(a.n), events: Number(e.n) };
}

/** Moves a problem to 已反馈 the way the internal loop leaves it (assigned, accepted, replied). */
async function markReplied(problemId: string, reply: string) {
  // Steps a minute apart, after the report and before what the test does next (the timeline orders by time).
  t.clock.advance(60_000);
  const at = t.clock.now();
  const step = (i: number) => new Date(at.getTime() + i * 60_000);
  await t.db
    .updateTable('problems')
    .set({
      status: 'replied',
      departmentUnitId: deptId,
      leaderInCharge: '分管副区长',
      countermeasure: '内部对策：协调市局调剂指标',
      deadline: '2026-12-20',
      assignedAt: at,
      acceptedAt: at,
      repliedAt: at,
      reply,
    })
    .where('id', '=', problemId)
    .execute();
  const p = await t.db
    .selectFrom('problems')
    .select('districtId')
    .where('id', '=', problemId)
    .executeTakeFirstOrThrow();
  const order = ['assigned', 'accepted', 'comment', 'escalated', 'replied'];
  const ev = (kind: 'assigned' | 'accepted' | 'comment' | 'escalated' | 'replied', note: string | null) => ({
    districtId: p.districtId,
    problemId,
    kind,
    note,
    userId: handler,
    username: 'dept.handler',
    viaPortal: false,
    at: step(order.indexOf(kind)),
  });
  await t.db
    .insertInto('problemEvents')
    .values([
      ev('assigned', '内部对策：协调市局调剂指标'),
      ev('accepted', '已安排专人'),
      ev('comment', '内部留言：请分管领导过问'),
      ev('escalated', null),
      ev('replied', reply),
    ])
    .execute();
  t.clock.advance(10 * 60_000);
}

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-28T02:00:00Z'));
  districtId = (await buildDistrict(t.db)).id;
  townId = (await buildUnit(t.db, { districtId, name: '东阳镇' })).id;
  const otherTownId = (await buildUnit(t.db, { districtId })).id;
  deptId = (await buildDepartment(t.db, { districtId, name: '自然资源和规划局' })).id;
  const user = async (unitId: string, roles: Role[]) => (await buildUser(t.db, { unitId, roles })).id;
  reporter = await user(townId, ['unit_reporter']);
  await user(townId, ['unit_head']);
  otherReporter = await user(otherTownId, ['unit_reporter']);
  center = await user((await buildUnit(t.db, { districtId, kind: 'center' })).id, ['center_admin']);
  leader = await user(townId, ['leader']);
  handler = await user(deptId, ['department_handler']);
  projectId = (await buildProject(t.db, { unitId: townId, name: '年产3万吨高强度螺栓项目' })).id;
  otherProjectId = (await buildProject(t.db, { unitId: otherTownId, name: '另一镇的项目' })).id;
});
afterAll(() => t.close());
// Each test starts in a fresh hour: the report window of an earlier test does not carry over.
beforeEach(() => t.clock.advance(HOUR + 1000));

describe('portal links', () => {
  it('shows the link once at creation, stores only its SHA-256, and lists it without the token', async () => {
    const link = await newLink();
    expect(link.path).toMatch(/^\/portal\/[A-Za-z0-9_-]{43}$/);
    expect(link).toMatchObject({
      label: '企业联系人 王经理',
      revokedAt: null,
      lastUsedAt: null,
      problemCount: 0,
    });
    const row = await t.db
      .selectFrom('portalTokens')
      .selectAll()
      .where('id', '=', link.id)
      .executeTakeFirstOrThrow();
    expect(row.tokenSha256).toBe(sha(link.token));
    // The token itself is nowhere in the database: not in the link row, not in the audit log.
    const leaks = await t.db
      .selectFrom('auditLog')
      .select('id')
      .where((eb) =>
        eb.or([
          eb(eb.cast('changes', 'text'), 'like', `%${link.token}%`),
          eb('detail', 'like', `%${link.token}%`),
        ]),
      )
      .execute();
    expect(leaks).toEqual([]);
    expect(JSON.stringify(row)).not.toContain(link.token);

    const list = await as(reporter, 'GET', `/api/projects/${projectId}/portal-links`);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(link.token);
    expect(list.body.find((l: { id: string }) => l.id === link.id)).not.toHaveProperty('path');

    const audit = await t.db
      .selectFrom('auditLog')
      .select(['action', 'userId', 'result'])
      .where('objectId', '=', link.id)
      .execute();
    expect(audit).toEqual([{ action: 'portal.link_create', userId: reporter, result: 'success' }]);
  });

  it('lets the project’s unit and the center manage links, and no one else', async () => {
    expect((await as(center, 'GET', `/api/projects/${projectId}/portal-links`)).status).toBe(200);
    await newLink(center);
    // Another town's reporter: the project is not in its scope (404, not 403).
    expect((await as(otherReporter, 'GET', `/api/projects/${projectId}/portal-links`)).status).toBe(404);
    const other = await as(otherReporter, 'POST', `/api/projects/${projectId}/portal-links`, {
      label: '越权',
    });
    expect(other.status).toBe(404);
    // Leaders and department handlers read the landing service but hand out no links.
    expect((await as(leader, 'GET', `/api/projects/${projectId}/portal-links`)).status).toBe(403);
    expect(
      (await as(handler, 'POST', `/api/projects/${projectId}/portal-links`, { label: 'x' })).status,
    ).toBe(403);
  });

  it('revokes a link once, audited; the second revoke is refused', async () => {
    const link = await newLink();
    const url = `/api/projects/${projectId}/portal-links/${link.id}/revoke`;
    const res = await as(reporter, 'POST', url);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.revokedAt).not.toBeNull();
    const again = await as(reporter, 'POST', url);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('portal.link_revoked');
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('objectId', '=', link.id)
      .where('result', '=', 'success')
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['portal.link_create', 'portal.link_revoke']);
    // The revoke route of another project does not reach this link.
    const cross = await as(center, 'POST', `/api/projects/${otherProjectId}/portal-links/${link.id}/revoke`);
    expect(cross.status).toBe(404);
  });
});

describe('the public portal', () => {
  it('shows the project and whom to contact, takes a report, and audits it as the link', async () => {
    const link = await newLink();
    const before = await pub('GET', `/api/portal/${link.token}`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      projectName: '年产3万吨高强度螺栓项目',
      unitName: '东阳镇',
      problems: [],
    });

    const res = await report(link.token, {}, '203.0.113.7');
    expect(res.status, res.text).toBe(201);
    const problem = res.body as PortalProblem;
    expect(problem).toMatchObject({
      title: '二期用地指标未落实',
      status: 'raised',
      contactName: '王经理',
      reply: null,
      canRespond: false,
    });
    expect(problem.steps.map((s) => s.kind)).toEqual(['raised']);

    const row = await t.db
      .selectFrom('problems')
      .selectAll()
      .where('id', '=', problem.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      raisedVia: 'investor',
      raisedBy: null,
      portalTokenId: link.id,
      projectId,
      unitId: townId,
      raiserName: '王经理',
    });
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['action', 'userId', 'username', 'ip', 'result'])
      .where('objectId', '=', problem.id)
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({
      action: 'portal.problem_report',
      userId: null,
      username: `portal:${sha(link.token).slice(0, 8)}`,
      ip: '203.0.113.7',
      result: 'success',
    });
    // The center and the project's unit are told.
    const told = await t.db
      .selectFrom('notifications')
      .select('userId')
      .where('subjectId', '=', problem.id)
      .execute();
    expect(told.map((n) => n.userId)).toEqual(expect.arrayContaining([center, reporter]));
    expect(told.map((n) => n.userId)).not.toContain(handler);

    const after = await pub('GET', `/api/portal/${link.token}`);
    expect((after.body as PortalView).problems.map((p) => p.id)).toEqual([problem.id]);
    const used = await t.db
      .selectFrom('portalTokens')
      .select('lastUsedAt')
      .where('id', '=', link.id)
      .executeTakeFirstOrThrow();
    expect(used.lastUsedAt).toEqual(t.clock.now());
  });

  it('shows a link only the problems reported through it', async () => {
    const mine = await newLink();
    const sameProject = await newLink();
    const otherProject = await newLink(otherReporter, otherProjectId, '另一企业');
    const p = (await report(mine.token)).body as PortalProblem;
    // A problem the unit itself raised on the same project is not the investor's either.
    await t.db
      .insertInto('problems')
      .values({
        districtId,
        unitId: townId,
        projectId,
        raisedVia: 'unit',
        raisedBy: reporter,
        raiserName: null,
        portalTokenId: null,
        title: '单位内部问题',
        description: '内部',
        category: 'funds',
        createdAt: t.clock.now(),
        updatedAt: t.clock.now(),
      })
      .execute();
    const mineView = (await pub('GET', `/api/portal/${mine.token}`)).body as PortalView;
    expect(mineView.problems.map((x) => x.id)).toEqual([p.id]);
    for (const other of [sameProject, otherProject]) {
      const v = (await pub('GET', `/api/portal/${other.token}`)).body as PortalView;
      expect(v.problems).toEqual([]);
      const before = await counts();
      const up = await upload(other.token, p.id, { filename: 'a.pdf', content: PDF });
      expect(up.status).toBe(404);
      expect(up.body.error.code).toBe('portal.problem_not_found');
      const confirm = await pub('POST', `/api/portal/${other.token}/problems/${p.id}/confirm`);
      expect(confirm.status).toBe(404);
      expect(await counts()).toEqual(before);
    }
    expect((await pub('GET', `/api/portal/${otherProject.token}`)).body.projectName).toBe('另一镇的项目');
  });

  it('answers a revoked, an unknown and a malformed token alike with 404 on every route, storing nothing', async () => {
    const link = await newLink();
    const p = (await report(link.token)).body as PortalProblem;
    await as(reporter, 'POST', `/api/projects/${projectId}/portal-links/${link.id}/revoke`);
    const before = await counts();
    const unknown = crypto.randomBytes(32).toString('base64url');
    const bodies = new Set<string>();
    for (const token of [link.token, unknown, 'not-a-token', `${link.token}x`, '%00']) {
      const calls = [
        await pub('GET', `/api/portal/${token}`),
        await report(token),
        await upload(token, p.id, { filename: 'a.pdf', content: PDF }),
        await pub('POST', `/api/portal/${token}/problems/${p.id}/confirm`),
        await pub('POST', `/api/portal/${token}/problems/${p.id}/reopen`, { json: { reason: '仍未解决' } }),
      ];
      for (const c of calls) {
        expect(c.status, `${token}: ${JSON.stringify(c.body)}`).toBe(404);
        bodies.add(JSON.stringify(c.body));
      }
    }
    expect([...bodies].map((b) => JSON.parse(b).error.code)).toEqual(['portal.not_found']);
    expect(JSON.parse([...bodies][0]!).error.messageZh).toBe('链接无效或已停用，请联系招商服务人员。');
    expect(await counts()).toEqual(before);
  });
});

describe('the portal against hostile input', () => {
  let token: string;
  beforeAll(async () => {
    token = (await newLink()).token;
  });

  it('stores pasted script as plain text, exactly as sent, and serves it as JSON data', async () => {
    const script = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const res = await report(token, { title: `${script}`.slice(0, 100), description: `请看：${script}` });
    expect(res.status, res.text).toBe(201);
    const row = await t.db
      .selectFrom('problems')
      .select(['title', 'description'])
      .where('id', '=', res.body.id)
      .executeTakeFirstOrThrow();
    expect(row.description).toBe(`请看：${script}`);
    const view = await pub('GET', `/api/portal/${token}`);
    expect(view.headers['content-type']).toMatch(/^application\/json/);
    expect(view.body.problems[0].description).toBe(`请看：${script}`);
  });

  it('drops control characters other than line breaks and tabs, and trims', async () => {
    const res = await report(token, {
      title: '  标题\u0007带\u001b铃声 ',
      description: '第一行\r\n第二行\t缩进\u202e反转\u0085',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.title).toBe('标题带铃声');
    expect(res.body.description).toBe('第一行\n第二行\t缩进反转');
  });

  it('refuses oversized, binary, NUL-laden, non-UTF-8 and unexpected bodies with a clear error, storing nothing', async () => {
    const before = await counts();
    const cases: { name: string; res: Awaited<ReturnType<typeof pub>>; status: number; code: string }[] = [
      {
        name: '1 MB description',
        res: await report(token, { description: '问'.repeat(1024 * 1024) }),
        status: 413,
        code: 'request.too_large',
      },
      {
        name: 'NUL escaped in JSON',
        res: await report(token, { description: 'abc\u0000def' }),
        status: 400,
        code: 'portal.binary_text',
      },
      {
        name: 'raw NUL and binary bytes',
        res: await pub('POST', `/api/portal/${token}/problems`, {
          raw: Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x7d]),
        }),
        status: 400,
        code: 'portal.invalid_text',
      },
      {
        name: 'invalid UTF-8 inside a string',
        res: await pub('POST', `/api/portal/${token}/problems`, {
          raw: Buffer.concat([
            Buffer.from('{"category":"land","title":"标题","description":"'),
            Buffer.from([0xc3, 0x28]),
            Buffer.from('"}'),
          ]),
        }),
        status: 400,
        code: 'portal.invalid_text',
      },
      {
        name: 'binary upload as octet-stream',
        res: await pub('POST', `/api/portal/${token}/problems`, {
          raw: crypto.randomBytes(512),
          contentType: 'application/octet-stream',
        }),
        status: 415,
        code: 'portal.unsupported_type',
      },
      {
        name: 'not JSON',
        res: await pub('POST', `/api/portal/${token}/problems`, { raw: '{"title": ' }),
        status: 400,
        code: 'portal.invalid_json',
      },
      {
        name: 'an unknown field',
        res: await report(token, { departmentUnitId: deptId }),
        status: 400,
        code: 'validation.failed',
      },
      {
        name: 'a title of blanks',
        res: await report(token, { title: '   \u0007 ' }),
        status: 400,
        code: 'validation.failed',
      },
      {
        name: 'a too long title',
        res: await report(token, { title: '长'.repeat(101) }),
        status: 400,
        code: 'validation.failed',
      },
      {
        name: 'a category that does not exist',
        res: await report(token, { category: 'bribe' }),
        status: 400,
        code: 'validation.failed',
      },
    ];
    for (const c of cases) {
      expect(c.res.status, `${c.name}: ${c.res.text.slice(0, 200)}`).toBe(c.status);
      expect(c.res.body.error.code, c.name).toBe(c.code);
      expect(c.res.body.error.message, c.name).toBeTruthy();
      expect(c.res.body.error.messageZh, c.name).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await counts()).toEqual(before);
  });
});

describe('portal files', () => {
  it('takes up to three content-checked files of at most 5 MB per problem, refusing the rest cleanly', async () => {
    const { token } = await newLink();
    const p = (await report(token)).body as PortalProblem;
    const first = await upload(token, p.id, { filename: '现场照片.pdf', content: PDF });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ filename: '现场照片.pdf', sizeBytes: PDF.length });
    const before = await counts();
    const refused = [
      {
        res: await upload(token, p.id, {
          filename: 'x.pdf',
          content: Buffer.from('<script>alert(1)</script>'),
        }),
        status: 415,
        code: 'attachments.type_not_allowed',
      },
      {
        res: await upload(token, p.id, {
          filename: 'x.html',
          content: Buffer.from('<!doctype html><html><script>alert(1)</script></html>'),
          contentType: 'text/html',
        }),
        status: 415,
        code: 'attachments.type_not_allowed',
      },
      {
        res: await upload(token, p.id, {
          filename: 'big.pdf',
          content: Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]),
        }),
        status: 413,
        code: 'portal.file_too_large',
      },
      {
        res: await upload(token, p.id, { filename: 'empty.pdf', content: Buffer.alloc(0) }),
        status: 400,
        code: 'attachments.empty',
      },
    ];
    for (const r of refused) {
      expect(r.res.status, JSON.stringify(r.res.body)).toBe(r.status);
      expect(r.res.body.error.code).toBe(r.code);
    }
    expect(await counts()).toEqual(before);
    expect((await upload(token, p.id, { filename: '2.pdf', content: PDF })).status).toBe(201);
    expect((await upload(token, p.id, { filename: '3.pdf', content: PDF })).status).toBe(201);
    const fourth = await upload(token, p.id, { filename: '4.pdf', content: PDF });
    expect(fourth.status).toBe(409);
    expect(fourth.body.error.code).toBe('portal.too_many_files');
    const view = (await pub('GET', `/api/portal/${token}`)).body as PortalView;
    expect(view.problems[0]!.files.map((f) => f.filename)).toEqual(['现场照片.pdf', '2.pdf', '3.pdf']);
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['action', 'userId'])
      .where('objectId', '=', p.id)
      .where('action', '=', 'portal.file_upload')
      .execute();
    expect(audit).toHaveLength(3);
    expect(audit.every((a) => a.userId === null)).toBe(true);
  });
});

describe('confirming and reopening', () => {
  it('shows the department’s reply but not its internal notes, and lets the investor confirm it', async () => {
    const { token } = await newLink();
    const p = (await report(token)).body as PortalProblem;
    const early = await pub('POST', `/api/portal/${token}/problems/${p.id}/confirm`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('portal.not_replied');

    await markReplied(p.id, '已协调市局调剂用地指标，12月上旬下达。');
    const view = (await pub('GET', `/api/portal/${token}`)).body as PortalView;
    const seen = view.problems[0]!;
    expect(seen).toMatchObject({
      status: 'replied',
      departmentName: '自然资源和规划局',
      reply: '已协调市局调剂用地指标，12月上旬下达。',
      canRespond: true,
    });
    expect(seen.steps.map((s) => s.kind)).toEqual(['raised', 'assigned', 'accepted', 'replied']);
    const text = JSON.stringify(seen);
    expect(text).not.toContain('内部');
    expect(text).not.toContain('分管副区长');
    expect(text).not.toContain('dept.handler');

    const res = await pub('POST', `/api/portal/${token}/problems/${p.id}/confirm`, { ip: '198.51.100.9' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'closed', canRespond: false });
    expect(res.body.closedAt).not.toBeNull();
    const ev = await t.db
      .selectFrom('problemEvents')
      .select(['kind', 'viaPortal', 'userId', 'username'])
      .where('problemId', '=', p.id)
      .where('kind', '=', 'closed')
      .executeTakeFirstOrThrow();
    expect(ev).toEqual({
      kind: 'closed',
      viaPortal: true,
      userId: null,
      username: `portal:${sha(token).slice(0, 8)}`,
    });
    const told = await t.db
      .selectFrom('notifications')
      .select('userId')
      .where('subjectId', '=', p.id)
      .where('kind', '=', 'problem.closed')
      .execute();
    expect(told.map((n) => n.userId)).toEqual([handler]);
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['action', 'ip'])
      .where('objectId', '=', p.id)
      .where('action', '=', 'portal.problem_confirm')
      .executeTakeFirstOrThrow();
    expect(audit.ip).toBe('198.51.100.9');
    const twice = await pub('POST', `/api/portal/${token}/problems/${p.id}/confirm`);
    expect(twice.status).toBe(409);
  });

  it('reopens with the investor’s reason: back to the department with a fresh deadline', async () => {
    const { token } = await newLink();
    const p = (await report(token)).body as PortalProblem;
    await markReplied(p.id, '已答复');
    const blank = await pub('POST', `/api/portal/${token}/problems/${p.id}/reopen`, {
      json: { reason: ' ' },
    });
    expect(blank.status).toBe(400);
    const res = await pub('POST', `/api/portal/${token}/problems/${p.id}/reopen`, {
      json: { reason: '指标仍未下达，开工受影响' },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.status).toBe('assigned');
    const last = res.body.steps.at(-1);
    expect(last).toMatchObject({ kind: 'reopened', note: '指标仍未下达，开工受影响' });
    // The earlier reply stays readable in the timeline.
    expect(res.body.steps.find((s: { kind: string }) => s.kind === 'replied').note).toBe('已答复');
    const row = await t.db
      .selectFrom('problems')
      .selectAll()
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'assigned', reopenCount: 1, departmentUnitId: deptId, reply: null });
    expect(row.deadline! > '2026-12-01').toBe(true);
    const told = await t.db
      .selectFrom('notifications')
      .select('userId')
      .where('subjectId', '=', p.id)
      .where('kind', '=', 'problem.reopened')
      .execute();
    expect(told.map((n) => n.userId)).toEqual([handler]);
  });
});

describe('portal rate limits', () => {
  it('refuses the 31st request of a minute from one address with 429 and Retry-After, not another address', async () => {
    const { token } = await newLink();
    const ip = '192.0.2.50';
    for (let i = 0; i < PORTAL_RATE_RULES.request.limit; i++) {
      expect((await pub('GET', `/api/portal/${token}`, { ip })).status).toBe(200);
    }
    const refused = await pub('GET', `/api/portal/${token}`, { ip });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('portal.rate_limited');
    expect(refused.body.error.messageZh).toMatch(/频繁/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await pub('GET', `/api/portal/${token}`, { ip: '192.0.2.51' })).status).toBe(200);
    // The next window lets the address in again.
    t.clock.advance(Number(refused.headers['retry-after']) * 1000);
    expect((await pub('GET', `/api/portal/${token}`, { ip })).status).toBe(200);
  });

  it('takes five reports an hour through one link, from any address, and refuses the sixth storing nothing', async () => {
    const { token } = await newLink();
    for (let i = 0; i < PORTAL_RATE_RULES.report.limit; i++) {
      expect((await report(token, { title: `第${i + 1}个问题` })).status).toBe(201);
    }
    const before = await counts();
    const sixth = await report(token, { title: '第6个问题' });
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.code).toBe('portal.rate_limited');
    expect(await counts()).toEqual(before);
    // Another link of the same project is counted on its own.
    expect((await report((await newLink()).token)).status).toBe(201);
  });

  it('purges windows no rule reads any more from the write path', async () => {
    const old = new Date(t.clock.now().getTime() - 3 * HOUR);
    await t.db
      .insertInto('portalRateHits')
      .values({ key: 'req:stale:1.2.3.4', windowStart: old, hits: 3 })
      .execute();
    const { token } = await newLink();
    expect((await report(token)).status).toBe(201);
    const stale = await t.db
      .selectFrom('portalRateHits')
      .select('key')
      .where('windowStart', '<=', old)
      .execute();
    expect(stale).toEqual([]);
  });
});

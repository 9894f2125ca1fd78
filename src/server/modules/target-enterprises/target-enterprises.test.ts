import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildChainLink,
  buildDistrict,
  buildLead,
  buildProject,
  buildUnit,
  buildUser,
  sessionFor,
} from '../../test/fixtures.js';
import {
  buildTestApp,
  call,
  type Session,
  setupPlatform,
  type TestApp,
  uploadFile,
} from '../../test/test-app.js';

let t: TestApp;
let center: Session;
let townASession: Session;
let townBSession: Session;
let leaderSession: Session;
let districtId: string;
let townA: { id: string; name: string };
let townB: { id: string; name: string };
let linkId: string;
let otherDistrictLinkId: string;

interface Target {
  id: string;
  unitId: string;
  unitName: string;
  enterpriseId: string;
  enterpriseName: string;
  tags: string[];
  status: string;
  priority: string;
  approach: string | null;
  nextStep: string | null;
  nextStepOn: string | null;
  chainLinkId: string | null;
  chainLinkLabel: string | null;
  hasLead: boolean;
  hasProject: boolean;
  overdue: boolean;
  version: number;
}
interface ImportResult {
  saved: boolean;
  problems: { row: number; column: string | null; message: string; messageZh: string }[];
  rows: { row: number; enterpriseName: string; action: string; note: string | null }[];
  counts: { create: number; update: number; skip: number; enterprisesCreated: number };
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function create(s: Session, body: Record<string, unknown>) {
  return call(t.app, s, 'POST', '/api/target-enterprises', body);
}
async function list(s: Session, query = '') {
  const res = await call(t.app, s, 'GET', `/api/target-enterprises${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Target[]; total: number };
}
async function workbook(rows: (string | number | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('目标企业');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
function upload(s: Session, url: string, content: Buffer) {
  return uploadFile(t.app, s, url, { filename: '目标企业.xlsx', content, contentType: XLSX });
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-28T03:00:00Z'));
  await setupPlatform(t.app);
  districtId = (
    await t.db.selectFrom('regions').select('id').where('kind', '=', 'district').executeTakeFirstOrThrow()
  ).id;
  const centerUnit = await buildUnit(t.db, { districtId, kind: 'center', name: '投促中心' });
  townA = await buildUnit(t.db, { districtId, name: '东阳镇' });
  townB = await buildUnit(t.db, { districtId, name: '西河镇' });
  const at = t.clock.now();
  const session = async (unitId: string, role: 'center_admin' | 'unit_reporter' | 'leader') =>
    sessionFor(t.db, (await buildUser(t.db, { unitId, roles: [role] })).id, at);
  center = await session(centerUnit.id, 'center_admin');
  townASession = await session(townA.id, 'unit_reporter');
  townBSession = await session(townB.id, 'unit_reporter');
  leaderSession = await session(centerUnit.id, 'leader');
  linkId = (await buildChainLink(t.db, { districtId, chainName: '高端标准件/紧固件', linkName: '线材' })).link
    .id;
  otherDistrictLinkId = (await buildChainLink(t.db, { districtId: (await buildDistrict(t.db)).id })).link.id;
});
afterAll(async () => {
  await t.close();
});

describe('target enterprises: create, edit, history', () => {
  it('adds an enterprise with its plan, logs it, and refuses the same enterprise twice with the existing id', async () => {
    const res = await create(center, {
      unitId: townA.id,
      enterprise: { name: '华锐精密紧固件集团有限公司' },
      tags: ['private_top500', 'industry_leader'],
      chainLinkId: linkId,
      priority: 'key',
      approach: '以商招商，经北京商会引荐',
      nextStep: '拜访总部',
      nextStepOn: '2026-12-10',
      leaderInCharge: '王副区长',
    });
    expect(res.statusCode, res.body).toBe(201);
    const target = res.json() as Target;
    expect(target).toMatchObject({
      unitName: '东阳镇',
      enterpriseName: '华锐精密紧固件集团有限公司',
      status: 'researching',
      priority: 'key',
      chainLinkLabel: '高端标准件/紧固件 · 上游 · 线材',
      hasLead: false,
      overdue: false,
    });
    const detail = (await call(t.app, center, 'GET', `/api/target-enterprises/${target.id}`)).json();
    expect(detail.history.map((h: { kind: string }) => h.kind)).toEqual(['created']);

    const again = await create(townASession, {
      unitId: townA.id,
      enterpriseId: target.enterpriseId,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('target_enterprises.duplicate');
    expect(again.json().error.fields.existingTargetId.message).toBe(target.id);
    // The same company written a little differently is the same enterprise of the address book.
    const byName = await create(townBSession, {
      unitId: townB.id,
      enterprise: { name: '华锐精密紧固件集团有限责任公司' },
    });
    expect(byName.statusCode).toBe(409);
  });

  it('refuses bad input with the field that is wrong', async () => {
    const badTag = await create(center, {
      unitId: townA.id,
      enterprise: { name: '某某测试有限公司' },
      tags: ['top10'],
    });
    expect(badTag.statusCode).toBe(400);
    const otherLink = await create(center, {
      unitId: townA.id,
      enterprise: { name: '链外测试有限公司' },
      chainLinkId: otherDistrictLinkId,
    });
    expect(otherLink.statusCode).toBe(400);
    expect(otherLink.json().error.code).toBe('target_enterprises.chain_link_invalid');
    const otherUnit = await create(townASession, {
      unitId: townB.id,
      enterprise: { name: '越权测试有限公司' },
    });
    expect(otherUnit.statusCode).toBe(400);
    expect(otherUnit.json().error.code).toBe('target_enterprises.unit_invalid');
    const both = await create(center, { unitId: townA.id });
    expect(both.statusCode).toBe(400);
  });

  it('logs plan and status changes, and refuses an edit over a newer version', async () => {
    const target = (
      await create(townASession, { unitId: townA.id, enterprise: { name: '中原新材料股份有限公司' } })
    ).json() as Target;
    const patched = await call(t.app, townASession, 'PATCH', `/api/target-enterprises/${target.id}`, {
      version: target.version,
      approach: '对接其华北基地扩产',
      status: 'contacting',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().version).toBe(target.version + 1);
    const stale = await call(t.app, townASession, 'PATCH', `/api/target-enterprises/${target.id}`, {
      version: target.version,
      approach: '旧版本',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('target_enterprises.version_conflict');
    const detail = (await call(t.app, townASession, 'GET', `/api/target-enterprises/${target.id}`)).json();
    const entries = detail.history.map((h: { kind: string; note: string | null }) => [h.kind, h.note]);
    expect(entries).toContainEqual(['plan', '调整：招商思路']);
    expect(entries).toContainEqual(['status', '研究中 → 联络中']);
  });

  it('records contacts and visits by date, never in the future', async () => {
    const target = (
      await create(townASession, { unitId: townA.id, enterprise: { name: '东方机械制造有限公司' } })
    ).json() as Target;
    const visit = await call(t.app, townASession, 'POST', `/api/target-enterprises/${target.id}/history`, {
      kind: 'visit',
      onDate: '2026-11-20',
      note: '赴京拜访，对方有意设立北方生产基地',
    });
    expect(visit.statusCode, visit.body).toBe(201);
    expect(visit.json().map((h: { kind: string }) => h.kind)).toEqual(['visit', 'created']);
    const future = await call(t.app, townASession, 'POST', `/api/target-enterprises/${target.id}/history`, {
      kind: 'contact',
      onDate: '2026-12-01',
      note: '计划电话',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.code).toBe('target_enterprises.event_in_future');
    const empty = await call(t.app, townASession, 'POST', `/api/target-enterprises/${target.id}/history`, {
      kind: 'note',
      onDate: '2026-11-20',
      note: '',
    });
    expect(empty.statusCode).toBe(400);
  });
});

describe('target enterprises: unit scope', () => {
  let bTarget: Target;
  beforeAll(async () => {
    bTarget = (
      await create(townBSession, {
        unitId: townB.id,
        enterprise: { name: '西河专属目标有限公司' },
        nextStep: '电话联络',
        nextStepOn: '2026-11-01',
      })
    ).json() as Target;
  });

  it('shows a town only its own targets and answers 404 for another unit’s', async () => {
    const a = await list(townASession);
    expect(a.items.every((x) => x.unitId === townA.id)).toBe(true);
    expect(a.items.some((x) => x.id === bTarget.id)).toBe(false);
    expect((await call(t.app, townASession, 'GET', `/api/target-enterprises/${bTarget.id}`)).statusCode).toBe(
      404,
    );
    const patch = await call(t.app, townASession, 'PATCH', `/api/target-enterprises/${bTarget.id}`, {
      version: 1,
      approach: '越权',
    });
    expect(patch.statusCode).toBe(404);
    const history = await call(t.app, townASession, 'POST', `/api/target-enterprises/${bTarget.id}/history`, {
      kind: 'note',
      onDate: '2026-11-20',
      note: '越权',
    });
    expect(history.statusCode).toBe(404);
  });

  it('shows the center and leaders every unit’s targets', async () => {
    for (const s of [center, leaderSession]) {
      const all = await list(s, '?pageSize=200');
      expect(new Set(all.items.map((x) => x.unitId))).toEqual(new Set([townA.id, townB.id]));
    }
    expect(
      (await call(t.app, leaderSession, 'GET', `/api/target-enterprises/${bTarget.id}`)).statusCode,
    ).toBe(200);
  });

  it('lets only the center hand a target to another unit, and only the center delete', async () => {
    const denied = await call(t.app, townBSession, 'PATCH', `/api/target-enterprises/${bTarget.id}`, {
      version: bTarget.version,
      unitId: townA.id,
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('target_enterprises.move_denied');
    const moved = await call(t.app, center, 'PATCH', `/api/target-enterprises/${bTarget.id}`, {
      version: bTarget.version,
      unitId: townA.id,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().unitName).toBe('东阳镇');
    expect((await call(t.app, townBSession, 'GET', `/api/target-enterprises/${bTarget.id}`)).statusCode).toBe(
      404,
    );
    expect((await call(t.app, townASession, 'GET', `/api/target-enterprises/${bTarget.id}`)).statusCode).toBe(
      200,
    );

    expect(
      (await call(t.app, townASession, 'DELETE', `/api/target-enterprises/${bTarget.id}`)).statusCode,
    ).toBe(403);
    expect((await call(t.app, center, 'DELETE', `/api/target-enterprises/${bTarget.id}`)).statusCode).toBe(
      204,
    );
    expect((await call(t.app, center, 'GET', `/api/target-enterprises/${bTarget.id}`)).statusCode).toBe(404);
  });
});

describe('target enterprises: leads, projects, filters', () => {
  it('says the district already has a lead or project even when another unit’s, listing only the caller’s own', async () => {
    const target = (
      await create(townASession, { unitId: townA.id, enterprise: { name: '永固五金制品有限公司' } })
    ).json() as Target;
    await buildLead(t.db, { unitId: townB.id, enterpriseId: target.enterpriseId, title: '西河镇的线索' });
    const ownProject = await buildProject(t.db, { unitId: townA.id, name: '永固扩产项目' });
    await t.db
      .updateTable('projects')
      .set({ enterpriseId: target.enterpriseId })
      .where('id', '=', ownProject.id)
      .execute();

    const detail = (await call(t.app, townASession, 'GET', `/api/target-enterprises/${target.id}`)).json();
    expect(detail.target).toMatchObject({ hasLead: true, hasProject: true });
    expect(detail.leads).toEqual([]);
    expect(detail.districtLeadCount).toBe(1);
    expect(detail.projects.map((p: { name: string }) => p.name)).toEqual(['永固扩产项目']);
    expect(detail.districtProjectCount).toBe(1);

    const withLead = await list(townASession, '?hasLead=true');
    expect(withLead.items.map((x) => x.id)).toEqual([target.id]);
    const withoutLead = await list(townASession, '?hasLead=false');
    expect(withoutLead.items.some((x) => x.id === target.id)).toBe(false);
  });

  it('turns a target 已转化 when a lead or project is entered for its enterprise; a dropped one stays dropped', async () => {
    const pursued = (
      await create(townASession, { unitId: townA.id, enterprise: { name: '鼎盛紧固科技有限公司' } })
    ).json() as Target;
    const lead = await call(t.app, townASession, 'POST', '/api/leads', {
      unitId: townA.id,
      enterpriseId: pursued.enterpriseId,
      title: '鼎盛高强螺栓项目',
      channel: 'targeted',
      receivedOn: '2026-11-20',
    });
    expect(lead.statusCode, lead.body).toBe(201);
    const detail = (await call(t.app, townASession, 'GET', `/api/target-enterprises/${pursued.id}`)).json();
    expect(detail.target.status).toBe('converted');
    expect(detail.history.at(-1)).toMatchObject({
      kind: 'status',
      note: '已形成线索「鼎盛高强螺栓项目」，状态改为已转化',
    });

    const dropped = (
      await create(townASession, {
        unitId: townA.id,
        enterprise: { name: '远航物流装备有限公司' },
        status: 'dropped',
      })
    ).json() as Target;
    const project = await call(t.app, townASession, 'POST', '/api/projects', {
      unitId: townA.id,
      enterpriseId: dropped.enterpriseId,
      name: '远航智能仓储项目',
    });
    expect(project.statusCode, project.body).toBe(201);
    const still = (await call(t.app, townASession, 'GET', `/api/target-enterprises/${dropped.id}`)).json();
    expect(still.target.status).toBe('dropped');
  });

  it('filters by tag, status, priority, link, name or pinyin, and due next steps; flags overdue ones', async () => {
    const key = await list(center, '?tags=private_top500,central_soe&priority=key');
    expect(key.items.map((x) => x.enterpriseName)).toEqual(['华锐精密紧固件集团有限公司']);
    expect((await list(center, `?chainLinkId=${linkId}`)).total).toBe(1);
    expect((await list(center, '?q=hrjm')).items[0]?.enterpriseName).toBe('华锐精密紧固件集团有限公司');
    expect((await list(center, '?status=contacting')).items.map((x) => x.enterpriseName)).toEqual([
      '中原新材料股份有限公司',
    ]);
    const overdue = (
      await create(townASession, {
        unitId: townA.id,
        enterprise: { name: '逾期测试有限公司' },
        nextStep: '回访',
        nextStepOn: '2026-11-20',
      })
    ).json() as Target;
    expect(overdue.overdue).toBe(true);
    expect((await list(townASession, '?overdue=true')).items.map((x) => x.id)).toEqual([overdue.id]);
    const due = await list(townASession, '?nextStepBefore=2026-12-31&sort=nextStepOn');
    expect(due.items.map((x) => x.nextStepOn)).toEqual(['2026-11-20', '2026-12-10']);
  });
});

describe('target enterprises: import and export', () => {
  const HEADER = [
    '企业名称',
    '统一社会信用代码',
    '标签',
    '所属行业',
    '产业链环节',
    '责任单位',
    '包联领导',
    '招商思路',
    '对接人',
    '可提供条件',
    '下一步',
    '下一步日期',
    '重点',
  ];

  it('downloads a template with the columns and a 说明 sheet', async () => {
    const res = await call(t.app, townASession, 'GET', '/api/target-enterprises/import/template.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('说明')).toBeDefined();
    expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe('企业名称*');
  });

  it('lists every bad cell by row and column and saves nothing', async () => {
    const before = await list(center, '?pageSize=200');
    const file = await workbook([
      ['目标企业名单（2026）'],
      HEADER,
      [
        '北方重工装备有限公司',
        null,
        '央企、世界五百强',
        'C34',
        '高端标准件/紧固件 · 线材',
        '东阳镇',
        null,
        null,
        null,
        null,
        null,
        '2026-12-05',
        '是',
      ],
      [
        '坏标签企业有限公司',
        '123',
        '独角兽',
        '金属',
        '不存在环节',
        '北京镇',
        null,
        null,
        null,
        null,
        null,
        '下周',
        '也许',
      ],
      [null, null, '央企', null, null, '东阳镇'],
      ['北方重工装备有限公司', null, null, null, null, '东阳镇'],
    ]);
    const res = await upload(center, '/api/target-enterprises/import/check', file);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as ImportResult;
    expect(body.saved).toBe(false);
    const cells = body.problems.map((p) => `${p.row} ${p.column}`);
    expect(cells).toEqual([
      '4 B 统一社会信用代码',
      '4 C 标签',
      '4 D 所属行业',
      '4 E 产业链环节',
      '4 F 责任单位',
      '4 L 下一步日期',
      '4 M 重点',
      '5 A 企业名称',
      '6 A 企业名称',
    ]);
    expect(body.problems.every((p) => /[\u4e00-\u9fa5]/.test(p.messageZh))).toBe(true);
    // Committing the same file writes nothing either.
    const commit = await upload(center, '/api/target-enterprises/import', file);
    expect(commit.json().saved).toBe(false);
    expect((await list(center, '?pageSize=200')).total).toBe(before.total);
  });

  it('creates new targets, updates the caller’s own, skips another unit’s, in one go', async () => {
    const westOnly = (
      await create(townBSession, { unitId: townB.id, enterprise: { name: '西河自有目标有限公司' } })
    ).json() as Target;
    const file = await workbook([
      HEADER,
      [
        '北方重工装备有限公司',
        null,
        '央企、世界500强',
        'C34',
        '高端标准件/紧固件 · 线材',
        null,
        '李副区长',
        '争取区域总部',
        null,
        '标准化厂房',
        '上门拜访',
        '2026-12-05',
        '是',
      ],
      [
        '中原新材料股份有限公司',
        null,
        null,
        null,
        null,
        null,
        null,
        '对接其华北基地扩产二期',
        null,
        null,
        null,
        null,
        null,
      ],
      [
        '西河自有目标有限公司',
        null,
        '上市公司',
        null,
        null,
        null,
        null,
        '抢先对接',
        null,
        null,
        null,
        null,
        null,
      ],
    ]);
    const check = (
      await upload(townASession, '/api/target-enterprises/import/check', file)
    ).json() as ImportResult;
    expect(check.problems).toEqual([]);
    expect(check.rows.map((r) => r.action)).toEqual(['create', 'update', 'skip']);
    expect(check.rows[2]!.note).toContain('西河镇');
    expect((await list(townASession, '?q=北方重工')).total).toBe(0);

    const res = await upload(townASession, '/api/target-enterprises/import', file);
    const done = res.json() as ImportResult;
    expect(done.saved, res.body).toBe(true);
    expect(done.counts).toMatchObject({ create: 1, update: 1, skip: 1, enterprisesCreated: 1 });
    const created = (await list(townASession, '?q=北方重工')).items[0]!;
    expect(created).toMatchObject({
      unitId: townA.id,
      tags: ['central_soe', 'fortune500'],
      priority: 'key',
      chainLinkId: linkId,
      nextStepOn: '2026-12-05',
    });
    const updated = (await list(townASession, '?q=中原新材料')).items[0]!;
    expect(updated.approach).toBe('对接其华北基地扩产二期');
    expect(updated.status).toBe('contacting');
    const untouched = (
      await call(t.app, townBSession, 'GET', `/api/target-enterprises/${westOnly.id}`)
    ).json();
    expect(untouched.target.approach).toBeNull();
  });

  it('exports the filtered list so that it imports back unchanged', async () => {
    const res = await call(t.app, townASession, 'GET', '/api/target-enterprises/export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const own = await list(townASession, '?pageSize=200');
    const back = (
      await upload(townASession, '/api/target-enterprises/import/check', res.rawPayload)
    ).json() as ImportResult;
    expect(back.problems).toEqual([]);
    expect(back.rows).toHaveLength(own.total);
    expect(back.rows.every((r) => r.action === 'skip' && r.note === '与库中一致，无需更新')).toBe(true);

    const tagged = await call(t.app, center, 'GET', '/api/target-enterprises/export.xlsx?tags=central_soe');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tagged.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(1).value).toBe('北方重工装备有限公司');
    expect(ws.getRow(2).getCell(3).value).toBe('央企、世界500强');
  });
});

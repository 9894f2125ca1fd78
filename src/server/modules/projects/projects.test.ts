import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  call,
  loginAs,
  type Session,
  setupPlatform,
  type TestApp,
  uploadFile,
} from '../../test/test-app.js';

let t: TestApp;
let center: Session;
let reporter: Session; // 东阳镇 (town03)
let otherReporter: Session; // 西河镇 (town04)
let units: Record<string, string>;
const unitId = (name: string) => units[name]!;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

function upload(s: Session, projectId: string, kind: string, body: Buffer, filename = 'proof.pdf') {
  return uploadFile(t.app, s, `/api/projects/${projectId}/attachments`, {
    filename,
    content: body,
    fields: { kind },
  });
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-06-15T02:00:00Z'));
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

describe('enterprises', () => {
  it('links a second entry of the same company instead of duplicating it', async () => {
    const first = await call(t.app, reporter, 'POST', '/api/enterprises', {
      name: '洺州紧固件制造有限责任公司',
      contactPhone: '13812345678',
    });
    expect(first.statusCode).toBe(201);
    const again = await call(t.app, otherReporter, 'POST', '/api/enterprises', {
      name: ' 洺州紧固件制造有限公司 ',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, enterprise: { id: first.json().enterprise.id } });
  });

  it('refuses a credit code whose check character is wrong, saying so', async () => {
    const res = await call(t.app, reporter, 'POST', '/api/enterprises', {
      name: '测试校验码公司',
      creditCode: '91130400MA0000000X',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('enterprises.invalid_credit_code');
    expect(res.json().error.fields.creditCode.messageZh).toBeTruthy();
  });

  it('masks the phone for units that do not work with the enterprise', async () => {
    const list = await call(
      t.app,
      otherReporter,
      'GET',
      `/api/enterprises?q=${encodeURIComponent('洺州紧固件')}`,
    );
    expect(list.json().items[0]).toMatchObject({ contactPhone: '138****5678', phoneMasked: true });
    const full = await call(t.app, center, 'GET', `/api/enterprises?q=${encodeURIComponent('洺州紧固件')}`);
    expect(full.json().items[0]).toMatchObject({ contactPhone: '13812345678', phoneMasked: false });
  });
});

describe('projects', () => {
  let projectId: string;
  let version: number;

  it('lets a town reporter enter a project for their own town only', async () => {
    const mine = await call(t.app, reporter, 'POST', '/api/projects', {
      unitId: unitId('东阳镇'),
      name: '年产5万吨高强度紧固件项目',
      plannedTotalYuan: '1200000000',
    });
    expect(mine.statusCode).toBe(201);
    expect(mine.json()).toMatchObject({
      stage: 'negotiating',
      unitName: '东阳镇',
      plannedTotalYuan: '1200000000',
      version: 1,
    });
    projectId = mine.json().id;
    version = mine.json().version;
    const theirs = await call(t.app, reporter, 'POST', '/api/projects', {
      unitId: unitId('西河镇'),
      name: '越权项目',
    });
    expect(theirs.statusCode).toBe(400);
    expect(theirs.json().error.code).toBe('projects.unit_invalid');
  });

  it('hides a town’s project from another town and shows it to the center', async () => {
    expect((await call(t.app, otherReporter, 'GET', `/api/projects/${projectId}`)).statusCode).toBe(404);
    const theirs = (await call(t.app, otherReporter, 'GET', '/api/projects?pageSize=200')).json();
    expect(theirs.items.every((p: { unitName: string }) => p.unitName === '西河镇')).toBe(true);
    expect(theirs.items.some((p: { id: string }) => p.id === projectId)).toBe(false);
    expect(
      (await call(t.app, otherReporter, 'PATCH', `/api/projects/${projectId}`, { version, name: '改名' }))
        .statusCode,
    ).toBe(404);
    expect((await call(t.app, center, 'GET', `/api/projects/${projectId}`)).statusCode).toBe(200);
    const leader = await loginAs(t.app, 'leader01');
    const all = (
      await call(
        t.app,
        leader,
        'GET',
        `/api/projects?q=${encodeURIComponent('高强度紧固件项目')}&pageSize=200`,
      )
    ).json();
    expect(all.items.some((p: { id: string }) => p.id === projectId)).toBe(true);
    expect(
      (await call(t.app, leader, 'PATCH', `/api/projects/${projectId}`, { version, name: '改名' }))
        .statusCode,
    ).toBe(403);
  });

  it('refuses the move to signed with exactly what is missing, then accepts it once given', async () => {
    const refused = await call(t.app, reporter, 'POST', `/api/projects/${projectId}/moves`, {
      to: 'signed',
      effectiveDate: '2026-06-10',
      version,
    });
    expect(refused.statusCode).toBe(422);
    const err = refused.json().error;
    expect(err.code).toBe('projects.stage_requires_fields');
    expect(Object.keys(err.fields)).toEqual(
      expect.arrayContaining(['signingDate', 'agreementType', 'signedAmountYuan', 'evidence.agreement']),
    );
    expect(err.messageZh).toContain('签约日期');

    const edited = await call(t.app, reporter, 'PATCH', `/api/projects/${projectId}`, {
      version,
      signingDate: '2026-06-10',
      agreementType: 'formal',
      signedAmountYuan: '1000000000',
    });
    expect(edited.statusCode).toBe(200);
    version = edited.json().version;
    expect((await upload(reporter, projectId, 'agreement', PDF, '投资协议.pdf')).statusCode).toBe(201);
    const moved = await call(t.app, reporter, 'POST', `/api/projects/${projectId}/moves`, {
      to: 'signed',
      effectiveDate: '2026-06-10',
      version,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().stage).toBe('signed');
    version = moved.json().version;

    const detail = (await call(t.app, center, 'GET', `/api/projects/${projectId}`)).json();
    expect(detail.history.map((h: { toStage: string }) => h.toStage)).toEqual(['negotiating', 'signed']);
    expect(detail.history[1]).toMatchObject({
      fromStage: 'negotiating',
      username: 'town03.reporter',
      displayName: '东阳镇填报员（演示）',
    });
    expect(detail.attachments[0]).toMatchObject({
      kind: 'agreement',
      contentType: 'application/pdf',
      filename: '投资协议.pdf',
    });
  });

  it('refuses an edit that would undo what the stage stands on', async () => {
    const res = await call(t.app, reporter, 'PATCH', `/api/projects/${projectId}`, {
      version,
      signingDate: null,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields.signingDate).toBeDefined();
    expect(
      (await call(t.app, reporter, 'GET', `/api/projects/${projectId}`)).json().project.signingDate,
    ).toBe('2026-06-10');
  });

  it('refuses an edit made on a stale version instead of overwriting', async () => {
    const res = await call(t.app, center, 'PATCH', `/api/projects/${projectId}`, {
      version: 1,
      name: '旧版本的修改',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('projects.version_conflict');
  });

  it('checks attachments by their bytes and serves them only within scope', async () => {
    const fake = await upload(
      reporter,
      projectId,
      'business_licence',
      Buffer.from('<script>alert(1)</script>'),
      'licence.pdf',
    );
    expect(fake.statusCode).toBe(415);
    const detail = (await call(t.app, reporter, 'GET', `/api/projects/${projectId}`)).json();
    const id = detail.attachments[0].id;
    const mine = await call(t.app, reporter, 'GET', `/api/attachments/${id}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-type']).toBe('application/pdf');
    expect(mine.rawPayload.equals(PDF)).toBe(true);
    expect((await call(t.app, otherReporter, 'GET', `/api/attachments/${id}`)).statusCode).toBe(404);
  });

  it('pauses with a reason and reactivates to where it was', async () => {
    const noReason = await call(t.app, reporter, 'POST', `/api/projects/${projectId}/moves`, {
      to: 'paused',
      effectiveDate: '2026-06-12',
      version,
    });
    expect(noReason.statusCode).toBe(422);
    const paused = await call(t.app, reporter, 'POST', `/api/projects/${projectId}/moves`, {
      to: 'paused',
      effectiveDate: '2026-06-12',
      reason: '企业资金链紧张',
      version,
    });
    expect(paused.json()).toMatchObject({
      stage: 'paused',
      stageBeforeHold: 'signed',
      holdReason: '企业资金链紧张',
    });
    const back = await call(t.app, reporter, 'POST', `/api/projects/${projectId}/moves`, {
      to: 'signed',
      effectiveDate: '2026-06-14',
      version: paused.json().version,
    });
    expect(back.json()).toMatchObject({ stage: 'signed', stageBeforeHold: null });
  });

  it('stores amounts exactly, beyond what a float holds', async () => {
    const res = await call(t.app, center, 'POST', '/api/projects', {
      unitId: unitId('经济开发区'),
      name: '精确金额测试项目',
      plannedTotalYuan: '9007199254740993',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().plannedTotalYuan).toBe('9007199254740993');
  });
});

describe('project export', () => {
  async function readSheet(body: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('项目库')!;
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    return { ws, rows };
  }

  it('exports exactly the caller’s filtered rows as .xlsx, amounts in 万元', async () => {
    const res = await call(
      t.app,
      reporter,
      'GET',
      `/api/projects/export.xlsx?q=${encodeURIComponent('高强度紧固件')}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const { rows } = await readSheet(res.rawPayload);
    expect(rows[0]).toContain('计划总投资（万元）');
    const data = rows.slice(1);
    expect(data.length).toBeGreaterThan(0);
    expect(data.every((r) => r[1] === '东阳镇')).toBe(true);
    const mine = data.find((r) => r[0] === '年产5万吨高强度紧固件项目')!;
    expect(mine[7]).toBe(120000);
    expect(mine[8]).toBe(100000);
  });

  it('writes formula-like text as text, never as a formula', async () => {
    const created = await call(t.app, reporter, 'POST', '/api/projects', {
      unitId: unitId('东阳镇'),
      name: '=HYPERLINK("http://x","y")',
    });
    expect(created.statusCode).toBe(201);
    const res = await call(
      t.app,
      reporter,
      'GET',
      `/api/projects/export.xlsx?q=${encodeURIComponent('hyperlink')}`,
    );
    const { ws } = await readSheet(res.rawPayload);
    const cell = ws.getRow(2).getCell(1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://x","y")');
    expect(cell.numFmt).toBe('@');
  });
});

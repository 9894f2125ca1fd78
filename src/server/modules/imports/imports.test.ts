import ExcelJS from 'exceljs';
import { sql } from 'kysely';
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

type Cell = string | number | Date | null | { formula: string; result?: number };

/** A workbook made in code: optional rows above the header (a title), the header, then the data rows. */
async function workbook(
  header: string[],
  rows: Cell[][],
  o: { above?: string[][]; edit?: (ws: ExcelJS.Worksheet) => void } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  for (const r of o.above ?? []) ws.addRow(r);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  o.edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(s: Session, kind: string, content: Buffer, filename = '项目台账.xlsx') {
  const boundary = '----zs-import-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: `/api/imports/${kind}`,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
      'content-type': `multipart/form-data; boundary=${encodeURIComponent(boundary).replace(/%2D/g, '-')}`,
    },
    payload,
  });
}

interface Batch {
  id: string;
  status: string;
  totalRows: number;
  processedRows: number;
  problems: { row: number; column: string | null; header: string | null; messageZh: string }[];
  duplicates: { row: number; kind: string; name: string; messageZh: string }[];
  summary: Record<string, number | string | unknown[]>;
}

/** Uploads, then polls until the background check is over (as the web page does). */
async function dryRun(s: Session, kind: string, content: Buffer, filename?: string): Promise<Batch> {
  const res = await upload(s, kind, content, filename);
  expect(res.statusCode, res.body).toBe(202);
  const { batchId } = res.json();
  for (let i = 0; i < 600; i++) {
    const b = (await call(t.app, s, 'GET', `/api/imports/${batchId}`)).json() as Batch;
    if (b.status !== 'parsing') return b;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the check never finished');
}

const batchCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('importBatches')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const projectsNamed = (prefix: string) =>
  t.db.selectFrom('projects').selectAll().where('name', 'like', `${prefix}%`).orderBy('name').execute();

const HEADER = [
  '项目名称',
  '责任单位',
  '投资企业',
  '项目阶段',
  '计划总投资（万元）',
  '签约金额（万元）',
  '协议类型',
  '签约日期',
];

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

describe('import template', () => {
  it('has Chinese headers, a 说明 sheet and a dropdown of only the caller’s own unit', async () => {
    const res = await call(t.app, reporter, 'GET', '/api/imports/projects/template.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['招商项目', '说明', '选项']);
    const header = (wb.worksheets[0]!.getRow(1).values as string[]).slice(1);
    expect(header).toContain('项目名称*');
    expect(header).toContain('计划总投资（万元）');
    const options = wb.getWorksheet('选项')!;
    expect(options.getCell('A1').value).toBe('责任单位');
    expect(options.getCell('A2').value).toBe('东阳镇');
    expect(options.getCell('A3').value).toBeNull();
    const unitValidation = wb.worksheets[0]!.getCell('B2').dataValidation;
    expect(unitValidation).toMatchObject({ type: 'list', formulae: ['选项!$A$2:$A$2'] });
    const guide = wb.getWorksheet('说明')!;
    expect(guide.getCell('A1').value).toBe('列名');
  });

  it('reads back a filled-in template', async () => {
    const res = await call(t.app, reporter, 'GET', '/api/imports/projects/template.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    ws.getCell('A2').value = '模板回读项目';
    ws.getCell('B2').value = '东阳镇';
    ws.getCell('C2').value = '模板回读企业有限公司';
    ws.getCell('E2').value = '在谈';
    ws.getCell('F2').value = 'C33 金属制品业';
    const b = await dryRun(reporter, 'projects', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(b.problems).toEqual([]);
    expect(b.summary).toMatchObject({ rows: 1, validRows: 1, create: 1, enterprisesCreated: 1 });
  });
});

describe('broken files', () => {
  it('refuses a wrong extension, a text file named .xlsx, an empty sheet and a sheet without a header, storing nothing', async () => {
    const before = await batchCount();
    const good = await workbook(HEADER, [['某项目', '东阳镇']]);
    const xls = await upload(reporter, 'projects', good, '台账.xls');
    expect(xls.statusCode).toBe(400);
    expect(xls.json().error).toMatchObject({ code: 'imports.wrong_extension' });
    expect(xls.json().error.messageZh).toContain('另存为');

    const text = await upload(
      reporter,
      'projects',
      Buffer.from('项目名称,责任单位\n某项目,东阳镇\n'),
      '台账.xlsx',
    );
    expect(text.statusCode).toBe(400);
    expect(text.json().error.code).toBe('imports.not_xlsx');

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1');
    const empty = await upload(reporter, 'projects', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('imports.empty_sheet');

    const headerOnly = await upload(reporter, 'projects', await workbook(HEADER, []));
    expect(headerOnly.json().error.code).toBe('imports.empty_sheet');

    const noHeader = await upload(reporter, 'projects', await workbook(['名字', '地方'], [['甲', '乙']]));
    expect(noHeader.statusCode).toBe(400);
    expect(noHeader.json().error).toMatchObject({ code: 'imports.no_header' });
    expect(noHeader.json().error.messageZh).toContain('项目名称');
    expect(await batchCount()).toBe(before);
  });

  it('refuses a file over 50 MB with a clear error and stores nothing', async () => {
    const before = await batchCount();
    const res = await upload(reporter, 'projects', Buffer.alloc(50 * 1024 * 1024 + 1, 0x50), '大文件.xlsx');
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'imports.too_large' });
    expect(res.json().error.messageZh).toContain('50 MB');
    expect(await batchCount()).toBe(before);
  });

  it('refuses merged header cells, naming the range', async () => {
    const res = await upload(
      reporter,
      'projects',
      await workbook(
        ['项目名称', '责任单位', '计划总投资（万元）', ''],
        [['合并表头项目', '东阳镇', 100, 200]],
        {
          edit: (ws) => ws.mergeCells('C1:D1'),
        },
      ),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('imports.merged_header');
    expect(res.json().error.messageZh).toContain('C1:D1');
  });

  it('takes a formula’s saved result, and reports a formula saved without one', async () => {
    const b = await dryRun(
      reporter,
      'projects',
      await workbook(HEADER.slice(0, 5), [
        ['公式项目甲', '东阳镇', null, '在谈', { formula: '100*12', result: 1200 }],
        ['公式项目乙', '东阳镇', null, '在谈', { formula: 'SUM(X1:X9)' }],
      ]),
    );
    expect(b.problems).toHaveLength(1);
    expect(b.problems[0]).toMatchObject({ row: 3, column: 'E', header: '计划总投资（万元）' });
    expect(b.problems[0]!.messageZh).toContain('公式');
  });

  it('reports values of the wrong type where they are', async () => {
    const b = await dryRun(
      reporter,
      'projects',
      await workbook(HEADER, [
        ['类型错误甲', '东阳镇', null, '在谈', '很多'],
        ['类型错误乙', '东阳镇', null, '快签了'],
        ['类型错误丙', '东阳镇', null, '签约', 100, 100, '正式协议', '2026-13-45'],
      ]),
    );
    expect(b.problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'E'],
      [3, 'D'],
      [4, 'H'],
    ]);
    expect(b.problems[1]!.messageZh).toContain('在谈');
  });
});

describe('header variants of existing 台账 sheets', () => {
  it('reads a ledger with a title row, 序号, variant headers, 亿元, text dates and a 合计 row', async () => {
    const b = await dryRun(
      center,
      'projects',
      await workbook(
        [
          '序号',
          '项目名',
          '所属乡镇',
          '客商名称',
          '阶段',
          '投资总额（亿元）',
          '签约额',
          '协议类型',
          '签约时间',
          '备注',
        ],
        [
          [
            1,
            '台账变体项目一',
            '东阳镇',
            '台账变体企业有限公司',
            '签约',
            1.2,
            '3500万元',
            '正式协议',
            '2026年3月5日',
            '无',
          ],
          [
            2,
            '台账变体项目二',
            '西河镇',
            '台账变体企业有限责任公司',
            '在谈',
            '2亿元',
            null,
            null,
            null,
            null,
          ],
          [3, '台账变体项目三', '东阳镇', null, '签约', 0.5, 2000, '框架协议', '2026/4/1', null],
          ['合计', null, null, null, null, 3.7, 5500, null, null, null],
        ],
        { above: [['2026年招商引资项目台账']] },
      ),
    );
    expect(b.problems).toEqual([]);
    expect(b.summary).toMatchObject({
      headerRow: 2,
      rows: 3,
      totalRowsSkipped: 1,
      create: 3,
      enterprisesCreated: 1,
      evidenceToAttach: 2,
      ignoredHeaders: ['备注'],
    });
    expect(b.duplicates).toEqual([expect.objectContaining({ row: 4, kind: 'enterprise_repeated' })]);
    const done = await call(t.app, center, 'POST', `/api/imports/${b.id}/commit`);
    expect(done.statusCode, done.body).toBe(200);
    const rows = await projectsNamed('台账变体项目');
    expect(rows.map((p) => [p.name, p.stage, p.plannedTotalYuan, p.signedAmountYuan, p.signingDate])).toEqual(
      [
        ['台账变体项目一', 'signed', '120000000', '35000000', '2026-03-05'],
        ['台账变体项目三', 'signed', '50000000', '20000000', '2026-04-01'],
        ['台账变体项目二', 'negotiating', '200000000', null, null],
      ],
    );
    expect(rows[0]!.enterpriseId).toBe(rows[2]!.enterpriseId);
    expect(rows[2]!.unitId).toBe(units.西河镇);
  });
});

describe('dry run and commit', () => {
  it('reports exactly the three bad rows by row and column, and writes nothing while they remain', async () => {
    const rows: Cell[][] = [
      ['三错项目一', '东阳镇', null, '在谈', 1000],
      ['三错项目二', '东阳镇', null, '在谈', '一千'],
      ['三错项目三', '东阳镇', null, '签约', 1000, 800, '正式协议'],
      ['三错项目四', '东阳镇', null, '在谈', 1000],
      ['三错项目五', '北山镇不存在', null, '在谈', 1000],
      ['三错项目六', '东阳镇', null, '签约', 1000, 800, '正式协议', '2026-03-01'],
    ];
    const b = await dryRun(reporter, 'projects', await workbook(HEADER, rows));
    expect(b.status).toBe('checked');
    expect(b.processedRows).toBe(6);
    expect(b.problems.map((p) => [p.row, p.column, p.header])).toEqual([
      [3, 'E', '计划总投资（万元）'],
      [4, 'H', '签约日期'],
      [6, 'B', '责任单位'],
    ]);
    expect(b.problems.map((p) => p.messageZh)).toEqual([
      expect.stringContaining('金额须为数字'),
      expect.stringContaining('签约须填写：签约日期'),
      expect.stringContaining('北山镇不存在'),
    ]);
    expect(b.summary).toMatchObject({ problemRows: 3 });
    const refused = await call(t.app, reporter, 'POST', `/api/imports/${b.id}/commit`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('imports.has_problems');
    expect(await projectsNamed('三错项目')).toEqual([]);
  });

  it('commits every row in one transaction, once, and only for the person who uploaded it', async () => {
    const existing = await call(t.app, reporter, 'POST', '/api/enterprises', {
      name: '已有客商（洺州）有限公司',
    });
    const b = await dryRun(
      reporter,
      'projects',
      await workbook(HEADER, [
        ['整批项目一', '东阳镇', '已有客商(洺州)有限责任公司', '在谈', 100],
        ['整批项目二', null, '新客商有限公司', '在谈', 200],
      ]),
    );
    expect(b.problems).toEqual([]);
    expect(b.duplicates).toEqual([expect.objectContaining({ row: 2, kind: 'enterprise_link' })]);
    expect(b.duplicates[0]!.messageZh).toContain('自动关联');

    const other = await call(t.app, otherReporter, 'GET', `/api/imports/${b.id}`);
    expect(other.statusCode).toBe(404);
    const otherCommit = await call(t.app, otherReporter, 'POST', `/api/imports/${b.id}/commit`);
    expect(otherCommit.statusCode).toBe(404);

    const done = await call(t.app, reporter, 'POST', `/api/imports/${b.id}/commit`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('committed');
    const rows = await projectsNamed('整批项目');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.enterpriseId).toBe(existing.json().enterprise.id);
    expect(rows.every((r) => r.unitId === units.东阳镇)).toBe(true);
    const history = await t.db
      .selectFrom('projectStageHistory')
      .select('toStage')
      .where('projectId', '=', rows[0]!.id)
      .execute();
    expect(history).toEqual([{ toStage: 'negotiating' }]);

    const again = await call(t.app, reporter, 'POST', `/api/imports/${b.id}/commit`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('imports.already_committed');

    const twice = await dryRun(
      reporter,
      'projects',
      await workbook(HEADER, [
        ['整批项目一', '东阳镇'],
        ['整批项目三', '东阳镇'],
        ['整批项目三', '东阳镇'],
      ]),
    );
    expect(twice.problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'A'],
      [4, 'A'],
    ]);
    expect(twice.duplicates.map((d) => d.kind)).toEqual(['project_exists', 'project_repeated']);
  });

  it('leaves nothing behind when the commit fails part-way', async () => {
    const b = await dryRun(
      reporter,
      'projects',
      await workbook(HEADER, [
        ['半途项目一', '东阳镇', '半途新企业有限公司', '在谈', 100],
        ['半途项目二', '东阳镇', null, '在谈', 200],
      ]),
    );
    expect(b.problems).toEqual([]);
    // The enterprise and the first project go in before the second row hits the database's own check.
    await sql`update import_batches set rows = jsonb_set(rows, '{1,input,name}', '"半"') where id = ${b.id}`.execute(
      t.db,
    );
    const res = await call(t.app, reporter, 'POST', `/api/imports/${b.id}/commit`);
    expect(res.statusCode).toBe(500);
    expect(await projectsNamed('半途项目')).toEqual([]);
    expect(
      await t.db.selectFrom('enterprises').select('id').where('name', '=', '半途新企业有限公司').execute(),
    ).toEqual([]);
    expect((await call(t.app, reporter, 'GET', `/api/imports/${b.id}`)).json().status).toBe('checked');
  });

  it('keeps a town to its own unit', async () => {
    const b = await dryRun(reporter, 'projects', await workbook(HEADER, [['越权导入项目', '西河镇']]));
    expect(b.problems).toEqual([expect.objectContaining({ row: 2, column: 'B' })]);
    expect(b.problems[0]!.messageZh).toContain('只能导入本单位');
  });

  it('reads a batch stuck in parsing for over ten minutes as failed', async () => {
    const u = await t.db
      .selectFrom('users')
      .select(['id', 'districtId'])
      .where('username', '=', 'town03.reporter')
      .executeTakeFirstOrThrow();
    const old = new Date(t.clock.now().getTime() - 11 * 60_000);
    const stuck = await t.db
      .insertInto('importBatches')
      .values({
        districtId: u.districtId,
        userId: u.id,
        kind: 'projects',
        filename: 'x.xlsx',
        status: 'parsing',
        createdAt: old,
        updatedAt: old,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await call(t.app, reporter, 'GET', `/api/imports/${stuck.id}`);
    expect(res.json()).toMatchObject({ status: 'failed', error: expect.stringContaining('10 分钟') });
    expect((await call(t.app, reporter, 'POST', `/api/imports/${stuck.id}/commit`)).statusCode).toBe(409);
  });
});

describe('capital reports', () => {
  it('fills open months, replaces a month already reported, and refuses an approved month', async () => {
    const p = await t.db
      .selectFrom('projects')
      .select(['id', 'name', 'unitId', 'districtId'])
      .where('unitId', '=', units.东阳镇!)
      .where('stage', 'in', ['signed', 'started'])
      .executeTakeFirstOrThrow();
    const at = t.clock.now();
    // The demo's published bulletins lock the third quarter and October; this test is about the import alone.
    await t.db.deleteFrom('bulletins').execute();
    await t.db.deleteFrom('capitalReports').where('projectId', '=', p.id).execute();
    await t.db
      .insertInto('capitalReports')
      .values({
        districtId: p.districtId,
        unitId: p.unitId,
        projectId: p.id,
        month: '2026-09-01',
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    await t.db.deleteFrom('capitalSubmissions').where('unitId', '=', p.unitId).execute();
    await t.db
      .insertInto('capitalSubmissions')
      .values({
        districtId: p.districtId,
        unitId: p.unitId,
        month: '2026-08-01',
        status: 'approved',
        firstSubmittedAt: at,
        submittedAt: at,
      })
      .execute();
    const header = ['项目名称', '月份', '省外到位资金', '完成投资（万元）', '实际利用外资(万美元)'];
    const locked = await dryRun(
      reporter,
      'capital_reports',
      await workbook(header, [[p.name, '2026年8月', 10, 20, 0]]),
    );
    expect(locked.problems).toEqual([expect.objectContaining({ row: 2, column: 'B' })]);
    expect(locked.problems[0]!.messageZh).toContain('锁定');

    const b = await dryRun(
      reporter,
      'capital_reports',
      await workbook(header, [
        [p.name, '2026-09', 500, '0.08亿元', null],
        [p.name, new Date(Date.UTC(2026, 9, 1)), 1.5, 30, 12.5],
      ]),
    );
    expect(b.problems).toEqual([]);
    expect(b.summary).toMatchObject({ create: 1, update: 1 });
    expect(b.duplicates).toEqual([expect.objectContaining({ row: 2, kind: 'capital_update' })]);
    expect((await call(t.app, reporter, 'POST', `/api/imports/${b.id}/commit`)).statusCode).toBe(200);
    const reports = await t.db
      .selectFrom('capitalReports')
      .select([
        'month',
        'fundsOutOfProvinceYuan',
        'completedInvestmentYuan',
        'foreignUsedUsdCents',
        'version',
      ])
      .where('projectId', '=', p.id)
      .orderBy('month')
      .execute();
    expect(
      reports.map((r) => [
        String(r.month).slice(0, 7),
        r.fundsOutOfProvinceYuan,
        r.completedInvestmentYuan,
        r.foreignUsedUsdCents,
        r.version,
      ]),
    ).toEqual([
      ['2026-09', '5000000', '8000000', '0', 2],
      ['2026-10', '15000', '300000', '12500000', 1],
    ]);
  });
});

describe('leads', () => {
  it('imports leads, linking an enterprise already in the district', async () => {
    await call(t.app, reporter, 'POST', '/api/enterprises', { name: '线索已有企业有限公司' });
    const b = await dryRun(
      reporter,
      'leads',
      await workbook(
        ['线索名称', '客商名称', '招商渠道', '获取时间', '意向投资额（万元）', '联系人', '联系电话'],
        [
          ['导入线索一', '线索已有企业有限公司', '以商招商', '2026/11/20', 5000, '张经理', '13800001111'],
          ['导入线索二', '线索新企业有限公司', '活动招商', '2026-11-21', null, null, null],
          ['导入线索三', '线索新企业有限公司', '不知道', '2026-12-30', null, null, null],
        ],
      ),
    );
    expect(b.problems.map((p) => [p.row, p.column])).toEqual([
      [4, 'C'],
      [4, 'D'],
    ]);
    const clean = await dryRun(
      reporter,
      'leads',
      await workbook(
        ['线索名称', '客商名称', '招商渠道', '获取时间', '意向投资额（万元）'],
        [
          ['导入线索一', '线索已有企业有限公司', '以商招商', '2026/11/20', 5000],
          ['导入线索二', '线索新企业有限公司', '活动招商', '2026-11-21', null],
        ],
      ),
    );
    expect(clean.problems).toEqual([]);
    expect(clean.summary).toMatchObject({ create: 2, enterprisesCreated: 1, enterprisesLinked: 1 });
    expect((await call(t.app, reporter, 'POST', `/api/imports/${clean.id}/commit`)).statusCode).toBe(200);
    const leads = await t.db
      .selectFrom('leads')
      .select(['title', 'unitId', 'channel', 'intendedAmountYuan', 'status'])
      .where('title', 'like', '导入线索%')
      .orderBy('title')
      .execute();
    expect(leads).toEqual([
      {
        title: '导入线索一',
        unitId: units.东阳镇,
        channel: 'via_business',
        intendedAmountYuan: '50000000',
        status: 'new',
      },
      {
        title: '导入线索二',
        unitId: units.东阳镇,
        channel: 'event',
        intendedAmountYuan: null,
        status: 'new',
      },
    ]);
  });
});

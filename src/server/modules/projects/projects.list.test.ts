import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGES } from '../../../domain/projects/stages.js';
import { buildEnterprise, buildProject, buildUnit, buildUser, sessionFor } from '../../test/fixtures.js';
import { buildTestApp, call, type Session, setupPlatform, type TestApp } from '../../test/test-app.js';

// The project list's filters, order, stage counts and export on a small district of known projects.

let t: TestApp;
let center: Session;
let townBReporter: Session;
let townA: string;
let townB: string;
const ids: Record<string, string> = {};
const YI = 100_000_000n;
const yuan = (yi: number) => ((BigInt(Math.round(yi * 100)) * YI) / 100n).toString();

async function project(
  key: string,
  unitId: string,
  name: string,
  set: Record<string, unknown>,
  kinds?: string[],
) {
  const p = await buildProject(t.db, { unitId, name });
  let enterpriseId: string | null = null;
  if (kinds) {
    const unit = await t.db
      .selectFrom('units')
      .select('districtId')
      .where('id', '=', unitId)
      .executeTakeFirstOrThrow();
    const e = await buildEnterprise(t.db, { districtId: unit.districtId, name: `${name}投资有限公司` });
    await t.db.updateTable('enterprises').set({ kinds }).where('id', '=', e.id).execute();
    enterpriseId = e.id;
  }
  await t.db
    .updateTable('projects')
    // The attributes the list filters on, straight in the row (the form that sets them is tested elsewhere).
    .set({ ...set, enterpriseId } as never)
    .where('id', '=', p.id)
    .execute();
  ids[key] = p.id;
}

async function names(s: Session, query: string): Promise<string[]> {
  const res = await call(t.app, s, 'GET', `/api/projects?pageSize=200&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((p: { id: string }) => Object.entries(ids).find(([, id]) => id === p.id)?.[0]);
}

const sorted = (a: string[]) => [...a].sort();

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-28T02:00:00Z'));
  await setupPlatform(t.app);
  const district = await t.db
    .selectFrom('regions')
    .selectAll()
    .where('kind', '=', 'district')
    .executeTakeFirstOrThrow();
  townA = (await buildUnit(t.db, { districtId: district.id, name: '甲镇' })).id;
  townB = (await buildUnit(t.db, { districtId: district.id, name: '乙镇' })).id;
  const c = await buildUser(t.db, { unitId: townA, roles: ['center_admin'] });
  center = await sessionFor(t.db, c.id, t.clock.now());
  const r = await buildUser(t.db, { unitId: townB, roles: ['unit_reporter'] });
  townBReporter = await sessionFor(t.db, r.id, t.clock.now());

  const created = (iso: string) => ({ createdAt: new Date(iso), updatedAt: new Date(iso) });
  await project(
    'P1',
    townA,
    '甲紧固件项目',
    {
      stage: 'negotiating',
      industryDivision: 'C33',
      chain: '高端标准件/紧固件',
      channel: 'targeted',
      sourceArea: 'yangtze_delta',
      plannedTotalYuan: yuan(2),
      // 00:30 on 2 March in Beijing, still 1 March in UTC.
      ...created('2026-03-01T16:30:00Z'),
    },
    ['fortune500'],
  );
  await project(
    'P2',
    townA,
    '乙装备项目',
    {
      stage: 'signed',
      industryDivision: 'C34',
      chain: '装备制造',
      channel: 'event',
      sourceArea: 'jingjin',
      plannedTotalYuan: yuan(20),
      signedAmountYuan: yuan(6),
      signingDate: '2026-05-10',
      agreementType: 'formal',
      ...created('2026-04-01T02:00:00Z'),
    },
    ['private_top500', 'listed'],
  );
  await project('P3', townA, '丙农业项目', {
    stage: 'started',
    industryDivision: 'A01',
    chain: '现代农业',
    channel: 'self',
    // Signed at 5000万 though 12亿 was planned: the signed amount decides the tier.
    plannedTotalYuan: yuan(12),
    signedAmountYuan: yuan(0.5),
    signingDate: '2026-01-15',
    agreementType: 'formal',
    startDate: '2026-04-01',
    ...created('2026-01-02T02:00:00Z'),
  });
  await project('P4', townA, '丁服务项目', {
    stage: 'paused',
    stageBeforeHold: 'negotiating',
    industryDivision: 'L72',
    ...created('2026-06-01T02:00:00Z'),
  });
  await project('P5', townB, '戊紧固件项目', {
    stage: 'negotiating',
    industryDivision: 'C33',
    chain: '高端标准件/紧固件',
    channel: 'targeted',
    signedAmountYuan: yuan(11),
    ...created('2026-07-01T02:00:00Z'),
  });
});
afterAll(() => t.close());

describe('project list filters', () => {
  it('narrows to several stages at once', async () => {
    expect(sorted(await names(center, 'stage=negotiating,signed'))).toEqual(['P1', 'P2', 'P5']);
    expect(await names(center, 'stage=paused')).toEqual(['P4']);
  });

  it('narrows to one or several units', async () => {
    expect(sorted(await names(center, `unitId=${townB}`))).toEqual(['P5']);
    expect(await names(center, `unitId=${townA},${townB}`)).toHaveLength(5);
  });

  it('takes a GB/T 4754 section letter or a division', async () => {
    expect(sorted(await names(center, 'industry=C'))).toEqual(['P1', 'P2', 'P5']);
    expect(sorted(await names(center, 'industry=C33'))).toEqual(['P1', 'P5']);
    expect(await names(center, 'industry=A01')).toEqual(['P3']);
  });

  it('narrows by chain, channel and source area', async () => {
    expect(sorted(await names(center, `chain=${encodeURIComponent('装备制造')}`))).toEqual(['P2']);
    expect(sorted(await names(center, 'channel=targeted,event'))).toEqual(['P1', 'P2', 'P5']);
    expect(await names(center, 'sourceArea=jingjin')).toEqual(['P2']);
  });

  it('narrows by the investor enterprise’s kinds (any of them)', async () => {
    expect(await names(center, 'investorKind=fortune500')).toEqual(['P1']);
    expect(sorted(await names(center, 'investorKind=listed,fortune500'))).toEqual(['P1', 'P2']);
  });

  it('sizes a project by its signed amount, else its planned total', async () => {
    expect(sorted(await names(center, 'amountTier=1yi'))).toEqual(['P1', 'P2', 'P5']);
    expect(sorted(await names(center, 'amountTier=5yi'))).toEqual(['P2', 'P5']);
    expect(await names(center, 'amountTier=10yi')).toEqual(['P5']);
  });

  it('narrows by signing date, start date and the China day a project was entered', async () => {
    expect(await names(center, 'signedFrom=2026-02-01')).toEqual(['P2']);
    expect(await names(center, 'signedTo=2026-02-01')).toEqual(['P3']);
    expect(await names(center, 'startFrom=2026-03-01&startTo=2026-04-30')).toEqual(['P3']);
    expect(await names(center, 'createdFrom=2026-03-02&createdTo=2026-03-02')).toEqual(['P1']);
    expect(await names(center, 'createdFrom=2026-02-01&createdTo=2026-03-01')).toEqual([]);
  });

  it('combines filters with the search', async () => {
    expect(await names(center, `q=${encodeURIComponent('紧固件')}&unitId=${townA}`)).toEqual(['P1']);
    expect(await names(center, 'q=jingujian&stage=negotiating&amountTier=10yi')).toEqual(['P5']);
  });

  it('finds by two characters of the project’s or the investor’s name', async () => {
    expect(sorted(await names(center, `q=${encodeURIComponent('紧固')}`))).toEqual(['P1', 'P5']);
    expect(sorted(await names(center, `q=${encodeURIComponent('投资')}`))).toEqual(['P1', 'P2']);
    expect(await names(center, `q=${encodeURIComponent('投资')}&unitId=${townB}`)).toEqual([]);
  });

  it('refuses a malformed filter with the field named', async () => {
    const res = await call(t.app, center, 'GET', '/api/projects?stage=negotiating,flying&industry=C3');
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(expect.arrayContaining(['industry']));
  });
});

describe('project list order', () => {
  it('sorts by a whitelisted column, empty values last', async () => {
    expect((await names(center, 'sort=signedAmount&order=desc')).slice(0, 3)).toEqual(['P5', 'P2', 'P3']);
    expect((await names(center, 'sort=signedAmount&order=asc')).slice(0, 3)).toEqual(['P3', 'P2', 'P5']);
    const byStage = await names(center, 'sort=stage&order=asc');
    expect(sorted(byStage.slice(0, 2))).toEqual(['P1', 'P5']);
    expect(byStage.slice(2)).toEqual(['P2', 'P3', 'P4']);
  });

  it('sorts Chinese names in pinyin order', async () => {
    // 丙 bing, 丁 ding, 甲 jia, 戊 wu, 乙 yi
    expect(await names(center, 'sort=name&order=asc')).toEqual(['P3', 'P4', 'P1', 'P5', 'P2']);
  });

  it('refuses to sort by a column outside the whitelist, saying which ones it takes', async () => {
    const res = await call(t.app, center, 'GET', '/api/projects?sort=search_text');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation.failed');
    expect(res.json().error.fields.sort.message).toContain('Sort by one of: name, stage, signedAmount');
  });

  it('pages without overlap', async () => {
    const pages = [];
    for (const page of [1, 2, 3]) {
      const res = await call(
        t.app,
        center,
        'GET',
        `/api/projects?sort=name&order=asc&pageSize=2&page=${page}`,
      );
      expect(res.json().total).toBe(5);
      pages.push(...res.json().items.map((p: { id: string }) => p.id));
    }
    expect(new Set(pages).size).toBe(5);
  });
});

describe('stage counts', () => {
  it('counts each stage as the list totals it, under the same filters', async () => {
    for (const filter of ['', 'industry=C', 'amountTier=1yi', `unitId=${townA}`, 'q=xiangmu']) {
      const counts = (await call(t.app, center, 'GET', `/api/projects/stage-counts?${filter}`)).json();
      let sum = 0;
      for (const stage of STAGES) {
        const list = (
          await call(t.app, center, 'GET', `/api/projects?stage=${stage}&pageSize=1&${filter}`)
        ).json();
        expect(counts.counts[stage], `${stage} ${filter}`).toBe(list.total);
        sum += list.total;
      }
      expect(counts.total).toBe(sum);
    }
  });

  it('never counts another town’s projects for a town', async () => {
    const counts = (await call(t.app, townBReporter, 'GET', '/api/projects/stage-counts')).json();
    expect(counts.total).toBe(1);
    expect(counts.counts).toMatchObject({ negotiating: 1, signed: 0, started: 0, paused: 0 });
    // Asking for the other town by name changes nothing.
    const asked = (
      await call(t.app, townBReporter, 'GET', `/api/projects/stage-counts?unitId=${townA}`)
    ).json();
    expect(asked.total).toBe(0);
  });
});

describe('export with the list’s filters', () => {
  it('writes the filtered rows with the chosen columns in their order', async () => {
    const res = await call(
      t.app,
      center,
      'GET',
      '/api/projects/export.xlsx?industry=C&sort=signedAmount&order=desc&columns=name,stage,signedAmount,channel',
    );
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.getWorksheet('项目库')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows).toEqual([
      ['项目名称', '阶段', '签约金额（万元）', '招商方式'],
      ['戊紧固件项目', '在谈', 110000, '定向招商'],
      ['乙装备项目', '签约', 60000, '活动招商'],
      ['甲紧固件项目', '在谈', undefined, '定向招商'],
    ]);
  });

  it('refuses a column it does not know', async () => {
    const res = await call(t.app, center, 'GET', '/api/projects/export.xlsx?columns=name,password');
    expect(res.statusCode).toBe(400);
  });
});

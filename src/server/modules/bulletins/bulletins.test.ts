import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulletinDetail, BulletinMeta } from '../../../domain/bulletins/bulletins.schemas.js';
import {
  buildCapitalReport,
  buildDistrict,
  buildSignedProject,
  buildUnit,
  buildUser,
  sessionFor,
} from '../../test/fixtures.js';
import { buildTestApp, call, type Session, type TestApp } from '../../test/test-app.js';

// Versions, publishing, the frozen snapshot and files, the period lock and who may do what, over HTTP.
// The bulletin is October 2026's, written on 2026-11-28.
let t: TestApp;
let districtId: string;
let townId: string;
const s = {} as Record<'center' | 'leader' | 'town', Session>;
let octProject: { id: string; version: number };
let sepProject: string;

const zero = {
  fundsOutOfProvinceYuan: '0',
  fundsInProvinceYuan: '0',
  fundsForeignYuan: '0',
  fundsLocalYuan: '0',
  completedInvestmentYuan: '0',
  foreignUsedUsdCents: '0',
};

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-28T02:00:00Z'));
  districtId = (await buildDistrict(t.db)).id;
  const center = await buildUnit(t.db, { districtId, kind: 'center', name: '投促中心' });
  townId = (await buildUnit(t.db, { districtId, kind: 'town', name: '甲镇' })).id;
  const at = t.clock.now();
  s.center = await sessionFor(
    t.db,
    (await buildUser(t.db, { unitId: center.id, roles: ['center_admin'] })).id,
    at,
  );
  s.leader = await sessionFor(t.db, (await buildUser(t.db, { unitId: center.id, roles: ['leader'] })).id, at);
  s.town = await sessionFor(
    t.db,
    (await buildUser(t.db, { unitId: townId, roles: ['unit_reporter'] })).id,
    at,
  );
  const p = await buildSignedProject(t.db, { unitId: townId, signingDate: '2026-10-10' });
  octProject = { id: p.id, version: p.version };
  sepProject = (await buildSignedProject(t.db, { unitId: townId, signingDate: '2026-09-10' })).id;
  await buildCapitalReport(t.db, { projectId: sepProject, month: '2026-09' });
});

afterAll(async () => {
  await t?.close();
});

let v1: BulletinMeta;

describe('bulletin versions', () => {
  it('the center starts a period as a draft; a second start of the same period is refused', async () => {
    expect(
      (await call(t.app, s.town, 'POST', '/api/bulletins', { kind: 'month', year: 2026, period: 10 }))
        .statusCode,
    ).toBe(403);
    const r = await call(t.app, s.center, 'POST', '/api/bulletins', {
      kind: 'month',
      year: 2026,
      period: 10,
      docNumber: '洺招办〔2026〕10号',
    });
    expect(r.statusCode).toBe(201);
    v1 = r.json();
    expect(v1).toMatchObject({ status: 'draft', version: 1, cutoff: '2026-10-31', latest: true });
    const again = await call(t.app, s.center, 'POST', '/api/bulletins', {
      kind: 'month',
      year: 2026,
      period: 10,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('bulletins.period_exists');
    const bad = await call(t.app, s.center, 'POST', '/api/bulletins', {
      kind: 'month',
      year: 2026,
      period: 9,
      cutoff: '2026-10-01',
    });
    expect(bad.json().error.code).toBe('bulletins.bad_cutoff');
    const future = await call(t.app, s.center, 'POST', '/api/bulletins', {
      kind: 'month',
      year: 2026,
      period: 12,
    });
    expect(future.json().error.code).toBe('bulletins.future_period');
  });

  it('drafts are for the center and leaders only', async () => {
    expect((await call(t.app, s.town, 'GET', '/api/bulletins')).json()).toEqual([]);
    expect((await call(t.app, s.town, 'GET', `/api/bulletins/${v1.id}`)).statusCode).toBe(404);
    expect((await call(t.app, s.town, 'GET', `/api/bulletins/${v1.id}/docx`)).statusCode).toBe(404);
    expect((await call(t.app, s.leader, 'GET', '/api/bulletins')).json()).toHaveLength(1);
    const d: BulletinDetail = (await call(t.app, s.leader, 'GET', `/api/bulletins/${v1.id}`)).json();
    expect(d.snapshot).toMatchObject({
      periodLabel: '2026年10月',
      docNumber: '洺招办〔2026〕10号',
      version: 1,
    });
    const docx = await call(t.app, s.leader, 'GET', `/api/bulletins/${v1.id}/docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await call(t.app, s.leader, 'POST', `/api/bulletins/${v1.id}/publish`)).statusCode).toBe(403);
  });

  it('a draft is refreshed from today’s data', async () => {
    const r = await call(t.app, s.center, 'POST', `/api/bulletins/${v1.id}/refresh`);
    expect(r.statusCode).toBe(200);
    expect(r.json().status).toBe('draft');
  });
});

describe('publishing', () => {
  let published: BulletinDetail;
  let docx: Buffer;
  let xlsx: Buffer;

  it('freezes the snapshot, its hashes and the files; a town reads it but cannot publish or correct', async () => {
    expect((await call(t.app, s.town, 'POST', `/api/bulletins/${v1.id}/publish`)).statusCode).toBe(403);
    const r = await call(t.app, s.center, 'POST', `/api/bulletins/${v1.id}/publish`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'published', version: 1 });
    published = (await call(t.app, s.town, 'GET', `/api/bulletins/${v1.id}`)).json();
    expect(published.snapshot.issuedOn).toBe('2026-11-28');
    expect(published.snapshotHash).toMatch(/^[0-9a-f]{64}$/);
    expect(published.inputHash).toBe(published.snapshot.inputHash);
    const d = await call(t.app, s.town, 'GET', `/api/bulletins/${v1.id}/docx`);
    const x = await call(t.app, s.town, 'GET', `/api/bulletins/${v1.id}/xlsx`);
    expect([d.statusCode, x.statusCode]).toEqual([200, 200]);
    docx = d.rawPayload;
    xlsx = x.rawPayload;
    const stored = await t.db
      .selectFrom('bulletins')
      .select(['docx', 'xlsx'])
      .where('id', '=', v1.id)
      .executeTakeFirstOrThrow();
    expect(docx.equals(stored.docx!)).toBe(true);
    expect(xlsx.equals(stored.xlsx!)).toBe(true);
    expect((await call(t.app, s.town, 'GET', '/api/bulletins')).json()).toHaveLength(1);
    expect(
      (await call(t.app, s.town, 'POST', `/api/bulletins/${v1.id}/correct`, { reason: 'x' })).statusCode,
    ).toBe(403);
    const reads = await t.db
      .selectFrom('auditLog')
      .select('detail')
      .where('action', '=', 'bulletins.export')
      .where('objectId', '=', v1.id)
      .execute();
    expect(reads.length).toBeGreaterThanOrEqual(3);
  });

  it('a published version is never changed again', async () => {
    for (const action of ['refresh', 'publish']) {
      const r = await call(t.app, s.center, 'POST', `/api/bulletins/${v1.id}/${action}`);
      expect(r.statusCode).toBe(409);
      expect(r.json().error.code).toBe('bulletins.published');
    }
  });

  it('locks the period: capital reports of its months and the figures of projects dated in it are refused', async () => {
    const cap = await call(t.app, s.town, 'PUT', `/api/projects/${octProject.id}/capital-reports/2026-10`, {
      ...zero,
      version: null,
    });
    expect(cap.statusCode).toBe(409);
    expect(cap.json()).toMatchObject({ error: { code: 'bulletins.period_locked' } });
    const edit = await call(t.app, s.town, 'PATCH', `/api/projects/${octProject.id}`, {
      version: octProject.version,
      signedAmountYuan: '600000000',
    });
    expect(edit.json().error.code).toBe('bulletins.period_locked');
    expect(edit.statusCode).toBe(409);
    const into = await call(t.app, s.town, 'PATCH', `/api/projects/${sepProject}`, {
      version: 1,
      signingDate: '2026-10-02',
    });
    expect(into.json().error.code).toBe('bulletins.period_locked');
    // Withdrawing a project dated in the period takes it out of the period's figures.
    const withdraw = await call(t.app, s.town, 'POST', `/api/projects/${octProject.id}/moves`, {
      to: 'withdrawn',
      effectiveDate: '2026-11-27',
      reason: '企业终止投资',
      version: octProject.version,
    });
    expect(withdraw.json().error?.code).toBe('bulletins.period_locked');
    // A name is not a figure (the fixture project lacks its signing evidence, so only the lock is asserted).
    const rename = await call(t.app, s.town, 'PATCH', `/api/projects/${octProject.id}`, {
      version: octProject.version,
      name: '改名后的项目',
    });
    expect(rename.json().error?.code).not.toBe('bulletins.period_locked');
  });

  it('stays byte for byte the same when the data changes afterwards', async () => {
    // Another period's data: a September report edited, a new project signed in September.
    const sep = await t.db
      .selectFrom('capitalReports')
      .select('version')
      .where('projectId', '=', sepProject)
      .executeTakeFirstOrThrow();
    const edit = await call(t.app, s.town, 'PUT', `/api/projects/${sepProject}/capital-reports/2026-09`, {
      ...zero,
      fundsLocalYuan: '123456789',
      version: sep.version,
    });
    expect(edit.statusCode).toBe(200);
    await buildSignedProject(t.db, { unitId: townId, signingDate: '2026-09-20' });
    const again: BulletinDetail = (await call(t.app, s.town, 'GET', `/api/bulletins/${v1.id}`)).json();
    expect(JSON.stringify(again.snapshot)).toBe(JSON.stringify(published.snapshot));
    expect(again.snapshotHash).toBe(published.snapshotHash);
    expect((await call(t.app, s.town, 'GET', `/api/bulletins/${v1.id}/docx`)).rawPayload.equals(docx)).toBe(
      true,
    );
    expect((await call(t.app, s.town, 'GET', `/api/bulletins/${v1.id}/xlsx`)).rawPayload.equals(xlsx)).toBe(
      true,
    );
  });

  it('a correction is the next version with its reason; it lifts the lock until published; every version stays readable', async () => {
    const r = await call(t.app, s.center, 'POST', `/api/bulletins/${v1.id}/correct`, {
      reason: '甲镇数据补报',
    });
    expect(r.statusCode).toBe(201);
    const v2: BulletinMeta = r.json();
    expect(v2).toMatchObject({ version: 2, status: 'draft', reason: '甲镇数据补报' });
    const v2detail: BulletinDetail = (await call(t.app, s.center, 'GET', `/api/bulletins/${v2.id}`)).json();
    expect(v2detail.snapshot.inputHash).not.toBe(published.snapshot.inputHash);
    // Correcting the old version again is refused: only the latest may be corrected or published.
    expect(
      (await call(t.app, s.center, 'POST', `/api/bulletins/${v1.id}/correct`, { reason: 'x' })).json().error
        .code,
    ).toBe('bulletins.not_latest');
    // While the correction is a draft, the period's data may be fixed.
    const cap = await call(t.app, s.town, 'PUT', `/api/projects/${octProject.id}/capital-reports/2026-10`, {
      ...zero,
      version: null,
    });
    expect(cap.statusCode).toBe(200);
    // The town still sees only version 1 until the correction is published.
    const townView: BulletinDetail = (await call(t.app, s.town, 'GET', `/api/bulletins/${v1.id}`)).json();
    expect(townView.versions.map((v) => [v.version, v.latest])).toEqual([[1, true]]);
    expect((await call(t.app, s.town, 'GET', '/api/bulletins')).json()).toMatchObject([
      { version: 1, latest: true },
    ]);
    expect((await call(t.app, s.center, 'POST', `/api/bulletins/${v2.id}/publish`)).statusCode).toBe(200);
    const both: BulletinDetail = (await call(t.app, s.town, 'GET', `/api/bulletins/${v1.id}`)).json();
    expect(both.versions.map((v) => [v.version, v.reason, v.latest])).toEqual([
      [1, null, false],
      [2, '甲镇数据补报', true],
    ]);
    expect(JSON.stringify(both.snapshot)).toBe(JSON.stringify(published.snapshot));
    const locked = await call(
      t.app,
      s.town,
      'PUT',
      `/api/projects/${octProject.id}/capital-reports/2026-10`,
      {
        ...zero,
        version: 1,
      },
    );
    expect(locked.json().error.code).toBe('bulletins.period_locked');
  });
});

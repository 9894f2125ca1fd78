import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceAreaOf } from '../../../domain/projects/project-attributes.js';
import { buildAttachment, buildUnit, buildUser, sessionFor } from '../../test/fixtures.js';
import { buildTestApp, call, type Session, setupPlatform, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let reporter: Session;
let townId: string;
let neighbourId: string;

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-06-15T02:00:00Z'));
  await setupPlatform(t.app);
  const district = await t.db
    .selectFrom('regions')
    .select('id')
    .where('kind', '=', 'district')
    .executeTakeFirstOrThrow();
  townId = (await buildUnit(t.db, { districtId: district.id, name: '属性镇' })).id;
  neighbourId = (await buildUnit(t.db, { districtId: district.id, name: '邻镇' })).id;
  const u = await buildUser(t.db, { unitId: townId, roles: ['unit_reporter'] });
  reporter = await sessionFor(t.db, u.id, t.clock.now());
});
afterAll(() => t.close());

async function createProject(extra: Record<string, unknown> = {}) {
  const res = await call(t.app, reporter, 'POST', '/api/projects', {
    unitId: townId,
    name: `属性测试项目${Math.random().toString(36).slice(2, 8)}`,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('project attributes (DOMAIN §2)', () => {
  it('keeps every descriptive attribute as entered, exactly', async () => {
    const p = await createProject({
      channel: 'kinship',
      sourceArea: 'yangtze_delta',
      chainRole: 'upstream',
      highTech: true,
      expectedOutputYuan: '1234567800',
      expectedTaxYuan: '98765400',
      expectedJobs: 320,
      landAreaMu: '85.5',
      energyTce: 4200,
      pollutionClass: 'light',
      cooperatingUnitIds: [neighbourId],
      liaisonLeader: '王副区长',
      greenChannel: true,
      cityProjectCode: 'FC-2026-0099',
    });
    const detail = (await call(t.app, reporter, 'GET', `/api/projects/${p.id}`)).json().project;
    expect(detail).toMatchObject({
      channel: 'kinship',
      sourceArea: 'yangtze_delta',
      chainRole: 'upstream',
      highTech: true,
      expectedOutputYuan: '1234567800',
      expectedTaxYuan: '98765400',
      expectedJobs: 320,
      landAreaMu: '85.50',
      energyTce: 4200,
      pollutionClass: 'light',
      cooperatingUnitIds: [neighbourId],
      liaisonLeader: '王副区长',
      greenChannel: true,
      cityProjectCode: 'FC-2026-0099',
      leadId: null,
    });
  });

  it('refuses the responsible unit, a repeated unit or a unit of another district as a cooperating unit', async () => {
    const p = await createProject();
    const other = await buildUnit(t.db);
    for (const ids of [[townId], [neighbourId, neighbourId], [other.id]]) {
      const res = await call(t.app, reporter, 'PATCH', `/api/projects/${p.id}`, {
        version: p.version,
        cooperatingUnitIds: ids,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('projects.cooperating_units_invalid');
      expect(res.json().error.messageZh ?? res.json().error.message).toBeTruthy();
      expect(res.json().error.fields.cooperatingUnitIds.messageZh).toContain('本县区的其他单位');
    }
  });

  it('refuses a land area with three decimals and a negative job count, naming the field', async () => {
    const res = await call(t.app, reporter, 'POST', '/api/projects', {
      unitId: townId,
      name: '坏属性项目',
      landAreaMu: '1.234',
      expectedJobs: -1,
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(
      expect.arrayContaining(['landAreaMu', 'expectedJobs']),
    );
  });
});

describe('industry', () => {
  it('takes a real GB/T 4754 division and refuses a letter that is not its section', async () => {
    expect(
      (
        await call(t.app, reporter, 'POST', '/api/projects', {
          unitId: townId,
          name: '行业甲项目',
          industryDivision: 'C33',
        })
      ).statusCode,
    ).toBe(201);
    const wrong = await call(t.app, reporter, 'POST', '/api/projects', {
      unitId: townId,
      name: '行业乙项目',
      industryDivision: 'A33',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.industryDivision).toBeDefined();
  });
});

describe('moving with the facts typed in the move dialog', () => {
  it('saves the facts and the move together', async () => {
    const p = await createProject();
    await buildAttachment(t.db, { projectId: p.id }); // an agreement
    const res = await call(t.app, reporter, 'POST', `/api/projects/${p.id}/moves`, {
      to: 'signed',
      effectiveDate: '2026-06-10',
      version: p.version,
      fields: { signingDate: '2026-06-10', agreementType: 'formal', signedAmountYuan: '500000000' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      stage: 'signed',
      signingDate: '2026-06-10',
      signedAmountYuan: '500000000',
      version: p.version + 1,
    });
    const audit = await t.db
      .selectFrom('auditLog')
      .select('changes')
      .where('action', '=', 'projects.move')
      .where('objectId', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(audit.changes).toMatchObject({
      stage: { before: 'negotiating', after: 'signed' },
      signedAmountYuan: { before: null, after: '500000000' },
    });
  });

  it('saves nothing when the move is refused', async () => {
    const p = await createProject();
    // No agreement file: the move is refused, and the signing date typed with it is not kept either.
    const res = await call(t.app, reporter, 'POST', `/api/projects/${p.id}/moves`, {
      to: 'signed',
      effectiveDate: '2026-06-10',
      version: p.version,
      fields: { signingDate: '2026-06-10', agreementType: 'formal', signedAmountYuan: '500000000' },
    });
    expect(res.statusCode).toBe(422);
    const after = (await call(t.app, reporter, 'GET', `/api/projects/${p.id}`)).json().project;
    expect(after).toMatchObject({ stage: 'negotiating', signingDate: null, signedAmountYuan: null });
    expect(after.version).toBe(p.version);
  });
});

describe('sourceAreaOf', () => {
  it('places an investor by the province of its origin, the home province first', () => {
    const area = (regionCode: string | null, country: string | null = null) =>
      sourceAreaOf({ regionCode, country }, '13');
    expect(area('110105')).toBe('jingjin');
    expect(area('120101')).toBe('jingjin');
    expect(area('130402')).toBe('in_province');
    expect(area('370102')).toBe('huanbohai');
    expect(area('330106')).toBe('yangtze_delta');
    expect(area('440305')).toBe('pearl_delta');
    expect(area('510104')).toBe('other_domestic');
    expect(area('810000')).toBe('overseas');
    expect(area(null, 'DE')).toBe('overseas');
    expect(area(null, null)).toBeNull();
    expect(sourceAreaOf({ regionCode: '130402', country: null }, '11')).toBe('huanbohai');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDistrict, buildUnit, buildUser, sessionFor } from '../../test/fixtures.js';
import { buildTestApp, call, type Session, type TestApp } from '../../test/test-app.js';
import { computeIndicators } from '../indicators/indicators.compute.js';

// 增资扩股: a project entered as a capital increase carries its increment, and the 口径 decides whether the
// signed amount counts only that increment or the whole amount.
let t: TestApp;
let districtId: string;
let unitId: string;
let center: Session;

beforeAll(async () => {
  t = await buildTestApp();
  districtId = (await buildDistrict(t.db)).id;
  unitId = (await buildUnit(t.db, { districtId })).id;
  const centerUnit = await buildUnit(t.db, { districtId, kind: 'center' });
  center = await sessionFor(
    t.db,
    (await buildUser(t.db, { unitId: centerUnit.id, roles: ['center_admin'] })).id,
    t.clock.now(),
  );
});
afterAll(async () => {
  await t.close();
});

describe('capital increase on a project', () => {
  const base = { name: '某公司增资扩建项目', signedAmountYuan: '300000000', capitalIncrease: true };

  it('needs the increment, within the signed amount', async () => {
    const missing = await call(t.app, center, 'POST', '/api/projects', { unitId, ...base });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.incrementYuan.messageZh).toBe('增资扩股项目须填写增资额。');
    const tooMuch = await call(t.app, center, 'POST', '/api/projects', {
      unitId,
      ...base,
      incrementYuan: '300000001',
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error.fields.incrementYuan.messageZh).toBe('增资额不能大于签约额。');
  });

  it('counts only the increment when the 口径 says so, the whole amount when it does not', async () => {
    const res = await call(t.app, center, 'POST', '/api/projects', {
      unitId,
      ...base,
      incrementYuan: '80000000',
    });
    expect(res.statusCode, res.body).toBe(201);
    const project = res.json();
    expect(project).toMatchObject({ capitalIncrease: true, incrementYuan: '80000000' });
    await t.db
      .updateTable('projects')
      .set({ stage: 'signed', signingDate: '2026-03-01', agreementType: 'formal' })
      .where('id', '=', project.id)
      .execute();
    const period = { districtId, from: '2026-01-01', to: '2026-12-31' };
    const only = await computeIndicators(t.db, {
      ...period,
      definitions: { capitalIncreaseIncrementOnly: true },
    });
    expect(only[unitId]?.signed_amount).toBe('80000000');
    const whole = await computeIndicators(t.db, {
      ...period,
      definitions: { capitalIncreaseIncrementOnly: false },
    });
    expect(whole[unitId]?.signed_amount).toBe('300000000');
  });

  it('refuses an edit that turns a project into a capital increase without its increment', async () => {
    const created = await call(t.app, center, 'POST', '/api/projects', { unitId, name: '普通项目' });
    const p = created.json();
    const res = await call(t.app, center, 'PATCH', `/api/projects/${p.id}`, {
      version: p.version,
      capitalIncrease: true,
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(['incrementYuan']);
  });
});

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
let admin: Session;
let districtId: string;

beforeAll(async () => {
  t = await buildTestApp();
  await setupPlatform(t.app, { loadDemo: true });
  admin = await loginAs(t.app, 'sysadmin');
  districtId = (await call(t.app, admin, 'GET', '/api/regions'))
    .json()
    .find((r: { kind: string }) => r.kind === 'district').id;
});
afterAll(() => t.close());

describe('units', () => {
  it('lists the demo district: 15 towns, 25 departments, 3 parks, 2 teams and the center', async () => {
    const units = (await call(t.app, admin, 'GET', '/api/units')).json() as { kind: string }[];
    const count = (k: string) => units.filter((u) => u.kind === k).length;
    expect([count('town'), count('department'), count('park'), count('team'), count('center')]).toEqual([
      15, 25, 3, 2, 1,
    ]);
  });

  it('creates, edits and deactivates a unit, keeping sort order', async () => {
    const created = await call(t.app, admin, 'POST', '/api/units', {
      districtId,
      name: '新兴街道',
      kind: 'town',
      sortOrder: 99,
      code: '130408001',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const edited = await call(t.app, admin, 'PATCH', `/api/units/${id}`, { name: '新兴路街道' });
    expect(edited.json()).toMatchObject({
      name: '新兴路街道',
      kind: 'town',
      sortOrder: 99,
      active: true,
      code: '130408001',
    });
    expect((await call(t.app, admin, 'PATCH', `/api/units/${id}`, { active: false })).json().active).toBe(
      false,
    );
    const active = (await call(t.app, admin, 'GET', '/api/units')).json();
    expect(active.some((u: { id: string }) => u.id === id)).toBe(false);
    const all = (await call(t.app, admin, 'GET', '/api/units?includeInactive=true')).json();
    expect(all.some((u: { id: string }) => u.id === id)).toBe(true);
  });

  it('refuses a duplicate name with a field error in Chinese and English', async () => {
    const res = await call(t.app, admin, 'POST', '/api/units', { districtId, name: '东阳镇', kind: 'town' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'organization.duplicate_unit_name',
      fields: { name: { messageZh: '本县区已有同名单位。' } },
    });
  });

  it('explains invalid input field by field', async () => {
    const res = await call(t.app, admin, 'POST', '/api/units', {
      districtId,
      name: '',
      kind: 'village',
      code: '12ab',
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('validation.failed');
    expect(Object.keys(error.fields).sort()).toEqual(['code', 'kind', 'name']);
    expect(error.fields.kind.messageZh).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('refuses to deactivate a unit that still has active accounts', async () => {
    const town = (await call(t.app, admin, 'GET', '/api/units'))
      .json()
      .find((u: { name: string }) => u.name === '西河镇');
    const res = await call(t.app, admin, 'PATCH', `/api/units/${town.id}`, { active: false });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('organization.unit_has_active_users');
  });

  it('lets the system administrator add a district to the city', async () => {
    const cityId = (await call(t.app, admin, 'GET', '/api/regions'))
      .json()
      .find((r: { kind: string }) => r.kind === 'city').id;
    const res = await call(t.app, admin, 'POST', '/api/regions', { cityId, name: '滏东区' });
    expect(res.statusCode).toBe(201);
    expect(
      (await call(t.app, admin, 'GET', '/api/regions')).json().map((r: { name: string }) => r.name),
    ).toContain('滏东区');
  });

  it('keeps a center administrator inside their own district', async () => {
    const center = await loginAs(t.app, 'center.admin');
    const cityId = (await call(t.app, admin, 'GET', '/api/regions'))
      .json()
      .find((r: { kind: string }) => r.kind === 'city').id;
    expect((await call(t.app, center, 'POST', '/api/regions', { cityId, name: '越权区' })).statusCode).toBe(
      404,
    );
    const other = (await call(t.app, admin, 'GET', '/api/regions'))
      .json()
      .find((r: { name: string }) => r.name === '滏东区');
    const res = await call(t.app, center, 'POST', '/api/units', {
      districtId: other.id,
      name: '越权镇',
      kind: 'town',
    });
    expect(res.statusCode).toBe(404);
  });
});

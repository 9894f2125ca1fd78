import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCheckChar } from '../../../domain/enterprises/credit-code.js';
import { buildUnit, buildUser, sessionFor } from '../../test/fixtures.js';
import { buildTestApp, call, type Session, setupPlatform, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let reporter: Session;
let other: Session;
const code17 = '91130481MA0ABCDE1';
const code = `${code17}${computeCheckChar(code17)}`;

beforeAll(async () => {
  t = await buildTestApp();
  await setupPlatform(t.app);
  const district = await t.db
    .selectFrom('regions')
    .select('id')
    .where('kind', '=', 'district')
    .executeTakeFirstOrThrow();
  const mk = async (name: string) => {
    const unit = await buildUnit(t.db, { districtId: district.id, name });
    const user = await buildUser(t.db, { unitId: unit.id, roles: ['unit_reporter'] });
    return { unit, session: await sessionFor(t.db, user.id, t.clock.now()) };
  };
  const a = await mk('临河镇');
  const b = await mk('北岭镇');
  reporter = a.session;
  other = b.session;
  const ent = (
    await call(t.app, reporter, 'POST', '/api/enterprises', {
      name: '洺州紧固件制造有限公司',
      creditCode: code,
    })
  ).json();
  await call(t.app, reporter, 'POST', '/api/projects', {
    unitId: a.unit.id,
    name: '高强度螺栓智能工厂项目',
    enterpriseId: ent.enterprise.id,
  });
});
afterAll(() => t.close());

const find = async (s: Session, q: string) =>
  (await call(t.app, s, 'GET', `/api/search?q=${encodeURIComponent(q)}`)).json();

describe('search', () => {
  it.each([
    ['Chinese', '紧固件'],
    ['full pinyin', 'mingzhoujingujian'],
    ['initials', 'mzjgj'],
    ['credit code, any case', code.toLowerCase()],
    ['a typo in the pinyin', 'mingzhoujingujain'],
  ])('finds an enterprise by %s', async (_how, q) => {
    expect((await find(reporter, q)).enterprises.map((e: { name: string }) => e.name)).toContain(
      '洺州紧固件制造有限公司',
    );
  });

  it('finds projects by pinyin initials and by their investor', async () => {
    expect((await find(reporter, 'gqdls')).projects.map((p: { name: string }) => p.name)).toContain(
      '高强度螺栓智能工厂项目',
    );
    const list = (await call(t.app, reporter, 'GET', `/api/projects?q=${encodeURIComponent('洺州')}`)).json();
    expect(list.items.map((p: { name: string }) => p.name)).toContain('高强度螺栓智能工厂项目');
  });

  it('never shows another town’s project in results', async () => {
    expect((await find(other, '螺栓')).projects).toEqual([]);
    expect((await find(other, '洺州')).enterprises).toHaveLength(1);
  });
});

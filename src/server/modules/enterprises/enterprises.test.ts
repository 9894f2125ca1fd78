import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCheckChar } from '../../../domain/enterprises/credit-code.js';
import { searchTextOf } from '../../../domain/search/search-text.js';
import { buildProject, buildUnit, buildUser, sessionFor } from '../../test/fixtures.js';
import { buildTestApp, call, type Session, setupPlatform, type TestApp } from '../../test/test-app.js';
import { enterprisesWithFullPhone } from './contact-visibility.js';

let t: TestApp;
let districtId: string;
let townA: { id: string };
let townB: { id: string };
let townC: { id: string };
const s: Record<'center' | 'a' | 'b' | 'c' | 'leader', Session> = {} as never;
const users: Record<string, Awaited<ReturnType<typeof buildUser>>> = {};
const code = (first17: string) => first17 + computeCheckChar(first17);
const CODE_1 = code('91130404MA0ABCD12');
const CODE_2 = code('91110105MA0XYW345');

async function enterprise(session: Session, body: Record<string, unknown>) {
  const res = await call(t.app, session, 'POST', '/api/enterprises', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().enterprise as { id: string; updatedAt: string; contactPhone: string | null };
}

async function lead(unitId: string, enterpriseId: string, o: { shared?: boolean; title?: string } = {}) {
  const at = new Date();
  const title = o.title ?? '线索测试';
  return t.db
    .insertInto('leads')
    .values({
      districtId,
      unitId,
      enterpriseId,
      title,
      channel: 'targeted',
      receivedOn: '2026-06-01',
      shared: o.shared ?? false,
      searchText: searchTextOf(title),
      createdAt: at,
      updatedAt: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-06-20T03:00:00Z'));
  await setupPlatform(t.app);
  const district = await t.db
    .selectFrom('regions')
    .select('id')
    .where('kind', '=', 'district')
    .executeTakeFirstOrThrow();
  districtId = district.id;
  const center = await t.db
    .selectFrom('units')
    .select('id')
    .where('kind', '=', 'center')
    .executeTakeFirstOrThrow();
  townA = await buildUnit(t.db, { districtId, name: '甲镇' });
  townB = await buildUnit(t.db, { districtId, name: '乙镇' });
  townC = await buildUnit(t.db, { districtId, name: '丙镇' });
  const office = await buildUnit(t.db, { districtId, name: '区政府办公室', kind: 'department' });
  users.center = await buildUser(t.db, { unitId: center.id, roles: ['center_admin'] });
  users.a = await buildUser(t.db, { unitId: townA.id, roles: ['unit_reporter'] });
  users.b = await buildUser(t.db, { unitId: townB.id, roles: ['unit_reporter'] });
  users.c = await buildUser(t.db, { unitId: townC.id, roles: ['unit_head'] });
  users.leader = await buildUser(t.db, { unitId: office.id, roles: ['leader'] });
  for (const k of ['center', 'a', 'b', 'c', 'leader'] as const)
    s[k] = await sessionFor(t.db, users[k]!.id, t.clock.now());
});
afterAll(() => t.close());

describe('enterprise list', () => {
  beforeAll(async () => {
    await enterprise(s.a, {
      name: '洺州精工紧固件有限公司',
      creditCode: CODE_1,
      kinds: ['private_top500', 'leader'],
      originRegionCode: '130400',
      industryDivision: 'C33',
    });
    await enterprise(s.a, {
      name: '京华新能源科技有限公司',
      creditCode: CODE_2,
      kinds: ['central_soe'],
      originRegionCode: '110105',
      industryDivision: 'D44',
    });
    await enterprise(s.a, {
      name: '莱茵机械制造有限公司',
      kinds: ['foreign', 'fortune500'],
      originCountry: 'DE',
      industryDivision: 'C34',
    });
  });

  const names = async (query: string) =>
    (await call(t.app, s.b, 'GET', `/api/enterprises?${query}`))
      .json()
      .items.map((e: { name: string }) => e.name);

  it('finds an enterprise by pinyin initials and by credit code', async () => {
    expect(await names('q=mzjg')).toContain('洺州精工紧固件有限公司');
    expect(await names(`q=${CODE_2}`)).toEqual(['京华新能源科技有限公司']);
  });

  it('filters by any of several kinds, by origin province and by industry section', async () => {
    expect((await names('kinds=central_soe,fortune500')).sort()).toEqual(
      ['京华新能源科技有限公司', '莱茵机械制造有限公司'].sort(),
    );
    expect(await names('originProvince=110000')).toEqual(['京华新能源科技有限公司']);
    expect(await names('industrySection=D')).toEqual(['京华新能源科技有限公司']);
    expect((await names('industrySection=C')).length).toBe(2);
  });

  it('pages the list and counts all matches', async () => {
    const page = (await call(t.app, s.b, 'GET', '/api/enterprises?page=2&pageSize=2')).json();
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(1);
  });

  it('labels the origin with province, city and county names, or the country', async () => {
    const items = (await call(t.app, s.b, 'GET', '/api/enterprises')).json().items as {
      name: string;
      originLabel: string;
    }[];
    const label = (n: string) => items.find((e) => e.name === n)?.originLabel;
    expect(label('京华新能源科技有限公司')).toBe('北京市 朝阳区');
    expect(label('洺州精工紧固件有限公司')).toBe('河北省 邯郸市');
    expect(label('莱茵机械制造有限公司')).toBe('德国');
  });
});

describe('entering an enterprise', () => {
  it('refuses an origin code that is not in the GB/T 2260 list', async () => {
    const res = await call(t.app, s.a, 'POST', '/api/enterprises', {
      name: '来源错误公司',
      originRegionCode: '139999',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('enterprises.unknown_region');
    expect(res.json().error.fields.originRegionCode.messageZh).toBeTruthy();
  });

  it('refuses both a Chinese origin and a country', async () => {
    const res = await call(t.app, s.a, 'POST', '/api/enterprises', {
      name: '双来源公司',
      originRegionCode: '130400',
      originCountry: 'US',
    });
    expect(res.json().error.code).toBe('enterprises.two_origins');
  });

  it('refuses an industry division that is not in its section', async () => {
    const res = await call(t.app, s.a, 'POST', '/api/enterprises', {
      name: '行业错误公司',
      industryDivision: 'A33',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.industryDivision).toBeTruthy();
  });

  it('links to the existing enterprise when the same credit code is entered under another name', async () => {
    const res = await call(t.app, s.b, 'POST', '/api/enterprises', {
      name: '洺州精工（改名）',
      creditCode: CODE_1,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: false, enterprise: { name: '洺州精工紧固件有限公司' } });
  });
});

describe('contact phone', () => {
  let e: { id: string };
  beforeAll(async () => {
    e = await enterprise(s.center, { name: '电话规则测试有限公司', contactPhone: '13812345678' });
  });

  const phoneFor = async (who: Session) =>
    (await call(t.app, who, 'GET', `/api/enterprises/${e.id}`)).json().enterprise.contactPhone;

  it('shows every unit the number masked until it works with the enterprise', async () => {
    for (const who of [s.a, s.b, s.c, s.leader]) expect(await phoneFor(who)).toBe('138****5678');
  });

  it('shows the number in full to the center, and to a unit with a project, a lead or a cooperation', async () => {
    const project = await buildProject(t.db, { unitId: townA.id, name: '电话规则项目' });
    await t.db
      .updateTable('projects')
      .set({ enterpriseId: e.id, cooperatingUnitIds: [townC.id] })
      .where('id', '=', project.id)
      .execute();
    await lead(townB.id, e.id);
    expect(await phoneFor(s.center)).toBe('13812345678');
    expect(await phoneFor(s.a)).toBe('13812345678');
    expect(await phoneFor(s.b)).toBe('13812345678');
    expect(await phoneFor(s.c)).toBe('13812345678');
    // A leader reads the whole district's projects but does not get the investor's number for it.
    expect(await phoneFor(s.leader)).toBe('138****5678');
  });

  it('decides in one function, which a shared lead of another unit does not sway', async () => {
    const other = await enterprise(s.center, { name: '共享线索企业有限公司', contactPhone: '13900001111' });
    await lead(townA.id, other.id, { shared: true });
    const seenBy = async (k: 'a' | 'b') =>
      (
        await enterprisesWithFullPhone(t.db, { ...users[k]!, unitKind: 'town', roles: ['unit_reporter'] }, [
          other.id,
        ])
      ).has(other.id);
    expect(await seenBy('a')).toBe(true);
    expect(await seenBy('b')).toBe(false);
    const list = (
      await call(t.app, s.b, 'GET', `/api/enterprises?q=${encodeURIComponent('共享线索企业')}`)
    ).json();
    expect(list.items[0]).toMatchObject({ contactPhone: '139****1111', phoneMasked: true });
  });
});

describe('enterprise detail', () => {
  let e: { id: string };
  beforeAll(async () => {
    e = await enterprise(s.center, { name: '详情范围测试有限公司' });
    for (const [unit, name] of [
      [townA, '甲镇的项目'],
      [townB, '乙镇的项目'],
    ] as const) {
      const p = await buildProject(t.db, { unitId: unit.id, name });
      await t.db.updateTable('projects').set({ enterpriseId: e.id }).where('id', '=', p.id).execute();
    }
    await lead(townA.id, e.id, { title: '甲镇的线索' });
    await lead(townB.id, e.id, { title: '乙镇的线索' });
    await lead(townB.id, e.id, { title: '乙镇的共享线索', shared: true });
  });

  it('shows a town only its own projects and leads of the enterprise, plus shared leads', async () => {
    const d = (await call(t.app, s.a, 'GET', `/api/enterprises/${e.id}`)).json();
    expect(d.projects.map((p: { name: string }) => p.name)).toEqual(['甲镇的项目']);
    expect(d.leads.map((l: { title: string }) => l.title).sort()).toEqual(
      ['乙镇的共享线索', '甲镇的线索'].sort(),
    );
  });

  it('shows the district-wide roles every project and lead of it', async () => {
    const d = (await call(t.app, s.leader, 'GET', `/api/enterprises/${e.id}`)).json();
    expect(d.projects).toHaveLength(2);
    expect(d.leads).toHaveLength(3);
  });

  it('is not found from another district', async () => {
    const elsewhere = await buildUser(t.db, { roles: ['center_admin'] });
    const other = await sessionFor(t.db, elsewhere.id, t.clock.now());
    expect((await call(t.app, other, 'GET', `/api/enterprises/${e.id}`)).statusCode).toBe(404);
  });
});

describe('editing an enterprise', () => {
  let e: { id: string; updatedAt: string };
  beforeAll(async () => {
    e = await enterprise(s.center, { name: '编辑测试有限公司', contactPhone: '13700001234' });
    const p = await buildProject(t.db, { unitId: townA.id, name: '编辑测试项目' });
    await t.db.updateTable('projects').set({ enterpriseId: e.id }).where('id', '=', p.id).execute();
  });

  it('saves an edit by a unit that works with it, and audits it with the phone masked', async () => {
    const res = await call(t.app, s.a, 'PATCH', `/api/enterprises/${e.id}`, {
      updatedAt: e.updatedAt,
      industryDivision: 'C33',
      originRegionCode: '320500',
      contactPhone: '13700009999',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ industryDivision: 'C33', originLabel: '江苏省 苏州市' });
    const row = await t.db
      .selectFrom('auditLog')
      .select('changes')
      .where('action', '=', 'enterprises.update')
      .where('objectId', '=', e.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row.changes)).toContain('137****9999');
    expect(JSON.stringify(row.changes)).not.toContain('13700009999');
  });

  it('refuses an edit made on a stale copy', async () => {
    const res = await call(t.app, s.center, 'PATCH', `/api/enterprises/${e.id}`, {
      updatedAt: e.updatedAt,
      contactName: '旧页面',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('enterprises.version_conflict');
  });

  it('refuses an edit by a unit that does not work with it', async () => {
    const current = (await call(t.app, s.b, 'GET', `/api/enterprises/${e.id}`)).json();
    expect(current.editable).toBe(false);
    const res = await call(t.app, s.b, 'PATCH', `/api/enterprises/${e.id}`, {
      updatedAt: current.enterprise.updatedAt,
      name: '越权改名有限公司',
    });
    expect(res.statusCode).toBe(403);
  });

  it('refuses a credit code another enterprise already has, naming it', async () => {
    const current = (await call(t.app, s.center, 'GET', `/api/enterprises/${e.id}`)).json();
    const res = await call(t.app, s.center, 'PATCH', `/api/enterprises/${e.id}`, {
      updatedAt: current.enterprise.updatedAt,
      creditCode: CODE_2,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('enterprises.duplicate');
    expect(res.json().error.fields.creditCode.messageZh).toContain('京华新能源科技有限公司');
  });
});

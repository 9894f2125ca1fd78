import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, sessionFor } from '../../test/fixtures.js';
import { buildTestApp, call, type Session, setupPlatform, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let alice: Session;
let bob: Session;

beforeAll(async () => {
  t = await buildTestApp();
  await setupPlatform(t.app);
  const district = await t.db
    .selectFrom('regions')
    .selectAll()
    .where('kind', '=', 'district')
    .executeTakeFirstOrThrow();
  const town = await buildUnit(t.db, { districtId: district.id });
  alice = await sessionFor(
    t.db,
    (await buildUser(t.db, { unitId: town.id, roles: ['center_admin'] })).id,
    t.clock.now(),
  );
  // Same unit, same role: still not allowed to see Alice's views.
  bob = await sessionFor(
    t.db,
    (await buildUser(t.db, { unitId: town.id, roles: ['center_admin'] })).id,
    t.clock.now(),
  );
});
afterAll(() => t.close());

const view = (name: string, query: Record<string, string>, columns: string[] | null = null) => ({
  list: 'projects',
  name,
  query,
  columns,
});

describe('saved views', () => {
  it('saves a list’s filters and columns and gives them back to their owner, with an audit row', async () => {
    const res = await call(
      t.app,
      alice,
      'POST',
      '/api/saved-views',
      view('签约大项目', { stage: 'signed,landed', amountTier: '5yi', sort: 'signedAmount', q: '' }, [
        'name',
        'signedAmount',
      ]),
    );
    expect(res.statusCode, res.body).toBe(201);
    // The empty search is dropped, as the address drops it.
    expect(res.json()).toMatchObject({
      name: '签约大项目',
      query: { stage: 'signed,landed', amountTier: '5yi', sort: 'signedAmount' },
      columns: ['name', 'signedAmount'],
    });
    const mine = (await call(t.app, alice, 'GET', '/api/saved-views?list=projects')).json();
    expect(mine.items.map((v: { name: string }) => v.name)).toContain('签约大项目');
    const audit = await t.db
      .selectFrom('auditLog')
      .select('result')
      .where('action', '=', 'saved_views.create')
      .where('objectId', '=', res.json().id)
      .executeTakeFirst();
    expect(audit).toEqual({ result: 'success' });
  });

  it('keeps a view private to its owner: others neither see, change nor delete it', async () => {
    const created = (
      await call(t.app, alice, 'POST', '/api/saved-views', view('我的在谈', { stage: 'negotiating' }))
    ).json();
    const theirs = (await call(t.app, bob, 'GET', '/api/saved-views?list=projects')).json();
    expect(theirs.items).toEqual([]);
    const patch = await call(t.app, bob, 'PATCH', `/api/saved-views/${created.id}`, { name: '改掉' });
    expect(patch.statusCode).toBe(404);
    const del = await call(t.app, bob, 'DELETE', `/api/saved-views/${created.id}`);
    expect(del.statusCode).toBe(404);
    const still = (await call(t.app, alice, 'GET', '/api/saved-views?list=projects')).json();
    expect(still.items.map((v: { name: string }) => v.name)).toContain('我的在谈');
    // Bob may use the same name for his own view.
    expect((await call(t.app, bob, 'POST', '/api/saved-views', view('我的在谈', {}))).statusCode).toBe(201);
  });

  it('refuses a query the list would not accept, naming the parameter', async () => {
    for (const [query, key] of [
      [{ stage: 'negotiating,flying' }, 'query.stage'],
      [{ sort: 'password' }, 'query.sort'],
      [{ signedFrom: '2026-02-30' }, 'query.signedFrom'],
      [{ page: '3' }, 'query.page'],
    ] as const) {
      const res = await call(t.app, alice, 'POST', '/api/saved-views', view('坏视图', query));
      expect(res.statusCode, JSON.stringify(query)).toBe(400);
      expect(res.json().error.code).toBe('saved_views.invalid_query');
      expect(Object.keys(res.json().error.fields)).toContain(key);
    }
    const cols = await call(t.app, alice, 'POST', '/api/saved-views', view('坏列', {}, ['name', 'secret']));
    expect(cols.json().error.fields.columns.messageZh).toContain('secret');
  });

  it('refuses a second view of the same name for the same person', async () => {
    await call(t.app, alice, 'POST', '/api/saved-views', view('重名', {}));
    const again = await call(t.app, alice, 'POST', '/api/saved-views', view('重名', { stage: 'signed' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('saved_views.name_taken');
  });

  it('says so when a list cannot have saved views yet', async () => {
    const res = await call(t.app, alice, 'POST', '/api/saved-views', {
      ...view('线索', {}),
      list: 'capital_reports',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('saved_views.list_unsupported');
  });

  it('keeps a view of the leads list, checked against the leads list’s own filters', async () => {
    const ok = await call(t.app, alice, 'POST', '/api/saved-views', {
      list: 'leads',
      name: '逾期待研判',
      query: { status: 'new', overdue: 'screen', sort: '-receivedOn' },
      columns: null,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ list: 'leads', query: { status: 'new', overdue: 'screen' } });
    const bad = await call(t.app, alice, 'POST', '/api/saved-views', {
      list: 'leads',
      name: '坏视图',
      query: { stage: 'signed' },
      columns: null,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('saved_views.invalid_query');
  });

  it('renames, replaces and deletes a view of one’s own', async () => {
    const v = (
      await call(t.app, alice, 'POST', '/api/saved-views', view('临时', { stage: 'signed' }))
    ).json();
    const renamed = await call(t.app, alice, 'PATCH', `/api/saved-views/${v.id}`, {
      name: '签约项目',
      query: { stage: 'signed', industry: 'C' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '签约项目', query: { stage: 'signed', industry: 'C' } });
    const del = await call(t.app, alice, 'DELETE', `/api/saved-views/${v.id}`);
    expect(del.statusCode).toBe(204);
    const mine = (await call(t.app, alice, 'GET', '/api/saved-views?list=projects')).json();
    expect(mine.items.map((x: { id: string }) => x.id)).not.toContain(v.id);
    const actions = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('objectId', '=', v.id)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'saved_views.create',
      'saved_views.update',
      'saved_views.delete',
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainDetail, ChainSummary } from '../../../domain/network/chains.schemas.js';
import {
  buildDistrict,
  buildEnterprise,
  buildLead,
  buildProject,
  buildTargetEnterprise,
  buildUnit,
  buildUser,
  sessionFor,
} from '../../test/fixtures.js';
import { buildTestApp, call, type Session, setupPlatform, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let districtId: string;
let center: Session;
let townSession: Session;
let townA: string;
let townB: string;

async function req<T>(s: Session, method: string, url: string, body?: unknown) {
  const res = await call(t.app, s, method, url, body);
  return { status: res.statusCode, body: (res.body ? res.json() : null) as T };
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-20T03:00:00Z'));
  await setupPlatform(t.app);
  districtId = (
    await t.db.selectFrom('regions').select('id').where('kind', '=', 'district').executeTakeFirstOrThrow()
  ).id;
  const centerUnit = await buildUnit(t.db, { districtId, kind: 'center' });
  townA = (await buildUnit(t.db, { districtId })).id;
  townB = (await buildUnit(t.db, { districtId })).id;
  const at = new Date('2026-11-20T03:00:00Z');
  center = await sessionFor(
    t.db,
    (await buildUser(t.db, { unitId: centerUnit.id, roles: ['center_admin'] })).id,
    at,
  );
  townSession = await sessionFor(
    t.db,
    (await buildUser(t.db, { unitId: townA, roles: ['unit_reporter'] })).id,
    at,
  );
});

afterAll(async () => {
  await t?.close();
});

describe('chains: coverage and gaps', () => {
  let chainId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const created = await req<ChainDetail>(center, 'POST', '/api/chains', { name: '紧固件链' });
    expect(created.status).toBe(201);
    chainId = created.body.id;
    const add = async (name: string, segment: string, parentId?: string) => {
      const r = await req<{ id: string }>(center, 'POST', `/api/chains/${chainId}/links`, {
        name,
        segment,
        parentId,
      });
      expect(r.status).toBe(201);
      ids[name] = r.body.id;
    };
    await add('线材', 'upstream');
    await add('模具', 'upstream');
    await add('冷镦', 'midstream');
    await add('表面处理', 'midstream');
    await add('达克罗', 'midstream', ids.表面处理);
    await add('风电紧固件', 'downstream');
    await add('检测认证', 'supporting');

    // 线材: an existing enterprise. 模具: only a target (a gap with a candidate). 冷镦: a started project in
    // town B (covers; counted for everyone, listed only for B). 达克罗: a withdrawn project and a declined lead
    // (a gap all the same). 风电紧固件: an open lead in town A (in progress). 检测认证: nothing.
    const wire = await buildEnterprise(t.db, { districtId, name: '洺水线材有限公司' });
    expect(
      (
        await req(center, 'PUT', `/api/chains/${chainId}/links/${ids.线材}/enterprises/${wire.id}`, {
          role: 'existing',
        })
      ).status,
    ).toBe(200);
    const target = await buildTargetEnterprise(t.db, {
      unitId: townB,
      enterpriseId: (await buildEnterprise(t.db, { districtId, name: '精工模具集团' })).id,
    });
    await t.db
      .updateTable('targetEnterprises')
      .set({ chainLinkId: ids.模具 })
      .where('id', '=', target.id)
      .execute();
    const started = await buildProject(t.db, { unitId: townB, name: '冷镦扩产项目' });
    await t.db
      .updateTable('projects')
      .set({ stage: 'started', startDate: '2026-10-01', chainLinkId: ids.冷镦 })
      .where('id', '=', started.id)
      .execute();
    const withdrawn = await buildProject(t.db, { unitId: townA, name: '达克罗涂覆项目' });
    await t.db
      .updateTable('projects')
      .set({
        stage: 'withdrawn',
        stageBeforeHold: 'signed',
        holdReason: '投资方撤回',
        chainLinkId: ids.达克罗,
      })
      .where('id', '=', withdrawn.id)
      .execute();
    const declined = await buildLead(t.db, { unitId: townA, title: '达克罗线索' });
    await t.db
      .updateTable('leads')
      .set({ status: 'declined', declineReason: '不符合产业方向', chainLinkId: ids.达克罗 })
      .where('id', '=', declined.id)
      .execute();
    const open = await buildLead(t.db, { unitId: townA, title: '风电螺栓线索' });
    await t.db.updateTable('leads').set({ chainLinkId: ids.风电紧固件 }).where('id', '=', open.id).execute();
  });

  it('states each link’s coverage: an enterprise or a started project covers, a lead is in progress', async () => {
    const { status, body } = await req<ChainDetail>(center, 'GET', `/api/chains/${chainId}`);
    expect(status).toBe(200);
    const state = Object.fromEntries(body.links.map((l) => [l.name, l.state]));
    expect(state).toEqual({
      线材: 'covered',
      模具: 'gap',
      冷镦: 'covered',
      表面处理: 'gap',
      达克罗: 'gap',
      风电紧固件: 'in_progress',
      检测认证: 'gap',
    });
    // 6 leaves (表面处理 is the heading of 达克罗), 2 covered.
    expect(body).toMatchObject({
      linkCount: 7,
      leafCount: 6,
      covered: 2,
      inProgress: 1,
      gaps: 3,
      coverage: '33.3',
    });
    expect(body.links.map((l) => l.name)).toEqual([
      '线材',
      '模具',
      '冷镦',
      '表面处理',
      '达克罗',
      '风电紧固件',
      '检测认证',
    ]);
    expect(body.links.find((l) => l.name === '线材')?.enterprises).toEqual([
      expect.objectContaining({ name: '洺水线材有限公司', role: 'existing' }),
    ]);
  });

  it('lists a link with only a target as a gap with that target as its 补链 candidate', async () => {
    const { body } = await req<ChainDetail>(center, 'GET', `/api/chains/${chainId}`);
    expect(body.gapList.map((g) => g.path)).toEqual(['模具', '表面处理 › 达克罗', '检测认证']);
    const mould = body.gapList.find((g) => g.name === '模具');
    expect(mould?.candidates).toEqual([
      expect.objectContaining({ enterpriseName: '精工模具集团', visible: true, status: 'researching' }),
    ]);
    const d = body.links.find((l) => l.name === '达克罗');
    expect(d?.counts).toMatchObject({ leads: 0, signed: 0, paused: 0 });
  });

  it('counts district-wide on the list and lists only the caller’s own leads and projects', async () => {
    const list = await req<{ items: ChainSummary[] }>(townSession, 'GET', '/api/chains');
    expect(list.status).toBe(200);
    expect(list.body.items.find((c) => c.id === chainId)).toMatchObject({
      coverage: '33.3',
      gaps: 3,
      gapNames: ['模具', '达克罗', '检测认证'],
    });
    const town = await req<ChainDetail>(townSession, 'GET', `/api/chains/${chainId}`);
    expect(town.status).toBe(200);
    // Town B's started project still covers 冷镦 in the counts …
    expect(town.body.links.find((l) => l.name === '冷镦')?.counts.started).toBe(1);
    // … but town A lists only its own open lead, and no project (its only one is withdrawn).
    expect(town.body.leads.map((l) => l.title)).toEqual(['风电螺栓线索']);
    expect(town.body.projects).toEqual([]);
    // The target belongs to town B: its name shows as a candidate, its plan is not openable by town A.
    expect(town.body.gapList.find((g) => g.name === '模具')?.candidates[0]?.visible).toBe(false);
    const all = await req<ChainDetail>(center, 'GET', `/api/chains/${chainId}`);
    expect(all.body.projects.map((p) => p.name)).toEqual(['冷镦扩产项目']);
  });

  it('finds the chain holding a link for the list’s ?link= jump', async () => {
    const r = await req<{ items: ChainSummary[] }>(townSession, 'GET', `/api/chains?linkId=${ids.达克罗}`);
    expect(r.body.items.map((c) => c.id)).toEqual([chainId]);
  });
});

describe('chains: tree edits', () => {
  let chainId: string;
  let up: string;
  let child: string;

  beforeAll(async () => {
    chainId = (await req<ChainDetail>(center, 'POST', '/api/chains', { name: '装备链' })).body.id;
    up = (
      await req<{ id: string }>(center, 'POST', `/api/chains/${chainId}/links`, {
        name: '钢材',
        segment: 'upstream',
      })
    ).body.id;
    child = (
      await req<{ id: string }>(center, 'POST', `/api/chains/${chainId}/links`, {
        name: '铸件',
        segment: 'upstream',
        parentId: up,
      })
    ).body.id;
  });

  it('renames a link, moves it with its sub-links to another segment and reorders siblings', async () => {
    const renamed = await req<ChainDetail>(center, 'PATCH', `/api/chains/${chainId}/links/${up}`, {
      name: '基础材料',
      segment: 'midstream',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.links.map((l) => [l.name, l.segment, l.depth])).toEqual([
      ['基础材料', 'midstream', 0],
      ['铸件', 'midstream', 1],
    ]);
    const second = (
      await req<{ id: string }>(center, 'POST', `/api/chains/${chainId}/links`, {
        name: '锻件',
        segment: 'midstream',
        parentId: up,
      })
    ).body.id;
    const reordered = await req<ChainDetail>(center, 'PUT', `/api/chains/${chainId}/link-order`, {
      ids: [second, child],
    });
    expect(reordered.status).toBe(200);
    expect(reordered.body.links.map((l) => l.name)).toEqual(['基础材料', '锻件', '铸件']);
    // Links of different parents cannot be ordered together.
    const mixed = await req(center, 'PUT', `/api/chains/${chainId}/link-order`, { ids: [up, child] });
    expect(mixed.status).toBe(400);
  });

  it('refuses to move a link under its own sub-link', async () => {
    const r = await req<{ error: { code: string } }>(center, 'PATCH', `/api/chains/${chainId}/links/${up}`, {
      parentId: child,
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('chains.parent_invalid');
  });

  it('refuses to delete a link something points at and says what', async () => {
    const project = await buildProject(t.db, { unitId: townA });
    await t.db.updateTable('projects').set({ chainLinkId: child }).where('id', '=', project.id).execute();
    const withChildren = await req<{ error: { code: string; messageZh: string } }>(
      center,
      'DELETE',
      `/api/chains/${chainId}/links/${up}`,
    );
    expect(withChildren.status).toBe(409);
    expect(withChildren.body.error.messageZh).toContain('2 个下级环节');
    const withProject = await req<{ error: { code: string; messageZh: string } }>(
      center,
      'DELETE',
      `/api/chains/${chainId}/links/${child}`,
    );
    expect(withProject.status).toBe(409);
    expect(withProject.body.error.code).toBe('chains.link_in_use');
    expect(withProject.body.error.messageZh).toContain('1 个项目');
    const chainDelete = await req<{ error: { code: string } }>(center, 'DELETE', `/api/chains/${chainId}`);
    expect(chainDelete.body.error.code).toBe('chains.chain_in_use');

    await t.db.updateTable('projects').set({ chainLinkId: null }).where('id', '=', project.id).execute();
    expect((await req(center, 'DELETE', `/api/chains/${chainId}/links/${child}`)).status).toBe(204);
    const after = await req<ChainDetail>(center, 'GET', `/api/chains/${chainId}`);
    expect(after.body.links.map((l) => l.name)).toEqual(['基础材料', '锻件']);
  });

  it('keeps a sub-link in its parent’s segment when it is added or moved under it', async () => {
    const plate = (
      await req<{ id: string }>(center, 'POST', `/api/chains/${chainId}/links`, {
        name: '钢板',
        segment: 'upstream',
      })
    ).body.id;
    const forged = (await req<ChainDetail>(center, 'GET', `/api/chains/${chainId}`)).body.links.find(
      (l) => l.name === '锻件',
    );
    const moved = await req<ChainDetail>(center, 'PATCH', `/api/chains/${chainId}/links/${forged?.id}`, {
      parentId: plate,
    });
    expect(moved.body.links.find((l) => l.name === '锻件')).toMatchObject({ segment: 'upstream', depth: 1 });
    const added = await req<{ chain: ChainDetail }>(center, 'POST', `/api/chains/${chainId}/links`, {
      name: '冷轧板',
      segment: 'downstream',
      parentId: plate,
    });
    expect(added.body.chain.links.find((l) => l.name === '冷轧板')?.segment).toBe('upstream');
  });

  it('places an enterprise of the district only, and takes it off again', async () => {
    const foreign = await buildEnterprise(t.db, { districtId: (await buildDistrict(t.db)).id });
    const bad = await req<{ error: { code: string } }>(
      center,
      'PUT',
      `/api/chains/${chainId}/links/${up}/enterprises/${foreign.id}`,
      { role: 'chain_leader' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('chains.enterprise_unknown');
    const leader = await buildEnterprise(t.db, { districtId, name: '洺水重工集团' });
    const placed = await req<ChainDetail>(
      center,
      'PUT',
      `/api/chains/${chainId}/links/${up}/enterprises/${leader.id}`,
      {
        role: 'chain_leader',
      },
    );
    expect(placed.body.chainLeaderNames).toEqual(['洺水重工集团']);
    expect(placed.body.links.find((l) => l.id === up)?.ownState).toBe('covered');
    expect(
      (await req(center, 'DELETE', `/api/chains/${chainId}/links/${up}/enterprises/${leader.id}`)).status,
    ).toBe(204);
  });

  it('lets only the center edit chains (403 for a town)', async () => {
    expect((await req(townSession, 'POST', '/api/chains', { name: '镇里的链' })).status).toBe(403);
    expect(
      (await req(townSession, 'POST', `/api/chains/${chainId}/links`, { name: 'x', segment: 'upstream' }))
        .status,
    ).toBe(403);
    expect(
      (await req(townSession, 'PATCH', `/api/chains/${chainId}/links/${up}`, { name: 'y' })).status,
    ).toBe(403);
    expect((await req(townSession, 'DELETE', `/api/chains/${chainId}`)).status).toBe(403);
  });

  it('refuses a second chain of the same name and 404s a chain of another district', async () => {
    const dup = await req<{ error: { code: string } }>(center, 'POST', '/api/chains', { name: '装备链' });
    expect(dup.status).toBe(409);
    const other = await buildDistrict(t.db);
    const foreignChain = await t.db
      .insertInto('chains')
      .values({ districtId: other.id, name: '别区链', createdAt: new Date(), updatedAt: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await req(center, 'GET', `/api/chains/${foreignChain.id}`)).status).toBe(404);
    expect((await req(center, 'PATCH', `/api/chains/${foreignChain.id}`, { name: 'z' })).status).toBe(404);
  });
});

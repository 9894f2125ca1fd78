import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildChainLink,
  buildDistrict,
  buildLead,
  buildNetworkSource,
  buildProject,
  buildPromotionEvent,
  buildUnit,
  buildUser,
  sessionFor,
} from '../../test/fixtures.js';
import { buildTestApp, call, type Session, setupPlatform, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let center: Session;
let townSession: Session;
let townA: string;
let townB: string;
let chamber: { id: string; name: string };
let expo: { id: string; name: string };
let linkId: string;
let otherDistrictSourceId: string;

async function get<T>(s: Session, url: string): Promise<{ status: number; body: T }> {
  const res = await call(t.app, s, 'GET', url);
  return { status: res.statusCode, body: res.json() as T };
}

interface OutcomeRow {
  key: string;
  label: string;
  leads: number;
  converted: number;
  conversion: string | null;
  signed: number;
  signedAmountYuan: string;
  landed: number;
  started: number;
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-06-20T03:00:00Z'));
  await setupPlatform(t.app);
  const districtId = (
    await t.db.selectFrom('regions').select('id').where('kind', '=', 'district').executeTakeFirstOrThrow()
  ).id;
  const centerUnit = await buildUnit(t.db, { districtId, kind: 'center' });
  townA = (await buildUnit(t.db, { districtId })).id;
  townB = (await buildUnit(t.db, { districtId })).id;
  const at = new Date('2026-06-20T03:00:00Z');
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

  chamber = await buildNetworkSource(t.db, { unitId: townB, name: '北京洺水商会' });
  expo = await buildPromotionEvent(t.db, {
    unitId: townA,
    name: '2026廊坊经洽会',
    startsOn: '2026-05-18',
    endsOn: '2026-05-21',
  });
  linkId = (await buildChainLink(t.db, { districtId, chainName: '高端标准件/紧固件', linkName: '线材' })).link
    .id;
  const otherDistrict = await buildDistrict(t.db);
  otherDistrictSourceId = (
    await buildNetworkSource(t.db, {
      unitId: (await buildUnit(t.db, { districtId: otherDistrict.id })).id,
      name: '别区商会',
    })
  ).id;

  // Projects credited to the chamber: signed in May (5亿), signed in May but withdrawn, signed last year and
  // started in June.
  const project = async (unitId: string, extra: Record<string, unknown>) => {
    const p = await buildProject(t.db, { unitId });
    await t.db.updateTable('projects').set(extra).where('id', '=', p.id).execute();
    return p;
  };
  const signed = await project(townA, {
    referralSourceId: chamber.id,
    eventId: expo.id,
    channel: 'via_business',
    stage: 'signed',
    signingDate: '2026-05-20',
    signedAmountYuan: '500000000',
  });
  await project(townB, {
    referralSourceId: chamber.id,
    channel: 'via_business',
    stage: 'withdrawn',
    stageBeforeHold: 'signed',
    holdReason: '投资方撤回',
    signingDate: '2026-05-02',
    signedAmountYuan: '900000000',
  });
  await project(townB, {
    referralSourceId: chamber.id,
    channel: 'kinship',
    stage: 'started',
    signingDate: '2025-10-01',
    startDate: '2026-06-01',
    signedAmountYuan: '100000000',
  });
  // Referred by the chamber: two leads in May (one converted) in town A, one in town B, one in 2025.
  const lead = async (
    unitId: string,
    receivedOn: string,
    status: 'new' | 'converted',
    extra: Record<string, unknown>,
  ) => {
    const l = await buildLead(t.db, { unitId });
    await t.db
      .updateTable('leads')
      .set({ receivedOn, status, ...extra })
      .where('id', '=', l.id)
      .execute();
  };
  await lead(townA, '2026-05-03', 'converted', {
    referralSourceId: chamber.id,
    eventId: expo.id,
    channel: 'via_business',
    projectId: signed.id,
  });
  await lead(townA, '2026-05-20', 'new', { referralSourceId: chamber.id, channel: 'via_business' });
  await lead(townB, '2026-04-11', 'new', { referralSourceId: chamber.id, channel: 'kinship' });
  await lead(townA, '2025-12-30', 'new', { referralSourceId: chamber.id, channel: 'via_business' });
});

afterAll(async () => {
  await t?.close();
});

describe('outcomes: what a source, event or channel produced', () => {
  it('credits a referring source with its leads, conversions, signings and starts in the period', async () => {
    const res = await get<OutcomeRow[]>(
      center,
      '/api/network/outcomes?by=source&from=2026-01-01&to=2026-06-30',
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        key: chamber.id,
        label: '北京洺水商会',
        leads: 3,
        converted: 1,
        conversion: '33.33',
        signed: 1,
        signedAmountYuan: '500000000',
        landed: 0,
        started: 1,
      },
    ]);
  });

  it('groups by channel and by event, and gives a row of zeros for an asked key with nothing', async () => {
    const channels = await get<OutcomeRow[]>(
      center,
      '/api/network/outcomes?by=channel&from=2026-01-01&to=2026-06-30',
    );
    expect(channels.body.map((o) => [o.label, o.leads, o.signed, o.started])).toEqual([
      ['以商招商', 2, 1, 0],
      ['以情招商', 1, 0, 1],
    ]);
    const quiet = await buildPromotionEvent(t.db, { unitId: townA, name: '数博会' });
    const events = await get<OutcomeRow[]>(
      center,
      `/api/network/outcomes?by=event&from=2026-01-01&to=2026-06-30&keys=${expo.id},${quiet.id}`,
    );
    expect(events.body.map((o) => [o.label, o.leads, o.converted, o.signed, o.signedAmountYuan])).toEqual([
      ['2026廊坊经洽会', 1, 1, 1, '500000000'],
      ['数博会', 0, 0, 0, '0'],
    ]);
    expect(events.body[1]?.conversion).toBeNull();
  });

  it("a town counts only its own unit's leads and projects", async () => {
    const res = await get<OutcomeRow[]>(
      townSession,
      '/api/network/outcomes?by=source&from=2026-01-01&to=2026-06-30',
    );
    expect(res.body.map((o) => [o.leads, o.converted, o.signed, o.started])).toEqual([[2, 1, 1, 0]]);
  });

  it('refuses a period that ends before it starts', async () => {
    const res = await get<{ code: string }>(
      center,
      '/api/network/outcomes?by=source&from=2026-06-30&to=2026-01-01',
    );
    expect(res.status).toBe(400);
  });
});

describe('pickers', () => {
  it("offers the whole district's source names to a town, never another district's", async () => {
    const res = await get<{ id: string; label: string }[]>(townSession, '/api/network/options?kind=source');
    expect(res.body.map((o) => o.label)).toContain('北京洺水商会');
    expect(res.body.map((o) => o.id)).not.toContain(otherDistrictSourceId);
    const chosen = await get<{ id: string }[]>(
      townSession,
      `/api/network/options?kind=source&ids=${otherDistrictSourceId}`,
    );
    expect(chosen.body.map((o) => o.id)).not.toContain(otherDistrictSourceId);
  });

  it('finds by name or pinyin, and labels a link with its chain and segment', async () => {
    const byPinyin = await get<{ label: string }[]>(townSession, '/api/network/options?kind=event&q=jingqia');
    expect(byPinyin.body.map((o) => o.label)).toEqual(['2026廊坊经洽会']);
    const links = await get<{ id: string; label: string }[]>(
      townSession,
      '/api/network/options?kind=chain_link&q=线材',
    );
    expect(links.body).toEqual([
      expect.objectContaining({ id: linkId, label: '高端标准件/紧固件 · 上游 · 线材' }),
    ]);
  });
});

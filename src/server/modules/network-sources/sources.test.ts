import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildChainLink,
  buildDistrict,
  buildEnterprise,
  buildNetworkSource,
  buildPromotionEvent,
  buildUnit,
  buildUser,
  sessionFor,
} from '../../test/fixtures.js';
import { buildTestApp, call, type Session, setupPlatform, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let districtId: string;
let center: Session;
let townA: Session; // reporter of town A
let townB: Session; // reporter of town B
let unitA: string;
let unitB: string;
let foreignSourceId: string;
let foreignEventId: string;
let foreignLinkId: string;

const AT = new Date('2026-06-20T03:00:00Z');

async function req<T = Record<string, unknown>>(s: Session, method: string, url: string, body?: unknown) {
  const res = await call(t.app, s, method, url, body);
  return { status: res.statusCode, body: res.json() as T, raw: res.body };
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(AT);
  await setupPlatform(t.app);
  districtId = (
    await t.db.selectFrom('regions').select('id').where('kind', '=', 'district').executeTakeFirstOrThrow()
  ).id;
  const centerUnit = await buildUnit(t.db, { districtId, kind: 'center' });
  unitA = (await buildUnit(t.db, { districtId })).id;
  unitB = (await buildUnit(t.db, { districtId })).id;
  const user = async (unitId: string, role: 'center_admin' | 'unit_reporter') =>
    sessionFor(t.db, (await buildUser(t.db, { unitId, roles: [role] })).id, AT);
  center = await user(centerUnit.id, 'center_admin');
  townA = await user(unitA, 'unit_reporter');
  townB = await user(unitB, 'unit_reporter');
  const other = await buildDistrict(t.db);
  const otherUnit = (await buildUnit(t.db, { districtId: other.id })).id;
  foreignSourceId = (await buildNetworkSource(t.db, { unitId: otherUnit, name: '别区商会' })).id;
  foreignEventId = (await buildPromotionEvent(t.db, { unitId: otherUnit, name: '别区推介会' })).id;
  foreignLinkId = (await buildChainLink(t.db, { districtId: other.id })).link.id;
});

afterAll(async () => {
  await t?.close();
});

describe('network sources: record, change, deactivate', () => {
  it('creates a chamber with its region, finds it by pinyin, edits it with the loaded version and audits each write', async () => {
    const created = await req<{ id: string; version: number; regionLabel: string }>(
      townA,
      'POST',
      '/api/network-sources',
      {
        unitId: unitA,
        kind: 'chamber',
        name: '温州洺水商会',
        regionCode: '330300',
        place: '温州市鹿城区',
        contactName: '张会长',
        contactPhone: '13900000001',
      },
    );
    expect(created.status, created.raw).toBe(201);
    expect(created.body).toMatchObject({ version: 1, regionLabel: '浙江省 温州市', inScope: true });

    const found = await req<{ items: { id: string }[]; total: number }>(
      townA,
      'GET',
      '/api/network-sources?q=wenzhou&province=33&kind=chamber',
    );
    expect(found.body.items.map((s) => s.id)).toEqual([created.body.id]);

    const edited = await req(townA, 'PATCH', `/api/network-sources/${created.body.id}`, {
      version: 1,
      liaison: '李干事',
    });
    expect(edited.status, edited.raw).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, liaison: '李干事' });

    const stale = await req<{ error: { code: string } }>(
      townA,
      'PATCH',
      `/api/network-sources/${created.body.id}`,
      { version: 1, name: '温州市洺水商会' },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('network_sources.version_conflict');

    const off = await req(townA, 'POST', `/api/network-sources/${created.body.id}/deactivate`, {
      version: 2,
    });
    expect(off.body).toMatchObject({ active: false, version: 3 });
    const inactive = await req<{ items: { id: string }[] }>(
      townA,
      'GET',
      '/api/network-sources?active=false',
    );
    expect(inactive.body.items.map((s) => s.id)).toContain(created.body.id);

    const audits = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('objectId', '=', created.body.id)
      .where('result', '=', 'success')
      .orderBy('id')
      .execute();
    expect(audits.map((a) => a.action)).toEqual([
      'network_sources.create',
      'network_sources.update',
      'network_sources.deactivate',
    ]);
  });

  it('refuses an invested enterprise without its enterprise, another district’s enterprise, and a region with a country', async () => {
    const noEnterprise = await req<{ error: { code: string } }>(townA, 'POST', '/api/network-sources', {
      unitId: unitA,
      kind: 'invested_enterprise',
      name: '某在区企业',
    });
    expect(noEnterprise.body.error.code).toBe('network_sources.enterprise_required');
    const foreign = await buildEnterprise(t.db, { districtId: (await buildDistrict(t.db)).id });
    const wrongEnterprise = await req<{ error: { code: string } }>(townA, 'POST', '/api/network-sources', {
      unitId: unitA,
      kind: 'invested_enterprise',
      name: '某在区企业',
      enterpriseId: foreign.id,
    });
    expect(wrongEnterprise.body.error.code).toBe('network_sources.enterprise_invalid');
    const both = await req<{ error: { code: string } }>(townA, 'POST', '/api/network-sources', {
      unitId: unitA,
      kind: 'person_outside',
      name: '海外乡贤',
      regionCode: '110000',
      country: 'SG',
    });
    expect(both.body.error.code).toBe('network_sources.region_or_country');
    const badRegion = await req(townA, 'POST', '/api/network-sources', {
      unitId: unitA,
      kind: 'dealer',
      name: '某经销网点',
      regionCode: '999999',
    });
    expect(badRegion.status).toBe(400);
    const otherUnit = await req<{ error: { code: string } }>(townA, 'POST', '/api/network-sources', {
      unitId: unitB,
      kind: 'dealer',
      name: '某经销网点',
    });
    expect(otherUnit.body.error.code).toBe('network_sources.unit_invalid');
  });

  it("shows another unit's source without its contacts, and refuses to change it; another district's is not found", async () => {
    const s = await buildNetworkSource(t.db, { unitId: unitB, name: '天津洺水商会' });
    const seen = await req<{ source: Record<string, unknown> }>(townA, 'GET', `/api/network-sources/${s.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.source).toMatchObject({ name: '天津洺水商会', inScope: false, contactPhone: null });
    const own = await req<{ source: Record<string, unknown> }>(townB, 'GET', `/api/network-sources/${s.id}`);
    expect(own.body.source).toMatchObject({ inScope: true, contactPhone: '13800000000' });
    const change = await req(townA, 'PATCH', `/api/network-sources/${s.id}`, { version: 1, name: '改名' });
    expect(change.status).toBe(404);
    const byCenter = await req(center, 'PATCH', `/api/network-sources/${s.id}`, {
      version: 1,
      liaison: '王',
    });
    expect(byCenter.status).toBe(200);
    const foreign = await req(center, 'GET', `/api/network-sources/${foreignSourceId}`);
    expect(foreign.status).toBe(404);
  });
});

describe('referral credit on leads and projects', () => {
  let chamberId: string;
  let eventId: string;
  let linkId: string;
  let leadId: string;
  let projectId: string;

  beforeAll(async () => {
    chamberId = (await buildNetworkSource(t.db, { unitId: unitB, name: '深圳洺水商会' })).id;
    eventId = (await buildPromotionEvent(t.db, { unitId: unitA, name: '深圳紧固件推介会' })).id;
    linkId = (await buildChainLink(t.db, { districtId, chainName: '紧固件链', linkName: '模具' })).link.id;
  });

  it('a lead referred by another unit’s chamber carries it to its project, and the chamber is credited', async () => {
    const lead = await req<Record<string, unknown> & { id: string }>(townA, 'POST', '/api/leads', {
      unitId: unitA,
      title: '深圳高强螺栓项目',
      channel: 'via_business',
      receivedOn: '2026-06-10',
      enterprise: { name: '深圳某紧固件有限公司' },
      referralSourceId: chamberId,
      eventId,
      chainLinkId: linkId,
    });
    expect(lead.status, lead.raw).toBe(201);
    expect(lead.body).toMatchObject({
      referralSourceName: '深圳洺水商会',
      eventName: '深圳紧固件推介会',
      chainLinkLabel: '紧固件链 · 上游 · 模具',
    });
    leadId = lead.body.id;
    const screened = await req(townA, 'POST', `/api/leads/${leadId}/screen`, {
      version: 1,
      on: '2026-06-11',
      decision: 'follow',
      scores: {
        intention: 5,
        scale: 4,
        market: 4,
        technology: 3,
        industryFit: 5,
        environment: 4,
        energy: 3,
        benefit: 4,
      },
    });
    expect(screened.status, screened.raw).toBe(200);
    const converted = await req<{ projectId: string }>(townA, 'POST', `/api/leads/${leadId}/convert`, {
      version: 2,
    });
    expect(converted.status, converted.raw).toBe(200);
    projectId = converted.body.projectId;
    const project = await req<{ project: Record<string, unknown> }>(
      townA,
      'GET',
      `/api/projects/${projectId}`,
    );
    expect(project.body.project).toMatchObject({
      referralSourceId: chamberId,
      referralSourceName: '深圳洺水商会',
      eventId,
      chainLinkId: linkId,
    });
    // Signed in the period: the chamber's outcome counts the lead, the conversion and the signing.
    await t.db
      .updateTable('projects')
      .set({ stage: 'signed', signingDate: '2026-06-15', signedAmountYuan: '200000000' })
      .where('id', '=', projectId)
      .execute();
    const detail = await req<{ outcome: Record<string, unknown>; leads: { id: string }[] }>(
      center,
      'GET',
      `/api/network-sources/${chamberId}`,
    );
    expect(detail.body.outcome).toMatchObject({
      leads: 1,
      converted: 1,
      conversion: '100.00',
      signed: 1,
      signedAmountYuan: '200000000',
    });
    expect(detail.body.leads.map((l) => l.id)).toEqual([leadId]);
    // The liaison unit (town B) sees the chamber but not town A's lead and project.
    const fromB = await req<{ leads: unknown[]; projects: unknown[] }>(
      townB,
      'GET',
      `/api/network-sources/${chamberId}`,
    );
    expect(fromB.body.leads).toEqual([]);
    expect(fromB.body.projects).toEqual([]);
  });

  it('refuses a source, event or chain link of another district on leads and projects', async () => {
    const base = {
      unitId: unitA,
      title: '外区来源线索',
      channel: 'via_business',
      receivedOn: '2026-06-10',
      enterprise: { name: '外区来源测试有限公司' },
    };
    const cases: [string, string, string][] = [
      ['referralSourceId', foreignSourceId, 'referral_source_unknown'],
      ['eventId', foreignEventId, 'event_unknown'],
      ['chainLinkId', foreignLinkId, 'chain_link_unknown'],
    ];
    for (const [field, id, code] of cases) {
      const lead = await req<{ error: { code: string; fields: Record<string, unknown> } }>(
        townA,
        'POST',
        '/api/leads',
        { ...base, [field]: id },
      );
      expect(lead.status).toBe(400);
      expect(lead.body.error.code).toBe(`leads.${code}`);
      expect(Object.keys(lead.body.error.fields)).toEqual([field]);
      const project = await req<{ error: { code: string } }>(townA, 'POST', '/api/projects', {
        unitId: unitA,
        name: '外区来源项目',
        [field]: id,
      });
      expect(project.status).toBe(400);
      expect(project.body.error.code).toBe(`projects.${code}`);
    }
    const edit = await req<{ error: { code: string } }>(townA, 'PATCH', `/api/projects/${projectId}`, {
      version: 1,
      referralSourceId: foreignSourceId,
    });
    expect(edit.body.error.code).toBe('projects.referral_source_unknown');
  });

  it('the lead and project lists filtered by source, event or link return exactly the credited records', async () => {
    // A project entered directly, credited to the same chamber; and an uncredited lead and project.
    const direct = await req<{ id: string }>(townA, 'POST', '/api/projects', {
      unitId: unitA,
      name: '商会推荐的直接项目',
      channel: 'via_business',
      referralSourceId: chamberId,
    });
    expect(direct.status, direct.raw).toBe(201);
    await req(townA, 'POST', '/api/projects', { unitId: unitA, name: '无来源项目' });
    await req(townA, 'POST', '/api/leads', {
      unitId: unitA,
      title: '无来源线索',
      channel: 'self',
      receivedOn: '2026-06-10',
      enterprise: { name: '无来源测试有限公司' },
    });
    const ids = async (url: string) =>
      (await req<{ items: { id: string }[] }>(center, 'GET', url)).body.items.map((r) => r.id).sort();
    expect(await ids(`/api/leads?referralSourceId=${chamberId}`)).toEqual([leadId]);
    expect(await ids(`/api/leads?eventId=${eventId}`)).toEqual([leadId]);
    expect(await ids(`/api/leads?chainLinkId=${linkId}`)).toEqual([leadId]);
    expect(await ids(`/api/projects?referralSourceId=${chamberId}`)).toEqual(
      [projectId, direct.body.id].sort(),
    );
    expect(await ids(`/api/projects?eventId=${eventId}`)).toEqual([projectId]);
    expect(await ids(`/api/projects?chainLinkId=${linkId}`)).toEqual([projectId]);
    // The lead export carries the credit, with the same filter.
    const file = await call(t.app, center, 'GET', `/api/leads/export.xlsx?referralSourceId=${chamberId}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const row = ws.getRow(2).values as unknown[];
    expect(ws.rowCount).toBe(2);
    expect(row[header.indexOf('推荐来源')]).toBe('深圳洺水商会');
    expect(row[header.indexOf('招商活动')]).toBe('深圳紧固件推介会');
  });
});

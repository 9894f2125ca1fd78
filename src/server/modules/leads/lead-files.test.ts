import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLead, buildUnit, buildUser, sessionFor } from '../../test/fixtures.js';
import {
  buildTestApp,
  call,
  type Session,
  setupPlatform,
  type TestApp,
  uploadFile,
} from '../../test/test-app.js';

let t: TestApp;
let owner: Session;
let neighbour: Session;
let townId: string;
let neighbourTownId: string;
let otherDistrictCenter: Session;

const PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';

function upload(s: Session, leadId: string, filename = '投资意向书.pdf', body = PDF) {
  return uploadFile(t.app, s, `/api/leads/${leadId}/files`, { filename, content: body });
}

beforeAll(async () => {
  t = await buildTestApp();
  await setupPlatform(t.app);
  const districtId = (
    await t.db.selectFrom('regions').select('id').where('kind', '=', 'district').executeTakeFirstOrThrow()
  ).id;
  townId = (await buildUnit(t.db, { districtId, name: '意向镇' })).id;
  neighbourTownId = (await buildUnit(t.db, { districtId, name: '邻近镇' })).id;
  owner = await sessionFor(t.db, (await buildUser(t.db, { unitId: townId })).id, t.clock.now());
  neighbour = await sessionFor(t.db, (await buildUser(t.db, { unitId: neighbourTownId })).id, t.clock.now());
  const elsewhere = await buildUnit(t.db);
  otherDistrictCenter = await sessionFor(
    t.db,
    (await buildUser(t.db, { unitId: elsewhere.id, roles: ['center_admin'] })).id,
    t.clock.now(),
  );
});
afterAll(() => t.close());

describe('lead documents', () => {
  it('are added by the lead’s unit, listed, downloaded and removed, each step audited', async () => {
    const lead = await buildLead(t.db, { unitId: townId });
    const res = await upload(owner, lead.id);
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({ filename: '投资意向书.pdf', contentType: 'application/pdf' });
    const listed = (await call(t.app, owner, 'GET', `/api/leads/${lead.id}/files`)).json();
    expect(listed.map((f: { id: string }) => f.id)).toEqual([file.id]);
    const download = await call(t.app, owner, 'GET', `/api/attachments/${file.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe(PDF);
    const removed = await call(t.app, owner, 'DELETE', `/api/leads/${lead.id}/files/${file.id}`);
    expect(removed.statusCode).toBe(204);
    expect((await call(t.app, owner, 'GET', `/api/leads/${lead.id}/files`)).json()).toEqual([]);
    const actions = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('objectId', '=', lead.id)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['leads.file_upload', 'leads.file_delete']);
  });

  it('refuses a file that is not what its name says', async () => {
    const lead = await buildLead(t.db, { unitId: townId });
    const res = await upload(owner, lead.id, '合同.pdf', 'MZ this is an executable');
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('attachments.type_not_allowed');
  });

  it('keeps another town out of an unshared lead’s files, and lets it read but not change a shared one’s', async () => {
    const closed = await buildLead(t.db, { unitId: townId });
    const closedFile = (await upload(owner, closed.id)).json();
    expect((await call(t.app, neighbour, 'GET', `/api/leads/${closed.id}/files`)).statusCode).toBe(404);
    expect((await call(t.app, neighbour, 'GET', `/api/attachments/${closedFile.id}`)).statusCode).toBe(404);
    expect(
      (await call(t.app, otherDistrictCenter, 'GET', `/api/attachments/${closedFile.id}`)).statusCode,
    ).toBe(404);

    const shared = await buildLead(t.db, { unitId: townId, shared: true });
    const sharedFile = (await upload(owner, shared.id)).json();
    expect((await call(t.app, neighbour, 'GET', `/api/leads/${shared.id}/files`)).json()).toHaveLength(1);
    expect((await call(t.app, neighbour, 'GET', `/api/attachments/${sharedFile.id}`)).statusCode).toBe(200);
    const write = await upload(neighbour, shared.id);
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe('leads.read_only');
    const del = await call(t.app, neighbour, 'DELETE', `/api/leads/${shared.id}/files/${sharedFile.id}`);
    expect(del.statusCode).toBe(403);
  });
});

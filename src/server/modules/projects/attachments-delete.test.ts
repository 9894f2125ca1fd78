import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttachment, buildUnit, buildUser, sessionFor } from '../../test/fixtures.js';
import { buildTestApp, call, type Session, setupPlatform, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let reporter: Session;
let stranger: Session;
let townId: string;

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-06-15T02:00:00Z'));
  await setupPlatform(t.app);
  const districtId = (
    await t.db.selectFrom('regions').select('id').where('kind', '=', 'district').executeTakeFirstOrThrow()
  ).id;
  townId = (await buildUnit(t.db, { districtId, name: '附件镇' })).id;
  const other = await buildUnit(t.db, { districtId, name: '别镇' });
  reporter = await sessionFor(t.db, (await buildUser(t.db, { unitId: townId })).id, t.clock.now());
  stranger = await sessionFor(t.db, (await buildUser(t.db, { unitId: other.id })).id, t.clock.now());
});
afterAll(() => t.close());

async function signedProject() {
  const p = (
    await call(t.app, reporter, 'POST', '/api/projects', { unitId: townId, name: `附件项目${Date.now()}` })
  ).json();
  const agreement = await buildAttachment(t.db, { projectId: p.id });
  const moved = await call(t.app, reporter, 'POST', `/api/projects/${p.id}/moves`, {
    to: 'signed',
    effectiveDate: '2026-06-10',
    version: p.version,
    fields: { signingDate: '2026-06-10', agreementType: 'formal', signedAmountYuan: '100000000' },
  });
  expect(moved.statusCode, moved.body).toBe(200);
  return { project: moved.json(), agreement };
}

describe('removing a project file', () => {
  it('refuses to remove the only agreement of a signed project, saying what signing needs', async () => {
    const { project, agreement } = await signedProject();
    const res = await call(
      t.app,
      reporter,
      'DELETE',
      `/api/projects/${project.id}/attachments/${agreement.id}`,
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('projects.stage_requires_fields');
    expect(res.json().error.messageZh).toContain('投资协议');
    const still = await t.db.selectFrom('attachments').select('id').where('id', '=', agreement.id).execute();
    expect(still).toHaveLength(1);
  });

  it('removes it once a second agreement is there, and audits the removal', async () => {
    const { project, agreement } = await signedProject();
    await buildAttachment(t.db, { projectId: project.id });
    const res = await call(
      t.app,
      reporter,
      'DELETE',
      `/api/projects/${project.id}/attachments/${agreement.id}`,
    );
    expect(res.statusCode, res.body).toBe(204);
    const files = (await call(t.app, reporter, 'GET', `/api/projects/${project.id}`)).json().attachments;
    expect(files.map((f: { id: string }) => f.id)).not.toContain(agreement.id);
    const row = await t.db
      .selectFrom('auditLog')
      .select(['result', 'changes'])
      .where('action', '=', 'attachments.delete')
      .where('objectId', '=', project.id)
      .executeTakeFirstOrThrow();
    expect(row.result).toBe('success');
    expect(row.changes).toMatchObject({ attachment: { before: { id: agreement.id }, after: null } });
  });

  it('is not possible for another town, nor through another project', async () => {
    const { project, agreement } = await signedProject();
    await buildAttachment(t.db, { projectId: project.id });
    const other = await call(
      t.app,
      stranger,
      'DELETE',
      `/api/projects/${project.id}/attachments/${agreement.id}`,
    );
    expect(other.statusCode).toBe(404);
    const own = (
      await call(t.app, reporter, 'POST', '/api/projects', { unitId: townId, name: '另一附件项目' })
    ).json();
    const crossed = await call(
      t.app,
      reporter,
      'DELETE',
      `/api/projects/${own.id}/attachments/${agreement.id}`,
    );
    expect(crossed.statusCode).toBe(404);
    const still = await t.db.selectFrom('attachments').select('id').where('id', '=', agreement.id).execute();
    expect(still).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommitmentList, CommitmentRates } from '../../../domain/commitments/commitments.schemas.js';
import type { ProjectTeam, UnnamedOfficer } from '../../../domain/project-team/project-team.schemas.js';
import {
  buildTestApp,
  call,
  loginAs,
  type Session,
  setupPlatform,
  type TestApp,
} from '../../test/test-app.js';

let t: TestApp;
let center: Session;

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-28T02:00:00Z'));
  await setupPlatform(t.app, { loadDemo: true });
  center = await loginAs(t.app, 'center.admin');
});
afterAll(() => t.close());

describe('the demo commitments', () => {
  it('has commitments in every state and kind over 4–6 departments, some overdue, fulfilled on time and late', async () => {
    const list = (await call(t.app, center, 'GET', '/api/commitments?pageSize=200')).json() as CommitmentList;
    expect(list.total).toBeGreaterThanOrEqual(15);
    expect(new Set(list.items.map((c) => c.status))).toEqual(new Set(['pending', 'fulfilled', 'cancelled']));
    expect(new Set(list.items.map((c) => c.kind)).size).toBe(5);
    expect(list.overdueTotal).toBeGreaterThanOrEqual(3);
    const fulfilled = list.items.filter((c) => c.status === 'fulfilled');
    expect(fulfilled.some((c) => c.late)).toBe(true);
    expect(fulfilled.some((c) => !c.late)).toBe(true);
    expect(fulfilled.every((c) => (c.evidence ?? '').length > 0)).toBe(true);
    expect(list.items.some((c) => c.status === 'pending' && !c.overdue)).toBe(true);
  });

  it('gives the departments different rates', async () => {
    const r = (await call(t.app, center, 'GET', '/api/commitments/rates')).json() as CommitmentRates;
    expect(r.departments.length).toBeGreaterThanOrEqual(4);
    expect(r.departments.length).toBeLessThanOrEqual(6);
    expect(new Set(r.departments.map((d) => d.rate)).size).toBeGreaterThanOrEqual(3);
    expect(r.overall.due).toBeGreaterThan(r.overall.fulfilled);
    expect(r.overall.fulfilled).toBeGreaterThan(r.overall.onTime);
  });

  it('shows 自然资源和规划局’s handler its own commitments, one of them overdue', async () => {
    const handler = await loginAs(t.app, 'dept05.handler');
    const own = (await call(t.app, handler, 'GET', '/api/commitments')).json() as CommitmentList;
    expect(own.total).toBeGreaterThanOrEqual(3);
    expect(new Set(own.items.map((c) => c.departmentName))).toEqual(new Set(['自然资源和规划局']));
    expect(own.overdueTotal).toBeGreaterThanOrEqual(1);
    expect(own.items.find((c) => c.overdue)?.can.fulfil).toBe(true);
  });
});

describe('the demo special teams', () => {
  it('names officers on most signed projects and misses three past the window', async () => {
    const unnamed = (
      await call(t.app, center, 'GET', '/api/project-team/unnamed-officers')
    ).json() as UnnamedOfficer[];
    expect(unnamed).toHaveLength(3);
    expect(unnamed.every((u) => u.daysLate > 0)).toBe(true);
    const signed = await t.db
      .selectFrom('projects')
      .select(['id', 'firstContactOfficer', 'greenChannel'])
      .where('signingDate', 'is not', null)
      .where('stage', '<>', 'withdrawn')
      .execute();
    const named = signed.filter((p) => p.firstContactOfficer);
    expect(named.length).toBeGreaterThan(signed.length / 2);
    expect(signed.filter((p) => p.greenChannel).length).toBeGreaterThanOrEqual(2);

    const teams = await t.db.selectFrom('projectTeamMembers').select(['projectId']).distinct().execute();
    expect(teams.length).toBeGreaterThanOrEqual(5);
    const tm = (
      await call(t.app, center, 'GET', `/api/projects/${teams[0]!.projectId}/team`)
    ).json() as ProjectTeam;
    expect(new Set(tm.members.map((m) => m.role))).toEqual(new Set(['leader', 'deputy', 'member']));
    expect(tm.members.every((m) => m.unitName)).toBe(true);
    const warned = (
      await call(t.app, center, 'GET', `/api/projects/${unnamed[0]!.projectId}/team`)
    ).json() as ProjectTeam;
    expect(warned).toMatchObject({ firstContactOverdue: true, firstContactOfficer: null });
  });
});

import crypto from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkStageFacts,
  EVIDENCE_KINDS,
  type EvidenceKind,
  type ProjectFacts,
  STAGES,
  type Stage,
} from '../../../domain/projects/stages.js';
import { buildUnit, buildUser, sessionFor } from '../../test/fixtures.js';
import { buildTestApp, call, type Session, setupPlatform, type TestApp } from '../../test/test-app.js';

// The domain's stage machine has its own property tests (src/domain/projects/stages.test.ts). This one drives
// the real API and database with random sequences of moves, edits and uploads, and checks after every call that
// what PostgreSQL holds is a legal project whose stage history is exactly the accepted moves.

const TODAY = '2026-06-15';
let t: TestApp;
let reporter: Session;
let townId: string;

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date(`${TODAY}T02:00:00Z`));
  await setupPlatform(t.app);
  const district = await t.db
    .selectFrom('regions')
    .select('id')
    .where('kind', '=', 'district')
    .executeTakeFirstOrThrow();
  townId = (await buildUnit(t.db, { districtId: district.id, name: '性质镇' })).id;
  reporter = await sessionFor(t.db, (await buildUser(t.db, { unitId: townId })).id, t.clock.now());
});
afterAll(() => t.close());

const day = (offset: number) =>
  new Date(Date.parse(`${TODAY}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
const dateArb = fc.oneof(fc.constant(null), fc.integer({ min: -40, max: 1 }).map(day));

type Command =
  | { type: 'move'; to: Stage; offset: number; reason: string | undefined }
  | { type: 'edit'; patch: Record<string, unknown> }
  | { type: 'upload'; kind: EvidenceKind }
  | { type: 'moveWithFacts'; to: Stage; fields: Record<string, unknown> };

const factsArb = fc.record(
  {
    signingDate: dateArb,
    landedDate: dateArb,
    startDate: dateArb,
    productionDate: dateArb,
    agreementType: fc.constantFrom(null, 'formal', 'framework'),
    signedAmountYuan: fc.constantFrom(null, '0', '500000000'),
  },
  { requiredKeys: [] },
);
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    type: fc.constant('move' as const),
    to: fc.constantFrom(...STAGES),
    offset: fc.integer({ min: -30, max: 1 }),
    reason: fc.constantFrom(undefined, '企业资金调整'),
  }),
  fc.record({ type: fc.constant('edit' as const), patch: factsArb }),
  fc.record({ type: fc.constant('upload' as const), kind: fc.constantFrom(...EVIDENCE_KINDS) }),
  fc.record({
    type: fc.constant('moveWithFacts' as const),
    to: fc.constantFrom(...STAGES),
    fields: factsArb,
  }),
);

async function state(projectId: string) {
  const row = await t.db
    .selectFrom('projects')
    .selectAll()
    .where('id', '=', projectId)
    .executeTakeFirstOrThrow();
  const evidence = await t.db
    .selectFrom('attachments')
    .select('kind')
    .distinct()
    .where('ownerId', '=', projectId)
    .execute();
  const history = await t.db
    .selectFrom('projectStageHistory')
    .select(['fromStage', 'toStage'])
    .where('projectId', '=', projectId)
    .orderBy('id')
    .execute();
  const facts: ProjectFacts = {
    stage: row.stage as Stage,
    stageBeforeHold: row.stageBeforeHold as Stage | null,
    signingDate: row.signingDate,
    agreementType: row.agreementType as ProjectFacts['agreementType'],
    signedAmountYuan: row.signedAmountYuan === null ? null : BigInt(row.signedAmountYuan),
    landedDate: row.landedDate,
    startDate: row.startDate,
    productionDate: row.productionDate,
    evidence: evidence.map((e) => e.kind as EvidenceKind),
  };
  return { row, facts, history };
}

describe('stage machine through the API', () => {
  it('never stores an illegal project nor loses a stage change, whatever the sequence of calls', async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 1, maxLength: 14 }), async (commands) => {
        const created = await call(t.app, reporter, 'POST', '/api/projects', {
          unitId: townId,
          name: `性质项目${crypto.randomUUID().slice(0, 8)}`,
        });
        const id = created.json().id as string;
        const moves: Stage[] = ['negotiating'];
        for (const c of commands) {
          const before = await state(id);
          let res: Awaited<ReturnType<typeof call>> | null = null;
          if (c.type === 'upload') {
            const content = Buffer.from(`%PDF-1.4\n${crypto.randomUUID()}\n%%EOF\n`);
            await t.db
              .insertInto('attachments')
              .values({
                districtId: before.row.districtId,
                ownerType: 'project',
                ownerId: id,
                kind: c.kind,
                filename: `${c.kind}.pdf`,
                contentType: 'application/pdf',
                sizeBytes: content.length,
                sha256: crypto.createHash('sha256').update(content).digest('hex'),
                content,
                uploadedAt: t.clock.now(),
              })
              .execute();
          } else if (c.type === 'edit') {
            res = await call(t.app, reporter, 'PATCH', `/api/projects/${id}`, {
              version: before.row.version,
              ...c.patch,
            });
          } else {
            res = await call(t.app, reporter, 'POST', `/api/projects/${id}/moves`, {
              to: c.to,
              effectiveDate: c.type === 'move' ? day(c.offset) : TODAY,
              version: before.row.version,
              ...(c.type === 'move' && c.reason ? { reason: c.reason } : { reason: '计划调整' }),
              ...(c.type === 'moveWithFacts' ? { fields: c.fields } : {}),
            });
          }
          const after = await state(id);
          if (res) {
            expect([200, 400, 409, 422], res.body).toContain(res.statusCode);
            if (res.statusCode === 200) {
              accepted++;
              expect(after.row.version).toBe(before.row.version + 1);
              if (c.type === 'move' || c.type === 'moveWithFacts') moves.push(c.to);
            } else {
              refused++;
              // A refused call changes nothing at all.
              expect(after.row).toEqual(before.row);
            }
          }
          // What is stored is always a legal project…
          expect(checkStageFacts(after.facts, TODAY)).toEqual([]);
          expect(after.row.stageBeforeHold !== null).toBe(
            after.row.stage === 'paused' || after.row.stage === 'withdrawn',
          );
          // …and its history is exactly the accepted moves, in order.
          expect(after.history.map((h) => h.toStage)).toEqual(moves);
          expect(after.history.at(-1)?.toStage).toBe(after.row.stage);
          expect(after.history.slice(1).map((h) => h.fromStage)).toEqual(
            after.history.slice(0, -1).map((h) => h.toStage),
          );
        }
      }),
      { numRuns: 25 },
    );
    // The generator must reach both outcomes, or the property proves little.
    expect(accepted).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
  });
});

import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { DataScope } from '../../../domain/access/scope.js';
import { diffFields } from '../../../domain/audit/audit.schemas.js';
import { chinaToday } from '../../../domain/dates.js';
import { defaultDueOn } from '../../../domain/landing/clocks.js';
import type {
  DecideInput,
  OpenPreReviewInput,
  OpinionInput,
  OpinionView,
  PreReviewDetail,
  PreReviewListQuery,
  PreReviewSummary,
} from '../../../domain/pre-reviews/pre-reviews.schemas.js';
import type { DB, PreReviewOpinionsTable, PreReviewsTable } from '../../db/schema.js';
import { inScope, inScopeOrAssigned } from '../../db/scope-filter.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import {
  DEPARTMENT_HANDLERS,
  districtRecipients,
  notifyUsers,
  unitRecipients,
} from '../notifications/notify.js';
import {
  attachmentErrors,
  checkFile,
  fileOfOwner,
  filesOfOwners,
  insertAttachment,
} from '../projects/attachments.service.js';
import type { ProjectsService } from '../projects/projects.service.js';
import { preReviewsErrors } from './pre-reviews.errors.js';

type Q = Kysely<DB> | Transaction<DB>;
type ReviewRow = Selectable<PreReviewsTable> & { projectName: string; unitName: string; seesAll: boolean };
type OpinionRow = Selectable<PreReviewOpinionsTable> & {
  departmentName: string;
  answeredByName: string | null;
};
const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';
const DECIDE_FIELDS = ['status', 'combinedOpinion', 'decision', 'meetingKind', 'meetingOn'] as const;

/** Defaults of migration 0014 when the district has no settings row yet. */
async function preReviewSettingsOf(q: Q, districtId: string) {
  const row = await q
    .selectFrom('districtSettings')
    .select(['preReviewThresholdYuan', 'preReviewOpinionDays'])
    .where('districtId', '=', districtId)
    .executeTakeFirst();
  return {
    thresholdYuan: row?.preReviewThresholdYuan ?? '100000000',
    opinionDays: row?.preReviewOpinionDays ?? 10,
  };
}

/**
 * The units whose own opinion a caller sees when the review is not theirs: a department handler's department
 * (a unit reporter's unit too, should a town be asked). The center, leaders, supervisors and the project's unit
 * see every opinion (seesAll). Departments give independent opinions in parallel (并联), so one department does
 * not read another's before the center combines them.
 */
function ownUnits(scope: DataScope): string[] {
  if (scope.kind === 'assigned') return [scope.unitId];
  if (scope.kind === 'unit') return scope.unitIds;
  return [];
}

export function createPreReviewsService(deps: {
  db: Kysely<DB>;
  audit: AuditRepository;
  projects: ProjectsService;
  now: () => Date;
}) {
  const { db, audit, projects, now } = deps;
  const today = () => chinaToday(now());

  /** Reviews the caller reads: its district's or unit's, or one that asks the caller's department. */
  function reviews(q: Q, scope: DataScope) {
    return q
      .selectFrom('preReviews as r')
      .innerJoin('projects as p', 'p.id', 'r.projectId')
      .innerJoin('units as un', 'un.id', 'r.unitId')
      .selectAll('r')
      .select([
        'p.name as projectName',
        'un.name as unitName',
        sql<boolean>`${inScope(scope, { district: 'r.district_id', unit: 'r.unit_id' })}`.as('seesAll'),
      ])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('preReviewOpinions as o')
            .select(sql`1`.as('one'))
            .whereRef('o.reviewId', '=', 'r.id')
            .where(
              inScopeOrAssigned(scope, {
                district: 'o.district_id',
                unit: 'r.unit_id',
                department: 'o.department_unit_id',
              }),
            ),
        ),
      );
  }

  async function findReview(q: Q, scope: DataScope, id: string, lock = false): Promise<ReviewRow> {
    let query = reviews(q, scope).where('r.id', '=', id);
    if (lock) query = query.forUpdate('r');
    const row = await query.executeTakeFirst();
    if (!row) throw preReviewsErrors.notFound();
    return row;
  }

  async function opinionsOf(q: Q, reviewIds: string[]): Promise<OpinionRow[]> {
    if (reviewIds.length === 0) return [];
    return q
      .selectFrom('preReviewOpinions as o')
      .innerJoin('units as d', 'd.id', 'o.departmentUnitId')
      .leftJoin('users as a', 'a.id', 'o.answeredBy')
      .selectAll('o')
      .select(['d.name as departmentName', 'a.displayName as answeredByName'])
      .where('o.reviewId', 'in', reviewIds)
      .orderBy('d.sortOrder')
      .orderBy('d.name')
      .execute();
  }

  const visible = (scope: DataScope, r: { seesAll: boolean }, o: { departmentUnitId: string }) =>
    r.seesAll || ownUnits(scope).includes(o.departmentUnitId);

  function lateOf(o: OpinionRow, d: string) {
    const answeredOn = o.answeredAt ? chinaToday(o.answeredAt) : null;
    const overdue = !answeredOn && o.dueOn < d;
    return { overdue, late: overdue || (answeredOn !== null && answeredOn > o.dueOn) };
  }

  function summary(r: ReviewRow, ops: OpinionRow[], d: string): PreReviewSummary {
    return {
      id: r.id,
      projectId: r.projectId,
      projectName: r.projectName,
      unitId: r.unitId,
      unitName: r.unitName,
      topics: r.topics,
      dueOn: r.dueOn,
      reason: r.reason,
      status: r.status as PreReviewSummary['status'],
      decision: r.decision as PreReviewSummary['decision'],
      meetingKind: r.meetingKind as PreReviewSummary['meetingKind'],
      meetingOn: r.meetingOn,
      opinionsAsked: ops.length,
      opinionsAnswered: ops.filter((o) => o.answeredAt).length,
      overdueOpinions: r.status === 'open' ? ops.filter((o) => lateOf(o, d).overdue).length : 0,
      createdAt: r.createdAt.toISOString(),
      version: r.version,
    };
  }

  async function filesOf(q: Q, opinionIds: string[]) {
    const out = new Map<string, OpinionView['files']>();
    if (opinionIds.length === 0) return out;
    for (const { ownerId, kind: _, ...f } of await filesOfOwners(q, 'pre_review_opinion', opinionIds)) {
      out.set(ownerId, [...(out.get(ownerId) ?? []), f]);
    }
    return out;
  }

  async function detailOf(q: Q, scope: DataScope, r: ReviewRow): Promise<PreReviewDetail> {
    const d = today();
    const ops = (await opinionsOf(q, [r.id])).filter((o) => visible(scope, r, o));
    const files = await filesOf(
      q,
      ops.map((o) => o.id),
    );
    const names = await q
      .selectFrom('users')
      .select(['id', 'displayName'])
      .where('id', 'in', [r.decidedBy ?? r.id, r.createdBy ?? r.id])
      .execute();
    const nameOf = (id: string | null) => names.find((n) => n.id === id)?.displayName ?? null;
    return {
      ...summary(r, ops, d),
      combinedOpinion: r.combinedOpinion,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      decidedByName: nameOf(r.decidedBy),
      createdByName: nameOf(r.createdBy),
      allOpinionsVisible: r.seesAll,
      opinions: ops.map((o) => ({
        id: o.id,
        reviewId: o.reviewId,
        departmentUnitId: o.departmentUnitId,
        departmentName: o.departmentName,
        topics: o.topics,
        dueOn: o.dueOn,
        verdict: o.verdict as OpinionView['verdict'],
        opinion: o.opinion,
        answeredAt: o.answeredAt?.toISOString() ?? null,
        answeredByName: o.answeredByName,
        ...lateOf(o, d),
        files: files.get(o.id) ?? [],
      })),
    };
  }

  async function list(scope: DataScope, f: PreReviewListQuery) {
    const d = today();
    let q = reviews(db, scope);
    if (f.status) q = q.where('r.status', '=', f.status);
    if (f.projectId) q = q.where('r.projectId', '=', f.projectId);
    if (f.overdue === 'true') {
      const mine = ownUnits(scope);
      q = q.where('r.status', '=', 'open').where((eb) =>
        eb.exists(
          eb
            .selectFrom('preReviewOpinions as o')
            .select(sql`1`.as('one'))
            .whereRef('o.reviewId', '=', 'r.id')
            .where('o.answeredAt', 'is', null)
            .where('o.dueOn', '<', d)
            .where(
              sql<boolean>`(${inScope(scope, { district: 'r.district_id', unit: 'r.unit_id' })} or o.department_unit_id = any(${mine}::uuid[]))`,
            ),
        ),
      );
    }
    const [rows, count] = await Promise.all([
      q
        .orderBy(sql`case r.status when 'open' then 0 else 1 end`)
        .orderBy('r.createdAt', 'desc')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    const ops = await opinionsOf(
      db,
      rows.map((r) => r.id),
    );
    return {
      items: rows.map((r) =>
        summary(
          r,
          ops.filter((o) => o.reviewId === r.id && visible(scope, r, o)),
          d,
        ),
      ),
      total: count.n,
    };
  }

  async function get(scope: DataScope, id: string) {
    return detailOf(db, scope, await findReview(db, scope, id));
  }

  /** Major projects (planned total or signed amount ≥ the district's threshold) with no decided review. */
  async function candidates(scope: DataScope, districtId: string) {
    const settings = await preReviewSettingsOf(db, districtId);
    const amount = sql<string>`greatest(coalesce(p.planned_total_yuan, 0), coalesce(p.signed_amount_yuan, 0))`;
    const rows = await db
      .selectFrom('projects as p')
      .innerJoin('units as un', 'un.id', 'p.unitId')
      .leftJoin('preReviews as open', (j) =>
        j.onRef('open.projectId', '=', 'p.id').on('open.status', '=', 'open'),
      )
      .select([
        'p.id as projectId',
        'p.name as projectName',
        'un.name as unitName',
        'p.stage',
        'p.greenChannel',
        sql<string | null>`nullif(${amount}, 0)::text`.as('amountYuan'),
        'open.id as openReviewId',
      ])
      .where(inScope(scope, { district: 'p.district_id', unit: 'p.unit_id' }))
      .where('p.stage', 'not in', ['withdrawn', 'producing'])
      .where(sql<boolean>`${amount} >= ${settings.thresholdYuan}::bigint`)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('preReviews as dr')
              .select(sql`1`.as('one'))
              .whereRef('dr.projectId', '=', 'p.id')
              .where('dr.status', '=', 'decided'),
          ),
        ),
      )
      .orderBy(sql`${amount} desc`)
      .orderBy('p.name')
      .limit(500)
      .execute();
    return { thresholdYuan: settings.thresholdYuan, opinionDays: settings.opinionDays, items: rows };
  }

  async function open(u: SessionUser, scope: DataScope, actor: AuditActor, input: OpenPreReviewInput) {
    const inReview = new Set(input.topics);
    if (input.departments.some((d) => d.topics.some((t) => !inReview.has(t)))) {
      throw preReviewsErrors.topicNotInReview();
    }
    const d = today();
    if (input.dueOn && input.dueOn < d) throw preReviewsErrors.dueInPast();
    try {
      return await db.transaction().execute(async (trx) => {
        const project = await projects.find(trx, scope, input.projectId, true);
        if (project.stage === 'withdrawn') throw preReviewsErrors.projectWithdrawn();
        const already = await trx
          .selectFrom('preReviews')
          .select('id')
          .where('projectId', '=', project.id)
          .where('status', '=', 'open')
          .executeTakeFirst();
        if (already) throw preReviewsErrors.alreadyOpen();
        const deptIds = input.departments.map((x) => x.departmentUnitId);
        const depts = await trx
          .selectFrom('units')
          .select(['id', 'name'])
          .where('id', 'in', deptIds)
          .where('districtId', '=', project.districtId)
          .where('kind', '=', 'department')
          .where('active', '=', true)
          .execute();
        if (depts.length !== deptIds.length) throw preReviewsErrors.departmentInvalid();
        const settings = await preReviewSettingsOf(trx, project.districtId);
        const dueOn = input.dueOn ?? defaultDueOn(d, settings.opinionDays, project.greenChannel);
        const at = now();
        const review = await trx
          .insertInto('preReviews')
          .values({
            districtId: project.districtId,
            unitId: project.unitId,
            projectId: project.id,
            topics: input.topics,
            dueOn,
            reason: input.reason,
            createdBy: u.id,
            createdAt: at,
            updatedAt: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('preReviewOpinions')
          .values(
            input.departments.map((x) => ({
              districtId: project.districtId,
              reviewId: review.id,
              departmentUnitId: x.departmentUnitId,
              topics: x.topics,
              dueOn,
            })),
          )
          .execute();
        for (const dept of input.departments) {
          await notifyUsers(
            trx,
            project.districtId,
            await unitRecipients(trx, dept.departmentUnitId, DEPARTMENT_HANDLERS),
            {
              kind: 'pre_review.opened',
              subjectType: 'pre_review',
              subjectId: review.id,
              title: `请对“${project.name}”出具预审意见`,
              body: `${dueOn} 前反馈`,
              link: `/landing/pre-reviews/${review.id}`,
              dueOn,
              dedupeKey: `pre_review.opened:${review.id}:${dept.departmentUnitId}`,
            },
            at,
          );
        }
        await audit.append(trx, actor, {
          action: 'pre_reviews.open',
          objectType: 'pre_review',
          objectId: review.id,
          result: 'success',
          changes: diffFields(null, {
            projectId: project.id,
            topics: input.topics,
            departments: input.departments,
            dueOn,
            reason: input.reason,
          }),
        });
        return detailOf(trx, scope, await findReview(trx, scope, review.id));
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw preReviewsErrors.alreadyOpen();
      throw err;
    }
  }

  /** A department's own opinion on an open review: the handler of the asked department only. */
  async function findOwnOpinion(trx: Transaction<DB>, scope: DataScope, reviewId: string, opinionId: string) {
    const mine = ownUnits(scope);
    if (mine.length === 0 || (scope.kind !== 'assigned' && scope.kind !== 'unit')) {
      throw preReviewsErrors.opinionNotFound();
    }
    const row = await trx
      .selectFrom('preReviewOpinions as o')
      .innerJoin('preReviews as r', 'r.id', 'o.reviewId')
      .selectAll('o')
      .select(['r.status as reviewStatus', 'r.projectId'])
      .where('o.id', '=', opinionId)
      .where('o.reviewId', '=', reviewId)
      .where('o.districtId', '=', scope.districtId)
      .where('o.departmentUnitId', 'in', mine)
      .forUpdate('o')
      .executeTakeFirst();
    if (!row) throw preReviewsErrors.opinionNotFound();
    if (row.reviewStatus !== 'open') throw preReviewsErrors.notOpen();
    return row;
  }

  async function answer(
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    reviewId: string,
    opinionId: string,
    input: OpinionInput,
  ) {
    if (input.verdict !== 'agree' && !input.opinion) throw preReviewsErrors.opinionTextRequired();
    return db.transaction().execute(async (trx) => {
      // The review row first, then the opinion: the same lock order as decide, so "all in" is seen once.
      await trx.selectFrom('preReviews').select('id').where('id', '=', reviewId).forUpdate().execute();
      const before = await findOwnOpinion(trx, scope, reviewId, opinionId);
      const at = now();
      await trx
        .updateTable('preReviewOpinions')
        .set({ verdict: input.verdict, opinion: input.opinion, answeredAt: at, answeredBy: u.id })
        .where('id', '=', opinionId)
        .execute();
      await trx.updateTable('preReviews').set({ updatedAt: at }).where('id', '=', reviewId).execute();
      await audit.append(trx, actor, {
        action: 'pre_reviews.opinion',
        objectType: 'pre_review_opinion',
        objectId: opinionId,
        result: 'success',
        changes: diffFields(
          { verdict: before.verdict, opinion: before.opinion },
          { verdict: input.verdict, opinion: input.opinion },
        ),
      });
      const pending = await trx
        .selectFrom('preReviewOpinions')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('reviewId', '=', reviewId)
        .where('answeredAt', 'is', null)
        .executeTakeFirstOrThrow();
      if (before.answeredAt === null && pending.n === 0) {
        const project = await trx
          .selectFrom('projects')
          .select('name')
          .where('id', '=', before.projectId)
          .executeTakeFirstOrThrow();
        await notifyUsers(
          trx,
          before.districtId,
          await districtRecipients(trx, before.districtId, ['center_admin']),
          {
            kind: 'pre_review.opinions_complete',
            subjectType: 'pre_review',
            subjectId: reviewId,
            title: `“${project.name}”预审意见已全部反馈，请决策`,
            link: `/landing/pre-reviews/${reviewId}`,
            dedupeKey: `pre_review.opinions_complete:${reviewId}`,
          },
          at,
        );
      }
      return detailOf(trx, scope, await findReview(trx, scope, reviewId));
    });
  }

  async function decide(u: SessionUser, scope: DataScope, actor: AuditActor, id: string, input: DecideInput) {
    return db.transaction().execute(async (trx) => {
      const before = await findReview(trx, scope, id, true);
      if (before.status !== 'open') throw preReviewsErrors.notOpen();
      if (before.version !== input.version) throw preReviewsErrors.stale(before.version);
      const pending = await trx
        .selectFrom('preReviewOpinions')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('reviewId', '=', id)
        .where('answeredAt', 'is', null)
        .executeTakeFirstOrThrow();
      if (pending.n > 0 && !input.confirmIncomplete) throw preReviewsErrors.opinionsMissing(pending.n);
      const at = now();
      await trx
        .updateTable('preReviews')
        .set({
          status: 'decided',
          combinedOpinion: input.combinedOpinion,
          decision: input.decision,
          meetingKind: input.meetingKind,
          meetingOn: input.meetingOn,
          decidedAt: at,
          decidedBy: u.id,
          version: sql`version + 1`,
          updatedAt: at,
        })
        .where('id', '=', id)
        .execute();
      const after = await findReview(trx, scope, id);
      await audit.append(trx, actor, {
        action: 'pre_reviews.decide',
        objectType: 'pre_review',
        objectId: id,
        result: 'success',
        changes: {
          ...diffFields(
            Object.fromEntries(DECIDE_FIELDS.map((k) => [k, before[k]])),
            Object.fromEntries(DECIDE_FIELDS.map((k) => [k, after[k]])),
          ),
          ...(pending.n > 0 ? { decidedWithoutOpinions: { before: null, after: pending.n } } : {}),
        },
      });
      return detailOf(trx, scope, after);
    });
  }

  async function cancel(scope: DataScope, actor: AuditActor, id: string, version: number) {
    return db.transaction().execute(async (trx) => {
      const before = await findReview(trx, scope, id, true);
      if (before.status !== 'open') throw preReviewsErrors.notOpen();
      if (before.version !== version) throw preReviewsErrors.stale(before.version);
      await trx
        .updateTable('preReviews')
        .set({ status: 'cancelled', version: sql`version + 1`, updatedAt: now() })
        .where('id', '=', id)
        .execute();
      await audit.append(trx, actor, {
        action: 'pre_reviews.cancel',
        objectType: 'pre_review',
        objectId: id,
        result: 'success',
        changes: { status: { before: 'open', after: 'cancelled' } },
      });
      return detailOf(trx, scope, await findReview(trx, scope, id));
    });
  }

  async function uploadFile(
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    reviewId: string,
    opinionId: string,
    file: { filename: string; content: Buffer },
  ) {
    const checked = await checkFile(file);
    return db.transaction().execute(async (trx) => {
      const o = await findOwnOpinion(trx, scope, reviewId, opinionId);
      const row = await insertAttachment(
        trx,
        { type: 'pre_review_opinion', id: opinionId, districtId: o.districtId },
        'opinion',
        checked,
        { userId: u.id, at: now() },
      );
      await audit.append(trx, actor, {
        action: 'pre_reviews.file_upload',
        objectType: 'pre_review_opinion',
        objectId: opinionId,
        result: 'success',
        changes: {
          attachment: { before: null, after: { id: row.id, filename: row.filename, sha256: row.sha256 } },
        },
      });
      const { kind: _kind, ...view } = row;
      return { ...view, uploadedAt: row.uploadedAt.toISOString() };
    });
  }

  async function deleteFile(
    scope: DataScope,
    actor: AuditActor,
    reviewId: string,
    opinionId: string,
    attachmentId: string,
  ) {
    return db.transaction().execute(async (trx) => {
      await findOwnOpinion(trx, scope, reviewId, opinionId);
      const gone = await trx
        .deleteFrom('attachments')
        .where('id', '=', attachmentId)
        .where('ownerType', '=', 'pre_review_opinion')
        .where('ownerId', '=', opinionId)
        .returning(['id', 'filename', 'sha256'])
        .executeTakeFirst();
      if (!gone) throw attachmentErrors.notFound();
      await audit.append(trx, actor, {
        action: 'pre_reviews.file_delete',
        objectType: 'pre_review_opinion',
        objectId: opinionId,
        result: 'success',
        changes: { attachment: { before: gone, after: null } },
      });
    });
  }

  /** A file of an opinion, to whoever may see that opinion. */
  async function download(scope: DataScope, reviewId: string, opinionId: string, attachmentId: string) {
    const r = await findReview(db, scope, reviewId);
    const o = await db
      .selectFrom('preReviewOpinions')
      .select('departmentUnitId')
      .where('id', '=', opinionId)
      .where('reviewId', '=', reviewId)
      .executeTakeFirst();
    if (!o || !visible(scope, r, o)) throw attachmentErrors.notFound();
    const file = await fileOfOwner(db, 'pre_review_opinion', opinionId, attachmentId);
    if (!file) throw attachmentErrors.notFound();
    return file;
  }

  return { list, get, candidates, open, answer, decide, cancel, uploadFile, deleteFile, download };
}
export type PreReviewsService = ReturnType<typeof createPreReviewsService>;

import crypto from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DataScope } from '../../../domain/access/scope.js';
import { chinaToday } from '../../../domain/dates.js';
import { defaultDueOn } from '../../../domain/landing/clocks.js';
import type { ProblemEventKind } from '../../../domain/landing/landing-codes.js';
import {
  type CreatePortalLinkInput,
  PORTAL_FILE_MAX_BYTES,
  PORTAL_MAX_FILES,
  type PortalLinkCreated,
  type PortalLinkView,
  type PortalProblem,
  type PortalProblemInput,
  type PortalReopenInput,
  type PortalView,
} from '../../../domain/portal/portal.schemas.js';
import { PORTAL_RATE_RULES } from '../../../domain/portal/rate-window.js';
import type { DB } from '../../db/schema.js';
import { inScope } from '../../db/scope-filter.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { notifyUsers } from '../notifications/notify.js';
import { appendProblemEvent, problemStepRecipients, raiseProblem } from '../problems/problem-raise.js';
import { problemDeadlineDays } from '../problems/problems.service.js';
import { checkFile, insertAttachment } from '../projects/attachments.service.js';
import { portalErrors } from './portal.errors.js';
import { hitRateLimit, purgeRateWindows } from './portal-rate.js';

type Q = Kysely<DB> | Transaction<DB>;

/** What a public request brings: the token from the link, and where it comes from. */
export interface PortalCaller {
  token: string;
  ip: string;
  requestId: string;
}

// 32 random bytes in base64url, no padding: exactly 43 characters of this alphabet.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
/** The kind portal uploads carry among a problem's attachments (staff files of the same problem stay inside). */
const INVESTOR_FILE_KIND = 'investor';
/**
 * Timeline steps the investor sees. Comments are the departments' and units' working notes, escalations are the
 * government's own management of its delay: both stay inside, like the countermeasure and the leader in charge.
 */
const INVESTOR_STEPS: readonly ProblemEventKind[] = [
  'raised',
  'assigned',
  'accepted',
  'replied',
  'closed',
  'reopened',
];
const stepRank = (kind: string) => INVESTOR_STEPS.indexOf(kind as ProblemEventKind);
/** The page lists the most recent problems of a link; a link is for one investor, so this is never reached. */
const MAX_LISTED = 100;

function sha256(s: string): string {
  return crypto.createHash('sha256').update(s).digest('hex');
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The audit actor of a portal write: no account, named by the first characters of the link's hash. */
function portalActor(
  t: { tokenSha256: string; unitId: string; districtId: string },
  caller: PortalCaller,
): AuditActor {
  return {
    userId: null,
    username: portalUsername(t.tokenSha256),
    roles: [],
    unitId: t.unitId,
    districtId: t.districtId,
    ip: caller.ip,
    requestId: caller.requestId,
  };
}

export function portalUsername(tokenSha256: string): string {
  return `portal:${tokenSha256.slice(0, 8)}`;
}

export function createPortalService(deps: { db: Kysely<DB>; audit: AuditRepository; now: () => Date }) {
  const { db, audit, now } = deps;

  // ——— the links, for the project's unit and the center ———

  async function projectInScope(q: Q, scope: DataScope, projectId: string) {
    const p = await q
      .selectFrom('projects as p')
      .select(['p.id', 'p.districtId', 'p.unitId', 'p.name'])
      .where('p.id', '=', projectId)
      .where(inScope(scope, { district: 'p.district_id', unit: 'p.unit_id' }))
      .executeTakeFirst();
    if (!p) throw portalErrors.projectNotFound();
    return p;
  }

  function linkRows(q: Q) {
    return q
      .selectFrom('portalTokens as t')
      .leftJoin('users as u', 'u.id', 't.createdBy')
      .select((eb) => [
        't.id',
        't.label',
        't.createdAt',
        't.lastUsedAt',
        't.revokedAt',
        'u.displayName as createdByName',
        eb
          .selectFrom('problems as pr')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('pr.portalTokenId', '=', 't.id')
          .as('problemCount'),
      ]);
  }

  function linkView(r: {
    id: string;
    label: string;
    createdAt: Date;
    lastUsedAt: Date | null;
    revokedAt: Date | null;
    createdByName: string | null;
    problemCount: number | null;
  }): PortalLinkView {
    return {
      id: r.id,
      label: r.label,
      createdAt: r.createdAt.toISOString(),
      createdByName: r.createdByName,
      lastUsedAt: iso(r.lastUsedAt),
      revokedAt: iso(r.revokedAt),
      problemCount: r.problemCount ?? 0,
    };
  }

  async function listLinks(scope: DataScope, projectId: string): Promise<PortalLinkView[]> {
    await projectInScope(db, scope, projectId);
    const rows = await linkRows(db)
      .where('t.projectId', '=', projectId)
      .orderBy('t.createdAt', 'desc')
      .execute();
    return rows.map(linkView);
  }

  /** The token leaves the server once, in this answer; only its SHA-256 is stored. */
  async function createLink(
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    projectId: string,
    input: CreatePortalLinkInput,
  ): Promise<PortalLinkCreated> {
    const token = crypto.randomBytes(32).toString('base64url');
    const at = now();
    return db.transaction().execute(async (trx) => {
      const project = await projectInScope(trx, scope, projectId);
      const row = await trx
        .insertInto('portalTokens')
        .values({
          districtId: project.districtId,
          unitId: project.unitId,
          projectId,
          tokenSha256: sha256(token),
          label: input.label,
          createdBy: u.id,
          createdAt: at,
          revokedAt: null,
          revokedBy: null,
          lastUsedAt: null,
        })
        .returning(['id', 'tokenSha256'])
        .executeTakeFirstOrThrow();
      await audit.append(trx, actor, {
        action: 'portal.link_create',
        objectType: 'portal_link',
        objectId: row.id,
        result: 'success',
        // The portal's writes are audited as portal:<first 8 of this hash>: the prefix ties them to this link.
        changes: {
          link: {
            before: null,
            after: { projectId, label: input.label, hashPrefix: row.tokenSha256.slice(0, 8) },
          },
        },
      });
      const created = await linkRows(trx).where('t.id', '=', row.id).executeTakeFirstOrThrow();
      return { ...linkView(created), path: `/portal/${token}` };
    });
  }

  async function revokeLink(
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    projectId: string,
    linkId: string,
  ): Promise<PortalLinkView> {
    return db.transaction().execute(async (trx) => {
      await projectInScope(trx, scope, projectId);
      const before = await trx
        .selectFrom('portalTokens')
        .select(['id', 'revokedAt', 'label'])
        .where('id', '=', linkId)
        .where('projectId', '=', projectId)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw portalErrors.linkNotFound();
      if (before.revokedAt) throw portalErrors.alreadyRevoked();
      const at = now();
      await trx
        .updateTable('portalTokens')
        .set({ revokedAt: at, revokedBy: u.id })
        .where('id', '=', linkId)
        .execute();
      await audit.append(trx, actor, {
        action: 'portal.link_revoke',
        objectType: 'portal_link',
        objectId: linkId,
        result: 'success',
        changes: { revokedAt: { before: null, after: at.toISOString() } },
      });
      return linkView(await linkRows(trx).where('t.id', '=', linkId).executeTakeFirstOrThrow());
    });
  }

  // ——— the public portal ———

  /**
   * Every public request first counts against its link-and-address window (malformed and unknown tokens too,
   * so the answer never tells a live link from a dead one), then finds its link by hash.
   */
  async function admit(caller: PortalCaller, at: Date): Promise<string> {
    const hash = sha256(caller.token);
    await hitRateLimit(db, `req:${hash}:${caller.ip}`, PORTAL_RATE_RULES.request, at);
    return hash;
  }

  async function openLink(q: Q, caller: PortalCaller, hash: string, at: Date) {
    if (!TOKEN_SHAPE.test(caller.token)) throw portalErrors.notFound();
    const link = await q
      .updateTable('portalTokens')
      .set({ lastUsedAt: at })
      .where('tokenSha256', '=', hash)
      .where('revokedAt', 'is', null)
      .returning(['id', 'districtId', 'unitId', 'projectId', 'tokenSha256'])
      .executeTakeFirst();
    if (!link) throw portalErrors.notFound();
    return link;
  }

  async function problemsOf(q: Q, linkId: string, onlyId?: string): Promise<PortalProblem[]> {
    let query = q
      .selectFrom('problems as pr')
      .leftJoin('units as d', 'd.id', 'pr.departmentUnitId')
      .select([
        'pr.id',
        'pr.category',
        'pr.title',
        'pr.description',
        'pr.raiserName',
        'pr.status',
        'pr.createdAt',
        'pr.reply',
        'pr.repliedAt',
        'pr.closedAt',
        'd.name as departmentName',
      ])
      .where('pr.portalTokenId', '=', linkId)
      .orderBy('pr.createdAt', 'desc')
      .limit(MAX_LISTED);
    if (onlyId) query = query.where('pr.id', '=', onlyId);
    const rows = await query.execute();
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [events, files] = await Promise.all([
      q
        .selectFrom('problemEvents')
        .select(['problemId', 'kind', 'at', 'note', 'viaPortal'])
        .where('problemId', 'in', ids)
        .where('kind', 'in', [...INVESTOR_STEPS])
        .orderBy('at')
        .execute(),
      q
        .selectFrom('attachments')
        .select(['id', 'ownerId', 'filename', 'sizeBytes', 'uploadedAt'])
        .where('ownerType', '=', 'problem')
        .where('ownerId', 'in', ids)
        .where('kind', '=', INVESTOR_FILE_KIND)
        .orderBy('uploadedAt')
        .execute(),
    ]);
    return rows.map((r) => ({
      id: r.id,
      category: r.category,
      title: r.title,
      description: r.description,
      contactName: r.raiserName,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      departmentName: r.departmentName,
      // The reply is the department's answer to the investor; shown once given (it stays after a reopen).
      reply: r.reply,
      repliedAt: iso(r.repliedAt),
      closedAt: iso(r.closedAt),
      canRespond: r.status === 'replied',
      files: files
        .filter((f) => f.ownerId === r.id)
        .map((f) => ({
          id: f.id,
          filename: f.filename,
          sizeBytes: f.sizeBytes,
          uploadedAt: f.uploadedAt.toISOString(),
        })),
      steps: events
        .filter((e) => e.problemId === r.id)
        // Steps recorded in the same instant (a test clock, a batch) read in the loop's own order.
        .sort((a, b) => a.at.getTime() - b.at.getTime() || stepRank(a.kind) - stepRank(b.kind))
        .map((e) => ({
          kind: e.kind as ProblemEventKind,
          at: e.at.toISOString(),
          // The investor's own words, and the department's replies (addressed to the investor); other staff
          // notes on a step (a countermeasure, an acceptance note) may be internal.
          note: e.viaPortal || e.kind === 'replied' ? e.note : null,
        })),
    }));
  }

  async function view(caller: PortalCaller): Promise<PortalView> {
    const at = now();
    const hash = await admit(caller, at);
    const link = await openLink(db, caller, hash, at);
    const project = await db
      .selectFrom('projects as p')
      .innerJoin('units as u', 'u.id', 'p.unitId')
      .innerJoin('regions as r', 'r.id', 'p.districtId')
      .select([
        'p.name',
        'u.name as unitName',
        'r.name as districtName',
        'p.firstContactOfficer',
        'p.firstContactPhone',
      ])
      .where('p.id', '=', link.projectId)
      .executeTakeFirstOrThrow();
    return {
      projectName: project.name,
      unitName: project.unitName,
      districtName: project.districtName,
      contactOfficer: project.firstContactOfficer,
      contactPhone: project.firstContactPhone,
      problems: await problemsOf(db, link.id),
      maxFiles: PORTAL_MAX_FILES,
      maxFileBytes: PORTAL_FILE_MAX_BYTES,
    };
  }

  async function report(caller: PortalCaller, input: PortalProblemInput): Promise<PortalProblem> {
    const at = now();
    const hash = await admit(caller, at);
    const { linkId, problemId } = await db.transaction().execute(async (trx) => {
      const link = await openLink(trx, caller, hash, at);
      // Counted in this transaction: a report that fails for another reason does not use up the hour.
      await hitRateLimit(trx, `report:${link.id}`, PORTAL_RATE_RULES.report, at);
      const actor = portalActor(link, caller);
      const problem = await raiseProblem(
        trx,
        {
          districtId: link.districtId,
          unitId: link.unitId,
          projectId: link.projectId,
          raisedVia: 'investor',
          raisedBy: null,
          raiserName: input.contactName,
          portalTokenId: link.id,
          title: input.title,
          description: input.description,
          category: input.category,
        },
        { userId: null, username: actor.username, viaPortal: true, at },
      );
      // raiseProblem tells the center and the project's unit (an investor's report), in this transaction.
      await audit.append(trx, actor, {
        action: 'portal.problem_report',
        objectType: 'problem',
        objectId: problem.id,
        result: 'success',
        changes: {
          problem: {
            before: null,
            after: {
              projectId: link.projectId,
              category: input.category,
              title: input.title,
              contactName: input.contactName,
              descriptionLength: input.description.length,
            },
          },
        },
      });
      return { linkId: link.id, problemId: problem.id };
    });
    await purgeRateWindows(db, at);
    const [created] = await problemsOf(db, linkId, problemId);
    return created!;
  }

  async function greenChannelOf(q: Q, projectId: string | null) {
    if (!projectId) return null;
    const p = await q
      .selectFrom('projects')
      .select('greenChannel')
      .where('id', '=', projectId)
      .executeTakeFirst();
    return p?.greenChannel ?? null;
  }

  /** The link's own problem, locked for the change; any other id answers as if it did not exist. */
  async function ownProblem(trx: Transaction<DB>, linkId: string, problemId: string) {
    const p = await trx
      .selectFrom('problems')
      .selectAll()
      .where('id', '=', problemId)
      .where('portalTokenId', '=', linkId)
      .forUpdate()
      .executeTakeFirst();
    if (!p) throw portalErrors.problemNotFound();
    return p;
  }

  /**
   * Attaches one file to the link's own open problem: at most PORTAL_MAX_FILES per problem, each at most
   * PORTAL_FILE_MAX_BYTES, its type read from its bytes. `read` consumes the upload only once the request has
   * been admitted, so a refused caller never streams a file into memory.
   */
  async function attach(
    caller: PortalCaller,
    problemId: string,
    read: () => Promise<{ filename: string; content: Buffer }>,
  ) {
    const at = now();
    const hash = await admit(caller, at);
    // The link and problem are checked before the upload is read, and again under lock when storing it.
    await db.transaction().execute(async (trx) => {
      const link = await openLink(trx, caller, hash, at);
      await ownProblem(trx, link.id, problemId);
    });
    const file = await read();
    if (file.content.length > PORTAL_FILE_MAX_BYTES) throw portalErrors.fileTooLarge();
    const checked = await checkFile(file);
    const saved = await db.transaction().execute(async (trx) => {
      const link = await openLink(trx, caller, hash, at);
      const problem = await ownProblem(trx, link.id, problemId);
      if (problem.status === 'closed') throw portalErrors.closed();
      const { n } = await trx
        .selectFrom('attachments')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('ownerType', '=', 'problem')
        .where('ownerId', '=', problem.id)
        .where('kind', '=', INVESTOR_FILE_KIND)
        .executeTakeFirstOrThrow();
      if (n >= PORTAL_MAX_FILES) throw portalErrors.tooManyFiles();
      const row = await insertAttachment(
        trx,
        { type: 'problem', id: problem.id, districtId: problem.districtId },
        INVESTOR_FILE_KIND,
        checked,
        { userId: null, at },
      );
      await trx.updateTable('problems').set({ updatedAt: at }).where('id', '=', problem.id).execute();
      await audit.append(trx, portalActor(link, caller), {
        action: 'portal.file_upload',
        objectType: 'problem',
        objectId: problem.id,
        result: 'success',
        changes: {
          attachment: {
            before: null,
            after: { id: row.id, filename: row.filename, sha256: row.sha256, sizeBytes: row.sizeBytes },
          },
        },
      });
      return row;
    });
    await purgeRateWindows(db, at);
    return {
      id: saved.id,
      filename: saved.filename,
      sizeBytes: saved.sizeBytes,
      uploadedAt: saved.uploadedAt.toISOString(),
    };
  }

  /**
   * The investor's answer to a reply: 确认解决 closes the problem, 继续反映 sends it back to the department.
   * Only for the link's own problems in state `replied`.
   */
  async function respond(
    caller: PortalCaller,
    problemId: string,
    answer: { kind: 'confirm' } | ({ kind: 'reopen' } & PortalReopenInput),
  ): Promise<PortalProblem> {
    const at = now();
    const hash = await admit(caller, at);
    const linkId = await db.transaction().execute(async (trx) => {
      const link = await openLink(trx, caller, hash, at);
      const problem = await ownProblem(trx, link.id, problemId);
      if (problem.status !== 'replied') throw portalErrors.notReplied();
      const actor = portalActor(link, caller);
      const by = { userId: null, username: actor.username, viaPortal: true, at };
      const closing = answer.kind === 'confirm';
      const note = answer.kind === 'reopen' ? answer.reason : null;
      // The same row change as the internal loop's close / reopen (problems.service.ts): a reopened problem
      // goes back to its department for a fresh round with a fresh default deadline.
      const patch = closing
        ? { status: 'closed' as const, closedAt: at }
        : {
            status: 'assigned' as const,
            deadline: defaultDueOn(
              chinaToday(at),
              await problemDeadlineDays(trx, problem.districtId),
              (await greenChannelOf(trx, problem.projectId)) ?? false,
            ),
            assignedAt: at,
            acceptedAt: null,
            repliedAt: null,
            closedAt: null,
            reply: null,
            reopenCount: problem.reopenCount + 1,
            escalationLevel: 0,
            escalatedAt: null,
          };
      const updated = await trx
        .updateTable('problems')
        .set({ ...patch, updatedAt: at, version: problem.version + 1 })
        .where('id', '=', problem.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const kind = closing ? 'closed' : 'reopened';
      await appendProblemEvent(trx, problem, kind, note, by);
      await notifyUsers(
        trx,
        problem.districtId,
        await problemStepRecipients(trx, updated, kind),
        {
          kind: `problem.${kind}`,
          subjectType: 'problem',
          subjectId: problem.id,
          title: closing ? `企业确认问题已解决：${problem.title}` : `企业继续反映问题：${problem.title}`,
          body: note,
          link: `/landing/problems/${problem.id}`,
          dueOn: updated.deadline,
          dedupeKey: `problem.${kind}:${problem.id}:${at.getTime()}`,
        },
        at,
      );
      await audit.append(trx, actor, {
        action: closing ? 'portal.problem_confirm' : 'portal.problem_reopen',
        objectType: 'problem',
        objectId: problem.id,
        result: 'success',
        changes: {
          status: { before: problem.status, after: updated.status },
          ...(closing ? {} : { deadline: { before: problem.deadline, after: updated.deadline } }),
          ...(note ? { reason: { before: null, after: note } } : {}),
        },
      });
      return link.id;
    });
    await purgeRateWindows(db, at);
    const [after] = await problemsOf(db, linkId, problemId);
    return after!;
  }

  return { listLinks, createLink, revokeLink, view, report, attach, respond };
}
export type PortalService = ReturnType<typeof createPortalService>;

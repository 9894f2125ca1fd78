import crypto from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Kysely, Transaction } from 'kysely';
import type { DataScope } from '../../../domain/access/scope.js';
import { EVIDENCE_KINDS, type EvidenceKind } from '../../../domain/projects/stages.js';
import type { AttachmentsTable, DB } from '../../db/schema.js';
import { inScope, inScopeOrShared } from '../../db/scope-filter.js';
import { AppError, httpErrors } from '../../http/errors.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import type { ProjectsService } from './projects.service.js';

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

// The type is read from the bytes, never from the name or the browser's claim.
const ALLOWED = new Map<string, string>([
  ['application/pdf', 'pdf'],
  ['image/jpeg', 'jpg'],
  ['image/png', 'png'],
  ['image/webp', 'webp'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
]);

export const attachmentErrors = {
  badType: () =>
    new AppError(
      415,
      'attachments.type_not_allowed',
      'Upload a PDF, JPEG, PNG, WebP, .docx or .xlsx file.',
      '请上传 PDF、JPEG、PNG、WebP、Word（.docx）或 Excel（.xlsx）文件。',
    ),
  tooLarge: () =>
    new AppError(413, 'attachments.too_large', 'A file may be at most 10 MB.', '单个文件不能超过 10 MB。'),
  badKind: () =>
    new AppError(
      400,
      'attachments.kind_invalid',
      `Kind must be one of: ${[...EVIDENCE_KINDS, 'other'].join(', ')}.`,
      '请选择附件类别。',
      {
        kind: { message: 'Choose what the file proves.', messageZh: '请选择附件类别。' },
      },
    ),
  empty: () => new AppError(400, 'attachments.empty', 'The file is empty.', '文件为空。'),
  notFound: () => httpErrors.notFound('Attachment', '附件', 'attachments.not_found'),
};

/** Path separators and control characters become _, so a name cannot climb folders or break a header. */
function safeFilename(name: string): string {
  return [...name]
    .map((c) => (c === '/' || c === '\\' || c.charCodeAt(0) < 32 ? '_' : c))
    .join('')
    .slice(0, 200);
}

export interface CheckedFile {
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  content: Buffer;
}

/** The content checks every attachment passes, whatever it belongs to (project evidence, vouchers, agreements). */
export async function checkFile(file: { filename: string; content: Buffer }): Promise<CheckedFile> {
  if (file.content.length === 0) throw attachmentErrors.empty();
  if (file.content.length > ATTACHMENT_MAX_BYTES) throw attachmentErrors.tooLarge();
  const detected = await fileTypeFromBuffer(file.content);
  if (!detected || !ALLOWED.has(detected.mime)) throw attachmentErrors.badType();
  return {
    filename: safeFilename(file.filename) || `file.${ALLOWED.get(detected.mime)}`,
    contentType: detected.mime,
    sizeBytes: file.content.length,
    sha256: crypto.createHash('sha256').update(file.content).digest('hex'),
    content: file.content,
  };
}

/**
 * Stores a checked file for its owner; the caller has already proved the owner is in the writer's scope.
 * `userId` is null for the investor portal, whose writers have no account.
 */
export function insertAttachment(
  trx: Transaction<DB>,
  owner: { type: AttachmentsTable['ownerType']; id: string; districtId: string },
  kind: string,
  f: CheckedFile,
  by: { userId: string | null; at: Date },
) {
  return trx
    .insertInto('attachments')
    .values({
      districtId: owner.districtId,
      ownerType: owner.type,
      ownerId: owner.id,
      kind,
      ...f,
      uploadedBy: by.userId,
      uploadedAt: by.at,
    })
    .returning(['id', 'kind', 'filename', 'contentType', 'sizeBytes', 'sha256', 'uploadedAt'])
    .executeTakeFirstOrThrow();
}

/**
 * The files of some owners of one type, without their bytes, oldest first (as the landing-service records list
 * them); the caller has already proved it may read each owner.
 */
export async function filesOfOwners(
  q: Kysely<DB> | Transaction<DB>,
  type: AttachmentsTable['ownerType'],
  ownerIds: readonly string[],
) {
  if (ownerIds.length === 0) return [];
  const rows = await q
    .selectFrom('attachments')
    .select(['id', 'ownerId', 'kind', 'filename', 'contentType', 'sizeBytes', 'sha256', 'uploadedAt'])
    .where('ownerType', '=', type)
    .where('ownerId', 'in', [...ownerIds])
    .orderBy('uploadedAt')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, uploadedAt: r.uploadedAt.toISOString() }));
}

/** One file of an owner with its bytes, for download; undefined when the file is not that owner's. */
export function fileOfOwner(
  q: Kysely<DB> | Transaction<DB>,
  type: AttachmentsTable['ownerType'],
  ownerId: string,
  fileId: string,
) {
  return q
    .selectFrom('attachments')
    .select(['filename', 'contentType', 'content', 'sha256'])
    .where('id', '=', fileId)
    .where('ownerType', '=', type)
    .where('ownerId', '=', ownerId)
    .executeTakeFirst();
}

export function createAttachmentsService(deps: {
  db: Kysely<DB>;
  audit: AuditRepository;
  projects: ProjectsService;
  now: () => Date;
}) {
  const { db, audit, projects, now } = deps;

  async function upload(
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    projectId: string,
    file: { filename: string; kind: string; content: Buffer },
  ) {
    if (![...EVIDENCE_KINDS, 'other'].includes(file.kind)) throw attachmentErrors.badKind();
    const checked = await checkFile(file);
    const { filename } = checked;
    return db.transaction().execute(async (trx) => {
      const project = await projects.find(trx, scope, projectId, true);
      const row = await insertAttachment(
        trx,
        { type: 'project', id: projectId, districtId: project.districtId },
        file.kind,
        checked,
        { userId: u.id, at: now() },
      );
      await trx.updateTable('projects').set({ updatedAt: now() }).where('id', '=', projectId).execute();
      await audit.append(trx, actor, {
        action: 'attachments.upload',
        objectType: 'project',
        objectId: projectId,
        result: 'success',
        changes: {
          attachment: { before: null, after: { id: row.id, kind: row.kind, filename, sha256: row.sha256 } },
        },
      });
      return { ...row, kind: row.kind as EvidenceKind | 'other', uploadedAt: row.uploadedAt.toISOString() };
    });
  }

  /**
   * Removes a file of a project. Evidence the project's stage stands on (the agreement of a signed project) can
   * only go once another file of the same kind is there: refused, in the words of a refused move, otherwise.
   */
  async function remove(scope: DataScope, actor: AuditActor, projectId: string, attachmentId: string) {
    return db.transaction().execute(async (trx) => {
      const project = await projects.find(trx, scope, projectId, true);
      const row = await trx
        .deleteFrom('attachments')
        .where('id', '=', attachmentId)
        .where('ownerType', '=', 'project')
        .where('ownerId', '=', project.id)
        .returning(['id', 'kind', 'filename', 'sha256'])
        .executeTakeFirst();
      if (!row) throw attachmentErrors.notFound();
      await projects.assertStageFactsHold(trx, scope, projectId);
      await trx.updateTable('projects').set({ updatedAt: now() }).where('id', '=', projectId).execute();
      await audit.append(trx, actor, {
        action: 'attachments.delete',
        objectType: 'project',
        objectId: projectId,
        result: 'success',
        changes: { attachment: { before: row, after: null } },
      });
    });
  }

  /** Served only to those who may see what it belongs to (a project, a capital report, an agreement). */
  async function download(scope: DataScope, id: string) {
    const row = await db
      .selectFrom('attachments as a')
      .leftJoin('projects as p', (j) => j.onRef('p.id', '=', 'a.ownerId').on('a.ownerType', '=', 'project'))
      .leftJoin('capitalReports as cr', (j) =>
        j.onRef('cr.id', '=', 'a.ownerId').on('a.ownerType', '=', 'capital_report'),
      )
      .leftJoin('agreements as ag', (j) =>
        j.onRef('ag.id', '=', 'a.ownerId').on('a.ownerType', '=', 'agreement'),
      )
      .leftJoin('leads as l', (j) => j.onRef('l.id', '=', 'a.ownerId').on('a.ownerType', '=', 'lead'))
      .select(['a.filename', 'a.contentType', 'a.content', 'a.sha256'])
      .where('a.id', '=', id)
      .where((eb) =>
        eb.or([
          inScope(scope, { district: 'p.district_id', unit: 'p.unit_id' }),
          inScope(scope, { district: 'cr.district_id', unit: 'cr.unit_id' }),
          inScope(scope, { district: 'ag.district_id', unit: 'ag.unit_id' }),
          // A shared lead's documents are readable by every unit of the district, like the lead itself.
          inScopeOrShared(scope, { district: 'l.district_id', unit: 'l.unit_id', shared: 'l.shared' }),
        ]),
      )
      .executeTakeFirst();
    if (!row) throw attachmentErrors.notFound();
    return row;
  }

  return { upload, download, remove };
}
export type AttachmentsService = ReturnType<typeof createAttachmentsService>;

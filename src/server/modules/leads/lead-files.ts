import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DataScope } from '../../../domain/access/scope.js';
import type { DB } from '../../db/schema.js';
import { readSingleFile } from '../../http/multipart.js';
import { actorOf, authOf, scopeOf } from '../../http/request-context.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { attachmentErrors, checkFile, insertAttachment } from '../projects/attachments.service.js';
import type { LeadsService } from './leads.service.js';

// A lead's documents (the investor's letter of intent, a company profile, meeting minutes), kept in PostgreSQL
// like every other file. Whoever may read the lead may read them — a shared lead's files included; only the
// lead's own unit adds or removes them. Downloads go through /api/attachments/:id, which applies the same rule.

const LEAD_FILE_KIND = 'lead_document';

export const leadFileSchema = z.object({
  id: z.string().uuid(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});

export function createLeadFiles(deps: {
  db: Kysely<DB>;
  audit: AuditRepository;
  leads: LeadsService;
  now: () => Date;
}) {
  const { db, audit, leads, now } = deps;

  async function list(scope: DataScope, leadId: string) {
    await leads.findReadable(db, scope, leadId);
    const rows = await db
      .selectFrom('attachments')
      .select(['id', 'filename', 'contentType', 'sizeBytes', 'sha256', 'uploadedAt'])
      .where('ownerType', '=', 'lead')
      .where('ownerId', '=', leadId)
      .orderBy('uploadedAt')
      .execute();
    return rows.map((r) => ({ ...r, uploadedAt: r.uploadedAt.toISOString() }));
  }

  async function upload(
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    leadId: string,
    file: { filename: string; content: Buffer },
  ) {
    const checked = await checkFile(file);
    return db.transaction().execute(async (trx) => {
      const lead = await leads.findOwn(trx, scope, leadId);
      const row = await insertAttachment(
        trx,
        { type: 'lead', id: leadId, districtId: lead.districtId },
        LEAD_FILE_KIND,
        checked,
        { userId: u.id, at: now() },
      );
      await audit.append(trx, actor, {
        action: 'leads.file_upload',
        objectType: 'lead',
        objectId: leadId,
        result: 'success',
        changes: {
          attachment: { before: null, after: { id: row.id, filename: row.filename, sha256: row.sha256 } },
        },
      });
      const { kind: _kind, ...view } = row;
      return { ...view, uploadedAt: row.uploadedAt.toISOString() };
    });
  }

  async function remove(scope: DataScope, actor: AuditActor, leadId: string, attachmentId: string) {
    await db.transaction().execute(async (trx) => {
      await leads.findOwn(trx, scope, leadId);
      const gone = await trx
        .deleteFrom('attachments')
        .where('id', '=', attachmentId)
        .where('ownerType', '=', 'lead')
        .where('ownerId', '=', leadId)
        .returning(['id', 'filename', 'sha256'])
        .executeTakeFirst();
      if (!gone) throw attachmentErrors.notFound();
      await audit.append(trx, actor, {
        action: 'leads.file_delete',
        objectType: 'lead',
        objectId: leadId,
        result: 'success',
        changes: { attachment: { before: gone, after: null } },
      });
    });
  }

  return { list, upload, remove };
}
export type LeadFiles = ReturnType<typeof createLeadFiles>;

export function registerLeadFilesRoutes(app: FastifyInstance, files: LeadFiles): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const leadParams = z.object({ leadId: z.string().uuid() });

  r.get(
    '/api/leads/:leadId/files',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['leads'],
        summary: 'A lead’s documents (download each at /api/attachments/:id)',
        params: leadParams,
        response: { 200: z.array(leadFileSchema) },
      },
    },
    async (req) => files.list(scopeOf(req), req.params.leadId),
  );

  r.post(
    '/api/leads/:leadId/files',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'leads.file_upload' },
      schema: {
        tags: ['leads'],
        summary: 'Attach a document to a lead of one’s own unit (multipart `file`)',
        params: leadParams,
        response: { 201: leadFileSchema },
      },
    },
    async (req, reply) => {
      const file = await readSingleFile(req);
      const saved = await files.upload(authOf(req).user, scopeOf(req), actorOf(req), req.params.leadId, file);
      return reply.code(201).send(saved);
    },
  );

  r.delete(
    '/api/leads/:leadId/files/:attachmentId',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'leads.file_delete' },
      schema: {
        tags: ['leads'],
        summary: 'Remove a document of a lead of one’s own unit',
        params: z.object({ leadId: z.string().uuid(), attachmentId: z.string().uuid() }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await files.remove(scopeOf(req), actorOf(req), req.params.leadId, req.params.attachmentId);
      return reply.code(204).send(null);
    },
  );
}

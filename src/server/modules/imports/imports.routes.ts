import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IMPORT_KIND_LABELS } from '../../../domain/imports/import-columns.js';
import { importBatchSchema, importKindParam } from '../../../domain/imports/imports.schemas.js';
import { actorOf, authOf, scopeOf } from '../../http/request-context.js';
import { IMPORT_MAX_BYTES, importsErrors } from './imports.errors.js';
import type { ImportsService } from './imports.service.js';

const batchParams = z.object({ batchId: z.string().uuid() });

export function registerImportsRoutes(app: FastifyInstance, imports: ImportsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/imports/:kind/template.xlsx',
    {
      config: { access: { permission: 'pipeline.write' } },
      schema: {
        tags: ['imports'],
        summary:
          'The .xlsx template: Chinese headers, dropdowns of the caller’s units and code lists, a 说明 sheet',
        params: z.object({ kind: importKindParam }),
      },
    },
    async (req, reply) => {
      const body = await imports.template(authOf(req).user, scopeOf(req), req.params.kind);
      const name = `${IMPORT_KIND_LABELS[req.params.kind].zh}导入模板.xlsx`;
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(body);
    },
  );

  r.post(
    '/api/imports/:kind',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'imports.upload' },
      schema: {
        tags: ['imports'],
        summary:
          'Upload an .xlsx (multipart `file`, up to 50 MB): answered at once, checked in the background',
        params: z.object({ kind: importKindParam }),
        response: { 202: z.object({ batchId: z.string().uuid() }) },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw importsErrors.multipartRequired();
      // This route alone takes files up to 50 MB; the app's default for uploads stays at 10 MB.
      const part = await req.file({ limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } });
      if (!part) throw importsErrors.noFile();
      const content = await part.toBuffer().catch((err: { code?: string }) => {
        throw err.code === 'FST_REQ_FILE_TOO_LARGE' ? importsErrors.tooLarge() : err;
      });
      if (content.length === 0) throw importsErrors.noFile();
      const res = await imports.upload(authOf(req).user, scopeOf(req), actorOf(req), req.params.kind, {
        filename: part.filename,
        content,
      });
      return reply.code(202).send(res);
    },
  );

  r.get(
    '/api/imports/:batchId',
    {
      config: { access: { permission: 'pipeline.write' } },
      schema: {
        tags: ['imports'],
        summary: 'An import of the caller’s: progress, problems by row and column, duplicates, summary',
        params: batchParams,
        response: { 200: importBatchSchema },
      },
    },
    async (req) => imports.get(authOf(req).user, req.params.batchId),
  );

  r.post(
    '/api/imports/:batchId/commit',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'imports.commit' },
      schema: {
        tags: ['imports'],
        summary: 'Write every checked row in one transaction; refused while problems remain, or twice',
        params: batchParams,
        response: { 200: importBatchSchema },
      },
    },
    async (req) => imports.commit(authOf(req).user, scopeOf(req), actorOf(req), req.params.batchId),
  );
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasPermission } from '../../../domain/access/permissions.js';
import {
  addTargetEventInput,
  createTargetEnterpriseInput,
  TARGET_SORTS,
  targetEnterpriseDetailSchema,
  targetEnterpriseListQuery,
  targetEnterpriseSchema,
  targetEventSchema,
  targetImportQuery,
  targetImportResultSchema,
  updateTargetEnterpriseInput,
} from '../../../domain/network/targets.schemas.js';
import { readSingleFile } from '../../http/multipart.js';
import { actorOf, authOf, scopeOf } from '../../http/request-context.js';
import type { TargetImport } from './target-enterprises.import.js';
import type { TargetCaller, TargetEnterprisesService } from './target-enterprises.service.js';
import { targetsExportWorkbook, XLSX_MIME } from './target-enterprises.xlsx.js';

const params = z.object({ targetId: z.string().uuid() });
const TAG = ['target-enterprises'];

function callerOf(req: FastifyRequest): TargetCaller {
  const user = authOf(req).user;
  return {
    user,
    scope: scopeOf(req),
    canWrite: hasPermission(user.roles, 'pipeline.write'),
    isCenter: hasPermission(user.roles, 'pipeline.coordinate'),
  };
}

const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export function registerTargetEnterprisesRoutes(
  app: FastifyInstance,
  targets: TargetEnterprisesService,
  imports: TargetImport,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/target-enterprises',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: TAG,
        summary: 'The target enterprise library within the caller’s scope, filtered, sorted and paged',
        querystring: targetEnterpriseListQuery.extend({
          sort: z.enum(TARGET_SORTS).default('-updatedAt'),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(targetEnterpriseSchema), total: z.number().int() }) },
      },
    },
    async (req) => targets.list(callerOf(req), req.query),
  );

  r.get(
    '/api/target-enterprises/export.xlsx',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: TAG,
        summary: 'The filtered list as .xlsx (its first columns are the import template’s)',
        querystring: targetEnterpriseListQuery,
      },
    },
    async (req, reply) => {
      const body = await targetsExportWorkbook(await targets.exportRows(callerOf(req), req.query));
      return reply.type(XLSX_MIME).header('content-disposition', attachment('目标企业库.xlsx')).send(body);
    },
  );

  r.get(
    '/api/target-enterprises/import/template.xlsx',
    {
      config: { access: { permission: 'pipeline.write' } },
      schema: {
        tags: TAG,
        summary: 'The import template: headers, dropdowns, a 说明 sheet (no ranking’s contents)',
      },
    },
    async (req, reply) => {
      const body = await imports.template(callerOf(req));
      return reply
        .type(XLSX_MIME)
        .header('content-disposition', attachment('目标企业导入模板.xlsx'))
        .send(body);
    },
  );

  r.post(
    '/api/target-enterprises/import/check',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'target_enterprises.import_check' },
      schema: {
        tags: TAG,
        summary:
          'Check an .xlsx (multipart `file`): every bad cell by row and column, what each row would do; saves nothing',
        querystring: targetImportQuery,
        response: { 200: targetImportResultSchema },
      },
    },
    async (req) => {
      const file = await readSingleFile(req);
      return imports.check(callerOf(req), actorOf(req), file.content, req.query.existing);
    },
  );

  r.post(
    '/api/target-enterprises/import',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'target_enterprises.import' },
      schema: {
        tags: TAG,
        summary:
          'Import an .xlsx (multipart `file`) in one transaction; nothing is saved while any cell is wrong',
        querystring: targetImportQuery,
        response: { 200: targetImportResultSchema },
      },
    },
    async (req) => {
      const file = await readSingleFile(req);
      return imports.commit(callerOf(req), actorOf(req), file.content, req.query.existing);
    },
  );

  r.get(
    '/api/target-enterprises/:targetId',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: TAG,
        summary: 'A target with its plan, history, enterprise, and the enterprise’s leads and projects',
        params,
        response: { 200: targetEnterpriseDetailSchema },
      },
    },
    async (req) => targets.detail(callerOf(req), req.params.targetId),
  );

  r.post(
    '/api/target-enterprises',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'target_enterprises.create' },
      schema: {
        tags: TAG,
        summary:
          'Add an enterprise to the library (by id, or found-or-created by name / credit code); 409 if already in',
        body: createTargetEnterpriseInput,
        response: { 201: targetEnterpriseSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await targets.create(callerOf(req), actorOf(req), req.body)),
  );

  r.patch(
    '/api/target-enterprises/:targetId',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'target_enterprises.update' },
      schema: {
        tags: TAG,
        summary: 'Edit the plan, tags, status, priority, link; the unit in charge only by the center',
        params,
        body: updateTargetEnterpriseInput,
        response: { 200: targetEnterpriseSchema },
      },
    },
    async (req) => targets.update(callerOf(req), actorOf(req), req.params.targetId, req.body),
  );

  r.post(
    '/api/target-enterprises/:targetId/history',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'target_enterprises.add_event' },
      schema: {
        tags: TAG,
        summary: 'Record a contact, visit or note (dated, not in the future)',
        params,
        body: addTargetEventInput,
        response: { 201: z.array(targetEventSchema) },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await targets.addHistory(callerOf(req), actorOf(req), req.params.targetId, req.body)),
  );

  r.delete(
    '/api/target-enterprises/:targetId',
    {
      config: { access: { permission: 'pipeline.coordinate' }, action: 'target_enterprises.delete' },
      schema: {
        tags: TAG,
        summary: 'The center removes a target (a unit giving up sets the status 已放弃 instead)',
        params,
      },
    },
    async (req, reply) => {
      await targets.remove(callerOf(req), actorOf(req), req.params.targetId);
      return reply.code(204).send();
    },
  );
}

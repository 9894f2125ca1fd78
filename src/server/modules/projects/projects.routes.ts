import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  projectExportQuery,
  projectListFilter,
  projectListQuery,
  stageCountsSchema,
} from '../../../domain/projects/project-list.js';
import {
  attachmentSchema,
  createProjectInput,
  moveProjectInput,
  projectSchema,
  stageHistorySchema,
  updateProjectInput,
} from '../../../domain/projects/projects.schemas.js';
import { readSingleFile } from '../../http/multipart.js';
import { actorOf, authOf, scopeOf } from '../../http/request-context.js';
import type { AttachmentsService } from './attachments.service.js';
import { projectsWorkbook } from './projects.export.js';
import type { ProjectsService } from './projects.service.js';

const projectIdParams = z.object({ projectId: z.string().uuid() });

export function registerProjectsRoutes(
  app: FastifyInstance,
  projects: ProjectsService,
  attachments: AttachmentsService,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/projects',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['projects'],
        summary: 'Projects in the caller’s scope',
        querystring: projectListQuery,
        response: { 200: z.object({ items: z.array(projectSchema), total: z.number().int() }) },
      },
    },
    async (req) => projects.list(scopeOf(req), req.query),
  );

  r.get(
    '/api/projects/stage-counts',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['projects'],
        summary: 'How many projects of each stage the list’s filters find (the kanban’s columns)',
        querystring: projectListFilter,
        response: { 200: stageCountsSchema },
      },
    },
    async (req) => projects.stageCounts(scopeOf(req), req.query),
  );

  r.get(
    '/api/projects/export.xlsx',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['projects'],
        summary: 'The project list as .xlsx, with the same filters and scope as the list',
        querystring: projectExportQuery,
      },
    },
    async (req, reply) => {
      const rows = await projects.exportRows(scopeOf(req), req.query);
      const body = await projectsWorkbook(rows, req.query.columns);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('项目库.xlsx')}`)
        .send(body);
    },
  );

  r.get(
    '/api/projects/:projectId',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['projects'],
        summary: 'A project with its stage history and attachments',
        params: projectIdParams,
        response: {
          200: z.object({
            project: projectSchema,
            history: z.array(stageHistorySchema),
            attachments: z.array(attachmentSchema),
          }),
        },
      },
    },
    async (req) => projects.detail(scopeOf(req), req.params.projectId),
  );

  r.post(
    '/api/projects',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'projects.create' },
      schema: {
        tags: ['projects'],
        summary: 'Enter a project (starts 在谈)',
        body: createProjectInput,
        response: { 201: projectSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await projects.create(authOf(req).user, scopeOf(req), actorOf(req), req.body)),
  );

  r.patch(
    '/api/projects/:projectId',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'projects.update' },
      schema: {
        tags: ['projects'],
        summary: 'Edit a project (with the version you loaded)',
        params: projectIdParams,
        body: updateProjectInput,
        response: { 200: projectSchema },
      },
    },
    async (req) => projects.update(scopeOf(req), actorOf(req), req.params.projectId, req.body),
  );

  r.post(
    '/api/projects/:projectId/moves',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'projects.move' },
      schema: {
        tags: ['projects'],
        summary: 'Move a project to another stage; refused (422) with exactly what is missing',
        params: projectIdParams,
        body: moveProjectInput,
        response: { 200: projectSchema },
      },
    },
    async (req) =>
      projects.move(authOf(req).user, scopeOf(req), actorOf(req), req.params.projectId, req.body),
  );

  r.post(
    '/api/projects/:projectId/attachments',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'attachments.upload' },
      schema: {
        tags: ['projects'],
        summary: 'Attach evidence (multipart: field `kind`, then `file`)',
        params: projectIdParams,
        response: { 201: attachmentSchema },
      },
    },
    async (req, reply) => {
      const file = await readSingleFile(req);
      const saved = await attachments.upload(
        authOf(req).user,
        scopeOf(req),
        actorOf(req),
        req.params.projectId,
        { filename: file.filename, kind: file.fields.kind ?? '', content: file.content },
      );
      return reply.code(201).send(saved);
    },
  );

  r.delete(
    '/api/projects/:projectId/attachments/:attachmentId',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'attachments.delete' },
      schema: {
        tags: ['projects'],
        summary: 'Remove a file of a project (refused when the project’s stage needs it)',
        params: z.object({ projectId: z.string().uuid(), attachmentId: z.string().uuid() }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await attachments.remove(scopeOf(req), actorOf(req), req.params.projectId, req.params.attachmentId);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/attachments/:attachmentId',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['projects'],
        summary: 'Download an attachment',
        params: z.object({ attachmentId: z.string().uuid() }),
      },
    },
    async (req, reply) => {
      const file = await attachments.download(scopeOf(req), req.params.attachmentId);
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header('x-content-sha256', file.sha256)
        .send(file.content);
    },
  );
}

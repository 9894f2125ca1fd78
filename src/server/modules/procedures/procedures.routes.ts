import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  applyTemplateInput,
  applyTemplateResultSchema,
  createProcedureInput,
  procedureListQuery,
  procedureListSchema,
  procedureSchema,
  projectProceduresSchema,
  updateProcedureInput,
} from '../../../domain/procedures/procedures.schemas.js';
import { actorOf, authOf, scopeOf } from '../../http/request-context.js';
import type { ProceduresService } from './procedures.service.js';

const projectParams = z.object({ projectId: z.string().uuid() });
const procedureParams = z.object({ procedureId: z.string().uuid() });

export function registerProceduresRoutes(app: FastifyInstance, service: ProceduresService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/projects/:projectId/procedures',
    {
      config: { access: { permission: 'landing.read' } },
      schema: {
        tags: ['procedures'],
        summary: 'A project’s checklist of procedures (手续) with its maturity (成熟度) and overdue flags',
        params: projectParams,
        response: { 200: projectProceduresSchema },
      },
    },
    async (req) => service.listForProject(scopeOf(req), req.params.projectId),
  );

  r.post(
    '/api/projects/:projectId/procedures/apply-template',
    {
      config: { access: { permission: 'landing.write' }, action: 'procedures.apply_template' },
      schema: {
        tags: ['procedures'],
        summary: 'Add the template’s procedures the project lacks (default: the template its type suggests)',
        params: projectParams,
        body: applyTemplateInput,
        response: { 200: applyTemplateResultSchema },
      },
    },
    async (req) =>
      service.applyTemplate(authOf(req).user, scopeOf(req), actorOf(req), req.params.projectId, req.body),
  );

  r.post(
    '/api/projects/:projectId/procedures',
    {
      config: { access: { permission: 'landing.write' }, action: 'procedures.create' },
      schema: {
        tags: ['procedures'],
        summary: 'Add one procedure (a kind, or `custom` with a name)',
        params: projectParams,
        body: createProcedureInput,
        response: { 201: procedureSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await service.create(authOf(req).user, scopeOf(req), actorOf(req), req.params.projectId, req.body),
        ),
  );

  r.patch(
    '/api/procedures/:procedureId',
    {
      // Read access opens the route; the service decides who writes what: the project's unit and the center
      // everything, the assigned department its progress (status, done date, note), anyone else 403.
      config: { access: { permission: 'landing.read' }, action: 'procedures.update' },
      schema: {
        tags: ['procedures'],
        summary: 'Edit a procedure (with the version you loaded)',
        params: procedureParams,
        body: updateProcedureInput,
        response: { 200: procedureSchema },
      },
    },
    async (req) =>
      service.update(authOf(req).user, scopeOf(req), actorOf(req), req.params.procedureId, req.body),
  );

  r.delete(
    '/api/procedures/:procedureId',
    {
      config: { access: { permission: 'landing.write' }, action: 'procedures.delete' },
      schema: {
        tags: ['procedures'],
        summary: 'Remove a procedure not yet started',
        params: procedureParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await service.remove(scopeOf(req), actorOf(req), req.params.procedureId);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/procedures',
    {
      config: { access: { permission: 'landing.read' } },
      schema: {
        tags: ['procedures'],
        summary: 'Procedures across projects (a department: those assigned to it), overdue first',
        querystring: procedureListQuery,
        response: { 200: procedureListSchema },
      },
    },
    async (req) => service.list(scopeOf(req), req.query),
  );
}

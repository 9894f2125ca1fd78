import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  agreementFileSchema,
  agreementSchema,
  createAgreementInput,
  createMilestoneInput,
  milestoneSchema,
  milestoneStatusInput,
  overdueMilestoneSchema,
  projectAgreementsSchema,
  updateAgreementInput,
  updateMilestoneInput,
} from '../../../domain/agreements/agreements.schemas.js';
import { readSingleFile } from '../../http/multipart.js';
import { actorOf, authOf, scopeOf } from '../../http/request-context.js';
import type { AgreementsService } from './agreements.service.js';

const agreementParams = z.object({ agreementId: z.string().uuid() });
const milestoneParams = z.object({ milestoneId: z.string().uuid() });

export function registerAgreementsRoutes(app: FastifyInstance, service: AgreementsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/projects/:projectId/agreements',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['agreements'],
        summary: 'A project’s agreements, milestones and 履约 status',
        params: z.object({ projectId: z.string().uuid() }),
        response: { 200: projectAgreementsSchema },
      },
    },
    async (req) => service.listForProject(scopeOf(req), req.params.projectId),
  );

  r.post(
    '/api/projects/:projectId/agreements',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'agreements.create' },
      schema: {
        tags: ['agreements'],
        summary: 'Record an agreement of a project',
        params: z.object({ projectId: z.string().uuid() }),
        body: createAgreementInput,
        response: { 201: agreementSchema },
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
    '/api/agreements/:agreementId',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'agreements.update' },
      schema: {
        tags: ['agreements'],
        summary: 'Edit an agreement (with the version you loaded)',
        params: agreementParams,
        body: updateAgreementInput,
        response: { 200: agreementSchema },
      },
    },
    async (req) => service.update(scopeOf(req), actorOf(req), req.params.agreementId, req.body),
  );

  r.post(
    '/api/agreements/:agreementId/milestones',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'agreements.milestone_create' },
      schema: {
        tags: ['agreements'],
        summary: 'Add a milestone the investor promised',
        params: agreementParams,
        body: createMilestoneInput,
        response: { 201: milestoneSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await service.createMilestone(
            authOf(req).user,
            scopeOf(req),
            actorOf(req),
            req.params.agreementId,
            req.body,
          ),
        ),
  );

  r.patch(
    '/api/milestones/:milestoneId',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'agreements.milestone_update' },
      schema: {
        tags: ['agreements'],
        summary: 'Edit a milestone (with the version you loaded)',
        params: milestoneParams,
        body: updateMilestoneInput,
        response: { 200: milestoneSchema },
      },
    },
    async (req) => service.updateMilestone(scopeOf(req), actorOf(req), req.params.milestoneId, req.body),
  );

  r.post(
    '/api/milestones/:milestoneId/status',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'agreements.milestone_status' },
      schema: {
        tags: ['agreements'],
        summary: 'Mark a milestone met (with the day and actuals), missed, waived, or pending again',
        params: milestoneParams,
        body: milestoneStatusInput,
        response: { 200: milestoneSchema },
      },
    },
    async (req) => service.setMilestoneStatus(scopeOf(req), actorOf(req), req.params.milestoneId, req.body),
  );

  r.get(
    '/api/milestones/overdue',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['agreements'],
        summary: 'Pending milestones past their due date, in the caller’s scope',
        querystring: z.object({ unitId: z.string().uuid().optional() }),
        response: { 200: z.array(overdueMilestoneSchema) },
      },
    },
    async (req) => service.overdue(scopeOf(req), req.query.unitId),
  );

  r.post(
    '/api/agreements/:agreementId/files',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'agreements.file_upload' },
      schema: {
        tags: ['agreements'],
        summary: 'Attach the agreement’s file (multipart `file`); download at /api/attachments/:id',
        params: agreementParams,
        response: { 201: agreementFileSchema },
      },
    },
    async (req, reply) => {
      const file = await readSingleFile(req);
      return reply
        .code(201)
        .send(
          await service.uploadFile(
            authOf(req).user,
            scopeOf(req),
            actorOf(req),
            req.params.agreementId,
            file,
          ),
        );
    },
  );

  r.delete(
    '/api/agreements/:agreementId/files/:attachmentId',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'agreements.file_delete' },
      schema: {
        tags: ['agreements'],
        summary: 'Remove a file of an agreement',
        params: z.object({ agreementId: z.string().uuid(), attachmentId: z.string().uuid() }),
      },
    },
    async (req, reply) => {
      await service.deleteFile(scopeOf(req), actorOf(req), req.params.agreementId, req.params.attachmentId);
      return reply.code(204).send();
    },
  );
}

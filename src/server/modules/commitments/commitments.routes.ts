import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  cancelCommitmentInput,
  commitmentDetailSchema,
  commitmentFileSchema,
  commitmentListQuery,
  commitmentListSchema,
  commitmentRatesSchema,
  createCommitmentInput,
  fulfilCommitmentInput,
  ratesQuery,
  reopenCommitmentInput,
  updateCommitmentInput,
} from '../../../domain/commitments/commitments.schemas.js';
import { readSingleFile } from '../../http/multipart.js';
import { actorOf, authOf, scopeOf } from '../../http/request-context.js';
import type { CommitmentCaller, CommitmentsService } from './commitments.service.js';

const params = z.object({ commitmentId: z.string().uuid() });
const caller = (req: FastifyRequest): CommitmentCaller => ({
  user: authOf(req).user,
  scope: scopeOf(req),
  actor: actorOf(req),
});

export function registerCommitmentsRoutes(app: FastifyInstance, service: CommitmentsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/commitments',
    {
      config: { access: { permission: 'landing.read' } },
      schema: {
        tags: ['commitments'],
        summary: 'Commitments (承诺事项) in scope, overdue first; a department sees those assigned to it',
        querystring: commitmentListQuery,
        response: { 200: commitmentListSchema },
      },
    },
    async (req) => service.list(caller(req), req.query),
  );

  r.get(
    '/api/commitments/rates',
    {
      config: { access: { permission: 'landing.read' } },
      schema: {
        tags: ['commitments'],
        summary: '兑现率 and 按时兑现率 overall and per owner department at a cut-off (default today)',
        querystring: ratesQuery,
        response: { 200: commitmentRatesSchema },
      },
    },
    async (req) => service.rates(scopeOf(req), req.query),
  );

  r.get(
    '/api/commitments/:commitmentId',
    {
      config: { access: { permission: 'landing.read' } },
      schema: {
        tags: ['commitments'],
        summary: 'A commitment with its evidence files and what the caller may do with it',
        params,
        response: { 200: commitmentDetailSchema },
      },
    },
    async (req) => service.detail(caller(req), req.params.commitmentId),
  );

  r.post(
    '/api/commitments',
    {
      config: { access: { permission: 'landing.write' }, action: 'commitments.create' },
      schema: {
        tags: ['commitments'],
        summary: 'Record what was promised to the investor, with the owner department and due date',
        body: createCommitmentInput,
        response: { 201: commitmentDetailSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await service.create(caller(req), req.body)),
  );

  r.patch(
    '/api/commitments/:commitmentId',
    {
      config: { access: { permission: 'landing.write' }, action: 'commitments.update' },
      schema: {
        tags: ['commitments'],
        summary: 'Edit a pending commitment (with the version you loaded)',
        params,
        body: updateCommitmentInput,
        response: { 200: commitmentDetailSchema },
      },
    },
    async (req) => service.update(caller(req), req.params.commitmentId, req.body),
  );

  r.post(
    '/api/commitments/:commitmentId/fulfil',
    {
      // The owner department's handlers (landing.handle) and the center; checked against the row in the service.
      config: { access: { permission: 'landing.read' }, action: 'commitments.fulfil' },
      schema: {
        tags: ['commitments'],
        summary: 'Record that the commitment was kept: the day and the evidence (files uploaded separately)',
        params,
        body: fulfilCommitmentInput,
        response: { 200: commitmentDetailSchema },
      },
    },
    async (req) => service.fulfil(caller(req), req.params.commitmentId, req.body),
  );

  r.post(
    '/api/commitments/:commitmentId/cancel',
    {
      config: { access: { permission: 'landing.write' }, action: 'commitments.cancel' },
      schema: {
        tags: ['commitments'],
        summary: 'Cancel a pending commitment with a reason (it leaves the rates)',
        params,
        body: cancelCommitmentInput,
        response: { 200: commitmentDetailSchema },
      },
    },
    async (req) => service.cancel(caller(req), req.params.commitmentId, req.body),
  );

  r.post(
    '/api/commitments/:commitmentId/reopen',
    {
      config: { access: { permission: 'landing.coordinate' }, action: 'commitments.reopen' },
      schema: {
        tags: ['commitments'],
        summary: 'The center puts a fulfilled or cancelled commitment back to pending, with a reason',
        params,
        body: reopenCommitmentInput,
        response: { 200: commitmentDetailSchema },
      },
    },
    async (req) => service.reopen(caller(req), req.params.commitmentId, req.body),
  );

  r.post(
    '/api/commitments/:commitmentId/files',
    {
      config: { access: { permission: 'landing.read' }, action: 'commitments.file_upload' },
      schema: {
        tags: ['commitments'],
        summary:
          'Attach an evidence file (multipart `file`): the owner department, the center or the project’s unit',
        params,
        response: { 201: commitmentFileSchema },
      },
    },
    async (req, reply) => {
      const file = await readSingleFile(req);
      return reply.code(201).send(await service.uploadFile(caller(req), req.params.commitmentId, file));
    },
  );

  r.delete(
    '/api/commitments/:commitmentId/files/:attachmentId',
    {
      config: { access: { permission: 'landing.read' }, action: 'commitments.file_delete' },
      schema: {
        tags: ['commitments'],
        summary: 'Remove an evidence file of a commitment not yet fulfilled',
        params: params.extend({ attachmentId: z.string().uuid() }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await service.deleteFile(caller(req), req.params.commitmentId, req.params.attachmentId);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/commitments/:commitmentId/files/:attachmentId',
    {
      config: { access: { permission: 'landing.read' } },
      schema: {
        tags: ['commitments'],
        summary: 'Download an evidence file',
        params: params.extend({ attachmentId: z.string().uuid() }),
      },
    },
    async (req, reply) => {
      const file = await service.download(scopeOf(req), req.params.commitmentId, req.params.attachmentId);
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header('x-content-sha256', file.sha256)
        .send(file.content);
    },
  );
}

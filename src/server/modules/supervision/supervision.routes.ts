import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  closeSupervisionInput,
  followUpSupervisionInput,
  issueSupervisionInput,
  replySupervisionInput,
  supervisionDetailSchema,
  supervisionFileSchema,
  supervisionListQuery,
  supervisionListSchema,
} from '../../../domain/supervision/supervision.schemas.js';
import { readSingleFile } from '../../http/multipart.js';
import { actorOf, authOf, scopeOf } from '../../http/request-context.js';
import type { SupervisionService } from './supervision.service.js';

const params = z.object({ noticeId: z.string().uuid() });

export function registerSupervisionRoutes(app: FastifyInstance, service: SupervisionService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/supervision-notices',
    {
      config: { access: { permission: 'landing.read' } },
      schema: {
        tags: ['supervision'],
        summary: 'Supervision notices (督办单) in scope: the office and the district see all, a unit its own',
        querystring: supervisionListQuery,
        response: { 200: supervisionListSchema },
      },
    },
    async (req) => service.list(scopeOf(req), req.query),
  );

  r.get(
    '/api/supervision-notices/:noticeId',
    {
      config: { access: { permission: 'landing.read' } },
      schema: {
        tags: ['supervision'],
        summary: 'A supervision notice with its timeline, files and what the caller may do now',
        params,
        response: { 200: supervisionDetailSchema },
      },
    },
    async (req) => service.detail(authOf(req).user, scopeOf(req), req.params.noticeId),
  );

  r.post(
    '/api/supervision-notices',
    {
      config: { access: { permission: 'supervision.issue' }, action: 'supervision.issue' },
      schema: {
        tags: ['supervision'],
        summary: 'Issue a notice to a unit or department (numbered 督办〔year〕N号)',
        body: issueSupervisionInput,
        response: { 201: supervisionDetailSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.issue(authOf(req).user, scopeOf(req), actorOf(req), req.body)),
  );

  r.post(
    '/api/supervision-notices/:noticeId/reply',
    {
      config: { access: { permission: 'supervision.reply' }, action: 'supervision.reply' },
      schema: {
        tags: ['supervision'],
        summary: 'The recipient unit replies (with the version it loaded)',
        params,
        body: replySupervisionInput,
        response: { 200: supervisionDetailSchema },
      },
    },
    async (req) => service.reply(authOf(req).user, scopeOf(req), actorOf(req), req.params.noticeId, req.body),
  );

  r.post(
    '/api/supervision-notices/:noticeId/follow-up',
    {
      config: { access: { permission: 'supervision.issue' }, action: 'supervision.follow_up' },
      schema: {
        tags: ['supervision'],
        summary: '继续督办: the office asks again with a new reply due date',
        params,
        body: followUpSupervisionInput,
        response: { 200: supervisionDetailSchema },
      },
    },
    async (req) =>
      service.followUp(authOf(req).user, scopeOf(req), actorOf(req), req.params.noticeId, req.body),
  );

  r.post(
    '/api/supervision-notices/:noticeId/close',
    {
      config: { access: { permission: 'supervision.issue' }, action: 'supervision.close' },
      schema: {
        tags: ['supervision'],
        summary: '销号: the office closes the notice',
        params,
        body: closeSupervisionInput,
        response: { 200: supervisionDetailSchema },
      },
    },
    async (req) => service.close(authOf(req).user, scopeOf(req), actorOf(req), req.params.noticeId, req.body),
  );

  r.post(
    '/api/supervision-notices/:noticeId/files',
    {
      // The office or the recipient unit (checked by the service); others get 403.
      config: { access: { permission: 'landing.read' }, action: 'supervision.file_upload' },
      schema: {
        tags: ['supervision'],
        summary: 'Attach a file (multipart `file`) to an open notice: the office or the recipient unit',
        params,
        response: { 201: supervisionFileSchema },
      },
    },
    async (req, reply) => {
      const file = await readSingleFile(req);
      return reply
        .code(201)
        .send(
          await service.uploadFile(authOf(req).user, scopeOf(req), actorOf(req), req.params.noticeId, file),
        );
    },
  );

  r.get(
    '/api/supervision-notices/:noticeId/files/:attachmentId',
    {
      config: { access: { permission: 'landing.read' } },
      schema: {
        tags: ['supervision'],
        summary: 'Download a file of a notice',
        params: z.object({ noticeId: z.string().uuid(), attachmentId: z.string().uuid() }),
      },
    },
    async (req, reply) => {
      const file = await service.download(scopeOf(req), req.params.noticeId, req.params.attachmentId);
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header('x-content-sha256', file.sha256)
        .send(file.content);
    },
  );
}

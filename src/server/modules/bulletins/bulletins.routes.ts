import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasPermission } from '../../../domain/access/permissions.js';
import {
  bulletinDetailSchema,
  bulletinMetaSchema,
  bulletinsQuery,
  correctBulletinInput,
  createBulletinInput,
} from '../../../domain/bulletins/bulletins.schemas.js';
import { actorOf, authOf } from '../../http/request-context.js';
import type { BulletinsService } from './bulletins.service.js';

// A bulletin belongs to the district as a whole (it is read aloud at the meeting): a published version is
// read whole by everyone with assessment.read; drafts only with assessment.read_drafts.

const params = z.object({ bulletinId: z.string().uuid() });
const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export function registerBulletinsRoutes(app: FastifyInstance, service: BulletinsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const drafts = (req: Parameters<typeof authOf>[0]) =>
    hasPermission(authOf(req).user.roles, 'assessment.read_drafts');

  r.get(
    '/api/bulletins',
    {
      config: { access: { permission: 'assessment.read' } },
      schema: {
        tags: ['bulletins'],
        summary: 'Bulletins of the district, newest period first (drafts only for those who may read them)',
        querystring: bulletinsQuery,
        response: { 200: z.array(bulletinMetaSchema) },
      },
    },
    async (req) => service.list(authOf(req).user, req.query, drafts(req)),
  );

  r.post(
    '/api/bulletins',
    {
      config: { access: { permission: 'assessment.manage' }, action: 'bulletins.create' },
      schema: {
        tags: ['bulletins'],
        summary: 'Start a period’s bulletin: version 1, a draft composed from today’s data',
        body: createBulletinInput,
        response: { 201: bulletinMetaSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.create(authOf(req).user, actorOf(req), req.body)),
  );

  r.get(
    '/api/bulletins/:bulletinId',
    {
      config: { access: { permission: 'assessment.read' } },
      schema: {
        tags: ['bulletins'],
        summary: 'A bulletin version: its snapshot, status and the other versions of its period',
        params,
        response: { 200: bulletinDetailSchema },
      },
    },
    async (req) => service.detail(authOf(req).user, req.params.bulletinId, drafts(req)),
  );

  r.post(
    '/api/bulletins/:bulletinId/refresh',
    {
      config: { access: { permission: 'assessment.manage' }, action: 'bulletins.refresh' },
      schema: {
        tags: ['bulletins'],
        summary: 'Recompose a draft from today’s data',
        params,
        response: { 200: bulletinMetaSchema },
      },
    },
    async (req) => service.refresh(authOf(req).user, actorOf(req), req.params.bulletinId),
  );

  r.post(
    '/api/bulletins/:bulletinId/publish',
    {
      config: { access: { permission: 'assessment.manage' }, action: 'bulletins.publish' },
      schema: {
        tags: ['bulletins'],
        summary: 'Publish a draft: freeze its snapshot and files and lock the period’s data',
        params,
        response: { 200: bulletinMetaSchema },
      },
    },
    async (req) => service.publish(authOf(req).user, actorOf(req), req.params.bulletinId),
  );

  r.post(
    '/api/bulletins/:bulletinId/correct',
    {
      config: { access: { permission: 'assessment.manage' }, action: 'bulletins.correct' },
      schema: {
        tags: ['bulletins'],
        summary:
          'Start a correction of the latest published version: the next version, a draft with the reason',
        params,
        body: correctBulletinInput,
        response: { 201: bulletinMetaSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await service.correct(authOf(req).user, actorOf(req), req.params.bulletinId, req.body.reason)),
  );

  for (const format of ['docx', 'xlsx'] as const) {
    r.get(
      `/api/bulletins/:bulletinId/${format}`,
      {
        config: { access: { permission: 'assessment.read' } },
        schema: {
          tags: ['bulletins'],
          summary: `The version as .${format}: a published one’s stored file byte for byte, a draft rendered now`,
          params,
        },
      },
      async (req, reply) => {
        const f = await service.file(
          authOf(req).user,
          actorOf(req),
          req.params.bulletinId,
          format,
          drafts(req),
        );
        return reply
          .type(MIME[format])
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
          .send(f.body);
      },
    );
  }
}

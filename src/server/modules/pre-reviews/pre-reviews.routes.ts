import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  cancelInput,
  candidatesSchema,
  decideInput,
  openPreReviewInput,
  opinionInput,
  preReviewDetailSchema,
  preReviewFileSchema,
  preReviewListQuery,
  preReviewListSchema,
} from '../../../domain/pre-reviews/pre-reviews.schemas.js';
import { readSingleFile } from '../../http/multipart.js';
import { actorOf, authOf, scopeOf } from '../../http/request-context.js';
import type { PreReviewsService } from './pre-reviews.service.js';

const reviewParams = z.object({ reviewId: z.string().uuid() });
const opinionParams = z.object({ reviewId: z.string().uuid(), opinionId: z.string().uuid() });
const fileParams = opinionParams.extend({ attachmentId: z.string().uuid() });

export function registerPreReviewsRoutes(app: FastifyInstance, service: PreReviewsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/pre-reviews',
    {
      config: { access: { permission: 'landing.read' } },
      schema: {
        tags: ['pre-reviews'],
        summary: 'Pre-reviews in the caller’s scope (a department: those that ask it), open first',
        querystring: preReviewListQuery,
        response: { 200: preReviewListSchema },
      },
    },
    async (req) => service.list(scopeOf(req), req.query),
  );

  r.get(
    '/api/pre-reviews/candidates',
    {
      config: { access: { permission: 'landing.read' } },
      schema: {
        tags: ['pre-reviews'],
        summary: 'Projects at or above the district’s pre-review amount (需预审) without a decided review',
        response: { 200: candidatesSchema },
      },
    },
    async (req) => service.candidates(scopeOf(req), authOf(req).user.districtId),
  );

  r.get(
    '/api/pre-reviews/:reviewId',
    {
      config: { access: { permission: 'landing.read' } },
      schema: {
        tags: ['pre-reviews'],
        summary: 'A pre-review with the opinions the caller may see (a department: its own)',
        params: reviewParams,
        response: { 200: preReviewDetailSchema },
      },
    },
    async (req) => service.get(scopeOf(req), req.params.reviewId),
  );

  r.post(
    '/api/pre-reviews',
    {
      config: { access: { permission: 'landing.coordinate' }, action: 'pre_reviews.open' },
      schema: {
        tags: ['pre-reviews'],
        summary: 'Open a pre-review of a project, asking departments for opinions on topics',
        body: openPreReviewInput,
        response: { 201: preReviewDetailSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.open(authOf(req).user, scopeOf(req), actorOf(req), req.body)),
  );

  r.put(
    '/api/pre-reviews/:reviewId/opinions/:opinionId',
    {
      config: { access: { permission: 'landing.handle' }, action: 'pre_reviews.opinion' },
      schema: {
        tags: ['pre-reviews'],
        summary: 'A department records (or corrects) its own opinion while the review is open',
        params: opinionParams,
        body: opinionInput,
        response: { 200: preReviewDetailSchema },
      },
    },
    async (req) =>
      service.answer(
        authOf(req).user,
        scopeOf(req),
        actorOf(req),
        req.params.reviewId,
        req.params.opinionId,
        req.body,
      ),
  );

  r.post(
    '/api/pre-reviews/:reviewId/opinions/:opinionId/files',
    {
      config: { access: { permission: 'landing.handle' }, action: 'pre_reviews.file_upload' },
      schema: {
        tags: ['pre-reviews'],
        summary: 'Attach a file to the department’s own opinion (multipart `file`)',
        params: opinionParams,
        response: { 201: preReviewFileSchema },
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
            req.params.reviewId,
            req.params.opinionId,
            file,
          ),
        );
    },
  );

  r.delete(
    '/api/pre-reviews/:reviewId/opinions/:opinionId/files/:attachmentId',
    {
      config: { access: { permission: 'landing.handle' }, action: 'pre_reviews.file_delete' },
      schema: {
        tags: ['pre-reviews'],
        summary: 'Remove a file of the department’s own opinion',
        params: fileParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await service.deleteFile(
        scopeOf(req),
        actorOf(req),
        req.params.reviewId,
        req.params.opinionId,
        req.params.attachmentId,
      );
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/pre-reviews/:reviewId/opinions/:opinionId/files/:attachmentId',
    {
      config: { access: { permission: 'landing.read' } },
      schema: {
        tags: ['pre-reviews'],
        summary: 'Download a file of an opinion the caller may see',
        params: fileParams,
      },
    },
    async (req, reply) => {
      const file = await service.download(
        scopeOf(req),
        req.params.reviewId,
        req.params.opinionId,
        req.params.attachmentId,
      );
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header('x-content-sha256', file.sha256)
        .send(file.content);
    },
  );

  r.post(
    '/api/pre-reviews/:reviewId/decide',
    {
      config: { access: { permission: 'landing.coordinate' }, action: 'pre_reviews.decide' },
      schema: {
        tags: ['pre-reviews'],
        summary: 'Record the combined opinion, the decision and its meeting (投委会/常务会/供地会)',
        params: reviewParams,
        body: decideInput,
        response: { 200: preReviewDetailSchema },
      },
    },
    async (req) =>
      service.decide(authOf(req).user, scopeOf(req), actorOf(req), req.params.reviewId, req.body),
  );

  r.post(
    '/api/pre-reviews/:reviewId/cancel',
    {
      config: { access: { permission: 'landing.coordinate' }, action: 'pre_reviews.cancel' },
      schema: {
        tags: ['pre-reviews'],
        summary: 'Cancel an open pre-review',
        params: reviewParams,
        body: cancelInput,
        response: { 200: preReviewDetailSchema },
      },
    },
    async (req) => service.cancel(scopeOf(req), actorOf(req), req.params.reviewId, req.body.version),
  );
}

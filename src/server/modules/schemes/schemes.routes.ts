import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  checkSchemeInput,
  checkSchemeResult,
  copySchemeInput,
  createSchemeInput,
  examplesResultSchema,
  explainInput,
  explainResultSchema,
  functionsResultSchema,
  previewInput,
  previewResultSchema,
  schemeSummarySchema,
  schemesQuery,
  schemeViewSchema,
  updateSchemeInput,
} from '../../../domain/assessment/schemes.schemas.js';
import { actorOf, authOf } from '../../http/request-context.js';
import type { SchemesService } from './schemes.service.js';

const params = z.object({ schemeId: z.string().uuid() });
const tags = ['assessment'];

// Reads need assessment.read (a unit sees published versions only: the service hides drafts from callers
// without assessment.read_drafts); the preview and explain read every unit's figures, so they need
// read_drafts; writes are the center's (assessment.manage).
export function registerSchemesRoutes(app: FastifyInstance, schemes: SchemesService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/assessment/schemes';

  r.get(
    base,
    {
      config: { access: { permission: 'assessment.read' } },
      schema: {
        tags,
        summary: 'Versions of the district’s assessment schemes (of one year when given)',
        querystring: schemesQuery,
        response: { 200: z.object({ items: z.array(schemeSummarySchema) }) },
      },
    },
    async (req) => ({ items: await schemes.list(authOf(req).user, req.query.year) }),
  );

  r.get(
    `${base}/examples`,
    {
      config: { access: { permission: 'assessment.read' } },
      schema: {
        tags,
        summary: 'The three example schemes a year can start from',
        response: { 200: examplesResultSchema },
      },
    },
    async () => schemes.examples(),
  );

  r.get(
    '/api/assessment/functions',
    {
      config: { access: { permission: 'assessment.read' } },
      schema: {
        tags,
        summary: 'Help for the formula language: its functions and the indicators a formula may name',
        response: { 200: functionsResultSchema },
      },
    },
    async () => schemes.functions(),
  );

  r.post(
    `${base}/check`,
    {
      config: { access: { permission: 'assessment.manage' } },
      schema: {
        tags,
        summary: 'Check items without saving (the live editor): every error with its position',
        body: checkSchemeInput,
        response: { 200: checkSchemeResult },
      },
    },
    async (req) => schemes.check(req.body.items),
  );

  r.get(
    `${base}/:schemeId`,
    {
      config: { access: { permission: 'assessment.read' } },
      schema: { tags, summary: 'One version of a scheme', params, response: { 200: schemeViewSchema } },
    },
    async (req) => schemes.get(authOf(req).user, req.params.schemeId),
  );

  r.post(
    base,
    {
      config: { access: { permission: 'assessment.manage' }, action: 'schemes.create' },
      schema: {
        tags,
        summary: 'Create the year’s next version as a draft (items or an example); 422 schemes.invalid',
        body: createSchemeInput,
        response: { 201: schemeViewSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await schemes.create(authOf(req).user, actorOf(req), req.body)),
  );

  r.put(
    `${base}/:schemeId`,
    {
      config: { access: { permission: 'assessment.manage' }, action: 'schemes.update' },
      schema: {
        tags,
        summary: 'Replace a draft’s items (a published version answers 409 schemes.published)',
        params,
        body: updateSchemeInput,
        response: { 200: schemeViewSchema },
      },
    },
    async (req) => schemes.update(authOf(req).user, actorOf(req), req.params.schemeId, req.body),
  );

  r.post(
    `${base}/:schemeId/revise`,
    {
      config: { access: { permission: 'assessment.manage' }, action: 'schemes.revise' },
      schema: {
        tags,
        summary: 'Start a revision of a published version: the next version, a draft copied from it',
        params,
        response: { 201: schemeViewSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await schemes.revise(authOf(req).user, actorOf(req), req.params.schemeId)),
  );

  r.post(
    `${base}/:schemeId/publish`,
    {
      config: { access: { permission: 'assessment.manage' }, action: 'schemes.publish' },
      schema: {
        tags,
        summary: 'Publish a draft: from now on the year’s bulletins score with it; it can no longer change',
        params,
        response: { 200: schemeViewSchema },
      },
    },
    async (req) => schemes.publish(authOf(req).user, actorOf(req), req.params.schemeId),
  );

  r.post(
    `${base}/:schemeId/copy`,
    {
      config: { access: { permission: 'assessment.manage' }, action: 'schemes.copy' },
      schema: {
        tags,
        summary: 'Copy a version into another year as that year’s next draft',
        params,
        body: copySchemeInput,
        response: { 201: schemeViewSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await schemes.copy(authOf(req).user, actorOf(req), req.params.schemeId, req.body.toYear)),
  );

  r.delete(
    `${base}/:schemeId`,
    {
      config: { access: { permission: 'assessment.manage' }, action: 'schemes.delete' },
      schema: { tags, summary: 'Delete a draft version', params },
    },
    async (req, reply) => {
      await schemes.remove(authOf(req).user, actorOf(req), req.params.schemeId);
      return reply.code(204).send();
    },
  );

  r.post(
    `${base}/:schemeId/preview`,
    {
      config: { access: { permission: 'assessment.read_drafts' } },
      schema: {
        tags,
        summary: 'Score every unit on the scheme (or unsaved items) at a cut-off: scores, totals, ranks',
        params,
        body: previewInput,
        response: { 200: previewResultSchema },
      },
    },
    async (req) => schemes.preview(authOf(req).user, req.params.schemeId, req.body),
  );

  r.post(
    `${base}/:schemeId/explain`,
    {
      config: { access: { permission: 'assessment.read_drafts' } },
      schema: {
        tags,
        summary: 'How one unit’s score on one item came about: each part of the formula and its value',
        params,
        body: explainInput,
        response: { 200: explainResultSchema },
      },
    },
    async (req) => schemes.explain(authOf(req).user, req.params.schemeId, req.body),
  );
}

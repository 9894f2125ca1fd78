import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  chainDetailSchema,
  chainInput,
  chainPatch,
  chainSummarySchema,
  chainsQuery,
  linkEnterpriseInput,
  linkInput,
  linkOrderInput,
  linkPatch,
} from '../../../domain/network/chains.schemas.js';
import { actorOf, authOf, scopeOf } from '../../http/request-context.js';
import type { ChainsService } from './chains.service.js';

const chainParams = z.object({ chainId: z.string().uuid() });
const linkParams = chainParams.extend({ linkId: z.string().uuid() });
const placeParams = linkParams.extend({ enterpriseId: z.string().uuid() });

// Everyone in the district reads the chains (pipeline.read); the chains, their links and the enterprises placed
// on them are district-wide settings, so only the center edits them (pipeline.coordinate).
export function registerChainsRoutes(app: FastifyInstance, chains: ChainsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: { permission: 'pipeline.read' } } as const;
  const edit = (action: string) => ({ access: { permission: 'pipeline.coordinate' }, action }) as const;

  r.get(
    '/api/chains',
    {
      config: read,
      schema: {
        tags: ['chains'],
        summary: "The district's industrial chains with link counts, coverage and gaps (全区)",
        querystring: chainsQuery,
        response: { 200: z.object({ items: z.array(chainSummarySchema) }) },
      },
    },
    async (req) => ({ items: await chains.list(scopeOf(req), req.query) }),
  );

  r.post(
    '/api/chains',
    {
      config: edit('chains.create'),
      schema: {
        tags: ['chains'],
        summary: 'Create a chain',
        body: chainInput,
        response: { 201: chainDetailSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await chains.createChain(authOf(req).user, actorOf(req), req.body)),
  );

  r.get(
    '/api/chains/:chainId',
    {
      config: read,
      schema: {
        tags: ['chains'],
        summary:
          "A chain's link tree with per-link counts (全区) and coverage, placed enterprises, gaps with their 补链 candidates, and the caller's leads and projects on its links",
        params: chainParams,
        response: { 200: chainDetailSchema },
      },
    },
    async (req) => chains.detail(scopeOf(req), req.params.chainId),
  );

  r.patch(
    '/api/chains/:chainId',
    {
      config: edit('chains.update'),
      schema: {
        tags: ['chains'],
        summary: 'Rename or describe a chain, or change its place in the list',
        params: chainParams,
        body: chainPatch,
        response: { 200: chainDetailSchema },
      },
    },
    async (req) => chains.updateChain(authOf(req).user, actorOf(req), req.params.chainId, req.body),
  );

  r.delete(
    '/api/chains/:chainId',
    {
      config: edit('chains.delete'),
      schema: {
        tags: ['chains'],
        summary: 'Delete a chain with its links (refused while leads, projects or targets sit on them)',
        params: chainParams,
      },
    },
    async (req, reply) => {
      await chains.removeChain(authOf(req).user, actorOf(req), req.params.chainId);
      return reply.code(204).send();
    },
  );

  r.post(
    '/api/chains/:chainId/links',
    {
      config: edit('chains.link_create'),
      schema: {
        tags: ['chains'],
        summary: 'Add a link to a chain, at the top of a segment or under another link',
        params: chainParams,
        body: linkInput,
        response: { 201: z.object({ id: z.string().uuid(), chain: chainDetailSchema }) },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await chains.addLink(authOf(req).user, actorOf(req), req.params.chainId, req.body)),
  );

  r.put(
    '/api/chains/:chainId/link-order',
    {
      config: edit('chains.link_reorder'),
      schema: {
        tags: ['chains'],
        summary: 'Reorder sibling links (same parent)',
        params: chainParams,
        body: linkOrderInput,
        response: { 200: chainDetailSchema },
      },
    },
    async (req) => chains.reorderLinks(authOf(req).user, actorOf(req), req.params.chainId, req.body.ids),
  );

  r.patch(
    '/api/chains/:chainId/links/:linkId',
    {
      config: edit('chains.link_update'),
      schema: {
        tags: ['chains'],
        summary: 'Rename a link, move it (with its sub-links) to another segment or under another parent',
        params: linkParams,
        body: linkPatch,
        response: { 200: chainDetailSchema },
      },
    },
    async (req) =>
      chains.updateLink(authOf(req).user, actorOf(req), req.params.chainId, req.params.linkId, req.body),
  );

  r.delete(
    '/api/chains/:chainId/links/:linkId',
    {
      config: edit('chains.link_delete'),
      schema: {
        tags: ['chains'],
        summary:
          'Delete a link nothing points at (409 listing the sub-links, enterprises, leads, projects, targets)',
        params: linkParams,
      },
    },
    async (req, reply) => {
      await chains.removeLink(authOf(req).user, actorOf(req), req.params.chainId, req.params.linkId);
      return reply.code(204).send();
    },
  );

  r.put(
    '/api/chains/:chainId/links/:linkId/enterprises/:enterpriseId',
    {
      config: edit('chains.enterprise_place'),
      schema: {
        tags: ['chains'],
        summary: 'Place an enterprise on a link as chain leader or existing enterprise (or change its role)',
        params: placeParams,
        body: linkEnterpriseInput,
        response: { 200: chainDetailSchema },
      },
    },
    async (req) =>
      chains.placeEnterprise(
        authOf(req).user,
        actorOf(req),
        req.params.chainId,
        req.params.linkId,
        req.params.enterpriseId,
        req.body,
      ),
  );

  r.delete(
    '/api/chains/:chainId/links/:linkId/enterprises/:enterpriseId',
    {
      config: edit('chains.enterprise_remove'),
      schema: { tags: ['chains'], summary: 'Take an enterprise off a link', params: placeParams },
    },
    async (req, reply) => {
      await chains.removeEnterprise(
        authOf(req).user,
        actorOf(req),
        req.params.chainId,
        req.params.linkId,
        req.params.enterpriseId,
      );
      return reply.code(204).send();
    },
  );
}

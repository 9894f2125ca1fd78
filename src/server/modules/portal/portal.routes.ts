import { TextDecoder } from 'node:util';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createPortalLinkInput,
  PORTAL_FILE_MAX_BYTES,
  PORTAL_JSON_BODY_LIMIT,
  portalFileSchema,
  portalLinkCreatedSchema,
  portalLinkSchema,
  portalProblemInput,
  portalProblemSchema,
  portalReopenInput,
  portalViewSchema,
} from '../../../domain/portal/portal.schemas.js';
import { AppError } from '../../http/errors.js';
import { actorOf, authOf, scopeOf } from '../../http/request-context.js';
import { attachmentErrors } from '../projects/attachments.service.js';
import { portalErrors } from './portal.errors.js';
import type { PortalCaller, PortalService } from './portal.service.js';

const projectParams = z.object({ projectId: z.string().uuid() });
// The token is checked by the service (a malformed one answers like an unknown one), not by the schema.
const tokenParams = z.object({ token: z.string() });
const problemParams = z.object({ token: z.string(), problemId: z.string().uuid() });

function callerOf(req: { params: { token: string }; ip: string; id: string }): PortalCaller {
  return { token: req.params.token, ip: req.ip, requestId: req.id };
}

/** Any string anywhere in the body holding NUL means binary pasted as text: refused whole, never stripped. */
function hasNul(v: unknown): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (Array.isArray(v)) return v.some(hasNul);
  if (v && typeof v === 'object')
    return Object.entries(v).some(([k, x]) => k.includes('\u0000') || hasNul(x));
  return false;
}

/**
 * JSON of the public routes: valid UTF-8 only (a browser's replacement of bad bytes would silently store
 * something else than was sent), no NUL anywhere, an empty body read as none.
 */
export function parsePortalJson(body: Buffer): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw portalErrors.invalidUtf8();
  }
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw portalErrors.badJson();
  }
  if (hasNul(value)) throw portalErrors.binaryText();
  return value;
}

async function readPortalFile(req: FastifyRequest): Promise<{ filename: string; content: Buffer }> {
  if (!req.isMultipart()) throw portalErrors.multipartRequired();
  const part = await req.file({ limits: { fileSize: PORTAL_FILE_MAX_BYTES, files: 1, fields: 2 } });
  if (!part) throw attachmentErrors.empty();
  const content = await part.toBuffer().catch((err: { code?: string }) => {
    throw err.code === 'FST_REQ_FILE_TOO_LARGE' ? portalErrors.fileTooLarge() : err;
  });
  return { filename: part.filename, content };
}

export function registerPortalRoutes(app: FastifyInstance, portal: PortalService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ——— links: the project's unit and the center ———

  r.get(
    '/api/projects/:projectId/portal-links',
    {
      config: { access: { permission: 'landing.write' } },
      schema: {
        tags: ['portal'],
        summary: 'The investor portal links of a project (never their tokens)',
        params: projectParams,
        response: { 200: z.array(portalLinkSchema) },
      },
    },
    async (req) => portal.listLinks(scopeOf(req), req.params.projectId),
  );

  r.post(
    '/api/projects/:projectId/portal-links',
    {
      config: { access: { permission: 'landing.write' }, action: 'portal.link_create' },
      schema: {
        tags: ['portal'],
        summary: 'Create an investor portal link; the answer carries its path, shown only this once',
        params: projectParams,
        body: createPortalLinkInput,
        response: { 201: portalLinkCreatedSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await portal.createLink(
            authOf(req).user,
            scopeOf(req),
            actorOf(req),
            req.params.projectId,
            req.body,
          ),
        ),
  );

  r.post(
    '/api/projects/:projectId/portal-links/:portalLinkId/revoke',
    {
      config: { access: { permission: 'landing.write' }, action: 'portal.link_revoke' },
      schema: {
        tags: ['portal'],
        summary: 'Revoke an investor portal link: from now on it opens nothing',
        params: z.object({ projectId: z.string().uuid(), portalLinkId: z.string().uuid() }),
        response: { 200: portalLinkSchema },
      },
    },
    async (req) =>
      portal.revokeLink(
        authOf(req).user,
        scopeOf(req),
        actorOf(req),
        req.params.projectId,
        req.params.portalLinkId,
      ),
  );

  // ——— the public portal: no account, the link's token is the only key ———

  // Its own plugin scope, so the strict JSON reading and the refusal of other content types apply here only.
  app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: PORTAL_JSON_BODY_LIMIT },
      (_req, body, done) => {
        try {
          done(null, parsePortalJson(body as Buffer));
        } catch (err) {
          done(err as Error, undefined);
        }
      },
    );
    scope.removeContentTypeParser('text/plain');
    scope.addContentTypeParser('*', (_req, _payload, done) => {
      done(
        new AppError(
          415,
          'portal.unsupported_type',
          'Send JSON (or multipart/form-data for a file).',
          '提交的内容类型不受支持。',
        ),
        undefined,
      );
    });

    const p = scope.withTypeProvider<ZodTypeProvider>();
    const publicAccess = { access: { public: true as const } };

    p.get(
      '/api/portal/:token',
      {
        config: publicAccess,
        schema: {
          tags: ['portal'],
          summary:
            'The investor portal: the project, whom to contact, and the problems reported through this link',
          params: tokenParams,
          response: { 200: portalViewSchema },
        },
      },
      async (req) => portal.view(callerOf(req)),
    );

    p.post(
      '/api/portal/:token/problems',
      {
        config: { ...publicAccess, action: 'portal.problem_report' },
        bodyLimit: PORTAL_JSON_BODY_LIMIT,
        schema: {
          tags: ['portal'],
          summary: 'Report a problem through the investor portal (plain text)',
          params: tokenParams,
          body: portalProblemInput,
          response: { 201: portalProblemSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await portal.report(callerOf(req), req.body)),
    );

    p.post(
      '/api/portal/:token/problems/:problemId/files',
      {
        config: { ...publicAccess, action: 'portal.file_upload' },
        schema: {
          tags: ['portal'],
          summary: 'Attach a file to a problem reported through this link (at most 3, 5 MB each)',
          params: problemParams,
          response: { 201: portalFileSchema },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await portal.attach(callerOf(req), req.params.problemId, () => readPortalFile(req))),
    );

    p.post(
      '/api/portal/:token/problems/:problemId/confirm',
      {
        config: { ...publicAccess, action: 'portal.problem_confirm' },
        bodyLimit: PORTAL_JSON_BODY_LIMIT,
        schema: {
          tags: ['portal'],
          summary: 'The investor confirms the department’s reply solved the problem (办结)',
          params: problemParams,
          body: z.strictObject({}).nullish(),
          response: { 200: portalProblemSchema },
        },
      },
      async (req) => portal.respond(callerOf(req), req.params.problemId, { kind: 'confirm' }),
    );

    p.post(
      '/api/portal/:token/problems/:problemId/reopen',
      {
        config: { ...publicAccess, action: 'portal.problem_reopen' },
        bodyLimit: PORTAL_JSON_BODY_LIMIT,
        schema: {
          tags: ['portal'],
          summary: 'The investor says the problem is not solved, with the reason (重新交办)',
          params: problemParams,
          body: portalReopenInput,
          response: { 200: portalProblemSchema },
        },
      },
      async (req) =>
        portal.respond(callerOf(req), req.params.problemId, { kind: 'reopen', reason: req.body.reason }),
    );
  });
}

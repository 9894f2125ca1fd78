import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acceptProblemInput,
  assignProblemInput,
  closeProblemInput,
  commentProblemInput,
  createProblemInput,
  problemDetailSchema,
  problemFileSchema,
  problemListQuery,
  problemOptionsSchema,
  problemSummarySchema,
  reopenProblemInput,
  replyProblemInput,
} from '../../../domain/landing/problems.schemas.js';
import { readSingleFile } from '../../http/multipart.js';
import { actorOf, authOf, scopeOf } from '../../http/request-context.js';
import type { ProblemCaller, ProblemsService } from './problems.service.js';

const problemParams = z.object({ problemId: z.string().uuid() });
const tags = ['problems'];

function callerOf(req: FastifyRequest): ProblemCaller {
  return { user: authOf(req).user, scope: scopeOf(req) };
}

/** 问题清单: the list, the detail with its timeline, and the loop 交办 → 承办 → 反馈 → 办结 (issue 5 item 3). */
export function registerProblemsRoutes(app: FastifyInstance, service: ProblemsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: { permission: 'landing.read' as const } };
  const as = (
    permission: 'landing.read' | 'landing.write' | 'landing.coordinate' | 'landing.handle',
    action: string,
  ) => ({
    access: { permission },
    action,
  });
  const detail = { 200: problemDetailSchema };

  r.get(
    '/api/problems',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Problems the caller reads (a department: those assigned to it), open and most overdue first',
        querystring: problemListQuery,
        response: { 200: z.object({ items: z.array(problemSummarySchema), total: z.number().int() }) },
      },
    },
    async (req) => service.list(callerOf(req), req.query),
  );

  r.get(
    '/api/problems/options',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Departments and leader accounts of the district to assign a problem to, and the default clock',
        response: { 200: problemOptionsSchema },
      },
    },
    async (req) => service.options(callerOf(req)),
  );

  r.get(
    '/api/problems/:problemId',
    {
      config: read,
      schema: {
        tags,
        summary: 'A problem with its timeline (each step timed), files and the steps the caller may take',
        params: problemParams,
        response: detail,
      },
    },
    async (req) => service.detail(callerOf(req), req.params.problemId),
  );

  // Raising is checked in the service: the project's unit (landing.write) or a department (landing.handle).
  r.post(
    '/api/problems',
    {
      config: as('landing.read', 'problems.create'),
      schema: {
        tags,
        summary:
          'Raise a problem on a project (the unit: its own projects; a department: any of the district)',
        body: createProblemInput,
        response: { 201: problemDetailSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await service.create(callerOf(req), actorOf(req), req.body)),
  );

  r.post(
    '/api/problems/:problemId/assign',
    {
      config: as('landing.coordinate', 'problems.assign'),
      schema: {
        tags,
        summary: '交办: department, leader in charge, countermeasure and deadline (the center)',
        params: problemParams,
        body: assignProblemInput,
        response: detail,
      },
    },
    async (req) => service.assign(callerOf(req), actorOf(req), req.params.problemId, req.body),
  );

  r.post(
    '/api/problems/:problemId/accept',
    {
      config: as('landing.handle', 'problems.accept'),
      schema: {
        tags,
        summary: '承办 (the assigned department)',
        params: problemParams,
        body: acceptProblemInput,
        response: detail,
      },
    },
    async (req) => service.accept(callerOf(req), actorOf(req), req.params.problemId, req.body),
  );

  r.post(
    '/api/problems/:problemId/reply',
    {
      config: as('landing.handle', 'problems.reply'),
      schema: {
        tags,
        summary: '反馈 (the assigned department)',
        params: problemParams,
        body: replyProblemInput,
        response: detail,
      },
    },
    async (req) => service.reply(callerOf(req), actorOf(req), req.params.problemId, req.body),
  );

  r.post(
    '/api/problems/:problemId/close',
    {
      config: as('landing.write', 'problems.close'),
      schema: {
        tags,
        summary: '办结: the raiser’s side confirms (the project’s unit or the center)',
        params: problemParams,
        body: closeProblemInput,
        response: detail,
      },
    },
    async (req) => service.close(callerOf(req), actorOf(req), req.params.problemId, req.body),
  );

  r.post(
    '/api/problems/:problemId/reopen',
    {
      config: as('landing.write', 'problems.reopen'),
      schema: {
        tags,
        summary:
          '重新交办 with a reason: back to the department with a fresh deadline (the unit or the center)',
        params: problemParams,
        body: reopenProblemInput,
        response: detail,
      },
    },
    async (req) => service.reopen(callerOf(req), actorOf(req), req.params.problemId, req.body),
  );

  r.post(
    '/api/problems/:problemId/comments',
    {
      config: as('landing.read', 'problems.comment'),
      schema: {
        tags,
        summary: '留言 (any side of the problem)',
        params: problemParams,
        body: commentProblemInput,
        response: detail,
      },
    },
    async (req) => service.comment(callerOf(req), actorOf(req), req.params.problemId, req.body),
  );

  r.post(
    '/api/problems/:problemId/files',
    {
      config: as('landing.read', 'problems.file_upload'),
      schema: {
        tags,
        summary: 'Attach a file (multipart `file`; any side of the problem while it is open)',
        params: problemParams,
        response: { 201: problemFileSchema },
      },
    },
    async (req, reply) => {
      const file = await readSingleFile(req);
      return reply
        .code(201)
        .send(await service.upload(callerOf(req), actorOf(req), req.params.problemId, file));
    },
  );

  r.get(
    '/api/problems/:problemId/files/:fileId',
    {
      config: read,
      schema: {
        tags,
        summary: 'Download a file of a problem',
        params: problemParams.extend({ fileId: z.string().uuid() }),
      },
    },
    async (req, reply) => {
      const file = await service.download(callerOf(req), req.params.problemId, req.params.fileId);
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header('x-content-sha256', file.sha256)
        .send(file.content);
    },
  );
}

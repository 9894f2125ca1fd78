import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  projectTeamSchema,
  putTeamInput,
  unnamedOfficerSchema,
} from '../../../domain/project-team/project-team.schemas.js';
import { actorOf, authOf, scopeOf } from '../../http/request-context.js';
import type { ProjectTeamService } from './project-team.service.js';

const projectParams = z.object({ projectId: z.string().uuid() });

export function registerProjectTeamRoutes(app: FastifyInstance, service: ProjectTeamService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/projects/:projectId/team',
    {
      config: { access: { permission: 'landing.read' } },
      schema: {
        tags: ['project-team'],
        summary: 'A project’s 专班, 包联领导, 首席服务员 and 绿色通道, with the first-contact warning',
        params: projectParams,
        response: { 200: projectTeamSchema },
      },
    },
    async (req) => service.get(authOf(req).user, scopeOf(req), req.params.projectId),
  );

  r.put(
    '/api/projects/:projectId/team',
    {
      config: { access: { permission: 'landing.write' }, action: 'project_team.update' },
      schema: {
        tags: ['project-team'],
        summary:
          'Replace the team and set the liaison leader, officer and green channel (with the project version)',
        params: projectParams,
        body: putTeamInput,
        response: { 200: projectTeamSchema },
      },
    },
    async (req) => service.put(authOf(req).user, scopeOf(req), actorOf(req), req.params.projectId, req.body),
  );

  r.get(
    '/api/project-team/unnamed-officers',
    {
      config: { access: { permission: 'landing.read' } },
      schema: {
        tags: ['project-team'],
        summary: 'Signed projects in scope with no first-contact officer past the window, longest late first',
        response: { 200: z.array(unnamedOfficerSchema) },
      },
    },
    async (req) => service.unnamedOfficers(scopeOf(req)),
  );
}

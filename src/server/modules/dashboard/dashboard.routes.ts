import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  dashboardQuerySchema,
  districtDashboardSchema,
  unitDashboardSchema,
} from '../../../domain/dashboard/dashboard.schemas.js';
import { authOf, scopeOf } from '../../http/request-context.js';
import type { DashboardService } from './dashboard.service.js';

// The leaders' view (issue 6): read-only, assessment.read. The district view is for district-scoped callers
// (center, leaders, supervisors); a unit's people read their own unit's view.
const callerOf = (req: FastifyRequest) => ({ districtId: authOf(req).user.districtId, scope: scopeOf(req) });

export function registerDashboardRoutes(app: FastifyInstance, service: DashboardService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/dashboard',
    {
      config: { access: { permission: 'assessment.read' } },
      schema: {
        tags: ['dashboard'],
        summary:
          'The district at a glance for a year through a cut-off (default today): headline progress, funnel, trend, sources, industries, quality, leaderboard, overdue items, city standing; each element with the list address behind it',
        querystring: dashboardQuerySchema,
        response: { 200: districtDashboardSchema },
      },
    },
    async (req) => service.district(callerOf(req), req.query),
  );

  r.get(
    '/api/dashboard/unit',
    {
      config: { access: { permission: 'assessment.read' } },
      schema: {
        tags: ['dashboard'],
        summary:
          'One unit’s dashboard: its progress against target and time, its projects by stage, what is overdue, its rank (a unit’s people read their own; the district may name unitId)',
        querystring: dashboardQuerySchema.extend({ unitId: z.string().uuid().optional() }),
        response: { 200: unitDashboardSchema },
      },
    },
    async (req) => service.unit(callerOf(req), req.query),
  );
}

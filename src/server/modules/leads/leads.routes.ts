import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasPermission } from '../../../domain/access/permissions.js';
import {
  convertLeadInput,
  createLeadInput,
  LEAD_SORTS,
  leadClockSettingsSchema,
  leadEventSchema,
  leadListQuery,
  leadNoteInput,
  leadSchema,
  respondLeadInput,
  screenLeadInput,
  shareLeadInput,
  updateLeadInput,
} from '../../../domain/leads/leads.schemas.js';
import { STAGES } from '../../../domain/projects/stages.js';
import { actorOf, authOf, scopeOf } from '../../http/request-context.js';
import { type ConflictsService, conflictSchema, resolveConflictInput } from './conflicts.service.js';
import type { LeadSettingsService } from './lead-settings.js';
import { leadsWorkbook } from './leads.export.js';
import type { LeadCaller, LeadsService } from './leads.service.js';

const leadIdParams = z.object({ leadId: z.string().uuid() });

function callerOf(req: FastifyRequest): LeadCaller {
  const user = authOf(req).user;
  return { user, scope: scopeOf(req), canWrite: hasPermission(user.roles, 'pipeline.write') };
}

export function registerLeadsRoutes(
  app: FastifyInstance,
  leads: LeadsService,
  settings: LeadSettingsService,
  conflicts: ConflictsService,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/leads',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['leads'],
        summary: 'Leads in the caller’s scope plus the district’s shared leads, each with its service clocks',
        querystring: leadListQuery.extend({
          sort: z.enum(LEAD_SORTS).default('-receivedOn'),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(leadSchema), total: z.number().int() }) },
      },
    },
    async (req) => leads.list(callerOf(req), req.query),
  );

  r.get(
    '/api/leads/export.xlsx',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['leads'],
        summary: 'The lead list as .xlsx, with the same filters and scope as the list',
        querystring: leadListQuery,
      },
    },
    async (req, reply) => {
      const body = await leadsWorkbook(await leads.exportRows(callerOf(req), req.query));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('招商线索.xlsx')}`)
        .send(body);
    },
  );

  r.get(
    '/api/leads/:leadId',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['leads'],
        summary: 'A lead with its history and, once converted, its project',
        params: leadIdParams,
        response: {
          200: z.object({
            lead: leadSchema,
            events: z.array(leadEventSchema),
            project: z.object({ id: z.string().uuid(), name: z.string(), stage: z.enum(STAGES) }).nullable(),
          }),
        },
      },
    },
    async (req) => {
      const d = await leads.detail(callerOf(req), req.params.leadId);
      return {
        ...d,
        project: d.project ? { ...d.project, stage: d.project.stage as (typeof STAGES)[number] } : null,
      };
    },
  );

  r.get(
    '/api/leads/:leadId/events',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['leads'],
        summary: 'A lead’s history (also shown on the project it became)',
        params: leadIdParams,
        response: { 200: z.array(leadEventSchema) },
      },
    },
    async (req) => leads.events(scopeOf(req), req.params.leadId),
  );

  r.post(
    '/api/leads',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'leads.create' },
      schema: {
        tags: ['leads'],
        summary: 'Enter a lead (enterprise by id, or found-or-created by name / credit code)',
        body: createLeadInput,
        response: { 201: leadSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await leads.create(callerOf(req), actorOf(req), req.body)),
  );

  r.patch(
    '/api/leads/:leadId',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'leads.update' },
      schema: {
        tags: ['leads'],
        summary: 'Edit a lead (with the version you loaded)',
        params: leadIdParams,
        body: updateLeadInput,
        response: { 200: leadSchema },
      },
    },
    async (req) => leads.update(callerOf(req), actorOf(req), req.params.leadId, req.body),
  );

  const actions = [
    ['respond', 'leads.respond', 'Record the first response', respondLeadInput, leads.respond],
    [
      'screen',
      'leads.screen',
      'Screen (研判): eight 1–5 scores and follow / decline',
      screenLeadInput,
      leads.screen,
    ],
    [
      'feedback',
      'leads.feedback',
      'Record the feedback to whoever brought the lead',
      leadNoteInput,
      leads.feedback,
    ],
    ['progress-report', 'leads.report', 'A progress report of a followed lead', leadNoteInput, leads.report],
    [
      'share',
      'leads.share',
      'Share with (or withdraw from) every unit of the district',
      shareLeadInput,
      leads.share,
    ],
    [
      'convert',
      'leads.convert',
      'Convert a followed lead into a 在谈 project',
      convertLeadInput,
      leads.convert,
    ],
  ] as const;
  for (const [path, action, summary, body, run] of actions) {
    r.post(
      `/api/leads/:leadId/${path}`,
      {
        config: { access: { permission: 'pipeline.write' }, action },
        schema: { tags: ['leads'], summary, params: leadIdParams, body, response: { 200: leadSchema } },
      },
      // biome-ignore lint/suspicious/noExplicitAny: each action's body is validated by its own schema above
      async (req) => (run as any)(callerOf(req), actorOf(req), req.params.leadId, req.body),
    );
  }

  r.get(
    '/api/settings/lead-clocks',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['leads'],
        summary: 'The district’s lead service clocks (days)',
        response: { 200: leadClockSettingsSchema },
      },
    },
    async (req) => settings.get(authOf(req).user.districtId),
  );

  r.put(
    '/api/settings/lead-clocks',
    {
      config: { access: { permission: 'pipeline.coordinate' }, action: 'settings.lead_clocks' },
      schema: {
        tags: ['leads'],
        summary: 'Set the district’s lead service clocks',
        body: leadClockSettingsSchema,
        response: { 200: leadClockSettingsSchema },
      },
    },
    async (req) => {
      const u = authOf(req).user;
      return settings.save(u.districtId, u.id, actorOf(req), req.body);
    },
  );

  r.get(
    '/api/conflicts',
    {
      config: { access: { permission: 'pipeline.coordinate' } },
      schema: {
        tags: ['leads'],
        summary: 'Enterprises that two or more units chase: open ones (unresolved or reopened), or all',
        querystring: z.object({ state: z.enum(['open', 'all']).default('open') }),
        response: { 200: z.array(conflictSchema) },
      },
    },
    async (req) => conflicts.list(authOf(req).user.districtId, req.query),
  );

  r.post(
    '/api/conflicts/:enterpriseId/resolve',
    {
      config: { access: { permission: 'pipeline.coordinate' }, action: 'conflicts.resolve' },
      schema: {
        tags: ['leads'],
        summary: 'Resolve: one primary unit, or co-credit shares in basis points summing to 10000',
        params: z.object({ enterpriseId: z.string().uuid() }),
        body: resolveConflictInput,
        response: { 200: conflictSchema },
      },
    },
    async (req) => conflicts.resolve(authOf(req).user, actorOf(req), req.params.enterpriseId, req.body),
  );
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  catalogueEntrySchema,
  drillQuery,
  drillSchema,
  progressQuery,
  progressSchema,
  targetsImportResult,
  targetsInput,
  targetsSchema,
  yearNumber,
  yearSettingsInput,
  yearSettingsSchema,
} from '../../../domain/targets/targets.schemas.js';
import type { Database } from '../../db/database.js';
import { readSingleFile } from '../../http/multipart.js';
import { actorOf, authOf, scopeOf } from '../../http/request-context.js';
import { assessedUnits, type Caller, catalogueView, type TargetsService } from './targets.service.js';
import { readTargetsWorkbook, targetsWorkbook } from './targets.xlsx.js';

const yearParams = z.object({ year: yearNumber });

const callerOf = (req: FastifyRequest): Caller => {
  const user = authOf(req).user;
  return { userId: user.id, districtId: user.districtId, scope: scopeOf(req) };
};

export function registerTargetsRoutes(app: FastifyInstance, service: TargetsService, db: Database): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/indicators/catalogue',
    {
      config: { access: { permission: 'assessment.read' } },
      schema: {
        tags: ['assessment'],
        summary: 'The indicator catalogue: key, name, unit, kind, definition and the 口径 options it reads',
        response: { 200: z.array(catalogueEntrySchema) },
      },
    },
    async () => catalogueView(),
  );

  r.get(
    '/api/assessment/years/:year/settings',
    {
      config: { access: { permission: 'assessment.read' } },
      schema: {
        tags: ['assessment'],
        summary: 'A year’s 口径 and settings (the defaults when the center has not set them)',
        params: yearParams,
        response: { 200: yearSettingsSchema },
      },
    },
    async (req) => service.settings(authOf(req).user.districtId, req.params.year),
  );

  r.put(
    '/api/assessment/years/:year/settings',
    {
      config: { access: { permission: 'assessment.manage' }, action: 'assessment.settings' },
      schema: {
        tags: ['assessment'],
        summary: 'Set a year’s 口径, 序时进度 basis, goal rank, stalled months, issuing body and 文号 prefix',
        params: yearParams,
        body: yearSettingsInput,
        response: { 200: yearSettingsSchema },
      },
    },
    async (req) => service.saveSettings(callerOf(req), actorOf(req), req.params.year, req.body),
  );

  r.get(
    '/api/assessment/years/:year/targets',
    {
      config: { access: { permission: 'assessment.read' } },
      schema: {
        tags: ['assessment'],
        summary: '任务分解: targets of the year (a unit: its own rows and the district’s)',
        params: yearParams,
        response: { 200: targetsSchema },
      },
    },
    async (req) => service.targets(callerOf(req), req.params.year),
  );

  r.put(
    '/api/assessment/years/:year/targets',
    {
      config: { access: { permission: 'assessment.manage' }, action: 'assessment.targets' },
      schema: {
        tags: ['assessment'],
        summary:
          'Save a batch of targets in one transaction (annual null removes one); every problem at once',
        params: yearParams,
        body: targetsInput,
        response: { 200: targetsSchema },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      await service.saveTargets(caller, actorOf(req), req.params.year, req.body.rows);
      return service.targets(caller, req.params.year);
    },
  );

  r.get(
    '/api/assessment/years/:year/targets.xlsx',
    {
      config: { access: { permission: 'assessment.read' } },
      schema: {
        tags: ['assessment'],
        summary: 'The targets as .xlsx: 任务分解 (units × indicators) and 外资任务表 (万美元 by quarter)',
        params: yearParams,
      },
    },
    async (req, reply) => {
      const view = await service.targets(callerOf(req), req.params.year);
      const body = await targetsWorkbook(view.units, view.rows);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(`任务分解-${req.params.year}.xlsx`)}`,
        )
        .send(body);
    },
  );

  r.post(
    '/api/assessment/years/:year/targets/import',
    {
      config: { access: { permission: 'assessment.manage' }, action: 'assessment.targets_import' },
      schema: {
        tags: ['assessment'],
        summary:
          'Import targets from .xlsx (multipart `file`): every problem by sheet/row/column, or all saved',
        params: yearParams,
        response: { 200: targetsImportResult },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const file = await readSingleFile(req);
      const units = await assessedUnits(db, caller.districtId);
      const parsed = await readTargetsWorkbook(file.content, units);
      if (parsed.problems.length > 0) return { saved: false, count: 0, problems: parsed.problems };
      if (parsed.rows.length === 0) {
        return {
          saved: false,
          count: 0,
          problems: [
            {
              sheet: '',
              row: 0,
              column: '',
              message: 'The file holds no targets.',
              messageZh: '文件中没有任何任务数。',
            },
          ],
        };
      }
      const count = await service.saveTargets(caller, actorOf(req), req.params.year, parsed.rows, 'import');
      return { saved: true, count, problems: [] };
    },
  );

  r.get(
    '/api/assessment/progress',
    {
      config: { access: { permission: 'assessment.read' } },
      schema: {
        tags: ['assessment'],
        summary:
          'Progress against target and time per unit and indicator (a unit: its own row and the district)',
        querystring: progressQuery,
        response: { 200: progressSchema },
      },
    },
    async (req) => service.progress(callerOf(req), req.query),
  );

  r.get(
    '/api/indicators/drill',
    {
      config: { access: { permission: 'assessment.read' } },
      schema: {
        tags: ['assessment'],
        summary: 'The records behind one unit’s figure (a unit may open only its own)',
        querystring: drillQuery,
        response: { 200: drillSchema },
      },
    },
    async (req) => service.drill(callerOf(req), req.query),
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Permission } from '../../../domain/access/permissions.js';
import type { SubmissionAction } from '../../../domain/capital/capital.rules.js';
import {
  capitalReportSchema,
  monthSheetSchema,
  monthString,
  projectCapitalSchema,
  submissionActionInput,
  submissionSchema,
  upsertCapitalReportInput,
} from '../../../domain/capital/capital.schemas.js';
import { readSingleFile } from '../../http/multipart.js';
import { actorOf, authOf, scopeOf } from '../../http/request-context.js';
import { capitalWorkbook } from './capital.export.js';
import type { CapitalService } from './capital.service.js';

const voucherSchema = z.object({
  id: z.string().uuid(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
const monthParams = z.object({ month: monthString });
const reportParams = z.object({ reportId: z.string().uuid() });

const TRANSITIONS: { action: SubmissionAction; permission: Permission; summary: string }[] = [
  { action: 'submit', permission: 'pipeline.write', summary: 'The unit submits its month (locks editing)' },
  { action: 'approve', permission: 'capital.approve', summary: 'The unit head (or the center) approves' },
  {
    action: 'return',
    permission: 'capital.approve',
    summary: 'The unit head (or the center) returns, with a reason',
  },
  {
    action: 'reopen',
    permission: 'capital.reopen',
    summary: 'The center reopens an approved month, with a reason',
  },
];

export function registerCapitalRoutes(app: FastifyInstance, service: CapitalService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/projects/:projectId/capital-reports',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['capital'],
        summary: 'A project’s monthly funds in place, newest month first',
        params: z.object({ projectId: z.string().uuid() }),
        response: { 200: projectCapitalSchema },
      },
    },
    async (req) => service.listForProject(scopeOf(req), req.params.projectId),
  );

  r.put(
    '/api/projects/:projectId/capital-reports/:month',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'capital.upsert' },
      schema: {
        tags: ['capital'],
        summary: 'Enter or correct one project-month (refused once the unit-month is submitted)',
        params: z.object({ projectId: z.string().uuid(), month: monthString }),
        body: upsertCapitalReportInput,
        response: { 200: capitalReportSchema },
      },
    },
    async (req) =>
      service.upsert(
        authOf(req).user,
        scopeOf(req),
        actorOf(req),
        req.params.projectId,
        req.params.month,
        req.body,
      ),
  );

  r.get(
    '/api/capital/months/:month',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['capital'],
        summary: 'A unit’s month sheet: every reporting project with its report, and the submission',
        params: monthParams,
        querystring: z.object({ unitId: z.string().uuid() }),
        response: { 200: monthSheetSchema },
      },
    },
    async (req) => service.sheet(scopeOf(req), req.params.month, req.query.unitId),
  );

  for (const t of TRANSITIONS) {
    r.post(
      `/api/capital/months/:month/${t.action}`,
      {
        config: { access: { permission: t.permission }, action: `capital.${t.action}` },
        schema: {
          tags: ['capital'],
          summary: t.summary,
          params: monthParams,
          body: submissionActionInput,
          response: { 200: submissionSchema },
        },
      },
      async (req) =>
        service.transition(
          authOf(req).user,
          scopeOf(req),
          actorOf(req),
          req.params.month,
          t.action,
          req.body,
        ),
    );
  }

  const dueDaySchema = z.object({ dueDay: z.number().int().min(1).max(28) });
  r.get(
    '/api/settings/capital-due-day',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['capital'],
        summary: 'The day of the next month by which a unit’s month counts as on time',
        response: { 200: dueDaySchema },
      },
    },
    async (req) => service.dueDay(authOf(req).user.districtId),
  );

  r.put(
    '/api/settings/capital-due-day',
    {
      config: { access: { permission: 'pipeline.coordinate' }, action: 'settings.capital_due_day' },
      schema: {
        tags: ['capital'],
        summary: 'Set the on-time day (1–28) for the caller’s district',
        body: dueDaySchema,
        response: { 200: dueDaySchema },
      },
    },
    async (req) =>
      service.setDueDay(authOf(req).user.districtId, authOf(req).user.id, actorOf(req), req.body.dueDay),
  );

  r.get(
    '/api/capital/submissions',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['capital'],
        summary: '报送情况: each unit’s status for a month, on time, late or missing',
        querystring: z.object({ month: monthString }),
        response: { 200: z.array(submissionSchema) },
      },
    },
    async (req) => service.submissions(scopeOf(req), req.query.month),
  );

  r.get(
    '/api/capital/export.xlsx',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['capital'],
        summary: 'A month’s reports as .xlsx: one unit, or every unit in scope',
        querystring: z.object({ month: monthString, unitId: z.string().uuid().optional() }),
      },
    },
    async (req, reply) => {
      const { month, unitId } = req.query;
      const body = await capitalWorkbook(month, await service.exportRows(scopeOf(req), month, unitId));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(`资金到位-${month}.xlsx`)}`,
        )
        .send(body);
    },
  );

  r.get(
    '/api/capital/reports/:reportId/vouchers',
    {
      config: { access: { permission: 'pipeline.read' } },
      schema: {
        tags: ['capital'],
        summary: 'Vouchers of a report (download each at /api/attachments/:id)',
        params: reportParams,
        response: { 200: z.array(voucherSchema) },
      },
    },
    async (req) => service.listVouchers(scopeOf(req), req.params.reportId),
  );

  r.post(
    '/api/capital/reports/:reportId/vouchers',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'capital.voucher_upload' },
      schema: {
        tags: ['capital'],
        summary: 'Attach a voucher (multipart `file`); refused once the unit-month is submitted',
        params: reportParams,
        response: { 201: voucherSchema },
      },
    },
    async (req, reply) => {
      const file = await readSingleFile(req);
      const saved = await service.uploadVoucher(
        authOf(req).user,
        scopeOf(req),
        actorOf(req),
        req.params.reportId,
        file,
      );
      return reply.code(201).send(saved);
    },
  );

  r.delete(
    '/api/capital/reports/:reportId/vouchers/:attachmentId',
    {
      config: { access: { permission: 'pipeline.write' }, action: 'capital.voucher_delete' },
      schema: {
        tags: ['capital'],
        summary: 'Remove a voucher while the month is still editable',
        params: z.object({ reportId: z.string().uuid(), attachmentId: z.string().uuid() }),
      },
    },
    async (req, reply) => {
      await service.deleteVoucher(scopeOf(req), actorOf(req), req.params.reportId, req.params.attachmentId);
      return reply.code(204).send();
    },
  );
}

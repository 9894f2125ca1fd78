import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  cityComparisonSchema,
  deleteFigureQuery,
  importResultSchema,
  putFiguresInput,
  yearMonthQuery,
} from '../../../domain/city-comparison/city-comparison.schemas.js';
import { readSingleFile } from '../../http/multipart.js';
import { actorOf, authOf, scopeOf } from '../../http/request-context.js';
import type { CityComparisonService } from './city-comparison.service.js';

// 横向对比: read by every business role of the district (assessment.read), the other districts' figures kept by
// the center (assessment.manage). City viewers (scope 'city') have no assessment.read today.
export function registerCityComparisonRoutes(app: FastifyInstance, city: CityComparisonService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/assessment/city',
    {
      config: { access: { permission: 'assessment.read' } },
      schema: {
        tags: ['assessment'],
        summary:
          'The district among the districts of its city, cumulative through a month: standings per indicator (rank, 标兵, 追兵, goal rank) and every district’s figure with its source',
        querystring: yearMonthQuery,
        response: { 200: cityComparisonSchema },
      },
    },
    async (req) => city.view(authOf(req).user, scopeOf(req), req.query.year, req.query.month),
  );

  r.put(
    '/api/assessment/city/figures',
    {
      config: { access: { permission: 'assessment.manage' }, action: 'city_comparison.put_figures' },
      schema: {
        tags: ['assessment'],
        summary:
          'Type other districts’ figures for a month (元 / 美分 as integer strings, counts as decimals; null clears one); answers the updated comparison',
        body: putFiguresInput,
        response: { 200: cityComparisonSchema },
      },
    },
    async (req) => city.putFigures(authOf(req).user, scopeOf(req), actorOf(req), req.body),
  );

  r.delete(
    '/api/assessment/city/figures',
    {
      config: { access: { permission: 'assessment.manage' }, action: 'city_comparison.delete_figure' },
      schema: {
        tags: ['assessment'],
        summary:
          'Remove one typed/imported figure of another district (or, without indicatorKey, all of its month)',
        querystring: deleteFigureQuery,
        response: { 200: z.object({ deleted: z.number().int() }) },
      },
    },
    async (req) => ({
      deleted: await city.deleteFigures(authOf(req).user, scopeOf(req), actorOf(req), req.query),
    }),
  );

  r.get(
    '/api/assessment/city/template.xlsx',
    {
      config: { access: { permission: 'assessment.read' } },
      schema: {
        tags: ['assessment'],
        summary:
          'The city bulletin table for a month as .xlsx (rows = districts, columns = indicators in 万元 / 万美元 / 个)',
        querystring: yearMonthQuery,
      },
    },
    async (req, reply) => {
      const { year, month } = req.query;
      const body = await city.template(authOf(req).user, scopeOf(req), year, month);
      const name = `全市横向对比_${year}年1-${month}月.xlsx`;
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(body);
    },
  );

  r.post(
    '/api/assessment/city/import',
    {
      config: { access: { permission: 'assessment.manage' }, action: 'city_comparison.import' },
      schema: {
        tags: ['assessment'],
        summary:
          'Import the city’s table (multipart `file`, .xlsx) for a month: every cell checked, all problems by row and column, nothing saved unless all are right',
        querystring: yearMonthQuery,
        response: { 200: importResultSchema },
      },
    },
    async (req) => {
      const { content } = await readSingleFile(req);
      return city.importFile(
        authOf(req).user,
        scopeOf(req),
        actorOf(req),
        req.query.year,
        req.query.month,
        content,
      );
    },
  );
}

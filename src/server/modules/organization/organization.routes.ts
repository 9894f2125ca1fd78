import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createDistrictInput,
  createUnitInput,
  regionSchema,
  unitSchema,
  updateUnitInput,
} from '../../../domain/organization/organization.schemas.js';
import { actorOf, authOf } from '../../http/request-context.js';
import type { OrganizationService } from './organization.service.js';

export function registerOrganizationRoutes(app: FastifyInstance, service: OrganizationService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/regions',
    {
      config: { access: { permission: 'organization.read' } },
      schema: {
        tags: ['organization'],
        summary: 'City and districts',
        response: { 200: z.array(regionSchema) },
      },
    },
    async (req) => service.listRegions(authOf(req).user),
  );

  r.post(
    '/api/regions',
    {
      config: { access: { permission: 'organization.manage' }, action: 'regions.create' },
      schema: {
        tags: ['organization'],
        summary: 'Add a district to the city',
        body: createDistrictInput,
        response: { 201: regionSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.createDistrict(authOf(req).user, actorOf(req), req.body)),
  );

  r.get(
    '/api/units',
    {
      config: { access: { permission: 'organization.read' } },
      schema: {
        tags: ['organization'],
        summary: 'Units of the districts the caller can see',
        querystring: z.object({
          districtId: z.string().uuid().optional(),
          includeInactive: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: z.array(unitSchema) },
      },
    },
    async (req) =>
      service.listUnits(authOf(req).user, {
        districtId: req.query.districtId,
        includeInactive: req.query.includeInactive === 'true',
      }),
  );

  r.post(
    '/api/units',
    {
      config: { access: { permission: 'organization.manage' }, action: 'units.create' },
      schema: {
        tags: ['organization'],
        summary: 'Create a unit',
        body: createUnitInput,
        response: { 201: unitSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.createUnit(authOf(req).user, actorOf(req), req.body)),
  );

  r.patch(
    '/api/units/:unitId',
    {
      config: { access: { permission: 'organization.manage' }, action: 'units.update' },
      schema: {
        tags: ['organization'],
        summary: 'Edit, deactivate or reactivate a unit',
        params: z.object({ unitId: z.string().uuid() }),
        body: updateUnitInput,
        response: { 200: unitSchema },
      },
    },
    async (req) => service.updateUnit(authOf(req).user, actorOf(req), req.params.unitId, req.body),
  );
}

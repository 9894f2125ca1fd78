import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { actorOf, authOf } from '../../http/request-context.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import {
  type LandingSettingsService,
  landingSettingsInput,
  landingSettingsSchema,
} from './landing-settings.js';
import { runReminders } from './reminders.js';

const countsSchema = z.record(z.string(), z.number().int());

export function registerRemindersRoutes(
  app: FastifyInstance,
  deps: { db: Database; audit: AuditRepository; now: () => Date; settings: LandingSettingsService },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/reminders/run',
    {
      config: { access: { permission: 'landing.coordinate' }, action: 'reminders.run' },
      schema: {
        tags: ['reminders'],
        summary:
          'Run the reminder job for the caller’s district now (skipped when another server is running it)',
        response: {
          200: z.object({
            skipped: z.boolean(),
            created: z.number().int(),
            outbound: z.number().int(),
            counts: countsSchema,
          }),
        },
      },
    },
    async (req) => {
      const u = authOf(req).user;
      const res = await runReminders(deps.db, deps.now(), {
        districtId: u.districtId,
        onLocked: (trx) =>
          deps.audit.append(trx, actorOf(req), {
            action: 'reminders.run',
            objectType: 'district',
            objectId: u.districtId,
            result: 'success',
          }),
      });
      if (res.skipped) {
        // Another server holds the job right now and will write the same notices.
        await deps.audit.appendStandalone(actorOf(req), {
          action: 'reminders.run',
          objectType: 'district',
          objectId: u.districtId,
          result: 'success',
          detail: 'skipped: running elsewhere',
        });
        return { skipped: true, created: 0, outbound: 0, counts: {} };
      }
      return { skipped: false, created: res.created, outbound: res.outbound, counts: res.counts };
    },
  );

  r.get(
    '/api/landing/settings',
    {
      config: { access: { permission: 'landing.read' } },
      schema: {
        tags: ['reminders'],
        summary:
          'The landing clocks, the reminder rules (defaults where unset) and the last 10 reminder runs',
        response: { 200: landingSettingsSchema },
      },
    },
    async (req) => deps.settings.get(authOf(req).user.districtId),
  );

  r.put(
    '/api/landing/settings',
    {
      config: { access: { permission: 'landing.coordinate' }, action: 'landing.settings' },
      schema: {
        tags: ['reminders'],
        summary: 'Set the landing clocks and reminder rules',
        body: landingSettingsInput,
        response: { 200: landingSettingsSchema },
      },
    },
    async (req) => {
      const u = authOf(req).user;
      return deps.settings.save(u.districtId, u.id, actorOf(req), req.body);
    },
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';

export function registerHealthRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<DB>; version: string; databaseKind: 'embedded' | 'external' },
): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database facts',
        response: {
          200: z.object({
            status: z.literal('ok'),
            version: z.string(),
            database: z.object({ kind: z.enum(['embedded', 'external']), serverVersion: z.string() }),
          }),
        },
      },
    },
    async () => {
      const r = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(deps.db);
      return {
        status: 'ok' as const,
        version: deps.version,
        database: { kind: deps.databaseKind, serverVersion: r.rows[0]!.v },
      };
    },
  );
}

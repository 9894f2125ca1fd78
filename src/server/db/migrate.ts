import { type Kysely, Migrator, sql } from 'kysely';
import { migrations } from './migrations/index.js';
import type { DB } from './schema.js';

export class SchemaTooNewError extends Error {
  constructor(unknown: string[]) {
    super(
      `The database has migrations this program does not know (${unknown.join(', ')}): it was written by a ` +
        'newer version of Zhaoshang Dispatch. Run that version (or newer) against it; refusing to start.',
    );
    this.name = 'SchemaTooNewError';
  }
}

/**
 * Brings the schema to this program's version. Kysely's migrator runs all pending migrations in one
 * transaction under a lock table, so two app servers starting together apply them once.
 */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const known = new Set(Object.keys(migrations));
  const exists = await sql<{
    exists: boolean;
  }>`select to_regclass('public.kysely_migration') is not null as exists`
    .execute(db)
    .then((r) => r.rows[0]?.exists);
  if (exists) {
    const done = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    const unknown = done.rows.map((r) => r.name).filter((n) => !known.has(n));
    if (unknown.length > 0) throw new SchemaTooNewError(unknown);
  }
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

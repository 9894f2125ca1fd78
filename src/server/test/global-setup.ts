import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../db/database.js';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../db/embedded-postgres.js';
import { migrateToLatest } from '../db/migrate.js';

// One PostgreSQL for the whole run (the embedded one, or DATABASE_URL's server); each test file then gets
// its own database cloned from a migrated template, so files run in parallel without seeing each other.
export const TEMPLATE_DB = 'zs_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdmin:
      | { host: string; port: number; user: string; password: string; database: string }
      | { connectionString: string };
    templateDb: string;
  }
}

let embedded: EmbeddedPostgres | null = null;
let dataDir: string | null = null;

export default async function setup(project: TestProject) {
  let admin:
    | { host: string; port: number; user: string; password: string; database: string }
    | { connectionString: string };
  if (process.env.DATABASE_URL) {
    admin = { connectionString: process.env.DATABASE_URL };
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-test-pg-'));
    embedded = await startEmbeddedPostgres({ dataDir, log: () => {}, unsafeFast: true });
    admin = {
      host: embedded.host,
      port: embedded.port,
      user: embedded.user,
      password: embedded.password,
      database: 'postgres',
    };
  }
  const adminDb = createDatabase(admin, 2);
  const { sql } = await import('kysely');
  await sql.raw(`drop database if exists ${TEMPLATE_DB} with (force)`).execute(adminDb);
  await sql.raw(`create database ${TEMPLATE_DB}`).execute(adminDb);
  await adminDb.destroy();
  const templateConn =
    'connectionString' in admin
      ? withDatabase(admin.connectionString, TEMPLATE_DB)
      : { ...admin, database: TEMPLATE_DB };
  const template = createDatabase(templateConn, 2);
  await migrateToLatest(template);
  await template.destroy();

  project.provide('pgAdmin', admin);
  project.provide('templateDb', TEMPLATE_DB);

  return async () => {
    await embedded?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

export function withDatabase(connectionString: string, database: string): { connectionString: string } {
  const u = new URL(connectionString);
  u.pathname = `/${database}`;
  return { connectionString: u.toString() };
}

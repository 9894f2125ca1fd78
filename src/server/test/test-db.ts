import crypto from 'node:crypto';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { createDatabase, type Database, type PgConnection } from '../db/database.js';

function connectionFor(database: string): PgConnection {
  const admin = inject('pgAdmin');
  if ('connectionString' in admin) {
    const u = new URL(admin.connectionString);
    u.pathname = `/${database}`;
    return { connectionString: u.toString() };
  }
  return { ...admin, database };
}

/** A fresh, migrated database of this test file's own; dropped by `drop()`. */
export async function createTestDatabase(): Promise<{
  db: Database;
  name: string;
  connection: PgConnection;
  drop(): Promise<void>;
}> {
  const name = `zs_test_${crypto.randomBytes(6).toString('hex')}`;
  const adminConn = inject('pgAdmin');
  const admin = createDatabase('connectionString' in adminConn ? adminConn : { ...adminConn }, 1);
  await sql.raw(`create database ${name} template ${inject('templateDb')}`).execute(admin);
  const connection = connectionFor(name);
  const db = createDatabase(connection, 5);
  return {
    db,
    name,
    connection,
    async drop() {
      await db.destroy();
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin);
      await admin.destroy();
    },
  };
}

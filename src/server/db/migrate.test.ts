import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/test-db.js';
import { migrateToLatest, SchemaTooNewError } from './migrate.js';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('migrations', () => {
  it('do nothing on an up-to-date schema', async () => {
    expect(await migrateToLatest(t.db)).toEqual([]);
  });

  it('refuse to run against a schema written by a newer version', async () => {
    await sql`insert into kysely_migration (name, timestamp) values ('9999_from_the_future', now()::text)`.execute(
      t.db,
    );
    await expect(migrateToLatest(t.db)).rejects.toBeInstanceOf(SchemaTooNewError);
    await expect(migrateToLatest(t.db)).rejects.toThrow(/9999_from_the_future/);
    await sql`delete from kysely_migration where name = '9999_from_the_future'`.execute(t.db);
  });

  it('sort names by pinyin with the ICU collation the queries use', async () => {
    const r = await sql<{
      name: string;
    }>`select name from (values ('中国'), ('安徽'), ('柳州'), ('北京')) v(name) order by name collate "zh-x-icu"`.execute(
      t.db,
    );
    expect(r.rows.map((x) => x.name)).toEqual(['安徽', '北京', '柳州', '中国']);
  });
});

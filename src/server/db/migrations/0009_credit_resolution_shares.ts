import { type Kysely, sql } from 'kysely';

// A co-credit decision keeps its shares on the resolution itself, so the conflicts page can show it and a
// project converted later from one of the enterprise's leads is credited the same way without asking again.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table credit_resolutions
      -- [{ "unitId": uuid, "basisPoints": 1..10000 }], summing to 10000; null for a primary-unit decision
      add column shares jsonb,
      add constraint credit_resolutions_shares_kind check ((kind = 'co_credit') = (shares is not null));
  `.execute(db);
}

import { type Kysely, type RawBuilder, sql } from 'kysely';
import { type DataScope, scopeDistricts } from '../../../domain/access/scope.js';
import { rateOf } from '../../../domain/indicators/catalogue.js';
import type { Outcome, OutcomeDimension } from '../../../domain/network/network.schemas.js';
import { SOURCE_KIND_LABELS, type SourceKind } from '../../../domain/network/network-codes.js';
import { CHANNEL_LABELS, type Channel } from '../../../domain/projects/project-attributes.js';
import type { DB } from '../../db/schema.js';
import { inScope } from '../../db/scope-filter.js';

// What each source, event or channel produced in a period: THE one computation behind the effectiveness page,
// an event's outcome card and the referral counts (definitions on outcomeSchema in domain/network). Leads and
// projects are read within the caller's scope, so a town sees what its own work produced.

interface LeadRow {
  key: string;
  leads: string;
  converted: string;
}
interface ProjectRow {
  key: string;
  signed: string;
  signedAmountYuan: string;
  landed: string;
  started: string;
}

/** The grouping key of a lead (alias l) or project (alias p) for a dimension; null rows are not credited. */
function keyOf(by: OutcomeDimension, alias: 'l' | 'p'): RawBuilder<string> {
  switch (by) {
    case 'channel':
      return sql<string>`${sql.ref(`${alias}.channel`)}`;
    case 'source':
      return sql<string>`${sql.ref(`${alias}.referral_source_id`)}::text`;
    case 'source_kind':
      return sql<string>`(select ns.kind from network_sources ns where ns.id = ${sql.ref(`${alias}.referral_source_id`)})`;
    case 'event':
      return sql<string>`${sql.ref(`${alias}.event_id`)}::text`;
  }
}

export async function outcomesBy(
  db: Kysely<DB>,
  scope: DataScope,
  query: { by: OutcomeDimension; from: string; to: string; keys?: readonly string[] },
): Promise<Outcome[]> {
  const { by, from, to } = query;
  const keys = query.keys && query.keys.length > 0 ? query.keys : null;
  const leadKey = keyOf(by, 'l');
  const projectKey = keyOf(by, 'p');
  const onlyKeys = (k: RawBuilder<string>) => (keys ? sql`and ${k} = any(${keys}::text[])` : sql``);

  const [leadRows, projectRows] = await Promise.all([
    sql<LeadRow>`
      select ${leadKey} as key,
             count(*)::text as leads,
             count(*) filter (where l.status = 'converted')::text as converted
        from leads l
       where ${inScope(scope, { district: 'l.district_id', unit: 'l.unit_id' })}
         and l.received_on between ${from}::date and ${to}::date
         and ${leadKey} is not null ${onlyKeys(leadKey)}
       group by 1`.execute(db),
    sql<ProjectRow>`
      select ${projectKey} as key,
             count(*) filter (where p.signing_date between ${from}::date and ${to}::date)::text as signed,
             coalesce(sum(p.signed_amount_yuan) filter (where p.signing_date between ${from}::date and ${to}::date), 0)::text
               as signed_amount_yuan,
             count(*) filter (where p.landed_date between ${from}::date and ${to}::date)::text as landed,
             count(*) filter (where p.start_date between ${from}::date and ${to}::date)::text as started
        from projects p
       where ${inScope(scope, { district: 'p.district_id', unit: 'p.unit_id' })}
         and p.stage <> 'withdrawn'
         and ${projectKey} is not null ${onlyKeys(projectKey)}
         and (p.signing_date between ${from}::date and ${to}::date
           or p.landed_date between ${from}::date and ${to}::date
           or p.start_date between ${from}::date and ${to}::date)
       group by 1`.execute(db),
  ]);

  const byKey = new Map<string, Outcome>();
  const entry = (key: string): Outcome => {
    let o = byKey.get(key);
    if (!o) {
      o = {
        key,
        label: key,
        leads: 0,
        converted: 0,
        conversion: null,
        signed: 0,
        signedAmountYuan: '0',
        landed: 0,
        started: 0,
      };
      byKey.set(key, o);
    }
    return o;
  };
  for (const r of leadRows.rows) {
    const o = entry(r.key);
    o.leads = Number(r.leads);
    o.converted = Number(r.converted);
  }
  for (const r of projectRows.rows) {
    const o = entry(r.key);
    o.signed = Number(r.signed);
    o.signedAmountYuan = r.signedAmountYuan;
    o.landed = Number(r.landed);
    o.started = Number(r.started);
  }
  // Asked-for keys with nothing to show still get a row of zeros: "this event produced nothing" is an answer.
  for (const k of keys ?? []) entry(k);

  const outcomes = [...byKey.values()];
  for (const o of outcomes) o.conversion = rateOf({ numerator: o.converted, denominator: o.leads });
  await label(db, scope, by, outcomes);
  // Most productive first: signed amount, then signed count, then leads; the key keeps ties stable.
  return outcomes.sort(
    (a, b) =>
      compareBig(b.signedAmountYuan, a.signedAmountYuan) ||
      b.signed - a.signed ||
      b.leads - a.leads ||
      a.key.localeCompare(b.key),
  );
}

function compareBig(a: string, b: string): number {
  const d = BigInt(a) - BigInt(b);
  return d > 0n ? 1 : d < 0n ? -1 : 0;
}

async function label(
  db: Kysely<DB>,
  scope: DataScope,
  by: OutcomeDimension,
  outcomes: Outcome[],
): Promise<void> {
  if (by === 'channel') {
    for (const o of outcomes) o.label = CHANNEL_LABELS[o.key as Channel]?.zh ?? o.key;
    return;
  }
  if (by === 'source_kind') {
    for (const o of outcomes) o.label = SOURCE_KIND_LABELS[o.key as SourceKind]?.zh ?? o.key;
    return;
  }
  const ids = outcomes.map((o) => o.key).filter((k) => /^[0-9a-f-]{36}$/.test(k));
  const districts = scopeDistricts(scope);
  if (ids.length === 0 || districts.length === 0) return;
  // Names of sources and events are offered to every unit of their district (pickers), never across districts.
  const names =
    by === 'source'
      ? await db
          .selectFrom('networkSources')
          .select(['id', 'name'])
          .where('id', 'in', ids)
          .where('districtId', 'in', districts)
          .execute()
      : await db
          .selectFrom('promotionEvents')
          .select(['id', 'name'])
          .where('id', 'in', ids)
          .where('districtId', 'in', districts)
          .execute();
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  for (const o of outcomes) o.label = nameOf.get(o.key) ?? o.key;
}

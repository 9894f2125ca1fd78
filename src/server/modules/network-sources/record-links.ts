import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import { CHAIN_SEGMENT_LABELS, CHAIN_SEGMENTS } from '../../../domain/network/network-codes.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';

// A lead or a project points at the source that referred it, the event it came from and the chain link it
// fills (migration 0012). The pointers are checked here, once for both, against the record's OWN district:
// a name is offered district-wide (pickers), so any unit may credit another unit's chamber, but never a
// source, event or link of another district.

type Q = Kysely<DB> | Transaction<DB>;

export interface RecordLinks {
  referralSourceId?: string | null;
  eventId?: string | null;
  chainLinkId?: string | null;
}

const FIELDS = [
  ['referralSourceId', 'referral_source_unknown', 'referral source', '推荐来源'],
  ['eventId', 'event_unknown', 'event', '招商活动'],
  ['chainLinkId', 'chain_link_unknown', 'chain link', '产业链环节'],
] as const;

/** 400 `<module>.referral_source_unknown` (…event_unknown, …chain_link_unknown) for an id not of the district. */
export async function assertRecordLinks(
  q: Q,
  module: 'leads' | 'projects',
  districtId: string,
  links: RecordLinks,
): Promise<void> {
  const tables = {
    referralSourceId: 'networkSources',
    eventId: 'promotionEvents',
    chainLinkId: 'chainLinks',
  } as const;
  for (const [field, code, what, whatZh] of FIELDS) {
    const id = links[field];
    if (!id) continue;
    const found = await q
      .selectFrom(tables[field])
      .select('id')
      .where('id', '=', id)
      .where('districtId', '=', districtId)
      .executeTakeFirst();
    if (!found) {
      const message = `The ${what} is not one of this district's.`;
      const messageZh = `所选${whatZh}不属于本县区。`;
      throw new AppError(400, `${module}.${code}`, message, messageZh, {
        [field]: { message, messageZh },
      });
    }
  }
}

const segmentLabel = sql.join(
  CHAIN_SEGMENTS.map((s) => sql`when ${s} then ${CHAIN_SEGMENT_LABELS[s].zh}`),
  sql` `,
);

/**
 * The names shown next to the pointers of a lead or project (alias `alias`): the source's name, the event's
 * name and the link as the pickers label it (高端标准件/紧固件 · 上游 · 线材).
 */
export function recordLinkLabels(alias: string): {
  referralSourceName: RawBuilder<string | null>;
  eventName: RawBuilder<string | null>;
  chainLinkLabel: RawBuilder<string | null>;
} {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  return {
    referralSourceName: sql<
      string | null
    >`(select ns.name from network_sources ns where ns.id = ${col('referral_source_id')})`,
    eventName: sql<string | null>`(select pe.name from promotion_events pe where pe.id = ${col('event_id')})`,
    chainLinkLabel: sql<
      string | null
    >`(select c.name || ' · ' || (case cl.segment ${segmentLabel} end) || ' · ' || cl.name
        from chain_links cl join chains c on c.id = cl.chain_id where cl.id = ${col('chain_link_id')})`,
  };
}

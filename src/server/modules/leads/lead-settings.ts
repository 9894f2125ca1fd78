import type { Kysely, Transaction } from 'kysely';
import { diffFields } from '../../../domain/audit/audit.schemas.js';
import { DEFAULT_LEAD_CLOCK_SETTINGS, type LeadClockSettings } from '../../../domain/leads/leads.schemas.js';
import type { DB } from '../../db/schema.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';

type Q = Kysely<DB> | Transaction<DB>;

/** A district's lead clocks: its district_settings row, or the published defaults when it has none. */
export async function leadClockSettingsOf(q: Q, districtId: string): Promise<LeadClockSettings> {
  const row = await q
    .selectFrom('districtSettings')
    .select(['leadRespondDays', 'leadScreenDays', 'leadFeedbackDays', 'leadReportIntervalDays'])
    .where('districtId', '=', districtId)
    .executeTakeFirst();
  if (!row) return { ...DEFAULT_LEAD_CLOCK_SETTINGS };
  return {
    respondDays: row.leadRespondDays,
    screenDays: row.leadScreenDays,
    feedbackDays: row.leadFeedbackDays,
    reportIntervalDays: row.leadReportIntervalDays,
  };
}

export function createLeadSettingsService({
  db,
  audit,
  now,
}: {
  db: Kysely<DB>;
  audit: AuditRepository;
  now: () => Date;
}) {
  async function get(districtId: string) {
    return leadClockSettingsOf(db, districtId);
  }

  /** Only the lead columns: the row's other settings (capital due day …) belong to other pages. */
  async function save(districtId: string, userId: string, actor: AuditActor, s: LeadClockSettings) {
    return db.transaction().execute(async (trx) => {
      const before = await leadClockSettingsOf(trx, districtId);
      const cols = {
        leadRespondDays: s.respondDays,
        leadScreenDays: s.screenDays,
        leadFeedbackDays: s.feedbackDays,
        leadReportIntervalDays: s.reportIntervalDays,
        updatedBy: userId,
        updatedAt: now(),
      };
      await trx
        .insertInto('districtSettings')
        .values({ districtId, ...cols })
        .onConflict((oc) => oc.column('districtId').doUpdateSet(cols))
        .execute();
      await audit.append(trx, actor, {
        action: 'settings.lead_clocks',
        objectType: 'district',
        objectId: districtId,
        result: 'success',
        changes: diffFields(before, s),
      });
      return leadClockSettingsOf(trx, districtId);
    });
  }

  return { get, save };
}
export type LeadSettingsService = ReturnType<typeof createLeadSettingsService>;

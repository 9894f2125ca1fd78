import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { diffFields } from '../../../domain/audit/audit.schemas.js';
import {
  effectiveRules,
  REMINDER_KINDS,
  type ReminderRule,
  reminderRuleSchema,
} from '../../../domain/landing/reminder-rules.js';
import { amountString } from '../../../domain/money/money.js';
import type { DB } from '../../db/schema.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';

// The landing service's clocks (district_settings) and the reminder rules, edited together by the center on
// /landing/settings, with the reminder job's last runs beside them.

type Q = Kysely<DB> | Transaction<DB>;

export const landingClocksSchema = z.object({
  preReviewThresholdYuan: amountString,
  preReviewOpinionDays: z.number().int().min(1).max(90),
  problemDeadlineDays: z.number().int().min(1).max(180),
  problemEscalateDays: z.number().int().min(0).max(90),
  firstContactDays: z.number().int().min(1).max(60),
});
export type LandingClocks = z.infer<typeof landingClocksSchema>;

export const jobRunSchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  host: z.string().nullable(),
  createdCount: z.number().int(),
  detail: z.record(z.string(), z.number()).nullable(),
});

export const landingSettingsSchema = z.object({
  clocks: landingClocksSchema,
  rules: z.array(reminderRuleSchema),
  runs: z.array(jobRunSchema),
});
export const landingSettingsInput = z.object({
  clocks: landingClocksSchema,
  rules: z
    .array(reminderRuleSchema)
    .max(REMINDER_KINDS.length)
    .refine((rs) => new Set(rs.map((r) => r.kind)).size === rs.length, { message: '每类提醒只能有一条规则' }),
});
export type LandingSettingsInput = z.infer<typeof landingSettingsInput>;

/** The migration's defaults, for a district that never saved its settings. */
const DEFAULT_CLOCKS: LandingClocks = {
  preReviewThresholdYuan: '100000000',
  preReviewOpinionDays: 10,
  problemDeadlineDays: 15,
  problemEscalateDays: 3,
  firstContactDays: 5,
};

export async function landingClocksOf(q: Q, districtId: string): Promise<LandingClocks> {
  const row = await q
    .selectFrom('districtSettings')
    .select([
      'preReviewThresholdYuan',
      'preReviewOpinionDays',
      'problemDeadlineDays',
      'problemEscalateDays',
      'firstContactDays',
    ])
    .where('districtId', '=', districtId)
    .executeTakeFirst();
  return row ? { ...row, preReviewThresholdYuan: String(row.preReviewThresholdYuan) } : { ...DEFAULT_CLOCKS };
}

export async function reminderRulesOf(q: Q, districtId: string): Promise<ReminderRule[]> {
  const rows = await q
    .selectFrom('reminderRules')
    .select(['kind', 'enabled', 'daysBefore', 'escalateAfterDays', 'channels'])
    .where('districtId', '=', districtId)
    .execute();
  return Object.values(effectiveRules(rows));
}

export function createLandingSettingsService({
  db,
  audit,
  now,
}: {
  db: Kysely<DB>;
  audit: AuditRepository;
  now: () => Date;
}) {
  async function runs(q: Q) {
    const rows = await q
      .selectFrom('jobRuns')
      .select(['id', 'startedAt', 'finishedAt', 'host', 'createdCount', 'detail'])
      .where('job', '=', 'reminders')
      .orderBy('startedAt', 'desc')
      .limit(10)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
      host: r.host,
      createdCount: r.createdCount,
      detail: (r.detail as Record<string, number> | null) ?? null,
    }));
  }

  async function get(districtId: string) {
    const [clocks, rules, lastRuns] = await Promise.all([
      landingClocksOf(db, districtId),
      reminderRulesOf(db, districtId),
      runs(db),
    ]);
    return { clocks, rules, runs: lastRuns };
  }

  async function save(districtId: string, userId: string, actor: AuditActor, input: LandingSettingsInput) {
    return db.transaction().execute(async (trx) => {
      const at = now();
      const before = {
        clocks: await landingClocksOf(trx, districtId),
        rules: await reminderRulesOf(trx, districtId),
      };
      const cols = { ...input.clocks, updatedBy: userId, updatedAt: at };
      await trx
        .insertInto('districtSettings')
        .values({ districtId, ...cols })
        .onConflict((oc) => oc.column('districtId').doUpdateSet(cols))
        .execute();
      for (const r of input.rules) {
        const values = {
          enabled: r.enabled,
          daysBefore: r.daysBefore,
          escalateAfterDays: r.escalateAfterDays,
          channels: [...new Set(r.channels)],
          updatedBy: userId,
          updatedAt: at,
        };
        await trx
          .insertInto('reminderRules')
          .values({ districtId, kind: r.kind, ...values })
          .onConflict((oc) => oc.columns(['districtId', 'kind']).doUpdateSet(values))
          .execute();
      }
      const after = {
        clocks: await landingClocksOf(trx, districtId),
        rules: await reminderRulesOf(trx, districtId),
      };
      const flat = (s: typeof before) => ({
        ...s.clocks,
        ...Object.fromEntries(s.rules.map((r) => [r.kind, JSON.stringify(r)])),
      });
      await audit.append(trx, actor, {
        action: 'landing.settings',
        objectType: 'district',
        objectId: districtId,
        result: 'success',
        changes: diffFields(flat(before), flat(after)),
      });
      return { ...after, runs: await runs(trx) };
    });
  }

  return { get, save };
}
export type LandingSettingsService = ReturnType<typeof createLandingSettingsService>;

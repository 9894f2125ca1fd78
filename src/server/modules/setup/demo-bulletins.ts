import type { Transaction } from 'kysely';
import { DEFAULT_CAPITAL_DUE_DAY } from '../../../domain/capital/capital.rules.js';
import { chinaToday } from '../../../domain/dates.js';
import type { DB } from '../../db/schema.js';
import { canonicalJson } from '../audit/audit.repository.js';
import { type BulletinKind, composeSnapshot, sha256 } from '../bulletins/bulletins.compose.js';
import { bulletinRenderers } from '../bulletins/bulletins.render.js';

// The demo district's bulletins: the last full month and the last full quarter before today published (with
// their frozen files, so their periods are locked as after a real publication), and this month's bulletin as
// a draft the center can refresh and publish. Composed by the same code as the service, on the demo's data.

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Which periods the demo publishes. A month's reports are due by the 10th of the next month, so a real
 * center publishes last month's bulletin after that: until the 10th the demo's published ones are a month
 * earlier (which also keeps last week's dates open for whoever tries the demo in the first days of a month).
 */
export function demoBulletinPeriods(today: string) {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const day = Number(today.slice(8, 10));
  // The month whose previous month is published.
  const i = y * 12 + (m - 1) - (day > DEFAULT_CAPITAL_DUE_DAY ? 0 : 1);
  const [ay, am] = [Math.floor(i / 12), (i % 12) + 1];
  const lastMonth = am === 1 ? { year: ay - 1, period: 12 } : { year: ay, period: am - 1 };
  const q = Math.ceil(am / 3) - 1;
  const lastQuarter = q === 0 ? { year: ay - 1, period: 4 } : { year: ay, period: q };
  return { lastMonth, lastQuarter, thisMonth: { year: y, period: m } };
}

export async function loadDemoBulletins(
  trx: Transaction<DB>,
  o: { districtId: string; userId: string; now: Date },
): Promise<{ published: number; drafts: number }> {
  const today = chinaToday(o.now);
  const { lastMonth, lastQuarter, thisMonth } = demoBulletinPeriods(today);
  const settings = await trx
    .selectFrom('assessmentYears')
    .select('docPrefix')
    .where('districtId', '=', o.districtId)
    .where('year', '=', lastMonth.year)
    .executeTakeFirst();
  const prefix = settings?.docPrefix ?? null;

  const make = async (
    kind: BulletinKind,
    p: { year: number; period: number },
    publish: boolean,
    docNo: number | null,
    cutoff?: string,
  ) => {
    const c = await composeSnapshot(trx, {
      districtId: o.districtId,
      kind,
      year: p.year,
      period: p.period,
      cutoff: cutoff ?? null,
      version: 1,
      reason: null,
      docNumber: prefix && docNo !== null ? `${prefix}〔${p.year}〕${docNo}号` : null,
      issuedOn: today,
    });
    const text = JSON.stringify(c.snapshot);
    const [docx, xlsx] = publish
      ? await Promise.all([bulletinRenderers.docx(c.snapshot), bulletinRenderers.xlsx(c.snapshot)])
      : [null, null];
    await trx
      .insertInto('bulletins')
      .values({
        districtId: o.districtId,
        kind,
        year: p.year,
        period: p.period,
        version: 1,
        periodStart: c.periodStart,
        periodEnd: c.periodEnd,
        cutoff: c.cutoff,
        title: c.snapshot.title,
        docNumber: c.snapshot.docNumber,
        status: publish ? 'published' : 'draft',
        schemeId: c.schemeId,
        snapshot: text,
        inputHash: c.snapshot.inputHash,
        snapshotHash: publish ? sha256(canonicalJson(c.snapshot)) : null,
        docx,
        xlsx,
        createdBy: o.userId,
        createdAt: o.now,
        updatedAt: o.now,
        publishedBy: publish ? o.userId : null,
        publishedAt: publish ? o.now : null,
      })
      .execute();
  };

  await make('quarter', lastQuarter, true, 12 + lastQuarter.period);
  await make('month', lastMonth, true, lastMonth.period);
  // This month so far: the cut-off is today.
  await make('month', thisMonth, false, null, `${today.slice(0, 7)}-${pad(Number(today.slice(8, 10)))}`);
  return { published: 2, drafts: 1 };
}

import crypto from 'node:crypto';
import type { Insertable, Transaction } from 'kysely';
import { addMonths, monthOfDay, monthStart } from '../../../domain/capital/capital.rules.js';
import { addDays, chinaToday } from '../../../domain/dates.js';
import type { CapitalReportsTable, CapitalSubmissionsTable, DB, MilestonesTable } from '../../db/schema.js';
import { mulberry32 } from './demo-random.js';

// The demo district's money over time and 履约: monthly reports of every signed project from 2024-01 (or its
// signing month) to last month, the units' submissions (mostly approved on time; the lagging towns late or
// missing), and one agreement per signed project with 2–4 milestones. Seeded PRNG, so every demo is the same;
// rows go in a few thousand at a time, so setup stays fast.

const FIRST_MONTH = '2024-01';
const SIGNED_PLUS = ['signed', 'landed', 'started', 'producing'];
// Rows per INSERT: well under PostgreSQL's 65,535 bind parameters at 16 columns a row.
const CHUNK = 2000;
// A rough, fixed rate for the demo's foreign funds → US cents (7.1 元 per dollar).
const YUAN_PER_USD_X10 = 71n;

const addMonthsToDay = (day: string, n: number) =>
  `${addMonths(monthOfDay(day), n)}-${day.slice(8, 10) > '28' ? '28' : day.slice(8, 10)}`;
/** ISO days compare as strings. */
const laterDay = (a: string, b: string) => (a > b ? a : b);
/** A moment on a China calendar day, at a believable office hour. */
const chinaAt = (day: string, hour: number) =>
  new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

async function inChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

function demoPdf(title: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n% ${title}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

export async function loadDemoCapital(
  trx: Transaction<DB>,
  o: { districtId: string; units: { id: string; kind: string }[]; userId: string; now: Date },
): Promise<{ capitalReports: number; submissions: number; agreements: number; milestones: number }> {
  const rand = mulberry32(20_261_128);
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const today = chinaToday(o.now);
  const lastMonth = addMonths(monthOfDay(today), -1);
  const at = o.now;

  const projects = await trx
    .selectFrom('projects')
    .select([
      'id',
      'unitId',
      'name',
      'stage',
      'stageBeforeHold',
      'signingDate',
      'signedAmountYuan',
      'agreementType',
      'foreignFunded',
      'startDate',
      'productionDate',
    ])
    .where('districtId', '=', o.districtId)
    .where('signingDate', 'is not', null)
    .orderBy('name')
    .execute();
  const reporting = projects.filter(
    (p) =>
      SIGNED_PLUS.includes(p.stage) ||
      (p.stage === 'paused' && SIGNED_PLUS.includes(p.stageBeforeHold ?? '')),
  );

  // Reports: each project gets a share of its signed amount over the months since signing, ramping up, with
  // quiet months; the origin mix is the project's own; foreign-funded ones report foreign capital used.
  const reports: Insertable<CapitalReportsTable>[] = [];
  for (const p of reporting) {
    const signedMonth = monthOfDay(p.signingDate!);
    let month = signedMonth < FIRST_MONTH ? FIRST_MONTH : signedMonth;
    const signed = BigInt(p.signedAmountYuan ?? '10000000');
    const pace = BigInt(between(10, 30)); // ‰ of the signed amount in a month at full pace
    const mix = p.foreignFunded
      ? [between(5, 20), between(5, 15), between(40, 70), between(5, 15)]
      : [between(30, 70), between(10, 30), 0, between(10, 40)];
    const mixTotal = BigInt(mix.reduce((a, b) => a + b, 0));
    let n = 0;
    while (month <= lastMonth) {
      n++;
      const quiet = rand() < 0.15;
      const ramp = BigInt(Math.min(n, 12));
      // Rounded to 万元, as units report them.
      const funds = quiet
        ? 0n
        : ((((signed * pace * ramp) / 12_000n) * BigInt(between(60, 140))) / 100n / 10_000n) * 10_000n;
      const part = (w: number) => ((funds * BigInt(w)) / mixTotal / 10_000n) * 10_000n;
      const [outP, inP, foreign] = [part(mix[0]!), part(mix[1]!), part(mix[2]!)];
      const local = funds - outP - inP - foreign;
      reports.push({
        districtId: o.districtId,
        unitId: p.unitId,
        projectId: p.id,
        month: monthStart(month),
        fundsOutOfProvinceYuan: outP.toString(),
        fundsInProvinceYuan: inP.toString(),
        fundsForeignYuan: foreign.toString(),
        fundsLocalYuan: local.toString(),
        completedInvestmentYuan: (((funds * BigInt(between(75, 110))) / 100n / 10_000n) * 10_000n).toString(),
        foreignUsedUsdCents: ((foreign * 1000n) / YUAN_PER_USD_X10).toString(),
        note: quiet ? '本月无新增到位资金' : null,
        createdBy: o.userId,
        createdAt: at,
        updatedBy: o.userId,
        updatedAt: at,
      });
      month = addMonths(month, 1);
    }
  }
  await inChunks(reports, (c) => trx.insertInto('capitalReports').values(c).execute());

  // Submissions: every unit that reports (and every town) for every month; lagging towns — the last three —
  // are late, or miss months altogether. Last month: a few still await their head, one was returned.
  const withProjects = new Set(reporting.map((p) => p.unitId));
  const towns = o.units.filter((u) => u.kind === 'town');
  const lagging = new Set(towns.slice(-3).map((u) => u.id));
  const laggiest = towns.at(-1)?.id;
  const submitting = o.units.filter((u) => withProjects.has(u.id) || u.kind === 'town');
  const submissions: Insertable<CapitalSubmissionsTable>[] = [];
  for (const u of submitting) {
    for (let m = FIRST_MONTH; m <= lastMonth; m = addMonths(m, 1)) {
      const lag = lagging.has(u.id);
      const r = rand();
      // Missing: a lagging town skips about a third of its months, and the laggiest one always last month.
      if (lag && (r < 0.3 || (m === lastMonth && u.id === laggiest))) continue;
      const late = lag ? r < 0.7 : r < 0.04;
      const next = addMonths(m, 1);
      const day = late ? between(12, 25) : between(3, 9);
      const submittedAt = chinaAt(`${next}-${String(day).padStart(2, '0')}`, between(9, 17));
      // The head approves within a few working days, in office hours.
      const approvedAt = chinaAt(
        addDays(`${next}-${String(day).padStart(2, '0')}`, between(0, 3)),
        between(9, 17),
      );
      const recent = m === lastMonth;
      const status = recent && r > 0.85 ? 'submitted' : recent && r > 0.8 ? 'returned' : 'approved';
      submissions.push({
        districtId: o.districtId,
        unitId: u.id,
        month: monthStart(m),
        status,
        firstSubmittedAt: submittedAt,
        submittedBy: o.userId,
        submittedAt,
        approvedBy: status === 'approved' ? o.userId : null,
        approvedAt: status === 'approved' ? approvedAt : null,
        returnedBy: status === 'returned' ? o.userId : null,
        returnedAt: status === 'returned' ? approvedAt : null,
        returnReason: status === 'returned' ? '境外资金与到账凭证不一致，请核实后重报' : null,
      });
    }
  }
  await inChunks(submissions, (c) => trx.insertInto('capitalSubmissions').values(c).execute());

  // Agreements: one per signed project, with what the investor promised and whether it happened.
  const agreements: Insertable<DB['agreements']>[] = [];
  const milestones: Insertable<MilestonesTable>[] = [];
  const files: Insertable<DB['attachments']>[] = [];
  for (const p of reporting) {
    const id = crypto.randomUUID();
    const signing = p.signingDate!;
    agreements.push({
      id,
      districtId: o.districtId,
      unitId: p.unitId,
      projectId: p.id,
      type: (p.agreementType as 'formal' | 'framework' | null) ?? 'formal',
      title: `${p.name.replace(/（\d+）$/, '')}投资协议`.slice(0, 100),
      signingDate: signing,
      amountYuan: p.signedAmountYuan,
      foreignUsdCents: p.foreignFunded
        ? ((BigInt(p.signedAmountYuan ?? '0') * 300n) / YUAN_PER_USD_X10).toString()
        : null,
      parties: '甲方：区人民政府（演示）；乙方：投资企业（演示）',
      note: null,
      createdBy: o.userId,
      createdAt: at,
      updatedAt: at,
    });
    const base = {
      districtId: o.districtId,
      unitId: p.unitId,
      projectId: p.id,
      agreementId: id,
      createdBy: o.userId,
      createdAt: at,
      updatedAt: at,
    };
    const signedAmount = BigInt(p.signedAmountYuan ?? '0');
    const plan: {
      kind: MilestonesTable['kind'];
      description: string;
      due: string;
      done: string | null;
      targetYuan?: string;
      targetCount?: number;
    }[] = [
      {
        kind: 'start',
        description: '协议签订后开工建设',
        due: addMonthsToDay(signing, between(4, 9)),
        done: p.startDate ?? p.productionDate,
      },
      {
        kind: 'invest',
        description: '首期投资到位',
        due: addMonthsToDay(signing, between(6, 12)),
        done: rand() < 0.7 ? addMonthsToDay(signing, between(3, 8)) : null,
        targetYuan: ((signedAmount * 3n) / 10n).toString(),
      },
    ];
    if (rand() < 0.6) {
      plan.push({
        kind: 'produce',
        description: '建成投产',
        due: addMonthsToDay(signing, between(18, 30)),
        done: p.productionDate,
      });
    }
    if (rand() < 0.4) {
      plan.push({
        kind: 'jobs',
        description: '投产后新增就业岗位',
        due: addMonthsToDay(signing, between(24, 36)),
        done: null,
        targetCount: between(50, 400),
      });
    }
    for (const m of plan) {
      const met = m.done !== null && m.done <= today;
      const lapsed = !met && m.due < today;
      // Most lapsed ones stay pending (overdue); a few were judged missed or waived by the center.
      const r = rand();
      const status = met ? 'met' : lapsed && r < 0.15 ? 'missed' : lapsed && r < 0.2 ? 'waived' : 'pending';
      milestones.push({
        ...base,
        kind: m.kind,
        description: m.description,
        dueDate: m.due,
        targetYuan: m.targetYuan ?? null,
        targetCount: m.targetCount ?? null,
        status,
        metOn: met ? laterDay(m.done!, signing) : null,
        actualYuan: met && m.targetYuan ? m.targetYuan : null,
        actualCount: null,
        note: status === 'waived' ? '受市场环境影响，经区政府同意调整' : null,
      });
    }
    if (p.agreementType === 'formal') {
      const content = demoPdf(`agreement ${p.id}`);
      files.push({
        districtId: o.districtId,
        ownerType: 'agreement',
        ownerId: id,
        kind: 'agreement',
        filename: '投资协议（演示）.pdf',
        contentType: 'application/pdf',
        sizeBytes: content.length,
        sha256: crypto.createHash('sha256').update(content).digest('hex'),
        content,
        uploadedBy: o.userId,
        uploadedAt: at,
      });
    }
  }
  await inChunks(agreements, (c) => trx.insertInto('agreements').values(c).execute());
  await inChunks(milestones, (c) => trx.insertInto('milestones').values(c).execute());
  await inChunks(files, (c) => trx.insertInto('attachments').values(c).execute());
  return {
    capitalReports: reports.length,
    submissions: submissions.length,
    agreements: agreements.length,
    milestones: milestones.length,
  };
}

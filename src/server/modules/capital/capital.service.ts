import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { DataScope } from '../../../domain/access/scope.js';
import { diffFields } from '../../../domain/audit/audit.schemas.js';
import {
  type CapitalFigures,
  DEFAULT_CAPITAL_DUE_DAY,
  dueDateOf,
  isEditable,
  isExpectedToReport,
  isFutureMonth,
  monthOfDay,
  monthStart,
  nextStatus,
  punctualityOf,
  reportsCapital,
  type SubmissionAction,
  type SubmissionStatus,
  totalsOf,
} from '../../../domain/capital/capital.rules.js';
import {
  type CapitalReportView,
  FIGURE_FIELDS,
  figuresOf,
  figuresToJson,
  type SubmissionView,
  type UpsertCapitalReportInput,
} from '../../../domain/capital/capital.schemas.js';
import { chinaToday } from '../../../domain/dates.js';
import type { Stage } from '../../../domain/projects/stages.js';
import type { CapitalReportsTable, CapitalSubmissionsTable, DB } from '../../db/schema.js';
import { inScope } from '../../db/scope-filter.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { assertPeriodOpen } from '../bulletins/period-lock.js';
import { attachmentErrors, checkFile, insertAttachment } from '../projects/attachments.service.js';
import type { ProjectsService } from '../projects/projects.service.js';
import { capitalErrors } from './capital.errors.js';

type Q = Kysely<DB> | Transaction<DB>;
type ReportRow = Selectable<CapitalReportsTable> & { vouchers?: number };
type SubmissionRow = Selectable<CapitalSubmissionsTable>;
// Any constant: with the unit and month it serialises edits and state changes of one unit-month.
const UNIT_MONTH_LOCK = 7_212_031;

const SIGNED_PLUS = ['signed', 'landed', 'started', 'producing'] as const;

function presentReport(r: ReportRow): CapitalReportView {
  const f = figuresOf(r);
  return {
    id: r.id,
    projectId: r.projectId,
    unitId: r.unitId,
    month: monthOfDay(r.month),
    ...figuresToJson(totalsOf([f])),
    note: r.note,
    version: r.version,
    vouchers: r.vouchers ?? 0,
    updatedAt: r.updatedAt.toISOString(),
  };
}

const statusOf = (s: SubmissionRow | undefined): SubmissionStatus => s?.status ?? 'none';
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function createCapitalService(deps: {
  db: Kysely<DB>;
  audit: AuditRepository;
  projects: ProjectsService;
  now: () => Date;
}) {
  const { db, audit, projects, now } = deps;

  async function dueDayOf(q: Q, districtId: string): Promise<number> {
    const s = await q
      .selectFrom('districtSettings')
      .select('capitalDueDay')
      .where('districtId', '=', districtId)
      .executeTakeFirst();
    return s?.capitalDueDay ?? DEFAULT_CAPITAL_DUE_DAY;
  }

  async function lockUnitMonth(trx: Transaction<DB>, unitId: string, month: string) {
    await sql`select pg_advisory_xact_lock(${UNIT_MONTH_LOCK}, hashtext(${`${unitId}:${month}`}))`.execute(
      trx,
    );
  }

  async function submissionRow(q: Q, unitId: string, month: string) {
    return q
      .selectFrom('capitalSubmissions')
      .selectAll()
      .where('unitId', '=', unitId)
      .where('month', '=', monthStart(month))
      .executeTakeFirst();
  }

  /** The unit as the caller may see it: a unit head or reporter only their own, the center any of the district. */
  async function unitInScope(q: Q, scope: DataScope, unitId: string) {
    const unit = await q
      .selectFrom('units')
      .select(['id', 'districtId', 'name', 'kind'])
      .where('id', '=', unitId)
      .where(inScope(scope, { district: 'district_id', unit: 'id' }))
      .executeTakeFirst();
    if (!unit) throw capitalErrors.unitNotFound();
    return unit;
  }

  function vouchersCount() {
    return sql<number>`(select count(*)::int from attachments a where a.owner_type = 'capital_report' and a.owner_id = cr.id)`;
  }

  /** Every month a project reported, newest first, each with its unit-month's status. */
  async function listForProject(scope: DataScope, projectId: string) {
    const project = await projects.find(db, scope, projectId);
    const rows = await db
      .selectFrom('capitalReports as cr')
      .leftJoin('capitalSubmissions as s', (j) =>
        j.onRef('s.unitId', '=', 'cr.unitId').onRef('s.month', '=', 'cr.month'),
      )
      .selectAll('cr')
      .select([vouchersCount().as('vouchers'), 's.status'])
      .where('cr.projectId', '=', projectId)
      .orderBy('cr.month', 'desc')
      .execute();
    return {
      reporting: reportsCapital(project.stage as Stage, project.stageBeforeHold),
      months: rows.map((r) => {
        const status: SubmissionStatus = r.status ?? 'none';
        return { ...presentReport(r), status, editable: isEditable(status) };
      }),
      totals: figuresToJson(totalsOf(rows.map(figuresOf))),
    };
  }

  async function upsert(
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    projectId: string,
    month: string,
    input: UpsertCapitalReportInput,
  ) {
    const today = chinaToday(now());
    if (isFutureMonth(month, today)) throw capitalErrors.futureMonth(month);
    return db.transaction().execute(async (trx) => {
      const project = await projects.find(trx, scope, projectId, true);
      if (!reportsCapital(project.stage as Stage, project.stageBeforeHold))
        throw capitalErrors.notReporting();
      if (project.signingDate && month < monthOfDay(project.signingDate)) {
        throw capitalErrors.beforeSigning(project.signingDate);
      }
      await lockUnitMonth(trx, project.unitId, month);
      await assertPeriodOpen(trx, project.districtId, [monthStart(month)]);
      const status = statusOf(await submissionRow(trx, project.unitId, month));
      if (!isEditable(status)) throw capitalErrors.locked(status);
      const before = await trx
        .selectFrom('capitalReports')
        .selectAll()
        .where('projectId', '=', projectId)
        .where('month', '=', monthStart(month))
        .executeTakeFirst();
      if ((before?.version ?? null) !== input.version) throw capitalErrors.stale(before?.version ?? null);
      const at = now();
      const values = {
        fundsOutOfProvinceYuan: input.fundsOutOfProvinceYuan,
        fundsInProvinceYuan: input.fundsInProvinceYuan,
        fundsForeignYuan: input.fundsForeignYuan,
        fundsLocalYuan: input.fundsLocalYuan,
        completedInvestmentYuan: input.completedInvestmentYuan,
        foreignUsedUsdCents: input.foreignUsedUsdCents,
        note: input.note,
      };
      const row = before
        ? await trx
            .updateTable('capitalReports')
            .set({ ...values, version: sql`version + 1`, updatedBy: u.id, updatedAt: at })
            .where('id', '=', before.id)
            .returningAll()
            .executeTakeFirstOrThrow()
        : await trx
            .insertInto('capitalReports')
            .values({
              ...values,
              districtId: project.districtId,
              unitId: project.unitId,
              projectId,
              month: monthStart(month),
              createdBy: u.id,
              createdAt: at,
              updatedBy: u.id,
              updatedAt: at,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
      const pick = (r: typeof before) =>
        r ? Object.fromEntries([...FIGURE_FIELDS, 'note'].map((k) => [k, r[k as keyof typeof r]])) : null;
      await audit.append(trx, actor, {
        action: 'capital.upsert',
        objectType: 'capital_report',
        objectId: row.id,
        result: 'success',
        changes: diffFields(pick(before), pick(row)),
        detail: `${month}`,
      });
      const vouchers = before
        ? await trx
            .selectFrom('attachments')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('ownerType', '=', 'capital_report')
            .where('ownerId', '=', row.id)
            .executeTakeFirstOrThrow()
        : { n: '0' };
      return presentReport({ ...row, vouchers: Number(vouchers.n) });
    });
  }

  /** The projects a unit reports for a month: signed (by the month's end) and still reporting. */
  function reportingProjects(q: Q, unitId: string, month: string) {
    return q
      .selectFrom('projects as p')
      .select(['p.id', 'p.name', 'p.stage', 'p.foreignFunded', 'p.unitId', 'p.districtId'])
      .where('p.unitId', '=', unitId)
      .where((eb) =>
        eb.or([
          eb('p.stage', 'in', SIGNED_PLUS),
          eb.and([eb('p.stage', '=', 'paused'), eb('p.stageBeforeHold', 'in', SIGNED_PLUS)]),
        ]),
      )
      .where((eb) =>
        eb.or([
          eb('p.signingDate', 'is', null),
          eb(
            'p.signingDate',
            '<=',
            sql<string>`(${monthStart(month)}::date + interval '1 month' - interval '1 day')::date`,
          ),
        ]),
      );
  }

  function presentSubmission(
    unit: { id: string; name: string; kind: string },
    month: string,
    s: SubmissionRow | undefined,
    dueDay: number,
    today: string,
    counts: { projects: number; reported: number },
  ): SubmissionView {
    return {
      unitId: unit.id,
      unitName: unit.name,
      month,
      status: statusOf(s),
      firstSubmittedAt: iso(s?.firstSubmittedAt),
      submittedAt: iso(s?.submittedAt),
      approvedAt: iso(s?.approvedAt),
      returnedAt: iso(s?.returnedAt),
      returnReason: s?.returnReason ?? null,
      dueDate: dueDateOf(month, dueDay),
      punctuality:
        !s && !isExpectedToReport(unit.kind, counts.projects)
          ? 'not_required'
          : punctualityOf(month, s ? chinaToday(s.firstSubmittedAt) : null, dueDay, today),
      ...counts,
    };
  }

  /** A unit's month: every reporting project with its report (or none yet), the status, the totals. */
  async function sheet(scope: DataScope, month: string, unitId: string) {
    const unit = await unitInScope(db, scope, unitId);
    const [rows, s, dueDay] = await Promise.all([
      reportingProjects(db, unitId, month)
        .leftJoin('capitalReports as cr', (j) =>
          j.onRef('cr.projectId', '=', 'p.id').on('cr.month', '=', monthStart(month)),
        )
        .selectAll('cr')
        .select(['p.id as pId', 'p.name as pName', 'p.stage as pStage', vouchersCount().as('vouchers')])
        .orderBy('p.name')
        .execute(),
      submissionRow(db, unitId, month),
      dueDayOf(db, unit.districtId),
    ]);
    const reports = rows.filter((r) => r.id !== null) as unknown as ReportRow[];
    const status = statusOf(s);
    return {
      month,
      unitId,
      unitName: unit.name,
      submission: presentSubmission(unit, month, s, dueDay, chinaToday(now()), {
        projects: rows.length,
        reported: reports.length,
      }),
      editable: isEditable(status) && !isFutureMonth(month, chinaToday(now())),
      rows: rows.map((r) => ({
        projectId: r.pId,
        projectName: r.pName,
        stage: r.pStage,
        foreignFunded: r.foreignFunded ?? false,
        report: r.id === null ? null : presentReport(r as unknown as ReportRow),
      })),
      totals: figuresToJson(totalsOf(reports.map(figuresOf))),
    };
  }

  const ACTION_AUDIT: Record<SubmissionAction, string> = {
    submit: 'capital.submit',
    approve: 'capital.approve',
    return: 'capital.return',
    reopen: 'capital.reopen',
  };

  /** submit (the unit), approve or return (its head, or the center), reopen (the center, with a reason). */
  async function transition(
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    month: string,
    action: SubmissionAction,
    input: { unitId: string; reason?: string | undefined },
  ) {
    const today = chinaToday(now());
    if (action === 'submit' && isFutureMonth(month, today)) throw capitalErrors.futureMonth(month);
    if ((action === 'return' || action === 'reopen') && !input.reason) throw capitalErrors.reasonRequired();
    return db.transaction().execute(async (trx) => {
      const unit = await unitInScope(trx, scope, input.unitId);
      await lockUnitMonth(trx, unit.id, month);
      const before = await submissionRow(trx, unit.id, month);
      const from = statusOf(before);
      const to = nextStatus(from, action);
      if (!to || to === 'none') throw capitalErrors.transition(from, action);
      const at = now();
      const reason = input.reason ?? null;
      const set =
        action === 'submit'
          ? { status: to, submittedBy: u.id, submittedAt: at }
          : action === 'approve'
            ? { status: to, approvedBy: u.id, approvedAt: at }
            : { status: to, returnedBy: u.id, returnedAt: at, returnReason: reason };
      if (before) {
        await trx
          .updateTable('capitalSubmissions')
          .set(set)
          .where('unitId', '=', unit.id)
          .where('month', '=', monthStart(month))
          .execute();
      } else {
        await trx
          .insertInto('capitalSubmissions')
          .values({
            districtId: unit.districtId,
            unitId: unit.id,
            month: monthStart(month),
            status: 'submitted',
            firstSubmittedAt: at,
            submittedBy: u.id,
            submittedAt: at,
          })
          .execute();
      }
      await audit.append(trx, actor, {
        action: ACTION_AUDIT[action],
        objectType: 'capital_month',
        objectId: `${unit.id}:${month}`,
        result: 'success',
        changes: { status: { before: from, after: to } },
        detail: reason,
      });
      const after = await submissionRow(trx, unit.id, month);
      const counts = await countsOf(trx, [unit.id], month);
      return presentSubmission(
        unit,
        month,
        after,
        await dueDayOf(trx, unit.districtId),
        today,
        counts.get(unit.id) ?? { projects: 0, reported: 0 },
      );
    });
  }

  async function countsOf(q: Q, unitIds: string[], month: string) {
    const out = new Map<string, { projects: number; reported: number }>();
    if (unitIds.length === 0) return out;
    const rows = await q
      .selectFrom('projects as p')
      .leftJoin('capitalReports as cr', (j) =>
        j.onRef('cr.projectId', '=', 'p.id').on('cr.month', '=', monthStart(month)),
      )
      .select([
        'p.unitId',
        sql<number>`count(*)::int`.as('projects'),
        sql<number>`count(cr.id)::int`.as('reported'),
      ])
      .where('p.unitId', 'in', unitIds)
      .where((eb) =>
        eb.or([
          eb('p.stage', 'in', SIGNED_PLUS),
          eb.and([eb('p.stage', '=', 'paused'), eb('p.stageBeforeHold', 'in', SIGNED_PLUS)]),
        ]),
      )
      .where((eb) =>
        eb.or([
          eb('p.signingDate', 'is', null),
          eb(
            'p.signingDate',
            '<=',
            sql<string>`(${monthStart(month)}::date + interval '1 month' - interval '1 day')::date`,
          ),
        ]),
      )
      .groupBy('p.unitId')
      .execute();
    for (const r of rows) out.set(r.unitId, { projects: r.projects, reported: r.reported });
    return out;
  }

  /** 报送情况: for the center every active unit of the district; for a unit, its own. */
  async function submissions(scope: DataScope, month: string) {
    const units = await db
      .selectFrom('units as un')
      .leftJoin('capitalSubmissions as s', (j) =>
        j.onRef('s.unitId', '=', 'un.id').on('s.month', '=', monthStart(month)),
      )
      .select(['un.id', 'un.name', 'un.kind', 'un.districtId'])
      .selectAll('s')
      // s.* has its own district_id (null without a submission): the unit's own columns come under other names.
      .select(['un.id as unitKey', 'un.districtId as unitDistrictId'])
      .where(inScope(scope, { district: 'un.district_id', unit: 'un.id' }))
      .where('un.active', '=', true)
      .orderBy('un.sortOrder')
      .orderBy('un.name')
      .execute();
    const today = chinaToday(now());
    const dueDays = new Map<string, number>();
    for (const d of new Set(units.map((x) => x.unitDistrictId))) dueDays.set(d, await dueDayOf(db, d));
    const counts = await countsOf(
      db,
      units.map((x) => x.unitKey),
      month,
    );
    return units.map((x) =>
      presentSubmission(
        { id: x.unitKey, name: x.name, kind: x.kind },
        month,
        x.status ? (x as unknown as SubmissionRow) : undefined,
        dueDays.get(x.unitDistrictId) ?? DEFAULT_CAPITAL_DUE_DAY,
        today,
        counts.get(x.unitKey) ?? { projects: 0, reported: 0 },
      ),
    );
  }

  /** Rows for the .xlsx: one unit's month, or every unit in scope. */
  async function exportRows(scope: DataScope, month: string, unitId?: string) {
    let q = db
      .selectFrom('capitalReports as cr')
      .innerJoin('projects as p', 'p.id', 'cr.projectId')
      .innerJoin('units as un', 'un.id', 'cr.unitId')
      .leftJoin('capitalSubmissions as s', (j) =>
        j.onRef('s.unitId', '=', 'cr.unitId').onRef('s.month', '=', 'cr.month'),
      )
      .selectAll('cr')
      .select(['p.name as projectName', 'un.name as unitName', 's.status'])
      .where('cr.month', '=', monthStart(month))
      .where(inScope(scope, { district: 'cr.district_id', unit: 'cr.unit_id' }));
    if (unitId) q = q.where('cr.unitId', '=', unitId);
    const rows = await q.orderBy('un.sortOrder').orderBy('p.name').limit(100_000).execute();
    return rows.map((r) => ({
      ...presentReport(r),
      projectName: r.projectName,
      unitName: r.unitName,
      status: (r.status ?? 'none') as SubmissionStatus,
    }));
  }

  /** A report in scope, with its unit-month status (vouchers follow the report's lock). */
  async function findReport(q: Q, scope: DataScope, reportId: string) {
    const r = await q
      .selectFrom('capitalReports as cr')
      .leftJoin('capitalSubmissions as s', (j) =>
        j.onRef('s.unitId', '=', 'cr.unitId').onRef('s.month', '=', 'cr.month'),
      )
      .select(['cr.id', 'cr.districtId', 'cr.unitId', 'cr.month', 's.status'])
      .where('cr.id', '=', reportId)
      .where(inScope(scope, { district: 'cr.district_id', unit: 'cr.unit_id' }))
      .executeTakeFirst();
    if (!r) throw capitalErrors.reportNotFound();
    return { ...r, month: monthOfDay(r.month), status: (r.status ?? 'none') as SubmissionStatus };
  }

  async function listVouchers(scope: DataScope, reportId: string) {
    await findReport(db, scope, reportId);
    const rows = await db
      .selectFrom('attachments')
      .select(['id', 'filename', 'contentType', 'sizeBytes', 'sha256', 'uploadedAt'])
      .where('ownerType', '=', 'capital_report')
      .where('ownerId', '=', reportId)
      .orderBy('uploadedAt')
      .execute();
    return rows.map((a) => ({ ...a, uploadedAt: a.uploadedAt.toISOString() }));
  }

  async function uploadVoucher(
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    reportId: string,
    file: { filename: string; content: Buffer },
  ) {
    const checked = await checkFile(file);
    return db.transaction().execute(async (trx) => {
      const report = await findReport(trx, scope, reportId);
      await lockUnitMonth(trx, report.unitId, report.month);
      const status = statusOf(await submissionRow(trx, report.unitId, report.month));
      if (!isEditable(status)) throw capitalErrors.locked(status);
      const row = await insertAttachment(
        trx,
        { type: 'capital_report', id: reportId, districtId: report.districtId },
        'voucher',
        checked,
        { userId: u.id, at: now() },
      );
      await audit.append(trx, actor, {
        action: 'capital.voucher_upload',
        objectType: 'capital_report',
        objectId: reportId,
        result: 'success',
        changes: {
          attachment: { before: null, after: { id: row.id, filename: row.filename, sha256: row.sha256 } },
        },
      });
      const { kind: _kind, ...view } = row;
      return { ...view, uploadedAt: row.uploadedAt.toISOString() };
    });
  }

  async function deleteVoucher(scope: DataScope, actor: AuditActor, reportId: string, attachmentId: string) {
    return db.transaction().execute(async (trx) => {
      const report = await findReport(trx, scope, reportId);
      await lockUnitMonth(trx, report.unitId, report.month);
      const status = statusOf(await submissionRow(trx, report.unitId, report.month));
      if (!isEditable(status)) throw capitalErrors.locked(status);
      const gone = await trx
        .deleteFrom('attachments')
        .where('id', '=', attachmentId)
        .where('ownerType', '=', 'capital_report')
        .where('ownerId', '=', reportId)
        .returning(['id', 'filename', 'sha256'])
        .executeTakeFirst();
      if (!gone) throw attachmentErrors.notFound();
      await audit.append(trx, actor, {
        action: 'capital.voucher_delete',
        objectType: 'capital_report',
        objectId: reportId,
        result: 'success',
        changes: { attachment: { before: gone, after: null } },
      });
    });
  }

  /** The day of the next month by which a unit's month counts as on time; the center sets it per district. */
  async function dueDay(districtId: string) {
    return { dueDay: await dueDayOf(db, districtId) };
  }

  async function setDueDay(districtId: string, userId: string, actor: AuditActor, day: number) {
    return db.transaction().execute(async (trx) => {
      const before = await dueDayOf(trx, districtId);
      const cols = { capitalDueDay: day, updatedBy: userId, updatedAt: now() };
      await trx
        .insertInto('districtSettings')
        .values({ districtId, ...cols })
        .onConflict((oc) => oc.column('districtId').doUpdateSet(cols))
        .execute();
      await audit.append(trx, actor, {
        action: 'settings.capital_due_day',
        objectType: 'district',
        objectId: districtId,
        result: 'success',
        changes: diffFields({ dueDay: before }, { dueDay: day }),
      });
      return { dueDay: day };
    });
  }

  return {
    dueDay,
    setDueDay,
    listForProject,
    upsert,
    sheet,
    transition,
    submissions,
    exportRows,
    listVouchers,
    uploadVoucher,
    deleteVoucher,
  };
}
export type CapitalService = ReturnType<typeof createCapitalService>;
export type { CapitalFigures };

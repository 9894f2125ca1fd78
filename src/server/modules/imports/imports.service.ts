import crypto from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DataScope } from '../../../domain/access/scope.js';
import { isEditable, reportsCapital, type SubmissionStatus } from '../../../domain/capital/capital.rules.js';
import { chinaToday } from '../../../domain/dates.js';
import { normalizeEnterpriseName } from '../../../domain/enterprises/enterprise-name.js';
import { columnLetter, type ImportKind } from '../../../domain/imports/import-columns.js';
import {
  type CapitalImportRow,
  type LeadImportRow,
  type ProjectImportRow,
  projectNameKey,
  type RowCells,
  type RowContext,
  type RowProblem,
  readCapitalRow,
  readLeadRow,
  readProjectRow,
  type UnitRef,
  unitKey,
} from '../../../domain/imports/import-rows.js';
import type {
  ImportBatchView,
  ImportDuplicate,
  ImportProblem,
  ImportSummary,
} from '../../../domain/imports/imports.schemas.js';
import { STAGE_REQUIREMENTS, type Stage } from '../../../domain/projects/stages.js';
import { searchTextOf } from '../../../domain/search/search-text.js';
import type { DB } from '../../db/schema.js';
import { inScope } from '../../db/scope-filter.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { assertPeriodOpen } from '../bulletins/period-lock.js';
import {
  type EnterpriseRef,
  findEnterprises,
  findOrCreateEnterprises,
} from '../enterprises/enterprises.bulk.js';
import { importsErrors } from './imports.errors.js';
import { importTemplate } from './imports.template.js';
import { type ImportSheet, readImportWorkbook, type SheetRow } from './imports.xlsx.js';

// An import is a dry run first: the upload is parsed and every row checked (progress written to the batch row
// every few hundred rows, so any app server can answer the progress poll), and nothing reaches the business
// tables until the person confirms. The commit then writes every row in one transaction, set-based.

const PROGRESS_EVERY = 500;
const STUCK_AFTER_MS = 10 * 60_000;
/** Problems kept for display; the summary still counts every row with a problem. */
const MAX_PROBLEMS = 2000;
const INSERT_CHUNK = 1000;

type Q = Kysely<DB> | Transaction<DB>;

interface StoredProjectRow extends ProjectImportRow {
  row: number;
}
interface StoredCapitalRow extends Omit<CapitalImportRow, 'projectName'> {
  row: number;
  projectId: string;
}
interface StoredLeadRow extends LeadImportRow {
  row: number;
}

interface CheckResult {
  problems: ImportProblem[];
  duplicates: ImportDuplicate[];
  rows: unknown[];
  counts: Pick<
    ImportSummary,
    'create' | 'update' | 'enterprisesCreated' | 'enterprisesLinked' | 'evidenceToAttach'
  >;
}

function chunks<T>(items: readonly T[], size = INSERT_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const snake = (k: string) => k.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);

/**
 * One INSERT for thousands of rows: the rows travel as a single jsonb parameter and PostgreSQL unpacks them with
 * jsonb_populate_recordset, instead of tens of thousands of bind parameters per statement.
 */
async function insertMany(trx: Transaction<DB>, table: 'projects' | 'project_stage_history', rows: object[]) {
  const first = rows[0];
  if (!first) return;
  const cols = Object.keys(first).map(snake);
  const payload = rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [snake(k), v instanceof Date ? v.toISOString() : v]),
    ),
  );
  const list = sql.join(cols.map((c) => sql.ref(c)));
  await sql`insert into ${sql.table(table)} (${list}) select ${list} from jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(payload)}::jsonb)`.execute(
    trx,
  );
}

export function createImportsService({
  db,
  audit,
  now,
  onError,
}: {
  db: Kysely<DB>;
  audit: AuditRepository;
  now: () => Date;
  /** Where a background check that crashed is logged (its batch is marked failed either way). */
  onError?: (err: unknown) => void;
}) {
  /** The district's active units, each saying whether the caller may import into it. */
  async function unitsOf(u: SessionUser, scope: DataScope, q: Q = db): Promise<UnitRef[]> {
    const rows = await q
      .selectFrom('units')
      .select(['id', 'name', inScope(scope, { district: 'district_id', unit: 'id' }).as('writable')])
      .where('districtId', '=', u.districtId)
      .where('active', '=', true)
      .orderBy('sortOrder')
      .orderBy('name')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, writable: Boolean(r.writable) }));
  }

  async function template(u: SessionUser, scope: DataScope, kind: ImportKind) {
    const units = await unitsOf(u, scope);
    return importTemplate(
      kind,
      units.filter((x) => x.writable).map((x) => x.name),
    );
  }

  async function rowContext(u: SessionUser, scope: DataScope): Promise<RowContext> {
    const units = await unitsOf(u, scope);
    const writable = units.filter((x) => x.writable);
    return {
      units: new Map(units.map((x) => [unitKey(x.name), x])),
      defaultUnitId: scope.kind === 'unit' && writable.length === 1 ? writable[0]!.id : null,
      today: chinaToday(now()),
    };
  }

  async function upload(
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    kind: ImportKind,
    file: { filename: string; content: Buffer },
  ): Promise<{ batchId: string }> {
    const filename = file.filename.trim().slice(-200) || 'import.xlsx';
    if (!/\.xlsx$/i.test(filename)) throw importsErrors.wrongExtension(filename);
    const sheet = await readImportWorkbook(kind, filename, file.content);
    const at = now();
    const batch = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('importBatches')
        .values({
          districtId: u.districtId,
          userId: u.id,
          kind,
          filename,
          status: 'parsing',
          totalRows: sheet.rows.length,
          processedRows: 0,
          createdAt: at,
          updatedAt: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.append(trx, actor, {
        action: 'imports.upload',
        objectType: 'import_batch',
        objectId: row.id,
        result: 'success',
        detail: `${kind}: ${filename}, ${sheet.rows.length} rows`,
      });
      return row;
    });
    // The answer goes back now; the rows are checked right after, in this process, writing progress as it goes.
    setImmediate(() => {
      check(batch.id, u, scope, kind, sheet).catch(async (err) => {
        onError?.(err);
        await db
          .updateTable('importBatches')
          .set({
            status: 'failed',
            error: String((err as Error).message ?? err).slice(0, 500),
            updatedAt: now(),
          })
          .where('id', '=', batch.id)
          .execute()
          .catch(() => undefined);
      });
    });
    return { batchId: batch.id };
  }

  async function check(
    batchId: string,
    u: SessionUser,
    scope: DataScope,
    kind: ImportKind,
    sheet: ImportSheet,
  ) {
    const ctx = await rowContext(u, scope);
    const byKey = new Map(sheet.match.matched.map((m) => [m.column.key, m]));
    const problems: ImportProblem[] = [];
    const problemRows = new Set<number>();
    const addProblem = (row: number, p: RowProblem) => {
      problemRows.add(row);
      if (problems.length >= MAX_PROBLEMS) return;
      const m = byKey.get(p.key);
      problems.push({
        row,
        column: m ? columnLetter(m.index) : null,
        header: m?.header ?? null,
        message: p.en,
        messageZh: p.zh,
      });
    };
    const cellsOf = (row: SheetRow): RowCells =>
      new Map(
        sheet.match.matched.map((m) => [m.column.key, { value: row.cells.get(m.index) ?? null, column: m }]),
      );
    const progress = (n: number) =>
      db
        .updateTable('importBatches')
        .set({ processedRows: n, updatedAt: now() })
        .where('id', '=', batchId)
        .execute();

    async function readAll<T>(
      read: (cells: RowCells, ctx: RowContext) => { row: T | null; problems: RowProblem[] },
    ) {
      const valid: (T & { row: number })[] = [];
      for (let i = 0; i < sheet.rows.length; i++) {
        const sheetRow = sheet.rows[i]!;
        const r = read(cellsOf(sheetRow), ctx);
        for (const p of r.problems) addProblem(sheetRow.rowNumber, p);
        if (r.row) valid.push({ ...r.row, row: sheetRow.rowNumber });
        if ((i + 1) % PROGRESS_EVERY === 0) await progress(i + 1);
      }
      return valid;
    }

    let result: CheckResult;
    if (kind === 'projects') result = await checkProjects(u, await readAll(readProjectRow), addProblem);
    else if (kind === 'capital_reports')
      result = await checkCapital(await readAll(readCapitalRow), addProblem);
    else result = await checkLeads(u, await readAll(readLeadRow), addProblem);

    const summary: ImportSummary = {
      sheet: sheet.sheetName,
      headerRow: sheet.headerRow,
      rows: sheet.rows.length,
      validRows: sheet.rows.length - problemRows.size,
      problemRows: problemRows.size,
      totalRowsSkipped: sheet.totalRowsSkipped,
      matchedHeaders: sheet.match.matched.map((m) => ({ header: m.header, column: columnLetter(m.index) })),
      ignoredHeaders: [...sheet.match.ignored, ...sheet.match.repeated].map((h) => h.header),
      ...result.counts,
    };
    problems.sort((a, b) => a.row - b.row || (a.column ?? '').localeCompare(b.column ?? ''));
    await db
      .updateTable('importBatches')
      .set({
        status: 'checked',
        processedRows: sheet.rows.length,
        problems: JSON.stringify(problems),
        duplicates: JSON.stringify(result.duplicates),
        summary: JSON.stringify(summary),
        rows: JSON.stringify(problemRows.size > 0 ? [] : result.rows),
        updatedAt: now(),
      })
      .where('id', '=', batchId)
      .execute();
  }

  /** Duplicate enterprises: existing ones are linked (reported once each), new ones named twice are created once. */
  async function enterpriseDuplicates(
    districtId: string,
    rows: { row: number; enterprise: EnterpriseRef | null }[],
  ) {
    const refs = rows.flatMap((r) => (r.enterprise ? [r.enterprise] : []));
    const find = await findEnterprises(db, districtId, refs);
    const duplicates: ImportDuplicate[] = [];
    const linked = new Set<string>();
    const created = new Map<string, number>();
    for (const r of rows) {
      if (!r.enterprise) continue;
      const found = find(r.enterprise);
      if (found) {
        if (linked.has(found.id)) continue;
        linked.add(found.id);
        duplicates.push({
          row: r.row,
          kind: 'enterprise_link',
          name: r.enterprise.name,
          message: `“${found.name}” is already in the district: the row will link to it.`,
          messageZh: `企业“${found.name}”已在库中，将自动关联，不重复建档。`,
        });
        continue;
      }
      const key = normalizeEnterpriseName(r.enterprise.name);
      const first = created.get(key);
      if (first === undefined) created.set(key, r.row);
      else if (first !== -1) {
        created.set(key, -1);
        duplicates.push({
          row: r.row,
          kind: 'enterprise_repeated',
          name: r.enterprise.name,
          message: `“${r.enterprise.name}” is named again (first in row ${first}): it is created once.`,
          messageZh: `企业“${r.enterprise.name}”在第 ${first} 行已出现，只建档一次。`,
        });
      }
    }
    return { duplicates, linked: linked.size, created: created.size };
  }

  async function checkProjects(
    u: SessionUser,
    rows: StoredProjectRow[],
    addProblem: (row: number, p: RowProblem) => void,
  ): Promise<CheckResult> {
    const duplicates: ImportDuplicate[] = [];
    const unitIds = [...new Set(rows.map((r) => r.input.unitId))];
    const existing = new Map<string, string>();
    for (const ids of chunks(unitIds)) {
      const found = await db
        .selectFrom('projects')
        .select(['unitId', 'name'])
        .where('unitId', 'in', ids)
        .execute();
      for (const p of found) existing.set(`${p.unitId}|${projectNameKey(p.name)}`, p.name);
    }
    const seen = new Map<string, number>();
    const clean: StoredProjectRow[] = [];
    for (const r of rows) {
      const key = `${r.input.unitId}|${projectNameKey(r.input.name)}`;
      const there = existing.get(key);
      const first = seen.get(key);
      if (there !== undefined) {
        const msg = {
          en: `The unit already has a project named “${there}”; it is not imported twice.`,
          zh: `本单位已有同名项目“${there}”，不能重复导入。`,
        };
        addProblem(r.row, { key: 'name', ...msg });
        duplicates.push({
          row: r.row,
          kind: 'project_exists',
          name: r.input.name,
          message: msg.en,
          messageZh: msg.zh,
        });
      } else if (first !== undefined) {
        const msg = {
          en: `The same project is in row ${first}.`,
          zh: `与第 ${first} 行是同一单位的同名项目，重复。`,
        };
        addProblem(r.row, { key: 'name', ...msg });
        duplicates.push({
          row: r.row,
          kind: 'project_repeated',
          name: r.input.name,
          message: msg.en,
          messageZh: msg.zh,
        });
      } else {
        seen.set(key, r.row);
        clean.push(r);
      }
    }
    const e = await enterpriseDuplicates(u.districtId, clean);
    return {
      problems: [],
      duplicates: [...duplicates, ...e.duplicates].sort((a, b) => a.row - b.row),
      rows: clean,
      counts: {
        create: clean.length,
        update: 0,
        enterprisesCreated: e.created,
        enterprisesLinked: e.linked,
        evidenceToAttach: clean.filter((r) => r.stage !== 'negotiating').length,
      },
    };
  }

  async function checkCapital(
    rows: (CapitalImportRow & { row: number })[],
    addProblem: (row: number, p: RowProblem) => void,
  ): Promise<CheckResult> {
    const duplicates: ImportDuplicate[] = [];
    const unitIds = [...new Set(rows.map((r) => r.unitId))];
    const projects = new Map<
      string,
      { id: string; name: string; stage: string; stageBeforeHold: string | null }[]
    >();
    const submissions = new Map<string, SubmissionStatus>();
    for (const ids of chunks(unitIds)) {
      const found = await db
        .selectFrom('projects')
        .select(['id', 'unitId', 'name', 'stage', 'stageBeforeHold'])
        .where('unitId', 'in', ids)
        .execute();
      for (const p of found) {
        const key = `${p.unitId}|${projectNameKey(p.name)}`;
        projects.set(key, [...(projects.get(key) ?? []), p]);
      }
      const subs = await db
        .selectFrom('capitalSubmissions')
        .select(['unitId', 'month', 'status'])
        .where('unitId', 'in', ids)
        .execute();
      for (const s of subs) submissions.set(`${s.unitId}|${String(s.month).slice(0, 7)}`, s.status);
    }
    const matched: StoredCapitalRow[] = [];
    for (const r of rows) {
      const candidates = projects.get(`${r.unitId}|${projectNameKey(r.projectName)}`) ?? [];
      if (candidates.length === 0) {
        addProblem(r.row, {
          key: 'projectName',
          en: `The unit has no project named “${r.projectName}”.`,
          zh: `本单位没有名为“${r.projectName}”的项目，请核对名称（须与项目库一致）。`,
        });
        continue;
      }
      if (candidates.length > 1) {
        addProblem(r.row, {
          key: 'projectName',
          en: `The unit has ${candidates.length} projects named “${r.projectName}”; enter this month on the project itself.`,
          zh: `本单位有 ${candidates.length} 个名为“${r.projectName}”的项目，无法区分，请在项目页面填报。`,
        });
        continue;
      }
      const p = candidates[0]!;
      if (!reportsCapital(p.stage as Stage, p.stageBeforeHold)) {
        addProblem(r.row, {
          key: 'projectName',
          en: `“${p.name}” is not signed (or was withdrawn): it reports no capital.`,
          zh: `项目“${p.name}”尚未签约或已退库，不填报资金。`,
        });
        continue;
      }
      const status = submissions.get(`${r.unitId}|${r.month}`) ?? 'none';
      if (!isEditable(status)) {
        addProblem(r.row, {
          key: 'month',
          en: `The unit’s ${r.month} is ${status}: it is locked; ask for it to be returned first.`,
          zh: `该单位 ${r.month} 的资金已${status === 'approved' ? '审核' : '报送'}锁定，不能导入；如需修改请先退回。`,
        });
        continue;
      }
      const { projectName: _name, ...rest } = r;
      matched.push({ ...rest, projectId: p.id });
    }
    const existing = new Set<string>();
    for (const ids of chunks([...new Set(matched.map((r) => r.projectId))])) {
      const found = await db
        .selectFrom('capitalReports')
        .select(['projectId', 'month'])
        .where('projectId', 'in', ids)
        .execute();
      for (const c of found) existing.add(`${c.projectId}|${String(c.month).slice(0, 7)}`);
    }
    const seen = new Map<string, number>();
    const clean: StoredCapitalRow[] = [];
    let update = 0;
    for (const r of matched) {
      const key = `${r.projectId}|${r.month}`;
      const first = seen.get(key);
      const name = rows.find((x) => x.row === r.row)?.projectName ?? '';
      if (first !== undefined) {
        const msg = {
          en: `The same project and month is in row ${first}.`,
          zh: `与第 ${first} 行是同一项目同一月份，重复。`,
        };
        addProblem(r.row, { key: 'month', ...msg });
        duplicates.push({ row: r.row, kind: 'capital_repeated', name, message: msg.en, messageZh: msg.zh });
        continue;
      }
      seen.set(key, r.row);
      if (existing.has(key)) {
        update++;
        duplicates.push({
          row: r.row,
          kind: 'capital_update',
          name,
          message: `${r.month} is already reported for “${name}”: the import replaces its figures.`,
          messageZh: `“${name}” ${r.month} 已有填报，导入后以本文件数字为准（覆盖原数）。`,
        });
      }
      clean.push(r);
    }
    return {
      problems: [],
      duplicates,
      rows: clean,
      counts: {
        create: clean.length - update,
        update,
        enterprisesCreated: 0,
        enterprisesLinked: 0,
        evidenceToAttach: 0,
      },
    };
  }

  async function checkLeads(
    u: SessionUser,
    rows: StoredLeadRow[],
    addProblem: (row: number, p: RowProblem) => void,
  ): Promise<CheckResult> {
    const seen = new Map<string, number>();
    const clean: StoredLeadRow[] = [];
    const duplicates: ImportDuplicate[] = [];
    const existing = new Set<string>();
    for (const ids of chunks([...new Set(rows.map((r) => r.unitId))])) {
      const found = await db
        .selectFrom('leads')
        .select(['unitId', 'title'])
        .where('unitId', 'in', ids)
        .execute();
      for (const l of found) existing.add(`${l.unitId}|${projectNameKey(l.title)}`);
    }
    for (const r of rows) {
      const key = `${r.unitId}|${projectNameKey(r.input.title)}`;
      const first = seen.get(key);
      const msg = existing.has(key)
        ? {
            en: 'The unit already has a lead with this title.',
            zh: `本单位已有同名线索“${r.input.title}”，不能重复导入。`,
          }
        : first !== undefined
          ? { en: `The same lead is in row ${first}.`, zh: `与第 ${first} 行是同一单位的同名线索，重复。` }
          : null;
      if (msg) {
        addProblem(r.row, { key: 'title', ...msg });
        duplicates.push({
          row: r.row,
          kind: existing.has(key) ? 'project_exists' : 'project_repeated',
          name: r.input.title,
          message: msg.en,
          messageZh: msg.zh,
        });
        continue;
      }
      seen.set(key, r.row);
      clean.push(r);
    }
    const e = await enterpriseDuplicates(u.districtId, clean);
    return {
      problems: [],
      duplicates: [...duplicates, ...e.duplicates].sort((a, b) => a.row - b.row),
      rows: clean,
      counts: {
        create: clean.length,
        update: 0,
        enterprisesCreated: e.created,
        enterprisesLinked: e.linked,
        evidenceToAttach: 0,
      },
    };
  }

  function present(b: {
    id: string;
    kind: ImportKind;
    filename: string;
    status: ImportBatchView['status'];
    totalRows: number;
    processedRows: number;
    problems: unknown[];
    duplicates: unknown[];
    summary: Record<string, unknown> | null;
    error: string | null;
    createdAt: Date;
    updatedAt: Date;
    committedAt: Date | null;
  }): ImportBatchView {
    // The process checking it is gone (restarted, crashed): after 10 minutes without progress it has failed.
    const stuck = b.status === 'parsing' && now().getTime() - b.updatedAt.getTime() > STUCK_AFTER_MS;
    return {
      id: b.id,
      kind: b.kind,
      filename: b.filename,
      status: stuck ? 'failed' : b.status,
      totalRows: b.totalRows,
      processedRows: b.processedRows,
      problems: b.problems as ImportProblem[],
      duplicates: b.duplicates as ImportDuplicate[],
      summary: b.summary as ImportSummary | null,
      error: stuck ? '核对中断：超过 10 分钟没有进展，请重新上传。' : b.error,
      createdAt: b.createdAt.toISOString(),
      committedAt: b.committedAt?.toISOString() ?? null,
    };
  }

  const COLUMNS = [
    'id',
    'kind',
    'filename',
    'status',
    'totalRows',
    'processedRows',
    'problems',
    'duplicates',
    'summary',
    'error',
    'createdAt',
    'updatedAt',
    'committedAt',
  ] as const;

  /** Only the person who uploaded a batch sees it: another user's batch is not found. */
  async function get(u: SessionUser, batchId: string): Promise<ImportBatchView> {
    const b = await db
      .selectFrom('importBatches')
      .select(COLUMNS)
      .where('id', '=', batchId)
      .where('userId', '=', u.id)
      .where('districtId', '=', u.districtId)
      .executeTakeFirst();
    if (!b) throw importsErrors.notFound();
    return present(b);
  }

  async function commit(u: SessionUser, scope: DataScope, actor: AuditActor, batchId: string) {
    return db.transaction().execute(async (trx) => {
      const b = await trx
        .selectFrom('importBatches')
        .selectAll()
        .where('id', '=', batchId)
        .where('userId', '=', u.id)
        .where('districtId', '=', u.districtId)
        .forUpdate()
        .executeTakeFirst();
      if (!b) throw importsErrors.notFound();
      const view = present(b);
      if (view.status === 'committed') throw importsErrors.alreadyCommitted();
      if (view.status === 'failed') throw importsErrors.failed();
      if (view.status === 'parsing') throw importsErrors.notReady();
      if (view.summary && view.summary.problemRows > 0) throw importsErrors.hasProblems(view.problems.length);
      const at = now();
      const rows = (b.rows ?? []) as unknown[];
      let detail: string;
      if (b.kind === 'projects')
        detail = await commitProjects(trx, u, scope, b.filename, rows as StoredProjectRow[], at);
      else if (b.kind === 'capital_reports')
        detail = await commitCapital(trx, u, scope, rows as StoredCapitalRow[], at);
      else detail = await commitLeads(trx, u, scope, rows as StoredLeadRow[], at);
      await trx
        .updateTable('importBatches')
        .set({ status: 'committed', committedAt: at, updatedAt: at, rows: null })
        .where('id', '=', b.id)
        .execute();
      await audit.append(trx, actor, {
        action: 'imports.commit',
        objectType: 'import_batch',
        objectId: b.id,
        result: 'success',
        detail: `${b.kind}: ${b.filename}; ${detail}`,
      });
      return present({ ...b, status: 'committed', committedAt: at, updatedAt: at });
    });
  }

  /** The units still writable by the caller; a row of any other unit means the data moved since the check. */
  async function assertUnits(trx: Transaction<DB>, u: SessionUser, scope: DataScope, unitIds: string[]) {
    const writable = new Set((await unitsOf(u, scope, trx)).filter((x) => x.writable).map((x) => x.id));
    if (unitIds.some((id) => !writable.has(id))) {
      throw importsErrors.stale('a unit was deactivated or is no longer yours', '有单位已停用或不再由您负责');
    }
  }

  async function commitProjects(
    trx: Transaction<DB>,
    u: SessionUser,
    scope: DataScope,
    filename: string,
    rows: StoredProjectRow[],
    at: Date,
  ) {
    const unitIds = [...new Set(rows.map((r) => r.input.unitId))];
    await assertUnits(trx, u, scope, unitIds);
    await assertPeriodOpen(
      trx,
      u.districtId,
      rows.flatMap((r) => [r.input.signingDate, r.input.startDate, r.input.productionDate]),
    );
    const keys = new Set(rows.map((r) => `${r.input.unitId}|${projectNameKey(r.input.name)}`));
    for (const ids of chunks(unitIds)) {
      const taken = await trx
        .selectFrom('projects')
        .select(['unitId', 'name'])
        .where('unitId', 'in', ids)
        .execute();
      const clash = taken.find((p) => keys.has(`${p.unitId}|${projectNameKey(p.name)}`));
      if (clash)
        throw importsErrors.stale(`“${clash.name}” was entered meanwhile`, `项目“${clash.name}”已被他人录入`);
    }
    const refs = rows.flatMap((r) => (r.enterprise ? [r.enterprise] : []));
    const enterprises = await findOrCreateEnterprises(
      trx,
      { districtId: u.districtId, userId: u.id, at },
      refs,
    );
    const today = chinaToday(at);
    const withIds = rows.map((r) => ({ ...r, id: crypto.randomUUID() }));
    for (const chunk of chunks(withIds, 5000)) {
      await insertMany(
        trx,
        'projects',
        chunk.map((r) => ({
          ...r.input,
          id: r.id,
          districtId: u.districtId,
          enterpriseId: r.enterprise ? enterprises.resolve(r.enterprise).id : null,
          stage: r.stage,
          searchText: searchTextOf(r.input.name),
          createdBy: u.id,
          createdAt: at,
          updatedAt: at,
        })),
      );
      await insertMany(
        trx,
        'project_stage_history',
        chunk.map((r) => {
          const dateField = STAGE_REQUIREMENTS[r.stage].date;
          return {
            districtId: u.districtId,
            projectId: r.id,
            fromStage: null,
            toStage: r.stage,
            effectiveDate: (dateField ? r.input[dateField] : null) ?? today,
            note: `批量导入：${filename}`.slice(0, 500),
            userId: u.id,
            username: u.username,
            at,
          };
        }),
      );
    }
    return `${rows.length} projects created, ${enterprises.created} enterprises created`;
  }

  async function commitCapital(
    trx: Transaction<DB>,
    u: SessionUser,
    scope: DataScope,
    rows: StoredCapitalRow[],
    at: Date,
  ) {
    const unitIds = [...new Set(rows.map((r) => r.unitId))];
    await assertUnits(trx, u, scope, unitIds);
    const months = [...new Set(rows.map((r) => `${r.month}-01`))];
    await assertPeriodOpen(trx, u.districtId, months);
    for (const ids of chunks(unitIds)) {
      // Locks the unit-months that exist, so a submission cannot slip in between this check and the write.
      const subs = await trx
        .selectFrom('capitalSubmissions')
        .select(['unitId', 'month', 'status'])
        .where('unitId', 'in', ids)
        .where('month', 'in', months)
        .forUpdate()
        .execute();
      const locked = new Set(
        subs.filter((s) => !isEditable(s.status)).map((s) => `${s.unitId}|${String(s.month).slice(0, 7)}`),
      );
      const hit = rows.find((r) => locked.has(`${r.unitId}|${r.month}`));
      if (hit)
        throw importsErrors.stale(`${hit.month} was submitted meanwhile`, `${hit.month} 已在核对后报送`);
    }
    let created = 0;
    let updated = 0;
    for (const chunk of chunks(rows)) {
      const res = await trx
        .insertInto('capitalReports')
        .values(
          chunk.map((r) => ({
            districtId: u.districtId,
            unitId: r.unitId,
            projectId: r.projectId,
            month: `${r.month}-01`,
            ...r.figures,
            note: r.note,
            createdBy: u.id,
            createdAt: at,
            updatedBy: u.id,
            updatedAt: at,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['projectId', 'month']).doUpdateSet((eb) => ({
            fundsOutOfProvinceYuan: eb.ref('excluded.fundsOutOfProvinceYuan'),
            fundsInProvinceYuan: eb.ref('excluded.fundsInProvinceYuan'),
            fundsForeignYuan: eb.ref('excluded.fundsForeignYuan'),
            fundsLocalYuan: eb.ref('excluded.fundsLocalYuan'),
            completedInvestmentYuan: eb.ref('excluded.completedInvestmentYuan'),
            foreignUsedUsdCents: eb.ref('excluded.foreignUsedUsdCents'),
            note: eb.ref('excluded.note'),
            version: sql`capital_reports.version + 1`,
            updatedBy: eb.ref('excluded.updatedBy'),
            updatedAt: eb.ref('excluded.updatedAt'),
          })),
        )
        // xmax is 0 on a freshly inserted row version and set on an updated one.
        .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
        .execute();
      for (const r of res) r.inserted ? created++ : updated++;
    }
    return `${created} capital reports created, ${updated} updated`;
  }

  async function commitLeads(
    trx: Transaction<DB>,
    u: SessionUser,
    scope: DataScope,
    rows: StoredLeadRow[],
    at: Date,
  ) {
    const unitIds = [...new Set(rows.map((r) => r.unitId))];
    await assertUnits(trx, u, scope, unitIds);
    const enterprises = await findOrCreateEnterprises(
      trx,
      { districtId: u.districtId, userId: u.id, at },
      rows.map((r) => r.enterprise),
    );
    const withIds = rows.map((r) => ({ ...r, id: crypto.randomUUID() }));
    for (const chunk of chunks(withIds)) {
      await trx
        .insertInto('leads')
        .values(
          chunk.map((r) => ({
            ...r.input,
            id: r.id,
            districtId: u.districtId,
            unitId: r.unitId,
            enterpriseId: enterprises.resolve(r.enterprise).id,
            searchText: searchTextOf(r.input.title),
            createdBy: u.id,
            createdAt: at,
            updatedAt: at,
          })),
        )
        .execute();
      await trx
        .insertInto('leadEvents')
        .values(
          chunk.map((r) => ({
            districtId: u.districtId,
            leadId: r.id,
            kind: 'created',
            onDate: r.input.receivedOn,
            note: '批量导入',
            userId: u.id,
            username: u.username,
            at,
          })),
        )
        .execute();
    }
    return `${rows.length} leads created, ${enterprises.created} enterprises created`;
  }

  return { template, upload, get, commit };
}
export type ImportsService = ReturnType<typeof createImportsService>;

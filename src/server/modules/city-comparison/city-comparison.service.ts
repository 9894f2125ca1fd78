import type { DataScope } from '../../../domain/access/scope.js';
import {
  type CityComparisonView,
  type ComparisonKey,
  type ImportResult,
  type PutFiguresInput,
  valueProblem,
} from '../../../domain/city-comparison/city-comparison.schemas.js';
import type { FieldError } from '../../../domain/errors.js';
import { CATALOGUE_BY_KEY } from '../../../domain/indicators/catalogue.js';
import type { Database } from '../../db/database.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { loadYearSettings } from '../progress/progress.compute.js';
import { cityErrors } from './city-comparison.errors.js';
import { cityTemplate, readCityWorkbook } from './city-comparison.xlsx.js';
import { cityComparison } from './city-standing.js';

// The city comparison page's service: the standings and the full table, the center's typed figures, and the
// .xlsx of the city's bulletin table in and out. Everything is the caller's own district's: the comparison is
// read by every business role of the district (a town sees where the district stands) and written by the center.

interface Figure {
  peerName: string;
  indicatorKey: ComparisonKey;
  value: string | null;
}

/** The district whose comparison the caller reads: their own (scope decides it, never a parameter). */
function districtOf(user: SessionUser, scope: DataScope): string {
  switch (scope.kind) {
    case 'district':
      return scope.districtIds.includes(user.districtId) ? user.districtId : scope.districtIds[0]!;
    case 'unit':
    case 'assigned':
      return scope.districtId;
    default:
      throw cityErrors.noDistrict();
  }
}

// Audit change keys name the cell in words (区县·指标): the log is read by people, and snake_case keys inside
// jsonb would come back camel-cased by the query layer.
const changeKey = (peer: string, key: ComparisonKey) => `${peer}·${CATALOGUE_BY_KEY[key].name.zh}`;
const trimZeros = (s: string) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);

export function createCityComparisonService({
  db,
  audit,
  now,
}: {
  db: Database;
  audit: AuditRepository;
  now: () => Date;
}) {
  async function view(
    user: SessionUser,
    scope: DataScope,
    year: number,
    month: number,
  ): Promise<CityComparisonView> {
    const districtId = districtOf(user, scope);
    const settings = await loadYearSettings(db, districtId, year);
    return cityComparison(db, { districtId, year, month, goalRank: settings.goalRank });
  }

  async function district(districtId: string) {
    return db
      .selectFrom('regions')
      .select(['id', 'name', 'parentId'])
      .where('id', '=', districtId)
      .executeTakeFirstOrThrow();
  }

  /** Upsert (or, value null, remove) figures in one transaction with one audit row listing every change. */
  async function save(
    districtId: string,
    actor: AuditActor,
    userId: string,
    year: number,
    month: number,
    figures: Figure[],
    source: 'typed' | 'imported',
    action: string,
  ) {
    const us = await district(districtId);
    const siblings = us.parentId
      ? await db
          .selectFrom('regions')
          .select(['id', 'name'])
          .where('parentId', '=', us.parentId)
          .where('kind', '=', 'district')
          .execute()
      : [];
    const regionOf = new Map(siblings.map((s) => [s.name, s.id]));
    const at = now();
    await db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('cityFigures')
        .select(['peerName', 'indicatorKey', 'value'])
        .where('districtId', '=', districtId)
        .where('year', '=', year)
        .where('month', '=', month)
        .execute();
      const old = new Map(before.map((b) => [`${b.peerName}|${b.indicatorKey}`, trimZeros(b.value)]));
      const changes: Record<string, { before: string | null; after: string | null }> = {};
      const upserts = figures.filter((f) => f.value !== null);
      if (upserts.length > 0) {
        await trx
          .insertInto('cityFigures')
          .values(
            upserts.map((f) => ({
              districtId,
              year,
              month,
              indicatorKey: f.indicatorKey,
              peerName: f.peerName,
              peerRegionId: regionOf.get(f.peerName) ?? null,
              value: f.value as string,
              source,
              updatedBy: userId,
              updatedAt: at,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['districtId', 'year', 'month', 'indicatorKey', 'peerName']).doUpdateSet((eb) => ({
              value: eb.ref('excluded.value'),
              source: eb.ref('excluded.source'),
              peerRegionId: eb.ref('excluded.peerRegionId'),
              updatedBy: eb.ref('excluded.updatedBy'),
              updatedAt: eb.ref('excluded.updatedAt'),
            })),
          )
          .execute();
      }
      for (const f of figures) {
        const key = `${f.peerName}|${f.indicatorKey}`;
        if (f.value === null) {
          if (!old.has(key)) continue;
          await trx
            .deleteFrom('cityFigures')
            .where('districtId', '=', districtId)
            .where('year', '=', year)
            .where('month', '=', month)
            .where('peerName', '=', f.peerName)
            .where('indicatorKey', '=', f.indicatorKey)
            .execute();
        }
        const b = old.get(key) ?? null;
        if (b !== f.value) changes[changeKey(f.peerName, f.indicatorKey)] = { before: b, after: f.value };
      }
      await audit.append(trx, actor, {
        action,
        objectType: 'city_figures',
        objectId: districtId,
        result: 'success',
        changes: { period: { before: null, after: `${year}-${String(month).padStart(2, '0')}` }, ...changes },
      });
    });
  }

  async function putFigures(user: SessionUser, scope: DataScope, actor: AuditActor, input: PutFiguresInput) {
    const districtId = districtOf(user, scope);
    const us = await district(districtId);
    const fields: Record<string, FieldError> = {};
    const seen = new Set<string>();
    input.figures.forEach((f, i) => {
      if (f.peerName === us.name) {
        fields[`figures.${i}.peerName`] = {
          message: `${f.peerName} is this district: its figures are computed from its own data.`,
          messageZh: `“${f.peerName}”是本区，本区数据由系统计算，无需录入。`,
        };
      }
      const key = `${f.peerName}|${f.indicatorKey}`;
      if (seen.has(key)) {
        fields[`figures.${i}`] = {
          message: `${f.peerName} / ${f.indicatorKey} is listed twice.`,
          messageZh: `“${f.peerName}”的同一指标出现了两次。`,
        };
      }
      seen.add(key);
      if (f.value !== null) {
        const p = valueProblem(f.indicatorKey, f.value);
        if (p) fields[`figures.${i}.value`] = { message: p.en, messageZh: p.zh };
      }
    });
    if (Object.keys(fields).length > 0) throw cityErrors.invalidFigures(fields);
    const figures = input.figures.map((f) => ({ ...f, value: f.value === null ? null : trimZeros(f.value) }));
    await save(
      districtId,
      actor,
      user.id,
      input.year,
      input.month,
      figures,
      'typed',
      'city_comparison.put_figures',
    );
    return view(user, scope, input.year, input.month);
  }

  async function deleteFigures(
    user: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    q: { year: number; month: number; peerName: string; indicatorKey?: ComparisonKey },
  ): Promise<number> {
    const districtId = districtOf(user, scope);
    return db.transaction().execute(async (trx) => {
      let del = trx
        .deleteFrom('cityFigures')
        .where('districtId', '=', districtId)
        .where('year', '=', q.year)
        .where('month', '=', q.month)
        .where('peerName', '=', q.peerName);
      if (q.indicatorKey) del = del.where('indicatorKey', '=', q.indicatorKey);
      const gone = await del.returning(['indicatorKey', 'value']).execute();
      if (gone.length === 0) {
        throw cityErrors.figureNotFound();
      }
      await audit.append(trx, actor, {
        action: 'city_comparison.delete_figure',
        objectType: 'city_figures',
        objectId: districtId,
        result: 'success',
        changes: Object.fromEntries(
          gone.map((g) => [
            changeKey(q.peerName, g.indicatorKey as ComparisonKey),
            { before: trimZeros(g.value), after: null },
          ]),
        ),
      });
      return gone.length;
    });
  }

  async function template(user: SessionUser, scope: DataScope, year: number, month: number) {
    return cityTemplate(await view(user, scope, year, month));
  }

  async function importFile(
    user: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    year: number,
    month: number,
    content: Buffer,
  ): Promise<ImportResult> {
    const districtId = districtOf(user, scope);
    const us = await district(districtId);
    const read = await readCityWorkbook(content, us.name);
    if (read.problems.length > 0) {
      const fields: Record<string, FieldError> = {};
      for (const p of read.problems) {
        fields[`${p.row}:${p.column}`] = {
          message: `Row ${p.row}, column ${p.column}${p.header ? ` (${p.header})` : ''}: ${p.en}`,
          messageZh: `第${p.row}行 ${p.column}列${p.header ? `（${p.header}）` : ''}：${p.zh}`,
        };
      }
      throw cityErrors.importInvalid(fields, read.problems.length);
    }
    if (read.figures.length === 0) throw cityErrors.nothingToImport();
    await save(districtId, actor, user.id, year, month, read.figures, 'imported', 'city_comparison.import');
    return { saved: read.figures.length, skipped: read.skipped };
  }

  return { view, putFigures, deleteFigures, template, importFile };
}
export type CityComparisonService = ReturnType<typeof createCityComparisonService>;

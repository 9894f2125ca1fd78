import type { Kysely, Selectable, Transaction } from 'kysely';
import { hasPermission } from '../../../domain/access/permissions.js';
import { EXAMPLE_SCHEMES } from '../../../domain/assessment/example-schemes.js';
import { FUNCTION_HELP } from '../../../domain/assessment/function-help.js';
import { checkScheme, type SchemeItem } from '../../../domain/assessment/scheme.js';
import type {
  CreateSchemeInput,
  ExamplesResult,
  ExplainInput,
  ExplainResult,
  FunctionsResult,
  PreviewInput,
  PreviewResult,
  SchemeSummary,
  SchemeView,
  UpdateSchemeInput,
} from '../../../domain/assessment/schemes.schemas.js';
import { CATALOGUE } from '../../../domain/indicators/catalogue.js';
import type { AssessmentSchemesTable, DB } from '../../db/schema.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { computeProgress } from '../progress/progress.compute.js';
import { ASSESSMENT_CATALOGUE, explainProgress, scoreProgress } from '../progress/scoring.js';
import { schemesErrors } from './schemes.errors.js';

// 考核方案: a district's scoring rules per year, kept as numbered versions. A version is a draft (the center
// edits it freely; only the center and leaders see it) until published; a published version never changes
// again, a change is a revision (the next version, a draft copied from it). Bulletins score with the year's
// latest published version (latestPublishedScheme), so a revision takes effect only when it is published.

type Row = Selectable<AssessmentSchemesTable>;
type Db = Kysely<DB> | Transaction<DB>;

/** Unit kinds in the order the preview lists their groups. */
const GROUP_ORDER = ['town', 'department', 'park', 'team'];

/** Items as stored: trimmed, no empty optional fields, so a saved scheme reads back as the checker saw it. */
function normalized(items: readonly SchemeItem[]): SchemeItem[] {
  return items.map((i) => {
    const group = i.group?.trim();
    const ifMissing = typeof i.ifMissing === 'string' ? i.ifMissing.trim() : i.ifMissing;
    return {
      key: i.key.trim(),
      name: i.name.trim(),
      points: typeof i.points === 'string' ? i.points.trim() : i.points,
      formula: i.formula,
      ...(group ? { group } : {}),
      ...(ifMissing !== undefined && ifMissing !== '' ? { ifMissing } : {}),
    };
  });
}

function checked(items: readonly SchemeItem[]): SchemeItem[] {
  const n = normalized(items);
  const errors = checkScheme({ items: n }, ASSESSMENT_CATALOGUE);
  if (errors.length) throw schemesErrors.invalid(errors);
  return n;
}

const itemsOf = (r: Pick<Row, 'items'>) => r.items as SchemeItem[];

function summary(r: Row, inForceId: string | null): SchemeSummary {
  return {
    id: r.id,
    year: r.year,
    version: r.version,
    name: r.name,
    status: r.status,
    publishedAt: r.publishedAt ? r.publishedAt.toISOString() : null,
    updatedAt: r.updatedAt.toISOString(),
    itemsCount: itemsOf(r).length,
    copiedFrom: r.copiedFrom,
    inForce: r.id === inForceId,
  };
}

async function inForceIdOf(db: Db, districtId: string, year: number): Promise<string | null> {
  const row = await db
    .selectFrom('assessmentSchemes')
    .select('id')
    .where('districtId', '=', districtId)
    .where('year', '=', year)
    .where('status', '=', 'published')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * The scheme a bulletin of `year` scores with: the year's latest published version, or null when the year has
 * none yet. Called by the bulletins module; keep the signature.
 */
export async function latestPublishedScheme(
  db: Db,
  districtId: string,
  year: number,
): Promise<{ id: string; version: number; name: string; items: SchemeItem[] } | null> {
  const row = await db
    .selectFrom('assessmentSchemes')
    .select(['id', 'version', 'name', 'items'])
    .where('districtId', '=', districtId)
    .where('year', '=', year)
    .where('status', '=', 'published')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { id: row.id, version: row.version, name: row.name, items: itemsOf(row) } : null;
}

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

export function createSchemesService({
  db,
  audit,
  now,
}: {
  db: Kysely<DB>;
  audit: AuditRepository;
  now: () => Date;
}) {
  const seesDrafts = (u: SessionUser) => hasPermission(u.roles, 'assessment.read_drafts');

  /** A scheme of the caller's district that the caller may see (a draft only with read_drafts). */
  async function visible(u: SessionUser, id: string, trx: Db = db, lock = false): Promise<Row> {
    let q = trx
      .selectFrom('assessmentSchemes')
      .selectAll()
      .where('id', '=', id)
      .where('districtId', '=', u.districtId);
    if (!seesDrafts(u)) q = q.where('status', '=', 'published');
    const row = await (lock ? q.forUpdate() : q).executeTakeFirst();
    if (!row) throw schemesErrors.notFound();
    return row;
  }

  async function view(trx: Db, r: Row): Promise<SchemeView> {
    return { ...summary(r, await inForceIdOf(trx, r.districtId, r.year)), items: itemsOf(r) };
  }

  async function list(u: SessionUser, year?: number): Promise<SchemeSummary[]> {
    let q = db.selectFrom('assessmentSchemes').selectAll().where('districtId', '=', u.districtId);
    if (year !== undefined) q = q.where('year', '=', year);
    if (!seesDrafts(u)) q = q.where('status', '=', 'published');
    const rows = await q.orderBy('year', 'desc').orderBy('version', 'desc').execute();
    const inForce = new Map<number, string>();
    for (const r of rows) if (r.status === 'published' && !inForce.has(r.year)) inForce.set(r.year, r.id);
    return rows.map((r) => summary(r, inForce.get(r.year) ?? null));
  }

  async function get(u: SessionUser, id: string): Promise<SchemeView> {
    return view(db, await visible(u, id));
  }

  /**
   * Inserts the year's next version as a draft. The year's rows are locked first, so "one draft per year" and
   * the version number hold under concurrent requests (the unique version index is the last line of defence).
   */
  async function insertDraft(
    trx: Transaction<DB>,
    u: SessionUser,
    actor: AuditActor,
    v: { year: number; name: string; items: SchemeItem[]; copiedFrom: string | null; action: string },
  ): Promise<SchemeView> {
    const existing = await trx
      .selectFrom('assessmentSchemes')
      .select(['version', 'status'])
      .where('districtId', '=', u.districtId)
      .where('year', '=', v.year)
      .forUpdate()
      .execute();
    if (existing.some((r) => r.status === 'draft')) throw schemesErrors.draftExists(v.year);
    const version = Math.max(0, ...existing.map((r) => r.version)) + 1;
    const at = now();
    const row = await trx
      .insertInto('assessmentSchemes')
      .values({
        districtId: u.districtId,
        year: v.year,
        version,
        name: v.name,
        items: JSON.stringify(v.items),
        status: 'draft',
        copiedFrom: v.copiedFrom,
        createdBy: u.id,
        createdAt: at,
        updatedAt: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit.append(trx, actor, {
      action: v.action,
      objectType: 'assessment_scheme',
      objectId: row.id,
      result: 'success',
      changes: {
        year: { before: null, after: v.year },
        version: { before: null, after: version },
        name: { before: null, after: v.name },
        ...(v.copiedFrom ? { copiedFrom: { before: null, after: v.copiedFrom } } : {}),
      },
    });
    return view(trx, row);
  }

  async function withVersionRace<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (isUniqueViolation(err)) throw schemesErrors.concurrent();
      throw err;
    }
  }

  async function create(u: SessionUser, actor: AuditActor, input: CreateSchemeInput): Promise<SchemeView> {
    let items: SchemeItem[];
    if (input.fromExample !== undefined) {
      const example = EXAMPLE_SCHEMES.find((e) => e.id === input.fromExample);
      if (!example) throw schemesErrors.unknownExample(input.fromExample);
      items = checked(example.scheme.items);
    } else {
      items = checked(input.items ?? []);
    }
    return withVersionRace(() =>
      db.transaction().execute((trx) =>
        insertDraft(trx, u, actor, {
          year: input.year,
          name: input.name,
          items,
          copiedFrom: null,
          action: 'schemes.create',
        }),
      ),
    );
  }

  async function update(
    u: SessionUser,
    actor: AuditActor,
    id: string,
    input: UpdateSchemeInput,
  ): Promise<SchemeView> {
    return db.transaction().execute(async (trx) => {
      const before = await visible(u, id, trx, true);
      // A published version answers "start a revision" whatever the items: saving it is not possible at all.
      if (before.status !== 'draft') throw schemesErrors.published();
      const items = checked(input.items);
      const row = await trx
        .updateTable('assessmentSchemes')
        .set({
          ...(input.name ? { name: input.name } : {}),
          items: JSON.stringify(items),
          updatedAt: now(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.append(trx, actor, {
        action: 'schemes.update',
        objectType: 'assessment_scheme',
        objectId: id,
        result: 'success',
        changes: {
          ...(input.name && input.name !== before.name
            ? { name: { before: before.name, after: input.name } }
            : {}),
          items: { before: before.items, after: items },
        },
      });
      return view(trx, row);
    });
  }

  async function revise(u: SessionUser, actor: AuditActor, id: string): Promise<SchemeView> {
    return withVersionRace(() =>
      db.transaction().execute(async (trx) => {
        const from = await visible(u, id, trx);
        if (from.status !== 'published') throw schemesErrors.notPublished();
        return insertDraft(trx, u, actor, {
          year: from.year,
          name: from.name,
          items: itemsOf(from),
          copiedFrom: from.id,
          action: 'schemes.revise',
        });
      }),
    );
  }

  async function copy(u: SessionUser, actor: AuditActor, id: string, toYear: number): Promise<SchemeView> {
    return withVersionRace(() =>
      db.transaction().execute(async (trx) => {
        const from = await visible(u, id, trx);
        return insertDraft(trx, u, actor, {
          year: toYear,
          name: from.name.replace(String(from.year), String(toYear)),
          items: itemsOf(from),
          copiedFrom: from.id,
          action: 'schemes.copy',
        });
      }),
    );
  }

  async function publish(u: SessionUser, actor: AuditActor, id: string): Promise<SchemeView> {
    return db.transaction().execute(async (trx) => {
      const before = await visible(u, id, trx, true);
      if (before.status !== 'draft') throw schemesErrors.published();
      // Checked again: the catalogue may have changed since the draft was saved.
      checked(itemsOf(before));
      const at = now();
      const row = await trx
        .updateTable('assessmentSchemes')
        .set({ status: 'published', publishedAt: at, publishedBy: u.id, updatedAt: at })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.append(trx, actor, {
        action: 'schemes.publish',
        objectType: 'assessment_scheme',
        objectId: id,
        result: 'success',
        changes: { status: { before: 'draft', after: 'published' } },
        detail: `${before.year} v${before.version}`,
      });
      return view(trx, row);
    });
  }

  async function remove(u: SessionUser, actor: AuditActor, id: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const before = await visible(u, id, trx, true);
      if (before.status !== 'draft') throw schemesErrors.published();
      await trx.deleteFrom('assessmentSchemes').where('id', '=', id).execute();
      await audit.append(trx, actor, {
        action: 'schemes.delete',
        objectType: 'assessment_scheme',
        objectId: id,
        result: 'success',
        changes: {
          name: { before: before.name, after: null },
          version: { before: before.version, after: null },
        },
      });
    });
  }

  /** The live editor's check: every positioned error, nothing saved. */
  function check(items: readonly SchemeItem[]) {
    return { errors: checkScheme({ items: normalized(items) }, ASSESSMENT_CATALOGUE) };
  }

  async function progressFor(u: SessionUser, id: string, input: PreviewInput) {
    const row = await visible(u, id);
    const items = input.items ? checked(input.items) : checked(itemsOf(row));
    if (input.cutoff.slice(0, 4) !== String(row.year)) throw schemesErrors.cutoffOutsideYear(row.year);
    const progress = await computeProgress(db, {
      districtId: u.districtId,
      year: row.year,
      cutoff: input.cutoff,
    });
    return { row, items, progress };
  }

  /** Scores every assessed unit on the scheme (saved or as being edited) at a cut-off, ranked within groups. */
  async function preview(u: SessionUser, id: string, input: PreviewInput): Promise<PreviewResult> {
    const { row, items, progress } = await progressFor(u, id, input);
    const scores = scoreProgress(progress, { items });
    const unitById = new Map(progress.units.map((x) => [x.id, x]));
    const groupIndex = (g: string) => {
      const i = GROUP_ORDER.indexOf(g);
      return i < 0 ? GROUP_ORDER.length : i;
    };
    const units = scores
      .map((s) => ({
        unitId: s.unitId,
        name: unitById.get(s.unitId)?.name ?? '',
        group: s.group,
        items: s.items,
        total: s.total,
        totalExact: s.totalExact,
        rank: s.rank,
        order: unitById.get(s.unitId)?.sortOrder ?? 0,
      }))
      .sort(
        (a, b) =>
          groupIndex(a.group) - groupIndex(b.group) ||
          a.group.localeCompare(b.group) ||
          a.rank - b.rank ||
          a.order - b.order,
      )
      .map(({ order: _order, ...rest }) => rest);
    return {
      year: row.year,
      cutoff: input.cutoff,
      timeProgress: progress.timeProgress,
      items: items.map((i) => ({
        key: i.key,
        name: i.name,
        points: String(i.points),
        group: i.group ?? null,
      })),
      units,
    };
  }

  /** How one unit's score on one item came about: each evaluated part of the formula with its value. */
  async function explain(u: SessionUser, id: string, input: ExplainInput): Promise<ExplainResult> {
    const { items, progress } = await progressFor(u, id, input);
    const item = items.find((i) => i.key === input.itemKey);
    if (!item) throw schemesErrors.noSuchScore();
    const scheme = { items };
    const steps = explainProgress(progress, scheme, input.itemKey, input.unitId);
    const score = scoreProgress(progress, scheme).find((s) => s.unitId === input.unitId)?.items[
      input.itemKey
    ];
    if (!steps || !score) throw schemesErrors.noSuchScore();
    return {
      formula: item.formula,
      score,
      steps: steps.map((s) => ({ ...s, text: item.formula.slice(s.start, s.end) })),
    };
  }

  function examples(): ExamplesResult {
    return {
      items: EXAMPLE_SCHEMES.map((e) => ({
        id: e.id,
        name: e.name,
        description: e.description,
        items: normalized(e.scheme.items),
      })),
    };
  }

  function functions(): FunctionsResult {
    return {
      functions: FUNCTION_HELP.map((f) => ({ ...f })),
      indicators: CATALOGUE.map((e) => ({
        key: e.key,
        name: e.name.zh,
        unit: e.unit,
        definition: e.definition,
      })),
    };
  }

  return {
    list,
    get,
    create,
    update,
    revise,
    copy,
    publish,
    remove,
    check,
    preview,
    explain,
    examples,
    functions,
  };
}
export type SchemesService = ReturnType<typeof createSchemesService>;

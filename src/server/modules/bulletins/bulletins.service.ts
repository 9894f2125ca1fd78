import { type Kysely, sql, type Transaction } from 'kysely';
import type { BulletinMeta } from '../../../domain/bulletins/bulletins.schemas.js';
import type { BulletinSnapshot } from '../../../domain/bulletins/snapshot.js';
import { chinaToday } from '../../../domain/dates.js';
import type { DB } from '../../db/schema.js';
import { type AuditActor, type AuditRepository, canonicalJson } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { type BulletinKind, composeSnapshot, periodOf, sha256 } from './bulletins.compose.js';
import { bulletinsErrors } from './bulletins.errors.js';

// The snapshot is read as TEXT: through the CamelCasePlugin a jsonb value's nested keys would be camel-cased
// (an item key signed_amount → signedAmount), changing the frozen content.
const snapshotText = sql<string | null>`snapshot::text`.as('snapshot');
const parseSnapshot = (text: string | null) => (text ? JSON.parse(text) : {}) as BulletinSnapshot;

// 月通报 / 季评比 versions (issue 4 item 5). Each row is one version of a period's bulletin: a draft holds the
// snapshot composed at its creation or last refresh; publishing recomposes it one last time, renders the
// .docx/.xlsx and freezes all of it. A published row is never written again: every UPDATE here is guarded by
// status = 'draft', so even a race cannot change one. A correction is the next version, a draft with a reason.

export interface BulletinRenderers {
  docx(snapshot: BulletinSnapshot): Promise<Buffer>;
  xlsx(snapshot: BulletinSnapshot): Promise<Buffer>;
}

type Row = {
  id: string;
  districtId: string;
  kind: 'month' | 'quarter';
  year: number;
  period: number;
  version: number;
  periodStart: string;
  periodEnd: string;
  cutoff: string;
  title: string;
  docNumber: string | null;
  reason: string | null;
  status: 'draft' | 'published';
  schemeId: string | null;
  inputHash: string | null;
  snapshotHash: string | null;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
};

const META_COLUMNS = [
  'id',
  'districtId',
  'kind',
  'year',
  'period',
  'version',
  'periodStart',
  'periodEnd',
  'cutoff',
  'title',
  'docNumber',
  'reason',
  'status',
  'schemeId',
  'inputHash',
  'snapshotHash',
  'createdAt',
  'updatedAt',
  'publishedAt',
] as const;

// Any constant: serialises the writes of one period's versions (create, correct, publish).
const PERIOD_LOCK = 4_052_026;

function present(r: Row, latest: boolean): BulletinMeta {
  return {
    id: r.id,
    kind: r.kind,
    year: r.year,
    period: r.period,
    version: r.version,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    cutoff: r.cutoff,
    title: r.title,
    docNumber: r.docNumber,
    reason: r.reason,
    status: r.status,
    schemeId: r.schemeId,
    inputHash: r.inputHash,
    snapshotHash: r.snapshotHash,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    publishedAt: r.publishedAt ? r.publishedAt.toISOString() : null,
    latest,
  };
}

export interface CreateParams {
  kind: BulletinKind;
  year: number;
  period: number;
  cutoff?: string | undefined;
  title?: string | undefined;
  docNumber?: string | undefined;
}

export function createBulletinsService(deps: {
  db: Kysely<DB>;
  audit: AuditRepository;
  now: () => Date;
  render: BulletinRenderers;
}) {
  const { db, audit, now, render } = deps;

  async function lockPeriod(
    trx: Transaction<DB>,
    districtId: string,
    kind: string,
    year: number,
    period: number,
  ) {
    await sql`select pg_advisory_xact_lock(${PERIOD_LOCK}, hashtext(${`${districtId}:${kind}:${year}:${period}`}))`.execute(
      trx,
    );
  }

  async function rowOf(q: Kysely<DB>, districtId: string, id: string, withDrafts: boolean): Promise<Row> {
    let query = q
      .selectFrom('bulletins')
      .select(META_COLUMNS)
      .where('id', '=', id)
      .where('districtId', '=', districtId);
    if (!withDrafts) query = query.where('status', '=', 'published');
    const row = await query.executeTakeFirst();
    if (!row) throw bulletinsErrors.notFound();
    return row as Row;
  }

  async function versionsOf(
    q: Kysely<DB>,
    r: Pick<Row, 'districtId' | 'kind' | 'year' | 'period'>,
    withDrafts: boolean,
  ) {
    let query = q
      .selectFrom('bulletins')
      .select(META_COLUMNS)
      .where('districtId', '=', r.districtId)
      .where('kind', '=', r.kind)
      .where('year', '=', r.year)
      .where('period', '=', r.period)
      .orderBy('version');
    if (!withDrafts) query = query.where('status', '=', 'published');
    return (await query.execute()) as Row[];
  }

  async function maxVersion(q: Kysely<DB>, r: Pick<Row, 'districtId' | 'kind' | 'year' | 'period'>) {
    const m = await q
      .selectFrom('bulletins')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('districtId', '=', r.districtId)
      .where('kind', '=', r.kind)
      .where('year', '=', r.year)
      .where('period', '=', r.period)
      .executeTakeFirst();
    return Number(m?.v ?? 0);
  }

  function compose(
    q: Kysely<DB>,
    r:
      | Row
      | (CreateParams & {
          districtId: string;
          version: number;
          reason: string | null;
          cutoff?: string | undefined;
          title?: string | null;
          docNumber?: string | null;
        }),
  ) {
    return composeSnapshot(q, {
      districtId: r.districtId,
      kind: r.kind,
      year: r.year,
      period: r.period,
      cutoff: r.cutoff ?? null,
      version: r.version,
      reason: r.reason,
      title: r.title ?? null,
      docNumber: r.docNumber ?? null,
      issuedOn: chinaToday(now()),
    });
  }

  async function list(
    u: SessionUser,
    filter: { kind?: BulletinKind | undefined; year?: number | undefined },
    withDrafts: boolean,
  ) {
    let q = db.selectFrom('bulletins').select(META_COLUMNS).where('districtId', '=', u.districtId);
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    if (filter.year) q = q.where('year', '=', filter.year);
    if (!withDrafts) q = q.where('status', '=', 'published');
    const rows = (await q
      .orderBy('periodStart', 'desc')
      .orderBy('kind')
      .orderBy('version', 'desc')
      .execute()) as Row[];
    const top = new Map<string, number>();
    // "Latest" among what the caller may see: a town is not told of a correction still in draft.
    let latestQuery = db
      .selectFrom('bulletins')
      .select(['kind', 'year', 'period', (eb) => eb.fn.max('version').as('v')])
      .where('districtId', '=', u.districtId);
    if (!withDrafts) latestQuery = latestQuery.where('status', '=', 'published');
    const all = await latestQuery.groupBy(['kind', 'year', 'period']).execute();
    for (const a of all) top.set(`${a.kind}|${a.year}|${a.period}`, Number(a.v));
    return rows.map((r) => present(r, top.get(`${r.kind}|${r.year}|${r.period}`) === r.version));
  }

  async function detail(u: SessionUser, id: string, withDrafts: boolean) {
    const r = await rowOf(db, u.districtId, id, withDrafts);
    const snap = await db
      .selectFrom('bulletins')
      .select(snapshotText)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const versions = await versionsOf(db, r, withDrafts);
    const top = withDrafts ? await maxVersion(db, r) : Math.max(...versions.map((v) => v.version));
    return {
      ...present(r, r.version === top),
      snapshot: parseSnapshot(snap.snapshot) as unknown as Record<string, unknown>,
      versions: versions.map((v) => present(v, v.version === top)),
    };
  }

  async function create(u: SessionUser, actor: AuditActor, input: CreateParams) {
    if (input.kind === 'quarter' && input.period > 4) throw bulletinsErrors.badPeriod();
    const span = periodOf(input.kind, input.year, input.period);
    const cutoff = input.cutoff ?? span.end;
    if (cutoff < span.start || cutoff > span.end) throw bulletinsErrors.badCutoff(span.start, span.end);
    if (span.start > chinaToday(now())) throw bulletinsErrors.futurePeriod();
    return db.transaction().execute(async (trx) => {
      const key = { districtId: u.districtId, kind: input.kind, year: input.year, period: input.period };
      await lockPeriod(trx, u.districtId, input.kind, input.year, input.period);
      const existing = await trx
        .selectFrom('bulletins')
        .select('id')
        .where('districtId', '=', key.districtId)
        .where('kind', '=', key.kind)
        .where('year', '=', key.year)
        .where('period', '=', key.period)
        .orderBy('version', 'desc')
        .executeTakeFirst();
      if (existing) throw bulletinsErrors.periodExists(existing.id);
      const c = await compose(trx, {
        ...key,
        cutoff,
        version: 1,
        reason: null,
        title: input.title,
        docNumber: input.docNumber,
      });
      const at = now();
      const row = await trx
        .insertInto('bulletins')
        .values({
          ...key,
          version: 1,
          periodStart: c.periodStart,
          periodEnd: c.periodEnd,
          cutoff: c.cutoff,
          title: c.snapshot.title,
          docNumber: c.snapshot.docNumber,
          reason: null,
          status: 'draft',
          schemeId: c.schemeId,
          snapshot: JSON.stringify(c.snapshot),
          inputHash: c.snapshot.inputHash,
          createdBy: u.id,
          createdAt: at,
          updatedAt: at,
        })
        .returning(META_COLUMNS)
        .executeTakeFirstOrThrow();
      await audit.append(trx, actor, {
        action: 'bulletins.create',
        objectType: 'bulletin',
        objectId: row.id,
        result: 'success',
        detail: `${c.snapshot.periodLabel} v1`,
      });
      return present(row as Row, true);
    });
  }

  /** Recomposes a draft from today's data. */
  async function refresh(u: SessionUser, actor: AuditActor, id: string) {
    return db.transaction().execute(async (trx) => {
      const r = await rowOf(trx, u.districtId, id, true);
      if (r.status !== 'draft') throw bulletinsErrors.published();
      const c = await compose(trx, r);
      const row = await trx
        .updateTable('bulletins')
        .set({
          snapshot: JSON.stringify(c.snapshot),
          inputHash: c.snapshot.inputHash,
          schemeId: c.schemeId,
          updatedAt: now(),
        })
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .returning(META_COLUMNS)
        .executeTakeFirst();
      if (!row) throw bulletinsErrors.published();
      await audit.append(trx, actor, {
        action: 'bulletins.refresh',
        objectType: 'bulletin',
        objectId: id,
        result: 'success',
        changes: { inputHash: { before: r.inputHash, after: c.snapshot.inputHash } },
      });
      return present(row as Row, r.version === (await maxVersion(trx, r)));
    });
  }

  async function publish(u: SessionUser, actor: AuditActor, id: string) {
    return db.transaction().execute(async (trx) => {
      const r0 = await rowOf(trx, u.districtId, id, true);
      await lockPeriod(trx, u.districtId, r0.kind, r0.year, r0.period);
      const r = await rowOf(trx, u.districtId, id, true);
      if (r.status !== 'draft') throw bulletinsErrors.published();
      if (r.version !== (await maxVersion(trx, r))) throw bulletinsErrors.notLatest();
      const c = await compose(trx, r);
      const [docx, xlsx] = await Promise.all([render.docx(c.snapshot), render.xlsx(c.snapshot)]);
      const text = JSON.stringify(c.snapshot);
      // jsonb keeps the values but not the key order: the hash is over the canonical form (keys sorted), so
      // anyone can check it against the stored snapshot as read back.
      const snapshotHash = sha256(canonicalJson(c.snapshot));
      const at = now();
      const row = await trx
        .updateTable('bulletins')
        .set({
          status: 'published',
          snapshot: text,
          snapshotHash,
          inputHash: c.snapshot.inputHash,
          schemeId: c.schemeId,
          docx,
          xlsx,
          publishedBy: u.id,
          publishedAt: at,
          updatedAt: at,
        })
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .returning(META_COLUMNS)
        .executeTakeFirst();
      if (!row) throw bulletinsErrors.published();
      await audit.append(trx, actor, {
        action: 'bulletins.publish',
        objectType: 'bulletin',
        objectId: id,
        result: 'success',
        changes: { status: { before: 'draft', after: 'published' } },
        detail: `${c.snapshot.periodLabel} v${r.version} ${snapshotHash}`,
      });
      return present(row as Row, true);
    });
  }

  /** The next version of a published period, a draft with the reason; lifts the period's lock until published. */
  async function correct(u: SessionUser, actor: AuditActor, id: string, reason: string) {
    return db.transaction().execute(async (trx) => {
      const r0 = await rowOf(trx, u.districtId, id, true);
      await lockPeriod(trx, u.districtId, r0.kind, r0.year, r0.period);
      const r = await rowOf(trx, u.districtId, id, true);
      if (r.version !== (await maxVersion(trx, r))) throw bulletinsErrors.notLatest();
      if (r.status !== 'published') throw bulletinsErrors.notPublished();
      const version = r.version + 1;
      const c = await compose(trx, { ...r, version, reason });
      const at = now();
      const row = await trx
        .insertInto('bulletins')
        .values({
          districtId: r.districtId,
          kind: r.kind,
          year: r.year,
          period: r.period,
          version,
          periodStart: r.periodStart,
          periodEnd: r.periodEnd,
          cutoff: r.cutoff,
          title: r.title,
          docNumber: r.docNumber,
          reason,
          status: 'draft',
          schemeId: c.schemeId,
          snapshot: JSON.stringify(c.snapshot),
          inputHash: c.snapshot.inputHash,
          createdBy: u.id,
          createdAt: at,
          updatedAt: at,
        })
        .returning(META_COLUMNS)
        .executeTakeFirstOrThrow();
      await audit.append(trx, actor, {
        action: 'bulletins.correct',
        objectType: 'bulletin',
        objectId: row.id,
        result: 'success',
        detail: `${c.snapshot.periodLabel} v${version}: ${reason}`,
      });
      return present(row as Row, true);
    });
  }

  /** A version's .docx/.xlsx: the stored bytes of a published one, a draft rendered now. Every read is audited. */
  async function file(
    u: SessionUser,
    actor: AuditActor,
    id: string,
    format: 'docx' | 'xlsx',
    withDrafts: boolean,
  ) {
    const r = await rowOf(db, u.districtId, id, withDrafts);
    const stored = await db
      .selectFrom('bulletins')
      .select([snapshotText, 'docx', 'xlsx'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    let body: Buffer;
    if (r.status === 'published') {
      body = (format === 'docx' ? stored.docx : stored.xlsx) as Buffer;
    } else {
      const snapshot = parseSnapshot(stored.snapshot);
      body = format === 'docx' ? await render.docx(snapshot) : await render.xlsx(snapshot);
    }
    await audit.appendStandalone(actor, {
      action: 'bulletins.export',
      objectType: 'bulletin',
      objectId: id,
      result: 'success',
      detail: `${format} v${r.version} ${r.status}`,
    });
    const label = periodOf(r.kind, r.year, r.period).label;
    const suffix = r.status === 'draft' ? '（草稿）' : r.version > 1 ? `（第${r.version}版）` : '';
    return { body, filename: `${label}${r.kind === 'month' ? '月通报' : '季评比'}${suffix}.${format}` };
  }

  return { list, detail, create, refresh, publish, correct, file };
}

export type BulletinsService = ReturnType<typeof createBulletinsService>;

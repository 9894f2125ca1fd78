import crypto from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { AuditQuery } from '../../../domain/audit/audit.schemas.js';
import type { DB } from '../../db/schema.js';

export type AuditResult = 'success' | 'failure' | 'denied';

/** Who did it, from where: taken from the request once, passed to every service that writes. */
export interface AuditActor {
  userId: string | null;
  username: string | null;
  roles: string[];
  unitId: string | null;
  districtId: string | null;
  ip: string | null;
  requestId: string | null;
}

export interface AuditEvent {
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  result: AuditResult;
  changes?: Record<string, { before: unknown; after: unknown }> | null;
  detail?: string | null;
}

const GENESIS = 'genesis';
// Any constant; serialises appends so each row's HMAC covers the previous committed row.
const AUDIT_LOCK = 7_212_026;

/** JSON with object keys sorted at every level: jsonb reorders keys, so the HMAC input must not depend on order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

interface ChainedRow {
  at: Date;
  userId: string | null;
  username: string | null;
  roles: string[];
  unitId: string | null;
  districtId: string | null;
  ip: string | null;
  requestId: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  result: string;
  changes: unknown;
  detail: string | null;
}

function rowHmac(key: string, prevHmac: string, r: ChainedRow): string {
  const content = canonicalJson([
    r.at.toISOString(),
    r.userId,
    r.username,
    r.roles,
    r.unitId,
    r.districtId,
    r.ip,
    r.requestId,
    r.action,
    r.objectType,
    r.objectId,
    r.result,
    r.changes ?? null,
    r.detail,
  ]);
  return crypto.createHmac('sha256', key).update(prevHmac).update('\n').update(content).digest('hex');
}

export function createAuditRepository({
  db,
  hmacKey,
  now,
}: {
  db: Kysely<DB>;
  hmacKey: string;
  now: () => Date;
}) {
  /** Appends inside the caller's transaction: if the audit row cannot be written, the business write fails too. */
  async function append(trx: Transaction<DB>, actor: AuditActor, event: AuditEvent): Promise<void> {
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
    const prev = await trx
      .selectFrom('auditLog')
      .select('hmac')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const prevHmac = prev?.hmac ?? GENESIS;
    const changes = event.changes && Object.keys(event.changes).length > 0 ? event.changes : null;
    const row: ChainedRow = {
      at: now(),
      userId: actor.userId,
      username: actor.username,
      roles: actor.roles,
      unitId: actor.unitId,
      districtId: actor.districtId,
      ip: actor.ip,
      requestId: actor.requestId,
      action: event.action,
      objectType: event.objectType ?? null,
      objectId: event.objectId ?? null,
      result: event.result,
      changes: changes ? JSON.parse(canonicalJson(changes)) : null,
      detail: event.detail ?? null,
    };
    await trx
      .insertInto('auditLog')
      .values({
        ...row,
        result: event.result,
        changes: changes ? canonicalJson(changes) : null,
        prevHmac,
        hmac: rowHmac(hmacKey, prevHmac, row),
      })
      .execute();
  }

  /** For events outside a business transaction (failed logins, denied requests). */
  async function appendStandalone(actor: AuditActor, event: AuditEvent): Promise<void> {
    await db.transaction().execute((trx) => append(trx, actor, event));
  }

  /** Walks the whole chain in id order and reports the first row whose link or content does not check out. */
  async function verify(): Promise<{
    ok: boolean;
    checked: number;
    firstBrokenId: string | null;
    reason: string | null;
  }> {
    let prevHmac = GENESIS;
    let lastId = '0';
    let checked = 0;
    const batch = 5000;
    while (true) {
      const rows = await db
        .selectFrom('auditLog')
        .selectAll()
        .where('id', '>', lastId)
        .orderBy('id')
        .limit(batch)
        .execute();
      for (const r of rows) {
        if (r.prevHmac !== prevHmac) {
          return { ok: false, checked, firstBrokenId: r.id, reason: 'chain_broken' };
        }
        if (rowHmac(hmacKey, prevHmac, { ...r, changes: r.changes }) !== r.hmac) {
          return { ok: false, checked, firstBrokenId: r.id, reason: 'content_altered' };
        }
        prevHmac = r.hmac;
        lastId = r.id;
        checked++;
      }
      if (rows.length < batch) return { ok: true, checked, firstBrokenId: null, reason: null };
    }
  }

  async function search(q: AuditQuery) {
    let query = db.selectFrom('auditLog');
    if (q.from) query = query.where('at', '>=', new Date(q.from));
    if (q.to) query = query.where('at', '<', new Date(q.to));
    if (q.username) query = query.where(sql`lower(username)`, '=', q.username.toLowerCase());
    if (q.action) query = query.where('action', 'like', `${q.action.replace(/[%_\\]/g, '\\$&')}%`);
    if (q.objectType) query = query.where('objectType', '=', q.objectType);
    if (q.objectId) query = query.where('objectId', '=', q.objectId);
    if (q.result) query = query.where('result', '=', q.result);
    const [items, total] = await Promise.all([
      query
        .select([
          'id',
          'at',
          'userId',
          'username',
          'roles',
          'unitId',
          'districtId',
          'ip',
          'requestId',
          'action',
          'objectType',
          'objectId',
          'result',
          'changes',
          'detail',
        ])
        .orderBy('id', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      items: items.map((r) => ({
        ...r,
        at: r.at.toISOString(),
        changes: r.changes as Record<string, { before: unknown; after: unknown }> | null,
      })),
      total: Number(total.n),
    };
  }

  return { append, appendStandalone, verify, search };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;

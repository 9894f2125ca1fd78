import type { Kysely, Selectable } from 'kysely';
import type { FieldError } from '../../../domain/errors.js';
import {
  type CreateSavedViewInput,
  SAVED_VIEW_SPECS,
  type SavedView,
  type SavedViewList,
  type UpdateSavedViewInput,
} from '../../../domain/saved-views/saved-views.schemas.js';
import type { DB, SavedViewsTable } from '../../db/schema.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { savedViewsErrors } from './saved-views.errors.js';

function present(r: Selectable<SavedViewsTable>): SavedView {
  return {
    id: r.id,
    list: r.list,
    name: r.name,
    query: r.query as Record<string, string>,
    columns: r.columns,
    createdAt: r.createdAt.toISOString(),
  };
}

/**
 * A view must be one the list would accept: its query passes the list's own schema (so a stale or hand-made
 * view cannot break the page that applies it) and its columns are the list's columns. Empty values are dropped,
 * as the address drops them.
 */
function checked(list: SavedViewList, query: Record<string, string>, columns: string[] | null) {
  const spec = SAVED_VIEW_SPECS[list];
  if (!spec) throw savedViewsErrors.listUnsupported(list);
  const kept = Object.fromEntries(Object.entries(query).filter(([, v]) => v.trim() !== ''));
  const fields: Record<string, FieldError> = {};
  const parsed = spec.query.safeParse(kept);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.code === 'unrecognized_keys' ? issue.keys.join(',') : String(issue.path[0] ?? '');
      fields[`query.${key}`] ??= { message: issue.message, messageZh: `筛选条件“${key}”无效。` };
    }
  }
  const unknown = (columns ?? []).filter((c) => !spec.columns.includes(c));
  if (unknown.length > 0) {
    fields.columns = {
      message: `Unknown columns: ${unknown.join(', ')}.`,
      messageZh: `不支持的列：${unknown.join('、')}。`,
    };
  }
  if (Object.keys(fields).length > 0) throw savedViewsErrors.invalidQuery(fields);
  return { query: kept, columns: columns ? [...new Set(columns)] : null };
}

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

export function createSavedViewsService({
  db,
  audit,
  now,
}: {
  db: Kysely<DB>;
  audit: AuditRepository;
  now: () => Date;
}) {
  /** Only the owner ever reaches a view, whatever their roles. */
  function own(u: SessionUser) {
    return db.selectFrom('savedViews').selectAll().where('userId', '=', u.id);
  }

  async function list(u: SessionUser, list: SavedViewList): Promise<SavedView[]> {
    const rows = await own(u).where('list', '=', list).orderBy('name').execute();
    return rows.map(present);
  }

  async function create(u: SessionUser, actor: AuditActor, input: CreateSavedViewInput) {
    const { query, columns } = checked(input.list, input.query, input.columns);
    try {
      return await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('savedViews')
          .values({
            districtId: u.districtId,
            userId: u.id,
            list: input.list,
            name: input.name,
            query: JSON.stringify(query),
            columns: columns ? JSON.stringify(columns) : null,
            createdAt: now(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit.append(trx, actor, {
          action: 'saved_views.create',
          objectType: 'saved_view',
          objectId: row.id,
          result: 'success',
          changes: { list: { before: null, after: input.list }, name: { before: null, after: input.name } },
        });
        return present(row);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw savedViewsErrors.nameTaken(input.name);
      throw err;
    }
  }

  async function update(u: SessionUser, actor: AuditActor, id: string, patch: UpdateSavedViewInput) {
    try {
      return await db.transaction().execute(async (trx) => {
        const before = await trx
          .selectFrom('savedViews')
          .selectAll()
          .where('id', '=', id)
          .where('userId', '=', u.id)
          .forUpdate()
          .executeTakeFirst();
        if (!before) throw savedViewsErrors.notFound();
        const next = checked(
          before.list,
          patch.query ?? (before.query as Record<string, string>),
          patch.columns === undefined ? before.columns : patch.columns,
        );
        const row = await trx
          .updateTable('savedViews')
          .set({
            ...(patch.name ? { name: patch.name } : {}),
            query: JSON.stringify(next.query),
            columns: next.columns ? JSON.stringify(next.columns) : null,
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit.append(trx, actor, {
          action: 'saved_views.update',
          objectType: 'saved_view',
          objectId: id,
          result: 'success',
          changes: {
            ...(patch.name && patch.name !== before.name
              ? { name: { before: before.name, after: patch.name } }
              : {}),
            ...(patch.query ? { query: { before: before.query, after: next.query } } : {}),
            ...(patch.columns !== undefined
              ? { columns: { before: before.columns, after: next.columns } }
              : {}),
          },
        });
        return present(row);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw savedViewsErrors.nameTaken(patch.name ?? '');
      throw err;
    }
  }

  async function remove(u: SessionUser, actor: AuditActor, id: string) {
    await db.transaction().execute(async (trx) => {
      const gone = await trx
        .deleteFrom('savedViews')
        .where('id', '=', id)
        .where('userId', '=', u.id)
        .returning(['name', 'list'])
        .executeTakeFirst();
      if (!gone) throw savedViewsErrors.notFound();
      await audit.append(trx, actor, {
        action: 'saved_views.delete',
        objectType: 'saved_view',
        objectId: id,
        result: 'success',
        changes: { name: { before: gone.name, after: null } },
      });
    });
  }

  return { list, create, update, remove };
}
export type SavedViewsService = ReturnType<typeof createSavedViewsService>;

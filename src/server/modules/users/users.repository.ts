import { type Kysely, sql, type Transaction } from 'kysely';
import type { Role } from '../../../domain/access/roles.js';
import type { UserView } from '../../../domain/accounts/accounts.schemas.js';
import type { DB } from '../../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

export interface UserFilter {
  districtIds: string[];
  unitId?: string;
  q?: string;
  role?: Role;
  page: number;
  pageSize: number;
}

function baseQuery(q: Q) {
  return q
    .selectFrom('users as u')
    .innerJoin('units as un', 'un.id', 'u.unitId')
    .select([
      'u.id',
      'u.username',
      'u.displayName',
      'u.unitId',
      'un.name as unitName',
      'u.districtId',
      'u.status',
      'u.mustChangePassword',
      'u.lastLoginAt',
      'u.createdAt',
      sql<string[]>`array(select role from user_roles r where r.user_id = u.id order by role)`.as('roles'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

export function presentUser(r: Row, lockedUntil: Date | null): UserView {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    unitId: r.unitId,
    unitName: r.unitName,
    districtId: r.districtId,
    roles: r.roles as Role[],
    status: r.status,
    lockedUntil: lockedUntil?.toISOString() ?? null,
    mustChangePassword: r.mustChangePassword,
    lastLoginAt: r.lastLoginAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

export function createUsersRepository({ db }: { db: Kysely<DB> }) {
  async function list(f: UserFilter) {
    if (f.districtIds.length === 0) return { rows: [] as Row[], total: 0 };
    let q = baseQuery(db).where('u.districtId', 'in', f.districtIds);
    if (f.unitId) q = q.where('u.unitId', '=', f.unitId);
    if (f.role) {
      const role = f.role;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('userRoles as r')
            .select('r.userId')
            .whereRef('r.userId', '=', 'u.id')
            .where('r.role', '=', role),
        ),
      );
    }
    if (f.q) {
      const like = `%${f.q.replace(/[%_\\]/g, '\\$&')}%`;
      q = q.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.displayName', 'ilike', like)]));
    }
    const [rows, total] = await Promise.all([
      q
        .orderBy(sql`un.sort_order`)
        .orderBy('u.username')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      q
        .clearSelect()
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n) };
  }

  async function find(id: string, districtIds: string[], q: Q = db) {
    if (districtIds.length === 0) return undefined;
    return baseQuery(q).where('u.id', '=', id).where('u.districtId', 'in', districtIds).executeTakeFirst();
  }

  async function usernameTaken(q: Q, username: string) {
    return Boolean(
      await q
        .selectFrom('users')
        .select('id')
        .where(sql`lower(username)`, '=', username.toLowerCase())
        .executeTakeFirst(),
    );
  }

  async function insert(
    trx: Transaction<DB>,
    v: {
      username: string;
      displayName: string;
      unitId: string;
      districtId: string;
      passwordHash: string;
      mustChangePassword: boolean;
      roles: Role[];
    },
    at: Date,
  ) {
    const { roles, ...rest } = v;
    const row = await trx
      .insertInto('users')
      .values({ ...rest, status: 'active', passwordChangedAt: at, createdAt: at, updatedAt: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replaceRoles(trx, row.id, v.districtId, roles);
    return row.id;
  }

  async function replaceRoles(
    trx: Transaction<DB>,
    userId: string,
    districtId: string,
    roles: readonly Role[],
  ) {
    await trx.deleteFrom('userRoles').where('userId', '=', userId).execute();
    if (roles.length > 0) {
      await trx
        .insertInto('userRoles')
        .values(roles.map((role) => ({ userId, districtId, role })))
        .execute();
    }
  }

  async function update(
    trx: Transaction<DB>,
    id: string,
    set: Partial<{
      displayName: string;
      unitId: string;
      districtId: string;
      status: 'active' | 'disabled';
      unlockedAt: Date;
      passwordHash: string;
      mustChangePassword: boolean;
      passwordChangedAt: Date;
    }>,
    at: Date,
  ) {
    await trx
      .updateTable('users')
      .set({ ...set, updatedAt: at })
      .where('id', '=', id)
      .execute();
    if (set.districtId)
      await trx
        .updateTable('userRoles')
        .set({ districtId: set.districtId })
        .where('userId', '=', id)
        .execute();
  }

  async function endSessions(trx: Transaction<DB>, userId: string) {
    await trx.deleteFrom('sessions').where('userId', '=', userId).execute();
  }

  return { list, find, usernameTaken, insert, replaceRoles, update, endSessions };
}
export type UsersRepository = ReturnType<typeof createUsersRepository>;

import type { Kysely, Transaction } from 'kysely';
import type { BusinessRole, Role, SecurityRole } from '../../../domain/access/roles.js';
import { isSecurityRole } from '../../../domain/access/roles.js';
import { orgReach } from '../../../domain/access/scope.js';
import type {
  CreateUserInput,
  UpdateUserInput,
  UserView,
} from '../../../domain/accounts/accounts.schemas.js';
import { diffFields } from '../../../domain/audit/audit.schemas.js';
import type { DB } from '../../db/schema.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { AuthService, SessionUser } from '../auth/auth.service.js';
import { generateOneTimePassword, hashPassword } from '../auth/password-hasher.js';
import type { OrganizationRepository } from '../organization/organization.repository.js';
import type { SecurityPolicyRepository } from '../security-policy/security-policy.repository.js';
import { usersErrors } from './users.errors.js';
import { presentUser, type UsersRepository } from './users.repository.js';

interface Deps {
  db: Kysely<DB>;
  repo: UsersRepository;
  org: OrganizationRepository;
  auth: AuthService;
  policies: SecurityPolicyRepository;
  audit: AuditRepository;
  now: () => Date;
}

export function createUsersService({ db, repo, org, auth, policies, audit, now }: Deps) {
  const reachOf = (u: SessionUser) =>
    orgReach({ roles: u.roles, unitId: u.unitId, districtId: u.districtId, cityId: u.cityId });
  const districtsOf = (u: SessionUser) => org.districtIdsIn(reachOf(u));

  async function views(rows: Parameters<typeof presentUser>[0][]): Promise<UserView[]> {
    const locks = await auth.lockStates(
      rows.map((r) => r.username.toLowerCase()),
      await policies.get(),
      now(),
    );
    return rows.map((r) => presentUser(r, locks.get(r.username.toLowerCase()) ?? null));
  }

  async function list(
    u: SessionUser,
    f: { unitId?: string; q?: string; role?: Role; page: number; pageSize: number },
  ) {
    const reach = reachOf(u);
    const unitId = reach.kind === 'unit' ? reach.unitId : f.unitId;
    if (reach.kind === 'unit' && f.unitId && f.unitId !== reach.unitId) return { items: [], total: 0 };
    const { rows, total } = await repo.list({ ...f, unitId, districtIds: await districtsOf(u) });
    return { items: await views(rows), total };
  }

  async function get(u: SessionUser, id: string) {
    const reach = reachOf(u);
    const row = await repo.find(id, await districtsOf(u));
    if (!row || (reach.kind === 'unit' && row.unitId !== reach.unitId)) throw usersErrors.notFound();
    return (await views([row]))[0]!;
  }

  async function activeUnitInReach(
    u: SessionUser,
    unitId: string,
    q: Parameters<OrganizationRepository['findUnit']>[2],
  ) {
    const unit = await org.findUnit(unitId, await districtsOf(u), q);
    if (!unit?.active) throw usersErrors.unitNotFound();
    return unit;
  }

  async function create(u: SessionUser, actor: AuditActor, input: CreateUserInput) {
    const oneTimePassword = generateOneTimePassword();
    const passwordHash = await hashPassword(oneTimePassword);
    const id = await db.transaction().execute(async (trx) => {
      const unit = await activeUnitInReach(u, input.unitId, trx);
      if (await repo.usernameTaken(trx, input.username)) throw usersErrors.usernameTaken(input.username);
      const roles = [...new Set(input.roles)];
      const newId = await repo.insert(
        trx,
        {
          username: input.username,
          displayName: input.displayName,
          unitId: unit.id,
          districtId: unit.districtId,
          passwordHash,
          mustChangePassword: true,
          roles,
        },
        now(),
      );
      await audit.append(trx, actor, {
        action: 'users.create',
        objectType: 'user',
        objectId: newId,
        result: 'success',
        changes: diffFields(null, {
          username: input.username,
          displayName: input.displayName,
          unitId: unit.id,
          roles,
          password: 'one-time',
        }),
      });
      return newId;
    });
    return { user: await get(u, id), oneTimePassword };
  }

  /** Loads the target inside the transaction, applies `fn`, audits the before/after of the fields it touched. */
  async function mutate(
    u: SessionUser,
    actor: AuditActor,
    id: string,
    action: string,
    fn: (
      trx: Transaction<DB>,
      target: NonNullable<Awaited<ReturnType<UsersRepository['find']>>>,
    ) => Promise<Record<string, unknown>>,
  ) {
    const districts = await districtsOf(u);
    await db.transaction().execute(async (trx) => {
      const target = await repo.find(id, districts, trx);
      if (!target) throw usersErrors.notFound();
      const before = {
        displayName: target.displayName,
        unitId: target.unitId,
        roles: target.roles,
        status: target.status,
      };
      const after = { ...before, ...(await fn(trx, target)) };
      await audit.append(trx, actor, {
        action,
        objectType: 'user',
        objectId: id,
        result: 'success',
        changes: diffFields(before, after),
      });
    });
    return get(u, id);
  }

  const holdsSecurityRole = (roles: string[]) => roles.some((r) => isSecurityRole(r as Role));

  async function update(u: SessionUser, actor: AuditActor, id: string, patch: UpdateUserInput) {
    return mutate(u, actor, id, 'users.update', async (trx, target) => {
      const changed: Record<string, unknown> = {};
      const set: Parameters<UsersRepository['update']>[2] = {};
      if (patch.displayName !== undefined) set.displayName = changed.displayName = patch.displayName;
      let districtId = target.districtId;
      if (patch.unitId !== undefined && patch.unitId !== target.unitId) {
        const unit = await activeUnitInReach(u, patch.unitId, trx);
        set.unitId = changed.unitId = unit.id;
        set.districtId = districtId = unit.districtId;
      }
      if (Object.keys(set).length > 0) await repo.update(trx, id, set, now());
      if (patch.roles !== undefined) {
        if (holdsSecurityRole(target.roles)) {
          if (patch.roles.length > 0) throw usersErrors.securityAccount();
        } else {
          const roles = [...new Set(patch.roles)] as BusinessRole[];
          await repo.replaceRoles(trx, id, districtId, roles);
          changed.roles = [...roles].sort();
        }
      }
      return changed;
    });
  }

  async function setStatus(u: SessionUser, actor: AuditActor, id: string, status: 'active' | 'disabled') {
    if (id === u.id) throw usersErrors.notYourself();
    return mutate(u, actor, id, status === 'disabled' ? 'users.disable' : 'users.enable', async (trx) => {
      await repo.update(trx, id, { status }, now());
      // Disabling ends every session of the account at once.
      if (status === 'disabled') await repo.endSessions(trx, id);
      return { status };
    });
  }

  async function unlock(u: SessionUser, actor: AuditActor, id: string) {
    return mutate(u, actor, id, 'users.unlock', async (trx) => {
      await repo.update(trx, id, { unlockedAt: now() }, now());
      return { lockedUntil: null };
    });
  }

  async function resetPassword(u: SessionUser, actor: AuditActor, id: string) {
    if (id === u.id) throw usersErrors.notYourself();
    const oneTimePassword = generateOneTimePassword();
    const passwordHash = await hashPassword(oneTimePassword);
    await mutate(u, actor, id, 'users.reset_password', async (trx, target) => {
      if (holdsSecurityRole(target.roles)) throw usersErrors.securityAccountProtected();
      const at = now();
      await repo.update(
        trx,
        id,
        { passwordHash, mustChangePassword: true, passwordChangedAt: at, unlockedAt: at },
        at,
      );
      await repo.endSessions(trx, id);
      return { password: 'one-time' };
    });
    return { oneTimePassword };
  }

  /** 三员: only the security administrator grants or removes the sys_admin / security_admin / auditor role. */
  async function setSecurityRole(u: SessionUser, actor: AuditActor, id: string, role: SecurityRole | null) {
    if (id === u.id) throw usersErrors.notYourself();
    return mutate(u, actor, id, 'users.set_security_role', async (trx, target) => {
      if (role && target.roles.some((r) => !isSecurityRole(r as Role))) throw usersErrors.hasBusinessRoles();
      await repo.replaceRoles(trx, id, target.districtId, role ? [role] : []);
      await repo.endSessions(trx, id);
      return { roles: role ? [role] : [] };
    });
  }

  return { list, get, create, update, setStatus, unlock, resetPassword, setSecurityRole };
}
export type UsersService = ReturnType<typeof createUsersService>;

import { type Kysely, sql } from 'kysely';
import type { Role } from '../../../domain/access/roles.js';
import type { SetupInput } from '../../../domain/accounts/accounts.schemas.js';
import { DEFAULT_SECURITY_POLICY } from '../../../domain/accounts/password-policy.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import { hashPassword } from '../auth/password-hasher.js';
import { assertPasswordAcceptable } from '../auth/password-rules.js';
import type { SecurityPolicyRepository } from '../security-policy/security-policy.repository.js';
import { loadDemoActivities } from './demo-activities.js';
import { loadDemoBulletins } from './demo-bulletins.js';
import { loadDemoCapital } from './demo-capital.js';
import { loadDemoChains } from './demo-chains.js';
import { loadDemoCity } from './demo-city.js';
import { loadDemoCommitments } from './demo-commitments.js';
import { DEMO_CENTER_USERS, demoUnits } from './demo-district.js';
import { loadDemoLeads } from './demo-leads.js';
import { loadDemoNetworkSources } from './demo-network-sources.js';
import { loadDemoNotifications } from './demo-notifications.js';
import { loadDemoPipeline } from './demo-pipeline.js';
import { loadDemoPreReviews } from './demo-pre-reviews.js';
import { loadDemoProblems } from './demo-problems.js';
import { loadDemoProcedures } from './demo-procedures.js';
import { loadDemoProjectTeam } from './demo-project-team.js';
import { loadDemoPromotionEvents } from './demo-promotion-events.js';
import { loadDemoSchemes } from './demo-schemes.js';
import { loadDemoSupervision } from './demo-supervision.js';
import { loadDemoTargetEnterprises } from './demo-target-enterprises.js';
import { loadDemoTargets } from './demo-targets.js';

const SETUP_LOCK = 7_212_027;

export const setupErrors = {
  alreadyDone: () =>
    new AppError(
      409,
      'setup.already_done',
      'This platform is already set up; sign in instead.',
      '平台已完成初始化，请直接登录。',
    ),
};

/** Hash many passwords without starving the event loop (argon2 runs on libuv's pool of 4). */
async function hashAll(password: string, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i += 4) {
    out.push(
      ...(await Promise.all(Array.from({ length: Math.min(4, n - i) }, () => hashPassword(password)))),
    );
  }
  return out;
}

export function createSetupService(deps: {
  db: Kysely<DB>;
  audit: AuditRepository;
  policies: SecurityPolicyRepository;
  now: () => Date;
}) {
  const { db, audit, policies, now } = deps;

  async function needsSetup(): Promise<boolean> {
    return !(await db.selectFrom('users').select('id').limit(1).executeTakeFirst());
  }

  async function run(input: SetupInput, meta: { ip: string; requestId: string }) {
    assertPasswordAcceptable(
      input.admin.password,
      DEFAULT_SECURITY_POLICY,
      input.admin.username,
      'admin.password',
    );
    const base = input.admin.username.toLowerCase();
    const securityAdminUsername = base === 'secadmin' ? 'secadmin2' : 'secadmin';
    const auditorUsername = base === 'auditadmin' ? 'auditadmin2' : 'auditadmin';
    const units = input.loadDemo ? demoUnits() : [];
    const demoUsers = input.loadDemo ? [...DEMO_CENTER_USERS, ...units.flatMap((u) => u.users)] : [];
    const hashes = await hashAll(input.admin.password, 3 + demoUsers.length);
    const at = now();

    return db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${SETUP_LOCK})`.execute(trx);
      if (await trx.selectFrom('users').select('id').limit(1).executeTakeFirst())
        throw setupErrors.alreadyDone();

      const city = await trx
        .insertInto('regions')
        .values({ kind: 'city', name: input.cityName, parentId: null, code: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const district = await trx
        .insertInto('regions')
        .values({ kind: 'district', name: input.districtName, parentId: city.id, code: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const center = await trx
        .insertInto('units')
        .values({
          districtId: district.id,
          name: input.centerName,
          kind: 'center',
          code: null,
          sortOrder: 0,
          createdAt: at,
          updatedAt: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await policies.save(trx, await policies.get(trx), at);

      let h = 0;
      const addUser = async (
        unitId: string,
        username: string,
        displayName: string,
        roles: Role[],
        mustChangePassword: boolean,
      ) => {
        const row = await trx
          .insertInto('users')
          .values({
            districtId: district.id,
            unitId,
            username,
            displayName,
            passwordHash: hashes[h++]!,
            mustChangePassword,
            passwordChangedAt: at,
            status: 'active',
            createdAt: at,
            updatedAt: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('userRoles')
          .values(roles.map((role) => ({ userId: row.id, districtId: district.id, role })))
          .execute();
        return row.id;
      };

      const adminId = await addUser(
        center.id,
        input.admin.username,
        input.admin.displayName,
        ['sys_admin'],
        false,
      );
      // The other two of the 三员 start with the administrator's password and must change it at first sign-in.
      await addUser(center.id, securityAdminUsername, '安全管理员', ['security_admin'], true);
      await addUser(center.id, auditorUsername, '审计管理员', ['auditor'], true);

      let demo: { units: number; users: number; enterprises: number; projects: number } | null = null;
      if (input.loadDemo) {
        for (const u of DEMO_CENTER_USERS)
          await addUser(center.id, u.username, u.displayName, u.roles, false);
        let order = 1;
        const created: { id: string; kind: string; name: string }[] = [];
        for (const unit of units) {
          const row = await trx
            .insertInto('units')
            .values({
              districtId: district.id,
              name: unit.name,
              kind: unit.kind,
              code: null,
              sortOrder: order++,
              createdAt: at,
              updatedAt: at,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          for (const u of unit.users) await addUser(row.id, u.username, u.displayName, u.roles, false);
          created.push({ id: row.id, kind: unit.kind, name: unit.name });
        }
        const pipeline = await loadDemoPipeline(trx, {
          districtId: district.id,
          units: created,
          userId: adminId,
          username: input.admin.username,
          now: at,
        });
        await loadDemoLeads(trx, {
          districtId: district.id,
          units: created,
          userId: adminId,
          username: input.admin.username,
          now: at,
        });
        await loadDemoActivities(trx, { districtId: district.id, units: created, now: at });
        // demo:network-sources (chambers, dealers, people outside; credits some referred leads and projects)
        await loadDemoNetworkSources(trx, {
          districtId: district.id,
          units: created,
          userId: adminId,
          now: at,
        });
        // demo:promotion-events (credits the demo's leads of channel 'event' and their projects to events)
        await loadDemoPromotionEvents(trx, {
          districtId: district.id,
          units: created,
          userId: adminId,
          now: at,
        });
        await loadDemoCapital(trx, { districtId: district.id, units: created, userId: adminId, now: at });
        // demo:chains (places some projects and leads on links; the target enterprises' demo comes after it)
        await loadDemoChains(trx, { districtId: district.id, userId: adminId, now: at });
        // demo:target-enterprises (after chains: targets are placed on links by name)
        await loadDemoTargetEnterprises(trx, {
          districtId: district.id,
          units: created,
          userId: adminId,
          username: input.admin.username,
          now: at,
        });
        // demo:problems (problems on signed/landed/started projects in every state, some overdue)
        await loadDemoProblems(trx, {
          districtId: district.id,
          userId: adminId,
          username: input.admin.username,
          now: at,
        });
        // demo:commitments (承诺事项 in every state over six departments, so the rates differ)
        await loadDemoCommitments(trx, { districtId: district.id, userId: adminId, now: at });
        // demo:project-team (专班 on the largest projects, officers on most signed ones, three missing)
        await loadDemoProjectTeam(trx, { districtId: district.id, now: at });
        // demo:procedures (checklists on signed/landed/started projects, every status, some overdue)
        await loadDemoProcedures(trx, { districtId: district.id, userId: adminId, now: at });
        // demo:pre-reviews (open with missing and late opinions, decided of each kind, one cancelled)
        await loadDemoPreReviews(trx, { districtId: district.id, userId: adminId, now: at });
        // demo:supervision (督办单 to towns and departments in every state, some overdue, some followed up)
        await loadDemoSupervision(trx, { districtId: district.id, now: at });
        // Assessment demo, in this order (each reads the previous): year settings and targets, schemes,
        // other districts' figures, bulletins.
        // demo:targets
        await loadDemoTargets(trx, { districtId: district.id, units: created, userId: adminId, now: at });
        // demo:schemes
        await loadDemoSchemes(trx, { districtId: district.id, userId: adminId, now: at });
        // demo:city
        await loadDemoCity(trx, { districtId: district.id, userId: adminId, now: at });
        // demo:bulletins
        await loadDemoBulletins(trx, { districtId: district.id, userId: adminId, now: at });
        // demo:notifications (last: the real reminder job over all the demo above)
        await loadDemoNotifications(trx, { districtId: district.id, now: at });
        demo = { units: units.length + 1, users: demoUsers.length, ...pipeline };
      }

      await audit.append(
        trx,
        {
          userId: adminId,
          username: input.admin.username,
          roles: ['sys_admin'],
          unitId: center.id,
          districtId: district.id,
          ip: meta.ip,
          requestId: meta.requestId,
        },
        {
          action: 'setup.complete',
          objectType: 'region',
          objectId: district.id,
          result: 'success',
          changes: {
            city: { before: null, after: input.cityName },
            district: { before: null, after: input.districtName },
            demo: { before: null, after: demo },
          },
        },
      );
      return { securityAdminUsername, auditorUsername, demo };
    });
  }

  return { needsSetup, run };
}
export type SetupService = ReturnType<typeof createSetupService>;

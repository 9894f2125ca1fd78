import { type Kysely, sql, type Transaction } from 'kysely';
import { hasPermission } from '../../../domain/access/permissions.js';
import type { DataScope } from '../../../domain/access/scope.js';
import { diffFields } from '../../../domain/audit/audit.schemas.js';
import { chinaToday } from '../../../domain/dates.js';
import { clockDays } from '../../../domain/landing/clocks.js';
import { DEFAULT_FIRST_CONTACT_DAYS, firstContactOverdue } from '../../../domain/landing/first-contact.js';
import type {
  ProjectTeam,
  PutTeamInput,
  UnnamedOfficer,
} from '../../../domain/project-team/project-team.schemas.js';
import type { DB } from '../../db/schema.js';
import { inScope } from '../../db/scope-filter.js';
import { AppError } from '../../http/errors.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { projectsErrors } from '../projects/projects.errors.js';

type Q = Kysely<DB> | Transaction<DB>;
const PROJECT_COLS = { district: 'p.district_id', unit: 'p.unit_id' };
const AUDITED = [
  'liaisonLeader',
  'firstContactOfficer',
  'firstContactPhone',
  'firstContactNamedOn',
  'greenChannel',
];

const unitInvalid = () =>
  new AppError(
    400,
    'project_team.unit_invalid',
    'A team member’s unit must be an active unit of the project’s district.',
    '专班成员的单位须为本区在用单位。',
    { members: { message: 'Pick units of the district.', messageZh: '请选择本区单位。' } },
  );

/** The district's first-contact window (district_settings.first_contact_days; 5 when never set). */
export async function firstContactDaysOf(q: Q, districtId: string): Promise<number> {
  const s = await q
    .selectFrom('districtSettings')
    .select('firstContactDays')
    .where('districtId', '=', districtId)
    .executeTakeFirst();
  return s?.firstContactDays ?? DEFAULT_FIRST_CONTACT_DAYS;
}

/**
 * Signed projects in scope with no first-contact officer past the window (firstContactOverdue), longest late
 * first. The center's list, the inbox and the dashboard read this one function.
 */
export async function unnamedOfficers(
  db: Kysely<DB>,
  scope: DataScope,
  today: string,
): Promise<UnnamedOfficer[]> {
  const rows = await db
    .selectFrom('projects as p')
    .innerJoin('units as un', 'un.id', 'p.unitId')
    .leftJoin('districtSettings as ds', 'ds.districtId', 'p.districtId')
    .select([
      'p.id',
      'p.name',
      'p.unitId',
      'un.name as unitName',
      'p.stage',
      'p.signingDate',
      'p.greenChannel',
      'p.liaisonLeader',
      'p.firstContactOfficer',
      'ds.firstContactDays',
    ])
    .where(inScope(scope, PROJECT_COLS))
    .where('p.signingDate', 'is not', null)
    .where('p.stage', '<>', 'withdrawn')
    .where(sql<boolean>`coalesce(btrim(p.first_contact_officer), '') = ''`)
    .execute();
  const out: UnnamedOfficer[] = [];
  for (const r of rows) {
    const check = firstContactOverdue(
      r,
      { firstContactDays: r.firstContactDays ?? DEFAULT_FIRST_CONTACT_DAYS },
      today,
    );
    if (!check.overdue || !r.signingDate || !check.dueOn) continue;
    out.push({
      projectId: r.id,
      projectName: r.name,
      unitId: r.unitId,
      unitName: r.unitName,
      stage: r.stage,
      signingDate: r.signingDate,
      greenChannel: r.greenChannel,
      liaisonLeader: r.liaisonLeader,
      dueOn: check.dueOn,
      daysLate: check.daysLate,
    });
  }
  return out.sort((a, b) => b.daysLate - a.daysLate || a.projectName.localeCompare(b.projectName, 'zh'));
}

export function createProjectTeamService(deps: { db: Kysely<DB>; audit: AuditRepository; now: () => Date }) {
  const { db, audit, now } = deps;
  const today = () => chinaToday(now());

  async function findProject(q: Q, scope: DataScope, id: string, lock = false) {
    let query = q
      .selectFrom('projects as p')
      .selectAll('p')
      .where('p.id', '=', id)
      .where(inScope(scope, PROJECT_COLS));
    if (lock) query = query.forUpdate('p');
    const row = await query.executeTakeFirst();
    if (!row) throw projectsErrors.notFound();
    return row;
  }

  async function view(q: Q, u: SessionUser, scope: DataScope, projectId: string): Promise<ProjectTeam> {
    const p = await findProject(q, scope, projectId);
    const [members, days] = await Promise.all([
      q
        .selectFrom('projectTeamMembers as m')
        .leftJoin('units as un', 'un.id', 'm.unitId')
        .select(['m.id', 'm.unitId', 'un.name as unitName', 'm.name', 'm.role', 'm.duty'])
        .where('m.projectId', '=', projectId)
        .orderBy('m.sortOrder')
        .orderBy('m.createdAt')
        .execute(),
      firstContactDaysOf(q, p.districtId),
    ]);
    const check = firstContactOverdue(p, { firstContactDays: days }, today());
    return {
      projectId: p.id,
      projectName: p.name,
      version: p.version,
      members,
      liaisonLeader: p.liaisonLeader,
      firstContactOfficer: p.firstContactOfficer,
      firstContactPhone: p.firstContactPhone,
      // Generated<Day> is not unwrapped by selectAll: a date column reads as its string.
      firstContactNamedOn: p.firstContactNamedOn as string | null,
      greenChannel: p.greenChannel,
      signingDate: p.signingDate,
      firstContactWindowDays: clockDays(days, p.greenChannel),
      firstContactDueOn: check.dueOn,
      firstContactOverdue: check.overdue,
      daysLate: check.daysLate,
      can: { edit: hasPermission(u.roles, 'landing.write') },
    };
  }

  /**
   * Replaces the team and sets the liaison leader, the officer and the green channel in one edit of the project:
   * the project's version is checked and bumped, so this and the project form never overwrite each other.
   * named_on is today when an officer is first named (kept when only the name or phone changes; cleared with it).
   */
  async function put(
    u: SessionUser,
    scope: DataScope,
    actor: AuditActor,
    projectId: string,
    input: PutTeamInput,
  ) {
    return db.transaction().execute(async (trx) => {
      const before = await findProject(trx, scope, projectId, true);
      if (before.version !== input.version) throw projectsErrors.stale(before.version);
      const unitIds = [...new Set(input.members.map((m) => m.unitId).filter((x): x is string => x !== null))];
      if (unitIds.length > 0) {
        const found = await trx
          .selectFrom('units')
          .select('id')
          .where('id', 'in', unitIds)
          .where('districtId', '=', before.districtId)
          .where('active', '=', true)
          .execute();
        if (found.length !== unitIds.length) throw unitInvalid();
      }
      const officer = input.firstContactOfficer;
      const namedOn = officer === null ? null : ((before.firstContactNamedOn as string | null) ?? today());
      const at = now();
      const after = await trx
        .updateTable('projects')
        .set({
          liaisonLeader: input.liaisonLeader,
          firstContactOfficer: officer,
          firstContactPhone: officer === null ? null : input.firstContactPhone,
          // The schema types this column Generated<Day | null>, which Kysely does not accept a plain string for.
          firstContactNamedOn: sql`${namedOn}::date`,
          greenChannel: input.greenChannel,
          version: sql<number>`version + 1`,
          updatedAt: at,
        })
        .where('id', '=', projectId)
        .returningAll()
        .executeTakeFirstOrThrow();
      const oldMembers = await trx
        .deleteFrom('projectTeamMembers')
        .where('projectId', '=', projectId)
        .returning(['unitId', 'name', 'role', 'duty', 'sortOrder'])
        .execute();
      if (input.members.length > 0) {
        await trx
          .insertInto('projectTeamMembers')
          .values(
            input.members.map((m, i) => ({
              districtId: before.districtId,
              projectId,
              unitId: m.unitId,
              name: m.name,
              role: m.role,
              duty: m.duty,
              sortOrder: i,
              createdAt: at,
            })),
          )
          .execute();
      }
      const pick = (r: Record<string, unknown>) => Object.fromEntries(AUDITED.map((k) => [k, r[k] ?? null]));
      const memberList = (ms: { unitId: string | null; name: string; role: string; duty: string | null }[]) =>
        ms.map((m) => ({ unitId: m.unitId, name: m.name, role: m.role, duty: m.duty }));
      await audit.append(trx, actor, {
        action: 'project_team.update',
        objectType: 'project',
        objectId: projectId,
        result: 'success',
        changes: diffFields(
          { ...pick(before), members: memberList(oldMembers.sort((a, b) => a.sortOrder - b.sortOrder)) },
          { ...pick(after), members: memberList(input.members) },
        ),
      });
      return view(trx, u, scope, projectId);
    });
  }

  return {
    get: (u: SessionUser, scope: DataScope, projectId: string) => view(db, u, scope, projectId),
    put,
    unnamedOfficers: (scope: DataScope) => unnamedOfficers(db, scope, today()),
  };
}
export type ProjectTeamService = ReturnType<typeof createProjectTeamService>;

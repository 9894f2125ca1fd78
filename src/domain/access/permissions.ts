import type { Role } from './roles.js';

// What a role may do. Routes declare one of these; the server checks it in one place (access plugin) and
// the access-matrix test checks every route against this table.
export const PERMISSIONS = [
  'organization.read', // regions and units: the org chart every signed-in user needs for pickers
  'organization.manage', // create/edit/deactivate units and districts
  'users.read',
  'users.manage', // create accounts, unit, business roles, disable, unlock, reset password
  'roles.manage_security', // grant the 三员 roles
  'security_policy.read',
  'security_policy.manage',
  'audit.read',
  'pipeline.read', // enterprises, projects and their attachments, within the caller's data scope
  'pipeline.write',
  'pipeline.coordinate', // the center's district-wide calls: lead-clock settings, unit conflicts and co-credit
  'capital.approve', // a unit head approves (locks) or returns the unit's month of capital reports
  'capital.reopen', // the center reopens an approved month with a reason
  'assessment.read', // targets and progress within the caller's scope, published bulletins, the city comparison
  'assessment.read_drafts', // bulletin drafts and unpublished schemes (center and leaders)
  'assessment.manage', // the center: 口径, targets, schemes, bulletins (publish, correct), other districts' figures
  'landing.read', // pre-reviews, procedures, problems, commitments, teams, supervision notices within the data scope
  'landing.write', // the project's unit: procedures, problems raised, commitments, special team, investor portal links
  'landing.handle', // a department on what is assigned to it: opinions, procedure progress, problem replies, evidence
  'landing.coordinate', // the center: open and decide pre-reviews, assign problems, landing clocks, reminder rules
  'supervision.issue', // the supervision office (督查室): issue, follow up and close supervision notices
  'supervision.reply', // the recipient unit or department replies to a supervision notice
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  center_admin: [
    'organization.read',
    'organization.manage',
    'users.read',
    'pipeline.read',
    'pipeline.write',
    'pipeline.coordinate',
    'capital.approve',
    'capital.reopen',
    'assessment.read',
    'assessment.read_drafts',
    'assessment.manage',
    'landing.read',
    'landing.write',
    'landing.coordinate',
  ],
  unit_reporter: [
    'organization.read',
    'pipeline.read',
    'pipeline.write',
    'assessment.read',
    'landing.read',
    'landing.write',
    'supervision.reply',
  ],
  unit_head: [
    'organization.read',
    'users.read',
    'pipeline.read',
    'pipeline.write',
    'capital.approve',
    'assessment.read',
    'landing.read',
    'landing.write',
    'supervision.reply',
  ],
  leader: [
    'organization.read',
    'users.read',
    'pipeline.read',
    'assessment.read',
    'assessment.read_drafts',
    'landing.read',
  ],
  supervisor: [
    'organization.read',
    'users.read',
    'pipeline.read',
    'assessment.read',
    'landing.read',
    'supervision.issue',
  ],
  department_handler: [
    'organization.read',
    'pipeline.read',
    'assessment.read',
    'landing.read',
    'landing.handle',
    'supervision.reply',
  ],
  city_viewer: ['organization.read'],
  sys_admin: ['organization.read', 'organization.manage', 'users.read', 'users.manage'],
  security_admin: [
    'organization.read',
    'users.read',
    'roles.manage_security',
    'security_policy.read',
    'security_policy.manage',
  ],
  auditor: ['organization.read', 'users.read', 'security_policy.read', 'audit.read'],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r]));
}

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
}

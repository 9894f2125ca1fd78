import { z } from 'zod';
import { TEAM_ROLES } from '../landing/landing-codes.js';

// 专班 (special team), 包联领导, 首席服务员 (first-contact officer) and 绿色通道 of a project: one form, saved
// together with the project's version like any edit of the project.

export const FIRST_CONTACT_PHONE = /^[0-9+ -]{5,20}$/;

export const teamMemberInput = z.object({
  unitId: z.string().uuid().nullable().default(null),
  name: z.string().trim().min(1).max(40),
  role: z.enum(TEAM_ROLES),
  duty: z
    .string()
    .trim()
    .max(200)
    .nullable()
    .default(null)
    .transform((s) => (s ? s : null)),
});
export type TeamMemberInput = z.infer<typeof teamMemberInput>;

const blankToNull = (s: string | null) => (s ? s : null);

export const putTeamInput = z.object({
  /** The project's version you loaded (the team is part of the project: 409 when someone saved it since). */
  version: z.number().int().min(1),
  members: z.array(teamMemberInput).max(50),
  liaisonLeader: z.string().trim().max(50).nullable().transform(blankToNull),
  firstContactOfficer: z.string().trim().max(40).nullable().transform(blankToNull),
  firstContactPhone: z
    .string()
    .trim()
    .nullable()
    .transform(blankToNull)
    .refine((s) => s === null || FIRST_CONTACT_PHONE.test(s), 'A phone number: 5–20 digits, spaces, + or -'),
  greenChannel: z.boolean(),
});
export type PutTeamInput = z.infer<typeof putTeamInput>;

export const teamMemberSchema = z.object({
  id: z.string().uuid(),
  unitId: z.string().uuid().nullable(),
  unitName: z.string().nullable(),
  name: z.string(),
  role: z.enum(TEAM_ROLES),
  duty: z.string().nullable(),
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

export const projectTeamSchema = z.object({
  projectId: z.string().uuid(),
  projectName: z.string(),
  version: z.number().int(),
  members: z.array(teamMemberSchema),
  liaisonLeader: z.string().nullable(),
  firstContactOfficer: z.string().nullable(),
  firstContactPhone: z.string().nullable(),
  firstContactNamedOn: z.string().nullable(),
  greenChannel: z.boolean(),
  signingDate: z.string().nullable(),
  /** The window in days this project runs on (the district's setting, halved for the green channel). */
  firstContactWindowDays: z.number().int(),
  firstContactDueOn: z.string().nullable(),
  firstContactOverdue: z.boolean(),
  daysLate: z.number().int(),
  can: z.object({ edit: z.boolean() }),
});
export type ProjectTeam = z.infer<typeof projectTeamSchema>;

export const unnamedOfficerSchema = z.object({
  projectId: z.string().uuid(),
  projectName: z.string(),
  unitId: z.string().uuid(),
  unitName: z.string(),
  stage: z.string(),
  signingDate: z.string(),
  greenChannel: z.boolean(),
  liaisonLeader: z.string().nullable(),
  dueOn: z.string(),
  daysLate: z.number().int(),
});
export type UnnamedOfficer = z.infer<typeof unnamedOfficerSchema>;

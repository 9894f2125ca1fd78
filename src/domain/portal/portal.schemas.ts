import { z } from 'zod';
import { PROBLEM_CATEGORIES, PROBLEM_EVENT_KINDS, PROBLEM_STATUSES } from '../landing/landing-codes.js';

// The investor portal (企业服务链接, issue 5 item 6): the links a unit hands to an investor, and what the public
// page sends and shows. Text from the public is plain text: control characters other than line breaks and tabs
// are dropped, \r\n becomes \n, and the rest is stored exactly as typed (a pasted <script> stays text).

/** Files the investor may attach to one problem, and how large each may be (stricter than staff uploads). */
export const PORTAL_MAX_FILES = 3;
export const PORTAL_FILE_MAX_BYTES = 5 * 1024 * 1024;
/** JSON bodies of the public routes: ample for the longest description in any script, refused beyond. */
export const PORTAL_JSON_BODY_LIMIT = 16 * 1024;

// C0 controls except \t (09) and \n (0a), DEL, and the C1 block; also the bidi overrides that can make text
// read differently from what it stores.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to match them
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Plain text as stored: line breaks normalised, control characters removed. */
export function plainText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

const text = (min: number, max: number) => z.string().overwrite(plainText).trim().min(min).max(max);

export const createPortalLinkInput = z.strictObject({
  /** Who the link is for, e.g. 「恒力紧固件 王经理」. */
  label: text(1, 60),
});
export type CreatePortalLinkInput = z.infer<typeof createPortalLinkInput>;

export const portalLinkSchema = z.object({
  id: z.string().uuid(),
  label: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  problemCount: z.number().int(),
});
export type PortalLinkView = z.infer<typeof portalLinkSchema>;

/** Answer to creating a link: the only time the token is ever shown. */
export const portalLinkCreatedSchema = portalLinkSchema.extend({
  /** `/portal/<token>`; the page prefixes its own origin. */
  path: z.string(),
});
export type PortalLinkCreated = z.infer<typeof portalLinkCreatedSchema>;

export const portalProblemInput = z.strictObject({
  category: z.enum(PROBLEM_CATEGORIES),
  title: text(2, 100),
  description: text(1, 2000),
  contactName: text(0, 40)
    .nullish()
    .transform((v) => (v ? v : null)),
});
export type PortalProblemInput = z.infer<typeof portalProblemInput>;

export const portalReopenInput = z.strictObject({
  reason: text(2, 500),
});
export type PortalReopenInput = z.infer<typeof portalReopenInput>;

/** A timeline step as the investor sees it: no staff names, no internal comments or escalations. */
export const portalStepSchema = z.object({
  kind: z.enum(PROBLEM_EVENT_KINDS),
  at: z.string(),
  /** The investor's own words (a reason for reopening) and the department's replies; other notes stay inside. */
  note: z.string().nullable(),
});

export const portalFileSchema = z.object({
  id: z.string().uuid(),
  filename: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: z.string(),
});
export type PortalFile = z.infer<typeof portalFileSchema>;

export const portalProblemSchema = z.object({
  id: z.string().uuid(),
  category: z.enum(PROBLEM_CATEGORIES),
  title: z.string(),
  description: z.string(),
  contactName: z.string().nullable(),
  status: z.enum(PROBLEM_STATUSES),
  createdAt: z.string(),
  /** The department handling it (承办部门), once assigned. */
  departmentName: z.string().nullable(),
  /** The department's 反馈 to the investor, and when it was given. */
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** The investor may confirm or reopen (the department has replied). */
  canRespond: z.boolean(),
  files: z.array(portalFileSchema),
  steps: z.array(portalStepSchema),
});
export type PortalProblem = z.infer<typeof portalProblemSchema>;

export const portalViewSchema = z.object({
  projectName: z.string(),
  /** Whom to contact: the project's unit, its district, and the first-contact officer (首席服务员) when named. */
  unitName: z.string(),
  districtName: z.string(),
  contactOfficer: z.string().nullable(),
  contactPhone: z.string().nullable(),
  problems: z.array(portalProblemSchema),
  maxFiles: z.number().int(),
  maxFileBytes: z.number().int(),
});
export type PortalView = z.infer<typeof portalViewSchema>;

import { z } from 'zod';
import { STAGES } from '../projects/stages.js';
import { COVERAGE_STATES } from './chain-coverage.js';
import { CHAIN_SEGMENTS, LINK_ENTERPRISE_ROLES, TARGET_STATUSES } from './network-codes.js';

// Wire shapes of the industrial chains (产业链): the list with coverage, a chain's link tree with what sits on each
// link, the gaps with their 补链 candidates, and the center's tree edits. Counts on links are district-wide
// (全区); the leads and projects listed on a link are the caller's own scope.

const id = z.string().uuid();
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const coverageStateSchema = z.enum(COVERAGE_STATES);
export const chainSegmentSchema = z.enum(CHAIN_SEGMENTS);
export const linkEnterpriseRoleSchema = z.enum(LINK_ENTERPRISE_ROLES);

export const linkCountsSchema = z.object({
  chainLeaders: z.number().int(),
  existing: z.number().int(),
  leads: z.number().int(),
  negotiating: z.number().int(),
  signed: z.number().int(),
  landed: z.number().int(),
  started: z.number().int(),
  producing: z.number().int(),
  paused: z.number().int(),
  targets: z.number().int(),
});

export const chainSummarySchema = z.object({
  id,
  name: z.string(),
  description: z.string().nullable(),
  sortOrder: z.number().int(),
  linkCount: z.number().int(),
  leafCount: z.number().int(),
  covered: z.number().int(),
  inProgress: z.number().int(),
  gaps: z.number().int(),
  /** covered leaf links ÷ leaf links, percent with one decimal; null without links */
  coverage: z.string().nullable(),
  /** names of the gap links, for the list's cards */
  gapNames: z.array(z.string()),
  chainLeaderNames: z.array(z.string()),
});
export type ChainSummary = z.infer<typeof chainSummarySchema>;

export const linkEnterpriseSchema = z.object({
  enterpriseId: id,
  name: z.string(),
  role: linkEnterpriseRoleSchema,
  note: z.string().nullable(),
});
export type LinkEnterprise = z.infer<typeof linkEnterpriseSchema>;

export const chainLinkNodeSchema = z.object({
  id,
  parentId: id.nullable(),
  name: z.string(),
  segment: chainSegmentSchema,
  description: z.string().nullable(),
  sortOrder: z.number().int(),
  /** 0 for a link directly under the chain */
  depth: z.number().int(),
  leaf: z.boolean(),
  ownState: coverageStateSchema,
  state: coverageStateSchema,
  counts: linkCountsSchema,
  enterprises: z.array(linkEnterpriseSchema),
});
export type ChainLinkNode = z.infer<typeof chainLinkNodeSchema>;

export const gapCandidateSchema = z.object({
  targetId: id,
  enterpriseId: id,
  enterpriseName: z.string(),
  tags: z.array(z.string()),
  priority: z.enum(['key', 'normal']),
  status: z.enum(TARGET_STATUSES),
  unitName: z.string(),
  /** whether the caller may open the target (its plan follows the unit in charge's scope) */
  visible: z.boolean(),
});
export type GapCandidate = z.infer<typeof gapCandidateSchema>;

export const chainGapSchema = z.object({
  linkId: id,
  name: z.string(),
  segment: chainSegmentSchema,
  /** the link's ancestors and itself: 表面处理 › 达克罗 */
  path: z.string(),
  candidates: z.array(gapCandidateSchema),
});
export type ChainGap = z.infer<typeof chainGapSchema>;

export const linkLeadSchema = z.object({
  id,
  linkId: id,
  title: z.string(),
  status: z.enum(['new', 'following', 'declined', 'converted']),
  unitName: z.string(),
  receivedOn: z.string(),
});
export const linkProjectSchema = z.object({
  id,
  linkId: id,
  name: z.string(),
  stage: z.enum(STAGES),
  unitName: z.string(),
});
export type LinkLead = z.infer<typeof linkLeadSchema>;
export type LinkProject = z.infer<typeof linkProjectSchema>;

export const chainDetailSchema = chainSummarySchema.extend({
  /** depth-first, siblings by sort order then name */
  links: z.array(chainLinkNodeSchema),
  gapList: z.array(chainGapSchema),
  /** open leads and the projects on the chain's links, within the caller's scope (withdrawn and declined left out) */
  leads: z.array(linkLeadSchema),
  projects: z.array(linkProjectSchema),
});
export type ChainDetail = z.infer<typeof chainDetailSchema>;

export const chainsQuery = z.object({
  /** only the chain holding this link (the list route's ?link= jump) */
  linkId: id.optional(),
});

export const chainInput = z.object({
  name: text(40),
  description: optionalText(2000),
  sortOrder: z.number().int().min(0).max(9999).optional(),
});
export type ChainInput = z.infer<typeof chainInput>;
export const chainPatch = chainInput.partial();
export type ChainPatch = z.infer<typeof chainPatch>;

export const linkInput = z.object({
  parentId: id.nullish().transform((v) => v ?? null),
  name: text(40),
  segment: chainSegmentSchema,
  description: optionalText(2000),
});
export type LinkInput = z.infer<typeof linkInput>;

/** Rename, describe, move to another segment (with its sub-links) or under another parent of the same chain. */
export const linkPatch = z.object({
  parentId: id.nullable().optional(),
  name: text(40).optional(),
  segment: chainSegmentSchema.optional(),
  description: optionalText(2000).optional(),
});
export type LinkPatch = z.infer<typeof linkPatch>;

/** The new order of sibling links (same parent): their sort order becomes their position here. */
export const linkOrderInput = z.object({ ids: z.array(id).min(1).max(200) });

export const linkEnterpriseInput = z.object({
  role: linkEnterpriseRoleSchema,
  note: optionalText(500),
});
export type LinkEnterpriseInput = z.infer<typeof linkEnterpriseInput>;

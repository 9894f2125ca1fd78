import { z } from 'zod';
import { isIsoDate } from '../dates.js';
import { industryDivisionSchema } from '../enterprises/enterprises.schemas.js';
import { amountString } from '../money/money.js';
import { CHAIN_ROLES, CHANNELS, POLLUTION_CLASSES, SOURCE_AREAS } from './project-attributes.js';
import { AGREEMENT_TYPES, EVIDENCE_KINDS, STAGES } from './stages.js';

const day = z.string().refine(isIsoDate, 'A calendar date YYYY-MM-DD');
// One rule for every record that names an industry: a real GB/T 4754 division.
const industryDivision = industryDivisionSchema;

// Amounts travel as decimal strings of integers: 元 for CNY, cents for USD (DOMAIN §4).
const projectFields = {
  name: z.string().trim().min(2).max(100),
  enterpriseId: z.string().uuid().nullable(),
  industryDivision: industryDivision.nullable(),
  chain: z.string().trim().max(40).nullable(),
  industrial: z.boolean(),
  plannedTotalYuan: amountString.nullable(),
  fixedAssetYuan: amountString.nullable(),
  signedAmountYuan: amountString.nullable(),
  foreignFunded: z.boolean(),
  contractedForeignUsdCents: amountString.nullable(),
  signingDate: day.nullable(),
  agreementType: z.enum(AGREEMENT_TYPES).nullable(),
  landedDate: day.nullable(),
  startDate: day.nullable(),
  productionDate: day.nullable(),
  channel: z.enum(CHANNELS).nullable(),
  sourceArea: z.enum(SOURCE_AREAS).nullable(),
  chainRole: z.enum(CHAIN_ROLES).nullable(),
  highTech: z.boolean(),
  expectedOutputYuan: amountString.nullable(),
  expectedTaxYuan: amountString.nullable(),
  expectedJobs: z.number().int().min(0).max(1_000_000).nullable(),
  /** 亩 with at most two decimals, as a string so it stays exact */
  landAreaMu: z
    .string()
    .regex(/^\d{1,10}(\.\d{1,2})?$/, 'Land area in mu: a number with at most two decimals')
    .nullable(),
  /** annual energy use in tonnes of standard coal (吨标准煤) */
  energyTce: z.number().int().min(0).max(100_000_000).nullable(),
  pollutionClass: z.enum(POLLUTION_CLASSES).nullable(),
  cooperatingUnitIds: z.array(z.string().uuid()).max(20),
  /** 包联领导: the leader in charge, by name as the district writes it */
  liaisonLeader: z.string().trim().max(50).nullable(),
  greenChannel: z.boolean(),
  cityProjectCode: z.string().trim().max(40).nullable(),
  /** 增资扩股: an existing enterprise adding capital; the 口径 may count only the increment. */
  capitalIncrease: z.boolean(),
  /** 增资额 in 元: required for a capital increase, at most the signed (and planned) amount. */
  incrementYuan: amountString.nullable(),
  /** 以商招商 / 以情招商: the network source that referred it, the event it came from, the chain link it fills
   * (copied from the lead it was converted from). */
  referralSourceId: z.string().uuid().nullable(),
  eventId: z.string().uuid().nullable(),
  chainLinkId: z.string().uuid().nullable(),
};

/** Defaults for the optional attributes when a project is created (or imported) without them. */
const attributeDefaults = {
  channel: projectFields.channel.default(null),
  sourceArea: projectFields.sourceArea.default(null),
  chainRole: projectFields.chainRole.default(null),
  highTech: projectFields.highTech.default(false),
  expectedOutputYuan: projectFields.expectedOutputYuan.default(null),
  expectedTaxYuan: projectFields.expectedTaxYuan.default(null),
  expectedJobs: projectFields.expectedJobs.default(null),
  landAreaMu: projectFields.landAreaMu.default(null),
  energyTce: projectFields.energyTce.default(null),
  pollutionClass: projectFields.pollutionClass.default(null),
  cooperatingUnitIds: projectFields.cooperatingUnitIds.default([]),
  liaisonLeader: projectFields.liaisonLeader.default(null),
  greenChannel: projectFields.greenChannel.default(false),
  cityProjectCode: projectFields.cityProjectCode.default(null),
  capitalIncrease: projectFields.capitalIncrease.default(false),
  incrementYuan: projectFields.incrementYuan.default(null),
  referralSourceId: projectFields.referralSourceId.default(null),
  eventId: projectFields.eventId.default(null),
  chainLinkId: projectFields.chainLinkId.default(null),
};

export const createProjectInput = z.object({
  unitId: z.string().uuid(),
  ...projectFields,
  enterpriseId: projectFields.enterpriseId.default(null),
  industryDivision: projectFields.industryDivision.default(null),
  chain: projectFields.chain.default(null),
  industrial: projectFields.industrial.default(true),
  plannedTotalYuan: projectFields.plannedTotalYuan.default(null),
  fixedAssetYuan: projectFields.fixedAssetYuan.default(null),
  signedAmountYuan: projectFields.signedAmountYuan.default(null),
  foreignFunded: projectFields.foreignFunded.default(false),
  contractedForeignUsdCents: projectFields.contractedForeignUsdCents.default(null),
  signingDate: projectFields.signingDate.default(null),
  agreementType: projectFields.agreementType.default(null),
  landedDate: projectFields.landedDate.default(null),
  startDate: projectFields.startDate.default(null),
  productionDate: projectFields.productionDate.default(null),
  ...attributeDefaults,
});
export type CreateProjectInput = z.infer<typeof createProjectInput>;

/** `version` is the one the editor loaded: a stale edit is refused rather than silently overwriting. */
export const updateProjectInput = z
  .object({ version: z.number().int().min(1), ...projectFields })
  .partial()
  .required({ version: true });
export type UpdateProjectInput = z.infer<typeof updateProjectInput>;

export const moveProjectInput = z.object({
  to: z.enum(STAGES),
  /**
   * Facts entered in the move dialog (signing date, amount …), saved in the same transaction as the move so
   * a refused move saves nothing and an accepted one never leaves the facts half-saved.
   */
  fields: z.object(projectFields).partial().optional(),
  effectiveDate: day,
  reason: z.string().trim().max(500).optional(),
  note: z.string().trim().max(500).optional(),
  version: z.number().int().min(1),
});
export type MoveProjectInput = z.infer<typeof moveProjectInput>;

export const projectSchema = z.object({
  id: z.string().uuid(),
  districtId: z.string().uuid(),
  unitId: z.string().uuid(),
  unitName: z.string(),
  enterpriseName: z.string().nullable(),
  stage: z.enum(STAGES),
  stageBeforeHold: z.string().nullable(),
  holdReason: z.string().nullable(),
  /** the lead it was converted from, if any */
  leadId: z.string().uuid().nullable(),
  referralSourceName: z.string().nullable(),
  eventName: z.string().nullable(),
  chainLinkLabel: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  ...projectFields,
});
export type ProjectView = z.infer<typeof projectSchema>;

export const stageHistorySchema = z.object({
  fromStage: z.string().nullable(),
  toStage: z.string(),
  effectiveDate: z.string(),
  note: z.string().nullable(),
  username: z.string().nullable(),
  /** The person's name as it is now (null when the account is gone); `username` is kept as recorded. */
  displayName: z.string().nullable(),
  at: z.string(),
});

export const attachmentSchema = z.object({
  id: z.string().uuid(),
  kind: z.enum([...EVIDENCE_KINDS, 'other']),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});

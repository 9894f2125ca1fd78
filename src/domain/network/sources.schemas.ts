import { z } from 'zod';
import { isIsoDate } from '../dates.js';
import { isCountryCode, isProvinceOrCity } from '../enterprises/origin.js';
import { outcomeSchema } from './network.schemas.js';
import { SOURCE_KINDS } from './network-codes.js';

// 商会、协会、在外人员、经销网点、在区企业、驻外招商机构: the network that refers leads (以商招商 / 以情招商 / 驻外招商).
// The liaison unit owns the record and its contact details (unit scope); the name is offered to every unit of
// the district as a referrer (network options). A lead or project names its source by referralSourceId.

const day = z.string().refine(isIsoDate, 'A calendar date YYYY-MM-DD');
const text = (max: number) => z.string().trim().max(max).nullable();

const sourceFields = {
  unitId: z.string().uuid(),
  kind: z.enum(SOURCE_KINDS),
  name: z.string().trim().min(1).max(100),
  /** Where it sits: a GB/T 2260 province or prefecture code (6 digits) of the region list. */
  regionCode: z
    .string()
    .refine(isProvinceOrCity, 'A province or prefecture code of the region list')
    .nullable(),
  /** The place as people say it (北京市丰台区 …), whatever the region code. */
  place: text(100),
  /** ISO 3166 alpha-2 for a source abroad (a chamber in Jakarta). */
  country: z.string().refine(isCountryCode, 'An ISO 3166 country code').nullable(),
  /** The invested enterprise (在区企业) that recruits others, from the district's address book. */
  enterpriseId: z.string().uuid().nullable(),
  contactName: text(40),
  contactPhone: text(40),
  /** Our liaison person (联络人 on our side). */
  liaison: text(40),
  note: text(2000),
};

export const createSourceInput = z.object({
  ...sourceFields,
  regionCode: sourceFields.regionCode.default(null),
  place: sourceFields.place.default(null),
  country: sourceFields.country.default(null),
  enterpriseId: sourceFields.enterpriseId.default(null),
  contactName: sourceFields.contactName.default(null),
  contactPhone: sourceFields.contactPhone.default(null),
  liaison: sourceFields.liaison.default(null),
  note: sourceFields.note.default(null),
});
export type CreateSourceInput = z.infer<typeof createSourceInput>;

/** `version` is the one the editor loaded: a stale edit is refused (409) rather than overwriting. */
export const updateSourceInput = z
  .object({ version: z.number().int().min(1), ...sourceFields, active: z.boolean() })
  .partial()
  .required({ version: true });
export type UpdateSourceInput = z.infer<typeof updateSourceInput>;

export const deactivateSourceInput = z.object({ version: z.number().int().min(1) });

export const sourceSchema = z.object({
  id: z.string().uuid(),
  districtId: z.string().uuid(),
  unitName: z.string(),
  ...sourceFields,
  /** 「浙江省 温州市」 or the country's name. */
  regionLabel: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  active: z.boolean(),
  /** Whether the caller may see the contacts and change it (its liaison unit is in the caller's scope). */
  inScope: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SourceView = z.infer<typeof sourceSchema>;

export const sourceListQuery = z.object({
  q: z.string().trim().max(60).optional(),
  kind: z.enum(SOURCE_KINDS).optional(),
  /** Two-digit GB/T 2260 province code: sources whose region lies in it. */
  province: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  unitId: z.string().uuid().optional(),
  active: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type SourceListQuery = z.infer<typeof sourceListQuery>;

export const sourceListSchema = z.object({
  items: z.array(sourceSchema),
  total: z.number().int(),
});

export const sourceDetailQuery = z
  .object({ from: day.optional(), to: day.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['to'] });

const referredLead = z.object({
  id: z.string().uuid(),
  title: z.string(),
  unitName: z.string(),
  enterpriseName: z.string(),
  status: z.string(),
  receivedOn: z.string(),
  projectId: z.string().uuid().nullable(),
});
const referredProject = z.object({
  id: z.string().uuid(),
  name: z.string(),
  unitName: z.string(),
  stage: z.string(),
  signedAmountYuan: z.string().nullable(),
  signingDate: z.string().nullable(),
});

/**
 * A source's page: the record (contacts blanked outside the caller's scope), the leads and projects it referred
 * that the caller may see, and what it produced in the period (the one outcome computation).
 */
export const sourceDetailSchema = z.object({
  source: sourceSchema,
  leads: z.array(referredLead),
  projects: z.array(referredProject),
  period: z.object({ from: z.string(), to: z.string() }),
  outcome: outcomeSchema,
});
export type SourceDetail = z.infer<typeof sourceDetailSchema>;

import { z } from 'zod';
import { INDUSTRY_SECTION_CODES, isIndustryDivision } from './industry.js';
import { isCountryCode } from './origin.js';

export const ENTERPRISE_KINDS = [
  'fortune500',
  'china500',
  'central_soe',
  'provincial_soe',
  'private_top500',
  'listed',
  'leader',
  'specialized',
  'foreign',
  'other',
] as const;
export type EnterpriseKind = (typeof ENTERPRISE_KINDS)[number];

export const ENTERPRISE_KIND_LABELS: Record<EnterpriseKind, { zh: string; en: string }> = {
  fortune500: { zh: '世界500强', en: 'Fortune Global 500' },
  china500: { zh: '中国500强', en: 'China Top 500' },
  central_soe: { zh: '央企', en: 'Central SOE' },
  provincial_soe: { zh: '省企', en: 'Provincial SOE' },
  private_top500: { zh: '民企500强', en: 'Private Top 500' },
  listed: { zh: '上市公司', en: 'Listed' },
  leader: { zh: '行业领军', en: 'Industry leader' },
  specialized: { zh: '专精特新', en: 'Specialised SME' },
  foreign: { zh: '外资企业', en: 'Foreign-invested' },
  other: { zh: '其他', en: 'Other' },
};

// GB/T 4754-2017: a section letter and a two-digit division of that section, e.g. C33 (金属制品业, where
// fasteners sit).
export const industryDivisionSchema = z
  .string()
  .regex(/^[A-T]\d{2}$/, 'Industry: a GB/T 4754 division such as C33')
  .refine(isIndustryDivision, 'Industry: not a division of GB/T 4754 (the letter must be its section)');

export const createEnterpriseInput = z.object({
  name: z.string().trim().min(2).max(100),
  creditCode: z.string().trim().max(30).nullish(),
  kinds: z.array(z.enum(ENTERPRISE_KINDS)).max(ENTERPRISE_KINDS.length).default([]),
  originRegionCode: z
    .string()
    .regex(/^\d{6}$/, 'Origin: a 6-digit GB/T 2260 code')
    .nullish(),
  originCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, 'Country: ISO 3166 two letters')
    .refine(isCountryCode, 'Country: not an ISO 3166 country (other than China)')
    .nullish(),
  industryDivision: industryDivisionSchema.nullish(),
  contactName: z.string().trim().max(40).nullish(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,20}$/, 'Phone: digits, + - ( ) and spaces')
    .nullish(),
});
export type CreateEnterpriseInput = z.infer<typeof createEnterpriseInput>;

/** An edit carries the `updatedAt` the editor loaded: a save over someone else's newer one is refused (409). */
export const updateEnterpriseInput = createEnterpriseInput
  .partial()
  .extend({ name: z.string().trim().min(2).max(100).optional(), updatedAt: z.string().datetime() });
export type UpdateEnterpriseInput = z.infer<typeof updateEnterpriseInput>;

const csv = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v),
    z.array(item).max(20).optional(),
  );

export const listEnterprisesQuery = z.object({
  /** Name, pinyin, initials or credit code. */
  q: z.string().trim().max(100).optional(),
  /** Any of these kinds (comma-separated in the address). */
  kinds: csv(z.enum(ENTERPRISE_KINDS)),
  /** Origin province: its 6-digit code (130000); matches its cities and counties too. */
  originProvince: z
    .string()
    .regex(/^\d{2}0000$/)
    .optional(),
  industrySection: z.enum(INDUSTRY_SECTION_CODES as [string, ...string[]]).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListEnterprisesQuery = z.infer<typeof listEnterprisesQuery>;

export const enterpriseSchema = z.object({
  id: z.string().uuid(),
  districtId: z.string().uuid(),
  name: z.string(),
  creditCode: z.string().nullable(),
  kinds: z.array(z.string()),
  originRegionCode: z.string().nullable(),
  originCountry: z.string().nullable(),
  industryDivision: z.string().nullable(),
  contactName: z.string().nullable(),
  /** Masked (138****5678) unless the caller is the center's or their unit has a lead or project with it. */
  contactPhone: z.string().nullable(),
  phoneMasked: z.boolean(),
  /** 「江苏省 苏州市 吴中区」 or a country's Chinese name. */
  originLabel: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EnterpriseView = z.infer<typeof enterpriseSchema>;

/** What the caller's scope holds of an enterprise: its projects, and its leads (own unit's, or shared). */
export const enterpriseDetailSchema = z.object({
  enterprise: enterpriseSchema,
  /** The caller may edit it (the center, or a unit with a lead or project of it). */
  editable: z.boolean(),
  projects: z.array(
    z.object({
      id: z.string().uuid(),
      name: z.string(),
      unitName: z.string(),
      stage: z.string(),
      plannedTotalYuan: z.string().nullable(),
      updatedAt: z.string(),
    }),
  ),
  leads: z.array(
    z.object({
      id: z.string().uuid(),
      title: z.string(),
      unitName: z.string(),
      status: z.string(),
      shared: z.boolean(),
      receivedOn: z.string(),
    }),
  ),
});
export type EnterpriseDetail = z.infer<typeof enterpriseDetailSchema>;

/** 13812345678 → 138****5678; short numbers keep only their last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}

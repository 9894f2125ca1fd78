import { z } from 'zod';

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

// GB/T 4754-2017: a section letter and a two-digit division, e.g. C33 (金属制品业, where fasteners sit).
const industryDivision = z.string().regex(/^[A-T]\d{2}$/, 'Industry: a GB/T 4754 division such as C33');

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
    .nullish(),
  industryDivision: industryDivision.nullish(),
  contactName: z.string().trim().max(40).nullish(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,20}$/, 'Phone: digits, + - ( ) and spaces')
    .nullish(),
});
export type CreateEnterpriseInput = z.infer<typeof createEnterpriseInput>;

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
  /** Masked (138****5678) unless the caller's unit works with this enterprise or reads the whole district. */
  contactPhone: z.string().nullable(),
  phoneMasked: z.boolean(),
  createdAt: z.string(),
});
export type EnterpriseView = z.infer<typeof enterpriseSchema>;

/** 13812345678 → 138****5678; short numbers keep only their last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}

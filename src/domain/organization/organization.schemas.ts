import { z } from 'zod';

export const UNIT_KINDS = ['town', 'department', 'park', 'team', 'center'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, { zh: string; en: string }> = {
  town: { zh: '乡镇/街道', en: 'Town / street' },
  department: { zh: '区直单位', en: 'Department' },
  park: { zh: '园区/开发区', en: 'Park / zone' },
  team: { zh: '招商专班', en: 'Special team' },
  center: { zh: '投促中心', en: 'Promotion center' },
};

export const REGION_KINDS = ['city', 'district'] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

const name = z.string().trim().min(1).max(60);
// GB/T 2260 administrative codes are 6 digits; parks and teams often have none.
const adminCode = z
  .string()
  .trim()
  .regex(/^\d{6}(\d{3})?$/, 'Administrative code must be 6 (or 9) digits');

export const regionSchema = z.object({
  id: z.string().uuid(),
  parentId: z.string().uuid().nullable(),
  kind: z.enum(REGION_KINDS),
  name: z.string(),
  code: z.string().nullable(),
  sortOrder: z.number().int(),
});
export type Region = z.infer<typeof regionSchema>;

export const createDistrictInput = z.object({
  cityId: z.string().uuid(),
  name,
  code: adminCode.nullish(),
});

export const unitSchema = z.object({
  id: z.string().uuid(),
  districtId: z.string().uuid(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  code: z.string().nullable(),
  sortOrder: z.number().int(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Unit = z.infer<typeof unitSchema>;

export const createUnitInput = z.object({
  districtId: z.string().uuid(),
  name,
  kind: z.enum(UNIT_KINDS),
  code: adminCode.nullish(),
  sortOrder: z.number().int().min(0).max(100000).default(0),
});
export type CreateUnitInput = z.infer<typeof createUnitInput>;

export const updateUnitInput = z
  .object({
    name,
    kind: z.enum(UNIT_KINDS),
    code: adminCode.nullable(),
    sortOrder: z.number().int().min(0).max(100000),
    active: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change');
export type UpdateUnitInput = z.infer<typeof updateUnitInput>;

import { z } from 'zod';
import type { BulletinSnapshot } from './snapshot.js';

// Wire shapes of /api/bulletins…, shared by the server and the web pages.

export const bulletinKindSchema = z.enum(['month', 'quarter']);
export type BulletinKind = z.infer<typeof bulletinKindSchema>;
export const bulletinStatusSchema = z.enum(['draft', 'published']);
export type BulletinStatus = z.infer<typeof bulletinStatusSchema>;

const year = z.coerce.number().int().min(2000).max(2100);

export const createBulletinInput = z.object({
  kind: bulletinKindSchema,
  year: z.number().int().min(2000).max(2100),
  period: z.number().int().min(1).max(12),
  /** Last day counted; default the period's last day. */
  cutoff: z.iso.date().optional(),
  title: z.string().trim().min(1).max(120).optional(),
  docNumber: z.string().trim().max(60).optional(),
});
export type CreateBulletinInput = z.infer<typeof createBulletinInput>;

export const correctBulletinInput = z.object({ reason: z.string().trim().min(1).max(500) });
export type CorrectBulletinInput = z.infer<typeof correctBulletinInput>;

export const bulletinsQuery = z.object({ kind: bulletinKindSchema.optional(), year: year.optional() });

export const bulletinMetaSchema = z.object({
  id: z.string().uuid(),
  kind: bulletinKindSchema,
  year: z.number().int(),
  period: z.number().int(),
  version: z.number().int(),
  periodStart: z.string(),
  periodEnd: z.string(),
  cutoff: z.string(),
  title: z.string(),
  docNumber: z.string().nullable(),
  reason: z.string().nullable(),
  status: bulletinStatusSchema,
  schemeId: z.string().uuid().nullable(),
  inputHash: z.string().nullable(),
  snapshotHash: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  /** True for the period's latest version (the one that may be published or corrected). */
  latest: z.boolean(),
});
export type BulletinMeta = z.infer<typeof bulletinMetaSchema>;

export const bulletinDetailSchema = bulletinMetaSchema.extend({
  /** The frozen snapshot (published) or the one composed at the draft's last refresh. */
  snapshot: z.record(z.string(), z.unknown()),
  /** Every version of the period, oldest first (this one included). */
  versions: z.array(bulletinMetaSchema),
});
export type BulletinDetail = Omit<z.infer<typeof bulletinDetailSchema>, 'snapshot'> & {
  snapshot: BulletinSnapshot;
};

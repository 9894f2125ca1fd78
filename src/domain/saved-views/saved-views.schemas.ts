import { z } from 'zod';
import { LEAD_SORTS, leadListQuery } from '../leads/leads.schemas.js';
import { PROJECT_COLUMNS, projectListFilter, projectListOrder } from '../projects/project-list.js';

// A saved view (我的视图) is one person's named set of a list's filters, order and columns. It stores the
// address's query as it was (strings), so applying it is putting those back into the URL.

export const SAVED_VIEW_LISTS = ['projects', 'leads', 'enterprises', 'capital_reports'] as const;
export type SavedViewList = (typeof SAVED_VIEW_LISTS)[number];

export interface SavedViewListSpec {
  /** What a saved query must pass: the list's own query schema, without the page (a view starts on page 1). */
  query: z.ZodType;
  columns: readonly string[];
}

/**
 * The lists that can be saved, each with its schema. A list joins by adding its entry here; until then saving
 * a view of it is refused with a clear message.
 */
export const SAVED_VIEW_SPECS: Partial<Record<SavedViewList, SavedViewListSpec>> = {
  projects: {
    query: projectListFilter
      .extend({
        ...projectListOrder.shape,
        pageSize: z.coerce.number().int().min(1).max(200).optional(),
      })
      .strict(),
    columns: PROJECT_COLUMNS,
  },
  // The leads list has fixed columns: a view keeps its filters and order.
  leads: {
    query: leadListQuery
      .extend({
        sort: z.enum(LEAD_SORTS).optional(),
        pageSize: z.coerce.number().int().min(1).max(200).optional(),
      })
      .strict(),
    columns: [],
  },
};

/** The query as the address has it: a few short string parameters. */
const rawQuery = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/), z.string().max(2000))
  .refine((q) => Object.keys(q).length <= 40, 'At most 40 query parameters');

const name = z.string().trim().min(1).max(40);
const columns = z.array(z.string().max(40)).max(60).nullable();

export const savedViewsQuery = z.object({ list: z.enum(SAVED_VIEW_LISTS) });

export const createSavedViewInput = z.object({
  list: z.enum(SAVED_VIEW_LISTS),
  name,
  query: rawQuery,
  columns: columns.default(null),
});
export type CreateSavedViewInput = z.infer<typeof createSavedViewInput>;

export const updateSavedViewInput = z
  .object({ name, query: rawQuery, columns })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Change the name, the query or the columns');
export type UpdateSavedViewInput = z.infer<typeof updateSavedViewInput>;

export const savedViewSchema = z.object({
  id: z.string().uuid(),
  list: z.enum(SAVED_VIEW_LISTS),
  name: z.string(),
  query: z.record(z.string(), z.string()),
  columns: z.array(z.string()).nullable(),
  createdAt: z.string(),
});
export type SavedView = z.infer<typeof savedViewSchema>;

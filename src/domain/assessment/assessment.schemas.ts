import { z } from 'zod';
import { MAX_LENGTH } from './expression.js';

// Wire shapes of a scheme, for the routes of the next sitting. Shape only: meaning (formulas, points bounds,
// duplicate keys) is checkScheme's job, so its positioned errors reach the editor instead of a zod message.

const numberLike = z.union([z.number(), z.string().max(40)]);

export const schemeItemSchema = z.object({
  key: z.string().min(1).max(60),
  name: z.string().min(1).max(100),
  points: numberLike,
  formula: z.string().max(MAX_LENGTH),
  group: z.string().max(60).optional(),
  ifMissing: numberLike.optional(),
});

export const schemeSchema = z.object({ items: z.array(schemeItemSchema).min(1).max(100) });

export const schemeErrorSchema = z.object({
  item: z.number().int(),
  itemKey: z.string(),
  field: z.enum(['key', 'name', 'points', 'formula', 'ifMissing']),
  message: z.string(),
  messageZh: z.string(),
  start: z.number().int(),
  end: z.number().int(),
});

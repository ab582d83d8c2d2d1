import { z } from 'zod';
import { uuidSchema } from '../schemas';

/** The bulk decisions' input (shared by the queue's bulk form and the server). */
export const BULK_MAX = 100;

export const itemsSchema = z
  .array(z.object({ id: uuidSchema(), version: z.number().int().min(0) }))
  .min(1, '请先勾选申请')
  .max(BULK_MAX, '一次最多处理100条');

export const bulkTransitionSchema = z.object({
  kind: z.string().regex(/^[a-zA-Z]{1,60}$/),
  status: z.string().regex(/^[a-zA-Z]{1,40}$/),
  event: z.string().regex(/^[a-zA-Z]{1,40}$/),
  opinion: z.string().max(2000, '意见不能超过2000个字').optional(),
  items: itemsSchema,
});

export const bulkAssignSchema = z.object({
  kind: z.string().regex(/^[a-zA-Z]{1,60}$/),
  status: z.string().regex(/^[a-zA-Z]{1,40}$/),
  assigneeId: uuidSchema(),
  items: itemsSchema,
});


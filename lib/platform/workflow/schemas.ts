import { z } from 'zod';
import { uuidSchema } from '../schemas';

export const fireTransitionSchema = z.object({
  applicationId: uuidSchema(),
  event: z.string().regex(/^[a-zA-Z]{1,40}$/),
  opinion: z.string().max(2000, '意见不能超过2000个字').optional(),
  version: z.number().int().optional(),
  data: z.unknown().optional(),
});

export const assignSchema = z.object({
  applicationId: uuidSchema(),
  // null = release; omitted = claim for oneself.
  assigneeId: uuidSchema().nullable().optional(),
});

export const createApplicationSchema = z.object({
  kind: z.string().regex(/^[a-zA-Z]{1,60}$/),
  data: z.record(z.string(), z.unknown()),
  // Save as draft, or create and fire the kind's submit transition at once.
  mode: z.enum(['draft', 'submit']),
});

export const saveDraftSchema = z.object({
  applicationId: uuidSchema(),
  data: z.record(z.string(), z.unknown()),
  version: z.number().int().optional(),
});

export const bulkClaimSchema = z.object({
  ids: z.array(uuidSchema()).min(1, '请先勾选申请').max(100, '一次最多领取100条'),
});

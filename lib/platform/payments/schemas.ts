import { z } from 'zod';
import { searchParamSchema } from '../schemas';

/**
 * The staff payments page's filters (query string), shared by the page and the
 * Excel export. Kept free of server imports. Invalid values are dropped rather
 * than refused: a hand-edited URL shows the unfiltered list, not an error.
 */
export const ORDER_STATUS_KEYS = ['unpaid', 'paid', 'cancelled', 'expired', 'refund_requested', 'refunded'] as const;
export const REFUND_STATUS_KEYS = ['requested', 'processing', 'refunded', 'failed'] as const;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

export const orderFilterSchema = z.object({
  status: z.enum(ORDER_STATUS_KEYS).optional().catch(undefined),
  from: day,
  to: day,
  /** An order number (or its start) or part of the payer's name. */
  q: searchParamSchema(),
  /** Keyset cursor: `<createdAt ms>_<id>` of the last row of the previous page. */
  after: z
    .string()
    .regex(/^\d{1,15}_[0-9a-f-]{36}$/)
    .optional()
    .catch(undefined),
  refund: z.enum(REFUND_STATUS_KEYS).optional().catch(undefined),
});

export type OrderFilterParams = Partial<z.infer<typeof orderFilterSchema>>;

/** Parses a Next `searchParams` object (arrays: first value). */
export function parseOrderFilter(raw: Record<string, string | string[] | undefined>): OrderFilterParams {
  return orderFilterSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
}

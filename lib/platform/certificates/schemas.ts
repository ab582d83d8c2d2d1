import { z } from 'zod';
import { searchParamSchema } from '../schemas';

/**
 * Inputs of the staff certificate actions and the staff list's filters
 * (query string), shared by forms, actions and the export. No server imports.
 */
export const CERTIFICATE_STATES = ['valid', 'expired', 'suspended', 'void', 'replaced'] as const;
export type CertificateState = (typeof CERTIFICATE_STATES)[number];

const id = z.string().uuid();

export const voidCertificateSchema = z.object({
  certificateId: id,
  reason: z.string().trim().min(2, '请填写作废原因（至少 2 个字）').max(500, '作废原因不能超过 500 个字'),
});

export const replaceCertificateSchema = z.object({
  certificateId: id,
  reason: z.string().trim().max(500, '换发原因不能超过 500 个字').optional(),
});

export const renewCertificateSchema = z.object({
  certificateId: id,
  /** The new last day of validity (China date); omitted → the type's validity from today or from the current end, whichever is later. */
  validUntil: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '请输入有效日期')
    .optional(),
});

export const certificateFilterSchema = z.object({
  /** A certificate number (or its start) or part of the holder's name. */
  q: searchParamSchema(),
  type: z
    .string()
    .regex(/^[a-z][a-z0-9_.-]{1,63}$/)
    .optional()
    .catch(undefined),
  status: z.enum(CERTIFICATE_STATES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export type CertificateFilter = Partial<z.infer<typeof certificateFilterSchema>>;

export function parseCertificateFilter(raw: Record<string, string | string[] | undefined>): CertificateFilter {
  const first = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return certificateFilterSchema.parse(first);
}

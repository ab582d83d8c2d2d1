import { z } from 'zod';
import { UUID_PATTERN } from '@/lib/platform/schemas';
import { LOSS_REASONS } from './reasons';

/**
 * 证书补办 / 挂失申请 (SPEC §3.7, seed 001 十一): the enterprise picks one of
 * its valid module-B certificates, says why it is reissued, declares the
 * original void, and (when the association requires it) uploads the
 * published loss notice. Shared by the browser form and the server.
 */
export { LOSS_REASONS, type LossReason } from './reasons';

export const certificateLossFormSchema = z
  .object({
    certificateId: z
      .string({ error: '请选择需要补办的证书' })
      .trim()
      .min(1, '请选择需要补办的证书')
      .regex(UUID_PATTERN, '请选择需要补办的证书'),
    reason: z.enum(LOSS_REASONS, { error: '请选择补办原因' }),
    reasonOther: z.string().trim().max(200, '补办原因不能超过200个字').optional(),
    description: z.string().trim().max(500, '情况说明不能超过500个字').optional(),
    // 声明原证书作废: must be ticked.
    declaration: z.literal(true, { error: '请勾选声明原证书作废' }),
  })
  .superRefine((d, ctx) => {
    if (d.reason === 'other' && !d.reasonOther) ctx.addIssue({ code: 'custom', message: '请填写补办原因', path: ['reasonOther'] });
  })
  .transform((d) => ({ ...d, reasonOther: d.reason === 'other' ? d.reasonOther : undefined, description: d.description || undefined }));

export type CertificateLossFormInput = z.input<typeof certificateLossFormSchema>;

/** What a loss report stores: the form, the certificate as it was reported, and the replacement once approved. */
export type CertificateLossData = z.output<typeof certificateLossFormSchema> & {
  /** The reported certificate at submit (what the review page shows). */
  certificate?: { number: string; type: string; holderName: string; validUntil: string | null };
  /** Written on approval. */
  reissued?: { certificateId: string; number: string; at: string };
};

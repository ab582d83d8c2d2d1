import { z } from 'zod';
import { REISSUE_REASONS } from './request-kinds';

/**
 * 证书补发 and 证书信息变更 (seed 002 §8–§9): the two request forms, shared by
 * the browser and the engine. Pure.
 */
export { CERTIFICATE_CHANGE, CERTIFICATE_REISSUE, REISSUE_REASONS, REQUEST_KINDS } from './request-kinds';

const certificateId = z.string({ error: '请选择证书' }).regex(/^[0-9a-f-]{36}$/i, '请选择证书');

export const reissueSchema = z
  .object({
    certificateId,
    reason: z.enum(REISSUE_REASONS, { error: '请选择补发原因' }),
    reasonDetail: z.string().trim().max(200, '补发说明不能超过200个字').default(''),
  })
  .superRefine((v, ctx) => {
    if (v.reason === 'other' && !v.reasonDetail) ctx.addIssue({ code: 'custom', message: '请说明补发原因', path: ['reasonDetail'] });
  });

export const changeSchema = z.object({
  certificateId,
  holderName: z.string({ error: '请输入变更后的姓名' }).trim().min(1, '请输入变更后的姓名').max(50, '姓名不能超过50个字'),
  employer: z.string({ error: '请输入变更后的工作单位' }).trim().min(1, '请输入变更后的工作单位').max(100, '工作单位不能超过100个字'),
  reasonDetail: z.string({ error: '请说明变更原因' }).trim().min(1, '请说明变更原因').max(200, '变更说明不能超过200个字'),
});

export type ReissueForm = z.output<typeof reissueSchema>;
export type ChangeForm = z.output<typeof changeSchema>;

/** The certificate as the request was made for it (from the registry, on submitting). */
export type CertificateSnapshot = { id: string; number: string; holderName: string; category: string; items: string[]; employer: string; issuedAt: string; validUntil: string | null };

export type RequestData = (Partial<ReissueForm> & Partial<ChangeForm>) & {
  certificateId: string;
  certificate?: CertificateSnapshot;
  person?: { name: string; idType: string | null; idNumber: string | null; mobile: string | null; email: string | null; photoDocumentId?: string };
  /** Written when the issuing authority approves: the new certificate. */
  newCertificate?: { id: string; number: string };
};

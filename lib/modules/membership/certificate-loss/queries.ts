import type { DbOrTx } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { listMyCertificates } from '@/lib/platform/certificates/queries';
import { applicationsOfKind, type ChangeApplicationRow } from '../changes/queries';
import { lossNoticeRequired } from '../changes/settings';
import { CERTIFICATE_LOSS } from './kind';
import { LOSS_REASONS, type CertificateLossData, type CertificateLossFormInput, type LossReason } from './schemas';

export const lossEditPath = (app: { id: string }) => `/portal/membership/certificate-loss/${app.id}/edit`;

/** A certificate the enterprise may report lost: a valid module-B certificate (member, qualification, filing …). */
export type LossCertificateOption = {
  id: string;
  number: string;
  /** Message key of the type's name. */
  typeKey: string;
  holderName: string;
  validUntil: Date | null;
  /** The number of the report already open for it (drafting, in review or returned), if any. */
  openReport: string | null;
};

export type LossOverview = {
  certificates: LossCertificateOption[];
  applications: Array<ChangeApplicationRow & { certificateNumber: string | null; reissued: { certificateId: string; number: string } | null }>;
  lossNoticeRequired: boolean;
  /** Why a new report cannot be started now (a message key), or null. */
  refusal: string | null;
};

const OPEN = ['draft', 'submitted', 'returned'];

/** 证书补办's page: the certificates that may be reported (through the registry's read model) and the enterprise's reports. */
export async function lossOverview(db: DbOrTx, actor: Actor): Promise<LossOverview | null> {
  if (actor.kind !== 'organization') return null;
  const [mine, rows, required] = await Promise.all([listMyCertificates(db, actor), applicationsOfKind(db, actor, CERTIFICATE_LOSS, lossEditPath), lossNoticeRequired(db)]);
  const open = new Map(rows.filter((r) => OPEN.includes(r.status)).map((r) => [String((r.data as Partial<CertificateLossData>).certificateId ?? ''), r.number]));
  const certificates = mine
    .filter((c) => c.module === 'membership' && c.state === 'valid')
    .map((c) => ({ id: c.id, number: c.number, typeKey: c.typeKey, holderName: c.holderName, validUntil: c.validUntil, openReport: open.get(c.id) ?? null }));
  const applications = rows.map((r) => {
    const d = r.data as Partial<CertificateLossData>;
    return { ...r, certificateNumber: d.certificate?.number ?? certificates.find((c) => c.id === d.certificateId)?.number ?? null, reissued: d.reissued ? { certificateId: d.reissued.certificateId, number: d.reissued.number } : null };
  });
  const refusal = certificates.length === 0 ? 'membershipChanges.loss.noCertificates' : certificates.every((c) => c.openReport) ? 'membershipChanges.loss.allReported' : null;
  return { certificates, applications, lossNoticeRequired: required, refusal };
}

/** The form's values from stored data (a draft keeps whatever the form held). */
export function lossFormValues(data: unknown, certificateId = ''): CertificateLossFormInput {
  const d = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const reason = LOSS_REASONS.includes(d.reason as LossReason) ? (d.reason as LossReason) : 'lost';
  return {
    certificateId: str(d.certificateId) || certificateId,
    reason,
    reasonOther: str(d.reasonOther),
    description: str(d.description),
    declaration: (d.declaration === true) as true,
  };
}

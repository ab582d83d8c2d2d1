import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { ZodType } from 'zod';
import { applications, certificates, organizations, type Application, type Certificate } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { findCertificateType, replaceCertificate, SYSTEM as CERTIFICATE_ISSUER } from '@/lib/platform/certificates';
import { certificateState } from '@/lib/platform/certificates/present';
import { MB } from '@/lib/platform/documents/slots';
import { AppError } from '@/lib/platform/errors';
import { defineKind, type SummarySection } from '@/lib/platform/workflow/define';
import { rawCatalogs } from '@/messages/catalog';
import { chinaDay, hasCurrentDocument } from '../changes/helpers';
import { lossNoticeRequired } from '../changes/settings';
import { certificateLossFormSchema, type CertificateLossData, type LossReason } from './schemas';
import { CERTIFICATE_LOSS, LOSS_NOTICE_SLOT } from './constants';

export { CERTIFICATE_LOSS, LOSS_NOTICE_SLOT };

/**
 * 证书补办 / 挂失申请 (SPEC §3.7, seed 001 十一): a loss report for one of the
 * enterprise's valid module-B certificates (member, qualification, filing);
 * reviewed by module B; on approval the registry replaces the certificate —
 * a new number and QR code, the old one 'replaced' (not valid at /verify,
 * which links to the new number). The new certificate carries the
 * organization's current name.
 */
export const LOSS_IN_FLIGHT = ['submitted', 'returned'] as const;

/** The enterprise's module-B certificate (any status), locked when asked; null when it is not theirs. */
export async function ownCertificate(db: DbOrTx, orgId: string, certificateId: string, opts: { lock?: boolean } = {}): Promise<Certificate | null> {
  const q = db
    .select()
    .from(certificates)
    .where(and(eq(certificates.id, certificateId), eq(certificates.holderOrgId, orgId), eq(certificates.module, 'membership')));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row ?? null;
}

const notEligible = () => new AppError('BAD_INPUT', { messageKey: 'membershipChanges.errors.certificateNotEligible', fieldErrors: { certificateId: ['membershipChanges.errors.certificateNotEligible'] } });

/** The open loss report of a certificate other than this application, if any. */
export async function openLossReport(db: DbOrTx, certificateId: string, exceptApplicationId?: string): Promise<{ id: string; number: string } | null> {
  const [row] = await db
    .select({ id: applications.id, number: applications.number })
    .from(applications)
    .where(
      and(
        eq(applications.kind, CERTIFICATE_LOSS),
        sql`${applications.data}->>'certificateId' = ${certificateId}`,
        inArray(applications.status, [...LOSS_IN_FLIGHT]),
        exceptApplicationId ? ne(applications.id, exceptApplicationId) : undefined,
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Submitting: the certificate (locked) is still the enterprise's and valid, has no other open report, and the loss notice is there when required. */
async function submitGuard({ tx, app }: { tx: DbOrTx; app: Application & { data: CertificateLossData }; actor: Actor }) {
  if (!app.orgId) throw new AppError('FORBIDDEN');
  const cert = await ownCertificate(tx, app.orgId, app.data.certificateId, { lock: true });
  if (!cert || certificateState(cert) !== 'valid') throw notEligible();
  const other = await openLossReport(tx, cert.id, app.id);
  if (other) throw new AppError('CONFLICT', { messageKey: 'membershipChanges.errors.lossOpen', params: { number: other.number, certificate: cert.number } });
  if ((await lossNoticeRequired(tx)) && !(await hasCurrentDocument(tx, app.id, LOSS_NOTICE_SLOT))) throw new AppError('BAD_INPUT', { messageKey: 'membershipChanges.errors.lossNoticeMissing' });
}

const zhLoss = () => (rawCatalogs['zh-CN'] as unknown as { membershipChanges: { loss: { reasons: Record<LossReason, string> } } }).membershipChanges.loss.reasons;

/** Approved: the registry issues the replacement (new number, the organization's current name and credit code) and marks the old one replaced. */
export async function reissueCertificate(tx: DbOrTx, app: Application & { data: CertificateLossData }): Promise<void> {
  if (!app.orgId) throw new AppError('INTERNAL', { detail: 'loss report without an organization' });
  const old = await ownCertificate(tx, app.orgId, app.data.certificateId);
  if (!old) throw new AppError('NOT_FOUND');
  const [org] = await tx.select({ name: organizations.name, creditCode: organizations.creditCode }).from(organizations).where(eq(organizations.id, app.orgId));
  const subject = (old.subject ?? {}) as Record<string, unknown>;
  const reason = app.data.reason === 'other' ? (app.data.reasonOther ?? zhLoss().other) : zhLoss()[app.data.reason];
  const { certificate } = await replaceCertificate(tx, CERTIFICATE_ISSUER, {
    certificateId: old.id,
    reason: `${reason}（${app.number}）`,
    holderName: org?.name ?? old.holderName,
    subject: 'creditCode' in subject && org?.creditCode ? { ...subject, creditCode: org.creditCode } : undefined,
  });
  await tx
    .update(applications)
    .set({ data: { ...app.data, reissued: { certificateId: certificate.id, number: certificate.number, at: certificate.issuedAt.toISOString() } } })
    .where(eq(applications.id, app.id));
}

export const certificateLossKind = defineKind({
  key: CERTIFICATE_LOSS,
  module: 'membership',
  messages: 'membershipChanges.kinds.certificateLoss',
  numberPrefix: 'ZSBB',
  createdBy: 'applicant',
  schema: certificateLossFormSchema as unknown as ZodType<CertificateLossData>,
  initial: 'draft',
  // Required or not by the site setting membership.lossNoticeRequired (checked on submit).
  slots: [{ key: LOSS_NOTICE_SLOT, label: 'membershipChanges.kinds.certificateLoss.slots.loss_notice', types: ['pdf', 'jpg', 'png'], maxBytes: 10 * MB, required: false, applicantStates: ['draft', 'returned'] }],
  states: {
    draft: { tone: 'neutral', applicantEditable: true, hiddenFromStaff: true, waitingFor: 'applicant' },
    submitted: { tone: 'info', due: { days: 10 }, waitingFor: { staff: ['reviewer'] } },
    returned: { tone: 'warning', applicantEditable: true, due: { days: 15 }, waitingFor: 'applicant' },
    approved: { tone: 'success', final: true },
    rejected: { tone: 'danger', final: true },
    withdrawn: { tone: 'neutral', final: true },
  },
  steps: [
    { key: 'fill', states: ['draft', 'returned'] },
    { key: 'review', states: ['submitted'] },
    { key: 'done', states: ['approved', 'rejected', 'withdrawn'] },
  ],
  transitions: {
    submit: { from: ['draft'], to: 'submitted', by: 'applicant', takesData: true, guard: submitGuard },
    resubmit: { from: ['returned'], to: 'submitted', by: 'applicant', takesData: true, guard: submitGuard },
    withdraw: { from: ['draft', 'returned', 'submitted'], to: 'withdrawn', by: 'applicant', destructive: true },
    return: { from: ['submitted'], to: 'returned', by: { staff: ['reviewer', 'admin'] }, opinion: 'required' },
    approve: { from: ['submitted'], to: 'approved', by: { staff: ['reviewer', 'admin'] }, opinion: 'optional', effects: ({ tx, app }) => reissueCertificate(tx, app) },
    reject: { from: ['submitted'], to: 'rejected', by: { staff: ['reviewer', 'admin'] }, opinion: 'required', destructive: true },
  },
  // Only the enterprise's own valid module-B certificate; its details are kept as reported.
  prepareData: async ({ tx, data, actor }) => {
    if (actor.kind !== 'organization') throw new AppError('FORBIDDEN');
    const cert = await ownCertificate(tx, actor.orgId, data.certificateId);
    if (!cert || certificateState(cert) !== 'valid') throw notEligible();
    return { ...data, certificate: { number: cert.number, type: cert.type, holderName: cert.holderName, validUntil: cert.validUntil?.toISOString() ?? null } };
  },
  issueFormOn: ['approve'],
  applicantOf: () => ({ name: '' }),
  editPath: (app) => `/portal/membership/certificate-loss/${app.id}/edit`,
  summary: (d: CertificateLossData, t) => {
    const s = (k: string) => t(`membershipChanges.loss.summary.${k}`);
    const typeKey = d.certificate ? findCertificateType(d.certificate.type)?.labelKey : undefined;
    const sections: SummarySection[] = [
      {
        title: s('certificate'),
        fields: [
          { label: s('type'), value: typeKey ? t(typeKey) : null },
          { label: s('number'), value: d.certificate?.number ?? null },
          { label: s('holder'), value: d.certificate?.holderName ?? null },
          { label: s('validUntil'), value: d.certificate ? (d.certificate.validUntil ? chinaDay(new Date(d.certificate.validUntil)) : s('noExpiry')) : null },
        ],
      },
      {
        title: s('reasonTitle'),
        fields: [
          { label: s('reason'), value: d.reason === 'other' ? (d.reasonOther ?? null) : d.reason ? t(`membershipChanges.loss.reasons.${d.reason}`) : null },
          { label: s('declaration'), value: d.declaration === true ? s('declared') : null },
          { label: s('description'), value: d.description ?? null, wide: true },
        ],
      },
    ];
    if (d.reissued) {
      sections.push({
        title: s('result'),
        fields: [
          { label: s('newNumber'), value: d.reissued.number },
          { label: s('reissuedAt'), value: chinaDay(new Date(d.reissued.at)) },
          { label: s('oldStatus'), value: s('oldReplaced'), wide: true },
        ],
      });
    }
    return sections;
  },
});

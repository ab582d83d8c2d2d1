import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import type { ZodType } from 'zod';
import { applications, certificates, organizations, type Application, type Certificate } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { issueCertificate, SYSTEM as CERTIFICATE_ISSUER, type CertificateTypeDef } from '@/lib/platform/certificates';
import { addMonths } from '@/lib/platform/certificates/service';
import { MB } from '@/lib/platform/documents/slots';
import { AppError } from '@/lib/platform/errors';
import { defineKind, type SummarySection } from '@/lib/platform/workflow/define';
import { regionPath } from '@/lib/reference/regions';
import { chinaDay } from '../changes/helpers';
import { associationProvince, filingValidityMonths } from '../changes/settings';
import { filingFormSchema, type FilingCompany, type FilingData } from './schemas';
import { FILING, FILING_CERTIFICATE } from './constants';

export { FILING, FILING_CERTIFICATE };

/**
 * 外省企业备案 (SPEC §3.9, seed 001 十三): an enterprise registered outside
 * the association's province (site setting membership.province) files what
 * it does here — branch, address, responsible person, business, period —
 * with its licence and the branch's registration or lease; module B reviews
 * (approve, return, reject); on approval a filing certificate (备案证明, BA…)
 * with the configured validity is issued into the registry, its PDF
 * downloadable from the application and from 我的证书.
 */
export const FILING_IN_FLIGHT = ['submitted', 'returned'] as const;
/** A filing certificate this close to its end may be filed anew. */
export const REFILE_WINDOW_DAYS = 90;

export const filingCertificateType: CertificateTypeDef = {
  type: FILING_CERTIFICATE,
  module: 'membership',
  labelKey: 'membershipChanges.certificates.filing',
  prefix: 'BA',
  validityMonths: 24,
  subjectLabels: {
    creditCode: 'membershipChanges.certificates.creditCode',
    registeredRegion: 'membershipChanges.certificates.registeredRegion',
    branchName: 'membershipChanges.certificates.branchName',
    branchAddress: 'membershipChanges.certificates.branchAddress',
    responsible: 'membershipChanges.certificates.responsible',
    business: 'membershipChanges.certificates.business',
    period: 'membershipChanges.certificates.period',
  },
};

/** Whether a region code lies in the association's province. */
export const inProvince = (regionCode: string | null | undefined, province: string) => !!regionCode && regionCode.startsWith(province);

async function companyOf(db: DbOrTx, orgId: string, opts: { lock?: boolean } = {}) {
  const q = db.select().from(organizations).where(eq(organizations.id, orgId));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row ?? null;
}

/** The enterprise's newest valid filing certificate, or null. */
export async function currentFiling(db: DbOrTx, orgId: string): Promise<Certificate | null> {
  const [row] = await db
    .select()
    .from(certificates)
    .where(and(eq(certificates.holderOrgId, orgId), eq(certificates.type, FILING_CERTIFICATE), eq(certificates.status, 'valid')))
    .orderBy(desc(certificates.validUntil))
    .limit(1);
  return row ?? null;
}

export type FilingRefusal = { code: 'NOT_FOUND' | 'BAD_INPUT' | 'CONFLICT'; key: string; values?: Record<string, string> };

/** Why this enterprise may not file now (a message key with its values), or null when it may. */
export async function filingRefusal(db: DbOrTx, orgId: string, opts: { exceptApplicationId?: string; now?: Date } = {}): Promise<FilingRefusal | null> {
  const org = await companyOf(db, orgId);
  if (!org) return { code: 'NOT_FOUND', key: 'membershipChanges.errors.noOrganization' };
  const province = await associationProvince(db);
  if (!org.regionCode) return { code: 'BAD_INPUT', key: 'membershipChanges.errors.regionMissing' };
  if (inProvince(org.regionCode, province.code)) return { code: 'BAD_INPUT', key: 'membershipChanges.errors.inProvince', values: { province: province.name } };
  const [open] = await db
    .select({ number: applications.number })
    .from(applications)
    .where(and(eq(applications.kind, FILING), eq(applications.orgId, orgId), inArray(applications.status, [...FILING_IN_FLIGHT]), opts.exceptApplicationId ? ne(applications.id, opts.exceptApplicationId) : undefined));
  if (open) return { code: 'CONFLICT', key: 'membershipChanges.errors.filingOpen', values: { number: open.number } };
  const filed = await currentFiling(db, orgId);
  const now = opts.now ?? new Date();
  if (filed && (!filed.validUntil || filed.validUntil.getTime() - now.getTime() > REFILE_WINDOW_DAYS * 86_400_000)) {
    return { code: 'CONFLICT', key: 'membershipChanges.errors.alreadyFiled', values: { number: filed.number, date: filed.validUntil ? chinaDay(filed.validUntil) : '—' } };
  }
  return null;
}

/** Submitting: the enterprise (locked) is registered outside the province and has no other filing in flight or in force. */
async function submitGuard({ tx, app }: { tx: DbOrTx; app: Application & { data: FilingData }; actor: Actor }) {
  if (!app.orgId) throw new AppError('FORBIDDEN');
  await companyOf(tx, app.orgId, { lock: true });
  const refusal = await filingRefusal(tx, app.orgId, { exceptApplicationId: app.id });
  if (refusal) throw new AppError(refusal.code, { messageKey: refusal.key, params: refusal.values });
}

const snapshot = (org: typeof organizations.$inferSelect): FilingCompany => ({
  name: org.name,
  creditCode: org.creditCode,
  legalRepresentative: org.legalRepresentative,
  regionCode: org.regionCode,
  region: org.regionCode ? (regionPath(org.regionCode) ?? org.regionCode) : null,
  address: org.address,
  contactName: org.contactName,
  contactPhone: org.contactPhone,
  landline: org.landline,
});

/** Approved: the filing certificate, valid for the configured months, under the organization's current name. */
export async function issueFilingCertificate(tx: DbOrTx, app: Application & { data: FilingData }): Promise<void> {
  if (!app.orgId) throw new AppError('INTERNAL', { detail: 'filing without an organization' });
  const org = await companyOf(tx, app.orgId);
  if (!org) throw new AppError('NOT_FOUND');
  const issuedAt = new Date();
  const validUntil = addMonths(issuedAt, await filingValidityMonths(tx));
  const d = app.data;
  const certificate = await issueCertificate(tx, CERTIFICATE_ISSUER, {
    type: FILING_CERTIFICATE,
    holderOrgId: app.orgId,
    holderName: org.name,
    subject: {
      creditCode: org.creditCode ?? undefined,
      registeredRegion: org.regionCode ? (regionPath(org.regionCode) ?? org.regionCode) : undefined,
      branchName: d.branchName,
      branchAddress: d.branchAddress,
      responsible: d.responsibleName,
      business: d.business,
      period: `${d.periodFrom} — ${d.periodTo}`,
    },
    applicationId: app.id,
    issuedAt,
    validUntil,
  });
  await tx
    .update(applications)
    .set({ data: { ...d, filing: { certificateId: certificate.id, certificateNumber: certificate.number, validUntil: validUntil.toISOString() } } })
    .where(eq(applications.id, app.id));
}

export const filingKind = defineKind({
  key: FILING,
  module: 'membership',
  messages: 'membershipChanges.kinds.filing',
  numberPrefix: 'WSBA',
  createdBy: 'applicant',
  schema: filingFormSchema as unknown as ZodType<FilingData>,
  initial: 'draft',
  slots: [
    { key: 'business_license', label: 'membershipChanges.kinds.filing.slots.business_license', types: ['pdf', 'jpg', 'png'], maxBytes: 10 * MB, required: true, applicantStates: ['draft', 'returned'] },
    { key: 'branch_proof', label: 'membershipChanges.kinds.filing.slots.branch_proof', types: ['pdf', 'jpg', 'png'], maxBytes: 10 * MB, required: true, applicantStates: ['draft', 'returned'] },
    { key: 'other', label: 'membershipChanges.kinds.filing.slots.other', types: ['pdf', 'jpg', 'png'], maxBytes: 10 * MB, required: false, multiple: true, applicantStates: ['draft', 'returned'] },
  ],
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
    submit: { from: ['draft'], to: 'submitted', by: 'applicant', takesData: true, requiredSlots: ['business_license', 'branch_proof'], guard: submitGuard },
    resubmit: { from: ['returned'], to: 'submitted', by: 'applicant', takesData: true, requiredSlots: ['business_license', 'branch_proof'], guard: submitGuard },
    withdraw: { from: ['draft', 'returned', 'submitted'], to: 'withdrawn', by: 'applicant', destructive: true },
    return: { from: ['submitted'], to: 'returned', by: { staff: ['reviewer', 'admin'] }, opinion: 'required' },
    approve: { from: ['submitted'], to: 'approved', by: { staff: ['reviewer', 'admin'] }, opinion: 'optional', effects: ({ tx, app }) => issueFilingCertificate(tx, app) },
    reject: { from: ['submitted'], to: 'rejected', by: { staff: ['reviewer', 'admin'] }, opinion: 'required', destructive: true },
  },
  // The company's data comes from its profile as it stands at the submit.
  prepareData: async ({ tx, data, actor }) => {
    if (actor.kind !== 'organization') throw new AppError('FORBIDDEN');
    const org = await companyOf(tx, actor.orgId);
    if (!org) throw new AppError('NOT_FOUND');
    return { ...data, company: snapshot(org) };
  },
  issueFormOn: ['approve'],
  applicantOf: (d: FilingData) => ({ name: d.company?.name ?? '' }),
  editPath: (app) => `/portal/membership/filing/${app.id}/edit`,
  summary: (d: FilingData, t) => {
    const f = (k: string) => t(`membershipChanges.filing.fields.${k}`);
    const c = d.company;
    const sections: SummarySection[] = [];
    if (c) {
      sections.push({
        title: t('membershipChanges.filing.sections.company'),
        fields: [
          { label: f('companyName'), value: c.name },
          { label: f('creditCode'), value: c.creditCode },
          { label: f('legalRepresentative'), value: c.legalRepresentative },
          { label: f('region'), value: c.region },
          { label: f('address'), value: c.address, wide: true },
          { label: f('contactName'), value: c.contactName },
          { label: f('contactPhone'), value: [c.contactPhone, c.landline].filter(Boolean).join(' / ') || null },
        ],
      });
    }
    sections.push({
      title: t('membershipChanges.filing.sections.branch'),
      fields: [
        { label: f('branchName'), value: d.branchName },
        { label: f('branchAddress'), value: d.branchAddress, wide: true },
        { label: f('responsibleName'), value: d.responsibleName },
        { label: f('responsibleMobile'), value: d.responsibleMobile },
        { label: f('business'), value: d.business, wide: true },
        { label: f('period'), value: d.periodFrom && d.periodTo ? `${d.periodFrom} — ${d.periodTo}` : (d.periodFrom ?? null) },
      ],
    });
    if (d.filing) {
      sections.push({
        title: t('membershipChanges.filing.sections.result'),
        fields: [
          { label: f('certificateNumber'), value: d.filing.certificateNumber },
          { label: f('validUntil'), value: chinaDay(new Date(d.filing.validUntil)) },
        ],
      });
    }
    return sections;
  },
});

import { and, desc, eq, inArray } from 'drizzle-orm';
import { applications, certificates, type Application, type Certificate } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { rawCatalogs } from '@/messages/catalog';
import { issueCertificate, SYSTEM, type CertificateTypeDef } from '@/lib/platform/certificates';
import { addMonths } from '@/lib/platform/certificates/service';
import { AppError } from '@/lib/platform/errors';
import { getSetting } from '@/lib/platform/settings';
import { maskIdNumber } from '@/lib/reference/validators';
import { INSPECTION_ITEMS, itemLabel, type InspectionCategory } from './catalog';
import { planKindOf, type EnrollmentData } from './enrollment/schemas';
import { photoDataUrlOf } from './photo';

/**
 * The personnel certificate (特种设备检验检测人员证书) in the platform's
 * registry: issued to those who passed or whose renewal was approved, with
 * the item, the category, the employer, the masked ID number and the photo
 * the person enrolled with (its document id is kept in the subject, so a
 * reissue prints the same photo). Validity: the site setting
 * `personnel.certificateValidityMonths` (4 years by default).
 */
export const PERSONNEL_CERTIFICATE = 'personnel.certificate';
export const VALIDITY_SETTING = 'personnel.certificateValidityMonths';

export type PersonnelCertificateSubject = {
  category: string;
  items: string[];
  employer: string;
  idNumber: string;
  photoDocumentId?: string;
  /** The enrollment kind's item code (for renewals: what the holder holds). */
  itemCode?: string;
};

export const personnelCertificateType: CertificateTypeDef = {
  type: PERSONNEL_CERTIFICATE,
  module: 'personnel',
  labelKey: 'personnel.certificates.type',
  prefix: 'TSRY',
  validityMonths: 48,
  subjectLabels: {
    category: 'personnel.certificates.category',
    employer: 'personnel.certificates.employer',
    idNumber: 'personnel.certificates.idNumber',
  },
  photo: async ({ db, storage, certificate }) => photoDataUrlOf(db, storage, (certificate.subject as PersonnelCertificateSubject | null)?.photoDocumentId),
};

const zh = rawCatalogs['zh-CN'] as unknown as { personnel: { certificates: { categories: Record<string, string> } } };

/** The certificate's category line: 检验员 / 检验师 / 检测人员 / 型式试验人员. */
export function certificateCategory(kind: string, data: EnrollmentData): string {
  const planKind = planKindOf(kind);
  const c = zh.personnel.certificates.categories;
  if (planKind === 'inspection') {
    const category = (data as { category?: InspectionCategory }).category ?? (INSPECTION_ITEMS.seniorInspector.some((i) => i.code === data.item) ? 'seniorInspector' : 'inspector');
    return c[category];
  }
  return c[planKind ?? 'testing'];
}

export async function validityMonths(db: DbOrTx): Promise<number> {
  const v = await getSetting<unknown>(db, VALIDITY_SETTING);
  return Number.isInteger(v) && (v as number) > 0 && (v as number) <= 120 ? (v as number) : 48;
}

/**
 * Issues the certificate of a passed enrollment (in the `certify`
 * transition's transaction) and writes its number back into the enrollment,
 * so the status view and the applicant page show it.
 */
export async function issuePersonnelCertificate(tx: DbOrTx, app: Application & { data: EnrollmentData }): Promise<Certificate> {
  const d = app.data;
  const planKind = planKindOf(app.kind);
  if (!planKind || !d.person || !app.applicantUserId) throw new AppError('INTERNAL', { detail: `personnel: enrollment ${app.number} cannot be certified` });
  const issuedAt = new Date();
  const subject: PersonnelCertificateSubject = {
    category: certificateCategory(app.kind, d),
    items: [itemLabel(planKind, d.item)],
    employer: d.employer,
    idNumber: d.person.idNumber ? maskIdNumber(d.person.idNumber) : '',
    photoDocumentId: d.person.photoDocumentId,
    itemCode: d.item,
  };
  const certificate = await issueCertificate(tx, SYSTEM, {
    type: PERSONNEL_CERTIFICATE,
    holderUserId: app.applicantUserId,
    holderName: d.person.name,
    subject,
    applicationId: app.id,
    issuedAt,
    validUntil: addMonths(issuedAt, await validityMonths(tx)),
  });
  await tx
    .update(applications)
    .set({ data: { ...d, certificate: { id: certificate.id, number: certificate.number, validUntil: certificate.validUntil?.toISOString() ?? null } } })
    .where(eq(applications.id, app.id));
  return certificate;
}

/** The person's personnel certificates, newest first (any status), for 证书补发 / 证书信息变更 and the status view. */
export async function personnelCertificatesOf(db: DbOrTx, userId: string, statuses: string[] = ['valid', 'suspended', 'void', 'replaced']): Promise<Certificate[]> {
  return db
    .select()
    .from(certificates)
    .where(and(eq(certificates.holderUserId, userId), eq(certificates.type, PERSONNEL_CERTIFICATE), inArray(certificates.status, statuses)))
    .orderBy(desc(certificates.issuedAt));
}

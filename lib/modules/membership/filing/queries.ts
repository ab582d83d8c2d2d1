import { eq } from 'drizzle-orm';
import { organizations } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { regionPath } from '@/lib/reference/regions';
import { applicationsOfKind, openOf, type ChangeApplicationRow } from '../changes/queries';
import { associationProvince } from '../changes/settings';
import { chinaDay } from '../changes/helpers';
import { currentFiling, FILING, filingRefusal, type FilingRefusal } from './kind';
import type { FilingCompany, FilingData, FilingFormInput } from './schemas';

export const filingEditPath = (app: { id: string }) => `/portal/membership/filing/${app.id}/edit`;

export type FilingOverview = {
  province: { code: string; name: string };
  company: FilingCompany;
  applications: Array<ChangeApplicationRow & { certificate: { id: string; number: string; validUntil: string } | null }>;
  open: ChangeApplicationRow | null;
  /** The filing certificate in force, if any. */
  current: { id: string; number: string; validUntil: string | null } | null;
  /** Why a new filing cannot be submitted now (in-province, one in flight, one in force), or null. */
  refusal: FilingRefusal | null;
};

/** 外省企业备案's page: the company as registered, whether it may file, its filings and the certificate in force. */
export async function filingOverview(db: DbOrTx, actor: Actor): Promise<FilingOverview | null> {
  if (actor.kind !== 'organization') return null;
  const [[org], rows, province, current, refusal] = await Promise.all([
    db.select().from(organizations).where(eq(organizations.id, actor.orgId)),
    applicationsOfKind(db, actor, FILING, filingEditPath),
    associationProvince(db),
    currentFiling(db, actor.orgId),
    filingRefusal(db, actor.orgId),
  ]);
  if (!org) return null;
  const company: FilingCompany = {
    name: org.name,
    creditCode: org.creditCode,
    legalRepresentative: org.legalRepresentative,
    regionCode: org.regionCode,
    region: org.regionCode ? (regionPath(org.regionCode) ?? org.regionCode) : null,
    address: org.address,
    contactName: org.contactName,
    contactPhone: org.contactPhone,
    landline: org.landline,
  };
  const applications = rows.map((r) => {
    const f = (r.data as Partial<FilingData>).filing;
    return { ...r, certificate: f ? { id: f.certificateId, number: f.certificateNumber, validUntil: chinaDay(new Date(f.validUntil)) } : null };
  });
  return {
    province,
    company,
    applications,
    open: openOf(rows),
    current: current ? { id: current.id, number: current.number, validUntil: current.validUntil ? chinaDay(current.validUntil) : null } : null,
    refusal,
  };
}

/** The form's values from stored data, with the company contact as the responsible person by default. */
export function filingFormValues(data: unknown, company?: Pick<FilingCompany, 'contactName' | 'contactPhone'>): FilingFormInput {
  const d = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const mobile = company?.contactPhone && /^1[3-9]\d{9}$/.test(company.contactPhone) ? company.contactPhone : '';
  return {
    branchName: str(d.branchName),
    branchAddress: str(d.branchAddress),
    responsibleName: str(d.responsibleName) || (company?.contactName ?? ''),
    responsibleMobile: str(d.responsibleMobile) || mobile,
    business: str(d.business),
    periodFrom: str(d.periodFrom),
    periodTo: str(d.periodTo),
  };
}

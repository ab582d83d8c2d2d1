import { eq } from 'drizzle-orm';
import { organizations, reviewUnitProfiles } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { ProjectFormInput, UnitProfileInput } from './schemas';

/** The unit's basic information (单位信息): the organization row and module E's profile row, as pages read it. */
export type UnitProfile = {
  name: string;
  creditCode: string | null;
  address: string;
  legalRepresentative: string;
  contactName: string;
  /** 联系人手机 (changed only with an SMS code to the new number). */
  contactMobile: string;
  /** 联系电话 (landline). */
  contactPhone: string;
  email: string;
  postalCode: string;
  fax: string;
  bankName: string;
  bankAccount: string;
  website: string;
  registrationAuthority: string;
  registrationDate: string;
  registeredCapital: string;
  institutionType: string;
  certificateIssuer: string;
  parentApprovalDate: string;
  parentApprovalNumber: string;
  parentHead: string;
  licenseDocumentId: string | null;
  updatedAt: Date | null;
};

export async function unitProfile(db: DbOrTx, orgId: string): Promise<UnitProfile | null> {
  const [row] = await db.select({ org: organizations, p: reviewUnitProfiles }).from(organizations).leftJoin(reviewUnitProfiles, eq(reviewUnitProfiles.orgId, organizations.id)).where(eq(organizations.id, orgId));
  if (!row) return null;
  const { org, p } = row;
  return {
    name: org.name,
    creditCode: org.creditCode,
    address: org.address ?? '',
    legalRepresentative: org.legalRepresentative ?? '',
    contactName: org.contactName ?? '',
    contactMobile: org.contactPhone ?? '',
    contactPhone: org.landline ?? '',
    email: org.email ?? '',
    postalCode: p?.postalCode ?? '',
    fax: p?.fax ?? '',
    bankName: p?.bankName ?? '',
    bankAccount: p?.bankAccount ?? '',
    website: p?.website ?? '',
    registrationAuthority: p?.registrationAuthority ?? '',
    registrationDate: p?.registrationDate ?? '',
    registeredCapital: p?.registeredCapital ?? '',
    institutionType: p?.institutionType ?? '',
    certificateIssuer: p?.certificateIssuer ?? '',
    parentApprovalDate: p?.parentApprovalDate ?? '',
    parentApprovalNumber: p?.parentApprovalNumber ?? '',
    parentHead: p?.parentHead ?? '',
    licenseDocumentId: p?.licenseDocumentId ?? null,
    updatedAt: p?.updatedAt ?? null,
  };
}

/** A new project's form, prefilled from 单位信息 (the unit checks and completes it). */
export function prefillProject(p: UnitProfile | null): ProjectFormInput {
  const mobile = p?.contactMobile && /^1[3-9]\d{9}$/.test(p.contactMobile) ? p.contactMobile : '';
  return {
    address: p?.address ?? '',
    postalCode: p?.postalCode ?? '',
    contactName: p?.contactName ?? '',
    contactPhone: p?.contactPhone ?? '',
    contactMobile: mobile,
    fax: p?.fax ?? '',
    email: p?.email ?? '',
    bankName: p?.bankName ?? '',
    bankAccount: p?.bankAccount ?? '',
    creditCode: p?.creditCode ?? '',
    legalRepresentative: p?.legalRepresentative ?? '',
    registrationAuthority: p?.registrationAuthority ?? '',
    registrationDate: p?.registrationDate ?? '',
    registeredCapital: p?.registeredCapital ?? '',
    institutionType: (p?.institutionType || '') as ProjectFormInput['institutionType'],
    certificateIssuer: p?.certificateIssuer ?? '',
    previousLicenseNumber: '',
    previousLicenseValidUntil: '',
    parentApprovalDate: p?.parentApprovalDate ?? '',
    parentApprovalNumber: p?.parentApprovalNumber ?? '',
    parentHead: p?.parentHead ?? '',
    acceptanceNumber: '',
    acceptanceDate: '',
    reviewType: '' as ProjectFormInput['reviewType'],
    acceptanceCategory: '' as ProjectFormInput['acceptanceCategory'],
    province: '',
    remarks: '',
  };
}

/** Form values from a stored draft (a draft keeps whatever the form held); unknown keys are dropped. */
export function projectFormValues(data: unknown, fallback: ProjectFormInput): ProjectFormInput {
  const d = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const out: Record<string, unknown> = { ...fallback };
  for (const key of Object.keys(fallback)) if (typeof d[key] === 'string') out[key] = d[key];
  return out as ProjectFormInput;
}

/** The basic-info form's values. */
export function unitProfileValues(p: UnitProfile): UnitProfileInput {
  return {
    address: p.address,
    legalRepresentative: p.legalRepresentative,
    contactName: p.contactName,
    contactPhone: p.contactPhone,
    fax: p.fax,
    email: p.email,
    postalCode: p.postalCode,
    bankAccount: p.bankAccount,
    bankName: p.bankName,
    website: p.website,
    registrationAuthority: p.registrationAuthority,
    registrationDate: p.registrationDate,
    registeredCapital: p.registeredCapital,
    institutionType: (p.institutionType || '') as UnitProfileInput['institutionType'],
    certificateIssuer: p.certificateIssuer,
    parentApprovalDate: p.parentApprovalDate,
    parentApprovalNumber: p.parentApprovalNumber,
    parentHead: p.parentHead,
    licenseDocumentId: p.licenseDocumentId,
  };
}

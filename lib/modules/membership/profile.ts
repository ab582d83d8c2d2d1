import { eq } from 'drizzle-orm';
import { organizations } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { MembershipFormInput } from './schemas';

/** The organization's profile as the membership form needs it (read model for pages). */
export type OrganizationProfile = {
  name: string;
  creditCode: string | null;
  legalRepresentative: string | null;
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
  email: string | null;
};

export async function organizationProfile(db: DbOrTx, orgId: string): Promise<OrganizationProfile | null> {
  const [row] = await db
    .select({
      name: organizations.name,
      creditCode: organizations.creditCode,
      legalRepresentative: organizations.legalRepresentative,
      address: organizations.address,
      contactName: organizations.contactName,
      contactPhone: organizations.contactPhone,
      email: organizations.email,
    })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return row ?? null;
}

/** A new application's form, prefilled from the profile (the enterprise checks and completes it). */
export function prefillFromProfile(p: OrganizationProfile | null): MembershipFormInput {
  const mobile = p?.contactPhone && /^1[3-9]\d{9}$/.test(p.contactPhone) ? p.contactPhone : '';
  return {
    companyName: p?.name ?? '',
    creditCode: p?.creditCode ?? '',
    legalRepresentative: p?.legalRepresentative ?? '',
    registeredAddress: p?.address ?? '',
    businessScope: '',
    staffTotal: '',
    technicalStaff: '',
    grade: 'regular',
    contactName: p?.contactName ?? '',
    contactMobile: mobile,
    contactEmail: p?.email ?? '',
  };
}

/** Form values from stored data (a draft keeps whatever the form held). */
export function formValuesOf(data: unknown, fallback: MembershipFormInput): MembershipFormInput {
  const d = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const out: Record<string, unknown> = { ...fallback };
  for (const key of Object.keys(fallback)) if (d[key] !== undefined && d[key] !== null) out[key] = typeof d[key] === 'number' ? String(d[key]) : d[key];
  return out as MembershipFormInput;
}

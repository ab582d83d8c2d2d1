import { and, eq, ne } from 'drizzle-orm';
import { organizations } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { regionPath } from '@/lib/reference/regions';
import { PROFILE_FIELDS, type FieldChange, type InfoChangeForm, type ProfileField } from './schemas';

/** The organization's registered information, field by field (null = empty), as an info change sees it. */
export type RegisteredProfile = Record<ProfileField, string | null>;

const columns = {
  name: organizations.name,
  creditCode: organizations.creditCode,
  legalRepresentative: organizations.legalRepresentative,
  regionCode: organizations.regionCode,
  address: organizations.address,
  contactName: organizations.contactName,
  contactPhone: organizations.contactPhone,
  landline: organizations.landline,
  email: organizations.email,
} satisfies Record<ProfileField, unknown>;

/** The profile now; `lock` holds the row for the rest of the transaction (submit and approval serialize on it). */
export async function registeredProfile(db: DbOrTx, orgId: string, opts: { lock?: boolean } = {}): Promise<RegisteredProfile | null> {
  const q = db.select(columns).from(organizations).where(eq(organizations.id, orgId));
  const [row] = opts.lock ? await q.for('update') : await q;
  if (!row) return null;
  return Object.fromEntries(PROFILE_FIELDS.map((f) => [f, row[f] || null])) as RegisteredProfile;
}

/** The fields whose proposed value differs from the profile (empty and null are the same). */
export function diffAgainst(profile: RegisteredProfile, changes: InfoChangeForm['changes']): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of PROFILE_FIELDS) {
    const proposed = changes[field];
    if (proposed === undefined) continue;
    const after = proposed || null;
    if ((profile[field] ?? null) !== after) out.push({ field, before: profile[field] ?? null, after });
  }
  return out;
}

/** Another organization already registered under this credit code (its name), or null. */
export async function creditCodeHolder(db: DbOrTx, creditCode: string, exceptOrgId: string): Promise<string | null> {
  const [row] = await db
    .select({ name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.creditCode, creditCode), ne(organizations.id, exceptOrgId)));
  return row?.name ?? null;
}

/** A field's value as people read it: a region code as its names (安徽省 合肥市 蜀山区). */
export function displayValue(field: ProfileField, value: string | null | undefined): string | null {
  if (!value) return null;
  return field === 'regionCode' ? (regionPath(value) ?? value) : value;
}

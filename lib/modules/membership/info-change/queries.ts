import type { DbOrTx } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { applicationsOfKind, openOf, type ChangeApplicationRow } from '../changes/queries';
import { INFO_CHANGE } from './kind';
import { displayValue, registeredProfile, type RegisteredProfile } from './profile';
import { PROFILE_FIELDS, type FieldChange, type InfoChangeData, type ProfileField } from './schemas';

export const infoChangeEditPath = (app: { id: string }) => `/portal/membership/info-change/${app.id}/edit`;

/** 信息变更's page: the registered information now, the enterprise's info changes, the open one (one at a time). */
export type InfoChangeOverview = {
  profile: RegisteredProfile;
  /** Each field's value as people read it (a region as its names). */
  display: Record<ProfileField, string | null>;
  applications: Array<ChangeApplicationRow & { changed: ProfileField[] }>;
  open: ChangeApplicationRow | null;
};

export function displayProfile(profile: RegisteredProfile): Record<ProfileField, string | null> {
  return Object.fromEntries(PROFILE_FIELDS.map((f) => [f, displayValue(f, profile[f])])) as Record<ProfileField, string | null>;
}

export async function infoChangeOverview(db: DbOrTx, actor: Actor): Promise<InfoChangeOverview | null> {
  if (actor.kind !== 'organization') return null;
  const [profile, rows] = await Promise.all([registeredProfile(db, actor.orgId), applicationsOfKind(db, actor, INFO_CHANGE, infoChangeEditPath)]);
  if (!profile) return null;
  const applications = rows.map((r) => {
    const d = r.data as Partial<InfoChangeData>;
    const diff: FieldChange[] | undefined = d.applied?.diff?.length ? d.applied.diff : d.diff;
    const changed = diff ? diff.map((c) => c.field) : PROFILE_FIELDS.filter((f) => d.changes && typeof d.changes === 'object' && d.changes[f] !== undefined);
    return { ...r, changed };
  });
  return { profile, display: displayProfile(profile), applications, open: openOf(rows) };
}

/** The form's values: the profile's values for every field, the proposed ones for the fields being changed. */
export type InfoChangeFormValues = { selected: ProfileField[]; changes: Partial<Record<ProfileField, string>>; reason: string };

export function infoChangeFormValues(data: unknown): InfoChangeFormValues {
  const d = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const raw = d.changes && typeof d.changes === 'object' && !Array.isArray(d.changes) ? (d.changes as Record<string, unknown>) : {};
  const changes: Partial<Record<ProfileField, string>> = {};
  for (const f of PROFILE_FIELDS) if (raw[f] !== undefined) changes[f] = typeof raw[f] === 'string' ? (raw[f] as string) : raw[f] === null ? '' : String(raw[f]);
  return { selected: PROFILE_FIELDS.filter((f) => changes[f] !== undefined), changes, reason: typeof d.reason === 'string' ? d.reason : '' };
}

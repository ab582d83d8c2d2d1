import { and, eq, isNull, sql } from 'drizzle-orm';
import { documents, personnelProfiles, users, type PersonnelProfile } from '@/db/schema';
import type { Db, DbOrTx } from '@/db';
import { audit } from '@/lib/platform/audit';
import { defineAction, type Applicant } from '@/lib/platform/auth/action-core';
import { toSummary } from '@/lib/platform/documents/services/list-documents';
import type { DocumentSummary } from '@/lib/platform/documents/schemas';
import { AppError } from '@/lib/platform/errors';
import type { Storage } from '@/lib/platform/storage';
import { PERSONNEL_APPLICANT } from '../access';
import { checkPhoto, PERSONNEL_PHOTO_SLOT, photoDocument } from '../photo';
import { personnelProfileSchema, type PersonnelProfileData } from '../profile/schemas';

/**
 * The personnel profile (人员注册信息): read model for the pages and the
 * enrollment forms, and the one mutation (基本信息修改). The account's ID
 * type, number and birth date are shown, never written; gender only for ID
 * types other than the resident ID (where it is derived from the number).
 */
export type PersonnelIdentity = {
  name: string;
  gender: string | null;
  idType: string | null;
  idNumber: string | null;
  birthDate: string | null;
  mobile: string | null;
  email: string | null;
};

export type PersonnelProfileView = {
  identity: PersonnelIdentity;
  profile: PersonnelProfile | null;
  /** The current file of the photo slot (what the form shows; may be newer than the profile's checked photo). */
  photo: DocumentSummary | null;
  /** Everything an enrollment needs is there (profile saved, with its checked photo). */
  complete: boolean;
};

export async function personnelIdentity(db: DbOrTx, userId: string): Promise<PersonnelIdentity> {
  const [u] = await db
    .select({ name: users.name, gender: users.gender, idType: users.idType, idNumber: users.idNumber, birthDate: users.birthDate, mobile: users.mobile, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  if (!u) throw new AppError('NOT_FOUND');
  return u;
}

export async function loadPersonnelProfile(db: DbOrTx, userId: string): Promise<PersonnelProfileView> {
  const [identity, [profile], [photo]] = await Promise.all([
    personnelIdentity(db, userId),
    db.select().from(personnelProfiles).where(eq(personnelProfiles.userId, userId)),
    db
      .select()
      .from(documents)
      .where(and(eq(documents.ownerUserId, userId), isNull(documents.applicationId), eq(documents.slot, PERSONNEL_PHOTO_SLOT), eq(documents.status, 'current')))
      .orderBy(sql`${documents.version} desc`)
      .limit(1),
  ]);
  return { identity, profile: profile ?? null, photo: photo ? toSummary(photo) : null, complete: Boolean(profile?.photoDocumentId) };
}

/** The saved profile, or a refusal telling the person to complete it first (enrollments need it). */
export async function requireCompleteProfile(db: DbOrTx, userId: string): Promise<PersonnelProfile & { photoDocumentId: string }> {
  const [profile] = await db.select().from(personnelProfiles).where(eq(personnelProfiles.userId, userId));
  if (!profile?.photoDocumentId) throw new AppError('INVALID_STATE', { messageKey: 'personnel.errors.profileIncomplete' });
  return profile as PersonnelProfile & { photoDocumentId: string };
}

/**
 * Saves the profile: the photo must be the person's own current photo and
 * pass the photo check (checked again only when it changed); name and, for
 * non-resident IDs, gender go to the account. One transaction, audited.
 */
export async function savePersonnelProfile(db: Db, storage: () => Promise<Storage>, actor: Applicant, input: PersonnelProfileData, ip: string | null = null): Promise<PersonnelProfile> {
  if (actor.kind !== 'individual') throw new AppError('FORBIDDEN');
  const doc = await photoDocument(db, actor.id, input.photoDocumentId);
  if (!doc) throw new AppError('BAD_INPUT', { fieldErrors: { photoDocumentId: ['请上传照片'] } });
  const [before] = await db.select().from(personnelProfiles).where(eq(personnelProfiles.userId, actor.id));
  if (before?.photoDocumentId !== doc.id) await checkPhoto(await storage(), doc);
  return db.transaction(async (tx) => {
    const [u] = await tx.select({ idType: users.idType, gender: users.gender }).from(users).where(eq(users.id, actor.id)).for('update');
    const gender = u.idType !== 'resident_id' && input.gender ? input.gender : u.gender;
    await tx.update(users).set({ name: input.name, gender, updatedAt: sql`now()` }).where(eq(users.id, actor.id));
    const values = {
      photoDocumentId: doc.id,
      education: input.education,
      majorType: input.majorType,
      majorCode: input.majorCode,
      majorName: input.majorName,
      employer: input.employer,
      title: input.title,
      yearsOfWork: input.yearsOfWork,
      updatedAt: new Date(),
    };
    const [row] = await tx
      .insert(personnelProfiles)
      .values({ userId: actor.id, ...values })
      .onConflictDoUpdate({ target: personnelProfiles.userId, set: values })
      .returning();
    await audit(tx, {
      action: before ? 'personnel.profile_updated' : 'personnel.profile_created',
      actorId: actor.id,
      targetType: 'user',
      targetId: actor.id,
      ip,
      detail: { photoChanged: before?.photoDocumentId !== doc.id, majorType: input.majorType, majorCode: input.majorCode },
    });
    return row;
  });
}

export const savePersonnelProfileDef = defineAction({
  access: PERSONNEL_APPLICANT,
  schema: personnelProfileSchema,
  handler: async ({ db, storage, actor, input, ip }) => {
    const row = await savePersonnelProfile(db, storage, actor, input, ip);
    return { saved: true, majorName: row.majorName };
  },
});

import { and, eq, isNull, sql } from 'drizzle-orm';
import { enterpriseStaff } from '@/db/schema';
import type { Db } from '@/db';
import { audit } from '@/lib/platform/audit';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError, isUniqueViolation } from '@/lib/platform/errors';
import { requireEnterprise, ROSTER_ACCESS } from '../access';
import { assertStaffPhoto } from '../roster';
import { DUPLICATE_PERSON_MESSAGE, removeStaffPersonSchema, staffPersonSchema, updateStaffPersonSchema, type StaffPerson } from '../schemas';

/**
 * The enterprise's technical staff roster (技术人员): add, edit, remove a
 * person. Every write is scoped by the actor's organization in its WHERE
 * clause; one ID number appears once among an enterprise's current people —
 * the partial unique index `enterprise_staff_person_idx` decides, so two tabs
 * adding the same person at once leave one row and the other gets the field
 * message. Removal is soft (`removed_at`): applications that attached the
 * person keep reading them, and the number may be added again.
 */
const PERSON_INDEX = 'enterprise_staff_person_idx';

const duplicate = () => new AppError('CONFLICT', { messageKey: 'membershipStaff.errors.duplicatePerson', fieldErrors: { idNumber: [DUPLICATE_PERSON_MESSAGE] } });

const columnsOf = (p: StaffPerson) => ({
  name: p.name,
  idType: p.idType,
  idNumber: p.idNumber,
  gender: p.gender,
  birthDate: p.birthDate,
  education: p.education,
  title: p.title,
  position: p.position,
  grade: p.grade,
  certificates: p.certificates,
  photoDocumentId: p.photoDocumentId,
});

export async function addStaffPerson(db: Db, actor: Actor, input: StaffPerson, meta: { ip?: string | null } = {}): Promise<{ id: string }> {
  const org = requireEnterprise(actor);
  try {
    return await db.transaction(async (tx) => {
      await assertStaffPhoto(tx, org.orgId, input.photoDocumentId);
      const [row] = await tx
        .insert(enterpriseStaff)
        .values({ orgId: org.orgId, ...columnsOf(input), createdBy: org.id })
        .returning({ id: enterpriseStaff.id });
      await audit(tx, { action: 'membership.staff.added', actorId: org.id, targetType: 'enterprise_staff', targetId: row.id, ip: meta.ip, detail: { orgId: org.orgId, name: input.name, grade: input.grade } });
      return { id: row.id };
    });
  } catch (e) {
    if (isUniqueViolation(e, PERSON_INDEX)) throw duplicate();
    throw e;
  }
}

export async function updateStaffPerson(db: Db, actor: Actor, input: StaffPerson & { id: string }, meta: { ip?: string | null } = {}): Promise<{ id: string }> {
  const org = requireEnterprise(actor);
  try {
    return await db.transaction(async (tx) => {
      await assertStaffPhoto(tx, org.orgId, input.photoDocumentId);
      const [before] = await tx
        .select()
        .from(enterpriseStaff)
        .where(and(eq(enterpriseStaff.id, input.id), eq(enterpriseStaff.orgId, org.orgId), isNull(enterpriseStaff.removedAt)))
        .for('update');
      if (!before) throw new AppError('NOT_FOUND', { messageKey: 'membershipStaff.errors.personNotFound' });
      const next = columnsOf(input);
      const changed = (Object.keys(next) as Array<keyof typeof next>).filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(next[k] ?? null));
      await tx
        .update(enterpriseStaff)
        .set({ ...next, updatedAt: sql`now()` })
        .where(and(eq(enterpriseStaff.id, input.id), eq(enterpriseStaff.orgId, org.orgId), isNull(enterpriseStaff.removedAt)));
      await audit(tx, { action: 'membership.staff.updated', actorId: org.id, targetType: 'enterprise_staff', targetId: input.id, ip: meta.ip, detail: { orgId: org.orgId, changed } });
      return { id: input.id };
    });
  } catch (e) {
    if (isUniqueViolation(e, PERSON_INDEX)) throw duplicate();
    throw e;
  }
}

export async function removeStaffPerson(db: Db, actor: Actor, id: string, meta: { ip?: string | null } = {}): Promise<{ id: string }> {
  const org = requireEnterprise(actor);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(enterpriseStaff)
      .set({ removedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(enterpriseStaff.id, id), eq(enterpriseStaff.orgId, org.orgId), isNull(enterpriseStaff.removedAt)))
      .returning({ id: enterpriseStaff.id, name: enterpriseStaff.name });
    if (!row) throw new AppError('NOT_FOUND', { messageKey: 'membershipStaff.errors.personNotFound' });
    await audit(tx, { action: 'membership.staff.removed', actorId: org.id, targetType: 'enterprise_staff', targetId: row.id, ip: meta.ip, detail: { orgId: org.orgId, name: row.name } });
    return { id: row.id };
  });
}

export const addStaffPersonDef = defineAction({
  access: ROSTER_ACCESS,
  schema: staffPersonSchema,
  handler: ({ db, actor, input, ip }) => addStaffPerson(db, actor, input, { ip }),
});

export const updateStaffPersonDef = defineAction({
  access: ROSTER_ACCESS,
  schema: updateStaffPersonSchema,
  handler: ({ db, actor, input, ip }) => updateStaffPerson(db, actor, input, { ip }),
});

export const removeStaffPersonDef = defineAction({
  access: ROSTER_ACCESS,
  schema: removeStaffPersonSchema,
  handler: ({ db, actor, input, ip }) => removeStaffPerson(db, actor, input.id, { ip }),
});

import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { trainingCourses, trainingEnrollments } from '@/db/schema';
import type { Db } from '@/db';
import { audit } from '@/lib/platform/audit';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError, isUniqueViolation } from '@/lib/platform/errors';
import { setSetting } from '@/lib/platform/settings';
import { requireTrainingStaff, TRAINING_STAFF_ACCESS } from '../access';
import { enrollmentNotice } from '../courses';
import { TRAINING_NOTICE_SETTING } from '../defaults';
import { courseFieldsSchema, enrollmentNoticeSchema, setCourseStatusSchema, updateCourseSchema, type CourseFields, type EnrollmentNotice } from '../schemas';

/**
 * Training courses (staff: admins and module-B reviewers). A new course is a
 * draft; 开放报名 publishes it (enterprises enroll within its window), 关闭报名
 * stops enrollment at once. Codes are unique (a DB constraint). A course's
 * capacity never drops below its enrollments. Every change is audited.
 */
const CODE_UNIQUE = 'training_courses_code_unique';
const codeTaken = () => new AppError('CONFLICT', { messageKey: 'membershipStaff.errors.codeTaken', fieldErrors: { code: ['membershipStaff.errors.codeTakenField'] } });

const columnsOf = (c: CourseFields) => ({
  code: c.code,
  name: c.name,
  description: c.description,
  location: c.location,
  startsOn: c.startsOn,
  endsOn: c.endsOn,
  enrollOpensAt: c.enrollOpensAt,
  enrollClosesAt: c.enrollClosesAt,
  capacity: c.capacity,
});

export async function createCourse(db: Db, actor: Actor, input: CourseFields, meta: { ip?: string | null } = {}): Promise<{ id: string }> {
  const staff = requireTrainingStaff(actor);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(trainingCourses).values({ ...columnsOf(input), status: 'draft' }).returning({ id: trainingCourses.id });
      await audit(tx, { action: 'membership.course.created', actorId: staff.id, targetType: 'training_course', targetId: row.id, ip: meta.ip, detail: { code: input.code, name: input.name } });
      return { id: row.id };
    });
  } catch (e) {
    if (isUniqueViolation(e, CODE_UNIQUE)) throw codeTaken();
    throw e;
  }
}

export async function updateCourse(db: Db, actor: Actor, input: CourseFields & { id: string }, meta: { ip?: string | null } = {}): Promise<{ id: string }> {
  const staff = requireTrainingStaff(actor);
  try {
    return await db.transaction(async (tx) => {
      // The row lock keeps an enrollment batch from taking places while the capacity changes.
      const [before] = await tx.select().from(trainingCourses).where(eq(trainingCourses.id, input.id)).for('update');
      if (!before) throw new AppError('NOT_FOUND', { messageKey: 'membershipStaff.errors.courseNotFound' });
      const [{ n }] = await tx.select({ n: count() }).from(trainingEnrollments).where(eq(trainingEnrollments.courseId, input.id));
      if (input.capacity !== null && input.capacity < Number(n)) {
        throw new AppError('CONFLICT', { messageKey: 'membershipStaff.errors.capacityBelowEnrolled', params: { n: Number(n) }, fieldErrors: { capacity: [`名额不能少于已报名人数（${Number(n)}人）`] } });
      }
      // People enrolled with the old code would no longer find it in their files: the code is fixed once someone enrolled.
      if (Number(n) > 0 && before.code !== input.code) throw new AppError('CONFLICT', { messageKey: 'membershipStaff.errors.codeLocked', fieldErrors: { code: ['membershipStaff.errors.codeLocked'] } });
      await tx
        .update(trainingCourses)
        .set({ ...columnsOf(input), updatedAt: sql`now()` })
        .where(eq(trainingCourses.id, input.id));
      const next = columnsOf(input);
      const changed = (Object.keys(next) as Array<keyof typeof next>).filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(next[k] ?? null));
      await audit(tx, { action: 'membership.course.updated', actorId: staff.id, targetType: 'training_course', targetId: input.id, ip: meta.ip, detail: { code: input.code, changed } });
      return { id: input.id };
    });
  } catch (e) {
    if (isUniqueViolation(e, CODE_UNIQUE)) throw codeTaken();
    throw e;
  }
}

/** 开放报名 (from draft or closed) / 关闭报名 (from open): one conditional UPDATE; anything else is INVALID_STATE. */
export async function setCourseStatus(db: Db, actor: Actor, input: { id: string; status: 'open' | 'closed' }, meta: { ip?: string | null } = {}): Promise<{ id: string; status: string }> {
  const staff = requireTrainingStaff(actor);
  const from = input.status === 'open' ? ['draft', 'closed'] : ['open'];
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(trainingCourses)
      .set({ status: input.status, updatedAt: sql`now()` })
      .where(and(eq(trainingCourses.id, input.id), inArray(trainingCourses.status, from)))
      .returning({ id: trainingCourses.id, code: trainingCourses.code, status: trainingCourses.status });
    if (!row) {
      const [exists] = await tx.select({ status: trainingCourses.status }).from(trainingCourses).where(eq(trainingCourses.id, input.id));
      if (!exists) throw new AppError('NOT_FOUND', { messageKey: 'membershipStaff.errors.courseNotFound' });
      throw new AppError('INVALID_STATE', { messageKey: input.status === 'open' ? 'membershipStaff.errors.alreadyOpen' : 'membershipStaff.errors.notOpen' });
    }
    await audit(tx, { action: input.status === 'open' ? 'membership.course.opened' : 'membership.course.closed', actorId: staff.id, targetType: 'training_course', targetId: row.id, ip: meta.ip, detail: { code: row.code } });
    return { id: row.id, status: row.status };
  });
}

/** Saves the 报名须知, audited with the text before and after. */
export async function updateEnrollmentNotice(db: Db, actor: Actor, input: EnrollmentNotice, meta: { ip?: string | null } = {}): Promise<EnrollmentNotice> {
  const staff = requireTrainingStaff(actor);
  return db.transaction(async (tx) => {
    const before = await enrollmentNotice(tx);
    await setSetting(tx, TRAINING_NOTICE_SETTING, input);
    await audit(tx, { action: 'settings.changed', actorId: staff.id, targetType: 'setting', targetId: TRAINING_NOTICE_SETTING, ip: meta.ip, detail: { from: before, to: input } });
    return input;
  });
}

export const createCourseDef = defineAction({
  access: TRAINING_STAFF_ACCESS,
  schema: courseFieldsSchema,
  handler: ({ db, actor, input, ip }) => createCourse(db, actor, input, { ip }),
});

export const updateCourseDef = defineAction({
  access: TRAINING_STAFF_ACCESS,
  schema: updateCourseSchema,
  handler: ({ db, actor, input, ip }) => updateCourse(db, actor, input, { ip }),
});

export const setCourseStatusDef = defineAction({
  access: TRAINING_STAFF_ACCESS,
  schema: setCourseStatusSchema,
  handler: ({ db, actor, input, ip }) => setCourseStatus(db, actor, input, { ip }),
});

export const updateEnrollmentNoticeDef = defineAction({
  access: TRAINING_STAFF_ACCESS,
  schema: enrollmentNoticeSchema,
  handler: ({ db, actor, input, ip }) => updateEnrollmentNotice(db, actor, input, { ip }),
});

import { and, asc, count, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { createTranslator } from 'next-intl';
import { enterpriseStaff, organizations, trainingCourses, trainingEnrollments } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { AppLocale } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import { audit } from '@/lib/platform/audit';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { isUuid } from '@/lib/platform/schemas';
import { getSetting } from '@/lib/platform/settings';
import { listWorkbook } from '@/lib/platform/xlsx';
import { findIdType } from '@/lib/reference/id-types';
import { maskIdNumber } from '@/lib/reference/validators';
import { isStaffGrade, type StaffGrade } from '../staff-grades';
import { requireEnterprise, requireTrainingStaff } from './access';
import { TRAINING_NOTICE_SETTING } from './defaults';
import type { CourseStatus, EnrollmentNotice } from './schemas';
import { beijingDateTime, dateToBeijingLocal } from './time';

/**
 * Read models of the training courses (技术培训) and their enrollments: the
 * courses an enterprise may enroll in, its own enrollments, and the staff
 * lists with counts and exports. Enrollment happens by batch upload
 * (./services/enrollment.ts).
 */
export type Course = {
  id: string;
  code: string;
  name: string;
  description: string;
  location: string;
  startsOn: string;
  endsOn: string;
  enrollOpensAt: Date;
  enrollClosesAt: Date;
  capacity: number | null;
  status: CourseStatus;
  enrolled: number;
  createdAt: Date;
};

/** Where a course stands for enrollment at `now`: draft, closed, upcoming (window not open yet), enrolling, ended (window passed). */
export type CoursePhase = 'draft' | 'closed' | 'upcoming' | 'enrolling' | 'ended';

export function coursePhase(c: Pick<Course, 'status' | 'enrollOpensAt' | 'enrollClosesAt'>, now: Date): CoursePhase {
  if (c.status === 'draft') return 'draft';
  if (c.status === 'closed') return 'closed';
  if (now < c.enrollOpensAt) return 'upcoming';
  return now < c.enrollClosesAt ? 'enrolling' : 'ended';
}

/** Places left (null: no limit). */
export const remainingOf = (c: Pick<Course, 'capacity' | 'enrolled'>) => (c.capacity === null ? null : Math.max(0, c.capacity - c.enrolled));

// Correlated subqueries name the outer row explicitly (drizzle renders a column of the outer table unqualified, which the inner table would capture).
const enrolledCount = sql<number>`(select count(*) from training_enrollments e where e.course_id = "training_courses"."id")`.mapWith(Number);
const enterpriseCount = sql<number>`(select count(distinct e.org_id) from training_enrollments e where e.course_id = "training_courses"."id")`.mapWith(Number);

const courseColumns = {
  id: trainingCourses.id,
  code: trainingCourses.code,
  name: trainingCourses.name,
  description: trainingCourses.description,
  location: trainingCourses.location,
  startsOn: trainingCourses.startsOn,
  endsOn: trainingCourses.endsOn,
  enrollOpensAt: trainingCourses.enrollOpensAt,
  enrollClosesAt: trainingCourses.enrollClosesAt,
  capacity: trainingCourses.capacity,
  status: trainingCourses.status,
  enrolled: enrolledCount,
  createdAt: trainingCourses.createdAt,
};

const asCourse = (r: Omit<Course, 'status'> & { status: string }): Course => ({ ...r, status: r.status as CourseStatus });

/**
 * The courses an enterprise sees on 培训报名: open (published) courses whose
 * enrollment has not closed yet — enrolling now or opening later — by start
 * date. Public to every enterprise of the module.
 */
export async function coursesForEnterprises(db: DbOrTx, now: Date): Promise<Course[]> {
  const rows = await db
    .select(courseColumns)
    .from(trainingCourses)
    .where(and(eq(trainingCourses.status, 'open'), gt(trainingCourses.enrollClosesAt, now)))
    .orderBy(asc(trainingCourses.startsOn), asc(trainingCourses.code));
  return rows.map(asCourse);
}

/** The courses taking enrollments right now (open, within the window): the template's course list. */
export async function enrollableCourses(db: DbOrTx, now: Date): Promise<Course[]> {
  return (await coursesForEnterprises(db, now)).filter((c) => coursePhase(c, now) === 'enrolling');
}

export type MyEnrollment = {
  id: string;
  courseCode: string;
  courseName: string;
  startsOn: string;
  endsOn: string;
  location: string;
  name: string;
  idNumberMasked: string;
  grade: StaffGrade;
  enrolledAt: Date;
};

/** The actor's enterprise's enrollments, newest first (its own rows only). */
export async function myEnrollments(db: DbOrTx, actor: Actor, opts: { limit?: number } = {}): Promise<MyEnrollment[]> {
  const org = requireEnterprise(actor);
  const rows = await db
    .select({
      id: trainingEnrollments.id,
      courseCode: trainingCourses.code,
      courseName: trainingCourses.name,
      startsOn: trainingCourses.startsOn,
      endsOn: trainingCourses.endsOn,
      location: trainingCourses.location,
      name: enterpriseStaff.name,
      idNumber: enterpriseStaff.idNumber,
      grade: enterpriseStaff.grade,
      enrolledAt: trainingEnrollments.createdAt,
    })
    .from(trainingEnrollments)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingEnrollments.courseId))
    .innerJoin(enterpriseStaff, eq(enterpriseStaff.id, trainingEnrollments.staffId))
    .where(eq(trainingEnrollments.orgId, org.orgId))
    .orderBy(desc(trainingEnrollments.createdAt), asc(trainingCourses.code), asc(enterpriseStaff.name))
    .limit(opts.limit ?? 2000);
  return rows.map(({ idNumber, grade, ...r }) => ({ ...r, idNumberMasked: maskIdNumber(idNumber), grade: isStaffGrade(grade) ? grade : 'junior' }));
}

/** The 报名须知 (site setting, shipped default in ./defaults.ts). */
export async function enrollmentNotice(db: DbOrTx): Promise<EnrollmentNotice> {
  const v = await getSetting<Partial<EnrollmentNotice> | null>(db, TRAINING_NOTICE_SETTING);
  return { title: v?.title ?? '', body: v?.body ?? '' };
}

// ---------------------------------------------------------------------------
// Staff
// ---------------------------------------------------------------------------

export type StaffCourse = Course & { enterprises: number };

/** Every course with its enrollment and enterprise counts, newest start first (admins and module-B reviewers). */
export async function staffCourses(db: DbOrTx, actor: Actor): Promise<StaffCourse[]> {
  requireTrainingStaff(actor);
  const rows = await db
    .select({ ...courseColumns, enterprises: enterpriseCount })
    .from(trainingCourses)
    .orderBy(desc(trainingCourses.startsOn), asc(trainingCourses.code));
  return rows.map((r) => ({ ...asCourse(r), enterprises: r.enterprises }));
}

/** One course (staff), or NOT_FOUND. */
export async function staffCourse(db: DbOrTx, actor: Actor, id: string): Promise<StaffCourse> {
  requireTrainingStaff(actor);
  if (!isUuid(id)) throw new AppError('NOT_FOUND', { messageKey: 'membershipStaff.errors.courseNotFound' });
  const [row] = await db
    .select({ ...courseColumns, enterprises: enterpriseCount })
    .from(trainingCourses)
    .where(eq(trainingCourses.id, id));
  if (!row) throw new AppError('NOT_FOUND', { messageKey: 'membershipStaff.errors.courseNotFound' });
  return { ...asCourse(row), enterprises: Number(row.enterprises) };
}

/** A course's form values (datetime-local in Beijing time). */
export function courseFormValues(c: Course) {
  return {
    code: c.code,
    name: c.name,
    description: c.description,
    location: c.location,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    enrollOpensAt: dateToBeijingLocal(c.enrollOpensAt),
    enrollClosesAt: dateToBeijingLocal(c.enrollClosesAt),
    capacity: c.capacity === null ? '' : String(c.capacity),
  };
}

export type CourseEnrollmentRow = {
  id: string;
  enterprise: string;
  name: string;
  idType: string;
  idNumberMasked: string;
  grade: StaffGrade;
  title: string | null;
  enrolledAt: Date;
};

/** A course's enrollments for staff (masked ID numbers), by enterprise then name. */
export async function courseEnrollments(db: DbOrTx, actor: Actor, courseId: string): Promise<CourseEnrollmentRow[]> {
  requireTrainingStaff(actor);
  if (!isUuid(courseId)) throw new AppError('NOT_FOUND', { messageKey: 'membershipStaff.errors.courseNotFound' });
  const rows = await db
    .select({
      id: trainingEnrollments.id,
      enterprise: organizations.name,
      name: enterpriseStaff.name,
      idType: enterpriseStaff.idType,
      idNumber: enterpriseStaff.idNumber,
      grade: enterpriseStaff.grade,
      title: enterpriseStaff.title,
      enrolledAt: trainingEnrollments.createdAt,
    })
    .from(trainingEnrollments)
    .innerJoin(enterpriseStaff, eq(enterpriseStaff.id, trainingEnrollments.staffId))
    .innerJoin(organizations, eq(organizations.id, trainingEnrollments.orgId))
    .where(eq(trainingEnrollments.courseId, courseId))
    .orderBy(asc(organizations.name), asc(enterpriseStaff.name), asc(trainingEnrollments.createdAt));
  return rows.map(({ idNumber, grade, ...r }) => ({ ...r, idNumberMasked: maskIdNumber(idNumber), grade: isStaffGrade(grade) ? grade : 'junior' }));
}

/** A course's enrollments as .xlsx (masked, as listed), audited as a data export. */
export async function exportCourseEnrollments(db: DbOrTx, actor: Actor, courseId: string, opts: { ip: string | null; locale: AppLocale }): Promise<{ body: Buffer; course: StaffCourse; rows: number }> {
  const staff = requireTrainingStaff(actor);
  const course = await staffCourse(db, actor, courseId);
  const rows = await courseEnrollments(db, actor, courseId);
  const tAll = createTranslator({ locale: opts.locale, messages: messagesFor(opts.locale) });
  const t = (k: string) => tAll(`membershipStaff.${k}` as never);
  const body = await listWorkbook(
    `${course.code} ${t('courses.enrollmentsSheet')}`,
    [
      { header: t('courses.columns.enterprise'), width: 30, value: (r: CourseEnrollmentRow) => r.enterprise },
      { header: t('courses.columns.person'), width: 12, value: (r) => r.name },
      { header: t('roster.columns.idType'), width: 16, value: (r) => (opts.locale === 'en' ? findIdType(r.idType)?.labelEn : findIdType(r.idType)?.label) ?? r.idType },
      { header: t('courses.columns.idNumber'), width: 22, value: (r) => r.idNumberMasked },
      { header: t('courses.columns.grade'), width: 10, value: (r) => tAll(`membership.staffGrades.${r.grade}` as never) },
      { header: t('roster.columns.title'), width: 14, value: (r) => r.title ?? '' },
      { header: t('courses.columns.enrolledAt'), width: 18, value: (r) => beijingDateTime(r.enrolledAt) },
    ],
    rows,
  );
  await audit(db, { action: 'data.export', actorId: staff.id, targetType: 'training_enrollments', targetId: course.id, ip: opts.ip, detail: { course: course.code, rows: rows.length } });
  return { body, course, rows: rows.length };
}

/** Enrollment counts per course id (every enterprise), for capacity checks. */
export async function enrollmentCounts(db: DbOrTx, courseIds: readonly string[]): Promise<Map<string, number>> {
  if (!courseIds.length) return new Map();
  const rows = await db
    .select({ courseId: trainingEnrollments.courseId, n: count() })
    .from(trainingEnrollments)
    .where(inArray(trainingEnrollments.courseId, [...courseIds]))
    .groupBy(trainingEnrollments.courseId);
  return new Map(rows.map((r) => [r.courseId, Number(r.n)]));
}

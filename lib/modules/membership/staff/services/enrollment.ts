import crypto from 'node:crypto';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { enterpriseStaff, organizations, trainingCourses, trainingEnrollments } from '@/db/schema';
import type { Db, DbOrTx } from '@/db';
import type { AppLocale } from '@/i18n/config';
import { localizeFieldMessage } from '@/i18n/field-messages';
import { audit } from '@/lib/platform/audit';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError, isUniqueViolation } from '@/lib/platform/errors';
import { readSpreadsheet, type ParsedSheet, type SheetRow, type SheetRowError } from '@/lib/platform/spreadsheet';
import { maskIdNumber } from '@/lib/reference/validators';
import { requireEnterprise, ROSTER_ACCESS } from '../access';
import { enrollmentCounts } from '../courses';
import {
  ENROLLMENT_COLUMNS,
  enrolledKey,
  REQUIRED_COLUMNS,
  isSampleRow,
  personKey,
  validateEnrollmentRows,
  type CourseForEnrollment,
  type EnrollmentColumn,
  type EnrollmentContext,
  type EnrollmentPerson,
  type RosterEntry,
  type ValidEnrollmentRow,
} from '../enrollment-rows';
import { ENROLLMENT_FILE_MAX_BYTES, ENROLLMENT_MAX_ROWS, enrollmentFileSchema, importEnrollmentSchema } from '../schemas';

/**
 * 批量报名 (SPEC §3.3): the enterprise uploads the filled template (.xlsx or
 * .csv). `checkEnrollmentFile` validates every row and writes nothing: the
 * per-row, per-column report comes first. `importEnrollmentFile` validates
 * again inside one transaction (the enterprise's row and the named courses
 * locked, so places and duplicates are counted against what is committed) and
 * imports all rows — or nothing while any row is wrong, unless the user chose
 * and confirmed 仅导入正确的行 (`validOnly`). People not yet on the roster are
 * added to it. The unique index on (course, person) means a re-uploaded file
 * never enrolls anyone twice.
 */
export type EnrollmentPreviewRow = { row: number; name: string; idNumberMasked: string; courseCode: string; courseName: string; newToRoster: boolean };

export type EnrollmentCheckResult = {
  /** Data rows in the file (the template's sample row not counted). */
  rows: number;
  validRows: number;
  /** Rows with at least one error (a missing column counts every row). */
  invalidRows: number;
  /** Distinct people of the valid rows who are not on the roster yet (the import adds them). */
  newPeople: number;
  /** Valid rows per course. */
  courses: Array<{ code: string; name: string; rows: number }>;
  errors: SheetRowError[];
  /** The first valid rows, for the page to show what would be imported. */
  preview: EnrollmentPreviewRow[];
};

export type EnrollmentImportResult = EnrollmentCheckResult & { imported: number; addedToRoster: number; skippedRows: number; batchId: string | null };

const PREVIEW_MAX = 200;

type File = { fileName: string; content: Buffer };

async function readEnrollmentFile(file: File): Promise<ParsedSheet<EnrollmentColumn> & { dataRows: SheetRow<EnrollmentColumn>[] }> {
  const parsed = await readSpreadsheet(file, {
    columns: ENROLLMENT_COLUMNS,
    // Only the required columns must be there; a file without, say, 岗位 is fine.
    optionalColumns: ENROLLMENT_COLUMNS.filter((c) => !REQUIRED_COLUMNS.includes(c)),
    maxBytes: ENROLLMENT_FILE_MAX_BYTES,
    // The template's sample row comes on top of the data rows.
    maxRows: ENROLLMENT_MAX_ROWS + 1,
    messages: {
      empty: 'membershipStaff.errors.fileEmpty',
      tooManyRows: 'membershipStaff.errors.tooManyRows',
      unreadable: 'membershipStaff.errors.fileUnreadable',
      tooLarge: 'membershipStaff.errors.fileTooLarge',
      fileType: 'membershipStaff.errors.fileType',
    },
  });
  const dataRows = parsed.rows.filter((r) => !isSampleRow(r));
  if (!parsed.errors.length && !dataRows.length) throw new AppError('BAD_INPUT', { messageKey: 'membershipStaff.errors.onlySample' });
  if (dataRows.length > ENROLLMENT_MAX_ROWS) throw new AppError('BAD_INPUT', { messageKey: 'membershipStaff.errors.tooManyRows', params: { max: ENROLLMENT_MAX_ROWS } });
  return { ...parsed, dataRows };
}

/**
 * What the rows are checked against, in four queries: the courses the file
 * names (locked when importing), their enrollment counts, the enterprise's
 * current roster, and its existing enrollments in those courses (by person,
 * removed roster rows included).
 */
export async function loadEnrollmentContext(db: DbOrTx, orgId: string, rows: readonly SheetRow<EnrollmentColumn>[], now: Date, opts: { lock?: boolean } = {}): Promise<EnrollmentContext> {
  const codes = [...new Set(rows.map((r) => (r.cells['课程编号'] ?? '').replace(/\s+/g, ' ').trim().toUpperCase()).filter(Boolean))].slice(0, 1000);
  const courseQuery = codes.length
    ? db
        .select({
          id: trainingCourses.id,
          code: trainingCourses.code,
          name: trainingCourses.name,
          status: trainingCourses.status,
          enrollOpensAt: trainingCourses.enrollOpensAt,
          enrollClosesAt: trainingCourses.enrollClosesAt,
          capacity: trainingCourses.capacity,
        })
        .from(trainingCourses)
        .where(inArray(trainingCourses.code, codes))
        .orderBy(asc(trainingCourses.id))
    : null;
  // Locked in id order, so two batches naming the same courses wait for each other instead of deadlocking.
  const courseRows = courseQuery ? await (opts.lock ? courseQuery.for('update') : courseQuery) : [];
  const counts = await enrollmentCounts(
    db,
    courseRows.map((c) => c.id),
  );
  const courses = new Map<string, CourseForEnrollment>(courseRows.map((c) => [c.code, { ...c, enrolled: counts.get(c.id) ?? 0 }]));

  const people = await db
    .select({
      id: enterpriseStaff.id,
      name: enterpriseStaff.name,
      idType: enterpriseStaff.idType,
      idNumber: enterpriseStaff.idNumber,
      gender: enterpriseStaff.gender,
      birthDate: enterpriseStaff.birthDate,
      education: enterpriseStaff.education,
      title: enterpriseStaff.title,
      position: enterpriseStaff.position,
      grade: enterpriseStaff.grade,
    })
    .from(enterpriseStaff)
    .where(and(eq(enterpriseStaff.orgId, orgId), isNull(enterpriseStaff.removedAt)));
  const roster = new Map<string, RosterEntry>(people.map((p) => [personKey(p.idType, p.idNumber), p]));

  const enrolled = new Set<string>();
  if (courseRows.length) {
    const existing = await db
      .select({ courseId: trainingEnrollments.courseId, idType: enterpriseStaff.idType, idNumber: enterpriseStaff.idNumber })
      .from(trainingEnrollments)
      .innerJoin(enterpriseStaff, eq(enterpriseStaff.id, trainingEnrollments.staffId))
      .where(
        and(
          eq(trainingEnrollments.orgId, orgId),
          inArray(
            trainingEnrollments.courseId,
            courseRows.map((c) => c.id),
          ),
        ),
      );
    for (const e of existing) enrolled.add(enrolledKey(e.courseId, personKey(e.idType, e.idNumber)));
  }
  return { now, courses, roster, enrolled };
}

function summarize(rows: number, valid: ValidEnrollmentRow[], errors: SheetRowError[], locale: AppLocale): EnrollmentCheckResult {
  // A header error (row 1: a missing column) makes every row unusable.
  const headerBroken = errors.some((e) => e.row === 1);
  const invalidRows = headerBroken ? rows : new Set(errors.map((e) => e.row)).size;
  const newPeople = new Set(valid.filter((v) => !v.staffId).map((v) => personKey(v.person.idType, v.person.idNumber))).size;
  const perCourse = new Map<string, { code: string; name: string; rows: number }>();
  for (const v of valid) {
    const c = perCourse.get(v.course.id) ?? { code: v.course.code, name: v.course.name, rows: 0 };
    c.rows++;
    perCourse.set(v.course.id, c);
  }
  return {
    rows,
    validRows: valid.length,
    invalidRows,
    newPeople,
    courses: [...perCourse.values()].sort((a, b) => a.code.localeCompare(b.code)),
    errors: errors.map((e) => ({ ...e, message: localizeFieldMessage(e.message, locale) })),
    preview: valid.slice(0, PREVIEW_MAX).map((v) => ({
      row: v.row,
      name: v.person.name,
      idNumberMasked: maskIdNumber(v.person.idNumber),
      courseCode: v.course.code,
      courseName: v.course.name,
      newToRoster: !v.staffId,
    })),
  };
}

/** Validates the file's rows against the roster, the courses and the enrollments; writes nothing. */
export async function checkEnrollmentFile(db: DbOrTx, actor: Actor, file: File, opts: { now: Date; locale?: AppLocale }): Promise<EnrollmentCheckResult> {
  const org = requireEnterprise(actor);
  const parsed = await readEnrollmentFile(file);
  if (parsed.errors.length) return summarize(parsed.dataRows.length, [], parsed.errors, opts.locale ?? 'zh-CN');
  const ctx = await loadEnrollmentContext(db, org.orgId, parsed.dataRows, opts.now);
  const check = validateEnrollmentRows(parsed.dataRows, ctx);
  return summarize(check.rows, check.valid, check.errors, opts.locale ?? 'zh-CN');
}

const changedMeanwhile = (cause?: unknown) => new AppError('CONFLICT', { messageKey: 'membershipStaff.errors.changedMeanwhile', cause });

/**
 * Imports the file in one transaction: every row, or — with `validOnly`, after
 * the user confirmed it — only the rows without errors. While any row is
 * wrong and `validOnly` is not set, nothing is written and the report comes
 * back as from the check.
 */
export async function importEnrollmentFile(db: Db, actor: Actor, file: File, opts: { validOnly: boolean; now: Date; ip?: string | null; locale?: AppLocale }): Promise<EnrollmentImportResult> {
  const org = requireEnterprise(actor);
  const locale = opts.locale ?? 'zh-CN';
  const parsed = await readEnrollmentFile(file);
  if (parsed.errors.length) return { ...summarize(parsed.dataRows.length, [], parsed.errors, locale), imported: 0, addedToRoster: 0, skippedRows: parsed.dataRows.length, batchId: null };
  try {
    return await db.transaction(async (tx) => {
      // One batch at a time per enterprise; the courses' rows are locked by the context.
      await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, org.orgId)).for('update');
      const ctx = await loadEnrollmentContext(tx, org.orgId, parsed.dataRows, opts.now, { lock: true });
      const check = validateEnrollmentRows(parsed.dataRows, ctx);
      const summary = summarize(check.rows, check.valid, check.errors, locale);
      if (!check.valid.length || (check.errors.length && !opts.validOnly)) return { ...summary, imported: 0, addedToRoster: 0, skippedRows: check.rows, batchId: null };

      const batchId = crypto.randomUUID();
      const newPeople = new Map<string, EnrollmentPerson>();
      for (const v of check.valid) {
        const key = personKey(v.person.idType, v.person.idNumber);
        if (!v.staffId && !newPeople.has(key)) newPeople.set(key, v.person);
      }
      const staffIds = new Map<string, string>();
      const fresh = [...newPeople.values()];
      for (let i = 0; i < fresh.length; i += 500) {
        const inserted = await tx
          .insert(enterpriseStaff)
          .values(fresh.slice(i, i + 500).map((p) => ({ orgId: org.orgId, ...p, createdBy: org.id })))
          .returning({ id: enterpriseStaff.id, idType: enterpriseStaff.idType, idNumber: enterpriseStaff.idNumber });
        for (const r of inserted) staffIds.set(personKey(r.idType, r.idNumber), r.id);
      }

      const enrollments = check.valid.map((v) => ({
        courseId: v.course.id,
        orgId: org.orgId,
        staffId: v.staffId ?? staffIds.get(personKey(v.person.idType, v.person.idNumber))!,
        batchId,
        createdBy: org.id,
      }));
      let imported = 0;
      for (let i = 0; i < enrollments.length; i += 500) {
        imported += (await tx.insert(trainingEnrollments).values(enrollments.slice(i, i + 500)).returning({ id: trainingEnrollments.id })).length;
      }

      const skippedRows = check.rows - check.valid.length;
      await audit(tx, {
        action: 'membership.training.enrolled',
        actorId: org.id,
        targetType: 'training_enrollment_batch',
        targetId: batchId,
        ip: opts.ip,
        detail: { orgId: org.orgId, fileName: file.fileName, rows: check.rows, imported, addedToRoster: fresh.length, skippedRows, validOnly: opts.validOnly, courses: summary.courses.map((c) => c.code) },
      });
      return { ...summary, imported, addedToRoster: fresh.length, skippedRows, batchId };
    });
  } catch (e) {
    // A person added to the roster in another tab at the same moment (the roster's unique index) or enrolled meanwhile.
    if (isUniqueViolation(e)) throw changedMeanwhile(e);
    throw e;
  }
}

const contentOf = (base64: string) => {
  const content = Buffer.from(base64, 'base64');
  if (content.length > ENROLLMENT_FILE_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', { messageKey: 'membershipStaff.errors.fileTooLarge' });
  return content;
};

export const checkEnrollmentFileDef = defineAction({
  access: ROSTER_ACCESS,
  schema: enrollmentFileSchema,
  handler: ({ db, actor, input, now, locale }) => checkEnrollmentFile(db, actor, { fileName: input.fileName, content: contentOf(input.contentBase64) }, { now: now(), locale }),
});

export const importEnrollmentFileDef = defineAction({
  access: ROSTER_ACCESS,
  schema: importEnrollmentSchema,
  handler: ({ db, actor, input, now, ip, locale }) =>
    importEnrollmentFile(db, actor, { fileName: input.fileName, content: contentOf(input.contentBase64) }, { validOnly: input.validOnly, now: now(), ip, locale }),
});

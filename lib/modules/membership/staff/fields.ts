import type { IdTypeCode } from '@/lib/reference/id-types';
import { parseResidentId } from '@/lib/reference/identifiers';

/**
 * The roster, course and batch-enrollment constants and the ID-derived
 * identity of module B 技术培训. Without zod: the portal's and the console's
 * forms use them at render time and load the schemas (./schemas.ts, which
 * re-exports this) only to validate.
 * @field-messages: the schemas report these messages (scripts/field-message-literals.mjs checks their English).
 */

/** The personal document slot of roster photos (JPG/PNG ≤ 5 MB; registered by the membership manifest). */
export const STAFF_PHOTO_SLOT = 'membership_staff_photo';
export const STAFF_NAME_MAX = 50;
export const STAFF_TEXT_MAX = 50;
export const STAFF_CERTIFICATES_MAX = 20;
export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

/** Shown next to the ID number when the enterprise's roster already holds it (the unique index said so). */
export const DUPLICATE_PERSON_MESSAGE = '该证件号码已在本单位技术人员名单中';
export const PHOTO_INVALID_MESSAGE = '照片无效，请重新上传';

/** ID types whose number carries the birth date and gender (GB 11643 structure). */
export const derivesFromId = (t: IdTypeCode) => t === 'resident_id' || t === 'hmt_residence_permit';

/** Gender and birth date read from a resident-ID-shaped number, or null. */
export function identityFromId(t: IdTypeCode, idNumber: string): { gender: Gender; birthDate: string } | null {
  if (!derivesFromId(t)) return null;
  const r = parseResidentId(idNumber);
  return r.ok ? { gender: r.gender, birthDate: r.birthDate } : null;
}

export const COURSE_STATUSES = ['draft', 'open', 'closed'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];
export const COURSE_CODE_MAX = 30;
export const COURSE_CAPACITY_MAX = 100_000;

export const ENROLLMENT_FILE_MAX_BYTES = 5 * 1024 * 1024;

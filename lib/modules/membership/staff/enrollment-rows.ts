import type { SheetRow, SheetRowError } from '@/lib/platform/spreadsheet';
import { educationLevels } from '@/lib/reference/education';
import { checkIdNumber, idTypes, normalizeIdNumber, type IdTypeCode } from '@/lib/reference/id-types';
import { isValidBirthDate } from '@/lib/reference/identifiers';
import { STAFF_GRADES, type StaffGrade } from '../staff-grades';
import { derivesFromId, identityFromId, STAFF_NAME_MAX, STAFF_TEXT_MAX, type Gender } from './fields';
import { beijingDateTime } from './time';

/**
 * The batch-enrollment file (批量报名表) and its row validator. Pure: the
 * caller loads the context (the enterprise's roster, the courses named in the
 * file, existing enrollments) in a few queries, and every row is checked
 * against it in memory, so 1,000 rows take milliseconds. Messages are Chinese
 * (the file is Chinese); the action translates them for English
 * (messages/en/field-messages.json).
 *
 * Each row is checked cell by cell (required cells, ID type and number with its
 * check digit, gender and birth date against the number, grade, education,
 * course code known, open and within its enrollment window); then, in row
 * order, the rows whose cells are all right: the same person with other data
 * earlier in the file or on the roster, the same person twice for one course,
 * a person already enrolled, and the course's remaining places.
 */

/** The header of the file, in order. A trailing * in the template marks the required ones (ignored when reading). */
export const ENROLLMENT_COLUMNS = ['姓名', '证件类型', '证件号码', '性别', '出生日期', '学历', '职称', '岗位', '技术等级', '课程编号'] as const;
export type EnrollmentColumn = (typeof ENROLLMENT_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly EnrollmentColumn[] = ['姓名', '证件类型', '证件号码', '技术等级', '课程编号'];

/** A row whose name starts with this is the template's sample and is never imported. */
export const SAMPLE_MARK = '【示例】';

/** The spreadsheet's words for grades and genders (the file is Chinese whatever the UI language). */
export const GRADE_WORDS: Record<StaffGrade, string> = { senior: '高级', intermediate: '中级', junior: '初级' };
export const GENDER_WORDS: Record<Gender, string> = { male: '男', female: '女' };

export type CourseForEnrollment = {
  id: string;
  code: string;
  name: string;
  status: string;
  enrollOpensAt: Date;
  enrollClosesAt: Date;
  capacity: number | null;
  /** Enrollments already taken (every enterprise). */
  enrolled: number;
};

export type RosterEntry = {
  id: string;
  name: string;
  idType: string;
  idNumber: string;
  gender: string | null;
  birthDate: string | null;
  education: string | null;
  title: string | null;
  position: string | null;
  grade: string;
};

export type EnrollmentContext = {
  now: Date;
  /** By course code (upper case). */
  courses: Map<string, CourseForEnrollment>;
  /** The enterprise's current roster, by personKey. */
  roster: Map<string, RosterEntry>;
  /** enrolledKey(courseId, personKey) of the enterprise's existing enrollments (removed people included). */
  enrolled: Set<string>;
};

export const personKey = (idType: string, idNumber: string) => `${idType}|${idNumber}`;
export const enrolledKey = (courseId: string, person: string) => `${courseId}|${person}`;

export type EnrollmentPerson = {
  name: string;
  idType: IdTypeCode;
  idNumber: string;
  gender: Gender;
  birthDate: string;
  education: string | null;
  title: string | null;
  position: string | null;
  grade: StaffGrade;
};

export type ValidEnrollmentRow = {
  row: number;
  person: EnrollmentPerson;
  course: CourseForEnrollment;
  /** The roster's row of this person, or null when the import adds them to the roster. */
  staffId: string | null;
};

export type EnrollmentCheck = { rows: number; valid: ValidEnrollmentRow[]; errors: SheetRowError[] };

export const isSampleRow = (r: SheetRow<EnrollmentColumn>) => (r.cells['姓名'] ?? '').trim().startsWith(SAMPLE_MARK);

// ---------------------------------------------------------------------------
// Cell readers
// ---------------------------------------------------------------------------

const ID_TYPE_BY_WORD = new Map<string, IdTypeCode>(idTypes.flatMap((t) => [[t.label, t.code] as const, [t.code, t.code] as const, [t.labelEn.toLowerCase(), t.code] as const]));
// Common short forms people type.
ID_TYPE_BY_WORD.set('身份证', 'resident_id');
ID_TYPE_BY_WORD.set('居民身份证号码', 'resident_id');

const GRADE_BY_WORD = new Map<string, StaffGrade>(STAFF_GRADES.flatMap((g) => [[GRADE_WORDS[g], g] as const, [g, g] as const]));
for (const g of STAFF_GRADES) GRADE_BY_WORD.set(`${GRADE_WORDS[g]}技术人员`, g);

const GENDER_BY_WORD = new Map<string, Gender>([
  ['男', 'male'],
  ['女', 'female'],
  ['male', 'male'],
  ['female', 'female'],
  ['m', 'male'],
  ['f', 'female'],
]);

const EDUCATION_BY_WORD = new Map<string, string>(educationLevels.flatMap((e) => [[e.name, e.code] as const, [e.code, e.code] as const]));

export const ID_TYPE_WORDS = idTypes.map((t) => t.label);
export const EDUCATION_WORDS = educationLevels.map((e) => e.name);

/**
 * A date cell as 'YYYY-MM-DD': 1990-01-31, 1990/1/31, 1990.1.31, 19900131,
 * 1990年1月31日, or a date Excel stored as a date (read back as the JS date
 * text, whose UTC day is the cell's day). Null when it is none of these.
 */
export function parseCellDate(raw: string): string | null {
  const v = raw.trim();
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(v) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (!m && /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{4} /.test(v)) {
    const d = new Date(v);
    if (!Number.isNaN(d.getTime())) m = ['', String(d.getUTCFullYear()), String(d.getUTCMonth() + 1), String(d.getUTCDate())] as unknown as RegExpExecArray;
  }
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

const cleanText = (v: string | undefined) => (v ?? '').replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------------------
// The validator
// ---------------------------------------------------------------------------

type CellResult = { person: EnrollmentPerson; course: CourseForEnrollment } | null;

function checkCells(r: SheetRow<EnrollmentColumn>, ctx: EnrollmentContext, err: (c: EnrollmentColumn, m: string) => void): CellResult {
  let ok = true;
  const fail = (c: EnrollmentColumn, m: string) => {
    ok = false;
    err(c, m);
  };

  const name = cleanText(r.cells['姓名']);
  if (!name) fail('姓名', '请填写姓名');
  else if (name.length > STAFF_NAME_MAX) fail('姓名', `姓名不能超过${STAFF_NAME_MAX}个字`);

  const typeWord = cleanText(r.cells['证件类型']);
  const idType = ID_TYPE_BY_WORD.get(typeWord) ?? ID_TYPE_BY_WORD.get(typeWord.toLowerCase());
  if (!typeWord) fail('证件类型', '请填写证件类型');
  else if (!idType) fail('证件类型', `证件类型应为：${ID_TYPE_WORDS.join('、')}`);

  const rawNumber = r.cells['证件号码'] ?? '';
  const idNumber = normalizeIdNumber(rawNumber);
  if (!idNumber) fail('证件号码', '请填写证件号码');
  else if (/^\d(\.\d+)?E\+\d+$/i.test(idNumber)) fail('证件号码', '证件号码被 Excel 转成了数字，请把该列设为“文本”格式后重新填写');
  else if (idType) {
    const reason = checkIdNumber(idType, idNumber);
    if (reason) fail('证件号码', reason);
  }
  const derived = idType && idNumber ? identityFromId(idType, idNumber) : null;

  const genderWord = cleanText(r.cells['性别']);
  const givenGender = genderWord ? GENDER_BY_WORD.get(genderWord.toLowerCase()) : undefined;
  if (genderWord && !givenGender) fail('性别', '性别应为“男”或“女”');
  else if (derived && givenGender && givenGender !== derived.gender) fail('性别', '性别与身份证号码不符');
  else if (idType && !derivesFromId(idType) && !givenGender) fail('性别', '请填写性别（非居民身份证须填写）');

  const birthWord = cleanText(r.cells['出生日期']);
  const givenBirth = birthWord ? parseCellDate(birthWord) : null;
  if (birthWord && (!givenBirth || !isValidBirthDate(givenBirth.replace(/-/g, ''), ctx.now))) fail('出生日期', '出生日期无效，应为 YYYY-MM-DD 格式的日期');
  else if (derived && givenBirth && givenBirth !== derived.birthDate) fail('出生日期', '出生日期与身份证号码不符');
  else if (idType && !derivesFromId(idType) && !givenBirth) fail('出生日期', '请填写出生日期（非居民身份证须填写）');

  const educationWord = cleanText(r.cells['学历']);
  const education = educationWord ? (EDUCATION_BY_WORD.get(educationWord) ?? null) : null;
  if (educationWord && !education) fail('学历', `学历应为：${EDUCATION_WORDS.join('、')}`);

  const title = cleanText(r.cells['职称']);
  if (title.length > STAFF_TEXT_MAX) fail('职称', `职称不能超过${STAFF_TEXT_MAX}个字`);
  const position = cleanText(r.cells['岗位']);
  if (position.length > STAFF_TEXT_MAX) fail('岗位', `岗位不能超过${STAFF_TEXT_MAX}个字`);

  const gradeWord = cleanText(r.cells['技术等级']);
  const grade = GRADE_BY_WORD.get(gradeWord) ?? GRADE_BY_WORD.get(gradeWord.toLowerCase());
  if (!gradeWord) fail('技术等级', '请填写技术等级');
  else if (!grade) fail('技术等级', '技术等级应为“高级”“中级”或“初级”');

  const code = cleanText(r.cells['课程编号']).toUpperCase();
  const course = code ? ctx.courses.get(code) : undefined;
  if (!code) fail('课程编号', '请填写课程编号');
  else if (!course || course.status === 'draft') fail('课程编号', `课程编号“${code}”不存在或未开放报名`);
  else if (course.status !== 'open') fail('课程编号', `课程“${code}”已关闭报名`);
  else if (ctx.now < course.enrollOpensAt) fail('课程编号', `课程“${code}”尚未开始报名（${beijingDateTime(course.enrollOpensAt)} 开始）`);
  else if (ctx.now >= course.enrollClosesAt) fail('课程编号', `课程“${code}”报名已截止（${beijingDateTime(course.enrollClosesAt)}）`);

  if (!ok || !idType || !grade || !course) return null;
  return {
    person: {
      name,
      idType,
      idNumber,
      gender: derived?.gender ?? givenGender!,
      birthDate: derived?.birthDate ?? givenBirth!,
      education,
      title: title || null,
      position: position || null,
      grade,
    },
    course,
  };
}

const FIELD_WORDS = { gender: '性别', birthDate: '出生日期', education: '学历', title: '职称', position: '岗位', grade: '技术等级' } as const satisfies Partial<Record<keyof EnrollmentPerson, EnrollmentColumn>>;

const show = (field: keyof typeof FIELD_WORDS, v: string | null): string => {
  if (v === null) return '';
  if (field === 'grade') return GRADE_WORDS[v as StaffGrade] ?? v;
  if (field === 'gender') return GENDER_WORDS[v as Gender] ?? v;
  if (field === 'education') return educationLevels.find((e) => e.code === v)?.name ?? v;
  return v;
};

/** The columns where `a` (this row) says something other than `b` (earlier); optional texts only when both say something. */
function differences(a: EnrollmentPerson, b: Omit<RosterEntry, 'id'>): Array<{ column: EnrollmentColumn; field: keyof typeof FIELD_WORDS; theirs: string | null }> {
  const out: Array<{ column: EnrollmentColumn; field: keyof typeof FIELD_WORDS; theirs: string | null }> = [];
  for (const field of Object.keys(FIELD_WORDS) as Array<keyof typeof FIELD_WORDS>) {
    const mine = a[field];
    const theirs = b[field];
    const mustMatch = field === 'grade' || ((field === 'gender' || field === 'birthDate') && !derivesFromId(a.idType));
    if (mustMatch ? mine !== theirs && theirs !== null : mine !== null && theirs !== null && mine !== theirs) out.push({ column: FIELD_WORDS[field], field, theirs });
  }
  return out;
}

export function validateEnrollmentRows(sheetRows: readonly SheetRow<EnrollmentColumn>[], ctx: EnrollmentContext): EnrollmentCheck {
  const errors: SheetRowError[] = [];
  const rows = sheetRows.filter((r) => !isSampleRow(r));
  const checked = rows.map((r) => ({ row: r.row, result: checkCells(r, ctx, (column, message) => errors.push({ row: r.row, column, message })) }));

  const valid: ValidEnrollmentRow[] = [];
  // The first row (with all cells right) of each person, and of each person in each course.
  const firstOfPerson = new Map<string, { row: number; person: EnrollmentPerson }>();
  const firstOfEnrollment = new Map<string, number>();
  const seatsTaken = new Map<string, number>();

  for (const { row, result } of checked) {
    if (!result) continue;
    const { person, course } = result;
    const before = errors.length;
    const err = (column: EnrollmentColumn, message: string) => errors.push({ row, column, message });
    const key = personKey(person.idType, person.idNumber);

    const earlier = firstOfPerson.get(key);
    if (earlier) {
      if (earlier.person.name !== person.name) err('姓名', `与第${earlier.row}行同一证件号码的姓名不一致`);
      for (const d of differences(person, { ...earlier.person })) err(d.column, `与第${earlier.row}行同一证件号码的${d.column}不一致`);
    }
    const onRoster = ctx.roster.get(key);
    if (onRoster) {
      if (onRoster.name !== person.name) err('姓名', `该证件号码在技术人员名单中登记的姓名为“${onRoster.name}”，与本行不一致`);
      for (const d of differences(person, onRoster)) err(d.column, `该证件号码在技术人员名单中登记的${d.column}为“${show(d.field, d.theirs)}”，与本行不一致`);
    }

    const enrollment = enrolledKey(course.id, key);
    const duplicateOf = firstOfEnrollment.get(enrollment);
    if (duplicateOf !== undefined) err('证件号码', `与第${duplicateOf}行重复：同一人员重复报名同一课程`);
    else if (ctx.enrolled.has(enrollment)) err('证件号码', `该人员已报名课程“${course.code}”，不能重复报名`);

    if (errors.length === before) {
      const taken = seatsTaken.get(course.id) ?? 0;
      if (course.capacity !== null && course.enrolled + taken >= course.capacity) {
        err('课程编号', `课程“${course.code}”名额已满（共${course.capacity}个名额，剩余${Math.max(0, course.capacity - course.enrolled)}个）`);
      } else seatsTaken.set(course.id, taken + 1);
    }

    if (!earlier) firstOfPerson.set(key, { row, person });
    if (duplicateOf === undefined && !ctx.enrolled.has(enrollment)) firstOfEnrollment.set(enrollment, row);
    if (errors.length === before) valid.push({ row, person, course, staffId: onRoster?.id ?? null });
  }

  errors.sort((a, b) => a.row - b.row || ENROLLMENT_COLUMNS.indexOf(a.column as EnrollmentColumn) - ENROLLMENT_COLUMNS.indexOf(b.column as EnrollmentColumn));
  return { rows: rows.length, valid, errors };
}

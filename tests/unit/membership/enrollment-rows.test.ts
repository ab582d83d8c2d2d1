import { describe, expect, it } from 'vitest';
import { randomResidentId } from '@/db/seed/identity-data';
import {
  enrolledKey,
  parseCellDate,
  personKey,
  validateEnrollmentRows,
  type CourseForEnrollment,
  type EnrollmentColumn,
  type EnrollmentContext,
  type RosterEntry,
} from '@/lib/modules/membership/staff/enrollment-rows';
import { staffPersonSchema } from '@/lib/modules/membership/staff/schemas';
import type { SheetRow } from '@/lib/platform/spreadsheet';

const NOW = new Date('2027-03-01T02:00:00Z');
const DAY = 86_400_000;

function course(code: string, over: Partial<CourseForEnrollment> = {}): CourseForEnrollment {
  return { id: `id-${code}`, code, name: `课程${code}`, status: 'open', enrollOpensAt: new Date(NOW.getTime() - DAY), enrollClosesAt: new Date(NOW.getTime() + 30 * DAY), capacity: null, enrolled: 0, ...over };
}

function ctx(over: Partial<EnrollmentContext> = {}, courses: CourseForEnrollment[] = [course('PX-1'), course('PX-2')]): EnrollmentContext {
  return { now: NOW, courses: new Map(courses.map((c) => [c.code, c])), roster: new Map(), enrolled: new Set(), ...over };
}

let rowNo = 1;
function row(cells: Partial<Record<EnrollmentColumn, string>>, n?: number): SheetRow<EnrollmentColumn> {
  rowNo = n ?? rowNo + 1;
  return { row: rowNo, cells: { 姓名: '王五', 证件类型: '居民身份证', 证件号码: randomResidentId(), 技术等级: '中级', 课程编号: 'PX-1', ...cells } };
}

const errorsOf = (r: ReturnType<typeof validateEnrollmentRows>) => r.errors.map((e) => `${e.row}/${e.column}: ${e.message}`);

describe('the batch-enrollment row validator', () => {
  it('accepts a complete row, reading gender and birth date from a resident ID', () => {
    const id = randomResidentId('female', '19900131');
    const r = validateEnrollmentRows([row({ 证件号码: id.toLowerCase(), 学历: '大学本科', 职称: ' 工程师 ', 岗位: '技术负责人', 课程编号: ' px-2 ' }, 2)], ctx());
    expect(r.errors).toEqual([]);
    expect(r.valid).toHaveLength(1);
    expect(r.valid[0]).toMatchObject({
      row: 2,
      staffId: null,
      person: { name: '王五', idType: 'resident_id', idNumber: id.toUpperCase(), gender: 'female', birthDate: '1990-01-31', education: '21', title: '工程师', position: '技术负责人', grade: 'intermediate' },
      course: { code: 'PX-2' },
    });
  });

  it('reports every required cell missing, one error per column, on the row the user sees', () => {
    const r = validateEnrollmentRows([{ row: 7, cells: { 姓名: '', 证件类型: '', 证件号码: '', 技术等级: '', 课程编号: '' } }], ctx());
    expect(r.valid).toEqual([]);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [7, '姓名'],
      [7, '证件类型'],
      [7, '证件号码'],
      [7, '技术等级'],
      [7, '课程编号'],
    ]);
  });

  it('checks the ID number with its check digit, and gender and birth date against it', () => {
    const good = randomResidentId('male', '19800101');
    const badDigit = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const r = validateEnrollmentRows(
      [
        row({ 证件号码: badDigit }, 2),
        row({ 证件号码: good, 性别: '女' }, 3),
        row({ 证件号码: randomResidentId('male', '19800101'), 出生日期: '1980-01-02' }, 4),
        row({ 证件号码: '1.10105E+17' }, 5),
        row({ 证件类型: '驾驶证' }, 6),
      ],
      ctx(),
    );
    expect(errorsOf(r)).toEqual([
      '2/证件号码: 身份证号码校验位错误，请核对',
      '3/性别: 性别与身份证号码不符',
      '4/出生日期: 出生日期与身份证号码不符',
      '5/证件号码: 证件号码被 Excel 转成了数字，请把该列设为“文本”格式后重新填写',
      expect.stringMatching(/^6\/证件类型: 证件类型应为：居民身份证、/),
    ]);
  });

  it('requires gender and birth date for other ID types, in any common date form', () => {
    const r = validateEnrollmentRows(
      [
        row({ 证件类型: '护照', 证件号码: 'E12345678' }, 2),
        row({ 证件类型: '护照', 证件号码: 'E12345679', 性别: '男', 出生日期: '1985/6/5' }, 3),
        row({ 证件类型: 'passport', 证件号码: 'E12345670', 性别: 'F', 出生日期: '1985年6月5日' }, 4),
        row({ 证件类型: '护照', 证件号码: 'E12345671', 性别: '男', 出生日期: '2099-01-01' }, 5),
      ],
      ctx(),
    );
    expect(errorsOf(r)).toEqual(['2/性别: 请填写性别（非居民身份证须填写）', '2/出生日期: 请填写出生日期（非居民身份证须填写）', '5/出生日期: 出生日期无效，应为 YYYY-MM-DD 格式的日期']);
    expect(r.valid.map((v) => [v.row, v.person.gender, v.person.birthDate])).toEqual([
      [3, 'male', '1985-06-05'],
      [4, 'female', '1985-06-05'],
    ]);
  });

  it('knows the grades, education levels and course codes, and refuses closed, draft, unopened and ended courses', () => {
    const r = validateEnrollmentRows(
      [
        row({ 技术等级: '特级' }, 2),
        row({ 学历: '幼儿园' }, 3),
        row({ 课程编号: 'NOPE' }, 4),
        row({ 课程编号: 'CLOSED' }, 5),
        row({ 课程编号: 'DRAFT' }, 6),
        row({ 课程编号: 'LATER' }, 7),
        row({ 课程编号: 'OVER' }, 8),
        row({ 技术等级: 'senior', 学历: '21' }, 9),
      ],
      ctx({}, [
        course('PX-1'),
        course('CLOSED', { status: 'closed' }),
        course('DRAFT', { status: 'draft' }),
        course('LATER', { enrollOpensAt: new Date(NOW.getTime() + DAY) }),
        course('OVER', { enrollClosesAt: new Date(NOW.getTime() - 1) }),
      ]),
    );
    expect(errorsOf(r)).toEqual([
      '2/技术等级: 技术等级应为“高级”“中级”或“初级”',
      expect.stringMatching(/^3\/学历: 学历应为：博士研究生、/),
      '4/课程编号: 课程编号“NOPE”不存在或未开放报名',
      '5/课程编号: 课程“CLOSED”已关闭报名',
      '6/课程编号: 课程编号“DRAFT”不存在或未开放报名',
      expect.stringMatching(/^7\/课程编号: 课程“LATER”尚未开始报名（2027-03-02 10:00 开始）$/),
      expect.stringMatching(/^8\/课程编号: 课程“OVER”报名已截止/),
    ]);
    expect(r.valid.map((v) => v.row)).toEqual([9]);
  });

  it('reports the same person twice for one course, and a person already enrolled; one person in two courses is fine', () => {
    const a = randomResidentId('male', '19850615');
    const enrolledOne = randomResidentId('female', '19870101');
    const r = validateEnrollmentRows(
      [row({ 证件号码: a }, 2), row({ 证件号码: a, 课程编号: 'PX-2' }, 3), row({ 证件号码: a.toLowerCase() }, 4), row({ 证件号码: enrolledOne, 姓名: '赵六' }, 5)],
      ctx({ enrolled: new Set([enrolledKey('id-PX-1', personKey('resident_id', enrolledOne))]) }),
    );
    expect(errorsOf(r)).toEqual(['4/证件号码: 与第2行重复：同一人员重复报名同一课程', '5/证件号码: 该人员已报名课程“PX-1”，不能重复报名']);
    expect(r.valid.map((v) => [v.row, v.course.code])).toEqual([
      [2, 'PX-1'],
      [3, 'PX-2'],
    ]);
  });

  it('checks a person against the roster (name and grade must match) and against their earlier rows', () => {
    const onRoster = randomResidentId('male', '19750505');
    const twice = randomResidentId('female', '19800808');
    const entry: RosterEntry = { id: 'staff-1', name: '李四', idType: 'resident_id', idNumber: onRoster, gender: 'male', birthDate: '1975-05-05', education: '21', title: '高级工程师', position: null, grade: 'senior' };
    const r = validateEnrollmentRows(
      [
        row({ 证件号码: onRoster, 姓名: '李四', 技术等级: '高级' }, 2),
        row({ 证件号码: onRoster, 姓名: '李斯', 技术等级: '中级', 课程编号: 'PX-2' }, 3),
        row({ 证件号码: twice, 姓名: '周七', 职称: '工程师' }, 4),
        row({ 证件号码: twice, 姓名: '周琪', 职称: '助理工程师', 课程编号: 'PX-2' }, 5),
      ],
      ctx({ roster: new Map([[personKey('resident_id', onRoster), entry]]) }),
    );
    expect(errorsOf(r)).toEqual([
      '3/姓名: 与第2行同一证件号码的姓名不一致',
      '3/姓名: 该证件号码在技术人员名单中登记的姓名为“李四”，与本行不一致',
      '3/技术等级: 与第2行同一证件号码的技术等级不一致',
      '3/技术等级: 该证件号码在技术人员名单中登记的技术等级为“高级”，与本行不一致',
      '5/姓名: 与第4行同一证件号码的姓名不一致',
      '5/职称: 与第4行同一证件号码的职称不一致',
    ]);
    expect(r.valid.map((v) => [v.row, v.staffId])).toEqual([
      [2, 'staff-1'],
      [4, null],
    ]);
  });

  it('fills a course up to its capacity in row order; rows beyond it are refused', () => {
    const r = validateEnrollmentRows(
      [row({}, 2), row({ 技术等级: '特级' }, 3), row({}, 4), row({}, 5), row({ 课程编号: 'PX-2' }, 6)],
      ctx({}, [course('PX-1', { capacity: 5, enrolled: 3 }), course('PX-2', { capacity: 1, enrolled: 1 })]),
    );
    expect(errorsOf(r)).toEqual([
      '3/技术等级: 技术等级应为“高级”“中级”或“初级”',
      '5/课程编号: 课程“PX-1”名额已满（共5个名额，剩余2个）',
      '6/课程编号: 课程“PX-2”名额已满（共1个名额，剩余0个）',
    ]);
    expect(r.valid.map((v) => v.row)).toEqual([2, 4]);
  });

  it('skips the template sample row and counts only data rows', () => {
    const r = validateEnrollmentRows([row({ 姓名: '【示例】张三', 证件号码: 'whatever' }, 2), row({}, 3)], ctx());
    expect(r.rows).toBe(1);
    expect(r.errors).toEqual([]);
    expect(r.valid.map((v) => v.row)).toEqual([3]);
  });

  it('validates 1,000 rows', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => row({ 姓名: `人员${i}`, 课程编号: i % 2 ? 'PX-1' : 'PX-2' }, i + 2));
    const r = validateEnrollmentRows(rows, ctx());
    // randomResidentId can repeat within 1,000 draws only rarely; duplicates would be reported, never imported twice.
    expect(r.valid.length + new Set(r.errors.map((e) => e.row)).size).toBe(1000);
  });
});

describe('cell dates', () => {
  it('reads the forms people and Excel write', () => {
    expect(parseCellDate('1985-06-15')).toBe('1985-06-15');
    expect(parseCellDate('1985/6/5')).toBe('1985-06-05');
    expect(parseCellDate('1985.06.05')).toBe('1985-06-05');
    expect(parseCellDate('19850605')).toBe('1985-06-05');
    expect(parseCellDate('1985年6月5日')).toBe('1985-06-05');
    expect(parseCellDate(new Date(Date.UTC(1985, 5, 5)).toString())).toBe('1985-06-05');
    expect(parseCellDate('1985-02-30')).toBeNull();
    expect(parseCellDate('soon')).toBeNull();
  });
});

describe('the roster form schema', () => {
  it('derives gender and birth date from a resident ID and requires them otherwise', () => {
    const id = randomResidentId('female', '19920229');
    const ok = staffPersonSchema.parse({ name: ' 陈  晨 ', idType: 'resident_id', idNumber: ` ${id.toLowerCase()} `, gender: 'male', grade: 'junior', certificates: [{ name: '安全员证', number: 'A-1', validUntil: '' }] });
    expect(ok).toMatchObject({ name: '陈 晨', idNumber: id.toUpperCase(), gender: 'female', birthDate: '1992-02-29', education: null, certificates: [{ name: '安全员证', number: 'A-1', validUntil: null }], photoDocumentId: null });
    const bad = staffPersonSchema.safeParse({ name: '', idType: 'passport', idNumber: 'E1', grade: 'expert' });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'grade']));
    const noIdentity = staffPersonSchema.safeParse({ name: '某', idType: 'passport', idNumber: 'E12345678', grade: 'senior' });
    expect(noIdentity.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['gender', '请选择性别'],
      ['birthDate', '请输入出生日期'],
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, isNull } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { auditLog, enterpriseStaff, trainingCourses, trainingEnrollments } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount, createStaff, createUser, randomMobile, randomResidentId } from '@/db/seed/factories';
import { ENROLLMENT_COLUMNS, type EnrollmentColumn } from '@/lib/modules/membership/staff/enrollment-rows';
import { courseEnrollments, coursesForEnterprises, exportCourseEnrollments, myEnrollments, staffCourses } from '@/lib/modules/membership/staff/courses';
import { readStaffPhoto, rosterOf, exportRoster, staffByIds, staffPersonForEdit } from '@/lib/modules/membership/staff/roster';
import { DUPLICATE_PERSON_MESSAGE, PHOTO_INVALID_MESSAGE, STAFF_PHOTO_SLOT } from '@/lib/modules/membership/staff/schemas';
import { createCourseDef, setCourseStatusDef, updateCourseDef, updateEnrollmentNoticeDef } from '@/lib/modules/membership/staff/services/courses';
import { checkEnrollmentFile, checkEnrollmentFileDef, importEnrollmentFile, importEnrollmentFileDef, type EnrollmentImportResult } from '@/lib/modules/membership/staff/services/enrollment';
import { addStaffPersonDef, removeStaffPersonDef, updateStaffPersonDef } from '@/lib/modules/membership/staff/services/roster';
import { enrollmentTemplate } from '@/lib/modules/membership/staff/template';
import { dateToBeijingLocal } from '@/lib/modules/membership/staff/time';
import type { Actor } from '@/lib/platform/auth/actor';
import { completeUpload } from '@/lib/platform/documents/services/complete-upload';
import { requestUpload } from '@/lib/platform/documents/services/request-upload';
import { AppError } from '@/lib/platform/errors';
import { actorOf as actorOfDb, callAs } from '../helpers/actors';
import { createTestDb } from '../helpers/db';
import { createTestStorage } from '../helpers/storage';

let h: DbHandle;
let s: Awaited<ReturnType<typeof createTestStorage>>;
let png: Uint8Array;
let reviewer: Actor;
let admin: Actor;
let examReviewer: Actor;
let finance: Actor;

beforeAll(async () => {
  [h, s] = await Promise.all([createTestDb(), createTestStorage()]);
  png = new Uint8Array(await sharp({ create: { width: 24, height: 32, channels: 3, background: '#36c' } }).png().toBuffer());
  reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'membership' }])).id);
  admin = await actorOf((await createStaff(h.db, [{ role: 'admin' }])).id);
  examReviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'exam' }])).id);
  finance = await actorOf((await createStaff(h.db, [{ role: 'finance' }])).id);
});
afterAll(async () => {
  await h.close();
  await s.close();
});

const actorOf = (id: string) => actorOfDb(h.db, id);
const call: ReturnType<typeof callAs> = (def, actor, input) => callAs(h.db)(def, actor, input);
type Ok<T> = { ok: true; data: T };
const DAY = 86_400_000;

async function enterprise() {
  const { user, org } = await createOrgAccount(h.db, { email: `t-${Date.now()}-${Math.random()}@example.com` });
  return { user, org, actor: await actorOf(user.id) };
}

async function subAccount(orgId: string, modules: string[]) {
  const u = await createUser(h.db, { kind: 'organization', orgId, isOrgMain: false, modules, mobile: randomMobile(), name: '子账户' });
  return actorOf(u.id);
}

const person = (over: Record<string, unknown> = {}) => ({
  name: '王工',
  idType: 'resident_id',
  idNumber: randomResidentId('male'),
  grade: 'intermediate',
  education: '21',
  title: '工程师',
  position: '技术负责人',
  certificates: [{ name: '安全技术防范工程师证', number: 'AF-2024-001', validUntil: '2028-12-31' }],
  ...over,
});

async function addPerson(actor: Actor, over: Record<string, unknown> = {}) {
  const input = person(over);
  const r = (await call(addStaffPersonDef, actor, input)) as Ok<{ id: string }>;
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
  return { id: r.data.id, ...input };
}

const rosterCount = async (orgId: string) => Number((await h.db.select({ n: count() }).from(enterpriseStaff).where(and(eq(enterpriseStaff.orgId, orgId), isNull(enterpriseStaff.removedAt))))[0].n);
const enrollmentCount = async (orgId?: string) => Number((await h.db.select({ n: count() }).from(trainingEnrollments).where(orgId ? eq(trainingEnrollments.orgId, orgId) : undefined))[0].n);

let codeSeq = 0;
async function course(over: Record<string, unknown> = {}, status: 'open' | 'closed' | 'draft' = 'open') {
  const now = Date.now();
  const code = `T${Date.now().toString(36).toUpperCase()}-${++codeSeq}`;
  const r = (await call(createCourseDef, reviewer, {
    code,
    name: `安防技术培训${codeSeq}`,
    description: '视频监控与入侵报警系统',
    location: '杭州市西湖区文三路100号',
    startsOn: new Date(now + 40 * DAY).toISOString().slice(0, 10),
    endsOn: new Date(now + 42 * DAY).toISOString().slice(0, 10),
    enrollOpensAt: dateToBeijingLocal(new Date(now - DAY)),
    enrollClosesAt: dateToBeijingLocal(new Date(now + 30 * DAY)),
    capacity: '',
    ...over,
  })) as Ok<{ id: string }>;
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
  if (status !== 'draft') expect(await call(setCourseStatusDef, reviewer, { id: r.data.id, status: 'open' })).toMatchObject({ ok: true });
  if (status === 'closed') expect(await call(setCourseStatusDef, reviewer, { id: r.data.id, status: 'closed' })).toMatchObject({ ok: true });
  return { id: r.data.id, code };
}

type Line = Partial<Record<EnrollmentColumn, string>>;
const line = (over: Line & { 课程编号: string }): Line => ({ 姓名: '赵工', 证件类型: '居民身份证', 证件号码: randomResidentId(), 技术等级: '中级', ...over });

async function xlsx(lines: Line[], opts: { header?: readonly string[] } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('报名表');
  const header = opts.header ?? ENROLLMENT_COLUMNS.map((c) => (['姓名', '证件类型', '证件号码', '技术等级', '课程编号'].includes(c) ? `${c}*` : c));
  ws.addRow([...header]);
  for (const l of lines) ws.addRow(ENROLLMENT_COLUMNS.map((c) => l[c] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const file = async (lines: Line[], name = '报名表.xlsx') => ({ fileName: name, contentBase64: (await xlsx(lines)).toString('base64') });

describe('technical staff roster (技术人员)', () => {
  it('adds, lists (masked), edits, removes and re-adds a person, each audited; other parts read it through rosterOf and staffByIds', async () => {
    const e = await enterprise();
    const a = await addPerson(e.actor, { name: '  王  工 ', grade: 'senior' });
    const b = await addPerson(e.actor, { name: '李工', idNumber: randomResidentId('female', '19900101'), grade: 'junior', certificates: [] });

    const roster = await rosterOf(h.db, e.actor);
    expect(roster.map((p) => [p.name, p.grade])).toEqual([
      ['王 工', 'senior'],
      ['李工', 'junior'],
    ]);
    const li = roster[1];
    expect(li).toMatchObject({ gender: 'female', birthDate: '1990-01-01', education: '21', title: '工程师', position: '技术负责人', photoUrl: null });
    expect(li.idNumberMasked).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    expect(roster[0].certificates).toEqual([{ name: '安全技术防范工程师证', number: 'AF-2024-001', validUntil: '2028-12-31' }]);
    expect((await staffPersonForEdit(h.db, e.actor, b.id))?.idNumber).toBe(b.idNumber);

    const edited = { ...person({ name: '李工', idNumber: b.idNumber, grade: 'intermediate', title: '高级工程师', certificates: [{ name: '注册安全工程师', number: 'ZA-9', validUntil: '' }] }), id: b.id };
    expect(await call(updateStaffPersonDef, e.actor, edited)).toMatchObject({ ok: true });
    expect(await staffPersonForEdit(h.db, e.actor, b.id)).toMatchObject({ grade: 'intermediate', title: '高级工程师', certificates: [{ name: '注册安全工程师', number: 'ZA-9', validUntil: null }] });

    expect(await call(removeStaffPersonDef, e.actor, { id: b.id })).toMatchObject({ ok: true });
    expect((await rosterOf(h.db, e.actor)).map((p) => p.id)).toEqual([a.id]);
    expect(await staffPersonForEdit(h.db, e.actor, b.id)).toBeNull();
    // Removed twice: not found, nothing changes.
    expect(await call(removeStaffPersonDef, e.actor, { id: b.id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    // The same number can be added again; the removed row stays readable by id.
    const again = await addPerson(e.actor, { name: '李工', idNumber: b.idNumber });
    expect(again.id).not.toBe(b.id);
    const byIds = await staffByIds(h.db, e.org.id, [b.id, again.id, a.id, 'not-a-uuid']);
    expect(byIds.map((p) => [p.id, p.removed]).sort()).toEqual([[a.id, false], [again.id, false], [b.id, true]].sort());

    const actions = (await h.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.actorId, e.user.id))).map((r) => r.action);
    expect(actions.filter((x) => x.startsWith('membership.staff.')).sort()).toEqual(['membership.staff.added', 'membership.staff.added', 'membership.staff.added', 'membership.staff.removed', 'membership.staff.updated']);
  });

  it('refuses bad input with the message next to the field, writing nothing', async () => {
    const e = await enterprise();
    const id = randomResidentId();
    const badDigit = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    expect(await call(addStaffPersonDef, e.actor, person({ idNumber: badDigit }))).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { idNumber: ['身份证号码校验位错误，请核对'] } });
    expect(await call(addStaffPersonDef, e.actor, person({ idType: 'passport', idNumber: 'E12345678' }))).toMatchObject({ ok: false, fieldErrors: { gender: ['请选择性别'], birthDate: ['请输入出生日期'] } });
    expect(await call(addStaffPersonDef, e.actor, person({ grade: 'expert', name: '' }))).toMatchObject({ ok: false, fieldErrors: { name: ['请输入姓名'], grade: ['请选择技术等级'] } });
    expect(await call(addStaffPersonDef, e.actor, person({ certificates: [{ name: '', number: 'x', validUntil: '2028-02-30' }] }))).toMatchObject({
      ok: false,
      fieldErrors: { 'certificates.0.name': ['请输入证书名称'], 'certificates.0.validUntil': ['请输入有效的有效期日期'] },
    });
    expect(await rosterCount(e.org.id)).toBe(0);
    // A passport holder with gender and birth date is fine.
    await addPerson(e.actor, { idType: 'passport', idNumber: 'e1234 5678', gender: 'female', birthDate: '1988-08-08' });
    expect((await rosterOf(h.db, e.actor))[0]).toMatchObject({ idType: 'passport', idNumber: 'E12345678', gender: 'female', birthDate: '1988-08-08' });
  });

  it('holds one ID number once per enterprise: a second add, two concurrent adds and an edit onto a taken number are refused on the field', async () => {
    const e = await enterprise();
    const first = await addPerson(e.actor);
    expect(await call(addStaffPersonDef, e.actor, person({ idNumber: first.idNumber.toLowerCase(), name: '另一人' }))).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      fieldErrors: { idNumber: [DUPLICATE_PERSON_MESSAGE] },
    });

    // Two tabs add the same new person at the same moment: one row.
    const same = person({ name: '并发' });
    const results = await Promise.all([call(addStaffPersonDef, e.actor, same), call(addStaffPersonDef, e.actor, same)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: 'CONFLICT', fieldErrors: { idNumber: [DUPLICATE_PERSON_MESSAGE] } });
    expect(await rosterCount(e.org.id)).toBe(2);

    const other = await addPerson(e.actor, { name: '第三人' });
    expect(await call(updateStaffPersonDef, e.actor, { ...person({ idNumber: first.idNumber }), id: other.id })).toMatchObject({ ok: false, code: 'CONFLICT', fieldErrors: { idNumber: [DUPLICATE_PERSON_MESSAGE] } });
    expect((await staffPersonForEdit(h.db, e.actor, other.id))?.idNumber).toBe(other.idNumber);

    // Another enterprise has its own roster: the same person may be on both.
    const f = await enterprise();
    await addPerson(f.actor, { idNumber: first.idNumber });
    expect(await rosterCount(f.org.id)).toBe(1);
  });

  it('is scoped to the enterprise: another enterprise, a sub-account without the module, an individual and staff can neither read nor change it', async () => {
    const e = await enterprise();
    const p = await addPerson(e.actor);
    const other = await enterprise();
    const subWithout = await subAccount(e.org.id, ['review']);
    const subWith = await subAccount(e.org.id, ['membership']);
    const individual = await actorOf((await createIndividual(h.db)).id);

    const before = JSON.stringify(await rosterOf(h.db, e.actor));
    expect(await call(updateStaffPersonDef, other.actor, { ...person(), id: p.id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call(removeStaffPersonDef, other.actor, { id: p.id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await rosterOf(h.db, other.actor)).toEqual([]);
    expect(await staffPersonForEdit(h.db, other.actor, p.id)).toBeNull();
    for (const who of [subWithout, individual, reviewer, admin]) {
      expect(await call(addStaffPersonDef, who, person())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await call(updateStaffPersonDef, who, { ...person(), id: p.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await call(removeStaffPersonDef, who, { id: p.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      await expect(rosterOf(h.db, who)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(exportRoster(h.db, who, { ip: null, locale: 'zh-CN' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(JSON.stringify(await rosterOf(h.db, e.actor))).toBe(before);

    // A sub-account granted the module keeps the enterprise's roster.
    expect((await rosterOf(h.db, subWith)).map((x) => x.id)).toEqual([p.id]);
    await addPerson(subWith, { name: '子账户添加' });
    expect(await rosterCount(e.org.id)).toBe(2);
  });

  it('attaches a photo uploaded by the enterprise; the photo reads for the enterprise and module-B staff only; a foreign document is refused', async () => {
    const e = await enterprise();
    const grant = await requestUpload(h.db, s.storage, e.actor, { slot: STAFF_PHOTO_SLOT, fileName: '照片.png', size: png.byteLength, contentType: 'image/png' });
    expect((await fetch(grant.url, { method: 'PUT', body: Buffer.from(png), headers: grant.headers })).status).toBe(200);
    const doc = await completeUpload(h.db, s.storage, e.actor, { ticket: grant.ticket });
    const p = await addPerson(e.actor, { photoDocumentId: doc.id });
    const [listed] = await rosterOf(h.db, e.actor);
    expect(listed.photoUrl).toBe(`/api/membership/staff/${p.id}/photo`);

    for (const who of [e.actor, reviewer, admin]) expect((await readStaffPhoto(h.db, s.storage, who, p.id)).contentType).toBe('image/png');
    const other = await enterprise();
    for (const who of [other.actor, examReviewer, finance]) await expect(readStaffPhoto(h.db, s.storage, who, p.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // Another enterprise cannot attach this enterprise's file (or any file that is not a staff photo).
    expect(await call(addStaffPersonDef, other.actor, person({ photoDocumentId: doc.id }))).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { photoDocumentId: [PHOTO_INVALID_MESSAGE] } });
    expect(await rosterCount(other.org.id)).toBe(0);
    // A JPEG that is really a text file never becomes a document.
    const fake = new TextEncoder().encode('not an image at all');
    const g2 = await requestUpload(h.db, s.storage, e.actor, { slot: STAFF_PHOTO_SLOT, fileName: 'x.jpg', size: fake.byteLength, contentType: 'image/jpeg' });
    await fetch(g2.url, { method: 'PUT', body: Buffer.from(fake), headers: g2.headers });
    await expect(completeUpload(h.db, s.storage, e.actor, { ticket: g2.ticket })).rejects.toBeInstanceOf(AppError);
  });

  it('exports the roster to Excel (masked) and audits the export', async () => {
    const e = await enterprise();
    const p = await addPerson(e.actor, { name: '导出人' });
    const { body, rows } = await exportRoster(h.db, e.actor, { ip: '10.1.2.3', locale: 'zh-CN' });
    expect(rows).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).text).toBe('姓名');
    expect(ws.getRow(2).getCell(1).text).toBe('导出人');
    expect(ws.getRow(2).getCell(3).text).not.toContain(p.idNumber.slice(4, 14));
    const [a] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'data.export'), eq(auditLog.targetType, 'enterprise_staff'), eq(auditLog.targetId, e.org.id)));
    expect(a).toMatchObject({ actorId: e.user.id, ip: '10.1.2.3' });
  });
});

describe('training courses (staff)', () => {
  it('admins and module-B reviewers create, edit, open and close courses; codes are unique; others are refused', async () => {
    const c = await course({}, 'draft');
    const [row] = await h.db.select().from(trainingCourses).where(eq(trainingCourses.id, c.id));
    expect(row.status).toBe('draft');
    expect(await call(createCourseDef, admin, { code: c.code.toLowerCase(), name: 'x', startsOn: '2030-01-01', endsOn: '2030-01-02', enrollOpensAt: '2029-12-01T09:00', enrollClosesAt: '2029-12-20T17:00' })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      fieldErrors: { code: ['该课程编号已被其他课程使用'] },
    });
    expect(await call(createCourseDef, reviewer, { code: 'bad code', name: '', startsOn: '2030-01-05', endsOn: '2030-01-06', enrollOpensAt: '2029-12-01T09:00', enrollClosesAt: '2029-12-20T17:00', capacity: '0' })).toMatchObject({
      ok: false,
      fieldErrors: { code: ['课程编号只能包含字母、数字和“-”'], name: ['请输入课程名称'], capacity: ['名额须为正整数'] },
    });
    expect(await call(createCourseDef, reviewer, { code: 'OK-1', name: 'x', startsOn: '2030-01-05', endsOn: '2030-01-01', enrollOpensAt: '2029-12-20T09:00', enrollClosesAt: '2029-12-01T17:00' })).toMatchObject({
      ok: false,
      fieldErrors: { endsOn: ['培训结束日期不能早于开始日期'], enrollClosesAt: ['报名截止时间必须晚于报名开始时间'] },
    });
    expect(await call(createCourseDef, reviewer, { code: 'OK-2', name: 'x', startsOn: '2030-01-05', endsOn: '2030-01-06', enrollOpensAt: '2029-12-20T09:00', enrollClosesAt: '2030-01-08T17:00' })).toMatchObject({
      ok: false,
      fieldErrors: { enrollClosesAt: ['报名截止时间不能晚于培训结束日期'] },
    });
    for (const who of [examReviewer, finance, (await enterprise()).actor]) {
      expect(await call(createCourseDef, who, { code: 'NOPE-1', name: 'x', startsOn: '2030-01-01', endsOn: '2030-01-02', enrollOpensAt: '2029-12-01T09:00', enrollClosesAt: '2029-12-20T17:00' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await call(setCourseStatusDef, who, { id: c.id, status: 'open' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }

    // Not open: enterprises do not see it.
    expect((await coursesForEnterprises(h.db, new Date())).map((x) => x.id)).not.toContain(c.id);
    expect(await call(setCourseStatusDef, admin, { id: c.id, status: 'open' })).toMatchObject({ ok: true, data: { status: 'open' } });
    expect(await call(setCourseStatusDef, admin, { id: c.id, status: 'open' })).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect((await coursesForEnterprises(h.db, new Date())).map((x) => x.id)).toContain(c.id);
    const edit = { id: c.id, code: c.code, name: '改名后的课程', startsOn: '2031-01-01', endsOn: '2031-01-03', enrollOpensAt: '2030-12-01T09:00', enrollClosesAt: '2030-12-20T17:00', capacity: '30', location: '宁波' };
    expect(await call(updateCourseDef, reviewer, edit)).toMatchObject({ ok: true });
    expect(await call(setCourseStatusDef, reviewer, { id: c.id, status: 'closed' })).toMatchObject({ ok: true, data: { status: 'closed' } });
    expect(await call(setCourseStatusDef, reviewer, { id: c.id, status: 'closed' })).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    const audited = (await h.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, c.id))).map((r) => r.action).sort();
    expect(audited).toEqual(['membership.course.closed', 'membership.course.created', 'membership.course.opened', 'membership.course.updated']);
  });

  it('keeps the code and enough places once people are enrolled', async () => {
    const c = await course({ capacity: '10' });
    const e = await enterprise();
    const r = (await call(importEnrollmentFileDef, e.actor, await file([line({ 课程编号: c.code }), line({ 课程编号: c.code })]))) as Ok<EnrollmentImportResult>;
    expect(r.data.imported).toBe(2);
    const [row] = await h.db.select().from(trainingCourses).where(eq(trainingCourses.id, c.id));
    const base = { id: c.id, code: c.code, name: row.name, startsOn: row.startsOn, endsOn: row.endsOn, enrollOpensAt: dateToBeijingLocal(row.enrollOpensAt), enrollClosesAt: dateToBeijingLocal(row.enrollClosesAt) };
    expect(await call(updateCourseDef, reviewer, { ...base, capacity: '1' })).toMatchObject({ ok: false, code: 'CONFLICT', fieldErrors: { capacity: ['名额不能少于已报名人数（2人）'] } });
    expect(await call(updateCourseDef, reviewer, { ...base, code: `${c.code}X`, capacity: '' })).toMatchObject({ ok: false, code: 'CONFLICT', fieldErrors: { code: ['课程已有报名，不能修改课程编号'] } });
    expect(await call(updateCourseDef, reviewer, { ...base, capacity: '2' })).toMatchObject({ ok: true });
  });

  it('lists courses with counts and each enrollment (masked) and exports them, audited; the 报名须知 is a setting staff edit', async () => {
    const c = await course();
    const e = await enterprise();
    const p = await addPerson(e.actor, { name: '名单中人' });
    expect(await call(importEnrollmentFileDef, e.actor, await file([line({ 姓名: '名单中人', 证件号码: p.idNumber, 技术等级: '中级', 课程编号: c.code })]))).toMatchObject({ ok: true, data: { imported: 1 } });

    const listed = (await staffCourses(h.db, reviewer)).find((x) => x.id === c.id)!;
    expect(listed).toMatchObject({ enrolled: 1, enterprises: 1, status: 'open' });
    const rows = await courseEnrollments(h.db, reviewer, c.id);
    expect(rows).toEqual([expect.objectContaining({ enterprise: e.org.name, name: '名单中人', grade: 'intermediate' })]);
    expect(rows[0].idNumberMasked).not.toBe(p.idNumber);
    await expect(courseEnrollments(h.db, examReviewer, c.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(courseEnrollments(h.db, e.actor, c.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const { body } = await exportCourseEnrollments(h.db, admin, c.id, { ip: '10.0.0.9', locale: 'zh-CN' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getRow(2).getCell(1).text).toBe(e.org.name);
    expect(wb.worksheets[0].getRow(2).getCell(2).text).toBe('名单中人');
    const [a] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'data.export'), eq(auditLog.targetType, 'training_enrollments'), eq(auditLog.targetId, c.id)));
    expect(a).toMatchObject({ actorId: (admin as { id: string }).id, ip: '10.0.0.9' });
    await expect(exportCourseEnrollments(h.db, finance, c.id, { ip: null, locale: 'zh-CN' })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    expect(await call(updateEnrollmentNoticeDef, reviewer, { title: '新须知', body: '第一段\n\n第二段' })).toMatchObject({ ok: true });
    expect(await call(updateEnrollmentNoticeDef, e.actor, { title: 'x', body: 'y' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(updateEnrollmentNoticeDef, reviewer, { title: '', body: '' })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
  });
});

describe('batch enrollment (批量报名)', () => {
  it('the template is a real workbook: header, drop-down lists, the open courses, a sample row the import skips', async () => {
    const open = await course();
    const closed = await course({}, 'closed');
    const e = await enterprise();
    const buf = await enrollmentTemplate(h.db, e.actor, new Date());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['报名表', '填写说明', '可报名课程', 'lists']);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['姓名*', '证件类型*', '证件号码*', '性别', '出生日期', '学历', '职称', '岗位', '技术等级*', '课程编号*']);
    expect(ws.getRow(2).getCell(1).text).toMatch(/^【示例】/);
    const validations = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    // Read back cell by cell: the lists cover rows 2–2001 of these columns only.
    for (const col of ['B', 'D', 'F', 'I', 'J']) for (const r of [2, 1000, 2001]) expect(validations[`${col}${r}`], `${col}${r}`).toMatchObject({ type: 'list' });
    for (const addr of ['A2', 'C2', 'E2', 'G2', 'H2', 'B1', 'B2002']) expect(validations[addr], addr).toBeUndefined();
    expect(validations['B2']).toMatchObject({ formulae: ['lists!$A$2:$A$7'] });
    const lists = wb.getWorksheet('lists')!;
    expect(lists.state).toBe('hidden');
    const codes = lists.getColumn(5).values.slice(2).map(String);
    expect(codes).toContain(open.code);
    expect(codes).not.toContain(closed.code);
    await expect(enrollmentTemplate(h.db, reviewer, new Date())).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // Filled in below the sample row and uploaded as it is: the sample is skipped.
    ws.getRow(3).values = ['钱工', '居民身份证', randomResidentId(), '', '', '大学本科', '工程师', '', '高级', open.code];
    ws.getRow(3).commit();
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const check = await checkEnrollmentFile(h.db, e.actor, { fileName: '报名表.xlsx', content: filled }, { now: new Date() });
    expect(check).toMatchObject({ rows: 1, validRows: 1, invalidRows: 0, newPeople: 1, errors: [] });
    // Only the sample: a clear refusal.
    ws.spliceRows(3, 1);
    const onlySample = Buffer.from(await wb.xlsx.writeBuffer());
    await expect(checkEnrollmentFile(h.db, e.actor, { fileName: 'x.xlsx', content: onlySample }, { now: new Date() })).rejects.toMatchObject({ code: 'BAD_INPUT', messageKey: 'membershipStaff.errors.onlySample' });
  });

  it('refuses a file with any bad row and writes nothing; reports row and column; a missing column is reported on row 1', async () => {
    const c = await course();
    const e = await enterprise();
    const lines = [line({ 课程编号: c.code }), line({ 课程编号: c.code, 证件号码: '110105194912310021' }), line({ 课程编号: c.code })];
    const input = await file(lines);
    const check = (await call(checkEnrollmentFileDef, e.actor, input)) as Ok<EnrollmentImportResult>;
    expect(check.data).toMatchObject({ rows: 3, validRows: 2, invalidRows: 1, errors: [{ row: 3, column: '证件号码', message: '身份证号码校验位错误，请核对' }] });
    expect(check.data.preview.map((p) => p.row)).toEqual([2, 4]);

    const before = { roster: await rosterCount(e.org.id), enrollments: await enrollmentCount() };
    const r = (await call(importEnrollmentFileDef, e.actor, input)) as Ok<EnrollmentImportResult>;
    expect(r.data).toMatchObject({ imported: 0, addedToRoster: 0, batchId: null, errors: [{ row: 3, column: '证件号码' }] });
    expect({ roster: await rosterCount(e.org.id), enrollments: await enrollmentCount() }).toEqual(before);

    const noColumn = (await call(checkEnrollmentFileDef, e.actor, { fileName: 'x.xlsx', contentBase64: (await xlsx([line({ 课程编号: c.code })], { header: ['姓名', '证件类型', '证件号码', '技术等级'] })).toString('base64') })) as Ok<EnrollmentImportResult>;
    expect(noColumn.data.errors).toEqual([{ row: 1, column: '课程编号', message: expect.stringContaining('缺少“课程编号”列') }]);

    // English UI: the report is translated where the message is known.
    const en = await checkEnrollmentFile(h.db, e.actor, { fileName: 'x.xlsx', content: Buffer.from(input.contentBase64, 'base64') }, { now: new Date(), locale: 'en' });
    expect(en.errors[0].message).toMatch(/check/i);
  });

  it('imports only the valid rows when asked, in one transaction, adding new people to the roster; a re-upload enrolls no one twice', async () => {
    const c1 = await course();
    const c2 = await course();
    const e = await enterprise();
    const known = await addPerson(e.actor, { name: '老员工', grade: 'senior' });
    const fresh = randomResidentId('female', '19910303');
    const lines = [
      line({ 姓名: '老员工', 证件号码: known.idNumber, 技术等级: '高级', 课程编号: c1.code }),
      line({ 姓名: '新员工', 证件号码: fresh, 技术等级: '初级', 职称: '助理工程师', 课程编号: c1.code }),
      line({ 姓名: '新员工', 证件号码: fresh, 技术等级: '初级', 课程编号: c2.code }),
      line({ 姓名: '错员工', 技术等级: '特级', 课程编号: c2.code }),
    ];
    const input = await file(lines);
    const r = (await call(importEnrollmentFileDef, e.actor, { ...input, validOnly: true })) as Ok<EnrollmentImportResult>;
    expect(r.data).toMatchObject({ rows: 4, validRows: 3, imported: 3, addedToRoster: 1, skippedRows: 1, errors: [{ row: 5, column: '技术等级' }] });
    expect(r.data.batchId).toMatch(/^[0-9a-f-]{36}$/);

    const roster = await rosterOf(h.db, e.actor);
    expect(roster.map((p) => p.name).sort()).toEqual(['新员工', '老员工'].sort());
    expect(roster.find((p) => p.name === '新员工')).toMatchObject({ grade: 'junior', gender: 'female', birthDate: '1991-03-03', title: '助理工程师' });
    const mine = await myEnrollments(h.db, e.actor);
    expect(mine.map((m) => `${m.courseCode}/${m.name}`).sort()).toEqual([`${c1.code}/新员工`, `${c1.code}/老员工`, `${c2.code}/新员工`].sort());
    const [audit] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'membership.training.enrolled'), eq(auditLog.targetId, r.data.batchId!)));
    expect(audit.detail).toMatchObject({ imported: 3, addedToRoster: 1, skippedRows: 1, validOnly: true });

    // The same file again: every good row is reported as enrolled already; nothing is added.
    const again = (await call(importEnrollmentFileDef, e.actor, { ...input, validOnly: true })) as Ok<EnrollmentImportResult>;
    expect(again.data).toMatchObject({ imported: 0, validRows: 0 });
    expect(again.data.errors.filter((x) => x.message.includes('已报名课程'))).toHaveLength(3);
    expect(await enrollmentCount(e.org.id)).toBe(3);
    expect(await rosterCount(e.org.id)).toBe(2);
    // Another enterprise is not affected by this one's enrollments, nor sees them.
    const other = await enterprise();
    expect(await myEnrollments(h.db, other.actor)).toEqual([]);
  });

  it('reports duplicates within the file and against existing enrollments, a roster mismatch, and refuses a closed course', async () => {
    const c = await course();
    const closed = await course({}, 'closed');
    const e = await enterprise();
    const onRoster = await addPerson(e.actor, { name: '孙工', grade: 'intermediate' });
    const enrolled = randomResidentId();
    expect(await call(importEnrollmentFileDef, e.actor, await file([line({ 姓名: '已报名', 证件号码: enrolled, 课程编号: c.code })]))).toMatchObject({ ok: true, data: { imported: 1 } });
    const twice = randomResidentId();
    const r = (await call(
      checkEnrollmentFileDef,
      e.actor,
      await file([
        line({ 姓名: '两次', 证件号码: twice, 课程编号: c.code }),
        line({ 姓名: '两次', 证件号码: twice, 课程编号: c.code }),
        line({ 姓名: '已报名', 证件号码: enrolled, 课程编号: c.code }),
        line({ 姓名: '孙二', 证件号码: onRoster.idNumber, 技术等级: '中级', 课程编号: c.code }),
        line({ 课程编号: closed.code }),
      ]),
    )) as Ok<EnrollmentImportResult>;
    expect(r.data.errors.map((x) => `${x.row}/${x.column}: ${x.message}`)).toEqual([
      '3/证件号码: 与第2行重复：同一人员重复报名同一课程',
      `4/证件号码: 该人员已报名课程“${c.code}”，不能重复报名`,
      '5/姓名: 该证件号码在技术人员名单中登记的姓名为“孙工”，与本行不一致',
      `6/课程编号: 课程“${closed.code}”已关闭报名`,
    ]);
    expect(r.data).toMatchObject({ rows: 5, validRows: 1, invalidRows: 4 });
  });

  it('counts places across enterprises: a full course refuses the rows beyond its capacity', async () => {
    const c = await course({ capacity: '3' });
    const a = await enterprise();
    const b = await enterprise();
    expect(await call(importEnrollmentFileDef, a.actor, await file([line({ 课程编号: c.code }), line({ 课程编号: c.code })]))).toMatchObject({ ok: true, data: { imported: 2 } });
    const r = (await call(importEnrollmentFileDef, b.actor, await file([line({ 课程编号: c.code }), line({ 课程编号: c.code })]))) as Ok<EnrollmentImportResult>;
    expect(r.data).toMatchObject({ imported: 0, errors: [{ row: 3, column: '课程编号', message: `课程“${c.code}”名额已满（共3个名额，剩余1个）` }] });
    expect(await call(importEnrollmentFileDef, b.actor, { ...(await file([line({ 课程编号: c.code }), line({ 课程编号: c.code })])), validOnly: true })).toMatchObject({ ok: true, data: { imported: 1 } });
    expect(await enrollmentCount()).toBeGreaterThanOrEqual(3);
    expect((await staffCourses(h.db, admin)).find((x) => x.id === c.id)).toMatchObject({ enrolled: 3, enterprises: 2 });
  });

  it('the same file uploaded twice at once enrolls each person once', async () => {
    const c = await course();
    const e = await enterprise();
    const input = await file([line({ 课程编号: c.code }), line({ 课程编号: c.code }), line({ 课程编号: c.code })]);
    const [r1, r2] = await Promise.all([call(importEnrollmentFileDef, e.actor, input), call(importEnrollmentFileDef, e.actor, input)]);
    const imported = [r1, r2].map((r) => (r.ok ? (r.data as EnrollmentImportResult).imported : 0));
    expect(imported.sort()).toEqual([0, 3]);
    expect(await enrollmentCount(e.org.id)).toBe(3);
    expect(await rosterCount(e.org.id)).toBe(3);
  });

  it('accepts a CSV file (UTF-8 with BOM, as Excel saves it) and refuses other files', async () => {
    const c = await course();
    const e = await enterprise();
    const csv = `\uFEFF${ENROLLMENT_COLUMNS.join(',')}\r\n钱工,居民身份证,${randomResidentId()},,,大学本科,工程师,,中级,${c.code}\r\n`;
    expect(await call(importEnrollmentFileDef, e.actor, { fileName: '报名表.csv', contentBase64: Buffer.from(csv).toString('base64') })).toMatchObject({ ok: true, data: { imported: 1, addedToRoster: 1 } });
    expect(await call(checkEnrollmentFileDef, e.actor, { fileName: '报名表.pdf', contentBase64: Buffer.from('%PDF').toString('base64') })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { fileName: ['仅支持 .xlsx 或 .csv 文件'] } });
    expect(await call(checkEnrollmentFileDef, e.actor, { fileName: '报名表.xlsx', contentBase64: Buffer.from('not a zip').toString('base64') })).toMatchObject({ ok: false, code: 'UNSUPPORTED_FILE' });
  });

  it('is for enterprises with the module only: other accounts cannot check or import', async () => {
    const c = await course();
    const e = await enterprise();
    const input = await file([line({ 课程编号: c.code })]);
    for (const who of [await subAccount(e.org.id, ['review']), await actorOf((await createIndividual(h.db)).id), reviewer]) {
      expect(await call(checkEnrollmentFileDef, who, input)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await call(importEnrollmentFileDef, who, input)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    expect(await enrollmentCount(e.org.id)).toBe(0);
    expect(await call(importEnrollmentFileDef, await subAccount(e.org.id, ['membership']), input)).toMatchObject({ ok: true, data: { imported: 1 } });
  });

  it('validates a 1,000-row file and imports it', async () => {
    const c1 = await course();
    const c2 = await course();
    const e = await enterprise();
    const ids = new Set<string>();
    while (ids.size < 500) ids.add(randomResidentId());
    const people = [...ids];
    // 500 people, each in both courses: 1,000 rows.
    const lines = people.flatMap((id, i) => [c1, c2].map((c) => line({ 姓名: `人员${i}`, 证件号码: id, 技术等级: ['高级', '中级', '初级'][i % 3], 学历: '大学本科', 课程编号: c.code })));
    const content = await xlsx(lines);
    const check = await checkEnrollmentFile(h.db, e.actor, { fileName: 'big.xlsx', content }, { now: new Date() });
    expect(check).toMatchObject({ rows: 1000, validRows: 1000, invalidRows: 0, newPeople: 500, errors: [] });
    const done = await importEnrollmentFile(h.db, e.actor, { fileName: 'big.xlsx', content }, { validOnly: false, now: new Date(), ip: null });
    expect(done).toMatchObject({ imported: 1000, addedToRoster: 500 });
    expect(await enrollmentCount(e.org.id)).toBe(1000);
    expect(await rosterCount(e.org.id)).toBe(500);
  });
});

describe('demo data', () => {
  it('gives the demo enterprise four technical staff of mixed grades, two courses open for enrollment and one closed; seeding again adds nothing', async () => {
    const { DEMO_ORG } = await import('@/db/seed/demo');
    const { seedDemoMembershipStaff } = await import('@/db/seed/demo-membership-staff');
    const { user } = await createOrgAccount(h.db, { username: DEMO_ORG.username }, { creditCode: DEMO_ORG.creditCode, name: DEMO_ORG.name });
    const actor = await actorOf(user.id);
    expect(await seedDemoMembershipStaff(h.db)).toBe(3 + 4 + 2);
    expect(await seedDemoMembershipStaff(h.db)).toBe(0);
    const roster = await rosterOf(h.db, actor);
    expect(roster).toHaveLength(4);
    expect(new Set(roster.map((p) => p.grade))).toEqual(new Set(['senior', 'intermediate', 'junior']));
    const open = (await coursesForEnterprises(h.db, new Date())).map((c) => c.code);
    expect(open).toEqual(expect.arrayContaining(['PX2027-01', 'PX2027-02']));
    expect(open).not.toContain('PX2026-09');
    expect(await myEnrollments(h.db, actor)).toHaveLength(2);
  });
});

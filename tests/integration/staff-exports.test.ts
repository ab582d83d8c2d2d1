import ExcelJS from 'exceljs';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accreditedInstitutions, auditLog, candidatePhotos, examAreas, exams, examSessions, examSubjects, notices } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount, createStaff } from '@/db/seed/factories';
import { releaseTickets } from '@/lib/modules/exam/admin/services/release-tickets';
import { placeOrderDef } from '@/lib/modules/exam/registration/services/order';
import { acceptExamNoticeDef, chooseAreaDef, chooseSubjectsDef, saveInfoDef } from '@/lib/modules/exam/registration/services/registration';
import { admissionTicketsBatchPdf } from '@/lib/modules/exam/registration/services/ticket';
import { ANONYMOUS, type Actor, type SignedInActor } from '@/lib/platform/auth/actor';
import { createDelegation } from '@/lib/platform/delegation';
import { AppError } from '@/lib/platform/errors';
import { routeHandler, type RouteDef } from '@/lib/platform/http/route-core';
import { handleNotification, startPayment } from '@/lib/platform/payments';
import { payAtCashier, readCashierRequest } from '@/lib/platform/payments/providers/sandbox';
import { PDF_BATCH_MAX } from '@/lib/platform/pdf/batch';
import { GET as accreditedExport } from '@/app/staff/(main)/accreditation/institutions/export/route';
import { GET as delegationsExport } from '@/app/staff/(main)/delegations/export/route';
import { GET as examsExport } from '@/app/staff/exams/export/route';
import { GET as registrationsExport } from '@/app/staff/exams/[id]/registrations/export/route';
import { GET as noticesExport } from '@/app/staff/(main)/notices/export/route';
import { GET as readingNoticesExport } from '@/app/staff/(main)/reading-notices/export/route';
import { GET as tasksExport } from '@/app/staff/(main)/tasks/export/route';
import { GET as queueExport } from '@/app/staff/(main)/queue/export/route';
import { createApplicationDef } from '@/lib/platform/workflow/action-defs';
import { GET as transfersExport } from '@/app/staff/(main)/payments/transfers/export/route';
import { GET as coursesExport } from '@/app/staff/membership/training/export/route';
import { GET as evaluationsExport } from '@/app/staff/review/evaluations/export/route';
import { actorOf as actorOfDb, callAs } from '../helpers/actors';
import { createTestDb } from '../helpers/db';
import { jpegPhoto } from '../helpers/photos';
import { createTestStorage } from '../helpers/storage';

process.env.AUTH_SECRET ??= 'staff-exports-suite-secret-0123456789-abcd';

/**
 * Issue #17: every staff list exports to Excel — the route as deployed (its
 * definition run with this file's database and actor): the screen's filter
 * applied, masked as listed, audited, refused to whoever the page refuses —
 * and the bulk print of admission tickets as one PDF.
 */

let h: DbHandle;
let s: Awaited<ReturnType<typeof createTestStorage>>;
let examAdmin: Actor;
let admin: Actor;
let finance: Actor;
let reviewerA: Actor;
let individual: Actor;

const actorOf = (userId: string) => actorOfDb(h.db, userId);
const call: ReturnType<typeof callAs> = (def, actor, input) => callAs(h.db)(def, actor, input);

beforeAll(async () => {
  [h, s] = await Promise.all([createTestDb(), createTestStorage()]);
  examAdmin = await actorOf((await createStaff(h.db, [{ role: 'exam_admin' }])).id);
  admin = await actorOf((await createStaff(h.db, [{ role: 'admin' }])).id);
  finance = await actorOf((await createStaff(h.db, [{ role: 'finance' }])).id);
  reviewerA = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
  individual = await actorOf((await createIndividual(h.db)).id);
});
afterAll(async () => {
  await h.close();
  await s.close();
});

type Handler = { definition: RouteDef<never, never, never> };

/** Runs an export route's definition as `actor` on `query` (and path params), as a request would. */
async function exportAs(route: unknown, actor: Actor, query = '', params: Record<string, string> = {}) {
  const handler = routeHandler((route as Handler).definition, { db: async () => h.db, storage: async () => s.storage, actor: async () => actor, now: () => new Date() });
  const res = await handler(new Request(`http://app.test/x${query}`), { params: Promise.resolve(params) });
  return res;
}

/** The sheet's rows (header first) as plain strings. */
async function sheetOf(res: Response): Promise<string[][]> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  expect(res.headers.get('content-disposition')).toMatch(/attachment/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

async function lastExport(actorId: string) {
  const [row] = await h.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'data.export'), eq(auditLog.actorId, actorId)))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row;
}

async function exportCount(): Promise<number> {
  return (await h.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, 'data.export'))).length;
}

/** Refused with `status`, and nothing audited. */
async function expectRefused(route: unknown, actor: Actor, status: number, query = '', params: Record<string, string> = {}) {
  const before = await exportCount();
  const res = await exportAs(route, actor, query, params);
  expect(res.status, `${actor.kind} → ${status}`).toBe(status);
  expect(res.headers.get('content-type')).toContain('text/plain');
  expect(await exportCount()).toBe(before);
}

// --- exam fixtures (the candidate's real steps, paid at the sandbox cashier)

const DAY = 86_400_000;
async function examFixture(name: string) {
  const now = Date.now();
  const [exam] = await h.db
    .insert(exams)
    .values({ name, periodStart: '2027-01-10', periodEnd: '2027-01-11', registrationOpensAt: new Date(now - DAY), registrationClosesAt: new Date(now + 10 * DAY), notice: '考生须知。', status: 'published' })
    .returning();
  const [am] = await h.db.insert(examSessions).values({ examId: exam.id, name: '上午场', startsAt: new Date('2027-01-10T01:00:00Z'), endsAt: new Date('2027-01-10T03:00:00Z'), sortOrder: 1 }).returning();
  const subjects = await h.db.insert(examSubjects).values({ examId: exam.id, sessionId: am.id, code: 'A1', name: '认证通用基础', feeFen: 20000 }).returning();
  const areas = await h.db.insert(examAreas).values({ examId: exam.id, name: '杭州考区', capacity: 100 }).returning();
  return { exam, subjects, areas };
}
type ExamFx = Awaited<ReturnType<typeof examFixture>>;

async function candidate(name: string, mobile: string) {
  const user = await createIndividual(h.db, { name });
  const key = `exam-photos/${user.id}/test/standard.jpg`;
  await s.storage.put(key, await jpegPhoto({ width: 215, height: 300, quality: 80 }), 'image/jpeg');
  await h.db.insert(candidatePhotos).values({ userId: user.id, originalKey: `exam-photos/${user.id}/test/original.jpg`, processedKey: key, width: 215, height: 300, bytes: 9000, background: 'blue', confirmedAt: new Date() });
  return { user, actor: (await actorOf(user.id)) as SignedInActor, mobile };
}

function data<T>(r: unknown): T {
  expect(r).toMatchObject({ ok: true });
  return (r as { data: T }).data;
}

async function register(fx: ExamFx, who: Awaited<ReturnType<typeof candidate>>, pay = true): Promise<string> {
  const info = { nationality: 'CN', ethnicity: '01', residenceRegion: '330106', education: '21', employer: '', mobile: who.mobile, address: '杭州市西湖区文三路1号', email: 'c@example.com', invoice: { type: 'none' } };
  const registrationId = data<{ registrationId: string }>(await call(acceptExamNoticeDef, who.actor, { examId: fx.exam.id })).registrationId;
  data(await call(saveInfoDef, who.actor, { registrationId, info }));
  data(await call(chooseSubjectsDef, who.actor, { registrationId, subjectIds: fx.subjects.map((x) => x.id) }));
  data(await call(chooseAreaDef, who.actor, { registrationId, areaId: fx.areas[0].id }));
  const { orderId, number } = data<{ orderId: string; number: string }>(await call(placeOrderDef, who.actor, { registrationId }));
  if (pay) {
    const { redirectUrl } = await startPayment(h.db, who.actor, { orderId, returnUrl: '/portal/exam' });
    const request = await readCashierRequest(h.db, number, Object.fromEntries(new URL(redirectUrl, 'http://x').searchParams));
    const paid = await payAtCashier(h.db, request!, 'pay');
    expect(await handleNotification(h.db, 'sandbox', Object.fromEntries(new URLSearchParams(paid.notification!.body)))).toMatchObject({ outcome: 'recorded' });
  }
  return registrationId;
}

async function release(fx: ExamFx) {
  await releaseTickets(h.db, examAdmin, { id: fx.exam.id }, { now: new Date(fx.exam.registrationClosesAt.getTime() + 60_000) });
}

async function pageCount(pdf: Uint8Array): Promise<number> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const n = doc.numPages;
  await doc.destroy();
  return n;
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('staff list exports', () => {
  it('考试管理: every exam with its counts for exam administrators and admins, audited; applicants, finance and the signed-out refused with nothing recorded', async () => {
    const a = await examFixture(`导出考试甲${Date.now()}`);
    const b = await examFixture(`导出考试乙${Date.now()}`);
    const rows = await sheetOf(await exportAs(examsExport, examAdmin));
    expect(rows[0]).toEqual(['考试名称', '状态', '考试日期', '报名时间', '退费时间', '报名人数', '已缴费']);
    const names = rows.slice(1).map((r) => r[0]);
    expect(names).toEqual(expect.arrayContaining([a.exam.name, b.exam.name]));
    const row = rows.find((r) => r[0] === a.exam.name)!;
    expect(row[1]).toContain('已发布');
    expect(row[2]).toBe('2027-01-10 至 2027-01-11');
    expect(row.slice(5)).toEqual(['0', '0']);
    expect(await lastExport(examAdmin.kind === 'staff' ? examAdmin.id : '')).toMatchObject({ targetType: 'exams', success: true, detail: { rows: rows.length - 1, truncated: false } });

    await expectRefused(examsExport, ANONYMOUS, 401);
    await expectRefused(examsExport, individual, 403);
    await expectRefused(examsExport, finance, 403);
    expect((await exportAs(examsExport, admin)).status).toBe(200);
  });

  it('报名名单: the filter on screen applied (status), ID numbers and mobiles masked as listed, audited with the exam', async () => {
    const fx = await examFixture(`导出报名${Date.now()}`);
    const paid = await candidate('张三', '13811112222');
    const unpaid = await candidate('李四', '13933334444');
    await register(fx, paid);
    await register(fx, unpaid, false);
    const all = await sheetOf(await exportAs(registrationsExport, examAdmin, '', { id: fx.exam.id }));
    expect(all.slice(1).map((r) => r[0]).sort()).toEqual(['张三', '李四']);
    const rows = await sheetOf(await exportAs(registrationsExport, examAdmin, '?status=paid', { id: fx.exam.id }));
    expect(rows.slice(1).map((r) => r[0])).toEqual(['张三']);
    const [, , id, mobile] = rows[1];
    expect(id).not.toBe(paid.user.idNumber);
    expect(id).toMatch(/\*/);
    expect(id.slice(0, 3)).toBe(paid.user.idNumber!.slice(0, 3));
    expect(mobile).toBe(`${paid.user.mobile!.slice(0, 3)}****${paid.user.mobile!.slice(-4)}`);
    expect(JSON.stringify(rows)).not.toContain(paid.user.idNumber!);
    expect(await lastExport((examAdmin as SignedInActor).id)).toMatchObject({ targetType: 'exam_registrations', targetId: fx.exam.id, detail: { filter: { status: 'paid' }, rows: 1 } });
    await expectRefused(registrationsExport, reviewerA, 403, '', { id: fx.exam.id });
  });

  it('信息发布: category, status and title search applied; only the notices the staff member may edit', async () => {
    const tag = `导出公告${Date.now()}`;
    await h.db.insert(notices).values([
      { title: `${tag}-新闻`, body: '正文', category: 'news', module: 'accreditation', publishedAt: new Date(Date.now() - DAY) },
      { title: `${tag}-文件`, body: '正文', category: 'document', module: 'accreditation', publishedAt: new Date(Date.now() - DAY) },
      { title: `${tag}-草稿`, body: '正文', category: 'document', module: 'exam' },
    ]);
    const docs = await sheetOf(await exportAs(noticesExport, admin, `?category=document&q=${encodeURIComponent(tag)}`));
    expect(docs.slice(1).map((r) => r[0]).sort()).toEqual([`${tag}-文件`, `${tag}-草稿`].sort());
    const drafts = await sheetOf(await exportAs(noticesExport, admin, `?status=draft&q=${encodeURIComponent(tag)}`));
    expect(drafts.slice(1).map((r) => [r[0], r[3]])).toEqual([[`${tag}-草稿`, '草稿']]);
    // A module-A reviewer publishes for module A only: the exam notice is not theirs.
    const mine = await sheetOf(await exportAs(noticesExport, reviewerA, `?q=${encodeURIComponent(tag)}`));
    expect(mine.slice(1).map((r) => r[0]).sort()).toEqual([`${tag}-新闻`, `${tag}-文件`].sort());
    expect(await lastExport((reviewerA as SignedInActor).id)).toMatchObject({ targetType: 'notices', detail: { filter: { q: tag }, rows: 2 } });
    await expectRefused(noticesExport, finance, 403);
    await expectRefused(noticesExport, individual, 403);
  });

  it('已获认可机构名录: the search applied, for admins and module-A reviewers', async () => {
    const tag = `${Date.now()}`;
    await h.db.insert(accreditedInstitutions).values([
      { certificateNumber: `CNAS L${tag}1`, name: `华东检测认证中心${tag}`, contactEmail: 'east@example.com' },
      { certificateNumber: `CNAS L${tag}2`, name: `华南质量认证有限公司${tag}`, contactEmail: 'south@example.com' },
    ]);
    const rows = await sheetOf(await exportAs(accreditedExport, reviewerA, `?q=${encodeURIComponent(`华东检测认证中心${tag}`)}`));
    expect(rows.slice(1).map((r) => [r[0], r[1], r[4]])).toEqual([[`CNAS L${tag}1`, `华东检测认证中心${tag}`, '未关联账户']]);
    expect(await lastExport((reviewerA as SignedInActor).id)).toMatchObject({ targetType: 'accredited_institutions', detail: { filter: { q: `华东检测认证中心${tag}` }, rows: 1 } });
    await expectRefused(accreditedExport, examAdmin, 403);
    await expectRefused(accreditedExport, individual, 403);
  });

  it('代理设置: the state filter applied; each staff member their own delegations, admins everyone’s', async () => {
    const delegatorId = (await createStaff(h.db, [{ role: 'finance' }])).id;
    const substituteId = (await createStaff(h.db, [{ role: 'finance' }])).id;
    const delegator = await actorOf(delegatorId);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await createDelegation(h.db, delegator, { substituteId, role: 'finance', module: '*', startsOn: today, endsOn: '2099-12-31', reason: '休假' }, { now: new Date() });
    const own = await sheetOf(await exportAs(delegationsExport, delegator, '?state=active'));
    expect(own.slice(1).map((r) => [r[2], r[4], r[5]])).toEqual([['财务人员', '休假', '生效中']]);
    expect((await sheetOf(await exportAs(delegationsExport, delegator, '?state=revoked'))).length).toBe(1);
    // Someone else's delegation is not in another staff member's list; an admin sees it.
    expect((await sheetOf(await exportAs(delegationsExport, finance))).length).toBe(1);
    expect((await sheetOf(await exportAs(delegationsExport, admin, '?state=active'))).slice(1).map((r) => r[4])).toContain('休假');
    await expectRefused(delegationsExport, individual, 403);
  });

  it('我的任务 and the queue: rows with the kind and state in words (the shared label helpers), the queue filter applied', async () => {
    const { user } = await createOrgAccount(h.db, { email: `exports-${Date.now()}@example.com` });
    const inst = await actorOf(user.id);
    const form = { businessFields: { inspectionBody: { selected: true, description: '承压设备定期检验' } }, reason: '业务拓展' };
    const created = data<{ number: string }>(await call(createApplicationDef, inst, { kind: 'accreditationFieldChange', data: form, mode: 'submit' }));
    const tasks = await sheetOf(await exportAs(tasksExport, reviewerA));
    const mine = tasks.find((r) => r[3] === created.number)!;
    expect(mine[0]).toBe('待办');
    expect(mine[1]).not.toBe('accreditationFieldChange');
    expect(mine[1]).toMatch(/[\u4e00-\u9fa5]/);
    expect(mine[4]).toMatch(/[\u4e00-\u9fa5]/);
    const queue = await sheetOf(await exportAs(queueExport, reviewerA, `?q=${created.number}`));
    expect(queue.slice(1).map((r) => r[0])).toEqual([created.number]);
    expect(queue[1][1]).toBe(mine[1]);
    expect(await lastExport((reviewerA as SignedInActor).id)).toMatchObject({ targetType: 'applications', detail: { rows: 1 } });
  });

  it('我的任务, 阅读须知设置, 银行转账确认, 培训管理, 评审评价统计: a sheet with the page’s columns for those the page lets in, refused (and not recorded) for the others', async () => {
    expect((await sheetOf(await exportAs(tasksExport, reviewerA)))[0]).toEqual(['列表', '申请类型', '申请人', '申请编号', '状态', '办理期限', '已逾期']);
    await expectRefused(tasksExport, individual, 403);
    await expectRefused(tasksExport, ANONYMOUS, 401);

    const notices = await sheetOf(await exportAs(readingNoticesExport, reviewerA));
    expect(notices.length).toBeGreaterThan(1);
    expect(notices.slice(1).every((r) => r[0] === '认可预申请')).toBe(true);
    await expectRefused(readingNoticesExport, finance, 403);

    expect((await sheetOf(await exportAs(transfersExport, finance)))[0][0]).toBe('订单号');
    await expectRefused(transfersExport, reviewerA, 403);

    expect((await sheetOf(await exportAs(coursesExport, admin)))[0][0]).toBe('课程编号');
    await expectRefused(coursesExport, examAdmin, 403);

    expect((await sheetOf(await exportAs(evaluationsExport, admin)))[0].slice(0, 4)).toEqual(['评审角色', '姓名', '评价次数', '总平均分']);
    await expectRefused(evaluationsExport, finance, 403);
    expect(await lastExport((admin as SignedInActor).id)).toMatchObject({ targetType: 'review_evaluations' });
  });
});

describe('bulk print of admission tickets', () => {
  it('the selected registrations of one exam as ONE PDF, a page per ticket, audited; another exam’s registration, an unpaid one, too many or a non-administrator refused with nothing recorded', async () => {
    const fx = await examFixture(`批量准考证${Date.now()}`);
    const other = await examFixture(`另一考试${Date.now()}`);
    const ids: string[] = [];
    for (const [i, name] of ['赵一', '钱二', '孙三'].entries()) ids.push(await register(fx, await candidate(name, `1370000000${i}`)));
    const unpaid = await register(fx, await candidate('李未付', '13700000009'), false);
    const elsewhere = await register(other, await candidate('周外考', '13700000008'));
    await release(fx);
    await release(other);

    const pdf = await admissionTicketsBatchPdf(h.db, s.storage, examAdmin, fx.exam.id, ids, { ip: '10.0.0.1' });
    expect(pdf.count).toBe(3);
    expect(Buffer.from(pdf.buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await pageCount(pdf.buffer)).toBe(3);
    const [entry] = await h.db.select().from(auditLog).where(eq(auditLog.action, 'exam.tickets.batchPrinted')).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({ actorId: (examAdmin as SignedInActor).id, targetType: 'exam', targetId: fx.exam.id, ip: '10.0.0.1', detail: { count: 3 } });
    expect((entry.detail as { numbers: string[] }).numbers).toHaveLength(3);

    const printed = async () => (await h.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, 'exam.tickets.batchPrinted'))).length;
    const before = await printed();
    expect((await rejection(admissionTicketsBatchPdf(h.db, s.storage, examAdmin, fx.exam.id, [...ids, elsewhere]))).code).toBe('NOT_FOUND');
    const notPaid = await rejection(admissionTicketsBatchPdf(h.db, s.storage, examAdmin, fx.exam.id, [ids[0], unpaid]));
    expect(notPaid).toMatchObject({ code: 'INVALID_STATE', messageKey: 'examAdmin.errors.batchWithoutTicket', params: { count: 1 } });
    const tooMany = Array.from({ length: PDF_BATCH_MAX + 1 }, () => crypto.randomUUID());
    expect((await rejection(admissionTicketsBatchPdf(h.db, s.storage, examAdmin, fx.exam.id, tooMany))).code).toBe('BAD_INPUT');
    expect((await rejection(admissionTicketsBatchPdf(h.db, s.storage, examAdmin, fx.exam.id, []))).code).toBe('BAD_INPUT');
    expect((await rejection(admissionTicketsBatchPdf(h.db, s.storage, finance, fx.exam.id, ids))).code).toBe('FORBIDDEN');
    expect((await rejection(admissionTicketsBatchPdf(h.db, s.storage, individual, fx.exam.id, ids))).code).toBe('FORBIDDEN');
    expect((await rejection(admissionTicketsBatchPdf(h.db, s.storage, ANONYMOUS, fx.exam.id, ids))).code).toBe('UNAUTHENTICATED');
    expect(await printed()).toBe(before);

    // The same registration twice prints once.
    expect((await admissionTicketsBatchPdf(h.db, s.storage, admin, fx.exam.id, [ids[0], ids[0]])).count).toBe(1);
  });
});

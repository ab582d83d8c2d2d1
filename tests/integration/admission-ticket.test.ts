import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { eq, inArray } from 'drizzle-orm';
import { candidatePhotos, examAreas, examRegistrations, exams, examSessions, examSubjects, orders } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount, createStaff } from '@/db/seed/factories';
import { releaseTickets } from '@/lib/modules/exam/admin/services/release-tickets';
import { placeOrderDef } from '@/lib/modules/exam/registration/services/order';
import { acceptExamNoticeDef, chooseAreaDef, chooseSubjectsDef, saveInfoDef } from '@/lib/modules/exam/registration/services/registration';
import { admissionTicketFor, formatTicketNumber } from '@/lib/modules/exam/registration/services/ticket';
import { verifyAnyNumber } from '@/lib/platform/verify';
import { ANONYMOUS, type Actor, type SignedInActor } from '@/lib/platform/auth/actor';
import { AppError, toFailure } from '@/lib/platform/errors';
import { handleNotification, startPayment } from '@/lib/platform/payments';
import { payAtCashier, readCashierRequest } from '@/lib/platform/payments/providers/sandbox';
import { renderPdf } from '@/lib/platform/pdf/registry';
import { admissionTicket } from '@/lib/modules/exam/registration/admission-ticket-pdf';
import { actorOf as actorOfDb, callAs } from '../helpers/actors';
import { createTestDb } from '../helpers/db';
import { pdfText, squash } from '../helpers/pdf-text';
import { jpegPhoto } from '../helpers/photos';
import { createTestStorage } from '../helpers/storage';

process.env.AUTH_SECRET ??= 'admission-ticket-suite-secret-0123456789-ab';

/**
 * 准考证: the admission ticket of a paid registration after the exam's
 * tickets are released — its fields as real Chinese text in the PDF, the
 * standard photo embedded as a JPEG, a ticket number unique across exams — and nobody's
 * but the owner's and exam staff's.
 */

let h: DbHandle;
let s: Awaited<ReturnType<typeof createTestStorage>>;
beforeAll(async () => {
  [h, s] = await Promise.all([createTestDb(), createTestStorage()]);
});
afterAll(async () => {
  await h.close();
  await s.close();
});

const actorOf = (userId: string) => actorOfDb(h.db, userId);
const call: ReturnType<typeof callAs> = (def, actor, input) => callAs(h.db)(def, actor, input);
const DAY = 86_400_000;
const NOTICE = '一、考生须提前30分钟到达考场，开考15分钟后不得入场。\n\n二、考试期间不得携带手机等通讯工具进入考场。';

function data<T>(r: unknown): T {
  expect(r).toMatchObject({ ok: true });
  return (r as { data: T }).data;
}

async function examFixture(over: Partial<typeof exams.$inferInsert> = {}) {
  const now = Date.now();
  const [exam] = await h.db
    .insert(exams)
    .values({
      name: `2027年度认证人员注册考试${now % 100_000}`,
      periodStart: '2027-01-10',
      periodEnd: '2027-01-11',
      registrationOpensAt: new Date(now - DAY),
      registrationClosesAt: new Date(now + 10 * DAY),
      notice: NOTICE,
      status: 'published',
      ...over,
    })
    .returning();
  const [am, pm] = await h.db
    .insert(examSessions)
    .values([
      // 09:00–11:00 and 14:00–16:30 Beijing time.
      { examId: exam.id, name: '上午场', startsAt: new Date('2027-01-10T01:00:00Z'), endsAt: new Date('2027-01-10T03:00:00Z'), sortOrder: 1 },
      { examId: exam.id, name: '下午场', startsAt: new Date('2027-01-10T06:00:00Z'), endsAt: new Date('2027-01-10T08:30:00Z'), sortOrder: 2 },
    ])
    .returning();
  const subjects = await h.db
    .insert(examSubjects)
    .values([
      { examId: exam.id, sessionId: am.id, code: 'A1', name: '认证通用基础', feeFen: 20000 },
      { examId: exam.id, sessionId: pm.id, code: 'B1', name: '审核知识', feeFen: 20000 },
    ])
    .returning();
  const areas = await h.db
    .insert(examAreas)
    .values([{ examId: exam.id, name: '杭州考区', capacity: 100 }])
    .returning();
  return { exam, subjects, areas };
}
type ExamFx = Awaited<ReturnType<typeof examFixture>>;

/** A candidate with a confirmed photo whose standard JPEG is really in the object store. */
async function candidate(name = '王小明') {
  const user = await createIndividual(h.db, { name });
  const key = `exam-photos/${user.id}/test/standard.jpg`;
  await s.storage.put(key, await jpegPhoto({ width: 215, height: 300, quality: 80 }), 'image/jpeg');
  await h.db.insert(candidatePhotos).values({ userId: user.id, originalKey: `exam-photos/${user.id}/test/original.jpg`, processedKey: key, width: 215, height: 300, bytes: 9000, background: 'blue', confirmedAt: new Date() });
  return { user, actor: (await actorOf(user.id)) as SignedInActor };
}
type Candidate = Awaited<ReturnType<typeof candidate>>;

const info = {
  nationality: 'CN',
  ethnicity: '01',
  residenceRegion: '330106',
  education: '21',
  employer: '',
  mobile: '13812345678',
  address: '杭州市西湖区文三路1号',
  email: 'c@example.com',
  invoice: { type: 'none' },
};

/** Registers for both subjects in the area and orders; `pay` then goes through the sandbox cashier. */
async function register(fx: ExamFx, who: Candidate, pay = true): Promise<string> {
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
  const admin = await actorOf((await createStaff(h.db, [{ role: 'exam_admin' }])).id);
  await releaseTickets(h.db, admin, { id: fx.exam.id }, { now: new Date(fx.exam.registrationClosesAt.getTime() + 60_000) });
}

/** The refusal as the route answers it: status and message. */
async function refusal(p: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  const f = toFailure(e);
  return { status: (e as AppError).status, code: f.code, message: f.message };
}

describe('admission ticket (准考证)', () => {
  it('a paid candidate’s ticket after release: every field is real Chinese text, the standard photo is embedded, the number is stable', async () => {
    const fx = await examFixture();
    const me = await candidate('王小明');
    const registrationId = await register(fx, me);
    await release(fx);

    const ticket = await admissionTicketFor(h.db, s.storage, me.actor, registrationId);
    expect(ticket.number).toMatch(/^ZKZ20270110\d{6}$/);
    expect(ticket).toMatchObject({ examName: fx.exam.name, candidateName: '王小明', idType: 'resident_id', idNumber: me.user.idNumber, area: '杭州考区' });
    expect(ticket.subjects.map((x) => `${x.session} ${x.code}`)).toEqual(['上午场 A1', '下午场 B1']);

    const pdf = await renderPdf(admissionTicket, ticket, { issuer: '国家认证认可监督管理委员会' });
    expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const lines = await pdfText(pdf, { layout: true });
    const text = squash(lines);
    for (const field of [
      '国家认证认可监督管理委员会',
      '准考证',
      `准考证号${ticket.number}`,
      `考试名称${fx.exam.name}`,
      '姓名王小明',
      '证件类型居民身份证',
      `证件号码${me.user.idNumber}`,
      '考区杭州考区',
      '报考科目及考试时间',
      '场次科目考试时间',
      '考生须知',
      '请携带本准考证及与报名时一致的有效身份证件原件参加考试',
      '考生须提前30分钟到达考场，开考15分钟后不得入场。',
      '考试期间不得携带手机等通讯工具进入考场。',
    ]) {
      expect(text).toContain(field);
    }
    // Signed by the issuing body with the date; no seal placeholder printed over them (issue #18 §13).
    expect(text).not.toContain('印章位置');
    // Each subject on its own row, with its session and Beijing time.
    expect(lines).toMatch(/上午场\s+A1 认证通用基础\s+2027年1月10日 09:00—11:00\n/);
    expect(lines).toMatch(/下午场\s+B1 审核知识\s+2027年1月10日 14:00—16:30\n/);
    expect(lines.indexOf('上午场')).toBeLessThan(lines.indexOf('下午场'));
    // The photo is the stored standard JPEG, embedded as is (DCT), at its own pixel size.
    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw).toMatch(/\/Subtype \/Image[\s\S]{0,200}\/Filter \/DCTDecode/);
    expect(raw).toMatch(/\/Width 215[\s\S]{0,40}\/Height 300|\/Height 300[\s\S]{0,200}\/Width 215/);
    const stored = await s.storage.get((await h.db.select().from(candidatePhotos).where(eq(candidatePhotos.userId, me.user.id)))[0].processedKey);
    const jpegStart = Buffer.from(pdf).indexOf(Buffer.from(stored!).subarray(0, 64));
    expect(jpegStart).toBeGreaterThan(0);
    expect((await sharp(Buffer.from(stored!)).metadata()).format).toBe('jpeg');

    // Deterministic: the same number on every print, for exam staff too; a later registration gets a later number.
    expect((await admissionTicketFor(h.db, s.storage, me.actor, registrationId)).number).toBe(ticket.number);
    const examAdmin = await actorOf((await createStaff(h.db, [{ role: 'exam_admin' }])).id);
    expect((await admissionTicketFor(h.db, s.storage, examAdmin, registrationId)).number).toBe(ticket.number);
  });

  it('numbers are given at release to paid registrations in registration order, and never change', async () => {
    const fx = await examFixture();
    const [a, b, c] = [await candidate('甲'), await candidate('乙'), await candidate('丙')];
    const ra = await register(fx, a);
    const rb = await register(fx, b, false); // registered but never paid: no ticket, no number
    const rc = await register(fx, c);
    await release(fx);
    const na = (await admissionTicketFor(h.db, s.storage, a.actor, ra)).number;
    const nc = (await admissionTicketFor(h.db, s.storage, c.actor, rc)).number;
    expect(na).toMatch(/^ZKZ20270110\d{6}$/);
    expect(Number(nc.slice(11))).toBe(Number(na.slice(11)) + 1);
    const stored = await h.db.select({ id: examRegistrations.id, n: examRegistrations.ticketNumber }).from(examRegistrations).where(eq(examRegistrations.examId, fx.exam.id));
    expect(Object.fromEntries(stored.map((r) => [r.id, r.n]))).toEqual({ [ra]: na, [rb]: null, [rc]: nc });
    expect(await refusal(admissionTicketFor(h.db, s.storage, b.actor, rb))).toMatchObject({ status: 404, message: '该报名尚未完成缴费，没有准考证' });
    expect((await admissionTicketFor(h.db, s.storage, a.actor, ra)).number).toBe(na);
  });

  it('two exams held on the same day never give the same ticket number (issue #18 §3), released one after the other or at once', async () => {
    const day = { periodStart: '2026-12-05', periodEnd: '2026-12-05' };
    const a = await examFixture({ ...day, name: '甲考试2026-12-05' });
    const b = await examFixture({ ...day, name: '乙考试2026-12-05' });
    const ra = await register(a, await candidate('赵一'));
    const rb = await register(b, await candidate('钱二'));
    await release(a);
    await release(b);
    const [ta] = await h.db.select({ n: examRegistrations.ticketNumber }).from(examRegistrations).where(eq(examRegistrations.id, ra));
    const [tb] = await h.db.select({ n: examRegistrations.ticketNumber }).from(examRegistrations).where(eq(examRegistrations.id, rb));
    expect(ta.n).toMatch(/^ZKZ20261205\d{6}$/);
    expect(tb.n).toMatch(/^ZKZ20261205\d{6}$/);
    expect(ta.n).not.toBe(tb.n);

    // Five exams on one day, each with two paid candidates, released concurrently: every number unique.
    const many = await Promise.all([1, 2, 3, 4, 5].map((i) => examFixture({ periodStart: '2026-12-06', periodEnd: '2026-12-06', name: `并发考试${i}-${Date.now()}` })));
    for (const fx of many) for (const n of ['孙', '李']) await register(fx, await candidate(n));
    const admin = await actorOf((await createStaff(h.db, [{ role: 'exam_admin' }])).id);
    const results = await Promise.all(many.map((fx) => releaseTickets(h.db, admin, { id: fx.exam.id }, { now: new Date(fx.exam.registrationClosesAt.getTime() + 60_000) })));
    expect(results.map((r) => r.tickets)).toEqual([2, 2, 2, 2, 2]);
    const numbers = (await h.db.select({ n: examRegistrations.ticketNumber }).from(examRegistrations).where(inArray(examRegistrations.examId, many.map((fx) => fx.exam.id)))).map((r) => r.n);
    expect(numbers).toHaveLength(10);
    expect(numbers.every((n) => /^ZKZ20261206\d{6}$/.test(n ?? ''))).toBe(true);
    expect(new Set(numbers).size).toBe(10);

    // The constraint stands behind the sequence: a duplicate number cannot be stored.
    await expect(h.db.update(examRegistrations).set({ ticketNumber: ta.n }).where(eq(examRegistrations.id, rb))).rejects.toThrow();
  });

  it('a registration paid after the release (a late notification) gets its own number with the payment', async () => {
    const fx = await examFixture();
    const early = await candidate('早');
    const late = await candidate('晚');
    await register(fx, early);
    const rl = await register(fx, late, false);
    await release(fx);
    expect((await h.db.select({ n: examRegistrations.ticketNumber }).from(examRegistrations).where(eq(examRegistrations.id, rl)))[0].n).toBeNull();
    // The order placed before the close is paid now; the platform's notification settles it.
    const [order] = await h.db.select().from(orders).where(eq(orders.subjectId, rl));
    const { redirectUrl } = await startPayment(h.db, late.actor, { orderId: order.id, returnUrl: '/portal/exam' });
    const request = await readCashierRequest(h.db, order.number, Object.fromEntries(new URL(redirectUrl, 'http://x').searchParams));
    const paid = await payAtCashier(h.db, request!, 'pay');
    expect(await handleNotification(h.db, 'sandbox', Object.fromEntries(new URLSearchParams(paid.notification!.body)))).toMatchObject({ outcome: 'recorded' });
    const [row] = await h.db.select({ n: examRegistrations.ticketNumber, status: examRegistrations.status }).from(examRegistrations).where(eq(examRegistrations.id, rl));
    expect(row.status).toBe('paid');
    expect(row.n).toMatch(/^ZKZ20270110\d{6}$/);
    // Reading the ticket changes nothing: the number is the stored one.
    expect((await admissionTicketFor(h.db, s.storage, late.actor, rl)).number).toBe(row.n);
    expect(await verifyAnyNumber(h.db, row.n!)).toMatchObject([{ holderMasked: '晚', valid: true }]);
  });

  it('not released yet: 404 with a clear message for the owner; printable once released', async () => {
    const fx = await examFixture();
    const me = await candidate();
    const registrationId = await register(fx, me);
    expect(await refusal(admissionTicketFor(h.db, s.storage, me.actor, registrationId))).toEqual({ status: 404, code: 'NOT_FOUND', message: '准考证尚未发放，请在考试机构发放后再打印' });
    await release(fx);
    expect((await admissionTicketFor(h.db, s.storage, me.actor, registrationId)).candidateName).toBe(me.user.name);
  });

  it('another candidate, an organization, finance, a module reviewer and anonymous get 404; exam staff and admins may print it', async () => {
    const fx = await examFixture();
    const me = await candidate();
    const registrationId = await register(fx, me);
    await release(fx);
    const others: Array<[string, Actor]> = [
      ['another candidate', (await candidate('李四')).actor],
      ['an organization', await actorOf((await createOrgAccount(h.db)).user.id)],
      ['finance', await actorOf((await createStaff(h.db, [{ role: 'finance' }])).id)],
      ['an exam reviewer', await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'exam' }])).id)],
      ['anonymous', ANONYMOUS],
    ];
    for (const [who, actor] of others) {
      const r = await refusal(admissionTicketFor(h.db, s.storage, actor, registrationId));
      // The generic "not found": nothing tells a stranger that the registration exists.
      expect(r, who).toEqual({ status: 404, code: 'NOT_FOUND', message: toFailure(new AppError('NOT_FOUND')).message });
    }
    for (const roles of [[{ role: 'exam_admin' }], [{ role: 'admin' }]]) {
      const staff = await actorOf((await createStaff(h.db, roles)).id);
      expect((await admissionTicketFor(h.db, s.storage, staff, registrationId)).candidateName).toBe(me.user.name);
    }
    expect(await refusal(admissionTicketFor(h.db, s.storage, me.actor, 'not-a-uuid'))).toMatchObject({ status: 404 });
  });

  it('no ticket for a refunded registration; the ticket in English', async () => {
    const fx = await examFixture();
    const me = await candidate();
    const registrationId = await register(fx, me);
    await release(fx);
    const ticket = await admissionTicketFor(h.db, s.storage, me.actor, registrationId);
    const en = squash(await pdfText(await renderPdf(admissionTicket, ticket, { locale: 'en' })));
    for (const field of ['Admissionticket', 'Ticketnumber', ticket.number, 'IDtypeResidentIdentityCard', 'Examarea杭州考区', 'Subjectsandtimes', 'January10,202709:00–11:00']) expect(en).toContain(field);

    await h.db.update(examRegistrations).set({ status: 'refunded' }).where(eq(examRegistrations.id, registrationId));
    expect(await refusal(admissionTicketFor(h.db, s.storage, me.actor, registrationId))).toMatchObject({ status: 404, message: '该报名尚未完成缴费，没有准考证' });
  });
});

describe('public verification of receipts and tickets (/verify)', () => {
  const orderOf = async (registrationId: string) => (await h.db.select().from(orders).where(eq(orders.subjectId, registrationId)))[0];

  it('a receipt and a released ticket verify with the holder masked; unpaid, unreleased and unknown numbers do not; a refund voids both', async () => {
    // A day no other exam of this suite starts on, so the ticket number is this exam's alone.
    const fx = await examFixture({ periodStart: '2027-03-15', periodEnd: '2027-03-15' });
    const paid = await candidate('王小明');
    const unpaid = await candidate('李四');
    const ra = await register(fx, paid);
    const rb = await register(fx, unpaid, false);
    // Not released: no ticket number exists yet, for any of them.
    expect((await h.db.select({ n: examRegistrations.ticketNumber }).from(examRegistrations).where(eq(examRegistrations.examId, fx.exam.id))).map((r) => r.n)).toEqual([null, null]);

    const receipt = await orderOf(ra);
    expect(await verifyAnyNumber(h.db, ` ${receipt.number} `)).toEqual([
      {
        type: 'record',
        number: receipt.number,
        typeKey: 'pdf.verify.types.receipt',
        statusKey: 'payments.status.paid',
        valid: true,
        holderMasked: '王*明',
        facts: [
          { labelKey: 'pdf.verify.paidFor', value: receipt.title },
          { labelKey: 'pdf.verify.amount', value: '¥400.00' },
          { labelKey: 'pdf.verify.paidAt', value: expect.any(Date) },
        ],
      },
    ]);
    expect(await verifyAnyNumber(h.db, (await orderOf(rb)).number)).toEqual([]); // an unpaid order has no receipt

    await release(fx);
    const ticketNumber = (await admissionTicketFor(h.db, s.storage, paid.actor, ra)).number;
    expect(await verifyAnyNumber(h.db, ticketNumber)).toEqual([
      {
        type: 'record',
        number: ticketNumber,
        typeKey: 'pdf.verify.types.ticket',
        statusKey: 'pdf.verify.ticketValid',
        valid: true,
        holderMasked: '王*明',
        facts: [
          { labelKey: 'pdf.verify.exam', value: fx.exam.name },
          { labelKey: 'pdf.verify.area', value: '杭州考区' },
        ],
      },
    ]);
    // The unpaid registration was never given a number; the next number of the sequence is nobody's yet.
    const next = formatTicketNumber('2027-03-15', Number(ticketNumber.slice(11)) + 1_000);
    for (const unknown of ['DD2026112300000000', next, 'ZKZ20271340000001', 'ZKZ20270315000000', '']) {
      expect(await verifyAnyNumber(h.db, unknown), unknown).toEqual([]);
    }

    // Refunded: both papers still verify as issued, and both say they no longer hold.
    await h.db.update(examRegistrations).set({ status: 'refunded' }).where(eq(examRegistrations.id, ra));
    await h.db.update(orders).set({ status: 'refunded' }).where(eq(orders.id, receipt.id));
    expect(await verifyAnyNumber(h.db, ticketNumber)).toMatchObject([{ statusKey: 'pdf.verify.ticketVoid', valid: false, holderMasked: '王*明' }]);
    expect(await verifyAnyNumber(h.db, receipt.number)).toMatchObject([{ statusKey: 'payments.status.refunded', valid: false }]);
  });
});

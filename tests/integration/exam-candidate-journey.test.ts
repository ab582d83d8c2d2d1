import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { candidatePhotos, examAreas, examRegistrations, exams, examSessions, examSubjects, notifications, orders, outbox, refunds } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createStaff } from '@/db/seed/factories';
import { releaseTickets } from '@/lib/modules/exam/admin/services/release-tickets';
import { examApplicantItems, examsForCandidate, latestRegistration, refundedRegistration, registrationDetails } from '@/lib/modules/exam/registration/services/candidate-views';
import { placeOrderDef, requestExamRefund } from '@/lib/modules/exam/registration/services/order';
import { acceptExamNoticeDef, chooseAreaDef, chooseSubjectsDef, saveInfoDef } from '@/lib/modules/exam/registration/services/registration';
import type { SignedInActor } from '@/lib/platform/auth/actor';
import { listRefunds, receiptFor } from '@/lib/platform/payments/queries';
import { renderPdf } from '@/lib/platform/pdf/registry';
import { handleNotification, startPayment } from '@/lib/platform/payments';
import { payAtCashier, readCashierRequest } from '@/lib/platform/payments/providers/sandbox';
import { actorOf as actorOfDb, callAs } from '../helpers/actors';
import { createTestDb } from '../helpers/db';
import { pdfText, squash } from '../helpers/pdf-text';

process.env.AUTH_SECRET ??= 'exam-candidate-journey-secret-0123456789-ab';

/**
 * Module D as a candidate lives it after paying (issue #18): the exam stays
 * in their list after registration closes, with its state; releasing the
 * tickets tells every paid candidate; a refund shows with amount and time.
 */

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

const actorOf = (userId: string) => actorOfDb(h.db, userId);
const call: ReturnType<typeof callAs> = (def, actor, input) => callAs(h.db)(def, actor, input);
const DAY = 86_400_000;

function data<T>(r: unknown): T {
  expect(r).toMatchObject({ ok: true });
  return (r as { data: T }).data;
}

let seq = 0;
async function examFixture(over: Partial<typeof exams.$inferInsert> = {}) {
  const now = Date.now();
  const [exam] = await h.db
    .insert(exams)
    .values({
      name: `旅程考试${++seq}-${now % 100_000}`,
      periodStart: '2027-01-10',
      periodEnd: '2027-01-11',
      registrationOpensAt: new Date(now - DAY),
      registrationClosesAt: new Date(now + 10 * DAY),
      refundOpensAt: new Date(now - DAY),
      refundClosesAt: new Date(now + 10 * DAY),
      notice: '考生须知',
      status: 'published',
      ...over,
    })
    .returning();
  const [am] = await h.db
    .insert(examSessions)
    .values([{ examId: exam.id, name: '上午场', startsAt: new Date('2027-01-10T01:00:00Z'), endsAt: new Date('2027-01-10T03:00:00Z'), sortOrder: 1 }])
    .returning();
  const subjects = await h.db.insert(examSubjects).values([{ examId: exam.id, sessionId: am.id, code: 'A1', name: '认证通用基础', feeFen: 20000 }]).returning();
  const areas = await h.db.insert(examAreas).values([{ examId: exam.id, name: '杭州', capacity: 100 }]).returning();
  return { exam, subjects, areas };
}
type ExamFx = Awaited<ReturnType<typeof examFixture>>;

async function candidate(over: Parameters<typeof createIndividual>[1] = {}) {
  const user = await createIndividual(h.db, over);
  await h.db.insert(candidatePhotos).values({ userId: user.id, originalKey: `o/${user.id}`, processedKey: `p/${user.id}`, width: 215, height: 300, bytes: 9000, background: 'blue', confirmedAt: new Date() });
  return { user, actor: (await actorOf(user.id)) as SignedInActor };
}
type Candidate = Awaited<ReturnType<typeof candidate>>;

const info = {
  nationality: 'CN',
  ethnicity: '01',
  residenceRegion: '330106',
  education: '21',
  employer: '杭州示范检测技术有限公司',
  mobile: '13812345678',
  address: '杭州市西湖区文三路1号',
  email: 'c@example.com',
  invoice: { type: 'enterprise', title: '杭州示范检测技术有限公司', taxNumber: '91330106MA2H1E6U3F' },
};

/** Registers, orders and (unless `pay` is false) pays through the sandbox cashier with its signed notification. */
async function register(fx: ExamFx, who: Candidate, pay = true): Promise<{ registrationId: string; orderId: string }> {
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
  return { registrationId, orderId };
}

/** Closes the exam's registration window (as time passing would). */
async function closeRegistration(fx: ExamFx) {
  const now = Date.now();
  await h.db
    .update(exams)
    .set({ registrationOpensAt: new Date(now - 20 * DAY), registrationClosesAt: new Date(now - DAY) })
    .where(eq(exams.id, fx.exam.id));
}

async function release(fx: ExamFx) {
  const admin = await actorOf((await createStaff(h.db, [{ role: 'exam_admin' }])).id);
  return releaseTickets(h.db, admin, { id: fx.exam.id });
}

const rowOf = async (who: Candidate, fx: ExamFx) => (await examsForCandidate(h.db, who.user.id)).find((r) => r.exam.id === fx.exam.id);
const t = (key: string) => key;

describe('the candidate’s exam list after registration closes (issue #18 §2)', () => {
  it('a paid registration stays listed after the close, with its state; unregistered closed exams do not show', async () => {
    const fx = await examFixture();
    const stranger = await examFixture();
    const me = await candidate();
    await register(fx, me);
    expect(await rowOf(me, fx)).toMatchObject({ open: true, state: 'paid' });
    await closeRegistration(fx);
    await closeRegistration(stranger);
    expect(await rowOf(me, fx)).toMatchObject({ open: false, state: 'paid', registration: { status: 'paid' } });
    expect(await rowOf(me, stranger)).toBeUndefined();
    // Released: the ticket is ready, from the list.
    await release(fx);
    expect(await rowOf(me, fx)).toMatchObject({ state: 'ticketReady' });
    // After the exam's last day: held.
    await h.db.update(exams).set({ periodStart: '2020-01-10', periodEnd: '2020-01-11' }).where(eq(exams.id, fx.exam.id));
    expect(await rowOf(me, fx)).toMatchObject({ state: 'ended' });
  });

  it('an unfinished registration of a closed exam shows as unfinished; open exams without a registration as 未报考', async () => {
    const fx = await examFixture();
    const me = await candidate();
    data(await call(acceptExamNoticeDef, me.actor, { examId: fx.exam.id }));
    const other = await examFixture();
    expect(await rowOf(me, other)).toMatchObject({ open: true, state: 'none', registration: null });
    await closeRegistration(fx);
    expect(await rowOf(me, fx)).toMatchObject({ open: false, state: 'filling' });
  });

  it('releasing the tickets tells every paid candidate in-app, by SMS and by email, once; nobody else', async () => {
    const fx = await examFixture();
    const a = await candidate();
    const b = await candidate();
    const unpaid = await candidate();
    await register(fx, a);
    await register(fx, b);
    await register(fx, unpaid, false);
    await closeRegistration(fx);
    const r = await release(fx);
    expect(r.tickets).toBe(2);
    for (const who of [a, b]) {
      const [reg] = await h.db.select().from(examRegistrations).where(and(eq(examRegistrations.userId, who.user.id), eq(examRegistrations.examId, fx.exam.id)));
      const inApp = await h.db.select().from(notifications).where(eq(notifications.userId, who.user.id));
      const ticketNote = inApp.filter((n) => n.title.startsWith('准考证已发放'));
      expect(ticketNote).toHaveLength(1);
      expect(ticketNote[0]).toMatchObject({ link: '/portal/exam' });
      expect(ticketNote[0].body).toContain(reg.ticketNumber!);
      const msgs = await h.db.select().from(outbox).where(like(outbox.dedupeKey, `exam-ticket:${reg.id}%`));
      expect(msgs.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
      const sms = msgs.find((m) => m.channel === 'sms')!.payload as { to: string; template: string; text: string };
      expect(sms).toMatchObject({ to: who.user.mobile, template: 'exam_ticket_released' });
      expect(sms.text).toContain(reg.ticketNumber!);
      const email = msgs.find((m) => m.channel === 'email')!.payload as { to: string; subject: string; text: string };
      expect(email.to).toBe(who.user.email);
      expect(email.subject).toBe(`准考证已发放：${fx.exam.name}`);
      expect(email.text).toContain(reg.ticketNumber!);
      expect(email.text).toMatch(/http:\/\/localhost:\d+\/portal\/exam/);
    }
    expect((await h.db.select().from(notifications).where(eq(notifications.userId, unpaid.user.id))).filter((n) => n.title.startsWith('准考证已发放'))).toEqual([]);

    // 我的任务: printing the ticket is the candidate's to-do, leading to the exam list.
    const items = await examApplicantItems({ db: h.db, actor: a.actor, t: t as never } as never);
    expect(items.find((i) => i.number === fx.exam.name)).toMatchObject({ todo: true, statusLabel: 'exam.mine.status.ticketReady', nextStep: 'exam.mine.printTicket', href: '/portal/exam' });
  });
});

describe('after a refund (issue #18 §5)', () => {
  /** Refunds a paid registration and waits for the sandbox to pay it back. */
  async function refund(who: Candidate, registrationId: string) {
    const r = await requestExamRefund(h.db, who.actor, registrationId);
    await expect
      .poll(async () => (await h.db.select({ status: refunds.status }).from(refunds).where(eq(refunds.id, r.id)))[0].status, { timeout: 10_000 })
      .toBe('refunded');
    return r;
  }

  it('the exam list shows 已退费 with amount and time; the receipt stays readable and is printed void; registering again keeps the refund in view', async () => {
    const fx = await examFixture();
    const me = await candidate();
    const { registrationId, orderId } = await register(fx, me);
    const r = await refund(me, registrationId);

    const row = await rowOf(me, fx);
    expect(row).toMatchObject({ state: 'refunded', registration: { id: registrationId, status: 'refunded' }, refund: { amountFen: 20000, status: 'refunded', orderId } });
    expect(row!.refund!.refundedAt).toBeInstanceOf(Date);
    expect(row!.refund!.requestedAt.getTime()).toBeLessThanOrEqual(row!.refund!.refundedAt!.getTime());

    // The exam pages: the refunded registration with its refund and its order.
    const view = await refundedRegistration(h.db, me.user.id, fx.exam.id);
    expect(view).toMatchObject({ registration: { id: registrationId }, refund: { amountFen: 20000, status: 'refunded' }, order: { id: orderId } });

    // The old receipt: still the owner's to read, and printed as void with the refund.
    const receipt = await receiptFor(h.db, me.actor, orderId);
    expect(receipt).toMatchObject({ status: 'refunded', refund: { amountFen: 20000, status: 'refunded' } });
    const text = squash(await pdfText(await renderPdf('receipt', receipt)));
    expect(text).toContain('本收据已作废');
    expect(text).toContain('¥200.00已于');
    expect(text).toContain('全额退回');

    // A new registration: the list follows it, and still tells of the refund of this exam.
    await register(fx, me);
    expect(await rowOf(me, fx)).toMatchObject({ state: 'paid', refund: { status: 'refunded', amountFen: 20000 } });
    expect(r.amountFen).toBe(20000);
  });

  it('finance’s refund list follows its search box: order number or payer (issue #18 §12)', async () => {
    const fx = await examFixture();
    const a = await candidate({ name: '退费甲' });
    const b = await candidate({ name: '退费乙' });
    const ra = await register(fx, a);
    const rb = await register(fx, b);
    await refund(a, ra.registrationId);
    await refund(b, rb.registrationId);
    const finance = await actorOf((await createStaff(h.db, [{ role: 'finance' }])).id);
    const [oa] = await h.db.select({ number: orders.number }).from(orders).where(eq(orders.id, ra.orderId));
    expect((await listRefunds(h.db, finance, { q: oa.number })).map((r) => r.orderNumber)).toEqual([oa.number]);
    expect((await listRefunds(h.db, finance, { q: oa.number.slice(0, 12) })).map((r) => r.orderNumber)).toContain(oa.number);
    expect((await listRefunds(h.db, finance, { q: '退费乙' })).map((r) => r.userName)).toEqual(['退费乙']);
    expect(await listRefunds(h.db, finance, { q: '无此人' })).toEqual([]);
    expect((await listRefunds(h.db, finance, {})).length).toBeGreaterThanOrEqual(2);
  });

  it('a paid receipt is not marked void', async () => {
    const fx = await examFixture();
    const me = await candidate();
    const { orderId } = await register(fx, me);
    const receipt = await receiptFor(h.db, me.actor, orderId);
    expect(receipt.refund).toBeNull();
    const text = squash(await pdfText(await renderPdf('receipt', receipt)));
    expect(text).not.toContain('作废');
    // Issued electronically: the issuing body and the date, no seal placeholder over them (issue #18 §13).
    expect(text).not.toContain('印章位置');
  });
});

describe('the confirm page and 查看报考信息 read everything the candidate entered (issue #18 §4)', () => {
  it('identity from the account, the registration info down to the invoice, subjects with their state, area and amount', async () => {
    const fx = await examFixture();
    const me = await candidate({ name: '张三' });
    const { registrationId } = await register(fx, me, false);
    const reg = (await latestRegistration(h.db, me.user.id, fx.exam.id))!;
    expect(reg.id).toBe(registrationId);
    const d = await registrationDetails(h.db, reg);
    expect(d.identity).toMatchObject({ name: '张三', idType: 'resident_id', idNumber: me.user.idNumber, gender: me.user.gender, birthDate: me.user.birthDate });
    expect(d.info).toEqual(info);
    expect(d).toMatchObject({ status: 'ordered', area: '杭州', totalFen: 20000, subjects: [{ code: 'A1', name: '认证通用基础', session: '上午场', feeFen: 20000, state: 'unpaid' }] });
  });
});

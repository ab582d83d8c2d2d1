import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { auditLog, candidatePhotos, examAreas, examRegistrations, exams, examSessions, examSubjects, orders, payments, refunds, registrationSubjects, type Order } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount, createStaff } from '@/db/seed/factories';
import { changeAreaDef, liveOrder, placeOrderDef, requestExamRefundDef } from '@/lib/modules/exam/registration/services/order';
import { acceptExamNoticeDef, chooseAreaDef, chooseSubjectsDef, registrationProgress, saveInfoDef } from '@/lib/modules/exam/registration/services/registration';
import { ANONYMOUS, type Actor, type SignedInActor } from '@/lib/platform/auth/actor';
import { expireOrders, handleNotification, registerPaymentProvider, startPayment, PaymentProviderError, type PaymentProvider } from '@/lib/platform/payments';
import { cancelOrderDef, confirmPaymentDef, startPaymentDef } from '@/lib/platform/payments/checkout';
import { payAtCashier, readCashierRequest } from '@/lib/platform/payments/providers/sandbox';
import { canonicalString } from '@/lib/platform/payments/providers/signing';
import { refundLatePaymentDef, retryRefundDef } from '@/lib/platform/payments/refunds';
import { actorOf as actorOfDb, callAs } from '../helpers/actors';
import { createTestDb } from '../helpers/db';

process.env.AUTH_SECRET ??= 'exam-orders-suite-secret-0123456789-abcdef';

/**
 * The exam money path on a real database: placing an order (freezes the
 * registration, takes one seat in one transaction), double clicks and a
 * crowd racing for the last seat, cancelling and expiry (the seat back, the
 * registration editable again), paying through the sandbox cashier and the
 * "支付完毕" query, late payments, changing the exam city, refunds (window,
 * once per person ever, provider failure and finance retry) and who may do
 * any of it.
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
type Ok<T> = { ok: true; data: T };
type Fail = { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> };
const DAY = 86_400_000;

const AREA_FULL = '该考区名额已满';
const FROZEN = '已生成订单，报考信息已冻结；如需修改请先取消未支付的订单';
const REFUND_ONCE = '每位考生仅可退费一次：您已申请过退费，本次申请未受理';

function data<T>(r: unknown): T {
  expect(r).toMatchObject({ ok: true });
  return (r as Ok<T>).data;
}

// ---------------------------------------------------------------------------
// Fixtures: exams written directly, candidates with a confirmed photo
// ---------------------------------------------------------------------------

type AreaSpec = { name: string; capacity: number; taken?: number };
type Window = 'open' | 'past' | 'none';

function windowOf(w: Window, now: number): [Date | null, Date | null] {
  if (w === 'open') return [new Date(now - DAY), new Date(now + 5 * DAY)];
  if (w === 'past') return [new Date(now - 5 * DAY), new Date(now - DAY)];
  return [null, null];
}

/** A published exam open for registration: two sessions (A1/A2 in the morning, B1 in the afternoon) and the given areas. */
async function examFixture(opts: { areas?: AreaSpec[]; refund?: Window; areaChange?: Window } = {}) {
  const now = Date.now();
  const [refundOpensAt, refundClosesAt] = windowOf(opts.refund ?? 'open', now);
  const [areaChangeOpensAt, areaChangeClosesAt] = windowOf(opts.areaChange ?? 'open', now);
  const [exam] = await h.db
    .insert(exams)
    .values({
      name: `缴费测试考试${now}${crypto.randomBytes(3).toString('hex')}`,
      periodStart: '2027-01-10',
      periodEnd: '2027-01-11',
      registrationOpensAt: new Date(now - DAY),
      registrationClosesAt: new Date(now + 10 * DAY),
      refundOpensAt,
      refundClosesAt,
      areaChangeOpensAt,
      areaChangeClosesAt,
      notice: '考生须知',
      status: 'published',
    })
    .returning();
  const [am, pm] = await h.db
    .insert(examSessions)
    .values([
      { examId: exam.id, name: '上午场', startsAt: new Date('2027-01-10T01:00:00Z'), endsAt: new Date('2027-01-10T03:00:00Z'), sortOrder: 1 },
      { examId: exam.id, name: '下午场', startsAt: new Date('2027-01-10T06:00:00Z'), endsAt: new Date('2027-01-10T08:00:00Z'), sortOrder: 2 },
    ])
    .returning();
  const subjects = await h.db
    .insert(examSubjects)
    .values([
      { examId: exam.id, sessionId: am.id, code: 'A1', name: '认证通用基础', feeFen: 20000 },
      { examId: exam.id, sessionId: am.id, code: 'A2', name: '产品认证基础', feeFen: 15000 },
      { examId: exam.id, sessionId: pm.id, code: 'B1', name: '审核知识', feeFen: 20000 },
    ])
    .returning();
  const specs = opts.areas ?? [
    { name: '杭州', capacity: 100 },
    { name: '宁波', capacity: 100 },
  ];
  const areas = await h.db
    .insert(examAreas)
    .values(specs.map((a, i) => ({ examId: exam.id, name: a.name, capacity: a.capacity, taken: a.taken ?? 0, sortOrder: i })))
    .returning();
  return { exam, subjects, areas };
}
type ExamFx = Awaited<ReturnType<typeof examFixture>>;

async function candidate() {
  const user = await createIndividual(h.db);
  await h.db.insert(candidatePhotos).values({ userId: user.id, originalKey: `o/${user.id}`, processedKey: `p/${user.id}`, width: 215, height: 300, bytes: 9000, background: 'blue', confirmedAt: new Date() });
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
  invoice: { type: 'personal' },
};

/** Notice → info → subjects A1 + B1 (¥400) → area: a registration ready to be ordered. */
async function registered(fx: ExamFx, who: Candidate, areaIndex = 0, subjectIdx = [0, 2]): Promise<string> {
  const id = data<{ registrationId: string }>(await call(acceptExamNoticeDef, who.actor, { examId: fx.exam.id })).registrationId;
  data(await call(saveInfoDef, who.actor, { registrationId: id, info }));
  data(await call(chooseSubjectsDef, who.actor, { registrationId: id, subjectIds: subjectIdx.map((i) => fx.subjects[i].id) }));
  data(await call(chooseAreaDef, who.actor, { registrationId: id, areaId: fx.areas[areaIndex].id }));
  return id;
}

async function ordered(fx: ExamFx, who: Candidate, areaIndex = 0): Promise<{ registrationId: string; order: Order }> {
  const registrationId = await registered(fx, who, areaIndex);
  const { orderId } = data<{ orderId: string }>(await call(placeOrderDef, who.actor, { registrationId }));
  return { registrationId, order: await orderRow(orderId) };
}

/** Goes through the sandbox cashier like a browser: start → cashier link → pay. Returns the notification the platform would post. */
async function payAtSandbox(who: Candidate, order: Order, examId: string) {
  const returnUrl = `/portal/exam/${examId}/pay`;
  const { redirectUrl } = data<{ redirectUrl: string }>(await call(startPaymentDef, who.actor, { orderId: order.id, returnUrl }));
  const url = new URL(redirectUrl, 'http://localhost');
  expect(url.pathname).toBe(`/pay/sandbox/${order.number}`);
  const request = await readCashierRequest(h.db, order.number, Object.fromEntries(url.searchParams));
  expect(request).toMatchObject({ amountFen: order.amountFen, title: order.title });
  const r = await payAtCashier(h.db, request!, 'pay');
  expect(r).toMatchObject({ status: 'paid' });
  expect(r.redirectTo).toMatch(new RegExp(`${returnUrl}\\?payResult=paid$`));
  return Object.fromEntries(new URLSearchParams(r.notification!.body));
}

/** A paid registration (sandbox cashier + notification). */
async function paid(fx: ExamFx, who: Candidate, areaIndex = 0) {
  const o = await ordered(fx, who, areaIndex);
  expect(await handleNotification(h.db, 'sandbox', await payAtSandbox(who, o.order, fx.exam.id))).toMatchObject({ outcome: 'recorded' });
  expect((await regRow(o.registrationId)).status).toBe('paid');
  return o;
}

const regRow = async (id: string) => (await h.db.select().from(examRegistrations).where(eq(examRegistrations.id, id)))[0];
const orderRow = async (id: string) => (await h.db.select().from(orders).where(eq(orders.id, id)))[0];
const areaRow = async (id: string) => (await h.db.select().from(examAreas).where(eq(examAreas.id, id)))[0];
const taken = async (id: string) => (await areaRow(id)).taken;
const ordersOf = async (registrationId: string) => h.db.select().from(orders).where(eq(orders.subjectId, registrationId)).orderBy(asc(orders.createdAt));
const refundsOf = async (userId: string) => h.db.select().from(refunds).where(eq(refunds.userId, userId));
const chosenSubjects = async (registrationId: string) =>
  (await h.db.select({ id: registrationSubjects.subjectId }).from(registrationSubjects).where(eq(registrationSubjects.registrationId, registrationId))).map((r) => r.id).sort();

/** Everything a money step can touch for one registration: the row, its subjects, its orders, payments, refunds, the exam's seats. */
async function snapshot(registrationId: string) {
  const reg = await regRow(registrationId);
  const os = await ordersOf(registrationId);
  const ids = os.map((o) => o.id);
  return {
    reg,
    subjects: await chosenSubjects(registrationId),
    orders: os,
    payments: ids.length ? await h.db.select().from(payments).where(inArray(payments.orderId, ids)) : [],
    refunds: ids.length ? await h.db.select().from(refunds).where(inArray(refunds.orderId, ids)) : [],
    areas: await h.db.select().from(examAreas).where(eq(examAreas.examId, reg.examId)).orderBy(asc(examAreas.sortOrder)),
  };
}

/** The request's own refund processing runs after the commit, in the background: waits until it has settled. */
async function refundSettled(refundId: string, statuses = ['refunded', 'failed']) {
  for (let i = 0; i < 200; i++) {
    const [r] = await h.db.select().from(refunds).where(eq(refunds.id, refundId));
    if (statuses.includes(r.status)) return r;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error(`refund ${refundId} did not settle`);
}

// ---------------------------------------------------------------------------
// A platform whose refunds can be made to fail (counted per idempotency key)
// ---------------------------------------------------------------------------

class FailingRefundProvider implements PaymentProvider {
  readonly name = 'fake-exam';
  readonly notifyAck = { ok: 'success', fail: 'fail' };
  trades = new Map<string, { tradeNo: string; amountFen: number }>();
  refundCalls = new Map<string, number>();
  moneyMoved = new Map<string, number>();
  failures: Array<'refuse'> = [];
  private secret = crypto.randomBytes(16);

  async createPayment(order: { number: string }) {
    return { redirectUrl: `https://fake.example/pay/${order.number}` };
  }
  pay(orderNumber: string, amountFen: number): Record<string, string> {
    const tradeNo = `FX${crypto.randomInt(1e9)}`;
    this.trades.set(orderNumber, { tradeNo, amountFen });
    const p: Record<string, string> = { out_trade_no: orderNumber, trade_no: tradeNo, total_fen: String(amountFen), status: 'PAID' };
    return { ...p, sign: crypto.createHmac('sha256', this.secret).update(canonicalString(p)).digest('hex') };
  }
  async verifyNotification(p: Record<string, string>) {
    // canonicalString leaves out `sign` itself.
    if (p.sign !== crypto.createHmac('sha256', this.secret).update(canonicalString(p)).digest('hex')) throw new PaymentProviderError('bad signature');
    return { orderNumber: p.out_trade_no, tradeNo: p.trade_no, amountFen: Number(p.total_fen), paid: p.status === 'PAID' };
  }
  async queryTrade(orderNumber: string) {
    const t = this.trades.get(orderNumber);
    return t ? { paid: true, ...t } : { paid: false };
  }
  async refund(req: { idempotencyKey: string }) {
    this.refundCalls.set(req.idempotencyKey, (this.refundCalls.get(req.idempotencyKey) ?? 0) + 1);
    if (this.failures.shift() === 'refuse') throw new PaymentProviderError('退款账户余额不足', { retryable: false, providerCode: 'NO_BALANCE' });
    // A platform refunds a key once; a repeat with the same key answers with the same refund.
    if (!this.moneyMoved.has(req.idempotencyKey)) this.moneyMoved.set(req.idempotencyKey, 1);
    return { refundNo: `FXR-${req.idempotencyKey}` };
  }
}
const fake = new FailingRefundProvider();
registerPaymentProvider(fake.name, () => fake);

// ---------------------------------------------------------------------------

describe('placing the order', () => {
  it('creates one unpaid order for the chosen subjects, takes one seat and freezes info, subjects and area', async () => {
    const fx = await examFixture();
    const me = await candidate();
    const registrationId = await registered(fx, me);
    expect(await taken(fx.areas[0].id)).toBe(0);

    const r = data<{ orderId: string; number: string; amountFen: number }>(await call(placeOrderDef, me.actor, { registrationId }));
    expect(r.amountFen).toBe(40000);
    const order = await orderRow(r.orderId);
    expect(order).toMatchObject({ number: r.number, userId: me.user.id, subjectType: 'exam_registration', subjectId: registrationId, status: 'unpaid', amountFen: 40000, title: `${fx.exam.name} 报名费` });
    expect(order.items).toEqual([
      { name: 'A1 认证通用基础', amountFen: 20000, ref: fx.subjects[0].id },
      { name: 'B1 审核知识', amountFen: 20000, ref: fx.subjects[2].id },
    ]);
    expect(Math.abs(order.expiresAt.getTime() - (Date.now() + fx.exam.orderTtlMinutes * 60_000))).toBeLessThan(60_000);
    expect((await regRow(registrationId)).status).toBe('ordered');
    expect(await taken(fx.areas[0].id)).toBe(1);
    expect((await liveOrder(h.db, registrationId))?.id).toBe(order.id);

    // Frozen: every step refuses with the same clear message and nothing moves.
    const before = await snapshot(registrationId);
    for (const [def, input] of [
      [saveInfoDef, { registrationId, info: { ...info, address: '改过的地址' } }],
      [chooseSubjectsDef, { registrationId, subjectIds: [fx.subjects[1].id] }],
      [chooseAreaDef, { registrationId, areaId: fx.areas[1].id }],
      [placeOrderDef, { registrationId }],
    ] as const) {
      expect(await call(def, me.actor, input)).toMatchObject({ ok: false, code: 'INVALID_STATE', message: FROZEN });
    }
    expect(await snapshot(registrationId)).toEqual(before);
  });

  it('refuses an order before the area is chosen, with the step still to do', async () => {
    const fx = await examFixture();
    const me = await candidate();
    const id = data<{ registrationId: string }>(await call(acceptExamNoticeDef, me.actor, { examId: fx.exam.id })).registrationId;
    expect(await call(placeOrderDef, me.actor, { registrationId: id })).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '请先完成报名信息维护' });
    await call(saveInfoDef, me.actor, { registrationId: id, info });
    expect(await call(placeOrderDef, me.actor, { registrationId: id })).toMatchObject({ ok: false, message: '请先选择报考科目' });
    await call(chooseSubjectsDef, me.actor, { registrationId: id, subjectIds: [fx.subjects[0].id] });
    expect(await call(placeOrderDef, me.actor, { registrationId: id })).toMatchObject({ ok: false, message: '请先选择考区' });
    expect(await ordersOf(id)).toHaveLength(0);
  });

  it('a double click (two placeOrder at once for one registration) makes exactly one order and takes one seat', async () => {
    const fx = await examFixture();
    const me = await candidate();
    const registrationId = await registered(fx, me);
    const results = await Promise.all(Array.from({ length: 4 }, () => call(placeOrderDef, me.actor, { registrationId })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, message: FROZEN });
    expect(await ordersOf(registrationId)).toHaveLength(1);
    expect(await taken(fx.areas[0].id)).toBe(1);
    expect((await regRow(registrationId)).status).toBe('ordered');
  });

  it('five candidates ordering the last seat at once: one order, taken = 1, the others are told the area is full and keep everything as it was', async () => {
    const fx = await examFixture({ areas: [{ name: '舟山', capacity: 1 }] });
    const crowd = await Promise.all(Array.from({ length: 5 }, () => candidate()));
    const ids: string[] = [];
    for (const c of crowd) ids.push(await registered(fx, c));
    const before = await Promise.all(ids.map((id) => snapshot(id)));

    const results = await Promise.all(crowd.map((c, i) => call(placeOrderDef, c.actor, { registrationId: ids[i] })));
    const winners = results.flatMap((r, i) => (r.ok ? [i] : []));
    expect(winners).toHaveLength(1);
    expect(await taken(fx.areas[0].id)).toBe(1);
    const examOrders = await h.db.select().from(orders).where(inArray(orders.subjectId, ids));
    expect(examOrders.map((o) => o.subjectId)).toEqual([ids[winners[0]]]);
    for (const [i, r] of results.entries()) {
      if (i === winners[0]) continue;
      expect(r).toMatchObject({ ok: false, code: 'CONFLICT' });
      expect((r as Fail).message).toContain(AREA_FULL);
      expect((r as Fail).fieldErrors?.areaId?.[0]).toContain(AREA_FULL);
      // Nothing of theirs changed (the seat count is the winner's).
      const after = await snapshot(ids[i]);
      expect({ ...after, areas: [] }).toEqual({ ...before[i], areas: [] });
      expect(after.reg.status).toBe('area');
    }
  });
});

describe('cancelling and expiry', () => {
  it('cancelling the unpaid order gives the seat back, unfreezes the registration and closes the trade at the cashier', async () => {
    const fx = await examFixture();
    const me = await candidate();
    const { registrationId, order } = await ordered(fx, me);
    // The candidate went to the cashier and came back without paying.
    const { redirectUrl } = data<{ redirectUrl: string }>(await call(startPaymentDef, me.actor, { orderId: order.id, returnUrl: `/portal/exam/${fx.exam.id}/pay` }));
    expect(await taken(fx.areas[0].id)).toBe(1);

    expect(await call(cancelOrderDef, me.actor, { orderId: order.id })).toMatchObject({ ok: true, data: { status: 'cancelled', paid: false } });
    expect((await orderRow(order.id)).status).toBe('cancelled');
    expect((await regRow(registrationId)).status).toBe('area');
    expect(await taken(fx.areas[0].id)).toBe(0);
    expect(await liveOrder(h.db, registrationId)).toBeUndefined();
    // The old cashier link can no longer take money.
    const request = await readCashierRequest(h.db, order.number, Object.fromEntries(new URL(redirectUrl, 'http://x').searchParams));
    expect((await payAtCashier(h.db, request!, 'pay')).status).toBe('closed');

    // Editable again: another subject and another area, then a new order for the new amount.
    expect(await call(saveInfoDef, me.actor, { registrationId, info: { ...info, address: '宁波市海曙区1号' } })).toMatchObject({ ok: true });
    expect(await call(chooseSubjectsDef, me.actor, { registrationId, subjectIds: [fx.subjects[1].id] })).toMatchObject({ ok: true, data: { totalFen: 15000 } });
    expect(await call(chooseAreaDef, me.actor, { registrationId, areaId: fx.areas[1].id })).toMatchObject({ ok: true });
    expect(await call(placeOrderDef, me.actor, { registrationId })).toMatchObject({ ok: true, data: { amountFen: 15000 } });
    expect([await taken(fx.areas[0].id), await taken(fx.areas[1].id)]).toEqual([0, 1]);
    expect((await ordersOf(registrationId)).map((o) => o.status)).toEqual(['cancelled', 'unpaid']);
    // Cancelling twice is refused and changes nothing.
    expect(await call(cancelOrderDef, me.actor, { orderId: order.id })).toMatchObject({ ok: false, code: 'INVALID_STATE' });
  });

  it('an expired order gives the seat back and unfreezes the registration, once', async () => {
    const fx = await examFixture();
    const me = await candidate();
    const { registrationId, order } = await ordered(fx, me);
    await expireOrders(h.db, new Date(order.expiresAt.getTime() - 60_000));
    expect((await orderRow(order.id)).status).toBe('unpaid');

    const later = new Date(order.expiresAt.getTime() + 60_000);
    await Promise.all([expireOrders(h.db, later), expireOrders(h.db, later)]);
    expect((await orderRow(order.id)).status).toBe('expired');
    expect((await regRow(registrationId)).status).toBe('area');
    expect(await taken(fx.areas[0].id)).toBe(0);
    expect(await call(chooseAreaDef, me.actor, { registrationId, areaId: fx.areas[1].id })).toMatchObject({ ok: true });
    expect(await call(placeOrderDef, me.actor, { registrationId })).toMatchObject({ ok: true });
    expect([await taken(fx.areas[0].id), await taken(fx.areas[1].id)]).toEqual([0, 1]);
  });
});

describe('paying', () => {
  it('through the sandbox cashier and its signed notification: the registration is paid, the seat stays taken; repeats change nothing', async () => {
    const fx = await examFixture();
    const me = await candidate();
    const { registrationId, order } = await ordered(fx, me);
    const params = await payAtSandbox(me, order, fx.exam.id);
    expect(await handleNotification(h.db, 'sandbox', params)).toMatchObject({ outcome: 'recorded', body: 'success' });
    const reg = await regRow(registrationId);
    expect(reg.status).toBe('paid');
    expect((await registrationProgress(h.db, reg)).steps).toEqual({ info: true, subjects: true, area: true, payment: true });
    expect(await orderRow(order.id)).toMatchObject({ status: 'paid', provider: 'sandbox' });
    expect(await taken(fx.areas[0].id)).toBe(1);

    const before = await snapshot(registrationId);
    expect(await handleNotification(h.db, 'sandbox', params)).toMatchObject({ outcome: 'repeated' });
    expect(await call(confirmPaymentDef, me.actor, { orderId: order.id })).toMatchObject({ ok: true, data: { status: 'paid', paid: true } });
    expect(await call(cancelOrderDef, me.actor, { orderId: order.id })).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect(await snapshot(registrationId)).toEqual(before);
  });

  it('through "支付完毕" (the provider is asked) when the notification never came', async () => {
    const fx = await examFixture();
    const me = await candidate();
    const { registrationId, order } = await ordered(fx, me);
    await payAtSandbox(me, order, fx.exam.id); // the notification is dropped
    expect((await regRow(registrationId)).status).toBe('ordered');
    expect(await call(confirmPaymentDef, me.actor, { orderId: order.id })).toEqual({ ok: true, data: { id: order.id, number: order.number, status: 'paid', paid: true } });
    expect((await regRow(registrationId)).status).toBe('paid');
    const [p] = await h.db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(p).toMatchObject({ source: 'query', amountFen: 40000 });
    expect(await taken(fx.areas[0].id)).toBe(1);
  });

  it('a payment arriving after expiry re-takes the seat when one is free', async () => {
    const fx = await examFixture();
    const me = await candidate();
    const { registrationId, order } = await ordered(fx, me);
    const params = await payAtSandbox(me, order, fx.exam.id);
    await expireOrders(h.db, new Date(order.expiresAt.getTime() + 60_000));
    expect((await regRow(registrationId)).status).toBe('area');
    expect(await taken(fx.areas[0].id)).toBe(0);

    expect(await handleNotification(h.db, 'sandbox', params)).toMatchObject({ outcome: 'recorded' });
    expect((await orderRow(order.id)).status).toBe('paid');
    expect((await regRow(registrationId)).status).toBe('paid');
    expect(await taken(fx.areas[0].id)).toBe(1);
    const [late] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'payment.late'), eq(auditLog.targetId, order.id)));
    expect(late.detail).toMatchObject({ previousStatus: 'expired', settled: true });
  });

  it('a late payment whose seat is gone stays unsettled, changes no registration, and finance returns it', async () => {
    const fx = await examFixture({ areas: [{ name: '舟山', capacity: 1 }] });
    const me = await candidate();
    const other = await candidate();
    const { registrationId, order } = await ordered(fx, me);
    const params = await payAtSandbox(me, order, fx.exam.id);
    await expireOrders(h.db, new Date(order.expiresAt.getTime() + 60_000));
    // Someone else takes the freed seat before the money arrives.
    const theirs = await ordered(fx, other);
    const before = await snapshot(theirs.registrationId);

    expect(await handleNotification(h.db, 'sandbox', params)).toMatchObject({ outcome: 'recorded', body: 'success' });
    expect((await orderRow(order.id)).status).toBe('expired');
    expect(await h.db.select().from(payments).where(eq(payments.orderId, order.id))).toHaveLength(1);
    expect((await regRow(registrationId)).status).toBe('area');
    expect(await taken(fx.areas[0].id)).toBe(1);
    expect(await snapshot(theirs.registrationId)).toEqual(before);
    const [late] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'payment.late'), eq(auditLog.targetId, order.id)));
    expect(late.detail).toMatchObject({ settled: false, reason: 'exam.errors.areaFull' });

    const finance = await actorOf((await createStaff(h.db, [{ role: 'finance' }])).id);
    expect(await call(refundLatePaymentDef, finance, { orderId: order.id })).toMatchObject({ ok: true, data: { status: 'refunded' } });
    // A late return counts against no one's once-only refund.
    expect((await refundsOf(me.user.id))[0]).toMatchObject({ scope: `late:${order.id}`, status: 'refunded' });
  });

  it('a late payment for subjects the candidate has since changed is not applied to the new choice', async () => {
    const fx = await examFixture();
    const me = await candidate();
    const { registrationId, order } = await ordered(fx, me);
    const params = await payAtSandbox(me, order, fx.exam.id);
    await expireOrders(h.db, new Date(order.expiresAt.getTime() + 60_000));
    expect(await call(chooseSubjectsDef, me.actor, { registrationId, subjectIds: [fx.subjects[1].id] })).toMatchObject({ ok: true, data: { totalFen: 15000 } });
    const before = await snapshot(registrationId);

    expect(await handleNotification(h.db, 'sandbox', params)).toMatchObject({ outcome: 'recorded' });
    const after = await snapshot(registrationId);
    expect(after.reg).toEqual(before.reg);
    expect(after.areas).toEqual(before.areas);
    expect(after.orders.map((o) => o.status)).toEqual(['expired']);
    const [late] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'payment.late'), eq(auditLog.targetId, order.id)));
    expect(late.detail).toMatchObject({ settled: false, reason: 'exam.errors.paidSubjectsChanged' });
  });
});

describe('changing the exam city (更换考点城市)', () => {
  it('inside its window: to a full area is refused; to another moves the seat atomically', async () => {
    const fx = await examFixture({
      areas: [
        { name: '杭州', capacity: 100 },
        { name: '舟山', capacity: 1, taken: 1 },
        { name: '宁波', capacity: 5 },
      ],
    });
    const me = await candidate();
    const { registrationId } = await paid(fx, me);
    const seats = async () => Promise.all(fx.areas.map((a) => taken(a.id)));
    expect(await seats()).toEqual([1, 1, 0]);

    const before = await snapshot(registrationId);
    const full = await call(changeAreaDef, me.actor, { registrationId, areaId: fx.areas[1].id });
    expect(full).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect((full as Fail).message).toContain(AREA_FULL);
    expect(await snapshot(registrationId)).toEqual(before);

    expect(await call(changeAreaDef, me.actor, { registrationId, areaId: fx.areas[2].id })).toEqual({ ok: true, data: { registrationId, areaId: fx.areas[2].id } });
    expect(await seats()).toEqual([0, 1, 1]);
    expect((await regRow(registrationId)).status).toBe('paid');
    // Another exam's area is refused.
    const other = await examFixture();
    expect(await call(changeAreaDef, me.actor, { registrationId, areaId: other.areas[0].id })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await seats()).toEqual([0, 1, 1]);
  });

  it('two candidates swapping cities at once both move; two racing for the last seat: one moves', async () => {
    const fx = await examFixture({
      areas: [
        { name: '杭州', capacity: 2 },
        { name: '宁波', capacity: 2 },
      ],
    });
    const [a, b, c] = await Promise.all([candidate(), candidate(), candidate()]);
    const ra = (await paid(fx, a, 0)).registrationId;
    const rb = (await paid(fx, b, 1)).registrationId;
    const swapped = await Promise.all([call(changeAreaDef, a.actor, { registrationId: ra, areaId: fx.areas[1].id }), call(changeAreaDef, b.actor, { registrationId: rb, areaId: fx.areas[0].id })]);
    expect(swapped.map((r) => r.ok)).toEqual([true, true]);
    expect([(await regRow(ra)).areaId, (await regRow(rb)).areaId]).toEqual([fx.areas[1].id, fx.areas[0].id]);
    expect([await taken(fx.areas[0].id), await taken(fx.areas[1].id)]).toEqual([1, 1]);

    // 杭州 has one seat left; a (宁波) and c (宁波) both want it.
    const rc = (await paid(fx, c, 1)).registrationId;
    const race = await Promise.all([call(changeAreaDef, a.actor, { registrationId: ra, areaId: fx.areas[0].id }), call(changeAreaDef, c.actor, { registrationId: rc, areaId: fx.areas[0].id })]);
    expect(race.filter((r) => r.ok)).toHaveLength(1);
    expect((race.find((r) => !r.ok) as Fail).message).toContain(AREA_FULL);
    expect([await taken(fx.areas[0].id), await taken(fx.areas[1].id)]).toEqual([2, 1]);
  });

  it('outside its window, or before paying, nothing moves', async () => {
    const closed = await examFixture({ areaChange: 'past' });
    const none = await examFixture({ areaChange: 'none' });
    for (const fx of [closed, none]) {
      const me = await candidate();
      const { registrationId } = await paid(fx, me);
      const before = await snapshot(registrationId);
      expect(await call(changeAreaDef, me.actor, { registrationId, areaId: fx.areas[1].id })).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '当前不在更换考点城市的时间内' });
      expect(await snapshot(registrationId)).toEqual(before);
    }
    const fx = await examFixture();
    const me = await candidate();
    const { registrationId } = await ordered(fx, me);
    expect(await call(changeAreaDef, me.actor, { registrationId, areaId: fx.areas[1].id })).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '该报名尚未缴费' });
    expect(await taken(fx.areas[1].id)).toBe(0);
  });
});

describe('refunds (退费)', () => {
  it('inside the window: the full amount is refunded, the registration is refunded, the seat is back, and a new registration may start', async () => {
    const fx = await examFixture();
    const me = await candidate();
    const { registrationId, order } = await paid(fx, me);
    const r = data<{ refundId: string; status: string; amountFen: number }>(await call(requestExamRefundDef, me.actor, { registrationId }));
    expect(r).toMatchObject({ status: 'requested', amountFen: 40000 });
    expect(await refundSettled(r.refundId)).toMatchObject({ status: 'refunded', scope: 'exam', amountFen: 40000, attempts: 1 });
    expect((await orderRow(order.id)).status).toBe('refunded');
    expect((await regRow(registrationId)).status).toBe('refunded');
    expect(await taken(fx.areas[0].id)).toBe(0);
    expect(await liveOrder(h.db, registrationId)).toBeUndefined();
    expect(await refundsOf(me.user.id)).toHaveLength(1);

    // The refunded registration is over; accepting the notice again starts a new one.
    expect(await call(placeOrderDef, me.actor, { registrationId })).toMatchObject({ ok: false, message: '该报名已作废（已退费或已取消），如需参加考试请重新报名' });
    const again = data<{ registrationId: string }>(await call(acceptExamNoticeDef, me.actor, { examId: fx.exam.id })).registrationId;
    expect(again).not.toBe(registrationId);
    expect(await regRow(again)).toMatchObject({ status: 'info', userId: me.user.id, examId: fx.exam.id });
  });

  it('outside the refund window, or before paying, nothing changes', async () => {
    for (const w of ['past', 'none'] as const) {
      const fx = await examFixture({ refund: w });
      const me = await candidate();
      const { registrationId } = await paid(fx, me);
      const before = await snapshot(registrationId);
      expect(await call(requestExamRefundDef, me.actor, { registrationId })).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '当前不在退费时间内' });
      expect(await snapshot(registrationId)).toEqual(before);
      expect(await refundsOf(me.user.id)).toHaveLength(0);
    }
    const fx = await examFixture();
    const me = await candidate();
    const { registrationId } = await ordered(fx, me);
    expect(await call(requestExamRefundDef, me.actor, { registrationId })).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '该报名尚未缴费' });
  });

  it('one refund per person, ever: after a refund on one exam, a paid registration for another exam — or the same one again — is refused a refund and nothing changes', async () => {
    const first = await examFixture();
    const second = await examFixture();
    const me = await candidate();
    const one = await paid(first, me);
    const r = data<{ refundId: string }>(await call(requestExamRefundDef, me.actor, { registrationId: one.registrationId }));
    expect(await refundSettled(r.refundId)).toMatchObject({ status: 'refunded' });

    const two = await paid(second, me);
    const sameExamAgain = await paid(first, me);
    for (const { registrationId, order } of [two, sameExamAgain]) {
      const before = await snapshot(registrationId);
      expect(await call(requestExamRefundDef, me.actor, { registrationId })).toMatchObject({ ok: false, code: 'CONFLICT', message: REFUND_ONCE });
      expect(await snapshot(registrationId)).toEqual(before);
      expect((await orderRow(order.id)).status).toBe('paid');
    }
    expect(await refundsOf(me.user.id)).toHaveLength(1);
  });

  it('a refund the provider refuses fails (registration still paid, seat held); the finance retry succeeds with the same key and the money moves once', async () => {
    const fx = await examFixture();
    const me = await candidate();
    const { registrationId, order } = await ordered(fx, me);
    await startPayment(h.db, me.actor, { orderId: order.id, returnUrl: `/portal/exam/${fx.exam.id}/pay` }, { provider: fake.name });
    expect(await handleNotification(h.db, fake.name, fake.pay(order.number, order.amountFen))).toMatchObject({ outcome: 'recorded' });
    expect((await regRow(registrationId)).status).toBe('paid');

    fake.failures.push('refuse');
    const { refundId } = data<{ refundId: string }>(await call(requestExamRefundDef, me.actor, { registrationId }));
    const failed = await refundSettled(refundId);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, failureReason: expect.stringContaining('余额不足') });
    expect((await orderRow(order.id)).status).toBe('refund_requested');
    expect((await regRow(registrationId)).status).toBe('paid');
    expect(await taken(fx.areas[0].id)).toBe(1);
    expect(fake.refundCalls.get(failed.idempotencyKey)).toBe(1);
    expect(fake.moneyMoved.get(failed.idempotencyKey)).toBeUndefined();
    // While the refund stands, the candidate can neither ask again nor move the seat it will give back.
    const before = await snapshot(registrationId);
    expect(await call(requestExamRefundDef, me.actor, { registrationId })).toMatchObject({ ok: false, code: 'CONFLICT', message: '该订单已申请退费，请勿重复申请' });
    expect(await call(changeAreaDef, me.actor, { registrationId, areaId: fx.areas[1].id })).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '退费申请处理中，不能更换考点城市' });
    expect(await snapshot(registrationId)).toEqual(before);

    // Neither the candidate nor exam staff retry; finance does, twice at once: one retry.
    const examAdmin = await actorOf((await createStaff(h.db, [{ role: 'exam_admin' }])).id);
    for (const who of [me.actor, examAdmin]) expect(await call(retryRefundDef, who, { refundId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const finance = await actorOf((await createStaff(h.db, [{ role: 'finance' }])).id);
    const retries = await Promise.all([call(retryRefundDef, finance, { refundId }), call(retryRefundDef, finance, { refundId })]);
    expect(retries.filter((x) => x.ok)).toEqual([{ ok: true, data: { id: refundId, status: 'refunded', attempts: 2 } }]);
    expect(fake.refundCalls.get(failed.idempotencyKey)).toBe(2);
    expect(fake.moneyMoved.get(failed.idempotencyKey)).toBe(1);
    expect((await orderRow(order.id)).status).toBe('refunded');
    expect((await regRow(registrationId)).status).toBe('refunded');
    expect(await taken(fx.areas[0].id)).toBe(0);
    expect((await refundsOf(me.user.id)).map((x) => [x.status, x.providerRefundNo])).toEqual([['refunded', `FXR-${failed.idempotencyKey}`]]);
  });
});

describe('who may do what', () => {
  it('another candidate, an organization, staff and anonymous cannot order, change the city of, or refund someone else’s registration; nothing changes', async () => {
    const fx = await examFixture();
    const owner = await candidate();
    const atArea = await registered(fx, owner);
    const other = await examFixture();
    const paidReg = await paid(other, owner);
    const unpaid = await ordered(await examFixture(), owner);
    const snapshots = async () => Promise.all([atArea, paidReg.registrationId, unpaid.registrationId].map((id) => snapshot(id)));
    const before = await snapshots();

    const refused: Array<[string, Actor, string]> = [
      ['another candidate', (await candidate()).actor, 'NOT_FOUND'],
      ['an organization', await actorOf((await createOrgAccount(h.db)).user.id), 'FORBIDDEN'],
      ['exam staff', await actorOf((await createStaff(h.db, [{ role: 'exam_admin' }, { role: 'reviewer', module: 'exam' }])).id), 'FORBIDDEN'],
      ['finance', await actorOf((await createStaff(h.db, [{ role: 'finance' }])).id), 'FORBIDDEN'],
      ['an admin', await actorOf((await createStaff(h.db, [{ role: 'admin' }])).id), 'FORBIDDEN'],
      ['anonymous', ANONYMOUS, 'UNAUTHENTICATED'],
    ];
    for (const [who, actor, code] of refused) {
      expect(await call(placeOrderDef, actor, { registrationId: atArea }), who).toMatchObject({ ok: false, code });
      expect(await call(changeAreaDef, actor, { registrationId: paidReg.registrationId, areaId: other.areas[1].id }), who).toMatchObject({ ok: false, code });
      expect(await call(requestExamRefundDef, actor, { registrationId: paidReg.registrationId }), who).toMatchObject({ ok: false, code });
    }
    // The order itself: another candidate cannot pay, confirm or cancel it either.
    const stranger = (await candidate()).actor;
    expect(await call(startPaymentDef, stranger, { orderId: unpaid.order.id, returnUrl: '/portal/exam' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call(confirmPaymentDef, stranger, { orderId: unpaid.order.id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call(cancelOrderDef, stranger, { orderId: unpaid.order.id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call(cancelOrderDef, ANONYMOUS, { orderId: unpaid.order.id })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });

    expect(await snapshots()).toEqual(before);
    expect(await refundsOf(owner.user.id)).toHaveLength(0);
    const [{ n }] = await h.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(and(eq(auditLog.action, 'refund.requested'), eq(auditLog.actorId, owner.user.id)));
    expect(n).toBe(0);

    // The owner's own calls go through (the refusals were about the actor).
    expect(await call(placeOrderDef, owner.actor, { registrationId: atArea })).toMatchObject({ ok: true });
    expect(await call(changeAreaDef, owner.actor, { registrationId: paidReg.registrationId, areaId: other.areas[1].id })).toMatchObject({ ok: true });
  });
});

import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like, sql } from 'drizzle-orm';
import { auditLog, notifications, orders, outbox, payments, refunds, type Order } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createStaff } from '@/db/seed/factories';
import type { SignedInActor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import {
  cancelOrder,
  confirmPayment,
  createOrder,
  expireOrders,
  handleNotification,
  markPaid,
  onOrderCancelled,
  onOrderPaid,
  onOrderRefunded,
  processPendingRefunds,
  processRefund,
  reconcileOrders,
  registerPaymentProvider,
  requestRefund,
  startPayment,
  PaymentProviderError,
  type PaymentProvider,
} from '@/lib/platform/payments';
import { cancelOrderDef, confirmPaymentDef, startPaymentDef } from '@/lib/platform/payments/checkout';
import { SandboxProvider, payAtCashier, readCashierRequest } from '@/lib/platform/payments/providers/sandbox';
import { canonicalString } from '@/lib/platform/payments/providers/signing';
import { exportOrders, listOrders, listUnsettledPayments, receiptFor } from '@/lib/platform/payments/queries';
import { refundLatePaymentDef, retryRefundDef } from '@/lib/platform/payments/refunds';
import { renderPdf } from '@/lib/platform/pdf/registry';
import { actorOf, callAs } from '../helpers/actors';
import { createTestDb } from '../helpers/db';

process.env.AUTH_SECRET ??= 'payments-suite-secret-0123456789-abcdefgh';

/**
 * The generic payment layer on a real database: orders (create, cancel,
 * expire, one live per subject), the sandbox provider's signed cashier and
 * notifications (verified, idempotent, refused when tampered), the query and
 * reconciliation paths, late payments, refunds (once per person, failure and
 * finance retry without paying twice) and who may do what.
 */

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

// ---------------------------------------------------------------------------
// A module of our own: records what the payment layer told it
// ---------------------------------------------------------------------------

const SUBJECT = 'test_course';
const calls: Array<{ event: 'paid' | 'cancelled' | 'refunded'; orderId: string; info: unknown }> = [];
/** Subjects whose late payments the module refuses to take back (the seat is gone). */
const refuseLate = new Set<string>();
onOrderPaid(SUBJECT, async (tx, order, info) => {
  if (info.late && refuseLate.has(order.subjectId)) throw new AppError('INVALID_STATE', { messageKey: 'test.seatGone' });
  // A write in the same transaction: must vanish if the payment is rolled back.
  await tx.execute(sql`select 1`);
  calls.push({ event: 'paid', orderId: order.id, info: { late: info.late, previousStatus: info.previousStatus } });
});
onOrderCancelled(SUBJECT, async (_tx, order, info) => {
  calls.push({ event: 'cancelled', orderId: order.id, info });
});
onOrderRefunded(SUBJECT, async (_tx, order) => {
  calls.push({ event: 'refunded', orderId: order.id, info: null });
});
const callsFor = (orderId: string, event?: string) => calls.filter((c) => c.orderId === orderId && (!event || c.event === event));

let seq = 0;
const subjectId = () => `course-${Date.now().toString(36)}-${seq++}`;

async function person() {
  const u = await createIndividual(h.db);
  return { user: u, actor: (await actorOf(h.db, u.id)) as SignedInActor };
}

async function newOrder(userId: string, over: Partial<{ subjectId: string; amounts: number[]; ttlMinutes: number }> = {}): Promise<Order> {
  const amounts = over.amounts ?? [50_000, 38_000];
  return h.db.transaction((tx) =>
    createOrder(tx, {
      userId,
      subjectType: SUBJECT,
      subjectId: over.subjectId ?? subjectId(),
      title: '2026年度质量管理体系审核员考试报名费',
      items: amounts.map((a, i) => ({ name: `科目${i + 1}`, amountFen: a, ref: `s${i}` })),
      ttlMinutes: over.ttlMinutes ?? 30,
    }),
  );
}

const orderRow = async (id: string) => (await h.db.select().from(orders).where(eq(orders.id, id)))[0];
const paymentRows = async (orderId: string) => h.db.select().from(payments).where(eq(payments.orderId, orderId));

/** Goes through the sandbox cashier like a browser: start → cashier link → pay; returns the notification the platform would post. */
async function payInSandbox(actor: SignedInActor, order: Order) {
  const { redirectUrl } = await startPayment(h.db, actor, { orderId: order.id, returnUrl: `/portal/test/orders/${order.id}` });
  const url = new URL(redirectUrl, 'http://localhost');
  expect(url.pathname).toBe(`/pay/sandbox/${order.number}`);
  const request = await readCashierRequest(h.db, order.number, Object.fromEntries(url.searchParams));
  expect(request).not.toBeNull();
  const r = await payAtCashier(h.db, request!, 'pay');
  expect(r.status).toBe('paid');
  expect(r.redirectTo).toMatch(new RegExp(`/portal/test/orders/${order.id}\\?payResult=paid$`));
  return { params: Object.fromEntries(new URLSearchParams(r.notification!.body)), notifyUrl: r.notification!.url };
}

// ---------------------------------------------------------------------------
// A fake platform that counts refunds per idempotency key
// ---------------------------------------------------------------------------

class FakeProvider implements PaymentProvider {
  readonly name = 'fake';
  readonly notifyAck = { ok: 'success', fail: 'fail' };
  trades = new Map<string, { tradeNo: string; amountFen: number }>();
  /** Calls per idempotency key, and how many times money actually moved per key. */
  refundCalls = new Map<string, number>();
  moneyMoved = new Map<string, number>();
  /** The next refund calls fail like this (the platform refuses, or times out). */
  failures: Array<'refuse' | 'timeout'> = [];
  private secret = crypto.randomBytes(16);

  async createPayment(order: { number: string }) {
    return { redirectUrl: `https://fake.example/pay/${order.number}` };
  }
  pay(orderNumber: string, amountFen: number): Record<string, string> {
    const tradeNo = `F${crypto.randomInt(1e9)}`;
    this.trades.set(orderNumber, { tradeNo, amountFen });
    const p: Record<string, string> = { out_trade_no: orderNumber, trade_no: tradeNo, total_fen: String(amountFen), status: 'PAID' };
    return { ...p, sign: crypto.createHmac('sha256', this.secret).update(canonicalString(p)).digest('hex') };
  }
  async verifyNotification(p: Record<string, string>) {
    const expected = crypto.createHmac('sha256', this.secret).update(canonicalString(p)).digest('hex');
    if (p.sign !== expected) throw new PaymentProviderError('bad fake signature');
    return { orderNumber: p.out_trade_no, tradeNo: p.trade_no, amountFen: Number(p.total_fen), paid: p.status === 'PAID' };
  }
  async queryTrade(orderNumber: string) {
    const t = this.trades.get(orderNumber);
    return t ? { paid: true, ...t } : { paid: false };
  }
  async refund(req: { idempotencyKey: string; amountFen: number }) {
    this.refundCalls.set(req.idempotencyKey, (this.refundCalls.get(req.idempotencyKey) ?? 0) + 1);
    // A real platform answers slowly: gives concurrent callers the chance to overlap.
    await new Promise((r) => setTimeout(r, 20));
    const failure = this.failures.shift();
    if (failure === 'refuse') throw new PaymentProviderError('余额不足，退款失败', { retryable: false, providerCode: 'NO_BALANCE' });
    if (failure === 'timeout') throw new PaymentProviderError('timeout', { retryable: true });
    if (!this.moneyMoved.has(req.idempotencyKey)) this.moneyMoved.set(req.idempotencyKey, 1);
    return { refundNo: `FR-${req.idempotencyKey}` };
  }
}
const fake = new FakeProvider();
registerPaymentProvider('fake', () => fake);

async function paidWithFake(actor: SignedInActor, userId: string, over: Parameters<typeof newOrder>[1] = {}) {
  const order = await newOrder(userId, over);
  await startPayment(h.db, actor, { orderId: order.id, returnUrl: '/portal' }, { provider: 'fake' });
  const r = await handleNotification(h.db, 'fake', fake.pay(order.number, order.amountFen));
  expect(r.outcome).toBe('recorded');
  return (await orderRow(order.id))!;
}

// ---------------------------------------------------------------------------

describe('orders', () => {
  it('creates an unpaid order: number DD+date+8 digits, items summed, expiry from the TTL', async () => {
    const { user } = await person();
    const before = Date.now();
    const o = await newOrder(user.id, { amounts: [50_000, 38_050], ttlMinutes: 30 });
    expect(o.number).toMatch(/^DD\d{8}\d{8}$/);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).replace(/-/g, '');
    expect(o.number.slice(2, 10)).toBe(today);
    expect(o).toMatchObject({ status: 'unpaid', amountFen: 88_050, userId: user.id, subjectType: SUBJECT, provider: null });
    expect(o.items).toEqual([
      { name: '科目1', amountFen: 50_000, ref: 's0' },
      { name: '科目2', amountFen: 38_050, ref: 's1' },
    ]);
    expect(Math.abs(o.expiresAt.getTime() - (before + 30 * 60_000))).toBeLessThan(60_000);
  });

  it('refuses orders without items or with a bad amount, writing nothing', async () => {
    const { user } = await person();
    const sid = subjectId();
    for (const items of [[], [{ name: '科目', amountFen: 0 }], [{ name: '科目', amountFen: 12.5 }], [{ name: ' ', amountFen: 100 }]]) {
      await expect(h.db.transaction((tx) => createOrder(tx, { userId: user.id, subjectType: SUBJECT, subjectId: sid, title: 'x', items, ttlMinutes: 30 }))).rejects.toMatchObject({ code: 'BAD_INPUT' });
    }
    expect(await h.db.select().from(orders).where(eq(orders.subjectId, sid))).toHaveLength(0);
  });

  it('concurrent orders for one subject (double-click, two tabs): exactly one is created, the others get a clear conflict', async () => {
    const { user } = await person();
    const sid = subjectId();
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => newOrder(user.id, { subjectId: sid })));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(5);
    for (const r of refused) expect(r.reason).toMatchObject({ code: 'CONFLICT', messageKey: 'payments.errors.orderExists' });
    expect(await h.db.select().from(orders).where(eq(orders.subjectId, sid))).toHaveLength(1);
  });

  it('the owner cancels an unpaid order once; the module releases it; a new order for the subject is then allowed', async () => {
    const { user, actor } = await person();
    const sid = subjectId();
    const o = await newOrder(user.id, { subjectId: sid });
    const cancelled = await h.db.transaction((tx) => cancelOrder(tx, actor, o.id));
    expect(cancelled.status).toBe('cancelled');
    expect(callsFor(o.id, 'cancelled')).toEqual([{ event: 'cancelled', orderId: o.id, info: { reason: 'cancelled', actorId: user.id } }]);
    await expect(h.db.transaction((tx) => cancelOrder(tx, actor, o.id))).rejects.toMatchObject({ code: 'INVALID_STATE', messageKey: 'payments.errors.notCancellable' });
    expect(callsFor(o.id, 'cancelled')).toHaveLength(1);
    const again = await newOrder(user.id, { subjectId: sid });
    expect(again.status).toBe('unpaid');
  });

  it('expires unpaid orders past their time in batches, once, and lets the module release them', async () => {
    const { user } = await person();
    const soon = await newOrder(user.id, { ttlMinutes: 5 });
    const later = await newOrder(user.id, { ttlMinutes: 60 });
    const r1 = await expireOrders(h.db, new Date(Date.now() + 6 * 60_000));
    expect(r1.expired).toBeGreaterThanOrEqual(1);
    expect((await orderRow(soon.id)).status).toBe('expired');
    expect((await orderRow(later.id)).status).toBe('unpaid');
    expect(callsFor(soon.id, 'cancelled')).toEqual([{ event: 'cancelled', orderId: soon.id, info: { reason: 'expired', actorId: null } }]);
    // Two runs at once (two instances): nothing is expired twice.
    await Promise.all([expireOrders(h.db, new Date(Date.now() + 6 * 60_000)), expireOrders(h.db, new Date(Date.now() + 6 * 60_000))]);
    expect(callsFor(soon.id, 'cancelled')).toHaveLength(1);
    const [row] = await h.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(and(eq(auditLog.action, 'order.expired'), eq(auditLog.targetId, soon.id)));
    expect(row.n).toBe(1);
  });
});

describe('sandbox notifications', () => {
  it('a signed notification settles the order once; twenty identical notifications at once leave one payment and one settlement', async () => {
    const { user, actor } = await person();
    const o = await newOrder(user.id);
    const { params, notifyUrl } = await payInSandbox(actor, o);
    expect(notifyUrl).toMatch(/\/api\/payments\/notify\/sandbox$/);
    expect(params).toMatchObject({ out_trade_no: o.number, total_fen: String(o.amountFen), trade_status: 'TRADE_SUCCESS', sign_type: 'HMAC-SHA256' });

    const results = await Promise.all(Array.from({ length: 20 }, () => handleNotification(h.db, 'sandbox', params)));
    expect(results.every((r) => r.body === 'success' && r.status === 200)).toBe(true);
    expect(results.filter((r) => r.outcome === 'recorded')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'repeated')).toHaveLength(19);

    const after = await orderRow(o.id);
    expect(after).toMatchObject({ status: 'paid', provider: 'sandbox' });
    expect(after.paidAt).toBeInstanceOf(Date);
    const pays = await paymentRows(o.id);
    expect(pays).toHaveLength(1);
    expect(pays[0]).toMatchObject({ provider: 'sandbox', providerTradeNo: params.trade_no, amountFen: o.amountFen, source: 'notify', status: 'succeeded' });
    expect(callsFor(o.id, 'paid')).toEqual([{ event: 'paid', orderId: o.id, info: { late: false, previousStatus: 'unpaid' } }]);
    const [n] = await h.db.select().from(notifications).where(eq(notifications.dedupeKey, `payment:${pays[0].id}`));
    expect(n).toMatchObject({ userId: user.id, link: `/api/payments/orders/${o.id}/receipt` });
    expect(n.title).toContain('支付成功');

    // A late repeat, a day later: still 'success', still nothing new.
    expect(await handleNotification(h.db, 'sandbox', params)).toMatchObject({ outcome: 'repeated', body: 'success' });
    expect(await paymentRows(o.id)).toHaveLength(1);
  });

  it('refuses a tampered signature, a changed amount, an unknown order and a wrong amount — changing nothing', async () => {
    const { user, actor } = await person();
    const o = await newOrder(user.id);
    const { params } = await payInSandbox(actor, o);
    const auditBefore = (await h.db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0].n;

    expect(await handleNotification(h.db, 'sandbox', { ...params, sign: params.sign.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) })).toMatchObject({ outcome: 'badSignature', body: 'fail', status: 400 });
    expect(await handleNotification(h.db, 'sandbox', { ...params, total_fen: '1' })).toMatchObject({ outcome: 'badSignature', body: 'fail' });
    expect(await handleNotification(h.db, 'sandbox', { ...params, sign: undefined as unknown as string })).toMatchObject({ outcome: 'badSignature' });
    expect(await handleNotification(h.db, 'nope', params)).toMatchObject({ outcome: 'unknownProvider', status: 404 });
    // Signed by the sandbox, but the order does not exist here.
    const sandbox = new SandboxProvider(h.db);
    const ghost = { number: 'DD2099010100000001', title: '不存在的订单', amountFen: 100, expiresAt: new Date(Date.now() + 600_000) };
    const ghostLink = new URL((await sandbox.createPayment(ghost, { returnUrl: 'http://localhost:3000/x', notifyUrl: 'http://localhost:3000/api/payments/notify/sandbox' }) as { redirectUrl: string }).redirectUrl, 'http://x');
    const ghostPaid = await payAtCashier(h.db, (await readCashierRequest(h.db, ghost.number, Object.fromEntries(ghostLink.searchParams)))!, 'pay');
    expect(await handleNotification(h.db, 'sandbox', Object.fromEntries(new URLSearchParams(ghostPaid.notification!.body)))).toMatchObject({ outcome: 'unknownOrder', body: 'fail' });

    expect(await paymentRows(o.id)).toHaveLength(0);
    expect((await orderRow(o.id)).status).toBe('unpaid');
    expect(callsFor(o.id)).toHaveLength(0);
    expect((await h.db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0].n).toBe(auditBefore);

    // The real notification still works afterwards.
    expect(await handleNotification(h.db, 'sandbox', params)).toMatchObject({ outcome: 'recorded' });

    // Authentic, for a real order, but for another amount: never settled, audited for finance.
    const o2 = await newOrder(user.id, { amounts: [9_900] });
    const wrong = { number: o2.number, title: o2.title, amountFen: 1, expiresAt: o2.expiresAt };
    const wrongLink = new URL((await sandbox.createPayment(wrong, { returnUrl: 'http://localhost:3000/x', notifyUrl: 'http://localhost:3000/api/payments/notify/sandbox' }) as { redirectUrl: string }).redirectUrl, 'http://x');
    const wrongPaid = await payAtCashier(h.db, (await readCashierRequest(h.db, o2.number, Object.fromEntries(wrongLink.searchParams)))!, 'pay');
    expect(await handleNotification(h.db, 'sandbox', Object.fromEntries(new URLSearchParams(wrongPaid.notification!.body)))).toMatchObject({ outcome: 'amountMismatch', body: 'fail' });
    expect(await paymentRows(o2.id)).toHaveLength(0);
    expect((await orderRow(o2.id)).status).toBe('unpaid');
    const [a] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'payment.amount_mismatch'), eq(auditLog.targetId, o2.id)));
    expect(a.detail).toMatchObject({ paidFen: 1, expectedFen: 9_900 });
  });

  it('the cashier refuses an altered link and records nothing for "支付失败" and "放弃支付"', async () => {
    const { user, actor } = await person();
    const o = await newOrder(user.id);
    const { redirectUrl } = await startPayment(h.db, actor, { orderId: o.id, returnUrl: '/portal/x?step=pay' });
    const q = Object.fromEntries(new URL(redirectUrl, 'http://x').searchParams);
    expect(await readCashierRequest(h.db, o.number, { ...q, total_fen: '1' })).toBeNull();
    expect(await readCashierRequest(h.db, 'DD2099010100000002', q)).toBeNull();
    const request = (await readCashierRequest(h.db, o.number, q))!;
    expect(request).toMatchObject({ title: o.title, amountFen: o.amountFen });
    expect((await payAtCashier(h.db, request, 'fail')).redirectTo).toBe('http://localhost:3000/portal/x?step=pay&payResult=failed');
    expect((await payAtCashier(h.db, request, 'abandon')).redirectTo).toBe('http://localhost:3000/portal/x?step=pay');
    expect(await new SandboxProvider(h.db).queryTrade(o.number)).toEqual({ paid: false });
  });
});

describe('query and reconciliation', () => {
  it('"支付完毕" asks the provider and settles a payment whose notification has not come (source query)', async () => {
    const { user, actor } = await person();
    const o = await newOrder(user.id);
    await payInSandbox(actor, o); // the notification is dropped
    expect((await orderRow(o.id)).status).toBe('unpaid');
    const r = await callAs(h.db)(confirmPaymentDef, actor, { orderId: o.id });
    expect(r).toEqual({ ok: true, data: { id: o.id, number: o.number, status: 'paid', paid: true } });
    expect((await paymentRows(o.id))[0]).toMatchObject({ source: 'query', provider: 'sandbox' });
    expect(callsFor(o.id, 'paid')).toHaveLength(1);
    // Asking again changes nothing.
    expect(await confirmPayment(h.db, actor, o.id)).toMatchObject({ status: 'paid' });
    expect(await paymentRows(o.id)).toHaveLength(1);
  });

  it('"支付完毕" before paying says not yet, and changes nothing', async () => {
    const { user, actor } = await person();
    const o = await newOrder(user.id);
    await startPayment(h.db, actor, { orderId: o.id, returnUrl: '/portal' });
    expect(await confirmPayment(h.db, actor, o.id)).toMatchObject({ status: 'unpaid', paid: false });
    expect(await paymentRows(o.id)).toHaveLength(0);
  });

  it('reconciliation settles an order whose notification was dropped (source reconcile), once', async () => {
    const { user, actor } = await person();
    const paid = await newOrder(user.id);
    const unpaid = await newOrder(user.id);
    const neverStarted = await newOrder(user.id);
    await payInSandbox(actor, paid);
    await startPayment(h.db, actor, { orderId: unpaid.id, returnUrl: '/portal' });

    // Too early: a notification may still be on its way.
    await reconcileOrders(h.db, new Date());
    expect((await orderRow(paid.id)).status).toBe('unpaid');

    const later = new Date(Date.now() + 3 * 60_000);
    const [r1, r2] = await Promise.all([reconcileOrders(h.db, later), reconcileOrders(h.db, later)]);
    expect(r1.settled + r2.settled).toBe(1);
    expect((await orderRow(paid.id)).status).toBe('paid');
    expect((await paymentRows(paid.id))[0].source).toBe('reconcile');
    expect((await orderRow(unpaid.id)).status).toBe('unpaid');
    expect((await orderRow(neverStarted.id)).status).toBe('unpaid');
    expect(callsFor(paid.id, 'paid')).toHaveLength(1);
    expect((await reconcileOrders(h.db, later)).settled).toBe(0);
  });

  it('the wait before asking the provider is configurable (PAYMENT_RECONCILE_AFTER_SECONDS)', async () => {
    const { user, actor } = await person();
    const o = await newOrder(user.id);
    await payInSandbox(actor, o);
    const soon = new Date(Date.now() + 5_000);
    // Five seconds on, the default two-minute wait still holds the order back …
    await reconcileOrders(h.db, soon);
    expect((await orderRow(o.id)).status).toBe('unpaid');
    // … a four-second wait (the e2e server's) asks the provider and settles it.
    expect((await reconcileOrders(h.db, soon, 4_000)).settled).toBeGreaterThanOrEqual(1);
    expect((await orderRow(o.id)).status).toBe('paid');
    expect((await paymentRows(o.id))[0].source).toBe('reconcile');
  });

  it('a payment that arrives after the order was cancelled is recorded, the order marked paid, and finance told (payment.late)', async () => {
    const { user, actor } = await person();
    await createStaff(h.db, [{ role: 'finance' }]);
    const o = await newOrder(user.id);
    const { params } = await payInSandbox(actor, o);
    // The owner cancelled in another tab while the platform was taking the money.
    await h.db.transaction((tx) => cancelOrder(tx, actor, o.id));
    expect(await handleNotification(h.db, 'sandbox', params)).toMatchObject({ outcome: 'recorded', body: 'success' });
    expect((await orderRow(o.id)).status).toBe('paid');
    expect(callsFor(o.id, 'paid')).toEqual([{ event: 'paid', orderId: o.id, info: { late: true, previousStatus: 'cancelled' } }]);
    const [late] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'payment.late'), eq(auditLog.targetId, o.id)));
    expect(late.detail).toMatchObject({ previousStatus: 'cancelled', settled: true });
    const alerts = await h.db.select().from(notifications).where(like(notifications.dedupeKey, 'payments:late:%'));
    expect(alerts.some((a) => a.title.includes(o.number))).toBe(true);
  });

  it('a late payment the module cannot take back stays recorded on the released order; finance returns it', async () => {
    const { user, actor } = await person();
    const financeUser = await createStaff(h.db, [{ role: 'finance' }]);
    const finance = (await actorOf(h.db, financeUser.id)) as SignedInActor;
    const sid = subjectId();
    const o = await newOrder(user.id, { subjectId: sid, ttlMinutes: 5 });
    const { params } = await payInSandbox(actor, o);
    await expireOrders(h.db, new Date(Date.now() + 6 * 60_000));
    refuseLate.add(sid);
    expect(await handleNotification(h.db, 'sandbox', params)).toMatchObject({ outcome: 'recorded' });
    expect((await orderRow(o.id)).status).toBe('expired');
    expect(await paymentRows(o.id)).toHaveLength(1);
    expect(callsFor(o.id, 'paid')).toHaveLength(0);
    const [late] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'payment.late'), eq(auditLog.targetId, o.id)));
    expect(late.detail).toMatchObject({ previousStatus: 'expired', settled: false, reason: 'test.seatGone' });
    expect((await listUnsettledPayments(h.db, finance)).map((u) => u.orderId)).toContain(o.id);

    // Another live order for the subject makes settling impossible too (one live order per subject).
    const sid2 = subjectId();
    const o2 = await newOrder(user.id, { subjectId: sid2 });
    const p2 = await payInSandbox(actor, o2);
    await h.db.transaction((tx) => cancelOrder(tx, actor, o2.id));
    await newOrder(user.id, { subjectId: sid2 });
    await handleNotification(h.db, 'sandbox', p2.params);
    expect((await orderRow(o2.id)).status).toBe('cancelled');
    const [late2] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'payment.late'), eq(auditLog.targetId, o2.id)));
    expect(late2.detail).toMatchObject({ settled: false, reason: 'subjectTaken' });

    const r = await callAs(h.db)(refundLatePaymentDef, finance, { orderId: o.id });
    expect(r).toMatchObject({ ok: true, data: { status: 'refunded' } });
    const [refund] = await h.db.select().from(refunds).where(eq(refunds.orderId, o.id));
    expect(refund).toMatchObject({ scope: `late:${o.id}`, status: 'refunded', amountFen: o.amountFen, attempts: 1 });
    expect((await orderRow(o.id)).status).toBe('expired');
    expect((await listUnsettledPayments(h.db, finance)).map((u) => u.orderId)).not.toContain(o.id);
    // Returned once: a second click is refused.
    expect(await callAs(h.db)(refundLatePaymentDef, finance, { orderId: o.id })).toMatchObject({ ok: false, code: 'CONFLICT' });
  });
});

describe('refunds', () => {
  it('one refund per person and scope, ever: a second refund for another order is refused by the constraint and changes nothing', async () => {
    const { user, actor } = await person();
    const first = await paidWithFake(actor, user.id);
    const second = await paidWithFake(actor, user.id);
    const r = await h.db.transaction((tx) => requestRefund(tx, { orderId: first.id, userId: user.id, scope: 'exam', reason: '时间冲突' }));
    expect(r).toMatchObject({ status: 'requested', scope: 'exam', amountFen: first.amountFen, idempotencyKey: `RF${first.number}`, attempts: 0 });
    expect((await orderRow(first.id)).status).toBe('refund_requested');

    const err = await h.db.transaction((tx) => requestRefund(tx, { orderId: second.id, userId: user.id, scope: 'exam' })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CONFLICT', messageKey: 'payments.errors.refundOnce' });
    expect((await orderRow(second.id)).status).toBe('paid');
    expect(await h.db.select().from(refunds).where(eq(refunds.userId, user.id))).toHaveLength(1);

    // The same order twice, and someone else's order.
    await expect(h.db.transaction((tx) => requestRefund(tx, { orderId: first.id, userId: user.id, scope: 'other' }))).rejects.toMatchObject({ code: 'CONFLICT', messageKey: 'payments.errors.refundExists' });
    const other = await person();
    await expect(h.db.transaction((tx) => requestRefund(tx, { orderId: second.id, userId: other.user.id, scope: 'exam' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A refused request inside a caller's transaction leaves that transaction usable (savepoint).
    await h.db.transaction(async (tx) => {
      await expect(requestRefund(tx, { orderId: second.id, userId: user.id, scope: 'exam' })).rejects.toMatchObject({ code: 'CONFLICT' });
      await tx.execute(sql`select 1`);
    });
    // An unpaid order is not refundable.
    const unpaid = await newOrder(user.id);
    await expect(h.db.transaction((tx) => requestRefund(tx, { orderId: unpaid.id, userId: user.id, scope: 'x' }))).rejects.toMatchObject({ code: 'INVALID_STATE', messageKey: 'payments.errors.notRefundable' });
  });

  it('thirty concurrent refund requests of one person (two paid orders): exactly one refund', async () => {
    const { user, actor } = await person();
    const a = await paidWithFake(actor, user.id);
    const b = await paidWithFake(actor, user.id);
    const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b)).map((o) => h.db.transaction((tx) => requestRefund(tx, { orderId: o.id, userId: user.id, scope: 'exam' }))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await h.db.select().from(refunds).where(eq(refunds.userId, user.id))).toHaveLength(1);
    const statuses = [(await orderRow(a.id)).status, (await orderRow(b.id)).status].sort();
    expect(statuses).toEqual(['paid', 'refund_requested']);
  });

  it('a successful refund (sandbox): refund and order refunded, the module told, the person told by in-app, SMS and email', async () => {
    const { user, actor } = await person();
    const o = await newOrder(user.id);
    await handleNotification(h.db, 'sandbox', (await payInSandbox(actor, o)).params);
    const r = await h.db.transaction((tx) => requestRefund(tx, { orderId: o.id, userId: user.id, scope: 'exam' }));
    // The request's own call and the loop at once: one provider call.
    await Promise.all([processRefund(h.db, r.id), processPendingRefunds(h.db), processRefund(h.db, r.id)]);
    const succeeded = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'refund.succeeded'), eq(auditLog.targetId, o.id)));
    expect(succeeded).toHaveLength(1);
    const [done] = await h.db.select().from(refunds).where(eq(refunds.id, r.id));
    expect(done).toMatchObject({ status: 'refunded', attempts: 1, failureReason: null });
    expect(done.providerRefundNo).toMatch(/^SR[0-9A-F]{20}$/);
    expect((await orderRow(o.id)).status).toBe('refunded');
    expect(callsFor(o.id, 'refunded')).toHaveLength(1);
    const msgs = await h.db.select().from(outbox).where(like(outbox.dedupeKey, `refund:${r.id}:refunded:%`));
    expect(msgs.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
    const sms = msgs.find((m) => m.channel === 'sms')!.payload as { to: string; template: string; text: string };
    expect(sms).toMatchObject({ to: user.mobile, template: 'refund_succeeded' });
    expect(sms.text).toContain(o.number);
    const email = msgs.find((m) => m.channel === 'email')!.payload as { to: string; subject: string; text: string };
    expect(email).toMatchObject({ to: user.email, subject: `【退费成功】${o.title}` });
    expect(email.text).toContain('¥880.00');
    expect(await processRefund(h.db, r.id)).toBeNull();
    // The sandbox refunded exactly once; the order may now be ordered again for its subject.
    await expect(new SandboxProvider(h.db).refund({ orderNumber: o.number, tradeNo: (await paymentRows(o.id))[0].providerTradeNo, amountFen: 1, idempotencyKey: 'another-key' })).rejects.toThrow(/exceeds/);
    await newOrder(user.id, { subjectId: o.subjectId });
  });

  it('a refused refund fails, the person is told, finance retries with the same key and the money moves once', async () => {
    const { user, actor } = await person();
    const financeUser = await createStaff(h.db, [{ role: 'finance' }]);
    const finance = (await actorOf(h.db, financeUser.id)) as SignedInActor;
    const o = await paidWithFake(actor, user.id);
    const r = await h.db.transaction((tx) => requestRefund(tx, { orderId: o.id, userId: user.id, scope: 'exam' }));
    fake.failures.push('refuse');
    const failed = await processRefund(h.db, r.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, failureReason: expect.stringContaining('余额不足') });
    expect((await orderRow(o.id)).status).toBe('refund_requested');
    expect((await h.db.select().from(outbox).where(like(outbox.dedupeKey, `refund:${r.id}:failed:1:%`))).map((m) => m.channel).sort()).toEqual(['email', 'sms']);
    const staffAlert = await h.db.select().from(notifications).where(and(eq(notifications.userId, financeUser.id), like(notifications.dedupeKey, `payments:refundFailed:${r.id}:%`)));
    expect(staffAlert).toHaveLength(1);
    // The loop does not touch failed refunds: they wait for a person.
    await processPendingRefunds(h.db);
    expect(fake.refundCalls.get(r.idempotencyKey)).toBe(1);

    // Two finance clicks at once: one retry.
    const [a, b] = await Promise.all([callAs(h.db)(retryRefundDef, finance, { refundId: r.id }), callAs(h.db)(retryRefundDef, finance, { refundId: r.id })]);
    const oks = [a, b].filter((x) => x.ok);
    expect(oks).toHaveLength(1);
    expect(oks[0]).toMatchObject({ data: { status: 'refunded', attempts: 2 } });
    expect([a, b].find((x) => !x.ok)).toMatchObject({ code: 'INVALID_STATE' });
    expect((await orderRow(o.id)).status).toBe('refunded');
    expect(fake.refundCalls.get(r.idempotencyKey)).toBe(2);
    expect(fake.moneyMoved.get(r.idempotencyKey)).toBe(1);
    expect(await callAs(h.db)(retryRefundDef, finance, { refundId: r.id })).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    const [row] = await h.db.select().from(refunds).where(eq(refunds.id, r.id));
    expect(row).toMatchObject({ status: 'refunded', attempts: 2, providerRefundNo: `FR-${r.idempotencyKey}` });
  });

  it('a timeout is retried by the loop with the same key, then succeeds', async () => {
    const { user, actor } = await person();
    const o = await paidWithFake(actor, user.id);
    const r = await h.db.transaction((tx) => requestRefund(tx, { orderId: o.id, userId: user.id, scope: 'exam' }));
    fake.failures.push('timeout');
    expect(await processRefund(h.db, r.id)).toMatchObject({ status: 'requested', attempts: 1, failureReason: 'timeout' });
    await processPendingRefunds(h.db);
    const [row] = await h.db.select().from(refunds).where(eq(refunds.id, r.id));
    expect(row).toMatchObject({ status: 'refunded', attempts: 2 });
    expect(fake.moneyMoved.get(r.idempotencyKey)).toBe(1);
  });
});

describe('who may do what', () => {
  it('another user cannot start, cancel, confirm or see the receipt of an order; nothing changes', async () => {
    const { user, actor } = await person();
    const other = await person();
    const o = await newOrder(user.id);
    const call = callAs(h.db);
    expect(await call(startPaymentDef, other.actor, { orderId: o.id, returnUrl: '/portal' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call(cancelOrderDef, other.actor, { orderId: o.id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call(confirmPaymentDef, other.actor, { orderId: o.id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call(startPaymentDef, other.actor, { orderId: o.id, returnUrl: 'https://evil.example/' })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await call(startPaymentDef, actor, { orderId: o.id, returnUrl: '//evil.example/' })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect((await orderRow(o.id))).toMatchObject({ status: 'unpaid', provider: null });

    await handleNotification(h.db, 'sandbox', (await payInSandbox(actor, o)).params);
    await expect(receiptFor(h.db, other.actor, o.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(receiptFor(h.db, { kind: 'anonymous' }, o.id)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const examAdmin = (await actorOf(h.db, (await createStaff(h.db, [{ role: 'exam_admin' }])).id)) as SignedInActor;
    await expect(receiptFor(h.db, examAdmin, o.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await receiptFor(h.db, actor, o.id)).toMatchObject({ number: o.number, amountFen: o.amountFen, payerName: user.name, provider: 'sandbox' });
    const finance = (await actorOf(h.db, (await createStaff(h.db, [{ role: 'finance' }])).id)) as SignedInActor;
    expect((await receiptFor(h.db, finance, o.id)).number).toBe(o.number);
    // Finance may cancel an unpaid order of anyone; the owner's paid order is beyond cancelling.
    expect(await call(cancelOrderDef, actor, { orderId: o.id })).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    const o2 = await newOrder(user.id);
    expect(await call(cancelOrderDef, finance, { orderId: o2.id })).toMatchObject({ ok: true, data: { status: 'cancelled' } });
  });

  it('only finance retries refunds and returns late payments; staff lists and exports are finance/admin only', async () => {
    const { user, actor } = await person();
    const o = await paidWithFake(actor, user.id);
    const r = await h.db.transaction((tx) => requestRefund(tx, { orderId: o.id, userId: user.id, scope: 'exam' }));
    fake.failures.push('refuse');
    await processRefund(h.db, r.id);
    const call = callAs(h.db);
    const admin = (await actorOf(h.db, (await createStaff(h.db, [{ role: 'admin' }])).id)) as SignedInActor;
    const examAdmin = (await actorOf(h.db, (await createStaff(h.db, [{ role: 'exam_admin' }, { role: 'reviewer', module: 'exam' }])).id)) as SignedInActor;
    for (const who of [admin, examAdmin, actor]) {
      expect(await call(retryRefundDef, who, { refundId: r.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await call(refundLatePaymentDef, who, { orderId: o.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    expect(await call(retryRefundDef, { kind: 'anonymous' }, { refundId: r.id })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    const [row] = await h.db.select().from(refunds).where(eq(refunds.id, r.id));
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(fake.refundCalls.get(r.idempotencyKey)).toBe(1);

    await expect(listOrders(h.db, actor, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listOrders(h.db, examAdmin, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(exportOrders(h.db, examAdmin, {}, { ip: null })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { items } = await listOrders(h.db, admin, { q: o.number });
    expect(items.map((i) => i.number)).toEqual([o.number]);
    expect(items[0]).toMatchObject({ status: 'refund_requested', refundStatus: 'failed', tradeNo: expect.any(String), userName: user.name });
    const stillPaid = await paidWithFake(actor, user.id);
    const byName = (await listOrders(h.db, admin, { q: user.name, status: 'paid' })).items;
    expect(byName.map((i) => i.number)).toContain(stillPaid.number);
    expect(byName.map((i) => i.number)).not.toContain(o.number);
    expect(byName.every((i) => i.status === 'paid' && i.userName.includes(user.name))).toBe(true);
    const exported = await exportOrders(h.db, admin, { status: 'refund_requested' }, { ip: '10.0.0.1' });
    expect(exported.items.map((i) => i.number)).toContain(o.number);
    const [audited] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'payments.exported'), eq(auditLog.actorId, admin.id)));
    expect(audited.detail).toMatchObject({ filter: { status: 'refund_requested' } });
  });
});

describe('markPaid', () => {
  it('refuses a different amount and a trade number of another order, writing nothing', async () => {
    const { user, actor } = await person();
    const a = await paidWithFake(actor, user.id);
    const b = await newOrder(user.id);
    await expect(h.db.transaction((tx) => markPaid(tx, { orderId: b.id, provider: 'fake', providerTradeNo: 'T-1', amountFen: b.amountFen - 1, source: 'query' }))).rejects.toMatchObject({ messageKey: 'payments.errors.amountMismatch' });
    const tradeOfA = (await paymentRows(a.id))[0].providerTradeNo;
    await expect(h.db.transaction((tx) => markPaid(tx, { orderId: b.id, provider: 'fake', providerTradeNo: tradeOfA, amountFen: b.amountFen, source: 'query' }))).rejects.toMatchObject({ code: 'CONFLICT', messageKey: 'payments.errors.tradeMismatch' });
    expect(await paymentRows(b.id)).toHaveLength(0);
    expect((await orderRow(b.id)).status).toBe('unpaid');
  });

  it('a second, different trade for a paid order is flagged for finance and changes nothing', async () => {
    const { user, actor } = await person();
    const o = await paidWithFake(actor, user.id);
    const r = await h.db.transaction((tx) => markPaid(tx, { orderId: o.id, provider: 'fake', providerTradeNo: 'SECOND-TRADE', amountFen: o.amountFen, source: 'notify' }));
    expect(r).toMatchObject({ created: false, duplicate: true });
    expect(await paymentRows(o.id)).toHaveLength(1);
    const [dup] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'payment.duplicate'), eq(auditLog.targetId, o.id)));
    expect(dup.detail).toMatchObject({ tradeNo: 'SECOND-TRADE' });
  });
});

describe('e-receipt', () => {
  it('renders a paid order as a PDF with the items, the total in figures and in capitals', async () => {
    const { user, actor } = await person();
    const o = await newOrder(user.id, { amounts: [50_000, 38_050] });
    await handleNotification(h.db, 'sandbox', (await payInSandbox(actor, o)).params);
    const r = await receiptFor(h.db, actor, o.id);
    const pdf = await renderPdf('receipt', r);
    expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
    const content = await (await doc.getPage(1)).getTextContent();
    const text = content.items.map((i) => ('str' in i ? i.str : '')).join('').replace(/\s+/g, '');
    await doc.destroy();
    for (const s of ['电子收据', o.number, user.name, '科目1', '¥500.00', '¥380.50', '¥880.50', '捌佰捌拾元伍角整', '模拟支付平台', r.tradeNo]) expect(text).toContain(s);
    // Unpaid orders have no receipt.
    const unpaid = await newOrder(user.id);
    await expect(receiptFor(h.db, actor, unpaid.id)).rejects.toMatchObject({ code: 'NOT_FOUND', messageKey: 'payments.errors.noReceipt' });
  });
});

import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { orders, payments, refunds, type Order } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual } from '@/db/seed/factories';
import type { SignedInActor } from '@/lib/platform/auth/actor';
import { confirmPayment, createOrder, handleNotification, processRefund, registerPaymentProvider, requestRefund, startPayment, PaymentProviderError } from '@/lib/platform/payments';
import { AlipayProvider, rawMember } from '@/lib/platform/payments/providers/alipay';
import { canonicalString, rsa2Sign, rsa2Verify } from '@/lib/platform/payments/providers/signing';
import { actorOf } from '../helpers/actors';
import { createTestDb } from '../helpers/db';

process.env.AUTH_SECRET ??= 'alipay-suite-secret-0123456789-abcdefghijk';

/**
 * The Alipay adapter against a local fake gateway that behaves like Alipay's
 * open API where it matters: it checks the RSA2 signature of every request
 * with the app's public key, signs every answer with its own private key,
 * keeps trades, refunds an out_request_no once, and can be told to fail. The
 * keys are generated here; nothing leaves the machine.
 */

const APP_ID = '2021000123456789';
const pem = () => crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const app = pem(); // ours: we sign with the private key, the gateway verifies with the public
const alipay = pem(); // Alipay's: it signs answers and notifications, we verify with the public
const appPublic = app.publicKey;

type Trade = { outTradeNo: string; tradeNo: string; amount: string; status: 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_CLOSED'; refunds: Map<string, string> };

class FakeGateway {
  server!: http.Server;
  url = '';
  trades = new Map<string, Trade>();
  /** Every request: its method, whether our signature verified, its biz_content. */
  requests: Array<{ method: string; signed: boolean; biz: Record<string, string>; params: Record<string, string> }> = [];
  /** How many times money actually moved per out_request_no. */
  moneyMoved = new Map<string, number>();
  /** The next answers fail like this. */
  failures: Array<'system_error' | 'tamper' | 'http500'> = [];

  async start() {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const params = Object.fromEntries(new URLSearchParams(body));
        const signed = rsa2Verify(canonicalString(params), params.sign ?? '', appPublic);
        const biz = JSON.parse(params.biz_content ?? '{}') as Record<string, string>;
        this.requests.push({ method: params.method, signed, biz, params });
        const failure = this.failures.shift();
        if (failure === 'http500') {
          res.writeHead(500).end('busy');
          return;
        }
        if (!signed || params.app_id !== APP_ID || params.sign_type !== 'RSA2' || params.charset !== 'utf-8') {
          // Alipay answers signature errors without a signature.
          res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
          res.end(JSON.stringify({ error_response: { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature', sub_msg: '验签出错' } }));
          return;
        }
        const node = failure === 'system_error' ? { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'ACQ.SYSTEM_ERROR', sub_msg: '系统错误' } : this.handle(params.method, biz);
        const key = `${params.method.replace(/\./g, '_')}_response`;
        const nodeText = JSON.stringify(node);
        const sign = rsa2Sign(nodeText, alipay.privateKey);
        // Tampering after signing: a man in the middle changing the answer.
        const sent = failure === 'tamper' ? nodeText.replace(/"WAIT_BUYER_PAY"|"TRADE_CLOSED"/, '"TRADE_SUCCESS"').replace('"10000"', '"10000" ') : nodeText;
        res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
        res.end(`{"${key}":${sent},"sign":"${sign}"}`);
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/gateway.do`;
  }

  private handle(method: string, biz: Record<string, string>): Record<string, unknown> {
    const trade = this.trades.get(biz.out_trade_no);
    const notExist = { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_NOT_EXIST', sub_msg: '交易不存在' };
    switch (method) {
      case 'alipay.trade.query':
        if (!trade) return notExist;
        return { code: '10000', msg: 'Success', out_trade_no: trade.outTradeNo, trade_no: trade.tradeNo, trade_status: trade.status, total_amount: trade.amount, buyer_logon_id: 'abc***@example.com' };
      case 'alipay.trade.refund': {
        if (!trade || trade.status !== 'TRADE_SUCCESS') return notExist;
        if (biz.trade_no && biz.trade_no !== trade.tradeNo) return { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_NOT_EXIST', sub_msg: '交易不存在' };
        const again = trade.refunds.has(biz.out_request_no);
        if (!again) {
          const refunded = [...trade.refunds.values()].reduce((s, a) => s + Math.round(Number(a) * 100), 0);
          if (refunded + Math.round(Number(biz.refund_amount) * 100) > Math.round(Number(trade.amount) * 100)) {
            return { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', sub_msg: '退款金额超限' };
          }
          trade.refunds.set(biz.out_request_no, biz.refund_amount);
          this.moneyMoved.set(biz.out_request_no, (this.moneyMoved.get(biz.out_request_no) ?? 0) + 1);
        }
        return { code: '10000', msg: 'Success', trade_no: trade.tradeNo, out_trade_no: trade.outTradeNo, refund_fee: biz.refund_amount, fund_change: again ? 'N' : 'Y' };
      }
      case 'alipay.trade.close':
        if (!trade) return notExist;
        if (trade.status === 'TRADE_SUCCESS') return { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_STATUS_ERROR', sub_msg: '交易状态不合法' };
        trade.status = 'TRADE_CLOSED';
        return { code: '10000', msg: 'Success', out_trade_no: trade.outTradeNo, trade_no: trade.tradeNo };
      default:
        return { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.UNKNOWN_METHOD' };
    }
  }

  /** The payer pays at the cashier: the trade exists and is paid. */
  pay(outTradeNo: string, amount: string): Trade {
    const t: Trade = { outTradeNo, tradeNo: `2026${crypto.randomInt(1e9).toString().padStart(9, '0')}22001`, amount, status: 'TRADE_SUCCESS', refunds: new Map() };
    this.trades.set(outTradeNo, t);
    return t;
  }

  /** The asynchronous notification Alipay posts for a trade (form fields), signed with Alipay's key. */
  notification(t: Trade, over: Record<string, string> = {}, key = alipay.privateKey): Record<string, string> {
    const p: Record<string, string> = {
      gmt_create: '2026-03-01 09:30:00',
      charset: 'utf-8',
      seller_email: 'merchant@example.com',
      subject: '考试报名费',
      buyer_id: '2088102122524333',
      invoice_amount: t.amount,
      notify_id: crypto.randomUUID().replace(/-/g, ''),
      fund_bill_list: '[{"amount":"' + t.amount + '","fundChannel":"ALIPAYACCOUNT"}]',
      notify_type: 'trade_status_sync',
      trade_status: t.status,
      receipt_amount: t.amount,
      app_id: APP_ID,
      buyer_pay_amount: t.amount,
      gmt_payment: '2026-03-01 09:31:00',
      notify_time: '2026-03-01 09:31:01',
      version: '1.0',
      out_trade_no: t.outTradeNo,
      total_amount: t.amount,
      trade_no: t.tradeNo,
      auth_app_id: APP_ID,
      point_amount: '0.00',
      ...over,
    };
    return { ...p, sign_type: 'RSA2', sign: rsa2Sign(canonicalString(p), key) };
  }

  close() {
    return new Promise<void>((r) => this.server.close(() => r()));
  }
}

let h: DbHandle;
const gw = new FakeGateway();
let provider: AlipayProvider;

beforeAll(async () => {
  h = await createTestDb();
  await gw.start();
  provider = new AlipayProvider({
    appId: APP_ID,
    privateKey: app.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    alipayPublicKey: alipay.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    gateway: gw.url,
    timeoutMs: 3000,
  });
  registerPaymentProvider('alipay', () => provider);
});
afterAll(async () => {
  await gw.close();
  await h.close();
});

async function person() {
  const u = await createIndividual(h.db);
  return { user: u, actor: (await actorOf(h.db, u.id)) as SignedInActor };
}

let seq = 0;
async function newOrder(userId: string, amountFen = 88_000): Promise<Order> {
  return h.db.transaction((tx) =>
    createOrder(tx, { userId, subjectType: 'alipay_test', subjectId: `s-${Date.now()}-${seq++}`, title: '2026年全国认证人员统一考试报名费', items: [{ name: '审核概论', amountFen }], ttlMinutes: 30 }),
  );
}
const orderRow = async (id: string) => (await h.db.select().from(orders).where(eq(orders.id, id)))[0];
const paymentRows = async (orderId: string) => h.db.select().from(payments).where(eq(payments.orderId, orderId));

describe('Alipay adapter (fake gateway)', () => {
  it('page pay: a signed GET to the gateway with the order in biz_content and both URLs', async () => {
    const { user, actor } = await person();
    const o = await newOrder(user.id, 88_050);
    const { redirectUrl } = await startPayment(h.db, actor, { orderId: o.id, returnUrl: `/portal/exam/orders/${o.id}` }, { provider: 'alipay' });
    const url = new URL(redirectUrl);
    expect(`${url.origin}${url.pathname}`).toBe(gw.url);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({ app_id: APP_ID, method: 'alipay.trade.page.pay', format: 'JSON', charset: 'utf-8', sign_type: 'RSA2', version: '1.0', notify_url: 'http://localhost:3000/api/payments/notify/alipay', return_url: `http://localhost:3000/portal/exam/orders/${o.id}` });
    expect(params.timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(JSON.parse(params.biz_content)).toMatchObject({ out_trade_no: o.number, product_code: 'FAST_INSTANT_TRADE_PAY', total_amount: '880.50', subject: o.title });
    expect(rsa2Verify(canonicalString(params), params.sign, appPublic)).toBe(true);
    expect(rsa2Verify(canonicalString({ ...params, biz_content: params.biz_content.replace('880.50', '0.01') }), params.sign, appPublic)).toBe(false);
    expect((await orderRow(o.id)).provider).toBe('alipay');
  });

  it('WAP pay (phones): alipay.trade.wap.pay with QUICK_WAP_WAY and the way back; the method is recorded on the order', async () => {
    const { user, actor } = await person();
    const o = await newOrder(user.id, 12_345);
    const { redirectUrl } = await startPayment(h.db, actor, { orderId: o.id, returnUrl: `/portal/exam/orders/${o.id}` }, { provider: 'alipay', method: 'alipay_wap' });
    const url = new URL(redirectUrl);
    expect(`${url.origin}${url.pathname}`).toBe(gw.url);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({ app_id: APP_ID, method: 'alipay.trade.wap.pay', sign_type: 'RSA2', notify_url: 'http://localhost:3000/api/payments/notify/alipay', return_url: `http://localhost:3000/portal/exam/orders/${o.id}` });
    expect(JSON.parse(params.biz_content)).toMatchObject({ out_trade_no: o.number, product_code: 'QUICK_WAP_WAY', total_amount: '123.45', quit_url: `http://localhost:3000/portal/exam/orders/${o.id}` });
    expect(rsa2Verify(canonicalString(params), params.sign, appPublic)).toBe(true);
    expect(await orderRow(o.id)).toMatchObject({ provider: 'alipay', payMethod: 'alipay_wap' });
    // Paid on the phone: the same notification, query and refund paths as page pay.
    const t = gw.pay(o.number, '123.45');
    expect(await handleNotification(h.db, 'alipay', gw.notification(t))).toMatchObject({ outcome: 'recorded' });
    expect(await handleNotification(h.db, 'alipay', gw.notification(t))).toMatchObject({ outcome: 'repeated' });
    expect(await paymentRows(o.id)).toHaveLength(1);
  });

  it('a verified notification settles the order once; tampered, wrong-amount, other-app notifications are refused and change nothing', async () => {
    const { user, actor } = await person();
    const o = await newOrder(user.id);
    await startPayment(h.db, actor, { orderId: o.id, returnUrl: '/portal' }, { provider: 'alipay' });
    const t = gw.pay(o.number, '880.00');
    const good = gw.notification(t);

    expect(await handleNotification(h.db, 'alipay', { ...good, total_amount: '0.01' })).toMatchObject({ outcome: 'badSignature', body: 'fail' });
    expect(await handleNotification(h.db, 'alipay', { ...good, out_trade_no: 'DD2099010100000009' })).toMatchObject({ outcome: 'badSignature' });
    expect(await handleNotification(h.db, 'alipay', gw.notification(t, {}, pem().privateKey))).toMatchObject({ outcome: 'badSignature' });
    expect(await handleNotification(h.db, 'alipay', gw.notification(t, { app_id: '2021000999999999' }))).toMatchObject({ outcome: 'badSignature' });
    expect(await handleNotification(h.db, 'alipay', { ...good, sign_type: 'RSA' })).toMatchObject({ outcome: 'badSignature' });
    // Authentic but for another amount (an order changed between paying and notifying): never settled.
    expect(await handleNotification(h.db, 'alipay', gw.notification(t, { total_amount: '1.00' }))).toMatchObject({ outcome: 'amountMismatch', body: 'fail' });
    // Waiting for the buyer: acknowledged, nothing recorded.
    expect(await handleNotification(h.db, 'alipay', gw.notification(t, { trade_status: 'WAIT_BUYER_PAY' }))).toMatchObject({ outcome: 'ignored', body: 'success' });
    expect(await paymentRows(o.id)).toHaveLength(0);
    expect((await orderRow(o.id)).status).toBe('unpaid');

    expect(await handleNotification(h.db, 'alipay', good)).toMatchObject({ outcome: 'recorded', body: 'success', status: 200 });
    expect(await handleNotification(h.db, 'alipay', good)).toMatchObject({ outcome: 'repeated', body: 'success' });
    // TRADE_FINISHED (after the refund period) for the same trade: still one payment.
    expect(await handleNotification(h.db, 'alipay', gw.notification(t, { trade_status: 'TRADE_FINISHED' }))).toMatchObject({ outcome: 'repeated' });
    expect(await paymentRows(o.id)).toEqual([expect.objectContaining({ provider: 'alipay', providerTradeNo: t.tradeNo, amountFen: 88_000, source: 'notify' })]);
    expect((await orderRow(o.id)).status).toBe('paid');
  });

  it('trade query: nothing before paying; "支付完毕" settles a paid trade; a tampered answer is refused', async () => {
    const { user, actor } = await person();
    const o = await newOrder(user.id);
    await startPayment(h.db, actor, { orderId: o.id, returnUrl: '/portal' }, { provider: 'alipay' });
    expect(await provider.queryTrade(o.number)).toEqual({ paid: false });
    expect(await confirmPayment(h.db, actor, o.id)).toMatchObject({ status: 'unpaid', paid: false });

    const t = gw.pay(o.number, '880.00');
    t.status = 'WAIT_BUYER_PAY';
    expect(await provider.queryTrade(o.number)).toMatchObject({ paid: false, tradeNo: t.tradeNo });
    // A man in the middle turns WAIT_BUYER_PAY into TRADE_SUCCESS: the signature no longer verifies.
    gw.failures.push('tamper');
    await expect(confirmPayment(h.db, actor, o.id)).rejects.toMatchObject({ code: 'UNAVAILABLE', messageKey: 'payments.errors.providerUnavailable' });
    expect(await paymentRows(o.id)).toHaveLength(0);

    t.status = 'TRADE_SUCCESS';
    expect(await confirmPayment(h.db, actor, o.id)).toMatchObject({ status: 'paid', paid: true });
    expect((await paymentRows(o.id))[0]).toMatchObject({ source: 'query', providerTradeNo: t.tradeNo });
    const q = gw.requests.filter((r) => r.method === 'alipay.trade.query');
    expect(q.length).toBeGreaterThanOrEqual(4);
    expect(q.every((r) => r.signed && r.biz.out_trade_no === o.number)).toBe(true);
  });

  it('refund: out_request_no is the idempotency key, so asking twice refunds once; a system error is retried with the same key', async () => {
    const { user, actor } = await person();
    const o = await newOrder(user.id);
    await startPayment(h.db, actor, { orderId: o.id, returnUrl: '/portal' }, { provider: 'alipay' });
    const t = gw.pay(o.number, '880.00');
    await handleNotification(h.db, 'alipay', gw.notification(t));
    const r = await h.db.transaction((tx) => requestRefund(tx, { orderId: o.id, userId: user.id, scope: 'exam' }));

    gw.failures.push('system_error');
    expect(await processRefund(h.db, r.id)).toMatchObject({ status: 'requested', attempts: 1, failureReason: expect.stringContaining('ACQ.SYSTEM_ERROR') });
    gw.failures.push('http500');
    expect(await processRefund(h.db, r.id)).toMatchObject({ status: 'requested', attempts: 2 });
    expect(await processRefund(h.db, r.id)).toMatchObject({ status: 'refunded', attempts: 3, providerRefundNo: `${t.tradeNo}:${r.idempotencyKey}` });
    expect((await orderRow(o.id)).status).toBe('refunded');
    const calls = gw.requests.filter((x) => x.method === 'alipay.trade.refund');
    expect(calls.map((c) => c.biz.out_request_no)).toEqual([r.idempotencyKey, r.idempotencyKey, r.idempotencyKey]);
    expect(calls.every((c) => c.signed && c.biz.refund_amount === '880.00' && c.biz.trade_no === t.tradeNo)).toBe(true);

    // The provider asked again with the same key (a retry after a lost answer): success, money moved once.
    expect(await provider.refund({ orderNumber: o.number, tradeNo: t.tradeNo, amountFen: 88_000, idempotencyKey: r.idempotencyKey })).toEqual({ refundNo: `${t.tradeNo}:${r.idempotencyKey}` });
    expect(gw.moneyMoved.get(r.idempotencyKey)).toBe(1);
    // Another key for the same, already refunded money is refused by the platform.
    await expect(provider.refund({ orderNumber: o.number, tradeNo: t.tradeNo, amountFen: 88_000, idempotencyKey: 'RF-other' })).rejects.toThrow(PaymentProviderError);
    const [row] = await h.db.select().from(refunds).where(eq(refunds.id, r.id));
    expect(row.status).toBe('refunded');
  });

  it('close: an unpaid trade is closed; a paid or unknown one is left alone', async () => {
    const t = gw.pay('DD2026030100000077', '1.00');
    t.status = 'WAIT_BUYER_PAY';
    await provider.closeTrade('DD2026030100000077');
    expect(t.status).toBe('TRADE_CLOSED');
    await provider.closeTrade('DD2026030100000078'); // never opened
    const paid = gw.pay('DD2026030100000079', '1.00');
    await provider.closeTrade('DD2026030100000079');
    expect(paid.status).toBe('TRADE_SUCCESS');
  });

  it('a wrong app key is refused by the gateway; unreadable keys are refused at start; bare base64 keys are read', async () => {
    const wrong = new AlipayProvider({ appId: APP_ID, privateKey: pem().privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), alipayPublicKey: alipay.publicKey.export({ type: 'spki', format: 'pem' }).toString(), gateway: gw.url });
    await expect(wrong.queryTrade('DD2026030100000001')).rejects.toThrow(/isv.invalid-signature/);
    expect(() => new AlipayProvider({ appId: APP_ID, privateKey: 'not a key', alipayPublicKey: 'x', gateway: gw.url })).toThrow(/ALIPAY_PRIVATE_KEY/);

    // The Alipay key tool prints bare base64: PKCS#1 or PKCS#8 private keys, SPKI public keys; .env files often carry "\n".
    const bare = (k: crypto.KeyObject, type: 'pkcs1' | 'pkcs8' | 'spki') => (k.export({ type, format: 'der' } as never) as Buffer).toString('base64');
    for (const type of ['pkcs1', 'pkcs8'] as const) {
      const p = new AlipayProvider({ appId: APP_ID, privateKey: bare(app.privateKey, type), alipayPublicKey: bare(alipay.publicKey, 'spki'), gateway: gw.url });
      expect(await p.queryTrade('DD2026030100000002')).toEqual({ paid: false });
    }
    const escaped = new AlipayProvider({ appId: APP_ID, privateKey: app.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString().replace(/\n/g, '\\n'), alipayPublicKey: bare(alipay.publicKey, 'spki'), gateway: gw.url });
    expect(await escaped.queryTrade('DD2026030100000003')).toEqual({ paid: false });
    // An unreachable gateway is a retryable failure.
    const down = new AlipayProvider({ appId: APP_ID, privateKey: bare(app.privateKey, 'pkcs8'), alipayPublicKey: bare(alipay.publicKey, 'spki'), gateway: 'http://127.0.0.1:9/gateway.do', timeoutMs: 1000 });
    await expect(down.queryTrade('DD2026030100000004')).rejects.toMatchObject({ retryable: true });
  });

  it('reads the signed part of an answer exactly as sent', () => {
    const text = '{"alipay_trade_query_response":{"code":"10000","msg":"Success","sub":{"a":"}{\\"x"},"n":1},"sign":"abc"}';
    expect(rawMember(text, 'alipay_trade_query_response')).toBe('{"code":"10000","msg":"Success","sub":{"a":"}{\\"x"},"n":1}');
    expect(rawMember(text, 'error_response')).toBeNull();
  });
});

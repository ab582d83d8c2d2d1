import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { auditLog, orders, payments, refunds, type Order } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual } from '@/db/seed/factories';
import type { SignedInActor } from '@/lib/platform/auth/actor';
import { invokeAction } from '@/lib/platform/auth/action-core';
import {
  cancelOrderChecked,
  confirmPayment,
  createOrder,
  expireOrders,
  handleNotification,
  processRefund,
  reconcileOrders,
  registerPaymentProvider,
  requestRefund,
  startPayment,
  PaymentProviderError,
} from '@/lib/platform/payments';
import { startPaymentDef } from '@/lib/platform/payments/checkout';
import { payMethodFor } from '@/lib/platform/payments/methods';
import { availableChannels } from '@/lib/platform/payments/providers';
import { payAtCashier, readCashierRequest, sentNotification } from '@/lib/platform/payments/providers/sandbox';
import { decryptResource, encryptResource, rfc3339China, WechatPayProvider } from '@/lib/platform/payments/providers/wechatpay';
import { qrPaymentView } from '@/lib/platform/payments/qr';
import { actorOf } from '../helpers/actors';
import { createTestDb } from '../helpers/db';

process.env.AUTH_SECRET ??= 'wechatpay-suite-secret-0123456789-abcdefghij';

/**
 * The WeChat Pay API v3 adapter against a local fake gateway that behaves
 * like api.mch.weixin.qq.com where it matters: it checks the
 * WECHATPAY2-SHA256-RSA2048 Authorization of every request with the
 * merchant's public key, signs every answer with the platform key
 * (Wechatpay-Timestamp/Nonce/Signature/Serial), keeps trades, refunds one
 * out_refund_no once, closes unpaid trades, and sends notifications whose
 * resource is AEAD_AES_256_GCM-encrypted with the APIv3 key. Keys are
 * generated here; nothing leaves the machine. Also: the sandbox playing each
 * method, and the cashier step's choice recorded on the order.
 */

const MCH_ID = '1900009191';
const APP_ID = 'wx8888888888888888';
const CERT_SERIAL = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';
const PUB_KEY_ID = 'PUB_KEY_ID_0119000091912026120600000001';
const APIV3_KEY = 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6';
const pem = () => crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const merchant = pem(); // ours: we sign requests, the gateway verifies with the public key
const platform = pem(); // WeChat Pay's: it signs answers and notifications, we verify with the public key

type Trade = { outTradeNo: string; transactionId: string; total: number; state: 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND'; kind: 'NATIVE' | 'MWEB'; refunds: Map<string, { refundId: string; amount: number }> };
type Req = { method: string; path: string; signed: boolean; body: Record<string, unknown> };

function signAnswer(body: string, key: crypto.KeyObject = platform.privateKey, serial = PUB_KEY_ID, ts = Math.floor(Date.now() / 1000)): Record<string, string> {
  const nonce = crypto.randomBytes(16).toString('hex');
  const signature = crypto.sign('RSA-SHA256', Buffer.from(`${ts}\n${nonce}\n${body}\n`), key).toString('base64');
  return { 'Wechatpay-Timestamp': String(ts), 'Wechatpay-Nonce': nonce, 'Wechatpay-Signature': signature, 'Wechatpay-Serial': serial };
}

class FakeWechatPay {
  server!: http.Server;
  url = '';
  trades = new Map<string, Trade>();
  requests: Req[] = [];
  /** How many times money actually moved per out_refund_no. */
  moneyMoved = new Map<string, number>();
  failures: Array<'system_error' | 'tamper' | 'unsigned'> = [];

  async start() {
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        const path = req.url ?? '/';
        const auth = /^WECHATPAY2-SHA256-RSA2048 (.*)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
        const f = Object.fromEntries([...auth.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
        const message = `${req.method}\n${path}\n${f.timestamp}\n${f.nonce_str}\n${raw}\n`;
        let signed = false;
        try {
          signed = f.mchid === MCH_ID && f.serial_no === CERT_SERIAL && crypto.verify('RSA-SHA256', Buffer.from(message), merchant.publicKey, Buffer.from(f.signature ?? '', 'base64'));
        } catch {
          signed = false;
        }
        const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
        this.requests.push({ method: req.method ?? '', path, signed, body });
        const send = (status: number, answer: Record<string, unknown> | null, opts: { sign?: boolean; tamper?: boolean } = {}) => {
          const text = answer ? JSON.stringify(answer) : '';
          const headers = opts.sign === false ? {} : signAnswer(text);
          const sent = opts.tamper ? text.replace(/"NOTPAY"|"CLOSED"/, '"SUCCESS"') : text;
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(sent);
        };
        if (!signed) return send(401, { code: 'SIGN_ERROR', message: '签名错误' });
        const failure = this.failures.shift();
        if (failure === 'system_error') return send(500, { code: 'SYSTEM_ERROR', message: '系统错误' });
        const [status, answer] = this.handle(req.method ?? '', path, body);
        send(status, answer, { sign: failure !== 'unsigned', tamper: failure === 'tamper' });
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private handle(method: string, path: string, b: Record<string, unknown>): [number, Record<string, unknown> | null] {
    const notExist: [number, Record<string, unknown>] = [404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' }];
    if (method === 'POST' && (path === '/v3/pay/transactions/native' || path === '/v3/pay/transactions/h5')) {
      if (b.mchid !== MCH_ID || b.appid !== APP_ID) return [400, { code: 'PARAM_ERROR', message: 'mchid/appid' }];
      const no = String(b.out_trade_no);
      const existing = this.trades.get(no);
      if (existing?.state === 'SUCCESS') return [400, { code: 'ORDERPAID', message: '该订单已支付' }];
      if (existing?.state === 'CLOSED') return [400, { code: 'ORDER_CLOSED', message: '订单已关闭' }];
      const total = (b.amount as { total: number }).total;
      if (!existing) this.trades.set(no, { outTradeNo: no, transactionId: `42000${crypto.randomInt(1e9).toString().padStart(9, '0')}2026`, total, state: 'NOTPAY', kind: path.endsWith('h5') ? 'MWEB' : 'NATIVE', refunds: new Map() });
      const pr = crypto.createHash('sha256').update(no).digest('hex').slice(0, 12);
      return path.endsWith('h5') ? [200, { h5_url: `https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx${pr}&package=1` }] : [200, { code_url: `weixin://wxpay/bizpayurl?pr=${pr}` }];
    }
    let m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/?]+)\?mchid=(\d+)$/.exec(path);
    if (method === 'GET' && m) {
      const t = this.trades.get(decodeURIComponent(m[1]));
      if (!t || m[2] !== MCH_ID) return notExist;
      return [200, { appid: APP_ID, mchid: MCH_ID, out_trade_no: t.outTradeNo, ...(t.state === 'NOTPAY' ? {} : { transaction_id: t.transactionId }), trade_type: t.kind, trade_state: t.state, trade_state_desc: t.state, amount: { total: t.total, currency: 'CNY' } }];
    }
    m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/?]+)\/close$/.exec(path);
    if (method === 'POST' && m) {
      const t = this.trades.get(decodeURIComponent(m[1]));
      if (!t) return notExist;
      if (t.state === 'SUCCESS' || t.state === 'REFUND') return [400, { code: 'ORDERPAID', message: '订单已支付' }];
      t.state = 'CLOSED';
      return [204, null];
    }
    if (method === 'POST' && path === '/v3/refund/domestic/refunds') {
      const t = this.trades.get(String(b.out_trade_no));
      if (!t || (t.state !== 'SUCCESS' && t.state !== 'REFUND') || (b.transaction_id && b.transaction_id !== t.transactionId)) return [404, { code: 'RESOURCE_NOT_EXISTS', message: '订单不存在' }];
      const amount = b.amount as { refund: number; total: number; currency: string };
      const key = String(b.out_refund_no);
      const again = t.refunds.get(key);
      if (again) return [200, { refund_id: again.refundId, out_refund_no: key, status: 'SUCCESS', amount: { refund: again.amount, total: t.total } }];
      if (amount.total !== t.total) return [400, { code: 'PARAM_ERROR', message: '订单金额不一致' }];
      const refunded = [...t.refunds.values()].reduce((s, r) => s + r.amount, 0);
      if (refunded + amount.refund > t.total) return [403, { code: 'NOT_ENOUGH', message: '退款金额超限' }];
      const r = { refundId: `50300${crypto.randomInt(1e9).toString().padStart(9, '0')}`, amount: amount.refund };
      t.refunds.set(key, r);
      t.state = 'REFUND';
      this.moneyMoved.set(key, (this.moneyMoved.get(key) ?? 0) + 1);
      return [200, { refund_id: r.refundId, out_refund_no: key, transaction_id: t.transactionId, status: 'PROCESSING', amount: { refund: r.amount, total: t.total, currency: 'CNY' } }];
    }
    return [404, { code: 'NOT_FOUND', message: path }];
  }

  /** The payer scans and pays: the trade is paid. */
  pay(outTradeNo: string): Trade {
    const t = this.trades.get(outTradeNo)!;
    t.state = 'SUCCESS';
    return t;
  }

  /** A notification as WeChat Pay posts it: JSON with an encrypted resource, signed in the headers. */
  notification(
    t: Trade,
    over: { transaction?: Record<string, unknown>; eventType?: string; key?: crypto.KeyObject; serial?: string; ts?: number; apiV3Key?: string } = {},
  ): { body: string; headers: Record<string, string> } {
    const transaction = {
      mchid: MCH_ID,
      appid: APP_ID,
      out_trade_no: t.outTradeNo,
      transaction_id: t.transactionId,
      trade_type: t.kind,
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      bank_type: 'OTHERS',
      success_time: rfc3339China(new Date()),
      payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
      amount: { total: t.total, payer_total: t.total, currency: 'CNY', payer_currency: 'CNY' },
      ...over.transaction,
    };
    const body = JSON.stringify({
      id: crypto.randomUUID(),
      create_time: rfc3339China(new Date()),
      resource_type: 'encrypt-resource',
      event_type: over.eventType ?? 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      resource: { ...encryptResource(over.apiV3Key ?? APIV3_KEY, JSON.stringify(transaction), 'transaction'), original_type: 'transaction' },
    });
    return { body, headers: signAnswer(body, over.key, over.serial, over.ts) };
  }

  close() {
    return new Promise<void>((r) => this.server.close(() => r()));
  }
}

let h: DbHandle;
const gw = new FakeWechatPay();
let provider: WechatPayProvider;

const config = () => ({
  mchId: MCH_ID,
  appId: APP_ID,
  certSerial: CERT_SERIAL,
  privateKey: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  apiV3Key: APIV3_KEY,
  platformPublicKey: platform.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  platformKeyId: PUB_KEY_ID,
  gateway: gw.url,
  timeoutMs: 3000,
});

beforeAll(async () => {
  h = await createTestDb();
  await gw.start();
  provider = new WechatPayProvider(config());
  registerPaymentProvider('wechatpay', () => provider);
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
async function newOrder(userId: string, amountFen = 88_000, ttlMinutes = 30): Promise<Order> {
  return h.db.transaction((tx) =>
    createOrder(tx, { userId, subjectType: 'wechatpay_test', subjectId: `s-${Date.now()}-${seq++}`, title: '2026年全国认证人员统一考试报名费', items: [{ name: '审核概论', amountFen }], ttlMinutes }),
  );
}
const orderRow = async (id: string) => (await h.db.select().from(orders).where(eq(orders.id, id)))[0];
const paymentRows = async (orderId: string) => h.db.select().from(payments).where(eq(payments.orderId, orderId));
const notify = (n: { body: string; headers: Record<string, string> }) => handleNotification(h.db, 'wechatpay', JSON.parse(n.body) as Record<string, string>, n);
const queryOf = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);

/** Native: startPayment with the payer's method; returns the order and its trade at the gateway. */
async function nativeOrder(amountFen = 88_000) {
  const p = await person();
  const o = await newOrder(p.user.id, amountFen);
  const { redirectUrl } = await startPayment(h.db, p.actor, { orderId: o.id, returnUrl: `/portal/exam/x/pay` }, { provider: 'wechatpay', method: 'wechat_native' });
  return { ...p, o, redirectUrl, trade: gw.trades.get(o.number)! };
}

describe('WeChat Pay API v3 adapter (fake gateway)', () => {
  it('Native: a signed order request; the code is shown on our signed QR page, to its owner only; the method is recorded', async () => {
    const { o, actor, redirectUrl } = await nativeOrder(88_050);
    const req = gw.requests.filter((r) => r.path === '/v3/pay/transactions/native').at(-1)!;
    expect(req.signed).toBe(true);
    expect(req.body).toMatchObject({
      appid: APP_ID,
      mchid: MCH_ID,
      out_trade_no: o.number,
      description: o.title,
      notify_url: 'http://localhost:3000/api/payments/notify/wechatpay',
      amount: { total: 88_050, currency: 'CNY' },
    });
    expect(String(req.body.time_expire)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(new Date(String(req.body.time_expire)).getTime()).toBe(Math.floor(o.expiresAt.getTime() / 1000) * 1000);
    expect(await orderRow(o.id)).toMatchObject({ provider: 'wechatpay', payMethod: 'wechat_native' });

    // Our QR page: the code WeChat Pay gave, for this order's owner.
    expect(redirectUrl).toMatch(new RegExp(`^/pay/qr/${o.number}\\?`));
    const q = queryOf(redirectUrl);
    expect(q.code).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
    const view = await qrPaymentView(h.db, actor, o.number, q);
    expect(view).toMatchObject({ orderId: o.id, number: o.number, amountFen: 88_050, paid: false, code: q.code, returnUrl: '/portal/exam/x/pay', sandboxScanPath: null });
    expect(view!.qrImage).toMatch(/^data:image\/png;base64,/);
    // Someone else, a changed code, a changed return path, another order number: nothing shown.
    expect(await qrPaymentView(h.db, (await person()).actor, o.number, q)).toBeNull();
    expect(await qrPaymentView(h.db, actor, o.number, { ...q, code: 'weixin://wxpay/bizpayurl?pr=attacker' })).toBeNull();
    expect(await qrPaymentView(h.db, actor, o.number, { ...q, ret: '/portal/elsewhere' })).toBeNull();
    expect(await qrPaymentView(h.db, actor, 'DD2099010100000001', q)).toBeNull();
  });

  it('H5: a phone is sent to WeChat Pay with its IP in scene_info and our return URL', async () => {
    const { user, actor } = await person();
    const o = await newOrder(user.id);
    const { redirectUrl } = await startPayment(h.db, actor, { orderId: o.id, returnUrl: '/portal/exam/x/pay' }, { provider: 'wechatpay', method: 'wechat_h5', clientIp: '203.0.113.7' });
    const url = new URL(redirectUrl);
    expect(url.origin).toBe('https://wx.tenpay.com');
    expect(url.searchParams.get('redirect_url')).toBe('http://localhost:3000/portal/exam/x/pay');
    const req = gw.requests.filter((r) => r.path === '/v3/pay/transactions/h5').at(-1)!;
    expect(req).toMatchObject({ signed: true, body: { out_trade_no: o.number, scene_info: { payer_client_ip: '203.0.113.7', h5_info: { type: 'Wap' } } } });
    expect(await orderRow(o.id)).toMatchObject({ provider: 'wechatpay', payMethod: 'wechat_h5' });
  });

  it('a verified notification settles the order once; tampered, forged, stale, undecryptable and foreign notifications are refused and change nothing', async () => {
    const { o } = await nativeOrder();
    const t = gw.pay(o.number);
    const good = gw.notification(t);
    const auditBefore = (await h.db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0].n;

    // The body changed after signing (a man in the middle, or a forger editing a real one).
    const other = gw.notification(t, { transaction: { amount: { total: 1, currency: 'CNY' } } });
    expect(await notify({ body: other.body, headers: good.headers })).toMatchObject({ outcome: 'badSignature', status: 400 });
    expect(await notify({ body: good.body.replace('"TRANSACTION.SUCCESS"', '"TRANSACTION.SUCCESS" '), headers: good.headers })).toMatchObject({ outcome: 'badSignature' });
    // Signed with a key that is not WeChat Pay's.
    expect(await notify(gw.notification(t, { key: pem().privateKey }))).toMatchObject({ outcome: 'badSignature' });
    // Signed by WeChat Pay's key but naming another key id.
    expect(await notify(gw.notification(t, { serial: 'PUB_KEY_ID_OTHER' }))).toMatchObject({ outcome: 'badSignature' });
    // Without headers, or with no raw body at all.
    expect(await notify({ body: good.body, headers: {} })).toMatchObject({ outcome: 'badSignature' });
    expect(await handleNotification(h.db, 'wechatpay', {})).toMatchObject({ outcome: 'badSignature' });
    // An old notification replayed with its genuine signature, hours later.
    expect(await notify(gw.notification(t, { ts: Math.floor(Date.now() / 1000) - 3 * 3600 }))).toMatchObject({ outcome: 'badSignature' });
    // A resource encrypted with another APIv3 key: the GCM tag does not verify.
    expect(await notify(gw.notification(t, { apiV3Key: 'Z'.repeat(32) }))).toMatchObject({ outcome: 'badSignature' });
    // For another merchant or app.
    expect(await notify(gw.notification(t, { transaction: { mchid: '1900000001' } }))).toMatchObject({ outcome: 'badSignature' });
    expect(await notify(gw.notification(t, { transaction: { appid: 'wx0000000000000000' } }))).toMatchObject({ outcome: 'badSignature' });
    // Authentic, but for another amount: never settled, audited for finance.
    expect(await notify(gw.notification(t, { transaction: { amount: { total: 1, currency: 'CNY' } } }))).toMatchObject({ outcome: 'amountMismatch', status: 400, body: JSON.stringify({ code: 'FAIL', message: '失败' }) });
    // Not a success (e.g. a refund event): acknowledged, nothing recorded.
    expect(await notify(gw.notification(t, { eventType: 'REFUND.SUCCESS' }))).toMatchObject({ outcome: 'ignored', status: 200, body: '' });
    expect(await paymentRows(o.id)).toHaveLength(0);
    expect((await orderRow(o.id)).status).toBe('unpaid');
    expect((await h.db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0].n).toBe(auditBefore + 1);

    // The genuine one: recorded; WeChat Pay's retries of it and a concurrent burst change nothing.
    expect(await notify(good)).toMatchObject({ outcome: 'recorded', status: 200, body: '' });
    expect(await notify(good)).toMatchObject({ outcome: 'repeated', status: 200 });
    const burst = await Promise.all([1, 2, 3].map(() => notify(gw.notification(t))));
    expect(burst.map((r) => r.outcome)).toEqual(['repeated', 'repeated', 'repeated']);
    const rows = await paymentRows(o.id);
    expect(rows).toEqual([expect.objectContaining({ provider: 'wechatpay', providerTradeNo: t.transactionId, amountFen: 88_000, source: 'notify' })]);
    expect(rows[0].raw).toMatchObject({ event_type: 'TRANSACTION.SUCCESS', transaction: { out_trade_no: o.number, trade_state: 'SUCCESS' } });
    expect((await orderRow(o.id)).status).toBe('paid');
  });

  it('query: nothing before paying; "支付完毕" and the reconciliation settle a trade whose notification never came; a tampered or unsigned answer is refused', async () => {
    const a = await nativeOrder();
    expect(await provider.queryTrade('DD2099010100000002')).toEqual({ paid: false });
    expect(await provider.queryTrade(a.o.number)).toEqual({ paid: false, tradeNo: undefined, amountFen: 88_000 });
    expect(await confirmPayment(h.db, a.actor, a.o.id)).toMatchObject({ status: 'unpaid', paid: false });
    // A man in the middle turns NOTPAY into SUCCESS: the signature no longer verifies.
    gw.failures.push('tamper');
    await expect(confirmPayment(h.db, a.actor, a.o.id)).rejects.toMatchObject({ code: 'UNAVAILABLE', messageKey: 'payments.errors.providerUnavailable' });
    gw.failures.push('unsigned');
    await expect(provider.queryTrade(a.o.number)).rejects.toThrow(/signature/);
    expect(await paymentRows(a.o.id)).toHaveLength(0);

    // Paid; the notification lost. "支付完毕" asks and settles.
    gw.pay(a.o.number);
    expect(await confirmPayment(h.db, a.actor, a.o.id)).toMatchObject({ status: 'paid', paid: true });
    expect(await paymentRows(a.o.id)).toEqual([expect.objectContaining({ source: 'query', providerTradeNo: a.trade.transactionId })]);

    // Nobody presses anything: the reconciliation settles it; a late notification changes nothing.
    const b = await nativeOrder();
    gw.pay(b.o.number);
    const r = await reconcileOrders(h.db, new Date(Date.now() + 5 * 60_000));
    expect(r.settled).toBeGreaterThanOrEqual(1);
    expect(await paymentRows(b.o.id)).toEqual([expect.objectContaining({ source: 'reconcile', providerTradeNo: b.trade.transactionId })]);
    expect(await notify(gw.notification(b.trade))).toMatchObject({ outcome: 'repeated' });
    expect(await paymentRows(b.o.id)).toHaveLength(1);
    const queries = gw.requests.filter((x) => x.method === 'GET');
    expect(queries.every((x) => x.signed)).toBe(true);
  });

  it('refund: out_refund_no is the idempotency key; concurrent processing calls WeChat Pay once; asked again, the money moves once', async () => {
    const { o, user, trade } = await nativeOrder();
    gw.pay(o.number);
    await notify(gw.notification(trade));
    // Two tabs ask for the refund at once: one refund.
    const asks = await Promise.allSettled([1, 2].map(() => h.db.transaction((tx) => requestRefund(tx, { orderId: o.id, userId: user.id, scope: `wx-${o.id}` }))));
    expect(asks.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    expect((await h.db.select().from(refunds).where(eq(refunds.orderId, o.id))).length).toBe(1);
    const r = (asks.find((x) => x.status === 'fulfilled') as PromiseFulfilledResult<{ id: string; idempotencyKey: string }>).value;

    // A system error first: retried later with the same key.
    gw.failures.push('system_error');
    expect(await processRefund(h.db, r.id)).toMatchObject({ status: 'requested', attempts: 1, failureReason: expect.stringContaining('SYSTEM_ERROR') });
    // The loop and the request's own call (and another instance) at once: one call to WeChat Pay.
    const before = gw.requests.filter((x) => x.path === '/v3/refund/domestic/refunds').length;
    const done = await Promise.all([1, 2, 3].map(() => processRefund(h.db, r.id)));
    expect(done.filter(Boolean)).toHaveLength(1);
    expect(gw.requests.filter((x) => x.path === '/v3/refund/domestic/refunds').length).toBe(before + 1);
    const [row] = await h.db.select().from(refunds).where(eq(refunds.id, r.id));
    expect(row).toMatchObject({ status: 'refunded', providerRefundNo: expect.stringMatching(/^50300/) });
    expect((await orderRow(o.id)).status).toBe('refunded');
    const calls = gw.requests.filter((x) => x.path === '/v3/refund/domestic/refunds');
    expect(calls.every((c) => c.signed && c.body.out_refund_no === r.idempotencyKey && c.body.transaction_id === trade.transactionId)).toBe(true);
    expect(calls.at(-1)!.body.amount).toEqual({ refund: 88_000, total: 88_000, currency: 'CNY' });

    // Asked again with the same key, twice at once (a retry after a lost answer): the same refund, money moved once.
    const again = await Promise.all([1, 2].map(() => provider.refund({ orderNumber: o.number, tradeNo: trade.transactionId, amountFen: 88_000, totalFen: 88_000, idempotencyKey: r.idempotencyKey })));
    expect(again).toEqual([{ refundNo: row.providerRefundNo }, { refundNo: row.providerRefundNo }]);
    expect(gw.moneyMoved.get(r.idempotencyKey)).toBe(1);
    // Another key for money already returned: refused by the platform.
    await expect(provider.refund({ orderNumber: o.number, tradeNo: trade.transactionId, amountFen: 88_000, idempotencyKey: 'RF-other' })).rejects.toThrow(PaymentProviderError);
  });

  it('close: an order that expires (or is cancelled) closes its trade, which can then no longer be paid; a paid or unknown one is left alone', async () => {
    const { user, actor } = await person();
    const o = await newOrder(user.id, 5_000, 1);
    await startPayment(h.db, actor, { orderId: o.id, returnUrl: '/portal' }, { provider: 'wechatpay', method: 'wechat_native' });
    expect(gw.trades.get(o.number)!.state).toBe('NOTPAY');
    const { expired } = await expireOrders(h.db, new Date(Date.now() + 2 * 60_000));
    expect(expired).toBeGreaterThanOrEqual(1);
    expect((await orderRow(o.id)).status).toBe('expired');
    expect(gw.trades.get(o.number)!.state).toBe('CLOSED');
    expect(gw.requests.find((x) => x.path === `/v3/pay/transactions/out-trade-no/${o.number}/close`)).toMatchObject({ signed: true, body: { mchid: MCH_ID } });

    const c = await nativeOrder();
    await cancelOrderChecked(h.db, c.actor, c.o.id);
    expect((await orderRow(c.o.id)).status).toBe('cancelled');
    expect(c.trade.state).toBe('CLOSED');

    await provider.closeTrade('DD2099010100000003'); // never opened
    const p = await nativeOrder();
    gw.pay(p.o.number);
    await provider.closeTrade(p.o.number);
    expect(p.trade.state).toBe('SUCCESS');
  });

  it('keys: a wrong merchant key is refused by the gateway; unreadable keys and a short APIv3 key are refused at start; resources round-trip', async () => {
    const wrong = new WechatPayProvider({ ...config(), privateKey: pem().privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
    await expect(wrong.queryTrade('DD2099010100000004')).rejects.toMatchObject({ providerCode: 'SIGN_ERROR', retryable: false });
    expect(() => new WechatPayProvider({ ...config(), privateKey: 'not a key' })).toThrow(/WECHATPAY_PRIVATE_KEY_PATH/);
    expect(() => new WechatPayProvider({ ...config(), platformPublicKey: 'x' })).toThrow(/WECHATPAY_PLATFORM_PUBLIC_KEY_PATH/);
    expect(() => new WechatPayProvider({ ...config(), apiV3Key: 'short' })).toThrow(/WECHATPAY_APIV3_KEY/);
    const enc = encryptResource(APIV3_KEY, '{"a":"支付"}', 'transaction');
    expect(decryptResource(APIV3_KEY, enc)).toBe('{"a":"支付"}');
    expect(() => decryptResource(APIV3_KEY, { ...enc, associated_data: 'other' })).toThrow(PaymentProviderError);
    // An unreachable gateway is a retryable failure.
    const down = new WechatPayProvider({ ...config(), gateway: 'http://127.0.0.1:9', timeoutMs: 1000 });
    await expect(down.queryTrade('DD2099010100000005')).rejects.toMatchObject({ retryable: true });
  });
});

describe('the cashier step and the sandbox playing each method', () => {
  it('the sandbox offers both channels; a phone gets H5 / WAP, a desktop the QR code / page pay', () => {
    expect(availableChannels()).toEqual(['alipay', 'wechat']);
    expect([payMethodFor('wechat', 'desktop'), payMethodFor('wechat', 'mobile'), payMethodFor('alipay', 'desktop'), payMethodFor('alipay', 'mobile')]).toEqual(['wechat_native', 'wechat_h5', 'alipay_page', 'alipay_wap']);
  });

  it('each chosen method is recorded on the order and opens its own sandbox page; Native goes through our QR page', async () => {
    const cases = [
      { channel: 'alipay', device: 'desktop', method: 'alipay_page', page: 'sandbox.page.pay' },
      { channel: 'alipay', device: 'mobile', method: 'alipay_wap', page: 'sandbox.wap.pay' },
      { channel: 'wechat', device: 'mobile', method: 'wechat_h5', page: 'sandbox.h5.pay' },
      { channel: 'wechat', device: 'desktop', method: 'wechat_native', page: 'sandbox.native.pay' },
    ] as const;
    for (const c of cases) {
      const { user, actor } = await person();
      const o = await newOrder(user.id, 12_300);
      const r = await invokeAction(startPaymentDef, { db: h.db, actor: async () => actor, ip: '198.51.100.4', locale: 'zh-CN' }, { orderId: o.id, returnUrl: '/portal/exam/x/pay', channel: c.channel, device: c.device });
      expect(r.ok).toBe(true);
      const { redirectUrl } = (r as { ok: true; data: { redirectUrl: string } }).data;
      expect(await orderRow(o.id)).toMatchObject({ provider: 'sandbox', payMethod: c.method });
      let cashier = redirectUrl;
      if (c.method === 'wechat_native') {
        expect(redirectUrl).toMatch(/^\/pay\/qr\//);
        const view = (await qrPaymentView(h.db, actor, o.number, queryOf(redirectUrl)))!;
        // The sandbox's code is its own "scanned" page, which the QR page's button opens.
        expect(view.code).toMatch(/^http:\/\/localhost:3000\/pay\/sandbox\//);
        expect(view.sandboxScanPath).toMatch(/^\/pay\/sandbox\//);
        cashier = view.sandboxScanPath!;
      }
      const request = (await readCashierRequest(h.db, o.number, queryOf(cashier)))!;
      expect(request).toMatchObject({ method: c.page, amountFen: 12_300 });
      // Paying there sends a signed notification (kept for the cashier to show); replayed, it changes nothing.
      const paid = await payAtCashier(h.db, request, 'pay');
      expect(paid.status).toBe('paid');
      expect(await sentNotification(h.db, o.number)).toEqual(paid.notification);
      const fields = Object.fromEntries(new URLSearchParams(paid.notification!.body));
      expect(await handleNotification(h.db, 'sandbox', fields)).toMatchObject({ outcome: 'recorded' });
      expect(await handleNotification(h.db, 'sandbox', fields)).toMatchObject({ outcome: 'repeated' });
      expect(await paymentRows(o.id)).toHaveLength(1);
      expect((await orderRow(o.id)).status).toBe('paid');
    }
  });

  it('a tampered method or a method the installation does not offer is refused and changes nothing', async () => {
    const { user, actor } = await person();
    const o = await newOrder(user.id);
    const env = { db: h.db, actor: async () => actor, ip: null, locale: 'zh-CN' as const };
    expect(await invokeAction(startPaymentDef, env, { orderId: o.id, returnUrl: '/portal', channel: 'unionpay' })).toMatchObject({ ok: false });
    expect(await invokeAction(startPaymentDef, env, { orderId: o.id, returnUrl: '/portal', channel: 'wechat', device: 'tv' })).toMatchObject({ ok: false });
    expect(await orderRow(o.id)).toMatchObject({ provider: null, payMethod: null, status: 'unpaid' });
    // A signed cashier link whose method was changed: not authentic.
    const { redirectUrl } = await startPayment(h.db, actor, { orderId: o.id, returnUrl: '/portal' }, { method: 'alipay_wap' });
    expect(await readCashierRequest(h.db, o.number, { ...queryOf(redirectUrl), method: 'sandbox.native.pay' })).toBeNull();
    expect(await readCashierRequest(h.db, o.number, { ...queryOf(redirectUrl), method: 'sandbox.unknown.pay' })).toBeNull();
  });
});

import type { KeyObject } from 'node:crypto';
import { fenToYuan, yuanToFen } from '../money';
import { canonicalString, chinaDateTime, readPrivateKey, readPublicKey, rsa2Sign, rsa2Verify } from './signing';
import { PaymentProviderError, type CreatedPayment, type CreatePaymentOptions, type PaymentProvider, type ProviderOrder, type RefundRequest, type TradeStatus, type VerifiedNotification } from './types';

/**
 * Alipay (支付宝) computer-website and phone-website payment over the open API, without the SDK:
 * every request is a form of common parameters plus `biz_content` (JSON),
 * signed RSA2 (SHA256withRSA) with the app's private key over the canonical
 * string; every answer and every asynchronous notification is signed by Alipay
 * and checked with the Alipay public key before anything in it is believed.
 *
 *   page pay  alipay.trade.page.pay   a signed GET URL of the gateway (the cashier, desktop)
 *   WAP pay   alipay.trade.wap.pay    the same for phone browsers (opens the Alipay app or its H5 cashier)
 *   notify    POST form to notify_url  verified here; answered 'success'
 *   query     alipay.trade.query      by out_trade_no (our order number)
 *   refund    alipay.trade.refund     out_request_no = our idempotency key, so a
 *                                     retried refund is never paid twice
 *   close     alipay.trade.close      after a cancellation, best effort
 */
export type AlipayConfig = {
  appId: string;
  /** The app's RSA private key (PEM, or bare base64 PKCS#8 / PKCS#1). */
  privateKey: string;
  /** The Alipay public key of the app (PEM, or bare base64). */
  alipayPublicKey: string;
  gateway: string;
  timeoutMs?: number;
};

const PAID_STATES = new Set(['TRADE_SUCCESS', 'TRADE_FINISHED']);
// Alipay's answers that mean "the same request may succeed later" (system busy, unknown outcome).
const RETRYABLE_SUB_CODES = new Set(['ACQ.SYSTEM_ERROR', 'aop.ACQ.SYSTEM_ERROR', 'isp.unknow-error', 'ACQ.REFUND_FEE_ERROR_RETRY']);

type AlipayNode = Record<string, unknown> & { code?: string; msg?: string; sub_code?: string; sub_msg?: string };

export class AlipayProvider implements PaymentProvider {
  readonly name = 'alipay';
  readonly notifyAck = { ok: 'success', fail: 'fail' };
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor(
    private readonly cfg: AlipayConfig,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    try {
      this.privateKey = readPrivateKey(cfg.privateKey);
    } catch (e) {
      throw new Error('ALIPAY_PRIVATE_KEY is not a readable RSA private key (PEM, or the base64 PKCS#8 / PKCS#1 the Alipay key tool prints)', { cause: e });
    }
    try {
      this.publicKey = readPublicKey(cfg.alipayPublicKey);
    } catch (e) {
      throw new Error('ALIPAY_PUBLIC_KEY is not a readable RSA public key (PEM, or base64)', { cause: e });
    }
  }

  /** Common parameters + biz_content, signed. */
  private signed(method: string, biz: Record<string, unknown>, extra: Record<string, string> = {}): Record<string, string> {
    const params: Record<string, string> = {
      app_id: this.cfg.appId,
      method,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: chinaDateTime(new Date()),
      version: '1.0',
      ...extra,
      biz_content: JSON.stringify(biz),
    };
    return { ...params, sign: rsa2Sign(canonicalString(params), this.privateKey) };
  }

  async createPayment(order: ProviderOrder, urls: { returnUrl: string; notifyUrl: string }, opts: CreatePaymentOptions = {}): Promise<CreatedPayment> {
    const wap = opts.method === 'alipay_wap';
    const params = this.signed(
      wap ? 'alipay.trade.wap.pay' : 'alipay.trade.page.pay',
      {
        out_trade_no: order.number,
        product_code: wap ? 'QUICK_WAP_WAY' : 'FAST_INSTANT_TRADE_PAY',
        total_amount: fenToYuan(order.amountFen),
        subject: order.title.slice(0, 256),
        // The trade closes when the order expires, so nobody can pay an order we have released.
        time_expire: chinaDateTime(order.expiresAt),
        // On a phone, "返回商家" while paying leads back to the merchant's page.
        ...(wap ? { quit_url: urls.returnUrl } : {}),
      },
      { return_url: urls.returnUrl, notify_url: urls.notifyUrl },
    );
    const url = new URL(this.cfg.gateway);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return { redirectUrl: url.toString() };
  }

  async verifyNotification(params: Record<string, string>): Promise<VerifiedNotification> {
    if (!params.sign) throw new PaymentProviderError('notification without a signature');
    if (params.sign_type && params.sign_type !== 'RSA2') throw new PaymentProviderError(`unsupported sign_type ${params.sign_type}`);
    if (!rsa2Verify(canonicalString(params), params.sign, this.publicKey)) throw new PaymentProviderError('notification signature does not verify');
    if (params.app_id !== this.cfg.appId) throw new PaymentProviderError('notification for another app');
    const amountFen = yuanToFen(params.total_amount ?? '');
    if (!params.out_trade_no || !params.trade_no || amountFen === null) throw new PaymentProviderError('notification without order number, trade number or amount');
    return { orderNumber: params.out_trade_no, tradeNo: params.trade_no, amountFen, paid: PAID_STATES.has(params.trade_status ?? '') };
  }

  async queryTrade(orderNumber: string): Promise<TradeStatus> {
    const r = await this.call('alipay.trade.query', { out_trade_no: orderNumber });
    if (r.code === '10000') {
      if (r.out_trade_no !== undefined && r.out_trade_no !== orderNumber) throw new PaymentProviderError('alipay.trade.query answered for another order');
      const paid = PAID_STATES.has(String(r.trade_status ?? ''));
      const amountFen = typeof r.total_amount === 'string' ? yuanToFen(r.total_amount) : null;
      if (paid && (amountFen === null || typeof r.trade_no !== 'string')) throw new PaymentProviderError('alipay.trade.query: a paid trade without trade number or amount');
      return { paid, tradeNo: typeof r.trade_no === 'string' ? r.trade_no : undefined, amountFen: amountFen ?? undefined };
    }
    // The payer never opened the cashier (or never logged in there): no trade, nothing paid.
    if (r.sub_code === 'ACQ.TRADE_NOT_EXIST') return { paid: false };
    throw failure('alipay.trade.query', r);
  }

  async refund(req: RefundRequest): Promise<{ refundNo: string }> {
    const r = await this.call('alipay.trade.refund', {
      out_trade_no: req.orderNumber,
      trade_no: req.tradeNo,
      refund_amount: fenToYuan(req.amountFen),
      // Alipay refunds one out_request_no once: asking again answers success without moving money.
      out_request_no: req.idempotencyKey,
      ...(req.reason ? { refund_reason: req.reason.slice(0, 256) } : {}),
    });
    if (r.code === '10000') return { refundNo: `${typeof r.trade_no === 'string' ? r.trade_no : req.tradeNo}:${req.idempotencyKey}` };
    throw failure('alipay.trade.refund', r);
  }

  async closeTrade(orderNumber: string): Promise<void> {
    const r = await this.call('alipay.trade.close', { out_trade_no: orderNumber });
    // No trade yet (never opened), or already paid/closed: nothing to close.
    if (r.code === '10000' || r.sub_code === 'ACQ.TRADE_NOT_EXIST' || r.sub_code === 'ACQ.TRADE_STATUS_ERROR') return;
    throw failure('alipay.trade.close', r);
  }

  /** One API call: POST the signed form, check the answer's signature, return its response node. */
  private async call(method: string, biz: Record<string, unknown>): Promise<AlipayNode> {
    const params = this.signed(method, biz);
    let text: string;
    try {
      const res = await this.fetchImpl(this.cfg.gateway, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8', accept: 'application/json' },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(this.cfg.timeoutMs ?? 10_000),
      });
      text = await res.text();
      if (!res.ok) throw new PaymentProviderError(`Alipay gateway answered HTTP ${res.status}`, { retryable: res.status >= 500 || res.status === 429 });
    } catch (e) {
      if (e instanceof PaymentProviderError) throw e;
      throw new PaymentProviderError(`Alipay gateway unreachable: ${e instanceof Error ? e.message : String(e)}`, { retryable: true, cause: e });
    }
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new PaymentProviderError('Alipay gateway answered something other than JSON', { retryable: true });
    }
    const key = `${method.replace(/\./g, '_')}_response`;
    const nodeKey = key in json ? key : 'error_response' in json ? 'error_response' : null;
    const node = nodeKey ? (json[nodeKey] as AlipayNode | undefined) : undefined;
    if (!nodeKey || !node || typeof node !== 'object') throw new PaymentProviderError(`Alipay answer without ${key}`, { retryable: true });
    if (typeof json.sign === 'string') {
      const content = rawMember(text, nodeKey);
      if (!content || !rsa2Verify(content, json.sign, this.publicKey)) throw new PaymentProviderError(`${method}: the answer's signature does not verify`);
    } else if (node.code === '10000') {
      // Alipay signs every successful answer; an unsigned success is not Alipay.
      throw new PaymentProviderError(`${method}: unsigned answer`);
    }
    return node;
  }
}

function failure(method: string, r: AlipayNode): PaymentProviderError {
  const retryable = r.code === '20000' || RETRYABLE_SUB_CODES.has(String(r.sub_code ?? ''));
  return new PaymentProviderError(`${method}: ${r.sub_msg ?? r.msg ?? 'failed'} (${r.sub_code ?? r.code ?? 'no code'})`, { retryable, providerCode: String(r.sub_code ?? r.code ?? '') });
}

/**
 * The exact text of a top-level member's object value, as Alipay signed it
 * (re-serializing the parsed JSON would change spacing, escapes and order).
 * Scans from `"key"` to its matching closing brace, skipping strings.
 */
export function rawMember(text: string, key: string): string | null {
  const at = text.indexOf(`"${key}"`);
  if (at < 0) return null;
  const start = text.indexOf('{', at + key.length + 2);
  if (start < 0 || text.slice(at + key.length + 2, start).replace(/[\s:]/g, '') !== '') return null;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return null;
}

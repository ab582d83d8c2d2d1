import crypto, { type KeyObject } from 'node:crypto';
import { readPrivateKey, readPublicKey, safeEqual } from './signing';
import {
  PaymentProviderError,
  type CreatedPayment,
  type CreatePaymentOptions,
  type PaymentProvider,
  type ProviderOrder,
  type RawNotification,
  type RefundRequest,
  type TradeStatus,
  type VerifiedNotification,
} from './types';

/**
 * WeChat Pay (微信支付) API v3, without the SDK:
 *
 *   Native   POST /v3/pay/transactions/native   → code_url, shown as a QR code on our page (desktop)
 *   H5       POST /v3/pay/transactions/h5       → h5_url, where a phone browser is sent
 *   notify   POST JSON to notify_url             signature checked, resource decrypted (AEAD_AES_256_GCM
 *                                                with the APIv3 key); answered HTTP 200 with no body
 *   query    GET  /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=…
 *   refund   POST /v3/refund/domestic/refunds    out_refund_no = our idempotency key (refunded once)
 *   close    POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close
 *
 * Every request carries an `Authorization: WECHATPAY2-SHA256-RSA2048 …` header
 * signed (SHA256withRSA) with the merchant's API private key over
 * "METHOD\nURL\ntimestamp\nnonce\nbody\n"; every answer and notification is
 * signed by WeChat Pay over "timestamp\nnonce\nbody\n" and checked with the
 * WeChat Pay platform public key (the Wechatpay-Serial header must name it)
 * before anything in it is believed.
 */
export type WechatPayConfig = {
  /** 商户号 */
  mchId: string;
  /** The AppID bound to the merchant (公众号 / 网站应用). */
  appId: string;
  /** The serial number of the merchant API certificate (商户API证书序列号). */
  certSerial: string;
  /** The merchant API private key (apiclient_key.pem). */
  privateKey: string;
  /** The 32-byte APIv3 key (APIv3密钥), which decrypts notification resources. */
  apiV3Key: string;
  /** The WeChat Pay public key (微信支付公钥, PEM or base64) that checks answers and notifications… */
  platformPublicKey: string;
  /** …and its id (PUB_KEY_ID_… or the platform certificate's serial), as the Wechatpay-Serial header names it. */
  platformKeyId: string;
  gateway: string;
  timeoutMs?: number;
  /** How old a notification's timestamp may be (replays of older ones are refused); five minutes by default. */
  maxClockSkewSec?: number;
};

const AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';
// Answers that mean "the same request may succeed later".
const RETRYABLE_CODES = new Set(['SYSTEM_ERROR', 'SYSTEMERROR', 'FREQUENCY_LIMITED', 'BANK_ERROR', 'NOT_ENOUGH']);

type Answer = { status: number; body: string; json: Record<string, unknown> | null };

/** A date and time in China as RFC 3339, as WeChat Pay writes them: 2026-03-01T09:30:00+08:00. */
export function rfc3339China(d: Date): string {
  const t = new Date(Math.floor(d.getTime() / 1000) * 1000 + 8 * 3_600_000);
  return `${t.toISOString().slice(0, 19)}+08:00`;
}

/** Decrypts a notification's `resource` (AEAD_AES_256_GCM: the last 16 bytes of the ciphertext are the tag). */
export function decryptResource(apiV3Key: string, resource: { ciphertext: string; nonce: string; associated_data?: string }): string {
  const key = Buffer.from(apiV3Key, 'utf8');
  if (key.length !== 32) throw new PaymentProviderError('the APIv3 key must be 32 bytes');
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (data.length < 17) throw new PaymentProviderError('notification resource too short');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(resource.nonce, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
  try {
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
  } catch (e) {
    throw new PaymentProviderError('notification resource does not decrypt (wrong APIv3 key or tampered)', { cause: e });
  }
}

/** Encrypts a resource as WeChat Pay does (the fake gateway of the tests and nothing else uses it). */
export function encryptResource(apiV3Key: string, plaintext: string, associatedData: string, nonce = crypto.randomBytes(6).toString('hex')): { algorithm: string; ciphertext: string; nonce: string; associated_data: string } {
  const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: ct.toString('base64'), nonce, associated_data: associatedData };
}

function header(headers: Record<string, string> | Headers, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === want) return v;
  return undefined;
}

export class WechatPayProvider implements PaymentProvider {
  readonly name = 'wechatpay';
  // Success: HTTP 200 with no body; failure: 4xx/5xx with a JSON reason (WeChat Pay retries).
  readonly notifyAck = { ok: '', fail: JSON.stringify({ code: 'FAIL', message: '失败' }), contentType: 'application/json; charset=utf-8' };
  private readonly privateKey: KeyObject;
  private readonly platformKey: KeyObject;

  constructor(
    private readonly cfg: WechatPayConfig,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    try {
      this.privateKey = readPrivateKey(cfg.privateKey);
    } catch (e) {
      throw new Error('WECHATPAY_PRIVATE_KEY_PATH does not hold a readable RSA private key (apiclient_key.pem)', { cause: e });
    }
    try {
      this.platformKey = readPublicKey(cfg.platformPublicKey);
    } catch (e) {
      throw new Error('WECHATPAY_PLATFORM_PUBLIC_KEY_PATH does not hold a readable RSA public key (pub_key.pem)', { cause: e });
    }
    if (Buffer.byteLength(cfg.apiV3Key, 'utf8') !== 32) throw new Error('WECHATPAY_APIV3_KEY must be the 32-character APIv3 key');
  }

  /** The Authorization header of one request. */
  authorization(method: string, pathAndQuery: string, body: string, now = new Date(), nonce = crypto.randomBytes(16).toString('hex').toUpperCase()): string {
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const signature = crypto.sign('RSA-SHA256', Buffer.from(`${method}\n${pathAndQuery}\n${timestamp}\n${nonce}\n${body}\n`, 'utf8'), this.privateKey).toString('base64');
    return `${AUTH_SCHEMA} mchid="${this.cfg.mchId}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${this.cfg.certSerial}"`;
  }

  /** Whether a body was signed by WeChat Pay with these headers. */
  private verifySigned(headers: Record<string, string> | Headers, body: string): boolean {
    const timestamp = header(headers, 'Wechatpay-Timestamp');
    const nonce = header(headers, 'Wechatpay-Nonce');
    const signature = header(headers, 'Wechatpay-Signature');
    const serial = header(headers, 'Wechatpay-Serial');
    if (!timestamp || !nonce || !signature || !serial || !safeEqual(serial, this.cfg.platformKeyId)) return false;
    try {
      return crypto.verify('RSA-SHA256', Buffer.from(`${timestamp}\n${nonce}\n${body}\n`, 'utf8'), this.platformKey, Buffer.from(signature, 'base64'));
    } catch {
      return false;
    }
  }

  async createPayment(order: ProviderOrder, urls: { returnUrl: string; notifyUrl: string }, opts: CreatePaymentOptions = {}): Promise<CreatedPayment> {
    const h5 = opts.method === 'wechat_h5';
    const body: Record<string, unknown> = {
      appid: this.cfg.appId,
      mchid: this.cfg.mchId,
      // WeChat Pay takes at most 127 characters of description.
      description: [...order.title].slice(0, 120).join(''),
      out_trade_no: order.number,
      // The trade closes when the order expires, so nobody can pay an order we have released.
      time_expire: rfc3339China(order.expiresAt),
      notify_url: urls.notifyUrl,
      amount: { total: order.amountFen, currency: 'CNY' },
    };
    if (h5) body.scene_info = { payer_client_ip: opts.clientIp || '127.0.0.1', h5_info: { type: 'Wap' } };
    const path = h5 ? '/v3/pay/transactions/h5' : '/v3/pay/transactions/native';
    const r = await this.call('POST', path, body);
    if (r.status !== 200) throw failure(path, r);
    if (h5) {
      const h5Url = r.json?.h5_url;
      if (typeof h5Url !== 'string' || !/^https:\/\//.test(h5Url)) throw new PaymentProviderError(`${path}: answer without h5_url`);
      // After paying (or giving up) WeChat sends the payer back here.
      return { redirectUrl: `${h5Url}${h5Url.includes('?') ? '&' : '?'}redirect_url=${encodeURIComponent(urls.returnUrl)}` };
    }
    const codeUrl = r.json?.code_url;
    if (typeof codeUrl !== 'string' || !codeUrl.startsWith('weixin://')) throw new PaymentProviderError(`${path}: answer without code_url`);
    return { qrCode: codeUrl };
  }

  async verifyNotification(_params: Record<string, string>, raw?: RawNotification): Promise<VerifiedNotification> {
    if (!raw) throw new PaymentProviderError('WeChat Pay notification without its raw body and headers');
    if (!this.verifySigned(raw.headers, raw.body)) throw new PaymentProviderError('notification signature does not verify');
    const ts = Number(header(raw.headers, 'Wechatpay-Timestamp'));
    if (!Number.isFinite(ts) || Math.abs(Date.now() / 1000 - ts) > (this.cfg.maxClockSkewSec ?? 300)) throw new PaymentProviderError('notification timestamp too old or in the future');
    let note: { event_type?: string; resource_type?: string; resource?: { algorithm?: string; ciphertext?: string; nonce?: string; associated_data?: string; original_type?: string } };
    try {
      note = JSON.parse(raw.body) as typeof note;
    } catch {
      throw new PaymentProviderError('notification is not JSON');
    }
    const res = note.resource;
    if (!res || res.algorithm !== 'AEAD_AES_256_GCM' || typeof res.ciphertext !== 'string' || typeof res.nonce !== 'string') throw new PaymentProviderError('notification without an AEAD_AES_256_GCM resource');
    let tx: { mchid?: string; appid?: string; out_trade_no?: string; transaction_id?: string; trade_state?: string; amount?: { total?: number; payer_total?: number; currency?: string } };
    try {
      tx = JSON.parse(decryptResource(this.cfg.apiV3Key, { ciphertext: res.ciphertext, nonce: res.nonce, associated_data: res.associated_data })) as typeof tx;
    } catch (e) {
      if (e instanceof PaymentProviderError) throw e;
      throw new PaymentProviderError('notification resource is not JSON');
    }
    if (tx.mchid !== this.cfg.mchId || tx.appid !== this.cfg.appId) throw new PaymentProviderError('notification for another merchant or app');
    const amountFen = tx.amount?.total;
    if (!tx.out_trade_no || !tx.transaction_id || typeof amountFen !== 'number' || !Number.isSafeInteger(amountFen) || amountFen <= 0) {
      throw new PaymentProviderError('notification without order number, transaction id or amount');
    }
    if (tx.amount?.currency && tx.amount.currency !== 'CNY') throw new PaymentProviderError('notification in another currency');
    const paid = note.event_type === 'TRANSACTION.SUCCESS' && tx.trade_state === 'SUCCESS';
    return { orderNumber: tx.out_trade_no, tradeNo: tx.transaction_id, amountFen, paid, record: { event_type: note.event_type, transaction: tx } };
  }

  async queryTrade(orderNumber: string): Promise<TradeStatus> {
    const path = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(orderNumber)}?mchid=${encodeURIComponent(this.cfg.mchId)}`;
    const r = await this.call('GET', path, null);
    // The payer never scanned / opened the cashier: no trade, nothing paid.
    if (r.status === 404 && r.json?.code === 'ORDER_NOT_EXIST') return { paid: false };
    if (r.status !== 200 || !r.json) throw failure('query', r);
    const j = r.json as { out_trade_no?: string; transaction_id?: string; trade_state?: string; mchid?: string; amount?: { total?: number } };
    if (j.out_trade_no !== orderNumber || (j.mchid !== undefined && j.mchid !== this.cfg.mchId)) throw new PaymentProviderError('query answered for another order');
    const paid = j.trade_state === 'SUCCESS' || j.trade_state === 'REFUND';
    const amountFen = j.amount?.total;
    if (paid && (typeof j.transaction_id !== 'string' || typeof amountFen !== 'number')) throw new PaymentProviderError('query: a paid trade without transaction id or amount');
    return { paid, tradeNo: j.transaction_id, amountFen: typeof amountFen === 'number' ? amountFen : undefined };
  }

  async refund(req: RefundRequest): Promise<{ refundNo: string }> {
    const path = '/v3/refund/domestic/refunds';
    const r = await this.call('POST', path, {
      transaction_id: req.tradeNo,
      out_trade_no: req.orderNumber,
      // WeChat Pay refunds one out_refund_no once: asking again answers the same refund without moving money.
      out_refund_no: req.idempotencyKey,
      ...(req.reason ? { reason: [...req.reason].slice(0, 80).join('') } : {}),
      amount: { refund: req.amountFen, total: req.totalFen ?? req.amountFen, currency: 'CNY' },
    });
    if (r.status === 200 && r.json) {
      const status = r.json.status;
      // PROCESSING: accepted, the money is on its way back (it cannot fail for lack of funds any more).
      if ((status === 'SUCCESS' || status === 'PROCESSING') && typeof r.json.refund_id === 'string') return { refundNo: r.json.refund_id };
      throw new PaymentProviderError(`refund: status ${String(status)}`, { providerCode: String(status) });
    }
    throw failure('refund', r);
  }

  async closeTrade(orderNumber: string): Promise<void> {
    const path = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(orderNumber)}/close`;
    const r = await this.call('POST', path, { mchid: this.cfg.mchId });
    // Closed; or never opened, or already paid/closed: nothing to close.
    if (r.status === 204 || r.status === 200) return;
    const code = String(r.json?.code ?? '');
    if (code === 'ORDER_NOT_EXIST' || code === 'ORDER_PAID' || code === 'ORDERPAID' || code === 'ORDER_CLOSED') return;
    throw failure('close', r);
  }

  /** One API call: sign it, send it, check the answer's signature (every 2xx must be signed by WeChat Pay). */
  private async call(method: 'GET' | 'POST', path: string, body: Record<string, unknown> | null): Promise<Answer> {
    const text = body ? JSON.stringify(body) : '';
    const url = new URL(path, this.cfg.gateway);
    let res: Response;
    let answer: string;
    try {
      res = await this.fetchImpl(url, {
        method,
        headers: {
          authorization: this.authorization(method, `${url.pathname}${url.search}`, text),
          accept: 'application/json',
          'user-agent': 'accredit-wechatpay/1',
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? text : undefined,
        signal: AbortSignal.timeout(this.cfg.timeoutMs ?? 10_000),
      });
      answer = await res.text();
    } catch (e) {
      throw new PaymentProviderError(`WeChat Pay unreachable: ${e instanceof Error ? e.message : String(e)}`, { retryable: true, cause: e });
    }
    if (res.status >= 200 && res.status < 300 && !this.verifySigned(res.headers, answer)) {
      throw new PaymentProviderError(`${method} ${url.pathname}: the answer's signature does not verify`);
    }
    let json: Record<string, unknown> | null = null;
    if (answer) {
      try {
        json = JSON.parse(answer) as Record<string, unknown>;
      } catch {
        if (res.status < 500) throw new PaymentProviderError(`${method} ${url.pathname}: answered something other than JSON`, { retryable: true });
      }
    }
    return { status: res.status, body: answer, json };
  }
}

function failure(what: string, r: Answer): PaymentProviderError {
  const code = typeof r.json?.code === 'string' ? r.json.code : `HTTP ${r.status}`;
  const message = typeof r.json?.message === 'string' ? r.json.message : 'failed';
  const retryable = r.status >= 500 || r.status === 429 || RETRYABLE_CODES.has(code);
  return new PaymentProviderError(`wechatpay ${what}: ${message} (${code})`, { retryable, providerCode: code });
}

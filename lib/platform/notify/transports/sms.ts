import crypto from 'node:crypto';
import type { DeliveryContext, SmsMessage, SmsTransport } from '../types';
import { PermanentDeliveryError } from '../types';

/** RFC 3986 encoding as Aliyun's RPC signature requires. */
function aliyunEncode(s: string): string {
  return encodeURIComponent(s).replace(/\+/g, '%20').replace(/\*/g, '%2A').replace(/%7E/g, '~').replace(/[!'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Signs Aliyun RPC-style parameters (SignatureVersion 1.0, HMAC-SHA1). */
export function aliyunSign(params: Record<string, string>, secret: string, method = 'GET'): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${aliyunEncode(k)}=${aliyunEncode(params[k])}`)
    .join('&');
  const stringToSign = `${method}&${aliyunEncode('/')}&${aliyunEncode(canonical)}`;
  return crypto.createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}

export type AliyunSmsConfig = {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** Our template names → Aliyun template codes (SMS_xxx). */
  templates: Record<string, string>;
  endpoint?: string;
};

export class AliyunSmsTransport implements SmsTransport {
  readonly name = 'aliyun';
  constructor(
    private readonly cfg: AliyunSmsConfig,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(msg: SmsMessage, ctx: DeliveryContext) {
    const templateCode = this.cfg.templates[msg.template];
    if (!templateCode) throw new PermanentDeliveryError(`no Aliyun template configured for "${msg.template}"`);
    const params: Record<string, string> = {
      AccessKeyId: this.cfg.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      OutId: ctx.idempotencyKey,
      PhoneNumbers: msg.to,
      RegionId: 'cn-hangzhou',
      SignName: this.cfg.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: crypto.randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: templateCode,
      TemplateParam: JSON.stringify(msg.params),
      Timestamp: this.now().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
    const signature = aliyunSign(params, this.cfg.accessKeySecret);
    const qs = new URLSearchParams({ ...params, Signature: signature });
    const res = await this.fetchImpl(`${this.cfg.endpoint ?? 'https://dysmsapi.aliyuncs.com'}/?${qs}`, {
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json().catch(() => ({}))) as { Code?: string; Message?: string; BizId?: string };
    if (body.Code === 'OK') return { providerMessageId: body.BizId };
    const permanent = /^isv\.(MOBILE_NUMBER_ILLEGAL|TEMPLATE_MISSING_PARAMETERS|SMS_TEMPLATE_ILLEGAL|SMS_SIGNATURE_ILLEGAL)/.test(body.Code ?? '');
    const err = `aliyun ${res.status} ${body.Code ?? ''}: ${body.Message ?? ''}`;
    throw permanent ? new PermanentDeliveryError(err) : new Error(err);
  }
}

const sha256hex = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const hmac = (key: crypto.BinaryLike, s: string) => crypto.createHmac('sha256', key).update(s).digest();

/** Builds the TC3-HMAC-SHA256 Authorization header of a Tencent Cloud API call. */
export function tencentAuthorization(opts: {
  secretId: string;
  secretKey: string;
  service: string;
  host: string;
  payload: string;
  timestamp: number;
}): string {
  const date = new Date(opts.timestamp * 1000).toISOString().slice(0, 10);
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:application/json; charset=utf-8\nhost:${opts.host}\n`,
    'content-type;host',
    sha256hex(opts.payload),
  ].join('\n');
  const scope = `${date}/${opts.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(opts.timestamp), scope, sha256hex(canonicalRequest)].join('\n');
  const kDate = hmac(`TC3${opts.secretKey}`, date);
  const kService = hmac(kDate, opts.service);
  const kSigning = hmac(kService, 'tc3_request');
  const signature = crypto.createHmac('sha256', kSigning).update(stringToSign).digest('hex');
  return `TC3-HMAC-SHA256 Credential=${opts.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}

export type TencentSmsConfig = {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  region: string;
  /** Our template names → "templateId:param1,param2" (Tencent takes parameters by position). */
  templates: Record<string, string>;
  host?: string;
};

export class TencentSmsTransport implements SmsTransport {
  readonly name = 'tencent';
  constructor(
    private readonly cfg: TencentSmsConfig,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(msg: SmsMessage, ctx: DeliveryContext) {
    const spec = this.cfg.templates[msg.template];
    if (!spec) throw new PermanentDeliveryError(`no Tencent template configured for "${msg.template}"`);
    const [templateId, names = ''] = spec.split(':');
    const host = this.cfg.host ?? 'sms.tencentcloudapi.com';
    const payload = JSON.stringify({
      PhoneNumberSet: [msg.to.startsWith('+') ? msg.to : `+86${msg.to}`],
      SmsSdkAppId: this.cfg.sdkAppId,
      SignName: this.cfg.signName,
      TemplateId: templateId,
      TemplateParamSet: names ? names.split(',').map((n) => msg.params[n.trim()] ?? '') : [],
      SessionContext: ctx.idempotencyKey,
    });
    const timestamp = Math.floor(this.now().getTime() / 1000);
    const res = await this.fetchImpl(`https://${host}/`, {
      method: 'POST',
      headers: {
        Authorization: tencentAuthorization({ secretId: this.cfg.secretId, secretKey: this.cfg.secretKey, service: 'sms', host, payload, timestamp }),
        'Content-Type': 'application/json; charset=utf-8',
        Host: host,
        'X-TC-Action': 'SendSms',
        'X-TC-Version': '2021-01-11',
        'X-TC-Timestamp': String(timestamp),
        'X-TC-Region': this.cfg.region,
      },
      body: payload,
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json().catch(() => ({}))) as {
      Response?: { Error?: { Code: string; Message: string }; SendStatusSet?: Array<{ Code: string; Message: string; SerialNo?: string }> };
    };
    const r = body.Response;
    if (r?.Error) throw new Error(`tencent ${r.Error.Code}: ${r.Error.Message}`);
    const status = r?.SendStatusSet?.[0];
    if (status?.Code === 'Ok') return { providerMessageId: status.SerialNo };
    const err = `tencent ${status?.Code ?? res.status}: ${status?.Message ?? ''}`;
    throw status?.Code?.startsWith('InvalidParameterValue') ? new PermanentDeliveryError(err) : new Error(err);
  }
}

import { describe, expect, it } from 'vitest';
import { aliyunSign, AliyunSmsTransport, tencentAuthorization, TencentSmsTransport } from '@/lib/platform/notify/transports/sms';
import { ResendEmailTransport } from '@/lib/platform/notify/transports/email';
import { PermanentDeliveryError } from '@/lib/platform/notify';

// Third-party networks are unreachable here: these tests check what we would send.
const ctx = { outboxId: 42, idempotencyKey: 'outbox-42' };
const sms = { to: '13800000001', template: 'verification_code', params: { code: '123456' }, text: '验证码123456' };

function fakeFetch(response: unknown, status = 200) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const f = (async (url: string, init?: RequestInit) => {
    calls.push({ url: String(url), init });
    return new Response(JSON.stringify(response), { status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { f, calls };
}

describe('Aliyun SMS', () => {
  it('signs as in the provider documentation example', () => {
    // The worked example of Aliyun's "HTTP protocol and signature" page.
    const params = {
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    };
    expect(aliyunSign(params, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it('sends the mapped template with our idempotency key and reports the BizId', async () => {
    const { f, calls } = fakeFetch({ Code: 'OK', BizId: 'biz-1' });
    const t = new AliyunSmsTransport({ accessKeyId: 'id', accessKeySecret: 's', signName: '平台', templates: { verification_code: 'SMS_1' } }, f);
    expect(await t.send(sms, ctx)).toEqual({ providerMessageId: 'biz-1' });
    const q = new URL(calls[0].url).searchParams;
    expect(q.get('TemplateCode')).toBe('SMS_1');
    expect(q.get('OutId')).toBe('outbox-42');
    expect(JSON.parse(q.get('TemplateParam')!)).toEqual({ code: '123456' });
    expect(q.get('Signature')).toBeTruthy();
  });

  it('treats an illegal number as permanent and throttling as retryable', async () => {
    const bad = new AliyunSmsTransport({ accessKeyId: 'id', accessKeySecret: 's', signName: '平台', templates: { verification_code: 'SMS_1' } }, fakeFetch({ Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' }).f);
    await expect(bad.send(sms, ctx)).rejects.toBeInstanceOf(PermanentDeliveryError);
    const busy = new AliyunSmsTransport({ accessKeyId: 'id', accessKeySecret: 's', signName: '平台', templates: { verification_code: 'SMS_1' } }, fakeFetch({ Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发流控' }).f);
    const err = await busy.send(sms, ctx).catch((e) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PermanentDeliveryError);
  });

  it('refuses a template that is not configured, permanently', async () => {
    const t = new AliyunSmsTransport({ accessKeyId: 'id', accessKeySecret: 's', signName: '平台', templates: {} }, fakeFetch({}).f);
    await expect(t.send(sms, ctx)).rejects.toBeInstanceOf(PermanentDeliveryError);
  });
});

describe('Tencent SMS', () => {
  it('builds a TC3-HMAC-SHA256 authorization bound to the payload and date', () => {
    const base = { secretId: 'AKIDtest', secretKey: 'key', service: 'sms', host: 'sms.tencentcloudapi.com', payload: '{"a":1}', timestamp: 1_700_000_000 };
    const a = tencentAuthorization(base);
    expect(a).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDtest\/2023-11-14\/sms\/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$/);
    expect(tencentAuthorization({ ...base, payload: '{"a":2}' })).not.toBe(a);
    expect(tencentAuthorization({ ...base, secretKey: 'other' })).not.toBe(a);
  });

  it('passes template parameters by position and +86 numbers', async () => {
    const { f, calls } = fakeFetch({ Response: { SendStatusSet: [{ Code: 'Ok', SerialNo: 'sn-1' }] } });
    const t = new TencentSmsTransport(
      { secretId: 'id', secretKey: 'k', sdkAppId: '1400', signName: '平台', region: 'ap-guangzhou', templates: { verification_code: '987:code,minutes' } },
      f,
    );
    expect(await t.send({ ...sms, params: { code: '654321', minutes: '5' } }, ctx)).toEqual({ providerMessageId: 'sn-1' });
    const body = JSON.parse(String(calls[0].init!.body));
    expect(body).toMatchObject({ PhoneNumberSet: ['+8613800000001'], TemplateId: '987', TemplateParamSet: ['654321', '5'], SessionContext: 'outbox-42' });
    expect((calls[0].init!.headers as Record<string, string>)['X-TC-Action']).toBe('SendSms');
  });
});

describe('Resend', () => {
  it('sends with the outbox idempotency key', async () => {
    const { f, calls } = fakeFetch({ id: 'em_1' });
    const t = new ResendEmailTransport('re_key', '平台 <noreply@x.cn>', f);
    expect(await t.send({ to: 'a@b.cn', subject: '主题', text: '正文' }, ctx)).toEqual({ providerMessageId: 'em_1' });
    expect((calls[0].init!.headers as Record<string, string>)['Idempotency-Key']).toBe('outbox-42');
  });

  it('a 422 (invalid address) is permanent, a 500 is retryable', async () => {
    await expect(new ResendEmailTransport('k', 'f', fakeFetch({ message: 'invalid' }, 422).f).send({ to: 'x', subject: 's', text: 't' }, ctx)).rejects.toBeInstanceOf(PermanentDeliveryError);
    const e = await new ResendEmailTransport('k', 'f', fakeFetch({}, 500).f).send({ to: 'x', subject: 's', text: 't' }, ctx).catch((x) => x);
    expect(e).not.toBeInstanceOf(PermanentDeliveryError);
  });
});

import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/platform/env';
import { fenToYuan, formatFen, parseFen, yuanToFen } from '@/lib/platform/payments/money';
import { canonicalString, chinaDate, chinaDateTime } from '@/lib/platform/payments/providers/signing';
import { amountInCapitals } from '@/lib/platform/pdf/templates/receipt';

describe('money in fen', () => {
  it('converts between fen and yuan without floating point', () => {
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(88_050)).toBe('880.50');
    expect(fenToYuan(-120)).toBe('-1.20');
    expect(() => fenToYuan(1.5)).toThrow();
    expect(formatFen(123_456_789)).toBe('¥1,234,567.89');
    expect(formatFen(88_000)).toBe('¥880.00');
    expect(yuanToFen('880')).toBe(88_000);
    expect(yuanToFen('880.5')).toBe(88_050);
    expect(yuanToFen('0.29')).toBe(29); // 0.29 * 100 is 28.999999999999996 in floating point
    expect(yuanToFen('1.001')).toBeNull();
    expect(yuanToFen('-1.00')).toBeNull();
    expect(yuanToFen('1e3')).toBeNull();
    expect(yuanToFen(' 1.00')).toBeNull();
    expect(parseFen('8800')).toBe(8800);
    expect(parseFen('88.00')).toBeNull();
    expect(parseFen('')).toBeNull();
  });

  it('writes amounts in Chinese capitals as receipts do', () => {
    expect(amountInCapitals(88_050)).toBe('捌佰捌拾元伍角整');
    expect(amountInCapitals(88_005)).toBe('捌佰捌拾元零伍分');
    expect(amountInCapitals(100_000)).toBe('壹仟元整');
    expect(amountInCapitals(100_500)).toBe('壹仟零伍元整');
    expect(amountInCapitals(1_000_500)).toBe('壹万零伍元整');
    expect(amountInCapitals(1_005_000_000)).toBe('壹仟零伍万元整');
    expect(amountInCapitals(10_000_010_000)).toBe('壹亿零壹佰元整');
    expect(amountInCapitals(5)).toBe('伍分');
    expect(amountInCapitals(0)).toBe('零元整');
  });
});

describe('signing conventions', () => {
  it('signs every non-empty parameter but sign and sign_type, sorted, unencoded', () => {
    expect(canonicalString({ b: '2', a: '1', sign: 'x', sign_type: 'RSA2', c: '', d: undefined, e: 'a&b=c 中' })).toBe('a=1&b=2&e=a&b=c 中');
  });

  it('writes China time whatever the server zone', () => {
    const d = new Date('2026-02-28T17:05:09Z');
    expect(chinaDateTime(d)).toBe('2026-03-01 01:05:09');
    expect(chinaDate(d)).toBe('20260301');
  });
});

describe('payment configuration', () => {
  it('defaults to the sandbox with the loop on and notifications delivered', () => {
    const e = parseEnv({});
    expect(e.PAYMENT_PROVIDER).toBe('sandbox');
    expect(e.PAYMENT_RECONCILE_SECONDS).toBe(120);
    expect(e.PAYMENT_RECONCILE_AFTER_SECONDS).toBe(120);
    expect(e.SANDBOX_DROP_NOTIFY).toBe(false);
    expect(e.ALIPAY_GATEWAY).toBe('https://openapi.alipay.com/gateway.do');
    expect(parseEnv({ SANDBOX_DROP_NOTIFY: '1', PAYMENT_RECONCILE_SECONDS: '0' })).toMatchObject({ SANDBOX_DROP_NOTIFY: true, PAYMENT_RECONCILE_SECONDS: 0 });
  });

  it('Alipay needs all three credentials, and PAYMENT_PROVIDER=alipay needs them', () => {
    expect(() => parseEnv({ PAYMENT_PROVIDER: 'alipay' })).toThrow(/ALIPAY_APP_ID is required when PAYMENT_PROVIDER=alipay/);
    expect(() => parseEnv({ ALIPAY_APP_ID: '2021000123456789' })).toThrow(/ALIPAY_PRIVATE_KEY is required when ALIPAY_APP_ID is set \(all three or none\)/);
    expect(() => parseEnv({ ALIPAY_APP_ID: 'abc', ALIPAY_PRIVATE_KEY: 'k'.repeat(200), ALIPAY_PUBLIC_KEY: 'k'.repeat(200) })).toThrow(/ALIPAY_APP_ID: must be the numeric app id/);
    expect(() => parseEnv({ PAYMENT_PROVIDER: 'wechat' })).toThrow(/PAYMENT_PROVIDER/);
    const ok = parseEnv({ PAYMENT_PROVIDER: 'alipay', ALIPAY_APP_ID: '2021000123456789', ALIPAY_PRIVATE_KEY: 'k'.repeat(200), ALIPAY_PUBLIC_KEY: 'k'.repeat(200), ALIPAY_GATEWAY: 'https://openapi-sandbox.dl.alipaydev.com/gateway.do' });
    expect(ok.ALIPAY_GATEWAY).toBe('https://openapi-sandbox.dl.alipaydev.com/gateway.do');
  });

  it('WeChat Pay needs all seven settings, and PAYMENT_PROVIDER=wechatpay needs them', () => {
    const all = {
      WECHATPAY_MCH_ID: '1900009191',
      WECHATPAY_APP_ID: 'wx8888888888888888',
      WECHATPAY_CERT_SERIAL: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
      WECHATPAY_PRIVATE_KEY_PATH: '/etc/accredit/apiclient_key.pem',
      WECHATPAY_APIV3_KEY: 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6',
      WECHATPAY_PLATFORM_PUBLIC_KEY_PATH: '/etc/accredit/pub_key.pem',
      WECHATPAY_PLATFORM_KEY_ID: 'PUB_KEY_ID_0119000091912026120600000001',
    };
    expect(() => parseEnv({ PAYMENT_PROVIDER: 'wechatpay' })).toThrow(/WECHATPAY_MCH_ID is required when PAYMENT_PROVIDER=wechatpay/);
    expect(() => parseEnv({ WECHATPAY_MCH_ID: '1900009191' })).toThrow(/WECHATPAY_APIV3_KEY is required when any WECHATPAY_\* credential is set/);
    expect(() => parseEnv({ ...all, WECHATPAY_APIV3_KEY: 'short' })).toThrow(/WECHATPAY_APIV3_KEY: must be the 32-character APIv3 key/);
    expect(() => parseEnv({ ...all, WECHATPAY_APP_ID: '2021000123456789' })).toThrow(/WECHATPAY_APP_ID: must be an AppID/);
    const ok = parseEnv({ PAYMENT_PROVIDER: 'wechatpay', ...all });
    expect(ok).toMatchObject({ PAYMENT_PROVIDER: 'wechatpay', WECHATPAY_GATEWAY: 'https://api.mch.weixin.qq.com' });
  });
});

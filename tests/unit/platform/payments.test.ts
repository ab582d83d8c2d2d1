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
});

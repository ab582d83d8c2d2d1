import { describe, expect, it } from 'vitest';
import { fenToYuanInput, formatFen, parseYuan, readYuan } from '@/lib/modules/exam/money';
import { addSubjectSchema, MAX_FEE_FEN } from '@/lib/modules/exam/admin/schemas';

describe('parseYuan', () => {
  it('reads whole yuan, one and two decimals into exact fen', () => {
    expect(parseYuan('200')).toBe(20000);
    expect(parseYuan('150.5')).toBe(15050);
    expect(parseYuan('150.50')).toBe(15050);
    expect(parseYuan('0.01')).toBe(1);
    expect(parseYuan('0')).toBe(0);
    expect(parseYuan('007.10')).toBe(710);
  });

  it('never goes through floating point: amounts that break x * 100 stay exact', () => {
    // In floating point 0.29 * 100 is 28.999999999999996 and 19.99 * 100 is 1998.9999999999998.
    expect(parseYuan('0.29')).toBe(29);
    expect(parseYuan('19.99')).toBe(1999);
    expect(parseYuan('1.15')).toBe(115);
    expect(parseYuan('4.35')).toBe(435);
    expect(parseYuan('99999999999.99')).toBe(9999999999999);
    for (let fen = 0; fen < 100_000; fen += 7) expect(parseYuan(fenToYuanInput(fen))).toBe(fen);
  });

  it('accepts what people paste: spaces around, a ¥ sign, thousands separators', () => {
    expect(parseYuan(' 200 ')).toBe(20000);
    expect(parseYuan('¥88')).toBe(8800);
    expect(parseYuan('￥ 1,234.50')).toBe(123450);
    expect(parseYuan('1,234,567')).toBe(123456700);
  });

  it('refuses three decimals, negatives, exponents, empty and malformed input', () => {
    for (const bad of ['200.123', '0.001', '-1', '1e3', '', '   ', 'abc', '1.2.3', '.5', '5.', '12,34', '1,2345', '+5', '0x10', 'NaN', 'Infinity', '１００']) {
      expect(parseYuan(bad), bad).toBeNull();
    }
  });

  it('says why an amount is refused', () => {
    expect(readYuan('')).toEqual({ ok: false, problem: 'empty' });
    expect(readYuan('200.123')).toEqual({ ok: false, problem: 'tooManyDecimals' });
    expect(readYuan('abc')).toEqual({ ok: false, problem: 'invalid' });
    expect(readYuan('12345678901234')).toEqual({ ok: false, problem: 'tooLarge' });
    expect(readYuan('150.5')).toEqual({ ok: true, fen: 15050 });
  });
});

describe('formatFen', () => {
  it('shows yuan with two decimals and thousands separators', () => {
    expect(formatFen(123450)).toBe('¥1,234.50');
    expect(formatFen(20000)).toBe('¥200.00');
    expect(formatFen(1)).toBe('¥0.01');
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(100000000)).toBe('¥1,000,000.00');
    expect(formatFen(99999)).toBe('¥999.99');
    expect(formatFen(-1505)).toBe('-¥15.05');
  });

  it('refuses what is not an integer amount of fen', () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
    expect(() => formatFen(Number.NaN)).toThrow(RangeError);
  });

  it('round-trips with parseYuan', () => {
    for (const fen of [0, 1, 10, 99, 100, 12345, 20000, 15050, 987654321]) expect(parseYuan(formatFen(fen))).toBe(fen);
  });
});

describe('fenToYuanInput', () => {
  it('is the plain value an edit form shows', () => {
    expect(fenToYuanInput(15050)).toBe('150.50');
    expect(fenToYuanInput(5)).toBe('0.05');
    expect(fenToYuanInput(123456700)).toBe('1234567.00');
  });
});

describe('the subject fee field', () => {
  const input = (fee: string) => ({ sessionId: '8f0c1f8e-6f5b-4d84-9a55-2d8f3c1b7a10', code: 'ab-01', name: '认证通用基础', fee });
  const feeError = (fee: string) => addSubjectSchema.safeParse(input(fee)).error?.issues.find((i) => i.path[0] === 'fee')?.message;

  it('stores the fee as integer fen and the code in capitals', () => {
    const r = addSubjectSchema.parse(input('199.9'));
    expect(r.fee).toBe(19990);
    expect(r.code).toBe('AB-01');
  });

  it('explains each refusal in Chinese', () => {
    expect(feeError('200.123')).toBe('报名费最多保留两位小数（精确到分）');
    expect(feeError('')).toBe('请输入报名费');
    expect(feeError('两百')).toBe('请输入有效的金额，如 200 或 150.50');
    expect(feeError('0')).toBe('报名费须大于 0');
    expect(feeError(String(MAX_FEE_FEN / 100 + 1))).toBe('报名费不能超过¥100,000.00');
    expect(feeError(String(MAX_FEE_FEN / 100))).toBeUndefined();
  });
});

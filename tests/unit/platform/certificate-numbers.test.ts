import { describe, expect, it } from 'vitest';
import { numberFrame, parseNumberPattern } from '@/lib/platform/certificates/numbers';
import { certificateState } from '@/lib/platform/certificates/present';
import { addMonths } from '@/lib/platform/certificates/service';

describe('certificate number patterns', () => {
  it('fills the prefix and the China date, leaving the sequence for the counter', () => {
    // 2026-12-31 17:00 UTC is already 2027-01-01 in China.
    const at = new Date('2026-12-31T17:00:00Z');
    expect(numberFrame('{prefix}{yyyy}{seq:6}', 'HY', at)).toEqual({ frame: 'HY2027{seq:6}', digits: 6 });
    expect(numberFrame('{prefix}-{yy}{mm}{dd}-{seq:4}', 'ZG', at)).toEqual({ frame: 'ZG-270101-{seq:4}', digits: 4 });
    expect(numberFrame('BA/{seq:8}', '', at)).toEqual({ frame: 'BA/{seq:8}', digits: 8 });
  });

  it('refuses unknown tokens, spaces, a missing or repeated sequence and widths out of range', () => {
    for (const bad of ['', '{prefix}{yyyy}', '{seq:2}', '{seq:13}', '{seq:6}{seq:6}', '{prefix}{foo}{seq:6}', 'HY {seq:6}', '{prefix}{seq}', '证书{seq:6}']) {
      expect(() => parseNumberPattern(bad), bad).toThrow();
    }
  });
});

describe('certificate read model', () => {
  it('derives expired from the end of validity; void and replaced stay what was done', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(certificateState({ status: 'valid', validUntil: null }, now)).toBe('valid');
    expect(certificateState({ status: 'valid', validUntil: new Date('2026-07-01T00:00:00Z') }, now)).toBe('valid');
    expect(certificateState({ status: 'valid', validUntil: new Date('2026-05-01T00:00:00Z') }, now)).toBe('expired');
    expect(certificateState({ status: 'void', validUntil: new Date('2026-05-01T00:00:00Z') }, now)).toBe('void');
    expect(certificateState({ status: 'replaced', validUntil: null }, now)).toBe('replaced');
  });

  it('adds months without overflowing into the next month', () => {
    expect(addMonths(new Date('2026-01-31T04:00:00Z'), 1).toISOString()).toBe('2026-02-28T04:00:00.000Z');
    expect(addMonths(new Date('2026-03-15T04:00:00Z'), 36).toISOString()).toBe('2029-03-15T04:00:00.000Z');
  });
});

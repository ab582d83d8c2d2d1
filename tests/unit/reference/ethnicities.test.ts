import { describe, it, expect } from 'vitest';
import {
  ethnicGroups,
  otherEthnicityOptions,
  ethnicityOptions,
  ethnicityName,
  isValidEthnicityCode,
} from '@/lib/reference/ethnicities';

describe('ethnic groups (GB/T 3304)', () => {
  it('has exactly 56 groups with unique codes 01–56', () => {
    expect(ethnicGroups).toHaveLength(56);
    const codes = ethnicGroups.map((g) => g.code);
    expect(new Set(codes).size).toBe(56);
    expect(codes).toEqual(Array.from({ length: 56 }, (_, i) => String(i + 1).padStart(2, '0')));
  });

  it('has unique names, romanized names and two-letter codes', () => {
    expect(new Set(ethnicGroups.map((g) => g.name)).size).toBe(56);
    expect(new Set(ethnicGroups.map((g) => g.alpha)).size).toBe(56);
    for (const g of ethnicGroups) {
      expect(g.name).toMatch(/族$/);
      expect(g.alpha).toMatch(/^[A-Z]{2}$/);
      expect(g.romanized).toMatch(/^[A-Z][a-z]+$/);
    }
  });

  it('maps well-known codes', () => {
    expect(ethnicGroups[0]).toEqual({ code: '01', name: '汉族', nameEn: 'Han', romanized: 'Han', alpha: 'HA' });
    expect(ethnicGroups.find((g) => g.code === '04')).toMatchObject({ name: '藏族', nameEn: 'Tibetan', romanized: 'Zang' });
    expect(ethnicityName('03')).toBe('回族');
    expect(ethnicityName('10')).toBe('朝鲜族');
    expect(ethnicityName('56')).toBe('基诺族');
  });

  it('keeps 97 and 98 in a separate export', () => {
    expect(otherEthnicityOptions).toEqual([
      { code: '97', name: '其他', nameEn: 'Other' },
      { code: '98', name: '外国血统中国籍人士', nameEn: 'Chinese citizen of foreign origin' },
    ]);
    expect(ethnicGroups.some((g) => g.code === '97' || g.code === '98')).toBe(false);
    expect(ethnicityOptions).toHaveLength(58);
    expect(ethnicityName('98')).toBe('外国血统中国籍人士');
  });

  it('validates codes', () => {
    expect(isValidEthnicityCode('01')).toBe(true);
    expect(isValidEthnicityCode('97')).toBe(true);
    expect(isValidEthnicityCode('97', false)).toBe(false);
    expect(isValidEthnicityCode('56', false)).toBe(true);
    for (const bad of ['00', '57', '99', '1', '']) expect(isValidEthnicityCode(bad)).toBe(false);
  });
});

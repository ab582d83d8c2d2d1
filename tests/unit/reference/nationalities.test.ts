import { describe, it, expect } from 'vitest';
import {
  nationalities,
  chinaNationalities,
  foreignCountries,
  findNationality,
  isValidNationalityCode,
  isHongKongMacauTaiwan,
  isForeignNationality,
} from '@/lib/reference/nationalities';

describe('nationalities', () => {
  it('starts with China and its regions', () => {
    expect(nationalities.slice(0, 4).map((n) => n.name)).toEqual(['中国', '中国香港', '中国澳门', '中国台湾']);
    expect(chinaNationalities.map((n) => n.code)).toEqual(['CN', 'HK', 'MO', 'TW']);
  });

  it('lists many countries with unique ISO alpha-2 codes and names', () => {
    expect(foreignCountries.length).toBeGreaterThanOrEqual(60);
    expect(new Set(nationalities.map((n) => n.code)).size).toBe(nationalities.length);
    expect(new Set(nationalities.map((n) => n.name)).size).toBe(nationalities.length);
    for (const n of nationalities) {
      expect(n.code).toMatch(/^[A-Z]{2}$/);
      expect(n.name.length).toBeGreaterThan(0);
      expect(n.nameEn.length).toBeGreaterThan(0);
    }
    expect(foreignCountries.some((n) => ['CN', 'HK', 'MO', 'TW'].includes(n.code))).toBe(false);
  });

  it('looks up common countries', () => {
    expect(findNationality('US')?.name).toBe('美国');
    expect(findNationality('gb')?.name).toBe('英国');
    expect(findNationality('JP')?.name).toBe('日本');
    expect(findNationality('KR')?.name).toBe('韩国');
    expect(findNationality('DE')?.name).toBe('德国');
    expect(findNationality('RU')?.name).toBe('俄罗斯');
    expect(findNationality('MK')?.name).toBe('北马其顿');
    expect(findNationality('SS')?.name).toBe('南苏丹');
    expect(findNationality('XX')).toBeUndefined();
  });

  it('classifies codes', () => {
    expect(isValidNationalityCode('CN')).toBe(true);
    expect(isValidNationalityCode('ZZ')).toBe(false);
    expect(isHongKongMacauTaiwan('HK')).toBe(true);
    expect(isHongKongMacauTaiwan('tw')).toBe(true);
    expect(isHongKongMacauTaiwan('CN')).toBe(false);
    expect(isForeignNationality('US')).toBe(true);
    expect(isForeignNationality('CN')).toBe(false);
    expect(isForeignNationality('MO')).toBe(false);
    expect(isForeignNationality('ZZ')).toBe(false);
  });
});

import { describe, it, expect } from 'vitest';
import {
  idTypes,
  ID_TYPE_CODES,
  findIdType,
  isIdTypeCode,
  checkIdNumber,
  isValidIdNumber,
  normalizeIdNumber,
  type IdTypeCode,
} from '@/lib/reference/id-types';
import { idDocumentSchema, RESIDENT_ID_MESSAGES } from '@/lib/reference/validators';

/** Independent GB 11643 / MOD 11-2 check character. */
function mod112(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const v = (12 - (sum % 11)) % 11;
  return v === 10 ? 'X' : String(v);
}
const withCheck = (first17: string) => first17 + mod112(first17);

describe('id types', () => {
  it('defines the six sign-up document types with labels and messages', () => {
    expect(idTypes.map((t) => t.label)).toEqual([
      '居民身份证',
      '港澳居民来往内地通行证',
      '台湾居民来往大陆通行证',
      '护照',
      '港澳台居民居住证',
      '外国人永久居留身份证',
    ]);
    expect(idTypes.map((t) => t.code)).toEqual([...ID_TYPE_CODES]);
    for (const t of idTypes) {
      expect(t.labelEn).toMatch(/^[A-Z]/);
      expect(t.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(t.pattern).toBeInstanceOf(RegExp);
    }
    expect(new Set(idTypes.map((t) => t.message)).size).toBe(idTypes.length);
    expect(findIdType('passport')?.label).toBe('护照');
    expect(isIdTypeCode('passport')).toBe(true);
    expect(isIdTypeCode('driver_license')).toBe(false);
  });

  const valid: [IdTypeCode, string][] = [
    ['resident_id', '11010519491231002X'],
    ['resident_id', '11010519491231002x'],
    ['hk_macau_permit', 'H12345678'],
    ['hk_macau_permit', 'M87654321'],
    ['hk_macau_permit', 'H1234567801'],
    ['taiwan_permit', '12345678'],
    ['taiwan_permit', '1234567890'],
    ['passport', 'E12345678'],
    ['passport', 'EA1234567'],
    ['passport', 'G12345678'],
    ['passport', 'x1234567'],
    ['hmt_residence_permit', withCheck('81000019851012002')],
    ['hmt_residence_permit', withCheck('82000020011130123')],
    ['hmt_residence_permit', withCheck('83000019790704056')],
    ['foreign_permanent_resident', withCheck('91562019900101001')],
    ['foreign_permanent_resident', 'USA310085080101'],
  ];

  it.each(valid)('%s accepts %s', (type, value) => {
    expect(checkIdNumber(type, value)).toBeUndefined();
    expect(isValidIdNumber(type, value)).toBe(true);
  });

  const invalid: [IdTypeCode, string][] = [
    ['hk_macau_permit', 'A12345678'],
    ['hk_macau_permit', 'H1234567'],
    ['hk_macau_permit', 'H123456789'],
    ['taiwan_permit', '1234567'],
    ['taiwan_permit', 'T1234567'],
    ['passport', 'E12'],
    ['passport', 'E1234-5678'],
    ['passport', 'E123456789012345678'],
    ['hmt_residence_permit', '11010519491231002X'], // not 81/82/83
    ['hmt_residence_permit', '810000198510120020'], // wrong check char
    ['hmt_residence_permit', withCheck('81000019990230002')], // 30 Feb
    ['foreign_permanent_resident', '91562019900101001Y'],
    ['foreign_permanent_resident', '915620199001010016'], // wrong check char (5)
    ['foreign_permanent_resident', '11010519491231002X'],
    ['foreign_permanent_resident', 'US310085080101'],
  ];

  it.each(invalid)('%s rejects %s with the type message', (type, value) => {
    expect(checkIdNumber(type, value)).toBe(findIdType(type)?.message);
    expect(isValidIdNumber(type, value)).toBe(false);
  });

  it('uses the specific resident-ID reasons', () => {
    expect(checkIdNumber('resident_id', '110105194912310021')).toBe(RESIDENT_ID_MESSAGES.checkDigit);
    expect(checkIdNumber('resident_id', '12345')).toBe(RESIDENT_ID_MESSAGES.format);
    expect(checkIdNumber('resident_id', '')).toBe('请输入证件号码');
  });

  it('normalizes spaces and case', () => {
    expect(normalizeIdNumber(' h 1234 5678 ')).toBe('H12345678');
    expect(isValidIdNumber('hk_macau_permit', ' h12345678 ')).toBe(true);
  });

  it('idDocumentSchema validates the number against the selected type', () => {
    expect(idDocumentSchema.parse({ idType: 'passport', idNumber: ' e12345678 ' })).toEqual({
      idType: 'passport',
      idNumber: 'E12345678',
    });
    const bad = idDocumentSchema.safeParse({ idType: 'hk_macau_permit', idNumber: '12345678' });
    expect(bad.success).toBe(false);
    if (!bad.success) {
      expect(bad.error.issues[0]?.path).toEqual(['idNumber']);
      expect(bad.error.issues[0]?.message).toBe(findIdType('hk_macau_permit')?.message);
    }
    const badType = idDocumentSchema.safeParse({ idType: 'nope', idNumber: '12345678' });
    expect(badType.success).toBe(false);
    if (!badType.success) expect(badType.error.issues[0]?.message).toBe('请选择证件类型');
  });
});

/**
 * Identity document types accepted at sign-up, with format checks.
 *
 * Each type has a stable code (stored in the database), Chinese and English
 * labels, a format regex (applied to the normalized value: trimmed, upper
 * case) and a Chinese error message. `check()` returns undefined when the
 * number is acceptable, otherwise the message to show. Documents with a check
 * character (居民身份证, 港澳台居民居住证, 2023版外国人永久居留身份证) are
 * also verified with ISO 7064 MOD 11-2. The schema `{ idType, idNumber }` is
 * `idDocumentSchema` in ./validators.ts; this file stays free of zod for the
 * browser's sign-up form.
 * @field-messages: the schemas report these messages (scripts/field-message-literals.mjs checks their English).
 */
import { parseResidentId, residentIdCheckChar } from './identifiers';

export const ID_TYPE_CODES = [
  'resident_id',
  'hk_macau_permit',
  'taiwan_permit',
  'passport',
  'hmt_residence_permit',
  'foreign_permanent_resident',
] as const;

export type IdTypeCode = (typeof ID_TYPE_CODES)[number];

export interface IdType {
  readonly code: IdTypeCode;
  /** Chinese label, e.g. "居民身份证". */
  readonly label: string;
  /** English label. */
  readonly labelEn: string;
  /** Format regex for the normalized number. */
  readonly pattern: RegExp;
  /** Chinese message shown when the number is not acceptable. */
  readonly message: string;
}

export const idTypes: readonly IdType[] = [
  {
    code: 'resident_id',
    label: '居民身份证',
    labelEn: 'Resident Identity Card',
    // 17 digits + check character; region, birth date and check character are
    // verified by parseResidentId.
    pattern: /^\d{17}[\dX]$/,
    message: '请输入正确的18位居民身份证号码',
  },
  {
    code: 'hk_macau_permit',
    label: '港澳居民来往内地通行证',
    labelEn: 'Mainland Travel Permit for Hong Kong and Macao Residents',
    // H (Hong Kong) or M (Macao) + 8 digits; older cards carry 2 more digits
    // (number of renewals).
    pattern: /^[HM]\d{8}(\d{2})?$/,
    message: '港澳居民来往内地通行证号码格式不正确，应为H或M开头加8位数字',
  },
  {
    code: 'taiwan_permit',
    label: '台湾居民来往大陆通行证',
    labelEn: 'Mainland Travel Permit for Taiwan Residents',
    // 8 digits (card version since 2015); older booklets used 10 digits.
    pattern: /^\d{8}(\d{2})?$/,
    message: '台湾居民来往大陆通行证号码格式不正确，应为8位数字',
  },
  {
    code: 'passport',
    label: '护照',
    labelEn: 'Passport',
    // Passport numbers vary by issuing country: letters and digits only.
    pattern: /^[A-Z0-9]{5,17}$/,
    message: '护照号码格式不正确，应为5–17位字母或数字',
  },
  {
    code: 'hmt_residence_permit',
    label: '港澳台居民居住证',
    labelEn: 'Residence Permit for Hong Kong, Macao and Taiwan Residents',
    // Same structure as a resident ID, region code 810000 / 820000 / 830000.
    pattern: /^8[123]0000\d{11}[\dX]$/,
    message: '港澳台居民居住证号码不正确，应为以810000、820000或830000开头的18位号码',
  },
  {
    code: 'foreign_permanent_resident',
    label: '外国人永久居留身份证',
    labelEn: 'Foreign Permanent Resident ID Card',
    // 2023 version: "9" + 16 digits + MOD 11-2 check character.
    // 2017 version: 3-letter country code + 12 digits.
    pattern: /^(9\d{16}[\dX]|[A-Z]{3}\d{12})$/,
    message: '外国人永久居留身份证号码格式不正确，应为9开头的18位号码或3位字母加12位数字',
  },
];

const byCode = new Map<string, IdType>(idTypes.map((t) => [t.code, t]));

export function findIdType(code: string): IdType | undefined {
  return byCode.get(code);
}

export function isIdTypeCode(code: string): code is IdTypeCode {
  return byCode.has(code);
}

/** Trim, remove inner spaces and upper-case a document number. */
export function normalizeIdNumber(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/**
 * Check a document number for the given type. Returns undefined if it is
 * acceptable, otherwise a Chinese error message. The number is normalized
 * first (see normalizeIdNumber).
 */
export function checkIdNumber(type: IdTypeCode, value: string): string | undefined {
  const idType = byCode.get(type);
  if (!idType) return '证件类型无效';
  const number = normalizeIdNumber(value);
  if (number === '') return '请输入证件号码';
  if (type === 'resident_id') {
    const r = parseResidentId(number);
    return r.ok ? undefined : r.reason;
  }
  if (!idType.pattern.test(number)) return idType.message;
  if (type === 'hmt_residence_permit' && !parseResidentId(number).ok) return idType.message;
  if (
    type === 'foreign_permanent_resident' &&
    number.length === 18 &&
    residentIdCheckChar(number.slice(0, 17)) !== number[17]
  ) {
    return idType.message;
  }
  return undefined;
}

export function isValidIdNumber(type: IdTypeCode, value: string): boolean {
  return checkIdNumber(type, value) === undefined;
}

/**
 * Validators for PRC identifiers and masking helpers, without zod (the
 * browser uses them at render time; the zod schemas built on them are in
 * ./validators.ts, which re-exports everything here).
 *
 * - Resident ID number (居民身份证号码), GB 11643-1999: 6-digit region code,
 *   8-digit birth date, 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check
 *   character (0-9 or X).
 * - Unified social credit code (统一社会信用代码), GB 32100-2015.
 * - Organization code (组织机构代码), GB 11714-1997, entered without "-".
 * - Mainland mobile numbers.
 *
 * The plain validators do not trim whitespace.
 * @field-messages: the schemas report these messages (scripts/field-message-literals.mjs checks their English).
 * Messages returned to users are in Simplified Chinese.
 */
// ---------------------------------------------------------------------------
// Resident ID (GB 11643-1999)
// ---------------------------------------------------------------------------

export const RESIDENT_ID_MESSAGES = {
  required: '请输入身份证号码',
  format: '身份证号码格式不正确，应为18位，前17位为数字，最后一位为数字或X',
  region: '身份证号码的地区码无效',
  birthDate: '身份证号码中的出生日期无效',
  checkDigit: '身份证号码校验位错误，请核对',
} as const;

/**
 * Valid first two digits of a resident ID number: the mainland provinces,
 * 71 (台湾), and 81/82/83 (港澳台居民居住证 use 810000 / 820000 / 830000).
 */
export const RESIDENT_ID_PROVINCE_PREFIXES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';

/**
 * ISO 7064 MOD 11-2 check character for the first 17 digits of an 18-digit
 * number (resident ID, 外国人永久居留身份证). Returns undefined if the input
 * is not 17 digits.
 */
export function residentIdCheckChar(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11];
}

export type ResidentIdResult =
  | { ok: true; birthDate: string; gender: 'male' | 'female'; regionCode: string }
  | { ok: false; reason: string };

export interface ResidentIdOptions {
  /** Reference time for the "birth date not in the future" check. */
  now?: Date;
}

/** Today's date in China (UTC+8, no DST) as "YYYYMMDD". */
function chinaToday(now: Date): string {
  const d = new Date(now.getTime() + 8 * 60 * 60 * 1000);
  const y = d.getUTCFullYear();
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${y}${m}${day}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * True if `yyyymmdd` is a real calendar date, year ≥ 1900, not after `now`
 * (date in China).
 */
export function isValidBirthDate(yyyymmdd: string, now: Date = new Date()): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false;
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  if (day > daysInMonth(year, month)) return false;
  return yyyymmdd <= chinaToday(now);
}

/**
 * Parse and validate an 18-digit resident ID number. A lowercase "x" check
 * character is accepted. Checks, in order: format, region prefix, birth date,
 * check character; each failure has its own message.
 */
export function parseResidentId(id: string, options: ResidentIdOptions = {}): ResidentIdResult {
  if (typeof id !== 'string') return { ok: false, reason: RESIDENT_ID_MESSAGES.format };
  const value = id.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, reason: RESIDENT_ID_MESSAGES.format };
  if (!RESIDENT_ID_PROVINCE_PREFIXES.has(value.slice(0, 2))) {
    return { ok: false, reason: RESIDENT_ID_MESSAGES.region };
  }
  const birth = value.slice(6, 14);
  if (!isValidBirthDate(birth, options.now ?? new Date())) {
    return { ok: false, reason: RESIDENT_ID_MESSAGES.birthDate };
  }
  if (residentIdCheckChar(value.slice(0, 17)) !== value[17]) {
    return { ok: false, reason: RESIDENT_ID_MESSAGES.checkDigit };
  }
  return {
    ok: true,
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
    gender: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: value.slice(0, 6),
  };
}

/** Boolean form of `parseResidentId`. */
export function isValidResidentId(id: string, options?: ResidentIdOptions): boolean {
  return parseResidentId(id, options).ok;
}

// ---------------------------------------------------------------------------
// Organization code (GB 11714-1997)
// ---------------------------------------------------------------------------

export const ORG_CODE_MESSAGES = {
  required: '请输入组织机构代码',
  length: '组织机构代码应为9位（不含“-”）',
  chars: '组织机构代码只能包含数字和大写字母，最后一位为数字或X',
  checkDigit: '组织机构代码校验位错误，请核对',
} as const;

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** Value of an organization-code character: 0-9 → 0-9, A-Z → 10-35. */
function orgCharValue(ch: string): number {
  const c = ch.charCodeAt(0);
  return c <= 57 ? c - 48 : c - 55;
}

/** GB 11714 check character for an 8-character body [0-9A-Z]. */
export function organizationCodeCheckChar(body: string): string | undefined {
  if (!/^[0-9A-Z]{8}$/.test(body)) return undefined;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCharValue(body[i]!) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Validate a 9-character organization code; returns the reason on failure. */
export function validateOrganizationCode(code: string): { ok: true } | { ok: false; reason: string } {
  if (typeof code !== 'string' || code.length !== 9) {
    return { ok: false, reason: ORG_CODE_MESSAGES.length };
  }
  const value = code.toUpperCase();
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(value)) return { ok: false, reason: ORG_CODE_MESSAGES.chars };
  if (organizationCodeCheckChar(value.slice(0, 8)) !== value[8]) {
    return { ok: false, reason: ORG_CODE_MESSAGES.checkDigit };
  }
  return { ok: true };
}

/** GB 11714-1997 organization code, 9 characters without "-" (case-insensitive). */
export function isValidOrganizationCode(code: string): boolean {
  return validateOrganizationCode(code).ok;
}

// ---------------------------------------------------------------------------
// Unified social credit code (GB 32100-2015)
// ---------------------------------------------------------------------------

export const CREDIT_CODE_MESSAGES = {
  required: '请输入统一社会信用代码',
  length: '统一社会信用代码应为18位',
  chars: '统一社会信用代码包含无效字符（只能是数字和大写字母，且不含I、O、S、V、Z）',
  checkDigit: '统一社会信用代码校验位错误，请核对',
} as const;

/** The 31 characters allowed in a credit code, in value order. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_RE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
/** Weights 3^i mod 31 for positions 1..17. */
const CREDIT_WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

/** GB 32100 check character for the first 17 characters, or undefined. */
export function creditCodeCheckChar(first17: string): string | undefined {
  if (!/^[0-9A-HJ-NPQRTUWXY]{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17[i]!) * CREDIT_WEIGHTS[i]!;
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/** Validate an 18-character credit code; returns the reason on failure. */
export function validateUnifiedSocialCreditCode(
  code: string,
): { ok: true } | { ok: false; reason: string } {
  if (typeof code !== 'string' || code.length !== 18) {
    return { ok: false, reason: CREDIT_CODE_MESSAGES.length };
  }
  const value = code.toUpperCase();
  if (!CREDIT_CODE_RE.test(value)) return { ok: false, reason: CREDIT_CODE_MESSAGES.chars };
  if (creditCodeCheckChar(value.slice(0, 17)) !== value[17]) {
    return { ok: false, reason: CREDIT_CODE_MESSAGES.checkDigit };
  }
  return { ok: true };
}

/** GB 32100-2015 unified social credit code (case-insensitive). */
export function isValidUnifiedSocialCreditCode(code: string): boolean {
  return validateUnifiedSocialCreditCode(code).ok;
}

/**
 * The organization code embedded in a credit code (characters 9–17), upper
 * case, or undefined if the input is not 18 characters long.
 */
export function orgCodeFromCreditCode(code: string): string | undefined {
  if (typeof code !== 'string' || code.length !== 18) return undefined;
  return code.slice(8, 17).toUpperCase();
}

/**
 * True if `code` is a valid credit code AND its embedded organization code
 * (characters 9–17) passes the GB 11714 check.
 */
export function isCreditCodeWithValidOrgCode(code: string): boolean {
  if (!isValidUnifiedSocialCreditCode(code)) return false;
  const org = orgCodeFromCreditCode(code);
  return org !== undefined && isValidOrganizationCode(org);
}

// ---------------------------------------------------------------------------
// Mobile numbers
// ---------------------------------------------------------------------------

export const MOBILE_MESSAGES = {
  required: '请输入手机号码',
  invalid: '请输入正确的11位手机号码',
} as const;

/** Mainland China mobile number: 11 digits, starting with 13–19. */
export function isValidMainlandMobile(mobile: string): boolean {
  return typeof mobile === 'string' && /^1[3-9]\d{9}$/.test(mobile);
}

// ---------------------------------------------------------------------------
// Masking
// ---------------------------------------------------------------------------

/** Keep `head` leading and `tail` trailing characters, star out the rest. */
function maskMiddle(value: string, head: number, tail: number): string {
  const chars = Array.from(value);
  if (chars.length <= head + tail) {
    // Too short to keep both ends: keep the first character only.
    return chars.length === 0 ? '' : chars[0] + '*'.repeat(chars.length - 1);
  }
  return (
    chars.slice(0, head).join('') +
    '*'.repeat(chars.length - head - tail) +
    chars.slice(chars.length - tail).join('')
  );
}

/** "11010519491231002X" → "110***********002X" (first 3 and last 4 kept). */
export function maskIdNumber(id: string): string {
  return maskMiddle(id, 3, 4);
}

/** "13812341234" → "138****1234". */
export function maskMobile(mobile: string): string {
  return maskMiddle(mobile, 3, 4);
}

/**
 * "abcdef@example.com" → "ab***@example.com": keeps up to 2 characters of the
 * local part (1 if it is only 1–2 characters long) and the domain.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return maskMiddle(email, 1, 0);
  const local = Array.from(email.slice(0, at));
  const keep = local.length > 2 ? 2 : 1;
  return `${local.slice(0, keep).join('')}***${email.slice(at)}`;
}

/**
 * Whatever someone typed as an account identifier, as lists and the audit log
 * show it (SPEC §1.6): an email or a mobile masked as such, anything of six
 * or more digits making up at least half of it (an ID number, a passport, a
 * mistyped number) with only its first 3 and last 4 characters; a username
 * (even one holding some digits) as typed. At most 64
 * characters are kept.
 */
export function maskIdentifier(value: string): string {
  const v = Array.from(value.trim()).slice(0, 64).join('');
  if (v.includes('@')) return maskEmail(v);
  if (/^1\d{10}$/.test(v)) return maskMobile(v);
  const digits = (v.match(/\d/g) ?? []).length;
  // Mostly digits (an ID number, a passport, a mistyped number), not a username that happens to hold some.
  if (digits >= 6 && digits * 2 >= Array.from(v).length) return maskMiddle(v, 3, 4);
  return v;
}

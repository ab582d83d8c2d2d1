import { describe, it, expect } from 'vitest';
import {
  parseResidentId,
  isValidResidentId,
  residentIdCheckChar,
  isValidBirthDate,
  RESIDENT_ID_MESSAGES,
  isValidUnifiedSocialCreditCode,
  validateUnifiedSocialCreditCode,
  creditCodeCheckChar,
  CREDIT_CODE_MESSAGES,
  isValidOrganizationCode,
  validateOrganizationCode,
  organizationCodeCheckChar,
  ORG_CODE_MESSAGES,
  orgCodeFromCreditCode,
  isCreditCodeWithValidOrgCode,
  isValidMainlandMobile,
  maskIdentifier,
  maskIdNumber,
  maskMobile,
  maskEmail,
  residentIdSchema,
  creditCodeSchema,
  orgCodeSchema,
  orgCodeOrCreditCodeSchema,
  mobileSchema,
  passwordSchema,
  PASSWORD_MESSAGES,
  MOBILE_MESSAGES,
  ORG_OR_CREDIT_CODE_MESSAGES,
} from '@/lib/reference/validators';

// ---------------------------------------------------------------------------
// Independent reference implementations (written differently on purpose).
// ---------------------------------------------------------------------------

/** GB 11643: weight of position i (1-based from the left) is 2^(18-i) mod 11. */
function refIdCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const v = (12 - (sum % 11)) % 11;
  return v === 10 ? 'X' : String(v);
}

const CC = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** GB 32100: weights 3^i mod 31 (0-based i), check = (31 - sum mod 31) mod 31. */
function refCreditCheck(first17: string): string {
  let sum = 0;
  let w = 1;
  for (const ch of first17) {
    sum += CC.indexOf(ch) * w;
    w = (w * 3) % 31;
  }
  return CC.charAt((31 - (sum % 31)) % 31);
}

/** GB 11714: weights 3,7,9,10,5,8,4,2; letters A=10 … Z=35. */
function refOrgCheck(body: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, ch, i) => acc + parseInt(ch, 36) * weights[i]!, 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Deterministic pseudo-random generator for generated examples. */
function lcg(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const NOW = new Date('2024-06-01T12:00:00+08:00');

// ---------------------------------------------------------------------------
// Resident ID
// ---------------------------------------------------------------------------

describe('parseResidentId', () => {
  const valid: [string, string, 'male' | 'female', string][] = [
    ['11010519491231002X', '1949-12-31', 'female', '110105'], // GB 11643 sample
    ['33010619900101123X', '1990-01-01', 'male', '330106'],
    ['440305200002294329', '2000-02-29', 'female', '440305'], // leap day
    ['650102190001010016', '1900-01-01', 'male', '650102'], // earliest allowed year
    ['810000198510120027', '1985-10-12', 'female', '810000'], // 港澳台居民居住证 (HK)
    ['820000200111301236', '2001-11-30', 'male', '820000'], // 港澳台居民居住证 (Macau)
    ['830000197907040569', '1979-07-04', 'female', '830000'], // 港澳台居民居住证 (Taiwan)
    ['710000198001010010', '1980-01-01', 'male', '710000'],
    ['110105202401010030', '2024-01-01', 'male', '110105'],
  ];

  it.each(valid)('accepts %s', (id, birthDate, gender, regionCode) => {
    expect(refIdCheck(id.slice(0, 17))).toBe(id[17]);
    expect(parseResidentId(id, { now: NOW })).toEqual({ ok: true, birthDate, gender, regionCode });
  });

  it('accepts a lowercase x check character', () => {
    expect(parseResidentId('11010519491231002x', { now: NOW })).toEqual({
      ok: true,
      birthDate: '1949-12-31',
      gender: 'female',
      regionCode: '110105',
    });
  });

  it('accepts generated IDs for every province prefix', () => {
    const prefixes = [
      '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
      '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
      '71', '81', '82', '83',
    ];
    const rnd = lcg(42);
    for (const p of prefixes) {
      const year = 1930 + Math.floor(rnd() * 90);
      const month = 1 + Math.floor(rnd() * 12);
      const day = 1 + Math.floor(rnd() * 28);
      const seq = String(Math.floor(rnd() * 1000)).padStart(3, '0');
      const body = `${p}0102${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${seq}`;
      const id = body + refIdCheck(body);
      const r = parseResidentId(id, { now: NOW });
      expect(r.ok, id).toBe(true);
      if (r.ok) expect(r.gender).toBe(Number(seq[2]) % 2 === 1 ? 'male' : 'female');
    }
  });

  it('agrees with the reference check-digit implementation', () => {
    const rnd = lcg(7);
    for (let i = 0; i < 200; i++) {
      const body = Array.from({ length: 17 }, () => Math.floor(rnd() * 10)).join('');
      expect(residentIdCheckChar(body)).toBe(refIdCheck(body));
    }
    expect(residentIdCheckChar('1234')).toBeUndefined();
  });

  it('rejects bad length or format', () => {
    for (const id of [
      '',
      '11010519491231002',
      '11010519491231002X0',
      '11010519491231002Y',
      '1101051949123100X2',
      'A1010519491231002X',
      ' 11010519491231002X',
      '110105 19491231002X',
      '110105194912310',
    ]) {
      expect(parseResidentId(id, { now: NOW })).toEqual({ ok: false, reason: RESIDENT_ID_MESSAGES.format });
    }
  });

  it('rejects a wrong check character', () => {
    for (const [id] of valid) {
      const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
      expect(parseResidentId(wrong, { now: NOW })).toEqual({
        ok: false,
        reason: RESIDENT_ID_MESSAGES.checkDigit,
      });
    }
    expect(parseResidentId('110105194912310021', { now: NOW }).ok).toBe(false);
  });

  it('rejects impossible or out-of-range birth dates', () => {
    const dates = [
      '19990230', // 30 Feb
      '20230229', // not a leap year
      '19000229', // 1900 is not a leap year
      '19990431', // April has 30 days
      '19991301', // month 13
      '19990001', // month 00
      '19990100', // day 00
      '18991231', // before 1900
      '18800101',
      '20240602', // after NOW
      '20990101',
    ];
    for (const d of dates) {
      const body = `110105${d}002`;
      const id = body + refIdCheck(body); // correct check char: only the date is wrong
      expect(parseResidentId(id, { now: NOW })).toEqual({ ok: false, reason: RESIDENT_ID_MESSAGES.birthDate });
    }
  });

  it('uses the current date in China for the future check', () => {
    const body = '11010520240601002';
    const id = body + refIdCheck(body);
    // 2024-05-31T16:30Z is already 2024-06-01 in China.
    expect(parseResidentId(id, { now: new Date('2024-05-31T16:30:00Z') }).ok).toBe(true);
    expect(parseResidentId(id, { now: new Date('2024-05-31T15:30:00Z') }).ok).toBe(false);
    expect(isValidBirthDate('20240601', new Date('2024-06-01T00:00:00+08:00'))).toBe(true);
  });

  it('rejects invalid region prefixes', () => {
    for (const p of ['00', '10', '16', '20', '24', '30', '38', '40', '47', '55', '60', '66', '70', '72', '80', '84', '90', '91', '99']) {
      const body = `${p}010519491231002`;
      const id = body + refIdCheck(body);
      expect(parseResidentId(id, { now: NOW })).toEqual({ ok: false, reason: RESIDENT_ID_MESSAGES.region });
    }
  });

  it('has distinct Chinese messages', () => {
    const msgs = [
      RESIDENT_ID_MESSAGES.format,
      RESIDENT_ID_MESSAGES.region,
      RESIDENT_ID_MESSAGES.birthDate,
      RESIDENT_ID_MESSAGES.checkDigit,
    ];
    expect(new Set(msgs).size).toBe(4);
    for (const m of msgs) expect(m).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('isValidResidentId is the boolean form', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('110105194912310020')).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// Unified social credit code & organization code
// ---------------------------------------------------------------------------

/** Published credit codes of well-known companies (check characters verified below). */
const KNOWN_CREDIT_CODES = [
  '914403001922038216', // 华为技术有限公司
  '91440300708461136T', // 深圳市腾讯计算机系统有限公司
  '91330100716105852F', // 阿里巴巴（中国）有限公司
  '91110108551385082Q', // 小米科技有限责任公司
  '91110000802100433B', // 百度在线网络技术（北京）有限公司
  '9144030071526726XG',
  '91110000100010433L',
  '911100001000044477',
  '91310000MA1FL1MMXL',
];

describe('isValidUnifiedSocialCreditCode', () => {
  it.each(KNOWN_CREDIT_CODES)('accepts %s', (code) => {
    expect(refCreditCheck(code.slice(0, 17))).toBe(code[17]);
    expect(isValidUnifiedSocialCreditCode(code)).toBe(true);
    expect(isValidUnifiedSocialCreditCode(code.toLowerCase())).toBe(true);
  });

  it('accepts generated codes and agrees with the reference implementation', () => {
    const rnd = lcg(2024);
    for (let i = 0; i < 300; i++) {
      const body = Array.from({ length: 17 }, () => CC[Math.floor(rnd() * 31)]).join('');
      const check = refCreditCheck(body);
      expect(creditCodeCheckChar(body)).toBe(check);
      expect(isValidUnifiedSocialCreditCode(body + check)).toBe(true);
      const wrong = CC[(CC.indexOf(check) + 1 + Math.floor(rnd() * 30)) % 31];
      expect(isValidUnifiedSocialCreditCode(body + wrong)).toBe(false);
    }
  });

  it('rejects wrong check characters', () => {
    for (const code of KNOWN_CREDIT_CODES) {
      const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
      expect(validateUnifiedSocialCreditCode(wrong)).toEqual({ ok: false, reason: CREDIT_CODE_MESSAGES.checkDigit });
    }
    // Swapping two characters changes the weighted sum.
    expect(isValidUnifiedSocialCreditCode('914403001922038261')).toBe(false);
  });

  it('rejects wrong lengths', () => {
    for (const code of ['', '91440300192203821', '9144030019220382160', '192203821']) {
      expect(validateUnifiedSocialCreditCode(code)).toEqual({ ok: false, reason: CREDIT_CODE_MESSAGES.length });
    }
  });

  it('rejects characters outside the GB 32100 charset (I, O, S, V, Z, symbols)', () => {
    for (const bad of ['I', 'O', 'S', 'V', 'Z', '-', ' ', '中']) {
      const code = `9144030019220382${bad}6`;
      expect(validateUnifiedSocialCreditCode(code)).toEqual({ ok: false, reason: CREDIT_CODE_MESSAGES.chars });
    }
  });
});

describe('isValidOrganizationCode', () => {
  const valid = [
    'D2143569X', // example from GB 11714 (D2143569-X)
    '192203821', // embedded in 华为 credit code
    '708461136',
    '716105852',
    '551385082',
    '802100433',
    'MA1FL1MMX',
    '10000018X', // check value 10 → X
    '100000040', // check value 11 → 0
    '100000120',
  ];

  it.each(valid)('accepts %s', (code) => {
    expect(refOrgCheck(code.slice(0, 8))).toBe(code[8]);
    expect(isValidOrganizationCode(code)).toBe(true);
  });

  it('accepts lowercase input and agrees with the reference implementation', () => {
    expect(isValidOrganizationCode('d2143569x')).toBe(true);
    const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const rnd = lcg(99);
    for (let i = 0; i < 300; i++) {
      const body = Array.from({ length: 8 }, () => chars[Math.floor(rnd() * 36)]).join('');
      expect(organizationCodeCheckChar(body)).toBe(refOrgCheck(body));
      expect(isValidOrganizationCode(body + refOrgCheck(body))).toBe(true);
    }
  });

  it('rejects wrong check digits', () => {
    for (const code of ['D21435690', '192203822', '10000018' + '0', '100000041']) {
      expect(validateOrganizationCode(code)).toEqual({ ok: false, reason: ORG_CODE_MESSAGES.checkDigit });
    }
  });

  it('rejects input with "-" or wrong length', () => {
    for (const code of ['D2143569-X', 'D2143569', '', '914403001922038216']) {
      expect(validateOrganizationCode(code)).toEqual({ ok: false, reason: ORG_CODE_MESSAGES.length });
    }
  });

  it('rejects bad characters', () => {
    for (const code of ['D2143569Y', 'D21435-9X', 'D2143 69X', '中2143569X']) {
      expect(validateOrganizationCode(code)).toEqual({ ok: false, reason: ORG_CODE_MESSAGES.chars });
    }
  });
});

describe('organization code embedded in a credit code', () => {
  it('extracts characters 9–17', () => {
    expect(orgCodeFromCreditCode('914403001922038216')).toBe('192203821');
    expect(orgCodeFromCreditCode('91310000ma1fl1mmxl')).toBe('MA1FL1MMX');
    expect(orgCodeFromCreditCode('192203821')).toBeUndefined();
  });

  it('checks both codes', () => {
    for (const code of KNOWN_CREDIT_CODES) expect(isCreditCodeWithValidOrgCode(code)).toBe(true);
    // A credit code with a correct check char but an invalid embedded org code.
    const body = '91440300' + '19220382' + '0'; // org check should be 1
    const code = body + refCreditCheck(body);
    expect(isValidUnifiedSocialCreditCode(code)).toBe(true);
    expect(isCreditCodeWithValidOrgCode(code)).toBe(false);
    expect(isCreditCodeWithValidOrgCode('914403001922038210')).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// Mobile & masking
// ---------------------------------------------------------------------------

describe('isValidMainlandMobile', () => {
  it('accepts 11-digit numbers starting with 13–19', () => {
    for (const m of ['13800138000', '15912345678', '16612345678', '17012345678', '18612345678', '19912345678', '14712345678']) {
      expect(isValidMainlandMobile(m)).toBe(true);
    }
  });

  it('rejects everything else', () => {
    for (const m of ['12812345678', '10012345678', '23800138000', '1380013800', '138001380000', '+8613800138000', '138-0013-8000', '1380013800a', '', ' 13800138000']) {
      expect(isValidMainlandMobile(m)).toBe(false);
    }
  });
});

describe('masking', () => {
  it('masks ID numbers keeping the first 3 and last 4 characters', () => {
    expect(maskIdNumber('110105194912311234')).toBe('110***********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdNumber('H12345678')).toBe('H12**5678');
    expect(maskIdNumber('1234567')).toBe('1******');
    expect(maskIdNumber('')).toBe('');
  });

  it('masks whatever was typed as an identifier by its shape; a plain username stays', () => {
    expect(maskIdentifier(' 11010519491231002X ')).toBe('110***********002X');
    expect(maskIdentifier('13812341234')).toBe('138****1234');
    expect(maskIdentifier('someone@example.com')).toBe('so***@example.com');
    expect(maskIdentifier('E12345678')).toBe('E12**5678');
    expect(maskIdentifier('candidate')).toBe('candidate');
    expect(maskIdentifier('exported_mmcz1x2k03')).toBe('exported_mmcz1x2k03');
    expect(maskIdentifier('x'.repeat(3000))).toHaveLength(64);
  });

  it('masks mobile numbers', () => {
    expect(maskMobile('13812341234')).toBe('138****1234');
    expect(maskMobile('13800138000')).toBe('138****8000');
  });

  it('masks email addresses', () => {
    expect(maskEmail('abcdef@example.com')).toBe('ab***@example.com');
    expect(maskEmail('ab@example.com')).toBe('a***@example.com');
    expect(maskEmail('a@example.com')).toBe('a***@example.com');
    expect(maskEmail('not-an-email')).toBe('n***********');
  });
});

// ---------------------------------------------------------------------------
// zod schemas
// ---------------------------------------------------------------------------

function firstMessage(result: { success: boolean; error?: { issues: { message: string }[] } }) {
  return result.success ? undefined : result.error?.issues[0]?.message;
}

describe('zod schemas', () => {
  it('residentIdSchema normalizes and reports the specific reason', () => {
    expect(residentIdSchema.parse(' 11010519491231002x ')).toBe('11010519491231002X');
    expect(firstMessage(residentIdSchema.safeParse(''))).toBe(RESIDENT_ID_MESSAGES.required);
    expect(firstMessage(residentIdSchema.safeParse('110105194912310021'))).toBe(RESIDENT_ID_MESSAGES.checkDigit);
    expect(firstMessage(residentIdSchema.safeParse('123'))).toBe(RESIDENT_ID_MESSAGES.format);
    expect(firstMessage(residentIdSchema.safeParse(123))).toBe(RESIDENT_ID_MESSAGES.required);
    const r = residentIdSchema.safeParse('110105194912310021');
    expect(r.success ? 0 : r.error.issues.length).toBe(1);
  });

  it('creditCodeSchema', () => {
    expect(creditCodeSchema.parse(' 91440300708461136t ')).toBe('91440300708461136T');
    expect(firstMessage(creditCodeSchema.safeParse(''))).toBe(CREDIT_CODE_MESSAGES.required);
    expect(firstMessage(creditCodeSchema.safeParse('91440300708461136A'))).toBe(CREDIT_CODE_MESSAGES.checkDigit);
    expect(firstMessage(creditCodeSchema.safeParse('9144030070846113'))).toBe(CREDIT_CODE_MESSAGES.length);
  });

  it('orgCodeSchema', () => {
    expect(orgCodeSchema.parse('d2143569x')).toBe('D2143569X');
    expect(firstMessage(orgCodeSchema.safeParse('D2143569-X'))).toBe(ORG_CODE_MESSAGES.length);
    expect(firstMessage(orgCodeSchema.safeParse('D21435691'))).toBe(ORG_CODE_MESSAGES.checkDigit);
  });

  it('orgCodeOrCreditCodeSchema accepts either code', () => {
    expect(orgCodeOrCreditCodeSchema.parse('914403001922038216')).toBe('914403001922038216');
    expect(orgCodeOrCreditCodeSchema.parse('192203821')).toBe('192203821');
    expect(firstMessage(orgCodeOrCreditCodeSchema.safeParse('914403001922038217'))).toBe(CREDIT_CODE_MESSAGES.checkDigit);
    expect(firstMessage(orgCodeOrCreditCodeSchema.safeParse('192203822'))).toBe(ORG_CODE_MESSAGES.checkDigit);
    expect(firstMessage(orgCodeOrCreditCodeSchema.safeParse('12345'))).toBe(ORG_OR_CREDIT_CODE_MESSAGES.invalid);
    expect(firstMessage(orgCodeOrCreditCodeSchema.safeParse(' '))).toBe(ORG_OR_CREDIT_CODE_MESSAGES.required);
  });

  it('mobileSchema', () => {
    expect(mobileSchema.parse(' 13800138000 ')).toBe('13800138000');
    expect(firstMessage(mobileSchema.safeParse(''))).toBe(MOBILE_MESSAGES.required);
    expect(firstMessage(mobileSchema.safeParse('12800138000'))).toBe(MOBILE_MESSAGES.invalid);
  });

  it('passwordSchema', () => {
    for (const ok of ['abc123', 'Passw0rd', 'a1b2c3d4e5f6g7h8i9', 'ab12!@#$']) {
      expect(passwordSchema.safeParse(ok).success).toBe(true);
    }
    expect(firstMessage(passwordSchema.safeParse(''))).toBe(PASSWORD_MESSAGES.required);
    expect(firstMessage(passwordSchema.safeParse('ab12'))).toBe('密码长度须为6–18位');
    expect(firstMessage(passwordSchema.safeParse('a1b2c3d4e5f6g7h8i9j'))).toBe('密码长度须为6–18位');
    expect(firstMessage(passwordSchema.safeParse('abcdefgh'))).toBe('密码须同时包含字母和数字');
    expect(firstMessage(passwordSchema.safeParse('12345678'))).toBe('密码须同时包含字母和数字');
    expect(firstMessage(passwordSchema.safeParse('密码密码密码123'))).toBe('密码须同时包含字母和数字');
  });
});

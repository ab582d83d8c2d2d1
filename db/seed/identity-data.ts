import crypto from 'node:crypto';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, organizationCodeCheckChar, residentIdCheckChar } from '@/lib/reference/validators';

/** Random but valid identity data, shared by factories, the demo seed and e2e tests. */
export function randomMobile(): string {
  return `15${String(crypto.randomInt(0, 1e9)).padStart(9, '0')}`;
}

/** A valid 18-digit resident ID number (region 330106, a random 1960–1999 birth date unless given); about 6.7 million distinct values. */
export function randomResidentId(gender: 'male' | 'female' = 'male', birth?: string): string {
  const b = birth ?? `${1960 + crypto.randomInt(0, 40)}${String(crypto.randomInt(1, 13)).padStart(2, '0')}${String(crypto.randomInt(1, 29)).padStart(2, '0')}`;
  // Sequence digits 1–2 free, digit 3 odd for men and even for women (GB 11643).
  const seq = String(crypto.randomInt(0, 100)).padStart(2, '0') + String(crypto.randomInt(0, 5) * 2 + (gender === 'male' ? 1 : 0));
  return `330106${b}${seq}` + residentIdCheckChar(`330106${b}${seq}`);
}

/** A valid unified social credit code (GB 32100 check character) with a random body. */
export function randomCreditCode(): string {
  const body = `91330106${Array.from({ length: 9 }, () => CREDIT_CODE_CHARSET[crypto.randomInt(0, CREDIT_CODE_CHARSET.length)]).join('')}`;
  return body + creditCodeCheckChar(body);
}

/** A valid 9-character organization code (GB 11714 check character). */
export function randomOrgCode(): string {
  for (;;) {
    const body = Array.from({ length: 8 }, () => '0123456789ABCDEFGHJKLMNPQRTUWXY'[crypto.randomInt(0, 31)]).join('');
    const check = organizationCodeCheckChar(body);
    if (check) return body + check;
  }
}

import crypto from 'node:crypto';
import { residentIdCheckChar } from '@/lib/reference/validators';

/** Random but valid identity data, shared by factories, the demo seed and e2e tests. */
export function randomMobile(): string {
  return `15${String(crypto.randomInt(0, 1e9)).padStart(9, '0')}`;
}

/** A valid 18-digit resident ID number (region 330106, a random 1990s birth date unless given). */
export function randomResidentId(gender: 'male' | 'female' = 'male', birth?: string): string {
  const b = birth ?? `199${crypto.randomInt(0, 10)}0${crypto.randomInt(1, 10)}1${crypto.randomInt(0, 10)}`;
  const seq = String(crypto.randomInt(0, 100)).padStart(2, '0') + String(crypto.randomInt(0, 5) * 2 + (gender === 'male' ? 1 : 0));
  const body = `330106${b}${seq}`;
  return body + residentIdCheckChar(body);
}

import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '@/lib/sha256';
import { createChallenge, solveChallenge } from '@/lib/platform/auth/captcha';

describe('browser SHA-256', () => {
  it('matches node:crypto on ASCII, Chinese and block-boundary inputs', () => {
    for (const s of ['', 'abc', '人机验证', 'a'.repeat(55), 'b'.repeat(56), 'c'.repeat(64), 'd'.repeat(119), `${crypto.randomBytes(12).toString('hex')}?expires=1700000000${12345}`]) {
      expect(sha256Hex(s)).toBe(crypto.createHash('sha256').update(s).digest('hex'));
    }
  });
});

describe('proof-of-work challenge', () => {
  it('is solvable within maxNumber with the browser hash', () => {
    const c = createChallenge('secret', 2000);
    let found = -1;
    for (let n = 0; n <= c.maxNumber && found < 0; n++) if (sha256Hex(c.salt + n) === c.challenge) found = n;
    expect(found).toBeGreaterThanOrEqual(0);
    expect(solveChallenge(c)?.number).toBe(found);
  });
});

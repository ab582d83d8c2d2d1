import { describe, expect, it } from 'vitest';
import { isSafeRedirectPath, safeRedirectPath } from '@/lib/platform/safe-redirect';

describe('the safe-redirect rule', () => {
  it('keeps a path on this site, query and fragment included', () => {
    for (const p of ['/', '/portal', '/portal/exam?x=1&y=%E4%B8%AD#top', '/pay/transfer/DD2027000001?return=%2Fportal']) {
      expect(safeRedirectPath(p, '/home')).toBe(p);
    }
  });

  it('refuses other sites however they are spelt, control characters, spaces, non-ASCII and overlong values', () => {
    const bad = [
      '//evil.example', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', '/\r\nLocation: x', '\t//evil.example',
      'https://evil.example', 'evil.example', '/%09/ok-but-\\', '/a\u0000b', '/门户', '/a b', '', `/${'a'.repeat(1000)}`, 'javascript:alert(1)',
    ];
    for (const p of bad) {
      expect(isSafeRedirectPath(p), JSON.stringify(p)).toBe(false);
      expect(safeRedirectPath(p, '/home')).toBe('/home');
    }
    expect(safeRedirectPath(undefined, '/home')).toBe('/home');
    expect(safeRedirectPath(['//x', '/portal'], '/home')).toBe('/home');
  });
});

import { describe, expect, it } from 'vitest';
import { resolveClientIp } from '@/lib/platform/http/client-ip';

describe('the client address', () => {
  it('with no trusted proxy is the socket peer, whatever X-Forwarded-For says', () => {
    expect(resolveClientIp('203.0.113.9', '10.0.0.5', 0)).toBe('10.0.0.5');
    expect(resolveClientIp(undefined, '::ffff:127.0.0.1', 0)).toBe('127.0.0.1');
    expect(resolveClientIp(undefined, undefined, 0)).toBeNull();
  });

  it('each trusted hop believes one more entry, counted from the right', () => {
    // client → proxy A (appends client) → proxy B (appends A) → app (socket: B)
    expect(resolveClientIp('198.51.100.7, 10.0.0.2', '10.0.0.3', 1)).toBe('10.0.0.2');
    expect(resolveClientIp('198.51.100.7, 10.0.0.2', '10.0.0.3', 2)).toBe('198.51.100.7');
    // A forged first entry sits left of what the trusted proxies wrote.
    expect(resolveClientIp('6.6.6.6, 198.51.100.7', '10.0.0.3', 1)).toBe('198.51.100.7');
    // More hops than entries: the leftmost there is.
    expect(resolveClientIp('198.51.100.7', '10.0.0.3', 3)).toBe('198.51.100.7');
  });

  it('skips an entry that is no address', () => {
    expect(resolveClientIp('not-an-ip', '10.0.0.3', 1)).toBe('10.0.0.3');
    expect(resolveClientIp('[2001:db8::1]', '10.0.0.3', 1)).toBe('2001:db8::1');
  });
});

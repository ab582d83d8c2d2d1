import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/platform/env';
import { onSelf, requestMismatch, selfOrigin, startMismatch } from '@/lib/platform/http/origin';

describe('the public base URL and this instance’s own address (issue #18 §1)', () => {
  it('APP_URL unset: links use the port the server listens on', () => {
    expect(parseEnv({}).APP_URL).toBe('http://localhost:3000');
    expect(parseEnv({ PORT: '3300' }).APP_URL).toBe('http://localhost:3300');
    expect(parseEnv({ PORT: '3300' }).APP_URL_SET).toBe(false);
  });

  it('APP_URL set: it wins over the port', () => {
    const e = parseEnv({ PORT: '3300', APP_URL: 'https://accredit.example.cn' });
    expect(e.APP_URL).toBe('https://accredit.example.cn');
    expect(e.APP_URL_SET).toBe(true);
  });

  it('calls to itself go where the process listens, whatever APP_URL says', () => {
    expect(selfOrigin({ __NEXT_PRIVATE_ORIGIN: 'http://localhost:3300', PORT: '3300' })).toBe('http://localhost:3300');
    expect(selfOrigin({ PORT: '3400' })).toBe('http://localhost:3400');
    expect(selfOrigin({})).toBe('http://localhost:3000');
    expect(onSelf('https://accredit.example.cn/api/payments/notify/sandbox?x=1', { PORT: '3300' })).toBe('http://localhost:3300/api/payments/notify/sandbox?x=1');
  });

  it('at start: an APP_URL naming this machine on another port is reported', () => {
    expect(startMismatch({ APP_URL: 'http://localhost:3000', APP_URL_SET: true }, 3300)).toMatch(/port 3000.*listens on 3300/);
    expect(startMismatch({ APP_URL: 'http://localhost:3300', APP_URL_SET: true }, 3300)).toBeNull();
    expect(startMismatch({ APP_URL: 'https://accredit.example.cn', APP_URL_SET: true }, 3300)).toBeNull();
    expect(startMismatch({ APP_URL: 'http://localhost:3300', APP_URL_SET: false }, 3300)).toBeNull();
  });

  it('the first request’s address is compared with APP_URL', () => {
    expect(requestMismatch('http://localhost:3000', { host: 'localhost:3300', proto: 'http' })).toMatch(/requests arrive for http:\/\/localhost:3300/);
    expect(requestMismatch('http://localhost:3300', { host: 'localhost:3300', proto: 'http' })).toBeNull();
    expect(requestMismatch('https://accredit.example.cn', { host: 'accredit.example.cn', proto: 'https' })).toBeNull();
    expect(requestMismatch('https://accredit.example.cn/', { host: 'ACCREDIT.example.cn:443', proto: 'https:' })).toBeNull();
    expect(requestMismatch('https://accredit.example.cn', { host: '10.0.0.5:3000', proto: 'http' })).not.toBeNull();
    expect(requestMismatch('http://localhost:3000', { host: null })).toBeNull();
  });
});

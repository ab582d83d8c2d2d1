import { describe, expect, it } from 'vitest';
import { createSignedTicket, expiresAt, readSignedTicket, signValue, verifySignedValue } from '@/lib/platform/auth/signed-ticket';

const SECRET = 'secret-0123456789-0123456789-0123456789';
const NOW = Date.UTC(2030, 0, 1, 8, 0, 0);

describe('signed tickets', () => {
  const ticket = createSignedTicket(SECRET, 'upload', { id: 'a1', exp: expiresAt(600, NOW) });

  it('reads back what it signed, before it expires', () => {
    expect(readSignedTicket(SECRET, 'upload', ticket, NOW)).toEqual({ id: 'a1', exp: NOW / 1000 + 600 });
    expect(readSignedTicket(SECRET, 'upload', ticket, NOW + 599_000)).toMatchObject({ id: 'a1' });
  });

  it('refuses it from its expiry on', () => {
    expect(readSignedTicket(SECRET, 'upload', ticket, NOW + 600_000)).toBeNull();
    expect(readSignedTicket(SECRET, 'upload', ticket, NOW + 3_600_000)).toBeNull();
  });

  it('refuses it for another purpose or under another secret', () => {
    expect(readSignedTicket(SECRET, 'password-retrieve', ticket, NOW)).toBeNull();
    expect(readSignedTicket('another-secret-0123456789-0123456789', 'upload', ticket, NOW)).toBeNull();
  });

  it('refuses a tampered payload or signature, and garbage', () => {
    const [payload, sig] = ticket.split('.');
    const altered = Buffer.from(JSON.stringify({ id: 'b2', exp: NOW / 1000 + 600 })).toString('base64url');
    expect(readSignedTicket(SECRET, 'upload', `${altered}.${sig}`, NOW)).toBeNull();
    expect(readSignedTicket(SECRET, 'upload', `${payload}.${sig.slice(0, -2)}xx`, NOW)).toBeNull();
    expect(readSignedTicket(SECRET, 'upload', `${payload}.${sig}.extra`, NOW)).toBeNull();
    for (const junk of ['', '.', 'garbage', `${payload}.`, `.${sig}`]) expect(readSignedTicket(SECRET, 'upload', junk, NOW), junk).toBeNull();
  });

  it('refuses a correctly signed value that is not a ticket (no expiry, not an object)', () => {
    for (const value of [{ id: 'x' }, [1, 2], 'text', { exp: 'later' }]) {
      const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
      expect(readSignedTicket(SECRET, 'upload', `${payload}.${signValue(SECRET, 'upload', payload)}`, NOW)).toBeNull();
    }
  });

  it('signs plain values bound to a purpose', () => {
    const sig = signValue(SECRET, 'captcha-challenge', 'abc');
    expect(verifySignedValue(SECRET, 'captcha-challenge', 'abc', sig)).toBe(true);
    expect(verifySignedValue(SECRET, 'captcha-challenge', 'abd', sig)).toBe(false);
    expect(verifySignedValue(SECRET, 'upload', 'abc', sig)).toBe(false);
    expect(verifySignedValue(SECRET, 'captcha-challenge', 'abc', 'short')).toBe(false);
  });
});

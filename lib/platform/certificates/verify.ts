import { eq, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { certificates } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { maskApplicantName, type VerifiedRecord } from '../pdf/verify';
import { certificateState, chinaDay } from './present';
import { findCertificateType } from './registry';

/** A QR token: 24 random bytes, base64url (32 characters). */
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

/**
 * /verify/<number or token>: a certificate by its printed number or by the
 * token its QR code carries. Shows what the certificate itself shows — type,
 * holder (masked), subject, dates — and its status: valid, expired, void, or
 * replaced with the replacing certificate's number (and a link to it).
 * A void certificate's reason is not shown to the public.
 */
export async function verifyCertificate(db: DbOrTx, numberOrToken: string): Promise<VerifiedRecord | null> {
  const q = numberOrToken.trim();
  if (!q || q.length > 64) return null;
  const next = alias(certificates, 'replacing');
  const [row] = await db
    .select({ c: certificates, replacedByNumber: next.number })
    .from(certificates)
    .leftJoin(next, eq(next.id, certificates.replacedById))
    .where(TOKEN.test(q) ? or(eq(certificates.number, q), eq(certificates.token, q)) : eq(certificates.number, q));
  if (!row) return null;
  const c = row.c;
  const state = certificateState(c);
  const type = findCertificateType(c.type);
  const subject = (c.subject ?? {}) as Record<string, unknown>;
  const facts: VerifiedRecord['facts'] = [];
  const text = (v: unknown) => (Array.isArray(v) ? v.map(String).join('、') : typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  const labels: Record<string, string> = { level: 'certificates.subject.level', scope: 'certificates.subject.scope', items: 'certificates.subject.items', ...(type?.subjectLabels ?? {}) };
  for (const [key, labelKey] of Object.entries(labels)) {
    const value = text(subject[key]);
    if (value) facts.push({ labelKey, value });
  }
  facts.push({ labelKey: 'certificates.verify.issuedAt', value: chinaDay(c.issuedAt) });
  facts.push({ labelKey: 'certificates.verify.validUntil', value: c.validUntil ? chinaDay(c.validUntil) : '' });
  return {
    number: c.number,
    typeKey: type?.labelKey ?? 'certificates.genericType',
    statusKey: `certificates.status.${state}`,
    valid: state === 'valid',
    holderMasked: maskApplicantName(c.holderName),
    facts: facts.map((f) => (f.labelKey === 'certificates.verify.validUntil' && !f.value ? { ...f, value: 'certificates.verify.noExpiry', valueKey: true } : f)),
    ...(row.replacedByNumber ? { links: [{ labelKey: 'certificates.verify.replacedBy', number: row.replacedByNumber }] } : {}),
    invalidKey: state === 'valid' ? undefined : `certificates.verify.invalid${state[0].toUpperCase()}${state.slice(1)}`,
  };
}

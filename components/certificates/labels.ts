import type { CertificateState } from '@/lib/platform/certificates/schemas';

/** Badge tones of the read model's states (portal and staff lists). */
export const STATE_TONE: Record<CertificateState, 'success' | 'warning' | 'danger' | 'neutral'> = {
  valid: 'success',
  expired: 'warning',
  suspended: 'warning',
  void: 'danger',
  replaced: 'neutral',
};

/** A message key from any namespace, or the key itself when the catalog lacks it. */
export function labelOf(t: { has: (k: never) => boolean; (k: never): string }, key: string): string {
  return t.has(key as never) ? t(key as never) : key;
}

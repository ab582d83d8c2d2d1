import type { LossCertificateOption } from '@/lib/modules/membership/certificate-loss/queries';

type T = { (key: string, values?: Record<string, string>): string; has: (key: string) => boolean };

const day = (d: Date | null, noExpiry: string) => (d ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d) : noExpiry);

/** The loss form's certificate options: labelled, one with another open report disabled with its reason. */
export function lossOptions(t: T, certificates: LossCertificateOption[], exceptApplicationNumber?: string) {
  return certificates.map((c) => ({
    id: c.id,
    label: t('membershipChanges.loss.option', { type: t.has(c.typeKey) ? t(c.typeKey) : c.typeKey, number: c.number, date: day(c.validUntil, t('membershipChanges.loss.noExpiry')) }),
    disabledReason: c.openReport && c.openReport !== exceptApplicationNumber ? t('membershipChanges.loss.reportedBy', { number: c.openReport }) : undefined,
  }));
}

import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Download, ShieldCheck } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import type { Db } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { certificatesOfApplication } from '@/lib/platform/certificates/queries';
import { labelOf, STATE_TONE } from './labels';

/**
 * The certificates issued for an application (on its approval: a member,
 * filing or qualification certificate …), each with its number, validity,
 * status, PDF download and verification link. Nothing when there are none.
 */
export async function ApplicationCertificates({ db, actor, applicationId }: { db: Db; actor: Actor; applicationId: string }) {
  const items = await certificatesOfApplication(db, actor, applicationId);
  if (items.length === 0) return null;
  const t = await getTranslations('certificates');
  const all = await getTranslations();
  const f = await getFormatter();
  const day = (d: Date | null) => (d ? f.dateTime(d, { year: 'numeric', month: '2-digit', day: '2-digit' }) : t('portal.noExpiry'));
  return (
    <section aria-labelledby="app-certificates-title" className="flex flex-col gap-2" data-testid="application-certificates">
      <h2 id="app-certificates-title" className="text-sm font-semibold">
        {t('application.title')}
      </h2>
      <ul className="flex flex-col gap-2">
        {items.map((c) => (
          <li key={c.id} className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-border px-3 py-2 text-sm" data-number={c.number} data-state={c.state}>
            <div className="flex flex-col">
              <span className="font-medium">
                {labelOf(all, c.typeKey)} <span className="font-mono">{c.number}</span>
              </span>
              <span className="text-xs text-muted-foreground">
                {t('application.validity', { from: day(c.issuedAt), until: day(c.validUntil) })}
                {c.replacedByNumber ? ` · ${t('portal.replacedBy', { number: c.replacedByNumber })}` : ''}
              </span>
            </div>
            <div className="flex items-center gap-3">
              <Badge tone={STATE_TONE[c.state]}>{t(`status.${c.state}`)}</Badge>
              <a href={`/api/certificates/${c.id}/pdf`} className="inline-flex items-center gap-1 text-primary hover:underline" data-testid="application-certificate-download">
                <Download className="h-3.5 w-3.5" aria-hidden />
                {t('application.download')}
              </a>
              <Link href={`/verify/${encodeURIComponent(c.number)}`} className="inline-flex items-center gap-1 text-primary hover:underline">
                <ShieldCheck className="h-3.5 w-3.5" aria-hidden />
                {t('portal.verify')}
              </Link>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

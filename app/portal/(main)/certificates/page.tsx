import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Download, ShieldCheck } from 'lucide-react';
import { labelOf, STATE_TONE } from '@/components/certificates/labels';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent } from '@/components/ui/card';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { requireActor } from '@/lib/platform/auth/server';
import { listMyCertificates } from '@/lib/platform/certificates/queries';

export async function generateMetadata() {
  return { title: (await getTranslations('certificates.portal'))('title') };
}

/** 我的证书: the certificates the signed-in holder holds (an organization's, within a sub-account's modules), with status and download. */
export default async function MyCertificatesPage() {
  const actor = await requireActor({ next: '/portal/certificates' });
  const t = await getTranslations('certificates');
  const all = await getTranslations();
  const f = await getFormatter();
  const items = await listMyCertificates(await getDb(), actor);
  const day = (d: Date | null) => (d ? f.dateTime(d, { year: 'numeric', month: '2-digit', day: '2-digit' }) : t('portal.noExpiry'));
  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <div>
        <h1 className="text-xl font-semibold">{t('portal.title')}</h1>
        <p className="mt-1 text-sm text-muted-foreground">{t('portal.intro')}</p>
      </div>
      <Card>
        <CardContent className="py-4">
          {items.length === 0 ? (
            <p className="py-8 text-center text-sm text-muted-foreground">{t('portal.empty')}</p>
          ) : (
            <Table stack data-testid="my-certificates">
              <thead>
                <tr>
                  <Th>{t('portal.number')}</Th>
                  <Th>{t('portal.type')}</Th>
                  <Th>{t('portal.holder')}</Th>
                  <Th>{t('portal.issuedAt')}</Th>
                  <Th>{t('portal.validUntil')}</Th>
                  <Th>{t('portal.status')}</Th>
                  <Th>
                    <span className="sr-only">{t('portal.download')}</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id} data-number={c.number} data-state={c.state}>
                    <Td label={t('portal.number')} className="whitespace-nowrap font-mono text-xs">{c.number}</Td>
                    <Td label={t('portal.type')}>
                      <div>{labelOf(all, c.typeKey)}</div>
                      {c.subject.length > 0 && <div className="text-xs text-muted-foreground">{c.subject.map(([label, value]) => `${label}：${value}`).join('；')}</div>}
                    </Td>
                    <Td label={t('portal.holder')}>{c.holderName}</Td>
                    <Td label={t('portal.issuedAt')} className="whitespace-nowrap">{day(c.issuedAt)}</Td>
                    <Td label={t('portal.validUntil')} className="whitespace-nowrap">{day(c.validUntil)}</Td>
                    <Td label={t('portal.status')} className="whitespace-nowrap">
                      <div className="flex flex-col items-start gap-1">
                        <Badge tone={STATE_TONE[c.state]}>{t(`status.${c.state}`)}</Badge>
                        {c.replacedByNumber && <span className="text-xs text-muted-foreground">{t('portal.replacedBy', { number: c.replacedByNumber })}</span>}
                      </div>
                    </Td>
                    <Td className="whitespace-nowrap">
                      <div className="flex gap-3">
                        <a href={`/api/certificates/${c.id}/pdf`} className="inline-flex items-center gap-1 text-primary hover:underline" data-testid="certificate-download">
                          <Download className="h-3.5 w-3.5" aria-hidden />
                          {t('portal.download')}
                        </a>
                        <Link href={`/verify/${encodeURIComponent(c.number)}`} className="inline-flex items-center gap-1 text-primary hover:underline">
                          <ShieldCheck className="h-3.5 w-3.5" aria-hidden />
                          {t('portal.verify')}
                        </Link>
                      </div>
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

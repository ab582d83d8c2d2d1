import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Download, FileText } from 'lucide-react';
import { BatchPrint } from '@/components/certificates/batch-print';
import { labelOf, STATE_TONE } from '@/components/certificates/labels';
import { StaffCertificateActions } from '@/components/certificates/staff-certificate-actions';
import { Forbidden } from '@/components/forbidden';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Input, Label, Select } from '@/components/ui/input';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { requireActor } from '@/lib/platform/auth/server';
import { canSeeCertificates } from '@/lib/platform/certificates/access';
import { certificateTypesFor, searchCertificates } from '@/lib/platform/certificates/queries';
import { CERTIFICATE_STATES, parseCertificateFilter, type CertificateFilter } from '@/lib/platform/certificates/schemas';

export async function generateMetadata() {
  return { title: (await getTranslations('certificates.staff'))('title') };
}

type Search = Record<string, string | string[] | undefined>;

function queryString(p: CertificateFilter, page?: number): string {
  const entries = Object.entries({ q: p.q, type: p.type, status: p.status, page: page && page > 1 ? String(page) : undefined });
  return new URLSearchParams(entries.filter((e): e is [string, string] => Boolean(e[1]))).toString();
}

/** 证书管理: every certificate of the modules the staff member holds — search, renew / replace / void, Excel export. */
export default async function StaffCertificatesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor({ staff: true, next: '/staff/certificates' });
  if (!canSeeCertificates(actor)) return <Forbidden />;
  const t = await getTranslations('certificates');
  const all = await getTranslations();
  const tc = await getTranslations('common');
  const f = await getFormatter();
  const params = parseCertificateFilter(await searchParams);
  const { items, total, page, pages } = await searchCertificates(await getDb(), actor, params);
  const types = certificateTypesFor(actor);
  const qs = queryString(params);
  const day = (d: Date | null) => (d ? f.dateTime(d, { year: 'numeric', month: '2-digit', day: '2-digit' }) : t('portal.noExpiry'));

  return (
    <Card>
      <CardHeader>
        <h1 className="text-base font-semibold">{t('staff.title')}</h1>
        <p className="text-sm text-muted-foreground">{t('staff.intro')}</p>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <form method="get" role="search" aria-label={t('staff.filters')} className="flex flex-wrap items-end gap-3" data-testid="certificates-filters">
          <div className="flex min-w-56 flex-col gap-1">
            <Label htmlFor="cert-q">{t('staff.query')}</Label>
            <Input id="cert-q" name="q" defaultValue={params.q ?? ''} placeholder={t('staff.queryPlaceholder')} className="h-8" />
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="cert-type">{t('staff.type')}</Label>
            <Select id="cert-type" name="type" defaultValue={params.type ?? ''} className="h-8">
              <option value="">{t('staff.allTypes')}</option>
              {types.map((ty) => (
                <option key={ty.type} value={ty.type}>
                  {labelOf(all, ty.labelKey)}
                </option>
              ))}
            </Select>
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="cert-status">{t('staff.status')}</Label>
            <Select id="cert-status" name="status" defaultValue={params.status ?? ''} className="h-8">
              <option value="">{t('staff.allStatuses')}</option>
              {CERTIFICATE_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" size="sm">
            {tc('search')}
          </Button>
          <Button asChild size="sm" variant="outline">
            <Link href="/staff/certificates">{tc('reset')}</Link>
          </Button>
          <Button asChild size="sm" variant="outline" className="ml-auto">
            <a href={`/staff/certificates/export${qs ? `?${qs}` : ''}`} download data-testid="certificates-export">
              <Download className="h-4 w-4" aria-hidden />
              {t('staff.export')}
            </a>
          </Button>
        </form>

        {items.length > 0 && <BatchPrint id="batch-print" endpoint="/staff/certificates/print" />}
        {items.length === 0 ? (
          <p className="py-8 text-center text-sm text-muted-foreground">{t('staff.empty')}</p>
        ) : (
          <Table stack data-testid="certificates-list" className="text-[13px]">
            <thead>
              <tr>
                <Th className="w-8">
                  <span className="sr-only">{all('console.print.selectedOf', { what: all('console.print.what.certificates') })}</span>
                </Th>
                <Th>{t('staff.number')}</Th>
                <Th>{t('staff.type')}</Th>
                <Th>{t('staff.holder')}</Th>
                <Th>{t('staff.module')}</Th>
                <Th>{t('staff.issuedAt')}</Th>
                <Th>{t('staff.validUntil')}</Th>
                <Th>{t('staff.status')}</Th>
                <Th>
                  <span className="sr-only">{t('staff.actions')}</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id} data-number={c.number} data-state={c.state}>
                  <Td className="py-1.5">
                    <input type="checkbox" name="ids" value={c.id} form="batch-print" aria-label={all('workflow.queue.selectRow', { number: c.number })} className="h-4 w-4" />
                  </Td>
                  <Td label={t('staff.number')} className="whitespace-nowrap py-1.5 font-mono text-xs">{c.number}</Td>
                  <Td label={t('staff.type')} className="py-1.5">
                    <div>{labelOf(all, c.typeKey)}</div>
                    {c.subject.length > 0 && <div className="text-[11px] text-muted-foreground">{c.subject.map(([label, value]) => `${label}：${value}`).join('；')}</div>}
                  </Td>
                  <Td label={t('staff.holder')} className="py-1.5">
                    <div>{c.holderName}</div>
                    {c.holderIdMasked && <div className="font-mono text-[11px] text-muted-foreground">{c.holderIdMasked}</div>}
                  </Td>
                  <Td label={t('staff.module')} className="whitespace-nowrap py-1.5">{labelOf(all, `modules.${c.module}.name`)}</Td>
                  <Td label={t('staff.issuedAt')} className="whitespace-nowrap py-1.5">{day(c.issuedAt)}</Td>
                  <Td label={t('staff.validUntil')} className="whitespace-nowrap py-1.5">{day(c.validUntil)}</Td>
                  <Td label={t('staff.status')} className="py-1.5">
                    <div className="flex flex-col items-start gap-1">
                      <Badge tone={STATE_TONE[c.state]}>{t(`status.${c.state}`)}</Badge>
                      {c.replacedByNumber && <span className="font-mono text-[11px] text-muted-foreground">→ {c.replacedByNumber}</span>}
                      {c.voidReason && <span className="max-w-48 text-[11px] text-muted-foreground">{c.voidReason}</span>}
                    </div>
                  </Td>
                  <Td className="py-1.5">
                    <div className="flex flex-col items-start gap-1">
                      <a href={`/api/certificates/${c.id}/pdf?inline=1`} target="_blank" rel="noopener" className="inline-flex items-center gap-1 whitespace-nowrap text-primary hover:underline">
                        <FileText className="h-3.5 w-3.5" aria-hidden />
                        {t('staff.download')}
                      </a>
                      {c.canManage && <StaffCertificateActions certificateId={c.id} number={c.number} />}
                    </div>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <nav aria-label={t('staff.pagination')} className="flex items-center gap-2 text-sm text-muted-foreground">
          <span>{t('staff.pageOf', { page, total })}</span>
          {page > 1 && (
            <Button asChild size="sm" variant="outline">
              <Link href={`/staff/certificates?${queryString(params, page - 1)}`}>{t('staff.prevPage')}</Link>
            </Button>
          )}
          {page < pages && (
            <Button asChild size="sm" variant="outline">
              <Link href={`/staff/certificates?${queryString(params, page + 1)}`}>{t('staff.nextPage')}</Link>
            </Button>
          )}
        </nav>
      </CardContent>
    </Card>
  );
}

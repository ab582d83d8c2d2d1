import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Download } from 'lucide-react';
import { labelOf } from '@/components/certificates/labels';
import { FormAlert } from '@/components/forms/field';
import { ChangeApplicationsTable } from '@/components/membership/changes/applications-table';
import { enterpriseGate } from '@/components/membership/changes/enterprise-gate';
import { MembershipSupportCard } from '@/components/membership/changes/support-card';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { lossOverview } from '@/lib/modules/membership/certificate-loss/queries';
import { requireActor } from '@/lib/platform/auth/server';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('membershipChanges.loss'))('title') };
}

/** 证书补办: the enterprise's valid module-B certificates (each with 挂失申请 or its open report) and its reports with the reissued certificates. */
export default async function CertificateLossPage() {
  const actor = await requireActor({ next: '/portal/membership/certificate-loss' });
  const gate = await enterpriseGate(actor);
  if (gate) return gate;
  const db = await getDb();
  const overview = await lossOverview(db, actor);
  if (!overview) return null;
  const t = await getTranslations();
  const m = await getTranslations('membershipChanges');
  const f = await getFormatter();
  const day = (d: Date | null) => (d ? f.dateTime(d, { year: 'numeric', month: '2-digit', day: '2-digit' }) : m('loss.noExpiry'));
  return (
    <div className="flex max-w-5xl flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold">{m('loss.title')}</h1>
        <p className="mt-1 text-sm text-muted-foreground">{m('loss.intro')}</p>
      </div>
      <Card>
        <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
          <h2 className="text-sm font-semibold">{m('loss.certificates')}</h2>
          {!overview.refusal && (
            <Button asChild size="sm">
              <Link href="/portal/membership/certificate-loss/new">{m('loss.new')}</Link>
            </Button>
          )}
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          {overview.refusal && <FormAlert tone="info" message={t(overview.refusal as never)} />}
          {overview.certificates.length > 0 && (
            <Table stack data-testid="loss-certificates">
              <thead>
                <tr>
                  <Th>{t('certificates.portal.number')}</Th>
                  <Th>{t('certificates.portal.type')}</Th>
                  <Th>{t('certificates.portal.validUntil')}</Th>
                  <Th>
                    <span className="sr-only">{m('common.actions')}</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {overview.certificates.map((c) => (
                  <tr key={c.id} data-number={c.number}>
                    <Td label={t('certificates.portal.number')} className="whitespace-nowrap font-mono text-xs">{c.number}</Td>
                    <Td label={t('certificates.portal.type')}>{labelOf(t, c.typeKey)}</Td>
                    <Td label={t('certificates.portal.validUntil')} className="whitespace-nowrap">{day(c.validUntil)}</Td>
                    <Td className="whitespace-nowrap">
                      {c.openReport ? (
                        <span className="text-xs text-muted-foreground">{m('loss.reportedBy', { number: c.openReport })}</span>
                      ) : (
                        <Link href={`/portal/membership/certificate-loss/new?certificate=${c.id}`} className="text-primary hover:underline">
                          {m('loss.new')}
                        </Link>
                      )}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <h2 className="text-sm font-semibold">{m('loss.applications')}</h2>
        </CardHeader>
        <CardContent>
          <ChangeApplicationsTable
            rows={overview.applications}
            testId="loss-applications"
            about={{
              title: m('loss.oldCertificate'),
              render: (r) => (
                <div className="flex flex-col gap-1">
                  <span className="font-mono text-xs">{r.certificateNumber ?? '—'}</span>
                  {r.reissued && (
                    <a href={`/api/certificates/${r.reissued.certificateId}/pdf`} className="inline-flex items-center gap-1 text-xs text-primary hover:underline">
                      <Download className="h-3.5 w-3.5" aria-hidden />
                      {m('loss.newCertificate')} <span className="font-mono">{r.reissued.number}</span>
                    </a>
                  )}
                </div>
              ),
            }}
          />
        </CardContent>
      </Card>
      <MembershipSupportCard db={db} />
    </div>
  );
}

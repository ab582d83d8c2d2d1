import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Download } from 'lucide-react';
import { FormAlert } from '@/components/forms/field';
import { ChangeApplicationsTable } from '@/components/membership/changes/applications-table';
import { enterpriseGate } from '@/components/membership/changes/enterprise-gate';
import { FilingCompanyInfo } from '@/components/membership/changes/filing-company';
import { MembershipSupportCard } from '@/components/membership/changes/support-card';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { stateLabel } from '@/components/workflow/labels';
import { getDb } from '@/db';
import { filingOverview } from '@/lib/modules/membership/filing/queries';
import { requireActor } from '@/lib/platform/auth/server';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('membershipChanges.filing'))('title') };
}

/** 外省企业备案: whether the enterprise may file (out of province, none in flight or in force), its filing certificate and its filings. */
export default async function FilingPage() {
  const actor = await requireActor({ next: '/portal/membership/filing' });
  const gate = await enterpriseGate(actor);
  if (gate) return gate;
  const db = await getDb();
  const overview = await filingOverview(db, actor);
  if (!overview) return null;
  const t = await getTranslations();
  const m = await getTranslations('membershipChanges');
  const { open, refusal, current } = overview;
  return (
    <div className="flex max-w-5xl flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold">{m('filing.title')}</h1>
        <p className="mt-1 text-sm text-muted-foreground">{m('filing.intro', { province: overview.province.name })}</p>
      </div>
      {current && (
        <Card>
          <CardContent className="flex flex-wrap items-center justify-between gap-3 pt-4" data-testid="current-filing">
            <span className="text-sm">{m('filing.current', { number: current.number, date: current.validUntil ?? m('loss.noExpiry') })}</span>
            <a href={`/api/certificates/${current.id}/pdf`} className="inline-flex items-center gap-1 text-sm text-primary hover:underline">
              <Download className="h-4 w-4" aria-hidden />
              {m('filing.download')}
            </a>
          </CardContent>
        </Card>
      )}
      <Card>
        <CardHeader>
          <h2 className="text-sm font-semibold">{m('filing.company')}</h2>
        </CardHeader>
        <CardContent>
          <FilingCompanyInfo company={overview.company} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
          <h2 className="text-sm font-semibold">{m('filing.applications')}</h2>
          {!open && !refusal && (
            <Button asChild size="sm">
              <Link href="/portal/membership/filing/new">{m('filing.new')}</Link>
            </Button>
          )}
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          {open ? (
            <FormAlert tone="info" message={m('common.openNote', { number: open.number, status: stateLabel(t, open.kind, open.status) })}>
              {' '}
              <Link href={open.href} className="font-medium underline">
                {m('common.openLink')}
              </Link>
            </FormAlert>
          ) : (
            refusal && <FormAlert tone="info" message={t(refusal.key as never, refusal.values as never)} />
          )}
          <ChangeApplicationsTable
            rows={overview.applications}
            testId="filing-applications"
            about={{
              title: m('filing.certificate'),
              render: (r) =>
                r.certificate ? (
                  <a href={`/api/certificates/${r.certificate.id}/pdf`} className="inline-flex items-center gap-1 text-xs text-primary hover:underline" data-testid="filing-certificate-download">
                    <Download className="h-3.5 w-3.5" aria-hidden />
                    <span className="font-mono">{r.certificate.number}</span>
                  </a>
                ) : (
                  '—'
                ),
            }}
          />
        </CardContent>
      </Card>
      <MembershipSupportCard db={db} />
    </div>
  );
}

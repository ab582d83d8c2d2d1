import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { FormAlert } from '@/components/forms/field';
import { enterpriseGate } from '@/components/membership/changes/enterprise-gate';
import { FilingCompanyInfo } from '@/components/membership/changes/filing-company';
import { FilingForm } from '@/components/membership/changes/filing-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { filingFormValues, filingOverview } from '@/lib/modules/membership/filing/queries';
import { requireActor } from '@/lib/platform/auth/server';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('membershipChanges.filing'))('newTitle') };
}

/** A new filing: the company as registered, then the form; refused with the reason for an in-province enterprise or one already filed. */
export default async function NewFilingPage() {
  const actor = await requireActor({ next: '/portal/membership/filing/new' });
  const gate = await enterpriseGate(actor);
  if (gate) return gate;
  const overview = await filingOverview(await getDb(), actor);
  if (!overview) return null;
  if (overview.open) redirect(overview.open.href);
  const t = await getTranslations();
  const m = await getTranslations('membershipChanges');
  return (
    <div className="flex max-w-4xl flex-col gap-4">
      <Card>
        <CardHeader>
          <h1 className="text-xl font-semibold">{m('filing.newTitle')}</h1>
          <p className="text-sm text-muted-foreground">{m('filing.intro', { province: overview.province.name })}</p>
        </CardHeader>
        <CardContent>
          {overview.refusal ? (
            <FormAlert tone="info" message={t(overview.refusal.key as never, overview.refusal.values as never)}>
              {' '}
              <Link href="/portal/membership/filing" className="font-medium underline">
                {m('common.backToList')}
              </Link>
            </FormAlert>
          ) : (
            <div className="flex flex-col gap-6">
              <section className="flex flex-col gap-2">
                <h2 className="border-l-4 border-primary pl-2 text-sm font-semibold">{m('filing.sections.company')}</h2>
                <FilingCompanyInfo company={overview.company} />
              </section>
              <section className="flex flex-col gap-2">
                <h2 className="border-l-4 border-primary pl-2 text-sm font-semibold">{m('filing.sections.branch')}</h2>
                <FilingForm initial={filingFormValues({}, overview.company)} />
              </section>
            </div>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

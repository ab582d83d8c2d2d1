import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { FormAlert } from '@/components/forms/field';
import { enterpriseGate } from '@/components/membership/changes/enterprise-gate';
import { LossForm } from '@/components/membership/changes/loss-form';
import { lossOptions } from '@/components/membership/changes/loss-options';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { lossFormValues, lossOverview } from '@/lib/modules/membership/certificate-loss/queries';
import { requireActor } from '@/lib/platform/auth/server';
import { isUuid } from '@/lib/platform/schemas';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('membershipChanges.loss'))('newTitle') };
}

/** A new loss report: the certificate (preselected from the list), the reason, the declaration. */
export default async function NewLossPage({ searchParams }: { searchParams: Promise<{ certificate?: string }> }) {
  const { certificate } = await searchParams;
  const actor = await requireActor({ next: '/portal/membership/certificate-loss/new' });
  const gate = await enterpriseGate(actor);
  if (gate) return gate;
  const overview = await lossOverview(await getDb(), actor);
  if (!overview) return null;
  const t = await getTranslations();
  const m = await getTranslations('membershipChanges');
  const preselected = isUuid(certificate) && overview.certificates.some((c) => c.id === certificate && !c.openReport) ? certificate : '';
  return (
    <Card className="max-w-3xl">
      <CardHeader>
        <h1 className="text-xl font-semibold">{m('loss.newTitle')}</h1>
        <p className="text-sm text-muted-foreground">{m('loss.intro')}</p>
      </CardHeader>
      <CardContent>
        {overview.refusal ? (
          <FormAlert tone="info" message={t(overview.refusal as never)}>
            {' '}
            <Link href="/portal/membership/certificate-loss" className="font-medium underline">
              {m('common.backToList')}
            </Link>
          </FormAlert>
        ) : (
          <LossForm certificates={lossOptions(t as never, overview.certificates)} initial={lossFormValues({}, preselected)} />
        )}
      </CardContent>
    </Card>
  );
}

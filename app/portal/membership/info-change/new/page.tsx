import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { enterpriseGate } from '@/components/membership/changes/enterprise-gate';
import { InfoChangeForm } from '@/components/membership/changes/info-change-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { infoChangeFormValues, infoChangeOverview } from '@/lib/modules/membership/info-change/queries';
import { requireActor } from '@/lib/platform/auth/server';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('membershipChanges.infoChange'))('newTitle') };
}

/** A new info change: every registered field with its value; the enterprise ticks what changed. An open one is resumed instead. */
export default async function NewInfoChangePage() {
  const actor = await requireActor({ next: '/portal/membership/info-change/new' });
  const gate = await enterpriseGate(actor);
  if (gate) return gate;
  const overview = await infoChangeOverview(await getDb(), actor);
  if (!overview) return null;
  if (overview.open) redirect(overview.open.href);
  const t = await getTranslations('membershipChanges');
  return (
    <Card className="max-w-4xl">
      <CardHeader>
        <h1 className="text-xl font-semibold">{t('infoChange.newTitle')}</h1>
        <p className="text-sm text-muted-foreground">{t('infoChange.intro')}</p>
      </CardHeader>
      <CardContent>
        <InfoChangeForm current={overview.profile} display={overview.display} initial={infoChangeFormValues({})} />
      </CardContent>
    </Card>
  );
}

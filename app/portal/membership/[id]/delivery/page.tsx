import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { DeliveryForm } from '@/components/membership/delivery-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { MEMBERSHIP_APPLICATION } from '@/lib/modules/membership/kind';
import { duesFor } from '@/lib/modules/membership/member';
import type { MembershipData } from '@/lib/modules/membership/schemas';
import { requireActor } from '@/lib/platform/auth/server';
import { isAppError } from '@/lib/platform/errors';
import { formatFen } from '@/lib/platform/payments/money';
import { getApplicationFor } from '@/lib/platform/workflow';

/** After approval: the enterprise chooses how it receives the member certificate (the step's own input), then pays. */
export default async function MembershipDeliveryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor({ next: `/portal/membership/${id}/delivery` });
  const db = await getDb();
  const app = await getApplicationFor(db, actor, id).catch((e) => {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  if (app.kind !== MEMBERSHIP_APPLICATION || actor.kind !== 'organization') notFound();
  if (app.status !== 'approved') redirect(`/portal/applications/${app.id}`);
  const t = await getTranslations('membership');
  const data = app.data as MembershipData;
  const dues = await duesFor(db, app);
  return (
    <Card className="max-w-3xl">
      <CardHeader>
        <h1 className="text-xl font-semibold">
          {t('delivery.title')} <span className="font-mono text-sm text-muted-foreground">{app.number}</span>
        </h1>
        <p className="text-sm text-muted-foreground">{t('delivery.intro')}</p>
        <p className="text-sm font-medium" data-testid="membership-dues">
          {t('delivery.dues', { amount: formatFen(dues), grade: t(`grades.${data.grade}`) })}
        </p>
      </CardHeader>
      <CardContent>
        <DeliveryForm applicationId={app.id} version={app.version} initial={{ method: data.delivery?.method ?? 'mail', recipient: data.contactName, phone: data.contactMobile, address: data.registeredAddress }} />
      </CardContent>
    </Card>
  );
}

import { getTranslations } from 'next-intl/server';
import { SubAccounts } from '@/components/account/sub-accounts';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { getDb } from '@/db';
import { listSubAccounts } from '@/lib/modules/account/services/sub-accounts';
import { requireActor } from '@/lib/platform/auth/server';

export default async function SubAccountsPage() {
  const actor = await requireActor({ next: '/portal/account/sub-accounts' });
  const t = await getTranslations('subAccounts');
  if (actor.kind !== 'organization' || !actor.isMain) {
    return (
      <Card className="max-w-xl">
        <CardContent className="py-8 text-center text-muted-foreground">{t('mainOnly')}</CardContent>
      </Card>
    );
  }
  const rows = await listSubAccounts(await getDb(), actor);
  return (
    <Card className="max-w-5xl">
      <CardHeader>
        <CardTitle>{t('title')}</CardTitle>
        <p className="text-sm text-muted-foreground">{t('intro')}</p>
      </CardHeader>
      <CardContent>
        <SubAccounts rows={rows} />
      </CardContent>
    </Card>
  );
}

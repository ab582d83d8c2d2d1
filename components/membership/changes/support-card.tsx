import { getTranslations } from 'next-intl/server';
import { LifeBuoy } from 'lucide-react';
import { SupportContactsList } from '@/components/layout/support-contacts';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import type { Db } from '@/db';
import { membershipSupport } from '@/lib/modules/membership/changes/settings';

/** The association's support contacts (QQ group, phone, contacts, feedback email) on module B's pages. */
export async function MembershipSupportCard({ db }: { db: Db }) {
  const t = await getTranslations('membershipChanges.support');
  const contacts = await membershipSupport(db);
  return (
    <Card>
      <CardHeader>
        <h2 className="flex items-center gap-2 text-sm font-semibold">
          <LifeBuoy className="h-4 w-4 text-primary" aria-hidden />
          {t('title')}
        </h2>
      </CardHeader>
      <CardContent className="text-sm text-slate-700">
        <SupportContactsList contacts={contacts} testId="membership-support" />
      </CardContent>
    </Card>
  );
}

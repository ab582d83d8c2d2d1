import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { SupportContactsList } from '@/components/layout/support-contacts';
import { ChangesSettingsForm, SupportContactsForm } from '@/components/membership/changes/settings-forms';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { canManageMembership } from '@/lib/modules/membership/access';
import { associationProvince, filingValidityMonths, lossNoticeRequired, membershipSupport } from '@/lib/modules/membership/changes/settings';
import { requireActor } from '@/lib/platform/auth/server';
import { can } from '@/lib/platform/auth/permissions';
import { provinces } from '@/lib/reference/provinces';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('membershipChanges.settings'))('title') };
}

/** 变更与备案设置: the change flows' settings (admins and module-B reviewers) and the association's support contacts (admins edit, audited). */
export default async function ChangesSettingsPage() {
  const actor = await requireActor({ staff: true, next: '/staff/membership/changes-settings' });
  if (!canManageMembership(actor)) return <Forbidden />;
  const t = await getTranslations('membershipChanges.settings');
  const db = await getDb();
  const [province, lossNotice, months, support] = await Promise.all([associationProvince(db), lossNoticeRequired(db), filingValidityMonths(db), membershipSupport(db)]);
  const isAdmin = can(actor, { action: 'staff.role', role: 'admin' });
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-base font-semibold">{t('title')}</h1>
      <Card>
        <CardHeader>
          <h2 className="text-sm font-semibold">{t('changesTitle')}</h2>
        </CardHeader>
        <CardContent>
          <ChangesSettingsForm
            provinces={provinces.map((p) => ({ code: p.code.slice(0, 2), name: p.name }))}
            initial={{ province: province.code, lossNoticeRequired: lossNotice, filingValidityMonths: String(months) }}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <h2 className="text-sm font-semibold">{t('supportTitle')}</h2>
          <p className="text-sm text-muted-foreground">{t('supportIntro')}</p>
        </CardHeader>
        <CardContent>
          {isAdmin ? (
            <SupportContactsForm
              initial={{ qqGroup: support.qqGroup ?? '', phone: support.phone ?? '', phoneContact: support.phoneContact ?? '', email: support.email ?? '', hours: support.hours ?? '', contacts: support.contacts ?? [] }}
            />
          ) : (
            <div className="flex flex-col gap-2 text-sm">
              <SupportContactsList contacts={support} />
              <p className="text-xs text-muted-foreground">{t('supportReadOnly')}</p>
            </div>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

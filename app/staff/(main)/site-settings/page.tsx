import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { SiteFooterForm } from '@/components/staff/site-footer-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { siteFooterSettings } from '@/lib/modules/staff-admin/services/site-footer';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';

export async function generateMetadata() {
  return { title: (await getTranslations('siteFooter'))('title') };
}

/** 页脚设置: the filing numbers (备案号) and support contacts of the public footer (admins only; the action refuses everyone else too). */
export default async function SiteSettingsPage() {
  const actor = await requireActor({ staff: true, next: '/staff/site-settings' });
  if (!can(actor, { action: 'staff.role', role: 'admin' })) return <Forbidden />;
  const t = await getTranslations('siteFooter');
  const initial = await siteFooterSettings(await getDb());
  return (
    <Card>
      <CardHeader>
        <h1 className="text-base font-semibold">{t('title')}</h1>
        <p className="text-sm text-muted-foreground">{t('intro')}</p>
      </CardHeader>
      <CardContent>
        <SiteFooterForm initial={initial} />
      </CardContent>
    </Card>
  );
}

import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { LifeBuoy } from 'lucide-react';
import { SupportContactsList } from '@/components/layout/support-contacts';
import { NoticeList } from '@/components/notice-list';
import { HomePanels } from '@/components/portal/home-panels';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { getDb } from '@/db';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';
import { listPublishedNotices } from '@/lib/platform/content/notices';
import { portalHomePanels } from '@/lib/platform/manifest';
import { isModuleKey } from '@/lib/platform/modules';
import { moduleSupportContacts } from '@/lib/platform/settings';

/** A module's home in the portal: only for accounts that may use the module. */
export default async function PortalModulePage({ params }: { params: Promise<{ module: string }> }) {
  const { module } = await params;
  if (!isModuleKey(module)) notFound();
  const actor = await requireActor({ next: `/portal/${module}` });
  const t = await getTranslations();
  if (!can(actor, { action: 'module.use', module })) return <Forbidden detail={t('portal.moduleForbidden', { module: t(`modules.${module}.name`) })} />;
  const db = await getDb();
  const [items, panels, support] = await Promise.all([
    listPublishedNotices(db, { module, limit: 20 }),
    portalHomePanels(module, { db, actor, t: (key, values) => t(key as never, values as never) }),
    moduleSupportContacts(db, module),
  ]);
  return (
    <div className="flex max-w-5xl flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold">{t(`modules.${module}.name`)}</h1>
        <p className="text-sm text-muted-foreground">{t(`modules.${module}.desc`)}</p>
      </div>
      <HomePanels panels={panels} />
      <Card>
        <CardHeader>
          <CardTitle>{t('home.noticesTitle')}</CardTitle>
        </CardHeader>
        <CardContent>
          <NoticeList items={items} />
        </CardContent>
      </Card>
      {support && (
        <Card>
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              <LifeBuoy className="h-4 w-4 text-primary" aria-hidden />
              {t('footer.moduleSupport', { module: t(`modules.${module}.name`) })}
            </CardTitle>
          </CardHeader>
          <CardContent className="text-sm text-slate-700">
            <SupportContactsList contacts={support} testId="module-support" />
          </CardContent>
        </Card>
      )}
    </div>
  );
}

import { getTranslations } from 'next-intl/server';
import { LegacyImport } from '@/components/staff/legacy-import';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { getDb } from '@/db';
import { legacyStats } from '@/lib/modules/account/services/import-legacy';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';

export async function generateMetadata() {
  return { title: (await getTranslations('legacy.import'))('title') };
}

/** 老系统用户导入 (admin only; the action refuses anyone else regardless). */
export default async function LegacyImportPage() {
  const actor = await requireActor({ staff: true, next: '/staff/legacy' });
  const t = await getTranslations('legacy.import');
  if (!can(actor, { action: 'staff.role', role: 'admin' })) {
    return (
      <Card className="max-w-xl">
        <CardContent className="py-8 text-center text-muted-foreground">{t('adminOnly')}</CardContent>
      </Card>
    );
  }
  const stats = await legacyStats(await getDb());
  return (
    <Card className="max-w-4xl">
      <CardHeader>
        <CardTitle>{t('title')}</CardTitle>
        <p className="text-sm text-muted-foreground">{t('intro')}</p>
        <p className="text-sm text-muted-foreground" data-testid="legacy-stats">
          {t('stats', stats)}
        </p>
      </CardHeader>
      <CardContent>
        <LegacyImport />
      </CardContent>
    </Card>
  );
}

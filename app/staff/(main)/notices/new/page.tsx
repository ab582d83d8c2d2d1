import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { NoticeForm } from '@/components/publications/notice-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { requireActor } from '@/lib/platform/auth/server';
import { moduleOptionsFor } from '../module-options';

export async function generateMetadata() {
  return { title: (await getTranslations('publications'))('staff.newTitle') };
}

export default async function NewNoticePage() {
  const actor = await requireActor({ staff: true, next: '/staff/notices/new' });
  const t = await getTranslations('publications');
  const moduleOptions = await moduleOptionsFor(actor);
  if (!moduleOptions.length) return <Forbidden detail={t('staff.noPermission')} />;
  return (
    <Card>
      <CardHeader className="flex flex-col gap-1">
        <Link href="/staff/notices" className="text-sm text-primary hover:underline">
          ← {t('staff.backToList')}
        </Link>
        <h1 className="text-base font-semibold">{t('staff.newTitle')}</h1>
      </CardHeader>
      <CardContent>
        <NoticeForm moduleOptions={moduleOptions} />
      </CardContent>
    </Card>
  );
}

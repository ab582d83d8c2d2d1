import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { toLocale } from '@/i18n/config';
import { Forbidden } from '@/components/forbidden';
import { NoticeForm } from '@/components/publications/notice-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { getEditableNotice } from '@/lib/modules/publications/services/list-notices';
import { requireActor } from '@/lib/platform/auth/server';
import { isAppError, translateError } from '@/lib/platform/errors';
import { moduleOptionsFor } from '../../module-options';

export async function generateMetadata() {
  return { title: (await getTranslations('publications'))('staff.editTitle') };
}

export default async function EditNoticePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const { id } = await params;
  const actor = await requireActor({ staff: true, next: `/staff/notices/${id}/edit` });
  const t = await getTranslations('publications');
  let notice;
  try {
    notice = await getEditableNotice(await getDb(), actor, id);
  } catch (e) {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    if (isAppError(e) && e.code === 'FORBIDDEN') return <Forbidden detail={translateError(e, toLocale(await getLocale()))} />;
    throw e;
  }
  const { created } = await searchParams;
  return (
    <Card>
      <CardHeader className="flex flex-col gap-1">
        <Link href="/staff/notices" className="text-sm text-primary hover:underline">
          ← {t('staff.backToList')}
        </Link>
        <h1 className="text-base font-semibold">{t('staff.editTitle')}</h1>
      </CardHeader>
      <CardContent>
        <NoticeForm key={notice.id} notice={notice} moduleOptions={await moduleOptionsFor(actor)} created={created === '1'} />
      </CardContent>
    </Card>
  );
}

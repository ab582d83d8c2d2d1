import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { ReviewSettingsForm } from '@/components/review/settings-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { canManageReviewSettings } from '@/lib/modules/review/access';
import { evaluationCriteria, projectNumberPrefix } from '@/lib/modules/review/settings';
import { requireActor } from '@/lib/platform/auth/server';

export async function generateMetadata() {
  return { title: (await getTranslations('review.staff.settings'))('title') };
}

/** 鉴定评审设置 (review planners and admins). */
export default async function ReviewSettingsPage() {
  const actor = await requireActor({ staff: true, next: '/staff/review/settings' });
  if (!canManageReviewSettings(actor)) return <Forbidden />;
  const t = await getTranslations('review.staff.settings');
  const db = await getDb();
  const [prefix, criteria] = await Promise.all([projectNumberPrefix(db), evaluationCriteria(db)]);
  const yy = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: '2-digit' }).format(new Date());
  return (
    <Card className="max-w-3xl">
      <CardHeader>
        <h1 className="text-base font-semibold">{t('title')}</h1>
      </CardHeader>
      <CardContent>
        <ReviewSettingsForm initial={{ prefix, criteria }} example={`${prefix}${yy}001`} />
      </CardContent>
    </Card>
  );
}

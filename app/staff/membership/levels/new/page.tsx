import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ArrowLeft } from 'lucide-react';
import { Forbidden } from '@/components/forbidden';
import { LevelForm } from '@/components/membership/qualification/level-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { canManageMembership } from '@/lib/modules/membership/access';
import { requireActor } from '@/lib/platform/auth/server';

/** A new qualification level (admins and module-B reviewers). */
export default async function NewLevelPage() {
  const actor = await requireActor({ staff: true, next: '/staff/membership/levels/new' });
  if (!canManageMembership(actor)) return <Forbidden />;
  const t = await getTranslations('qualification.levels');
  return (
    <div className="flex flex-col gap-4">
      <Link href="/staff/membership/levels" className="inline-flex items-center gap-1 text-sm text-primary">
        <ArrowLeft className="h-4 w-4" aria-hidden />
        {t('back')}
      </Link>
      <Card>
        <CardHeader>
          <h1 className="text-base font-semibold">{t('newTitle')}</h1>
        </CardHeader>
        <CardContent>
          <LevelForm
            backHref="/staff/membership/levels"
            initial={{ code: '', name: '', rank: '', validityMonths: '36', description: '', active: true, requirements: { senior: '0', intermediate: '0', junior: '0' }, materials: [] }}
          />
        </CardContent>
      </Card>
    </div>
  );
}

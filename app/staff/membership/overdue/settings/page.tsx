import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ArrowLeft } from 'lucide-react';
import { Forbidden } from '@/components/forbidden';
import { OverdueStagesForm } from '@/components/membership/overdue/stages-form';
import { ACTION_TONE } from '@/components/membership/overdue/present';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { canManageMembership } from '@/lib/modules/membership/access';
import { nsT, stageName } from '@/lib/modules/membership/overdue/present';
import { getOverdueStages } from '@/lib/modules/membership/overdue/settings';
import { addDays, chinaDay } from '@/lib/modules/membership/overdue/stages';
import { requireActor } from '@/lib/platform/auth/server';

export async function generateMetadata() {
  return { title: (await getTranslations('qualificationOverdue.staff.settings'))('title') };
}

/** 逾期阶段设置: the annual review's overdue stages (admins and module-B reviewers), with what they mean for a due date a month from now. */
export default async function OverdueSettingsPage() {
  const actor = await requireActor({ staff: true, next: '/staff/membership/overdue/settings' });
  if (!canManageMembership(actor)) return <Forbidden />;
  const t = nsT(await getTranslations());
  const stages = await getOverdueStages(await getDb());
  const example = addDays(chinaDay(new Date()), 30);
  return (
    <div className="flex max-w-4xl flex-col gap-4">
      <div>
        <Link href="/staff/membership/overdue" className="inline-flex items-center gap-1 text-sm text-primary hover:underline">
          <ArrowLeft className="h-4 w-4" aria-hidden />
          {t('staff.settings.back')}
        </Link>
        <h1 className="mt-1 text-lg font-semibold">{t('staff.settings.title')}</h1>
        <p className="text-sm text-muted-foreground">{t('staff.settings.intro')}</p>
      </div>
      <Card>
        <CardContent className="pt-5">
          <OverdueStagesForm stages={stages} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <h2 className="text-sm font-semibold">{t('staff.settings.preview', { dueOn: example })}</h2>
        </CardHeader>
        <CardContent>
          <ol className="flex flex-col gap-1 text-sm" data-testid="overdue-stages-preview">
            {stages.map((s) => (
              <li key={s.key} className="flex items-center gap-2">
                <span className="w-24 font-mono text-xs text-muted-foreground">{addDays(example, s.offsetDays)}</span>
                <Badge tone={ACTION_TONE[s.action]}>{stageName(t, s)}</Badge>
              </li>
            ))}
          </ol>
        </CardContent>
      </Card>
    </div>
  );
}

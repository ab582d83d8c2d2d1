import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { ProjectForm } from '@/components/review/project-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { prefillProject, unitProfile } from '@/lib/modules/review/profile';
import { requireActor } from '@/lib/platform/auth/server';

export async function generateMetadata() {
  return { title: (await getTranslations('review.form'))('newTitle') };
}

/** 新增评审项目: the form prefilled from 单位信息; the first 保存 creates the project and opens its uploads. */
export default async function NewReviewProjectPage() {
  const actor = await requireActor({ next: '/portal/review/projects/new' });
  const t = await getTranslations('review');
  if (actor.kind !== 'organization') return <Forbidden detail={t('errors.notOrganization')} />;
  const profile = await unitProfile(await getDb(), actor.orgId);
  return (
    <Card>
      <CardHeader>
        <h1 className="text-lg font-semibold">{t('form.newTitle')}</h1>
        <p className="text-sm text-muted-foreground">{t('form.prefilled')}</p>
      </CardHeader>
      <CardContent>
        <ProjectForm initial={prefillProject(profile)} unitName={profile?.name ?? actor.name} />
      </CardContent>
    </Card>
  );
}

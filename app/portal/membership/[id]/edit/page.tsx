import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { FormAlert } from '@/components/forms/field';
import { MembershipApplicationForm } from '@/components/membership/application-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { ApplicationSlots } from '@/components/workflow/application-slots';
import { getDb } from '@/db';
import { gradeOptions } from '@/lib/modules/membership/grades';
import { MEMBERSHIP_APPLICATION } from '@/lib/modules/membership/kind';
import { formValuesOf, organizationProfile, prefillFromProfile } from '@/lib/modules/membership/profile';
import { requireActor } from '@/lib/platform/auth/server';
import { isAppError } from '@/lib/platform/errors';
import { getApplicationFor, lastOpinion } from '@/lib/platform/workflow';

/** Resume a draft, or edit an application returned for changes: the form, then the business licence upload. */
export default async function EditMembershipPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor({ next: `/portal/membership/${id}/edit` });
  const db = await getDb();
  const app = await getApplicationFor(db, actor, id).catch((e) => {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  if (app.kind !== MEMBERSHIP_APPLICATION || actor.kind !== 'organization') notFound();
  if (app.status !== 'draft' && app.status !== 'returned') redirect(`/portal/applications/${app.id}`);
  const t = await getTranslations();
  const [profile, grades, lastReturn] = await Promise.all([organizationProfile(db, actor.orgId), gradeOptions(db, t as never), app.status === 'returned' ? lastOpinion(db, app, 'return') : null]);
  return (
    <div className="flex max-w-4xl flex-col gap-4">
      <Card>
        <CardHeader>
          <h1 className="text-xl font-semibold">
            {t('membership.form.title')} <span className="font-mono text-sm text-muted-foreground">{app.number}</span>
          </h1>
          {lastReturn && <FormAlert tone="info" message={t('membership.form.returnedNote', { opinion: lastReturn })} />}
        </CardHeader>
        <CardContent>
          <MembershipApplicationForm
            initial={formValuesOf(app.data, prefillFromProfile(profile))}
            grades={grades}
            existing={{ id: app.id, version: app.version, submitEvent: app.status === 'returned' ? 'resubmit' : 'submit' }}
          />
        </CardContent>
      </Card>
      <Card>
        <CardContent className="flex flex-col gap-2 pt-4">
          <p className="text-sm text-muted-foreground">{t('membership.form.uploadHint')}</p>
          <ApplicationSlots db={db} actor={actor} app={app} />
        </CardContent>
      </Card>
    </div>
  );
}

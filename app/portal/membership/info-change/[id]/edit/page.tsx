import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { FormAlert } from '@/components/forms/field';
import { enterpriseGate } from '@/components/membership/changes/enterprise-gate';
import { InfoChangeForm } from '@/components/membership/changes/info-change-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { ApplicationSlots } from '@/components/workflow/application-slots';
import { getDb } from '@/db';
import { INFO_CHANGE } from '@/lib/modules/membership/info-change/constants';
import { infoChangeFormValues, infoChangeOverview } from '@/lib/modules/membership/info-change/queries';
import { requireActor } from '@/lib/platform/auth/server';
import { isAppError } from '@/lib/platform/errors';
import { getApplicationFor, lastOpinion } from '@/lib/platform/workflow';

export const dynamic = 'force-dynamic';

/** Resume a draft, or edit a change returned for changes: the form, then the supporting document. */
export default async function EditInfoChangePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor({ next: `/portal/membership/info-change/${id}/edit` });
  const gate = await enterpriseGate(actor);
  if (gate) return gate;
  const db = await getDb();
  const app = await getApplicationFor(db, actor, id).catch((e) => {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  if (app.kind !== INFO_CHANGE) notFound();
  if (app.status !== 'draft' && app.status !== 'returned') redirect(`/portal/applications/${app.id}`);
  const [overview, lastReturn] = await Promise.all([infoChangeOverview(db, actor), app.status === 'returned' ? lastOpinion(db, app, 'return') : null]);
  if (!overview) notFound();
  const t = await getTranslations('membershipChanges');
  return (
    <div className="flex max-w-4xl flex-col gap-4">
      <Card>
        <CardHeader>
          <h1 className="text-xl font-semibold">
            {t('infoChange.newTitle')} <span className="font-mono text-sm text-muted-foreground">{app.number}</span>
          </h1>
          {lastReturn && <FormAlert tone="info" message={t('common.returnedNote', { opinion: lastReturn })} />}
        </CardHeader>
        <CardContent>
          <InfoChangeForm
            current={overview.profile}
            display={overview.display}
            initial={infoChangeFormValues(app.data)}
            existing={{ id: app.id, version: app.version, submitEvent: app.status === 'returned' ? 'resubmit' : 'submit' }}
          />
        </CardContent>
      </Card>
      <Card>
        <CardContent className="flex flex-col gap-2 pt-4">
          <p className="text-sm text-muted-foreground">{t('infoChange.uploadHint')}</p>
          <ApplicationSlots db={db} actor={actor} app={app} />
        </CardContent>
      </Card>
    </div>
  );
}

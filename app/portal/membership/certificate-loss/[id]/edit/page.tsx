import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { FormAlert } from '@/components/forms/field';
import { enterpriseGate } from '@/components/membership/changes/enterprise-gate';
import { LossForm } from '@/components/membership/changes/loss-form';
import { lossOptions } from '@/components/membership/changes/loss-options';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { ApplicationSlots } from '@/components/workflow/application-slots';
import { getDb } from '@/db';
import { CERTIFICATE_LOSS } from '@/lib/modules/membership/certificate-loss/constants';
import { lossFormValues, lossOverview } from '@/lib/modules/membership/certificate-loss/queries';
import { requireActor } from '@/lib/platform/auth/server';
import { isAppError } from '@/lib/platform/errors';
import { getApplicationFor, lastOpinion } from '@/lib/platform/workflow';

export const dynamic = 'force-dynamic';

/** Resume a draft loss report, or edit one returned for changes: the form, then the published loss notice. */
export default async function EditLossPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor({ next: `/portal/membership/certificate-loss/${id}/edit` });
  const gate = await enterpriseGate(actor);
  if (gate) return gate;
  const db = await getDb();
  const app = await getApplicationFor(db, actor, id).catch((e) => {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  if (app.kind !== CERTIFICATE_LOSS) notFound();
  if (app.status !== 'draft' && app.status !== 'returned') redirect(`/portal/applications/${app.id}`);
  const [overview, lastReturn] = await Promise.all([lossOverview(db, actor), app.status === 'returned' ? lastOpinion(db, app, 'return') : null]);
  if (!overview) notFound();
  const t = await getTranslations();
  const m = await getTranslations('membershipChanges');
  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <Card>
        <CardHeader>
          <h1 className="text-xl font-semibold">
            {m('loss.newTitle')} <span className="font-mono text-sm text-muted-foreground">{app.number}</span>
          </h1>
          {lastReturn && <FormAlert tone="info" message={m('common.returnedNote', { opinion: lastReturn })} />}
        </CardHeader>
        <CardContent>
          <LossForm
            certificates={lossOptions(t as never, overview.certificates, app.number)}
            initial={lossFormValues(app.data)}
            existing={{ id: app.id, version: app.version, submitEvent: app.status === 'returned' ? 'resubmit' : 'submit' }}
          />
        </CardContent>
      </Card>
      <Card>
        <CardContent className="flex flex-col gap-2 pt-4">
          <p className="text-sm text-muted-foreground" data-testid="loss-notice-hint">
            {overview.lossNoticeRequired ? m('loss.noticeRequired') : m('loss.noticeOptional')}
          </p>
          <ApplicationSlots db={db} actor={actor} app={app} />
        </CardContent>
      </Card>
    </div>
  );
}

import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { FormAlert } from '@/components/forms/field';
import { enterpriseGate } from '@/components/membership/changes/enterprise-gate';
import { FilingCompanyInfo } from '@/components/membership/changes/filing-company';
import { FilingForm } from '@/components/membership/changes/filing-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { ApplicationSlots } from '@/components/workflow/application-slots';
import { getDb } from '@/db';
import { FILING } from '@/lib/modules/membership/filing/constants';
import { filingRefusal } from '@/lib/modules/membership/filing/kind';
import { filingFormValues, filingOverview } from '@/lib/modules/membership/filing/queries';
import { requireActor } from '@/lib/platform/auth/server';
import { isAppError } from '@/lib/platform/errors';
import { getApplicationFor, lastOpinion } from '@/lib/platform/workflow';

export const dynamic = 'force-dynamic';

/** Resume a draft filing, or edit one returned for changes: the form, then the licence and the branch's registration or lease. */
export default async function EditFilingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor({ next: `/portal/membership/filing/${id}/edit` });
  const gate = await enterpriseGate(actor);
  if (gate) return gate;
  const db = await getDb();
  const app = await getApplicationFor(db, actor, id).catch((e) => {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  if (app.kind !== FILING) notFound();
  if (app.status !== 'draft' && app.status !== 'returned') redirect(`/portal/applications/${app.id}`);
  // Why this filing could not be submitted now (in-province, another in flight, one in force): shown before the enterprise fills in more.
  const [overview, lastReturn, refusal] = await Promise.all([
    filingOverview(db, actor),
    app.status === 'returned' ? lastOpinion(db, app, 'return') : null,
    actor.kind === 'organization' ? filingRefusal(db, actor.orgId, { exceptApplicationId: app.id }) : null,
  ]);
  if (!overview) notFound();
  const t = await getTranslations();
  const m = await getTranslations('membershipChanges');
  return (
    <div className="flex max-w-4xl flex-col gap-4">
      <Card>
        <CardHeader>
          <h1 className="text-xl font-semibold">
            {m('filing.newTitle')} <span className="font-mono text-sm text-muted-foreground">{app.number}</span>
          </h1>
          {lastReturn && <FormAlert tone="info" message={m('common.returnedNote', { opinion: lastReturn })} />}
          {refusal && <FormAlert tone="danger" message={t(refusal.key as never, refusal.values as never)} />}
        </CardHeader>
        <CardContent className="flex flex-col gap-6">
          <section className="flex flex-col gap-2">
            <h2 className="border-l-4 border-primary pl-2 text-sm font-semibold">{m('filing.sections.company')}</h2>
            <FilingCompanyInfo company={overview.company} />
          </section>
          <section className="flex flex-col gap-2">
            <h2 className="border-l-4 border-primary pl-2 text-sm font-semibold">{m('filing.sections.branch')}</h2>
            <FilingForm initial={filingFormValues(app.data, overview.company)} existing={{ id: app.id, version: app.version, submitEvent: app.status === 'returned' ? 'resubmit' : 'submit' }} />
          </section>
        </CardContent>
      </Card>
      <Card>
        <CardContent className="flex flex-col gap-2 pt-4">
          <p className="text-sm text-muted-foreground">{m('filing.uploadHint')}</p>
          <ApplicationSlots db={db} actor={actor} app={app} />
        </CardContent>
      </Card>
    </div>
  );
}

import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { ApplicationDocuments } from '@/components/workflow/application-documents';
import { FlowRecord } from '@/components/workflow/flow-record';
import { badgeTone, kindName, stateLabel } from '@/components/workflow/labels';
import { ProgressRail } from '@/components/workflow/progress-rail';
import { ApplicationSummary } from '@/components/workflow/summary';
import { getDb } from '@/db';
import { requireActor } from '@/lib/platform/auth/server';
import { isAppError } from '@/lib/platform/errors';
import { applicationOrder, availableTransitions, flowRecord, getApplicationFor, getKind, kindMessageKey } from '@/lib/platform/workflow';
import { ApplicantActions } from '@/components/workflow/applicant-actions';
import { eventLabel } from '@/components/workflow/labels';
import { PaymentStep } from '@/components/workflow/payment-step';
import { ApplicationSlots } from '@/components/workflow/application-slots';
import { ApplicationCertificates } from '@/components/certificates/application-certificates';

/**
 * An application as its applicant sees it, for every kind: progress rail,
 * data, what the applicant may do now (edit, a step with its own form, a
 * plain transition with a confirmation), the payment step's order, documents
 * and the flow record (roles, not staff names). Labels come from the kind's
 * messages, with generic fallbacks.
 */
export default async function PortalApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor({ next: `/portal/applications/${id}` });
  const db = await getDb();
  const app = await getApplicationFor(db, actor, id).catch((e) => {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  const kind = getKind(app.kind);
  // A kind with its own page (review projects' operations page) is worked there.
  if (kind.applicantPath) redirect(kind.applicantPath(app));
  const t = await getTranslations();
  const entries = await flowRecord(db, app, actor);
  const mine = availableTransitions(actor, app);
  const label = (part: string, fallback: string, values?: Record<string, string>) => (t.has(kindMessageKey(app.kind, part) as never) ? t(kindMessageKey(app.kind, part) as never, values as never) : fallback);
  const editable = kind.states[app.status]?.applicantEditable && kind.editPath && mine.some((m) => m.def.takesData);
  const editLabel = app.status === 'returned' ? label('editReturned', t('workflow.review.editReturned')) : label('edit', t('workflow.review.edit'));
  const links = [
    ...(editable ? [{ href: kind.editPath!(app), label: editLabel }] : []),
    // A step with its own input (delivery choice, transfer phone …) is filled on its own page.
    ...mine.filter((m) => m.def.formPath).map((m) => ({ href: m.def.formPath!(app), label: eventLabel(t, app.kind, m.event) })),
  ];
  const plainActions = mine
    .filter((m) => !m.def.takesData && !m.def.input && !m.def.formPath)
    .map((m) => {
      const action = eventLabel(t, app.kind, m.event);
      return { event: m.event, label: action, confirm: label(`confirm.${m.event}`, t('workflow.review.confirmAction', { action })), destructive: m.def.destructive };
    });
  const step = kind.states[app.status]?.payment;
  const order = Object.values(kind.states).some((s) => s.payment) ? await applicationOrder(db, app.id) : null;
  return (
    <div className="flex max-w-5xl flex-col gap-4">
      <Card>
        <CardHeader className="flex flex-col gap-3">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold">{kindName(t, app.kind)}</h1>
            <span className="font-mono text-sm text-muted-foreground">{app.number}</span>
            <Badge tone={badgeTone(getKind(app.kind).states[app.status]?.tone)} data-testid="application-status">
              {stateLabel(t, app.kind, app.status)}
            </Badge>
          </div>
          <ProgressRail app={app} />
          <p className="flex flex-wrap gap-4 text-sm">
            <a className="text-primary hover:underline" href={`/api/applications/${app.id}/pdf`} target="_blank" rel="noopener">
              {t('workflow.review.pdfPreview')}
            </a>
            <a className="text-primary hover:underline" href={`/api/applications/${app.id}/pdf?download=1`} download>
              {t('workflow.review.pdfDownload')}
            </a>
          </p>
          <ApplicantActions applicationId={app.id} version={app.version} links={links} actions={plainActions} />
          <PaymentStep app={app} order={order} step={step} />
          <ApplicationCertificates db={db} actor={actor} applicationId={app.id} />
        </CardHeader>
        <CardContent>
          <ApplicationSummary app={app} />
        </CardContent>
      </Card>
      <Card>
        <CardContent className="flex flex-col gap-4 pt-4">
          <ApplicationSlots db={db} actor={actor} app={app} />
          <ApplicationDocuments db={db} actor={actor} applicationId={app.id} />
          <FlowRecord kind={app.kind} entries={entries} />
        </CardContent>
      </Card>
    </div>
  );
}

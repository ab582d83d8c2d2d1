import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ArrowLeft } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { ApplicationCertificates } from '@/components/certificates/application-certificates';
import { ApplicationDocuments } from '@/components/workflow/application-documents';
import { FlowRecord } from '@/components/workflow/flow-record';
import { badgeTone, eventLabel, kindName, stateLabel } from '@/components/workflow/labels';
import { ProgressRail } from '@/components/workflow/progress-rail';
import { ClaimButton, ReviewPanel } from '@/components/workflow/review-panel';
import { ApplicationSummary } from '@/components/workflow/summary';
import { getDb } from '@/db';
import { requireActor } from '@/lib/platform/auth/server';
import { isAppError } from '@/lib/platform/errors';
import { assigneeName, availableTransitions, flowRecord, getApplicationFor, getKind } from '@/lib/platform/workflow';

/** The request's clock (a server component renders once per request). */
const requestTime = () => Date.now();

export async function generateMetadata() {
  return { title: (await getTranslations('workflow.review'))('actions') };
}

/** The review page: submitted data, flow record, progress, and the actions the kind allows this staff member. */
export default async function StaffApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor({ staff: true, next: `/staff/applications/${id}` });
  const db = await getDb();
  const app = await getApplicationFor(db, actor, id).catch((e) => {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  const kind = getKind(app.kind);
  // A kind with its own staff page (review projects) is worked there.
  if (kind.staffPath) redirect(kind.staffPath(app));
  const t = await getTranslations();
  const f = await getFormatter();
  const [entries, assignee] = await Promise.all([
    flowRecord(db, app, actor),
    assigneeName(db, app),
  ]);
  const actions = availableTransitions(actor, app).map(({ event, def }) => ({
    event,
    label: eventLabel(t, app.kind, event),
    opinion: def.opinion,
    destructive: def.destructive,
  }));
  const state = kind.states[app.status];
  const overdue = app.dueAt && !state?.final && app.dueAt.getTime() < requestTime();

  return (
    <div className="flex flex-col gap-4">
      <Link href="/staff/queue" className="inline-flex items-center gap-1 text-sm text-primary">
        <ArrowLeft className="h-4 w-4" aria-hidden />
        {t('workflow.review.backToQueue')}
      </Link>
      <Card>
        <CardHeader className="flex flex-col gap-3">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-base font-semibold">{kindName(t, app.kind)}</h1>
            <Badge tone={badgeTone(state?.tone)} data-testid="application-status">
              {stateLabel(t, app.kind, app.status)}
            </Badge>
          </div>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
            <div>
              <dt className="text-xs text-muted-foreground">{t('workflow.review.number')}</dt>
              <dd className="font-mono">{app.number}</dd>
            </div>
            <div>
              <dt className="text-xs text-muted-foreground">{t('workflow.review.applicant')}</dt>
              <dd>{app.applicantName}</dd>
            </div>
            <div>
              <dt className="text-xs text-muted-foreground">{t('workflow.review.submittedAt')}</dt>
              <dd className="tabular-nums">{app.submittedAt ? f.dateTime(app.submittedAt, 'datetime') : '—'}</dd>
            </div>
            <div>
              <dt className="text-xs text-muted-foreground">{t('workflow.review.dueAt')}</dt>
              <dd className={overdue ? 'font-semibold text-danger' : 'tabular-nums'}>
                {app.dueAt && !state?.final ? f.dateTime(app.dueAt, 'date') : '—'}
                {overdue && `（${t('workflow.queue.overdue')}）`}
              </dd>
            </div>
            <div className="col-span-2 flex items-center gap-2 sm:col-span-4">
              <dt className="text-xs text-muted-foreground">{t('workflow.review.assignee')}</dt>
              <dd className="flex items-center gap-2">
                {assignee ?? t('workflow.review.unassigned')}
                {!state?.final && !app.assigneeId && <ClaimButton applicationId={app.id} mine={false} label={t('workflow.review.claim')} />}
                {!state?.final && app.assigneeId === actor.id && <ClaimButton applicationId={app.id} mine label={t('workflow.review.release')} />}
              </dd>
            </div>
          </dl>
          <ProgressRail app={app} />
          <p className="flex flex-wrap gap-4 text-sm">
            <a className="text-primary hover:underline" href={`/api/applications/${app.id}/pdf`} target="_blank" rel="noopener">
              {t('workflow.review.pdfPreview')}
            </a>
            <a className="text-primary hover:underline" href={`/api/applications/${app.id}/pdf?download=1`} download>
              {t('workflow.review.pdfDownload')}
            </a>
          </p>
        </CardHeader>
      </Card>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader>
            <h2 className="text-sm font-semibold">{t('workflow.review.submittedData')}</h2>
          </CardHeader>
          <CardContent>
            <ApplicationSummary app={app} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <h2 className="text-sm font-semibold">{t('workflow.review.actions')}</h2>
          </CardHeader>
          <CardContent>
            <ReviewPanel key={app.version} applicationId={app.id} version={app.version} actions={actions} />
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardContent className="flex flex-col gap-4 pt-4">
          <ApplicationCertificates db={db} actor={actor} applicationId={app.id} />
          <ApplicationDocuments db={db} actor={actor} applicationId={app.id} />
          <FlowRecord kind={app.kind} entries={entries} />
        </CardContent>
      </Card>
    </div>
  );
}

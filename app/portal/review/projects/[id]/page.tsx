import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { FormAlert } from '@/components/forms/field';
import { UploadField } from '@/components/forms/upload-field';
import { shownSlot } from '@/components/forms/shown-slot';
import { EvaluationForm } from '@/components/review/evaluation-form';
import { EvaluationPanel, FileList, InvitationPanel, LetterPanel, NoticePanel, OnSitePanel, RectificationPanel } from '@/components/review/panels';
import { ProjectHeader, ProjectTabs } from '@/components/review/project-header';
import { InvitationForm, RectificationForm, StepButton } from '@/components/review/step-actions';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { FlowRecord } from '@/components/workflow/flow-record';
import { ApplicationSummary } from '@/components/workflow/summary';
import { getDb } from '@/db';
import { LETTER_SLOT, LICENSE_SLOT, MATERIAL_SLOTS, RECTIFICATION_SLOT, TABS, tabOf, type Tab } from '@/lib/modules/review/constants';
import { earliestInvitationDate } from '@/lib/modules/review/dates';
import { evaluableRounds } from '@/lib/modules/review/evaluation';
import { projectView } from '@/lib/modules/review/queries';
import { evaluationCriteria } from '@/lib/modules/review/settings';
import { requireActor } from '@/lib/platform/auth/server';
import { listSlotDocuments } from '@/lib/platform/documents/services/list-documents';
import { isAppError } from '@/lib/platform/errors';
import { getKind, isApplicantOf } from '@/lib/platform/workflow';

// The request's time (outside the component: rendering itself stays pure).
const requestTime = () => new Date();

export async function generateMetadata() {
  return { title: (await getTranslations('review.project'))('title') };
}

/**
 * A project's operations page (操作): a tab per stage, each with what the
 * rounds hold and the step the unit may take now, and the flow record
 * (流转信息) with the association's opinions.
 */
export default async function ReviewProjectPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ tab?: string; submitted?: string }> }) {
  const { id } = await params;
  const actor = await requireActor({ next: `/portal/review/projects/${id}` });
  const db = await getDb();
  const view = await projectView(db, actor, id).catch((e) => {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  const { app } = view;
  const sp = await searchParams;
  const actionable = ['finished', 'failed', 'rejected', 'withdrawn'].includes(app.status) ? null : tabOf(app.status);
  const tab: Tab = (TABS as readonly string[]).includes(sp.tab ?? '') ? (sp.tab as Tab) : tabOf(app.status);
  const t = await getTranslations('review');
  const tAll = await getTranslations();
  const mine = isApplicantOf(actor, app);
  const base = `/portal/review/projects/${app.id}`;
  const slotOf = (key: string) => {
    const s = getKind(app.kind).slots!.find((x) => x.key === key)!;
    return shownSlot(tAll, s);
  };
  const docsOf = (key: string) => listSlotDocuments(db, actor, { applicationId: app.id, slot: key });

  let panel: React.ReactNode;
  switch (tab) {
    case 'materials':
      panel = (
        <section className="flex flex-col gap-4" data-testid="panel-materials">
          {mine && (app.status === 'draft' || app.status === 'returned') && (
            <div className="flex flex-wrap gap-2">
              <Button asChild>
                <Link href={`${base}/edit`}>{app.status === 'returned' ? t('kind.editReturned') : t('kind.edit')}</Link>
              </Button>
              <StepButton applicationId={app.id} version={app.version} event="withdraw" label={t('kind.actions.withdraw')} confirmTitle={t('kind.actions.withdraw')} confirmBody={t('kind.confirm.withdraw')} destructive />
            </div>
          )}
          <ApplicationSummary app={app} />
          <FileList files={view.files} slots={[...MATERIAL_SLOTS, LICENSE_SLOT]} empty={t('project.noFiles')} />
        </section>
      );
      break;
    case 'invitation':
      panel = (
        <InvitationPanel
          view={view}
          actions={
            mine && app.status === 'inviting' ? (
              <InvitationForm applicationId={app.id} version={app.version} earliest={earliestInvitationDate(requestTime())} reinvite={(view.current?.number ?? 1) > 1} />
            ) : app.status === 'invitationSent' ? (
              <FormAlert tone="info" message={t('invitation.waiting')} />
            ) : undefined
          }
        />
      );
      break;
    case 'letter':
      panel = (
        <LetterPanel
          view={view}
          actions={
            mine && app.status === 'letter' ? (
              <div className="flex flex-col gap-3 rounded-md border border-border p-4" data-testid="letter-upload">
                <p className="text-sm">{t('letter.instructions')}</p>
                <UploadField slot={slotOf(LETTER_SLOT)} applicationId={app.id} initialDocuments={await docsOf(LETTER_SLOT)} phone={false} />
                <div>
                  <StepButton applicationId={app.id} version={app.version} event="submitLetter" label={t('letter.submit')} confirmTitle={t('letter.submit')} confirmBody={t('letter.confirm')} testId="submit-letter" />
                </div>
              </div>
            ) : app.status === 'letterSubmitted' ? (
              <FormAlert tone="info" message={t('letter.waiting')} />
            ) : undefined
          }
        />
      );
      break;
    case 'notice':
      panel = (
        <NoticePanel
          view={view}
          actions={
            mine && app.status === 'noticeIssued' ? (
              <div className="flex flex-col gap-3 rounded-md border border-border p-4" data-testid="notice-confirm">
                <p className="text-sm">{t('notice.confirmInstructions')}</p>
                <FormAlert tone="info">
                  <p className="font-medium">{t('notice.disputeTitle')}</p>
                  <p>{t('notice.dispute', { number: app.number })}</p>
                </FormAlert>
                <div>
                  <StepButton applicationId={app.id} version={app.version} event="confirmNotice" label={t('notice.confirm')} confirmTitle={t('notice.confirm')} confirmBody={t('notice.confirmBody', { number: app.number })} testId="confirm-notice" />
                </div>
              </div>
            ) : app.status === 'onSite' ? (
              <FormAlert tone="info" message={t('notice.afterConfirm')} />
            ) : undefined
          }
        />
      );
      break;
    case 'onSite':
      panel = <OnSitePanel view={view} actions={app.status === 'onSite' ? <FormAlert tone="info" message={t('onSite.unitWaiting')} /> : undefined} />;
      break;
    case 'rectification':
      panel = (
        <RectificationPanel
          view={view}
          actions={
            mine && app.status === 'rectifying' ? (
              <div className="flex flex-col gap-3 rounded-md border border-border p-4" data-testid="rectification-upload">
                <p className="text-sm">{t('rectification.instructions')}</p>
                <UploadField slot={slotOf(RECTIFICATION_SLOT)} applicationId={app.id} initialDocuments={await docsOf(RECTIFICATION_SLOT)} phone={false} />
                <RectificationForm applicationId={app.id} version={app.version} />
              </div>
            ) : app.status === 'rectificationSubmitted' ? (
              <FormAlert tone="info" message={t('rectification.waiting')} />
            ) : undefined
          }
        />
      );
      break;
    case 'evaluation': {
      const open = mine ? await evaluableRounds(db, app.id) : [];
      const criteria = open.length ? await evaluationCriteria(db) : [];
      panel = (
        <EvaluationPanel
          view={view}
          actions={open.map((r) => (
            <EvaluationForm key={r.number} applicationId={app.id} round={r.number} team={r.team} criteria={criteria} multipleRounds={view.rounds.length > 1} />
          ))}
        />
      );
      break;
    }
  }

  return (
    <div className="flex flex-col gap-4">
      {sp.submitted && <FormAlert tone="success" message={t('project.submitted')} />}
      <Card>
        <ProjectHeader view={view} />
        <ProjectTabs base={base} active={tab} actionable={actionable} />
        <CardContent className="pt-4">{panel}</CardContent>
      </Card>
      <Card>
        <CardContent className="pt-4">
          <FlowRecord kind={app.kind} entries={view.flow} />
          <p className="mt-2 text-xs text-muted-foreground">{tAll('review.project.flowNote')}</p>
        </CardContent>
      </Card>
    </div>
  );
}

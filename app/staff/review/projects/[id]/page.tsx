import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ArrowLeft } from 'lucide-react';
import { Forbidden } from '@/components/forbidden';
import { FormAlert } from '@/components/forms/field';
import { UploadField } from '@/components/forms/upload-field';
import { shownSlot } from '@/components/forms/shown-slot';
import { EvaluationPanel, FileList, InvitationPanel, LetterPanel, NoticePanel, OnSitePanel, RectificationPanel } from '@/components/review/panels';
import { ProjectHeader, ProjectTabs } from '@/components/review/project-header';
import { ConclusionForm, NoticeForm } from '@/components/review/staff-actions';
import { Card, CardContent } from '@/components/ui/card';
import { FlowRecord } from '@/components/workflow/flow-record';
import { eventLabel } from '@/components/workflow/labels';
import { ReviewPanel } from '@/components/workflow/review-panel';
import { ApplicationSummary } from '@/components/workflow/summary';
import { getDb } from '@/db';
import { canSeeReviewStaffPages } from '@/lib/modules/review/access';
import { LICENSE_SLOT, MATERIAL_SLOTS, ONSITE_SLOT, TABS, tabOf, type Tab } from '@/lib/modules/review/constants';
import { beijingDate } from '@/lib/modules/review/dates';
import { leaderAccess } from '@/lib/modules/review/leader';
import { projectView } from '@/lib/modules/review/queries';
import { teamCandidates } from '@/lib/modules/review/team';
import { requireActor } from '@/lib/platform/auth/server';
import { delegatedGrants } from '@/lib/platform/delegation';
import { listSlotDocuments } from '@/lib/platform/documents/services/list-documents';
import { isAppError } from '@/lib/platform/errors';
import { availableTransitions, getKind } from '@/lib/platform/workflow';

// The request's time (outside the component: rendering itself stays pure).
const requestTime = () => new Date();

export async function generateMetadata() {
  return { title: (await getTranslations('review.project'))('title') };
}

/**
 * A project for review staff: the same tabs as the unit's page, with the
 * step each role takes — the planner's pre-review, invitation decision and
 * review notice; the assigned leader's (or their active substitute's) on-site
 * materials and conclusion; the rectification review by the leader or a
 * planner — and the flow record with who acted (and on whose behalf).
 */
export default async function StaffReviewProjectPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ tab?: string }> }) {
  const { id } = await params;
  const actor = await requireActor({ staff: true, next: `/staff/review/projects/${id}` });
  if (!canSeeReviewStaffPages(actor)) return <Forbidden />;
  const db = await getDb();
  const view = await projectView(db, actor, id).catch((e) => {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  const { app } = view;
  const now = requestTime();
  const t = await getTranslations('review');
  const tAll = await getTranslations();
  const sp = await searchParams;
  const actionable = ['finished', 'failed', 'rejected', 'withdrawn'].includes(app.status) ? null : tabOf(app.status);
  const tab: Tab = (TABS as readonly string[]).includes(sp.tab ?? '') ? (sp.tab as Tab) : tabOf(app.status);
  const base = `/staff/review/projects/${app.id}`;
  const [delegated, leader] = await Promise.all([delegatedGrants(db, actor.kind === 'staff' ? actor.id : '', now), leaderAccess(db, actor, app.id, now)]);
  const mayFire = new Set(availableTransitions(actor, app, delegated).map((m) => m.event));
  const decisions = (events: string[]) =>
    events
      .filter((e) => mayFire.has(e))
      .map((event) => {
        const def = getKind(app.kind).transitions[event];
        return { event, label: eventLabel(tAll, app.kind, event), opinion: def.opinion, destructive: def.destructive };
      });
  const panel = (events: string[]) => {
    const actions = decisions(events);
    return actions.length ? <ReviewPanel key={app.version} applicationId={app.id} version={app.version} actions={actions} /> : undefined;
  };

  let body: React.ReactNode;
  switch (tab) {
    case 'materials':
      body = (
        <section className="flex flex-col gap-4" data-testid="panel-materials">
          {app.status === 'prereview' && panel(['pass', 'return', 'reject'])}
          <ApplicationSummary app={app} />
          <FileList files={view.files} slots={[...MATERIAL_SLOTS, LICENSE_SLOT]} empty={t('project.noFiles')} />
        </section>
      );
      break;
    case 'invitation':
      body = <InvitationPanel view={view} actions={app.status === 'invitationSent' ? panel(['approveInvitation', 'rejectInvitation']) : undefined} />;
      break;
    case 'letter':
      body = <LetterPanel view={view} />;
      break;
    case 'notice': {
      const expected = view.current?.invitations.find((i) => i.status === 'approved')?.expectedDate;
      body = (
        <NoticePanel
          view={view}
          actions={app.status === 'letterSubmitted' && mayFire.has('issueNotice') ? <NoticeForm applicationId={app.id} version={app.version} candidates={await teamCandidates(db)} today={beijingDate(now)} expectedDate={expected} /> : undefined}
        />
      );
      break;
    }
    case 'onSite': {
      const slot = getKind(app.kind).slots!.find((s) => s.key === ONSITE_SLOT)!;
      body = (
        <OnSitePanel
          view={view}
          actions={
            app.status === 'onSite' && leader.mayAct ? (
              <div className="flex flex-col gap-3" data-testid="leader-actions">
                <div className="flex flex-col gap-1 rounded-md border border-border p-4">
                  <h3 className="text-sm font-semibold">{t('staff.onSite.materials')}</h3>
                  <UploadField slot={shownSlot(tAll, slot)} applicationId={app.id} initialDocuments={await listSlotDocuments(db, actor, { applicationId: app.id, slot: ONSITE_SLOT })} phone={false} />
                </div>
                <ConclusionForm applicationId={app.id} version={app.version} onBehalfOf={leader.onBehalfOf?.name} />
              </div>
            ) : app.status === 'onSite' ? (
              <FormAlert tone="info" message={t('staff.onSite.notLeader')} />
            ) : undefined
          }
        />
      );
      break;
    }
    case 'rectification':
      body = <RectificationPanel view={view} actions={app.status === 'rectificationSubmitted' && (leader.mayAct || actor.kind === 'staff' && actor.roles.some((r) => r.role === 'review_planner')) ? panel(['acceptRectification', 'returnRectification']) : undefined} />;
      break;
    case 'evaluation':
      body = <EvaluationPanel view={view} />;
      break;
  }

  return (
    <div className="flex flex-col gap-4">
      <Link href="/staff/review/projects" className="inline-flex items-center gap-1 text-sm text-primary">
        <ArrowLeft className="h-4 w-4" aria-hidden />
        {t('staff.back')}
      </Link>
      <Card>
        <ProjectHeader view={view} staff />
        <ProjectTabs base={base} active={tab} actionable={actionable} />
        <CardContent className="pt-4">{body}</CardContent>
      </Card>
      <Card>
        <CardContent className="pt-4">
          <FlowRecord kind={app.kind} entries={view.flow} />
        </CardContent>
      </Card>
    </div>
  );
}

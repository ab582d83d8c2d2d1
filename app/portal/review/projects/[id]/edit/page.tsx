import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { FormAlert } from '@/components/forms/field';
import { ProjectForm } from '@/components/review/project-form';
import { shownSlot } from '@/components/forms/shown-slot';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { MATERIAL_SLOTS, LICENSE_SLOT, REVIEW_PROJECT } from '@/lib/modules/review/constants';
import { prefillProject, projectFormValues, unitProfile } from '@/lib/modules/review/profile';
import { requireActor } from '@/lib/platform/auth/server';
import { listSlotDocuments } from '@/lib/platform/documents/services/list-documents';
import { isAppError } from '@/lib/platform/errors';
import { getApplicationFor, getKind, lastOpinion } from '@/lib/platform/workflow';

/** A saved (保存) or returned project: the form with its material uploads, 保存 and 提交. */
export default async function EditReviewProjectPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { id } = await params;
  const actor = await requireActor({ next: `/portal/review/projects/${id}/edit` });
  const db = await getDb();
  const app = await getApplicationFor(db, actor, id).catch((e) => {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  if (app.kind !== REVIEW_PROJECT || actor.kind !== 'organization') notFound();
  if (app.status !== 'draft' && app.status !== 'returned') redirect(`/portal/review/projects/${app.id}`);
  const t = await getTranslations('review');
  const tAll = await getTranslations();
  const kind = getKind(app.kind);
  const slots = (kind.slots ?? []).filter((s) => (MATERIAL_SLOTS as readonly string[]).includes(s.key) || s.key === LICENSE_SLOT);
  const [profile, lastReturn, docs] = await Promise.all([
    unitProfile(db, actor.orgId),
    app.status === 'returned' ? lastOpinion(db, app, 'return') : null,
    Promise.all(slots.map((s) => listSlotDocuments(db, actor, { applicationId: app.id, slot: s.key }))),
  ]);
  const { saved } = await searchParams;
  return (
    <Card>
      <CardHeader className="flex flex-col gap-2">
        <h1 className="text-lg font-semibold">
          {t('form.editTitle')} <span className="font-mono text-sm text-muted-foreground">{app.number}</span>
        </h1>
        {saved && <FormAlert tone="success" message={t('form.savedFirst')} />}
        {lastReturn && <FormAlert tone="info" message={t('form.returnedNote', { opinion: lastReturn })} />}
      </CardHeader>
      <CardContent>
        <ProjectForm
          initial={projectFormValues(app.data, prefillProject(profile))}
          unitName={(app.data as { unitName?: string }).unitName || profile?.name || app.applicantName}
          existing={{ id: app.id, number: app.number, version: app.version, submitEvent: app.status === 'returned' ? 'resubmit' : 'submit' }}
          slots={slots.map((s, i) => ({ slot: shownSlot(tAll, s), documents: docs[i] }))}
        />
      </CardContent>
    </Card>
  );
}

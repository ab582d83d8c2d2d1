import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { FileText } from 'lucide-react';
import { Forbidden } from '@/components/forbidden';
import { FormAlert } from '@/components/forms/field';
import { EnrollmentForm } from '@/components/personnel/enrollment-form';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { ApplicationSlots } from '@/components/workflow/application-slots';
import { badgeTone, stateLabel } from '@/components/workflow/labels';
import { getDb } from '@/db';
import { findItem, INSPECTION_ITEMS } from '@/lib/modules/personnel/catalog';
import { enrollmentFormValues, myEnrollment } from '@/lib/modules/personnel/enrollment/queries';
import { INFO_EDITABLE } from '@/lib/modules/personnel/enrollment/kinds';
import { heldPlanOption, openPlansFor } from '@/lib/modules/personnel/plans/queries';
import { loadPersonnelProfile } from '@/lib/modules/personnel/services/profile';
import { requireActor } from '@/lib/platform/auth/server';
import { can } from '@/lib/platform/auth/permissions';
import { isAppError } from '@/lib/platform/errors';
import { findKind, lastOpinion } from '@/lib/platform/workflow';

export const dynamic = 'force-dynamic';

/**
 * An enrollment being filled (draft), returned for changes, or submitted and
 * not yet reviewed (修改 / 修改附件): the form, the materials with their red
 * notes, and — before submitting — the open exam plans and 直接申请.
 */
export default async function EnrollmentEditPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor({ next: `/portal/personnel/enrollments/${id}/edit` });
  const t = await getTranslations();
  const tp = await getTranslations('personnel');
  if (actor.kind !== 'individual' || !can(actor, { action: 'module.use', module: 'personnel' })) return <Forbidden detail={tp('errors.individualsOnly')} />;
  const db = await getDb();
  const app = await myEnrollment(db, actor, id).catch((e) => {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  if (!(INFO_EDITABLE as readonly string[]).includes(app.status)) redirect(`/portal/applications/${app.id}`);
  const mode = app.status === 'submitted' ? 'info' : 'full';
  const data = app.data as { item?: string; category?: string; planId?: string };
  const item = data.item ? findItem(app.planKind, data.item) : undefined;
  const [profile, open, held, returnOpinion] = await Promise.all([
    loadPersonnelProfile(db, actor.id),
    item && mode === 'full' ? openPlansFor(db, app.planKind, item.code) : Promise.resolve([]),
    app.status === 'returned' ? heldPlanOption(db, data.planId) : Promise.resolve(null),
    app.status === 'returned' ? lastOpinion(db, app, 'return') : Promise.resolve(null),
  ]);
  // A returned enrollment keeps its seat: its plan stays selectable even after its window closed.
  const plans = held && !open.some((p) => p.id === held.id) ? [held, ...open] : open;
  const category = app.planKind === 'inspection' ? (data.category ?? (INSPECTION_ITEMS.seniorInspector.some((i) => i.code === data.item) ? 'seniorInspector' : 'inspector')) : undefined;
  const kind = findKind(app.kind)!;
  return (
    <div className="flex max-w-5xl flex-col gap-4">
      <Card>
        <CardHeader className="flex flex-col gap-2">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold">{mode === 'info' ? tp('enroll.modifyTitle') : tp(`kinds.${app.planKind}.name`)}</h1>
            <span className="font-mono text-sm text-muted-foreground">{app.number}</span>
            <Badge tone={badgeTone(kind.states[app.status]?.tone)}>{stateLabel(t, app.kind, app.status)}</Badge>
          </div>
          {mode === 'info' && (
            <p className="flex flex-wrap items-center gap-3 text-sm text-muted-foreground">
              {tp('enroll.modifyIntro')}
              <a className="inline-flex items-center gap-1 text-primary hover:underline" href={`/api/applications/${app.id}/pdf`} target="_blank" rel="noopener">
                <FileText className="h-4 w-4" aria-hidden />
                {tp('status.printForm')}
              </a>
            </p>
          )}
          {returnOpinion && <FormAlert tone="info" message={tp('enroll.returnedNote', { opinion: returnOpinion })} />}
          {!profile.complete && mode === 'full' && (
            <FormAlert tone="info" message={tp('enroll.profileFirst')}>
              <Link href={`/portal/personnel/profile?next=/portal/personnel/enrollments/${app.id}/edit`} className="ml-1 underline">
                {tp('home.completeProfile')}
              </Link>
            </FormAlert>
          )}
        </CardHeader>
        <CardContent>
          <EnrollmentForm
            planKind={app.planKind}
            applicationId={app.id}
            number={app.number}
            version={app.version}
            mode={mode}
            submitEvent={app.status === 'returned' ? 'resubmit' : 'submit'}
            initial={enrollmentFormValues(app, app.planKind, profile.profile)}
            itemLabel={item ? `${item.name}（${item.code}）` : ''}
            categoryLabel={category ? tp(`categories.${category as 'inspector'}`) : undefined}
            plans={plans.map((p) => ({ id: p.id, name: p.name, examStartsOn: p.examStartsOn, examEndsOn: p.examEndsOn, site: p.site, remaining: p.remaining, capacity: p.capacity, enrollClosesAt: p.enrollClosesAt.toISOString(), feeFen: p.feeFen }))}
            materials={
              <section id="materials" className="flex scroll-mt-4 flex-col gap-2">
                <h2 className="border-l-4 border-primary pl-2 text-sm font-semibold">{tp('form.sections.materials')}</h2>
                <p className="text-xs text-danger">{tp('enroll.materialsNote')}</p>
                <ApplicationSlots db={db} actor={actor} app={app} />
              </section>
            }
          />
        </CardContent>
      </Card>
    </div>
  );
}

import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { showQualificationModel } from '@/components/membership/qualification/shown-model';
import { QualificationWizard } from '@/components/membership/qualification/qualification-wizard';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent } from '@/components/ui/card';
import { badgeTone, kindName, stateLabel } from '@/components/workflow/labels';
import { ProgressRail } from '@/components/workflow/progress-rail';
import { getDb } from '@/db';
import { EDITABLE_STATES, INFO_CHANGE_PATH, QUALIFICATION_HOME, qualificationEditPath, variantOfKind } from '@/lib/modules/membership/qualification/constants';
import { qualificationForm } from '@/lib/modules/membership/qualification/form';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';
import { isAppError } from '@/lib/platform/errors';
import { getApplicationFor, getKind } from '@/lib/platform/workflow';

export const dynamic = 'force-dynamic';

/**
 * A qualification application the enterprise may still change — a draft, a
 * submitted one before the association receives it (修改资料), a returned one
 * — in the three steps, with the association's progress on the left.
 */
export default async function EditQualificationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ step?: string }> }) {
  const { id } = await params;
  const { step } = await searchParams;
  const actor = await requireActor({ next: qualificationEditPath(id) });
  const t = await getTranslations();
  if (actor.kind !== 'organization' || !can(actor, { action: 'module.use', module: 'membership' })) return <Forbidden detail={t('qualification.portal.forbidden')} />;
  const db = await getDb();
  const app = await getApplicationFor(db, actor, id).catch((e) => {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  if (!variantOfKind(app.kind)) notFound();
  // Received (locked), decided or withdrawn: its page shows it read-only.
  if (!(EDITABLE_STATES as readonly string[]).includes(app.status)) redirect(`/portal/applications/${app.id}`);
  const model = await qualificationForm(db, actor, id);
  const initialStep = step === '2' ? 2 : step === '3' ? 3 : 1;
  return (
    <div className="grid max-w-6xl gap-4 lg:grid-cols-[14rem_1fr]">
      <Card className="self-start">
        <CardContent className="flex flex-col gap-3 pt-4">
          <div className="flex flex-col gap-1">
            <span className="text-sm font-semibold">{kindName(t, app.kind)}</span>
            <span className="font-mono text-xs text-muted-foreground">{app.number}</span>
            <Badge tone={badgeTone(getKind(app.kind).states[app.status]?.tone)} className="self-start" data-testid="application-status">
              {stateLabel(t, app.kind, app.status)}
            </Badge>
          </div>
          <ProgressRail app={app} orientation="vertical" />
          <Link href={`/portal/applications/${app.id}`} className="text-sm text-primary hover:underline">
            {t('qualification.form.viewApplication')}
          </Link>
          <Link href={QUALIFICATION_HOME} className="text-sm text-primary hover:underline">
            {t('qualification.portal.title')}
          </Link>
        </CardContent>
      </Card>
      <Card>
        <CardContent className="pt-4">
          <h1 className="mb-4 text-xl font-semibold">{kindName(t, app.kind)}</h1>
          {/* Keyed by the application only: its state (step, version, values) survives the refresh after each upload. */}
          <QualificationWizard key={app.id} model={showQualificationModel(await getTranslations(), model)} initialStep={initialStep} infoChangeHref={INFO_CHANGE_PATH} />
        </CardContent>
      </Card>
    </div>
  );
}

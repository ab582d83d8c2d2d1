import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { FormAlert } from '@/components/forms/field';
import { Forbidden } from '@/components/forbidden';
import { showQualificationModel } from '@/components/membership/qualification/shown-model';
import { QualificationWizard } from '@/components/membership/qualification/qualification-wizard';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { INFO_CHANGE_PATH, isQualificationVariant, qualificationEditPath, qualificationNewPath, QUALIFICATION_HOME } from '@/lib/modules/membership/qualification/constants';
import { newQualificationForm } from '@/lib/modules/membership/qualification/form';
import { qualificationApplications } from '@/lib/modules/membership/qualification/queries';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';

export const dynamic = 'force-dynamic';

/**
 * Step 1 of a new qualification application of a variant (资质申请, 年审, 晋级,
 * 降级, 到期换证). An existing draft of the variant is resumed instead; a
 * variant that does not apply now says why.
 */
export default async function NewQualificationPage({ params }: { params: Promise<{ variant: string }> }) {
  const { variant } = await params;
  if (!isQualificationVariant(variant)) notFound();
  const actor = await requireActor({ next: qualificationNewPath(variant) });
  const q = await getTranslations('qualification');
  if (actor.kind !== 'organization' || !can(actor, { action: 'module.use', module: 'membership' })) return <Forbidden detail={q('portal.forbidden')} />;
  const db = await getDb();
  const draft = (await qualificationApplications(db, actor)).find((a) => a.variant === variant && a.status === 'draft');
  if (draft) redirect(qualificationEditPath(draft.id));
  const model = await newQualificationForm(db, actor, variant);
  return (
    <Card className="max-w-5xl">
      <CardHeader>
        <h1 className="text-xl font-semibold">{q(`variants.${variant}`)}</h1>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {model.refusal ? (
          <>
            <FormAlert tone="danger" message={q(`errors.${model.refusal.key}`, model.refusal.params ?? {})} />
            <Link href={QUALIFICATION_HOME} className="text-sm text-primary hover:underline">
              {q('portal.title')}
            </Link>
          </>
        ) : (
          <QualificationWizard model={showQualificationModel(await getTranslations(), model)} initialStep={1} infoChangeHref={INFO_CHANGE_PATH} />
        )}
      </CardContent>
    </Card>
  );
}

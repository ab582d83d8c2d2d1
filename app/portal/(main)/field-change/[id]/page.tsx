import { notFound, redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { localizeSiteText } from '@/i18n/site-text';
import { FieldChangeForm } from '@/components/accreditation/field-change-form';
import { FormAlert } from '@/components/forms/field';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { FIELD_CHANGE } from '@/lib/modules/accreditation/field-change/kind';
import { formValuesOf } from '@/lib/modules/accreditation/field-change/schemas';
import { heldFields } from '@/lib/modules/accreditation/field-change/services/held-fields';
import { businessFields } from '@/lib/modules/accreditation/pre-application/services/submit';
import { requireActor } from '@/lib/platform/auth/server';
import { isAppError } from '@/lib/platform/errors';
import { getApplicationFor, lastOpinion } from '@/lib/platform/workflow';

/** Resume a draft, or edit an application returned for changes. */
export default async function EditFieldChangePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor({ next: `/portal/field-change/${id}` });
  const db = await getDb();
  const app = await getApplicationFor(db, actor, id).catch((e) => {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  if (app.kind !== FIELD_CHANGE || actor.kind !== 'organization') notFound();
  if (app.status !== 'draft' && app.status !== 'returned') redirect(`/portal/applications/${app.id}`);
  const t = await getTranslations('accreditation.fieldChange');
  const locale = await getLocale();
  const [configured, held, lastReturn] = await Promise.all([
    businessFields(db),
    heldFields(db, actor.orgId),
    lastOpinion(db, app, 'return'),
  ]);
  return (
    <Card className="max-w-3xl">
      <CardHeader>
        <h1 className="text-xl font-semibold">
          {t('title')} <span className="font-mono text-sm text-muted-foreground">{app.number}</span>
        </h1>
        {app.status === 'returned' && lastReturn !== null && <FormAlert tone="info" message={t('returnedNote', { opinion: lastReturn })} />}
      </CardHeader>
      <CardContent>
        <FieldChangeForm
          fields={configured.map((f) => ({ ...f, label: localizeSiteText(f.label, locale), held: held.some((h) => h.key === f.key) }))}
          initial={formValuesOf(app.data, configured.map((f) => f.key))}
          existing={{ id: app.id, version: app.version, submitEvent: app.status === 'returned' ? 'resubmit' : 'submit' }}
        />
      </CardContent>
    </Card>
  );
}

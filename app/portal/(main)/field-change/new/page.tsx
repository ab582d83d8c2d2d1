import { getLocale, getTranslations } from 'next-intl/server';
import { localizeSiteText } from '@/i18n/site-text';
import { FieldChangeForm } from '@/components/accreditation/field-change-form';
import { Forbidden } from '@/components/forbidden';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { formValuesOf } from '@/lib/modules/accreditation/field-change/schemas';
import { heldFields } from '@/lib/modules/accreditation/field-change/services/held-fields';
import { businessFields } from '@/lib/modules/accreditation/pre-application/services/submit';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';

export async function generateMetadata() {
  return { title: (await getTranslations('accreditation.fieldChange'))('new') };
}

export default async function NewFieldChangePage() {
  const actor = await requireActor({ next: '/portal/field-change/new' });
  if (actor.kind !== 'organization' || !can(actor, { action: 'module.use', module: 'accreditation' })) return <Forbidden />;
  const t = await getTranslations('accreditation.fieldChange');
  const locale = await getLocale();
  const db = await getDb();
  const [configured, held] = await Promise.all([businessFields(db), heldFields(db, actor.orgId)]);
  return (
    <Card className="max-w-3xl">
      <CardHeader>
        <h1 className="text-xl font-semibold">{t('new')}</h1>
        <p className="text-sm text-muted-foreground">{t('intro')}</p>
      </CardHeader>
      <CardContent>
        <FieldChangeForm fields={configured.map((f) => ({ ...f, label: localizeSiteText(f.label, locale), held: held.some((h) => h.key === f.key) }))} initial={formValuesOf({}, configured.map((f) => f.key))} />
      </CardContent>
    </Card>
  );
}

import { getTranslations } from 'next-intl/server';
import { BusinessFieldsForm, NotesForm } from '@/components/accreditation/settings-form';
import { Forbidden } from '@/components/forbidden';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { canManageInstitutions } from '@/lib/modules/accreditation/institutions/services/access';
import { businessFields } from '@/lib/modules/accreditation/pre-application/services/submit';
import { requireActor } from '@/lib/platform/auth/server';
import { getSetting } from '@/lib/platform/settings';

export async function generateMetadata() {
  return { title: (await getTranslations('accreditation.settings'))('title') };
}

/** 预申请设置: the business fields offered and the notes above the form. */
export default async function AccreditationSettingsPage() {
  const actor = await requireActor({ staff: true, next: '/staff/accreditation/settings' });
  if (!canManageInstitutions(actor)) return <Forbidden />;
  const t = await getTranslations('accreditation.settings');
  const db = await getDb();
  const [fields, notes] = await Promise.all([businessFields(db), getSetting<string[]>(db, 'accreditation.preApplicationNotes')]);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-base font-semibold">{t('title')}</h1>
      <Card>
        <CardHeader>
          <h2 className="text-sm font-semibold">{t('fieldsTitle')}</h2>
          <p className="text-sm text-muted-foreground">{t('fieldsIntro')}</p>
        </CardHeader>
        <CardContent>
          <BusinessFieldsForm initial={fields} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <h2 className="text-sm font-semibold">{t('notesTitle')}</h2>
        </CardHeader>
        <CardContent>
          <NotesForm initial={notes} />
        </CardContent>
      </Card>
    </div>
  );
}

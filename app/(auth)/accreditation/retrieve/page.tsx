import { getTranslations } from 'next-intl/server';
import { InstitutionRetrieveForm } from '@/components/accreditation/institutions/retrieve-form';
import { Card, CardContent } from '@/components/ui/card';
import { getDb } from '@/db';
import { INSTITUTION_RESET_TTL_HOURS } from '@/lib/modules/accreditation/institutions/schemas';
import { getSetting, type SupportContacts } from '@/lib/platform/settings';

export async function generateMetadata() {
  return { title: (await getTranslations('accreditedInstitutions.retrieve'))('title') };
}

/** 已获认可机构获取密码 (SPEC §2.6), linked from the module-A login. */
export default async function InstitutionRetrievePage() {
  const t = await getTranslations('accreditedInstitutions.retrieve');
  const support = await getSetting<SupportContacts>(await getDb(), 'site.support');
  return (
    <div className="w-full max-w-lg">
      <h1 className="mb-2 text-center text-2xl font-semibold">{t('title')}</h1>
      <p className="mb-4 text-center text-sm text-muted-foreground">{t('intro', { hours: INSTITUTION_RESET_TTL_HOURS })}</p>
      <Card>
        <CardContent className="py-6">
          <InstitutionRetrieveForm support={support} />
        </CardContent>
      </Card>
    </div>
  );
}

import { getTranslations } from 'next-intl/server';
import { shownSlot } from '@/components/forms/shown-slot';
import { Forbidden } from '@/components/forbidden';
import { ContactMobileForm, UnitProfileForm } from '@/components/review/unit-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { UNIT_LICENSE_SLOT } from '@/lib/modules/review/constants';
import { unitProfile, unitProfileValues } from '@/lib/modules/review/profile';
import { requireActor } from '@/lib/platform/auth/server';
import { listSlotDocuments } from '@/lib/platform/documents/services/list-documents';
import { personalSlot } from '@/lib/platform/documents/slots';
import { maskMobile } from '@/lib/reference/validators';

export async function generateMetadata() {
  return { title: (await getTranslations('review.nav'))('unit') };
}

/** 单位信息管理 (seed 004 §5): the basic information, the contact mobile (SMS-checked) and the business licence. */
export default async function ReviewUnitPage() {
  const actor = await requireActor({ next: '/portal/review/unit' });
  const t = await getTranslations('review');
  if (actor.kind !== 'organization') return <Forbidden detail={t('errors.notOrganization')} />;
  const db = await getDb();
  const profile = await unitProfile(db, actor.orgId);
  if (!profile) return <Forbidden />;
  const slot = personalSlot(UNIT_LICENSE_SLOT)!;
  const docs = await listSlotDocuments(db, actor, { applicationId: null, slot: UNIT_LICENSE_SLOT });
  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardHeader>
          <h1 className="text-lg font-semibold">{t('unit.title')}</h1>
          <p className="text-sm text-muted-foreground">{t('unit.intro')}</p>
        </CardHeader>
        <CardContent>
          <UnitProfileForm
            initial={unitProfileValues(profile)}
            name={profile.name}
            creditCode={profile.creditCode ?? ''}
            licenseSlot={shownSlot(await getTranslations(), slot)}
            licenseDocuments={docs}
            hasLicense={Boolean(profile.licenseDocumentId)}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <h2 className="text-base font-semibold">{t('unit.mobileTitle')}</h2>
          <p className="text-sm text-muted-foreground">{t('unit.mobileIntro')}</p>
        </CardHeader>
        <CardContent>
          <ContactMobileForm masked={profile.contactMobile ? maskMobile(profile.contactMobile) : ''} />
        </CardContent>
      </Card>
    </div>
  );
}

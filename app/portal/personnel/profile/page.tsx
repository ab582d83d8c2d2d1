import { getLocale, getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { PersonnelProfileForm } from '@/components/personnel/profile-form';
import { shownSlot } from '@/components/forms/shown-slot';
import { personnelPhotoSlot } from '@/lib/modules/personnel/photo-slot';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { FormAlert } from '@/components/forms/field';
import { getDb } from '@/db';
import { loadPersonnelProfile } from '@/lib/modules/personnel/services/profile';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';
import { findIdType } from '@/lib/reference/id-types';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('personnel.profile'))('title') };
}

/**
 * 人员注册信息 / 基本信息修改 (seed 002 §1, §4): the module-C profile of the
 * signed-in individual. Enrollments need it complete (with a checked photo).
 */
export default async function PersonnelProfilePage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const actor = await requireActor({ next: '/portal/personnel/profile' });
  const t = await getTranslations('personnel');
  if (actor.kind !== 'individual' || !can(actor, { action: 'module.use', module: 'personnel' })) return <Forbidden detail={t('errors.individualsOnly')} />;
  const locale = await getLocale();
  const { next } = await searchParams;
  const db = await getDb();
  const view = await loadPersonnelProfile(db, actor.id);
  const idType = view.identity.idType ? findIdType(view.identity.idType) : undefined;
  const p = view.profile;
  return (
    <Card className="max-w-4xl">
      <CardHeader>
        <h1 className="text-xl font-semibold">{p ? t('profile.editTitle') : t('profile.title')}</h1>
        <p className="text-sm text-muted-foreground">{t('profile.intro')}</p>
        {!view.complete && <FormAlert tone="info" message={t('profile.incompleteNote')} />}
      </CardHeader>
      <CardContent>
        <PersonnelProfileForm
          identity={{
            name: view.identity.name,
            gender: view.identity.gender,
            idTypeLabel: idType ? (locale === 'en' ? idType.labelEn : idType.label) : '',
            idNumber: view.identity.idNumber ?? '',
            birthDate: view.identity.birthDate ?? '',
            mobile: view.identity.mobile ?? '',
            email: view.identity.email ?? '',
            residentId: view.identity.idType === 'resident_id',
          }}
          photo={view.photo}
          photoSlot={shownSlot(await getTranslations(), personnelPhotoSlot)}
          next={next && /^\/portal\/personnel(\/|$)/.test(next) ? next : undefined}
          initial={{
            name: view.identity.name,
            gender: (view.identity.gender as 'male' | 'female' | null) ?? undefined,
            photoDocumentId: view.photo?.id ?? '',
            education: p?.education ?? '',
            majorType: p?.majorType as 'science' | 'other',
            majorCode: p?.majorCode ?? '',
            majorName: p?.majorName ?? '',
            employer: p?.employer ?? '',
            title: p?.title ?? '',
            yearsOfWork: p ? String(p.yearsOfWork) : '',
          }}
        />
      </CardContent>
    </Card>
  );
}

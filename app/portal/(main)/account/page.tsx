import { getTranslations } from 'next-intl/server';
import { AccountSettings } from '@/components/account/account-settings';
import { getDb } from '@/db';
import { loadAccountSettings } from '@/lib/modules/account/services/account-settings';
import { requireActor } from '@/lib/platform/auth/server';
import { maskIdNumber, maskMobile } from '@/lib/reference/validators';

/** 维护用户信息: profile, mobile, email. */
export default async function AccountPage() {
  const actor = await requireActor({ next: '/portal/account' });
  const t = await getTranslations('accountSettings');
  const { user, org } = await loadAccountSettings(await getDb(), actor);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">{t('title')}</h1>
      <AccountSettings
        data={{
          kind: user.kind,
          isOrgMain: user.isOrgMain,
          name: user.name,
          idType: user.idType,
          idNumberMasked: user.idNumber ? maskIdNumber(user.idNumber) : null,
          birthDate: user.birthDate,
          gender: user.gender,
          mobileMasked: user.mobile ? maskMobile(user.mobile) : null,
          email: user.email,
          org: org && { name: org.name, creditCode: org.creditCode, contactName: org.contactName, landline: org.landline, regionCode: org.regionCode, address: org.address, legalRepresentative: org.legalRepresentative },
        }}
      />
    </div>
  );
}

'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Controller } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/input';
import { Captcha } from '@/components/forms/captcha';
import { useCaptchaSms } from '@/components/forms/use-captcha-sms';
import { Field, FormAlert } from '@/components/forms/field';
import { RegionPicker } from '@/components/forms/region-picker';
import { SmsCodeButton } from '@/components/forms/sms-code-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { changeMobileAction, requestEmailChangeAction, requestMobileCodeAction, updateProfileAction } from '@/lib/modules/account/actions/account-settings';

type Alert = { tone: 'danger' | 'success' | 'info'; message: string } | undefined;

export type SettingsData = {
  kind: 'individual' | 'organization' | 'staff';
  isOrgMain: boolean;
  name: string;
  idType: string | null;
  idNumberMasked: string | null;
  birthDate: string | null;
  gender: string | null;
  mobileMasked: string | null;
  email: string | null;
  org?: { name: string; creditCode: string | null; contactName: string | null; landline: string | null; regionCode: string | null; address: string | null; legalRepresentative: string | null };
};

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded-card border border-border bg-white p-5" aria-label={title}>
      <h2 className="mb-4 font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function ProfileForm({ d }: { d: SettingsData }) {
  const t = useTranslations('accountSettings');
  const router = useRouter();
  const [alert, setAlert] = useState<Alert>();
  const form = useZodForm(() => import('@/lib/modules/account/profile-schemas').then((m) => m.profileSchema), {
    defaultValues: {
      name: d.name,
      gender: (d.gender as 'male' | 'female' | undefined) ?? undefined,
      contactName: d.org?.contactName ?? '',
      landline: d.org?.landline ?? '',
      regionCode: d.org?.regionCode ?? '',
      address: d.org?.address ?? '',
      legalRepresentative: d.org?.legalRepresentative ?? '',
    },
  });
  const { register, handleSubmit, formState, control } = form;
  const e = (k: keyof typeof formState.errors) => formState.errors[k]?.message as string | undefined;
  // The server validates the raw input with the same schema.
  const onSubmit = handleSubmit(async () => {
    const r = await updateProfileAction(form.getValues());
    setAlert(r.ok ? { tone: 'success', message: t('saved') } : { tone: 'danger', message: applyServerErrors(form, r) });
    if (r.ok) router.refresh();
  });
  const orgMain = d.kind === 'organization' && d.isOrgMain;
  return (
    <form method="post" {...form.preloadProps} onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2">
      {alert && <div className="sm:col-span-2"><FormAlert tone={alert.tone} message={alert.message} /></div>}
      {d.kind === 'individual' && (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm sm:col-span-2" data-testid="fixed-identity">
          <dt className="text-muted-foreground">{t('idNumber')}</dt>
          <dd>{d.idNumberMasked}</dd>
          <dt className="text-muted-foreground">{t('birthDate')}</dt>
          <dd>{d.birthDate}</dd>
          <dd className="col-span-2 text-xs text-muted-foreground">{t('fixedHint')}</dd>
        </dl>
      )}
      {orgMain && d.org && (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm sm:col-span-2">
          <dt className="text-muted-foreground">{t('orgName')}</dt>
          <dd>{d.org.name}</dd>
          <dt className="text-muted-foreground">{t('creditCode')}</dt>
          <dd>{d.org.creditCode ?? '—'}</dd>
        </dl>
      )}
      <Field id="name" label={d.kind === 'organization' && d.isOrgMain ? t('accountName') : t('name')} required error={e('name')}>
        <Input {...register('name')} />
      </Field>
      {d.kind === 'individual' && d.idType !== 'resident_id' && (
        <Field id="gender" label={t('gender')} error={e('gender')}>
          <Select {...register('gender')}>
            <option value="male">{t('male')}</option>
            <option value="female">{t('female')}</option>
          </Select>
        </Field>
      )}
      {orgMain && (
        <>
          <Field id="contactName" label={t('contactName')} error={e('contactName')}>
            <Input {...register('contactName')} />
          </Field>
          <Field id="landline" label={t('landline')} error={e('landline')}>
            <Input inputMode="tel" {...register('landline')} />
          </Field>
          <Field id="legalRepresentative" label={t('legalRepresentative')} error={e('legalRepresentative')}>
            <Input {...register('legalRepresentative')} />
          </Field>
          <div className="sm:col-span-2">
            <p className="mb-1 text-sm font-medium text-slate-700">{t('region')}</p>
            <Controller
              control={control}
              name="regionCode"
              render={({ field, fieldState }) => <RegionPicker id="regionCode" value={field.value ?? ''} onChange={field.onChange} invalid={Boolean(fieldState.error)} />}
            />
            {e('regionCode') && <p className="mt-1 text-sm text-danger">{e('regionCode')}</p>}
          </div>
          <Field id="address" label={t('address')} error={e('address')} className="sm:col-span-2">
            <Input {...register('address')} />
          </Field>
        </>
      )}
      <Button type="submit" className="self-start" disabled={formState.isSubmitting}>
        {t('save')}
      </Button>
    </form>
  );
}

function MobileForm({ d }: { d: SettingsData }) {
  const t = useTranslations('accountSettings');
  const router = useRouter();
  const [alert, setAlert] = useState<Alert>();
  const form = useZodForm(() => import('@/lib/modules/account/profile-schemas').then((m) => m.changeMobileSchema), { defaultValues: { newMobile: '', smsCode: '' } });
  const { register, handleSubmit, formState, reset } = form;
  const { sendCode, captchaProps } = useCaptchaSms(form, {
    mobileField: 'newMobile',
    send: (newMobile, captcha) => requestMobileCodeAction({ newMobile, captcha }),
    onNotice: setAlert,
  });
  const onSubmit = handleSubmit(async (values) => {
    const r = await changeMobileAction(values);
    if (!r.ok) return setAlert({ tone: 'danger', message: applyServerErrors(form, r) });
    reset();
    setAlert({ tone: 'success', message: t('mobileChanged', { mobile: r.data.mobile }) });
    router.refresh();
  });
  return (
    <form method="post" {...form.preloadProps} onSubmit={onSubmit} noValidate className="flex max-w-md flex-col gap-4">
      <p className="text-sm">
        {t('currentMobile')}: <span data-testid="current-mobile">{d.mobileMasked ?? '—'}</span>
      </p>
      {alert && <FormAlert tone={alert.tone} message={alert.message} />}
      <Field id="newMobile" label={t('newMobile')} required hint={t('newMobileHint')} error={formState.errors.newMobile?.message}>
        <Input inputMode="tel" maxLength={11} {...register('newMobile')} />
      </Field>
      <Captcha id="mobile-captcha" {...captchaProps} />
      <Field id="mobileCode" label={t('smsCode')} required error={formState.errors.smsCode?.message} addon={<SmsCodeButton onSend={sendCode} />}>
        <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} {...register('smsCode')} />
      </Field>
      <Button type="submit" className="self-start" disabled={formState.isSubmitting}>
        {t('changeMobile')}
      </Button>
    </form>
  );
}

function EmailForm({ d }: { d: SettingsData }) {
  const t = useTranslations('accountSettings');
  const [alert, setAlert] = useState<Alert>();
  const form = useZodForm(() => import('@/lib/modules/account/profile-schemas').then((m) => m.requestEmailChangeSchema), { defaultValues: { newEmail: '' } });
  const { register, handleSubmit, formState } = form;
  const onSubmit = handleSubmit(async (values) => {
    const r = await requestEmailChangeAction(values);
    setAlert(r.ok ? { tone: 'success', message: t('emailLinkSent', { email: r.data.sentTo }) } : { tone: 'danger', message: applyServerErrors(form, r) });
  });
  return (
    <form method="post" {...form.preloadProps} onSubmit={onSubmit} noValidate className="flex max-w-md flex-col gap-4">
      <p className="text-sm">
        {t('currentEmail')}: <span data-testid="current-email">{d.email ?? '—'}</span>
      </p>
      {alert && <FormAlert tone={alert.tone} message={alert.message} />}
      <Field id="newEmail" label={t('newEmail')} required error={formState.errors.newEmail?.message}>
        <Input type="email" {...register('newEmail')} />
      </Field>
      <Button type="submit" className="self-start" disabled={formState.isSubmitting}>
        {t('sendEmailLink')}
      </Button>
    </form>
  );
}

export function AccountSettings({ data }: { data: SettingsData }) {
  const t = useTranslations('accountSettings');
  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <Section title={t('profile')}>
        <ProfileForm d={data} />
      </Section>
      <Section title={t('mobile')}>
        <MobileForm d={data} />
      </Section>
      <Section title={t('email')}>
        <EmailForm d={data} />
      </Section>
    </div>
  );
}

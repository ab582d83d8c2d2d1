'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Controller } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Captcha } from '@/components/forms/captcha';
import { useCaptchaSms, type FormNotice } from '@/components/forms/use-captcha-sms';
import { Field, FormAlert } from '@/components/forms/field';
import { RegionPicker } from '@/components/forms/region-picker';
import { SmsCodeButton } from '@/components/forms/sms-code-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { registerOrganizationAction } from '@/lib/modules/account/actions/register-organization';
import { requestSmsCodeAction } from '@/lib/modules/account/actions/request-sms-code';

export function RegisterOrganizationForm() {
  const t = useTranslations('auth');
  const o = useTranslations('auth.org');
  const router = useRouter();
  const form = useZodForm(() => import('@/lib/modules/account/organization-schemas').then((m) => m.organizationRegistrationSchema), {
    defaultValues: {
      mobile: '',
      smsCode: '',
      password: '',
      confirmPassword: '',
      contactName: '',
      landline: '',
      regionCode: '',
      address: '',
      orgName: '',
      creditCode: '',
      email: '',
    },
  });
  const { register, handleSubmit, formState, control } = form;
  const [notice, setNotice] = useState<FormNotice>();
  const { sendCode, captchaProps } = useCaptchaSms(form, {
    mobileField: 'mobile',
    send: (mobile, captcha) => requestSmsCodeAction({ mobile, purpose: 'register', captcha }),
    onNotice: setNotice,
  });
  const err = (k: keyof typeof formState.errors) => formState.errors[k]?.message as string | undefined;


  const onSubmit = handleSubmit(async (values) => {
    setNotice(undefined);
    const r = await registerOrganizationAction(values);
    if (!r.ok) {
      setNotice({ tone: 'danger', message: applyServerErrors(form, r), code: r.code });
      return;
    }
    router.push(`/login?as=organization&registered=1`);
  });

  const sectionTitle = 'text-sm font-semibold text-slate-900';
  return (
    <form method="post" {...form.preloadProps} onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-busy={formState.isSubmitting}>
      {notice?.tone === 'danger' && (
        <FormAlert message={notice.message}>
          {notice.code === 'CONFLICT' && (
            <span className="ml-1">
              <Link href="/login?as=organization" className="underline">
                {t('goLogin')}
              </Link>{' '}
              ·{' '}
              <Link href="/recover" className="underline">
                {t('recover')}
              </Link>
            </span>
          )}
        </FormAlert>
      )}
      {notice && notice.tone !== 'danger' && <FormAlert tone={notice.tone} message={notice.message} />}

      <h2 className={sectionTitle}>{o('sectionAccount')}</h2>
      <Field id="mobile" label={t('mobile')} required hint={o('mobileHint')} error={err('mobile')}>
        <Input inputMode="tel" autoComplete="tel" maxLength={11} {...register('mobile')} />
      </Field>
      <Captcha {...captchaProps} />
      <Field id="smsCode" label={t('smsCode')} required error={err('smsCode')} addon={<SmsCodeButton onSend={sendCode} />}>
        <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} {...register('smsCode')} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="password" label={t('password')} required hint={t('passwordRule')} error={err('password')}>
          <Input type="password" autoComplete="new-password" {...register('password')} />
        </Field>
        <Field id="confirmPassword" label={t('confirmPassword')} required error={err('confirmPassword')}>
          <Input type="password" autoComplete="new-password" {...register('confirmPassword')} />
        </Field>
      </div>

      <h2 className={`${sectionTitle} mt-2`}>{o('sectionOrg')}</h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="contactName" label={o('contactName')} required error={err('contactName')}>
          <Input autoComplete="name" maxLength={50} {...register('contactName')} />
        </Field>
        <Field id="landline" label={o('landline')} hint={o('landlineHint')} error={err('landline')}>
          <Input inputMode="tel" autoComplete="tel-national" maxLength={24} {...register('landline')} />
        </Field>
      </div>
      <Controller
        control={control}
        name="regionCode"
        render={({ field, fieldState }) => (
          <fieldset className="flex min-w-0 flex-col gap-1" aria-describedby={fieldState.error ? 'regionCode-error' : undefined}>
            <legend className="mb-1 text-sm font-medium text-slate-700 before:mr-0.5 before:text-danger before:content-['*']">{o('region')}</legend>
            <RegionPicker
              id="regionCode"
              ref={field.ref}
              value={field.value ?? ''}
              onChange={field.onChange}
              onBlur={field.onBlur}
              invalid={Boolean(fieldState.error)}
              aria-describedby={fieldState.error ? 'regionCode-error' : undefined}
            />
            {fieldState.error && (
              <p id="regionCode-error" className="text-sm text-danger" data-testid="regionCode-error">
                {fieldState.error.message}
              </p>
            )}
          </fieldset>
        )}
      />
      <Field id="address" label={o('address')} error={err('address')}>
        <Input autoComplete="street-address" maxLength={200} {...register('address')} />
      </Field>
      <Field id="orgName" label={o('orgName')} required error={err('orgName')}>
        <Input autoComplete="organization" maxLength={100} {...register('orgName')} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="creditCode" label={o('creditCode')} hint={o('creditCodeHint')} error={err('creditCode')}>
          <Input autoComplete="off" maxLength={18} className="uppercase" {...register('creditCode')} />
        </Field>
        <Field id="email" label={t('email')} hint={o('emailOptional')} error={err('email')}>
          <Input type="email" autoComplete="email" {...register('email')} />
        </Field>
      </div>

      <Button type="submit" size="lg" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? t('registering') : t('submitRegister')}
      </Button>
      <p className="text-center text-sm text-muted-foreground">
        {t('haveAccount')}{' '}
        <Link href="/login?as=organization" className="text-primary hover:underline">
          {t('goLogin')}
        </Link>
      </p>
    </form>
  );
}

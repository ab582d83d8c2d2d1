'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/input';
import { Captcha } from '@/components/forms/captcha';
import { useCaptchaSms, type FormNotice } from '@/components/forms/use-captcha-sms';
import { Field, FormAlert } from '@/components/forms/field';
import { SmsCodeButton } from '@/components/forms/sms-code-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { registerIndividualAction } from '@/lib/modules/account/actions/register-individual';
import { requestSmsCodeAction } from '@/lib/modules/account/actions/request-sms-code';
import { idTypes } from '@/lib/reference/id-types';
import { parseResidentId } from '@/lib/reference/identifiers';

export function RegisterIndividualForm() {
  const t = useTranslations('auth');
  const locale = useLocale();
  const router = useRouter();
  const form = useZodForm(() => import('@/lib/modules/account/schemas').then((m) => m.individualRegistrationSchema), { defaultValues: { idType: 'resident_id', idNumber: '', name: '', mobile: '', smsCode: '', email: '', password: '', confirmPassword: '' } });
  const { register, handleSubmit, watch, formState } = form;
  const [notice, setNotice] = useState<FormNotice>();
  const { sendCode, captchaProps } = useCaptchaSms(form, {
    mobileField: 'mobile',
    send: (mobile, captcha) => requestSmsCodeAction({ mobile, purpose: 'register', captcha }),
    onNotice: setNotice,
  });
  const idType = watch('idType');
  const idNumber = watch('idNumber');
  const derived = idType === 'resident_id' ? parseResidentId(idNumber ?? '') : null;
  const err = (k: keyof typeof formState.errors) => formState.errors[k]?.message as string | undefined;


  const onSubmit = handleSubmit(async (values) => {
    setNotice(undefined);
    const r = await registerIndividualAction(values);
    if (!r.ok) {
      setNotice({ tone: 'danger', message: applyServerErrors(form, r), code: r.code });
      return;
    }
    router.push(`/login?as=individual&registered=1`);
  });

  return (
    <form method="post" {...form.preloadProps} onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-busy={formState.isSubmitting}>
      {notice?.tone === 'danger' && (
        <FormAlert message={notice.message}>
          {notice.code === 'CONFLICT' && (
            <span className="ml-1">
              <Link href="/login?as=individual" className="underline">
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
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="idType" label={t('idType')} required error={err('idType')}>
          <Select {...register('idType')}>
            {idTypes.map((it) => (
              <option key={it.code} value={it.code}>
                {locale === 'en' ? it.labelEn : it.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="idNumber" label={t('idNumber')} required error={err('idNumber')}>
          <Input autoComplete="off" {...register('idNumber')} />
        </Field>
        <Field id="name" label={t('name')} required error={err('name')}>
          <Input autoComplete="name" {...register('name')} />
        </Field>
        {idType === 'resident_id' ? (
          <div className="flex flex-col gap-1 text-sm">
            <span className="font-medium text-slate-700">
              {t('gender')} / {t('birthDate')}
            </span>
            <p className="flex h-10 items-center rounded-md bg-muted px-3 text-muted-foreground" data-testid="derived-identity">
              {derived?.ok ? `${derived.gender === 'male' ? t('male') : t('female')} · ${derived.birthDate}` : t('derivedFromId')}
            </p>
          </div>
        ) : (
          <>
            <Field id="gender" label={t('gender')} required error={err('gender')}>
              <Select {...register('gender')} defaultValue="">
                <option value="" disabled>
                  {t('select')}
                </option>
                <option value="male">{t('male')}</option>
                <option value="female">{t('female')}</option>
              </Select>
            </Field>
            <Field id="birthDate" label={t('birthDate')} required error={err('birthDate')}>
              <Input type="date" {...register('birthDate')} />
            </Field>
          </>
        )}
        <Field id="mobile" label={t('mobile')} required error={err('mobile')}>
          <Input inputMode="tel" autoComplete="tel" maxLength={11} {...register('mobile')} />
        </Field>
        <Field id="email" label={t('email')} required error={err('email')}>
          <Input type="email" autoComplete="email" {...register('email')} />
        </Field>
      </div>
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
      <Button type="submit" size="lg" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? t('registering') : t('submitRegister')}
      </Button>
      <p className="text-center text-sm text-muted-foreground">
        {t('haveAccount')}{' '}
        <Link href="/login?as=individual" className="text-primary hover:underline">
          {t('goLogin')}
        </Link>
      </p>
    </form>
  );
}

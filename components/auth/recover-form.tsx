'use client';
import { useRef, useState } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Captcha, type CaptchaHandle } from '@/components/forms/captcha';
import { Field, FormAlert } from '@/components/forms/field';
import { SmsCodeButton } from '@/components/forms/sms-code-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { requestResetCodeAction, requestResetEmailAction, resetBySmsAction } from '@/lib/modules/account/actions/recover-password';
import { cn } from '@/lib/utils';

type Alert = { tone: 'danger' | 'success' | 'info'; message: string };

/** 找回密码: an SMS code to the account's mobile, or a reset link to its email. */
export function RecoverForm({ audience }: { audience: 'applicant' | 'staff' }) {
  const t = useTranslations('recover');
  const [mode, setMode] = useState<'sms' | 'email'>('sms');
  const [alert, setAlert] = useState<Alert>();
  const [captcha, setCaptcha] = useState('');
  const captchaRef = useRef<CaptchaHandle>(null);
  const [done, setDone] = useState(false);
  const form = useZodForm(() => import('@/lib/modules/account/recover-schemas').then((m) => m.resetBySmsSchema), { defaultValues: { identifier: '', mobile: '', smsCode: '', password: '', confirmPassword: '', audience } });
  const { register, handleSubmit, formState, getValues, trigger } = form;
  const err = (k: 'identifier' | 'mobile' | 'smsCode' | 'password' | 'confirmPassword') => formState.errors[k]?.message as string | undefined;

  const sendCode = async () => {
    setAlert(undefined);
    if (!(await trigger(['identifier', 'mobile']))) return { ok: false };
    if (!captcha) {
      setAlert({ tone: 'danger', message: t('captchaFirst') });
      return { ok: false };
    }
    const r = await requestResetCodeAction({ identifier: getValues('identifier'), mobile: getValues('mobile'), captcha, audience });
    captchaRef.current?.reset();
    if (!r.ok) {
      setAlert({ tone: 'danger', message: applyServerErrors(form, r) });
      return { ok: false };
    }
    setAlert({ tone: 'info', message: t('codeSent', { mobile: getValues('mobile') }) });
    return { ok: true, resendInSec: r.data.resendInSec };
  };

  const onReset = handleSubmit(async (values) => {
    const r = await resetBySmsAction(values);
    if (!r.ok) {
      setAlert({ tone: 'danger', message: applyServerErrors(form, r) });
      return;
    }
    setDone(true);
  });

  const sendLink = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setAlert(undefined);
    if (!(await trigger('identifier'))) return;
    if (!captcha) {
      setAlert({ tone: 'danger', message: t('captchaFirst') });
      return;
    }
    const r = await requestResetEmailAction({ identifier: getValues('identifier'), captcha, audience });
    captchaRef.current?.reset();
    setAlert(r.ok ? { tone: 'success', message: t('linkSent') } : { tone: 'danger', message: applyServerErrors(form, r) });
  };

  if (done) {
    return (
      <div className="flex flex-col gap-4">
        <FormAlert tone="success" message={t('resetDone')} />
        <Button asChild>
          <Link href={audience === 'staff' ? '/login?as=staff' : '/login'}>{t('toLogin')}</Link>
        </Button>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      <div role="tablist" aria-label={t('title')} className="grid grid-cols-2 rounded-md bg-muted p-1 text-sm">
        {(['sms', 'email'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            onClick={() => (setMode(m), setAlert(undefined))}
            className={cn('rounded px-3 py-1.5', mode === m ? 'bg-white font-medium text-primary shadow-sm' : 'text-muted-foreground')}
          >
            {m === 'sms' ? t('bySms') : t('byEmail')}
          </button>
        ))}
      </div>
      {alert && <FormAlert tone={alert.tone} message={alert.message} />}
      <form method="post" {...form.preloadProps} onSubmit={mode === 'sms' ? onReset : sendLink} noValidate className="flex flex-col gap-4">
        <Field id="identifier" label={t('identifier')} required hint={t('identifierHint')} error={err('identifier')}>
          <Input autoComplete="username" {...register('identifier')} />
        </Field>
        {mode === 'sms' && (
          <Field id="mobile" label={t('mobile')} required error={err('mobile')}>
            <Input inputMode="tel" maxLength={11} {...register('mobile')} />
          </Field>
        )}
        <Captcha ref={captchaRef} onChange={setCaptcha} />
        {mode === 'sms' ? (
          <>
            <Field id="smsCode" label={t('smsCode')} required error={err('smsCode')} addon={<SmsCodeButton onSend={sendCode} />}>
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} {...register('smsCode')} />
            </Field>
            <Field id="password" label={t('newPassword')} required hint={t('passwordRule')} error={err('password')}>
              <Input type="password" autoComplete="new-password" {...register('password')} />
            </Field>
            <Field id="confirmPassword" label={t('confirmPassword')} required error={err('confirmPassword')}>
              <Input type="password" autoComplete="new-password" {...register('confirmPassword')} />
            </Field>
            <Button type="submit" disabled={formState.isSubmitting}>
              {t('submitReset')}
            </Button>
          </>
        ) : (
          <Button type="submit">{t('sendLink')}</Button>
        )}
      </form>
    </div>
  );
}

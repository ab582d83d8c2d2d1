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
import { findAccountAction, requestFindAccountCodeAction } from '@/lib/modules/account/actions/recover-account';

type Found = { username: string | null; idNumberMasked: string | null; mobile: string | null; name: string };

/** 找回账户: the bound mobile and its SMS code, then the account's login names. */
export function FindAccountForm() {
  const t = useTranslations('recover.findAccount');
  const [alert, setAlert] = useState<{ tone: 'danger' | 'info'; message: string }>();
  const [captcha, setCaptcha] = useState('');
  const captchaRef = useRef<CaptchaHandle>(null);
  const [found, setFound] = useState<Found>();
  const form = useZodForm(() => import('@/lib/modules/account/recover-schemas').then((m) => m.findAccountSchema), { defaultValues: { mobile: '', smsCode: '' } });
  const { register, handleSubmit, formState, getValues, trigger } = form;

  const sendCode = async () => {
    setAlert(undefined);
    if (!(await trigger('mobile'))) return { ok: false };
    if (!captcha) {
      setAlert({ tone: 'danger', message: t('captchaFirst') });
      return { ok: false };
    }
    const r = await requestFindAccountCodeAction({ mobile: getValues('mobile'), captcha });
    captchaRef.current?.reset();
    if (!r.ok) {
      setAlert({ tone: 'danger', message: applyServerErrors(form, r) });
      return { ok: false };
    }
    setAlert({ tone: 'info', message: t('codeSent', { mobile: getValues('mobile') }) });
    return { ok: true, resendInSec: r.data.resendInSec };
  };

  const onSubmit = handleSubmit(async (values) => {
    setAlert(undefined);
    const r = await findAccountAction(values);
    if (!r.ok) return setAlert({ tone: 'danger', message: applyServerErrors(form, r) });
    setFound(r.data);
  });

  if (found) {
    const rows: Array<[string, string | null]> = [
      [t('name'), found.name],
      [t('username'), found.username],
      [t('idNumber'), found.idNumberMasked],
      [t('mobile'), found.mobile],
    ];
    return (
      <div className="flex flex-col gap-4">
        <FormAlert tone="success" message={t('found')} />
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm" data-testid="found-account">
          {rows
            .filter(([, v]) => v)
            .map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-muted-foreground">{k}</dt>
                <dd className="font-mono">{v}</dd>
              </div>
            ))}
        </dl>
        <p className="text-sm text-muted-foreground">{t('howToSignIn')}</p>
        <div className="flex flex-wrap gap-2">
          <Button asChild>
            <Link href="/login">{t('toLogin')}</Link>
          </Button>
          <Button asChild variant="outline">
            <Link href="/recover">{t('toRecover')}</Link>
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form method="post" {...form.preloadProps} onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <p className="text-sm text-muted-foreground">{t('intro')}</p>
      {alert && <FormAlert tone={alert.tone} message={alert.message} />}
      <Field id="mobile" label={t('mobile')} required error={formState.errors.mobile?.message}>
        <Input inputMode="tel" maxLength={11} autoComplete="tel" {...register('mobile')} />
      </Field>
      <Captcha ref={captchaRef} onChange={setCaptcha} />
      <Field id="smsCode" label={t('smsCode')} required error={formState.errors.smsCode?.message} addon={<SmsCodeButton onSend={sendCode} />}>
        <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} {...register('smsCode')} />
      </Field>
      <Button type="submit" disabled={formState.isSubmitting}>
        {t('submit')}
      </Button>
    </form>
  );
}

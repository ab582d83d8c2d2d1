'use client';
import { useRef, useState } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { signInWithCredentials } from '@/lib/platform/auth/browser';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Captcha, type CaptchaHandle } from '@/components/forms/captcha';
import { Field, FormAlert } from '@/components/forms/field';
import { SmsCodeButton } from '@/components/forms/sms-code-button';
import { requestSmsCodeAction } from '@/lib/modules/account/actions/request-sms-code';
import { cn } from '@/lib/utils';

type Mode = 'password' | 'sms';
type Errors = Partial<Record<'identifier' | 'password' | 'mobile' | 'code' | 'captcha', string>>;

/** The one login form: account + password + captcha, or account + mobile + SMS code. */
export function LoginForm({ audience, next, registered }: { audience: 'applicant' | 'staff'; next: string; registered?: boolean }) {
  const t = useTranslations('auth');
  const [mode, setMode] = useState<Mode>('password');
  const [values, setValues] = useState({ identifier: '', password: '', mobile: '', code: '' });
  const [captcha, setCaptcha] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [alert, setAlert] = useState<string>();
  const [info, setInfo] = useState<string>();
  const [pending, setPending] = useState(false);
  const captchaRef = useRef<CaptchaHandle>(null);

  const set = (k: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [k]: e.target.value }));

  const validate = (): Errors => {
    const e: Errors = {};
    if (!values.identifier.trim()) e.identifier = t('identifierHint');
    if (mode === 'password') {
      if (!values.password) e.password = t('password');
      if (!captcha) e.captcha = t('captchaRequired');
    } else {
      if (!/^1[3-9]\d{9}$/.test(values.mobile.trim())) e.mobile = t('mobile');
      if (!/^\d{6}$/.test(values.code.trim())) e.code = t('smsCode');
    }
    return e;
  };

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setAlert(undefined);
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length) {
      // The first field to correct takes the focus (it says why through aria-invalid and its message).
      const first = (['identifier', 'password', 'mobile', 'code', 'captcha'] as const).find((k) => e[k]);
      if (first) document.getElementById(first)?.focus();
      return;
    }
    setPending(true);
    const res =
      mode === 'password'
        ? await signInWithCredentials('password', { identifier: values.identifier.trim(), password: values.password, captcha, audience })
        : await signInWithCredentials('sms', { identifier: values.identifier.trim(), mobile: values.mobile.trim(), code: values.code.trim(), audience });
    if (res.ok) {
      // A full load: the new session cookie applies to every layout, and server redirects
      // (e.g. to the password page for generated credentials) run as plain HTTP redirects.
      window.location.assign(next);
      return;
    }
    setPending(false);
    // The solution was spent on this attempt: a new check is needed.
    captchaRef.current?.reset();
    if (!res.error) {
      setAlert(t('loginUnavailable'));
      return;
    }
    try {
      const err = JSON.parse(res.error) as { message?: string; fieldErrors?: Record<string, string[]> };
      setAlert(err.message);
      if (err.fieldErrors?.captcha) setErrors({ captcha: err.fieldErrors.captcha[0] });
    } catch {
      setAlert(res.error);
    }
  };

  const sendCode = async () => {
    setAlert(undefined);
    setInfo(undefined);
    const e: Errors = {};
    if (!values.identifier.trim()) e.identifier = t('identifierHint');
    if (!/^1[3-9]\d{9}$/.test(values.mobile.trim())) e.mobile = t('mobile');
    if (!captcha) e.captcha = t('captchaRequired');
    setErrors(e);
    if (Object.keys(e).length) return { ok: false };
    const r = await requestSmsCodeAction({ mobile: values.mobile.trim(), purpose: 'login', captcha, identifier: values.identifier.trim(), audience });
    captchaRef.current?.reset();
    if (!r.ok) {
      setAlert(r.message);
      return { ok: false };
    }
    setInfo(t('loginCodeSent', { mobile: values.mobile.trim() }));
    return { ok: true, resendInSec: r.data.resendInSec };
  };

  return (
    <form method="post" onSubmit={submit} noValidate className="flex flex-col gap-4" aria-busy={pending}>
      <div role="tablist" aria-label={t('loginTitle')} className="grid grid-cols-2 rounded-md bg-muted p-1 text-sm">
        {(['password', 'sms'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            onClick={() => {
              setMode(m);
              setErrors({});
              setAlert(undefined);
            }}
            className={cn('rounded px-3 py-1.5', mode === m ? 'bg-white font-medium text-primary shadow-sm' : 'text-muted-foreground')}
          >
            {m === 'password' ? t('modePassword') : t('modeSms')}
          </button>
        ))}
      </div>
      {registered && <FormAlert tone="success" message={t('registeredNotice')} />}
      <FormAlert message={alert} />
      {info && <FormAlert tone="info" message={info} />}
      <Field id="identifier" label={t('identifier')} required hint={t('identifierHint')} error={errors.identifier}>
        <Input autoComplete="username" value={values.identifier} onChange={set('identifier')} />
      </Field>
      {mode === 'password' ? (
        <>
          <Field
            id="password"
            label={t('password')}
            required
            error={errors.password}
            hint={
              <span className="flex flex-wrap gap-x-3">
                <Link href={audience === 'staff' ? '/recover?as=staff' : '/recover'} className="text-primary hover:underline">
                  {t('forgot')}
                </Link>
                {/* Seed 003: 找回密码/账户 — an applicant may also have forgotten which account they hold. */}
                {audience !== 'staff' && (
                  <Link href="/recover/account" className="text-primary hover:underline">
                    {t('findAccount')}
                  </Link>
                )}
              </span>
            }
          >
            <Input type="password" autoComplete="current-password" value={values.password} onChange={set('password')} />
          </Field>
          <Captcha ref={captchaRef} onChange={setCaptcha} error={errors.captcha} />
        </>
      ) : (
        <>
          <Field id="mobile" label={t('mobile')} required error={errors.mobile}>
            <Input inputMode="tel" autoComplete="tel" maxLength={11} value={values.mobile} onChange={set('mobile')} />
          </Field>
          <Captcha ref={captchaRef} onChange={setCaptcha} error={errors.captcha} />
          <Field id="code" label={t('smsCode')} required error={errors.code} addon={<SmsCodeButton onSend={sendCode} />}>
            <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={values.code} onChange={set('code')} />
          </Field>
        </>
      )}
      <Button type="submit" size="lg" disabled={pending}>
        {pending ? t('signingIn') : t('submitLogin')}
      </Button>
    </form>
  );
}

'use client';
import { useRef, useState } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Captcha, type CaptchaHandle } from '@/components/forms/captcha';
import { Field, FormAlert } from '@/components/forms/field';
import { SmsCodeButton } from '@/components/forms/sms-code-button';
import { activateLegacyAction, verifyLegacyCredentialsAction } from '@/lib/modules/account/actions/activate-legacy';
import { requestSmsCodeAction } from '@/lib/modules/account/actions/request-sms-code';
import { isValidMainlandMobile } from '@/lib/reference/identifiers';

type Step = { kind: 'credentials' } | { kind: 'mobile'; ticket: string; orgName: string } | { kind: 'done'; mobile: string; orgName: string };
type Errors = Partial<Record<'username' | 'password' | 'mobile' | 'smsCode' | 'captcha', string>>;
const firstOf = (fe: Record<string, string[]> | undefined, k: string) => fe?.[k]?.[0];

/**
 * 老系统用户激活: step 1 old account + password; step 2 the new mobile,
 * verified by an SMS code. The mobile then signs in with the old password.
 */
export function ActivateLegacyForm() {
  const t = useTranslations('legacy.activate');
  const ta = useTranslations('auth');
  const [step, setStep] = useState<Step>({ kind: 'credentials' });
  const [values, setValues] = useState({ username: '', password: '', mobile: '', smsCode: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [alert, setAlert] = useState<string>();
  const [info, setInfo] = useState<string>();
  const [pending, setPending] = useState(false);
  const [captcha, setCaptcha] = useState('');
  const captchaRef = useRef<CaptchaHandle>(null);
  const set = (k: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [k]: e.target.value }));

  const verify = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setAlert(undefined);
    const e: Errors = {};
    if (!values.username.trim()) e.username = t('usernameRequired');
    if (!values.password) e.password = t('passwordRequired');
    setErrors(e);
    if (Object.keys(e).length) return;
    setPending(true);
    const r = await verifyLegacyCredentialsAction({ username: values.username.trim(), password: values.password });
    setPending(false);
    if (!r.ok) {
      setAlert(r.message);
      return;
    }
    setValues((v) => ({ ...v, password: '' }));
    setStep({ kind: 'mobile', ticket: r.data.ticket, orgName: r.data.orgName });
  };

  const sendCode = async () => {
    setAlert(undefined);
    setInfo(undefined);
    const e: Errors = {};
    const mobile = values.mobile.trim();
    if (!isValidMainlandMobile(mobile)) e.mobile = t('mobileInvalid');
    if (!captcha) e.captcha = ta('captchaRequired');
    setErrors(e);
    if (Object.keys(e).length) return { ok: false };
    const r = await requestSmsCodeAction({ mobile, purpose: 'activate', captcha });
    captchaRef.current?.reset();
    if (!r.ok) {
      setAlert(r.message);
      setErrors({ mobile: firstOf(r.fieldErrors, 'mobile'), captcha: firstOf(r.fieldErrors, 'captcha') });
      return { ok: false };
    }
    setInfo(ta('codeSent', { mobile }));
    return { ok: true, resendInSec: r.data.resendInSec };
  };

  const activate = async (ev: React.FormEvent) => {
    ev.preventDefault();
    if (step.kind !== 'mobile') return;
    setAlert(undefined);
    const e: Errors = {};
    const mobile = values.mobile.trim();
    if (!isValidMainlandMobile(mobile)) e.mobile = t('mobileInvalid');
    if (!/^\d{6}$/.test(values.smsCode.trim())) e.smsCode = t('smsCodeInvalid');
    setErrors(e);
    if (Object.keys(e).length) return;
    setPending(true);
    const r = await activateLegacyAction({ ticket: step.ticket, mobile, smsCode: values.smsCode.trim() });
    setPending(false);
    if (!r.ok) {
      setAlert(r.message);
      setErrors({ mobile: firstOf(r.fieldErrors, 'mobile'), smsCode: firstOf(r.fieldErrors, 'smsCode') });
      // An expired ticket or an account activated meanwhile: start again from step 1.
      if (r.code === 'INVALID_STATE' || (r.code === 'BAD_INPUT' && !r.fieldErrors)) setStep({ kind: 'credentials' });
      return;
    }
    setStep({ kind: 'done', mobile: r.data.mobile, orgName: step.orgName });
  };

  if (step.kind === 'done') {
    return (
      <div className="flex flex-col gap-4">
        <FormAlert tone="success" message={t('done', { orgName: step.orgName, mobile: step.mobile })} />
        <Button asChild size="lg">
          <Link href="/login?as=organization">{t('goLogin')}</Link>
        </Button>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      <ol className="grid grid-cols-2 gap-2 text-sm" aria-label={t('stepsLabel')}>
        {[t('step1'), t('step2')].map((label, i) => {
          const current = (i === 0 && step.kind === 'credentials') || (i === 1 && step.kind === 'mobile');
          return (
            <li
              key={label}
              aria-current={current ? 'step' : undefined}
              className={current ? 'rounded-md bg-primary px-3 py-1.5 text-center text-white' : 'rounded-md bg-muted px-3 py-1.5 text-center text-muted-foreground'}
            >
              {i + 1}. {label}
            </li>
          );
        })}
      </ol>
      <FormAlert message={alert} />
      {info && <FormAlert tone="info" message={info} />}
      {step.kind === 'credentials' ? (
        <form method="post" onSubmit={verify} noValidate className="flex flex-col gap-4" aria-busy={pending}>
          <p className="text-sm text-muted-foreground">{t('step1Hint')}</p>
          <Field id="legacy-username" label={t('username')} required error={errors.username}>
            <Input autoComplete="username" value={values.username} onChange={set('username')} />
          </Field>
          <Field id="legacy-password" label={t('password')} required error={errors.password}>
            <Input type="password" autoComplete="current-password" value={values.password} onChange={set('password')} />
          </Field>
          <Button type="submit" size="lg" disabled={pending}>
            {pending ? t('verifying') : t('next')}
          </Button>
        </form>
      ) : (
        <form method="post" onSubmit={activate} noValidate className="flex flex-col gap-4" aria-busy={pending}>
          <p className="text-sm" data-testid="legacy-org-name">
            {t('orgLabel')}
            <strong>{step.orgName}</strong>
          </p>
          <p className="text-sm text-muted-foreground">{t('step2Hint')}</p>
          <Field id="mobile" label={t('mobile')} required hint={t('mobileHint')} error={errors.mobile}>
            <Input inputMode="tel" autoComplete="tel" maxLength={11} value={values.mobile} onChange={set('mobile')} />
          </Field>
          <Captcha ref={captchaRef} onChange={setCaptcha} error={errors.captcha} />
          <Field id="smsCode" label={t('smsCode')} required error={errors.smsCode} addon={<SmsCodeButton onSend={sendCode} />}>
            <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={values.smsCode} onChange={set('smsCode')} />
          </Field>
          <Button type="submit" size="lg" disabled={pending}>
            {pending ? t('activating') : t('submit')}
          </Button>
        </form>
      )}
      <p className="text-center text-sm text-muted-foreground">
        {t('haveAccount')}{' '}
        <Link href="/login?as=organization" className="text-primary hover:underline">
          {ta('goLogin')}
        </Link>
      </p>
    </div>
  );
}

'use client';
import { useRef, useState } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Captcha, type CaptchaHandle } from '@/components/forms/captcha';
import { Field, FormAlert } from '@/components/forms/field';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { lookupInstitutionAction, requestInstitutionResetAction } from '@/lib/modules/accreditation/institutions/actions/retrieve-password';
import type { LookupInstitutionInput } from '@/lib/modules/accreditation/institutions/schemas';
import type { SupportContacts } from '@/lib/platform/settings';

type Found = { ticket: string; certificateNumber: string; name: string; maskedEmail: string };
type Step = { kind: 'number' } | { kind: 'confirm'; found: Found } | { kind: 'sent'; found: Found; maskedEmail: string; validHours: number };

/**
 * 已获认可机构获取密码: 1. certificate number (+ captcha) → 2. the institution
 * and its contact email, masked, with how to ask staff for a change → 3. the
 * link was sent. The link's page sets the password.
 */
export function InstitutionRetrieveForm({ support }: { support: SupportContacts }) {
  const t = useTranslations('accreditedInstitutions.retrieve');
  const [step, setStep] = useState<Step>({ kind: 'number' });
  const [alert, setAlert] = useState<string>();
  const [sending, setSending] = useState(false);
  const captchaRef = useRef<CaptchaHandle>(null);
  const form = useZodForm(() => import('@/lib/modules/accreditation/institutions/schemas').then((m) => m.lookupInstitutionSchema), { defaultValues: { certificateNumber: '', captcha: '' } });
  const { register, handleSubmit, formState, setValue } = form;

  const lookup = async (values: LookupInstitutionInput) => {
    setAlert(undefined);
    const r = await lookupInstitutionAction(values);
    // A captcha solution is single-use, whatever the outcome.
    captchaRef.current?.reset();
    if (!r.ok) return setAlert(applyServerErrors(form, r));
    setStep({ kind: 'confirm', found: r.data });
  };

  const send = async () => {
    if (step.kind !== 'confirm') return;
    setAlert(undefined);
    setSending(true);
    const r = await requestInstitutionResetAction({ ticket: step.found.ticket });
    setSending(false);
    if (!r.ok) {
      setAlert(r.message);
      // The ticket ran out: enter the number again.
      if (r.code === 'BAD_INPUT') setStep({ kind: 'number' });
      return;
    }
    setStep({ kind: 'sent', found: step.found, maskedEmail: r.data.maskedEmail, validHours: r.data.validHours });
  };

  const steps = [t('step1'), t('step2'), t('step3')];
  const current = step.kind === 'number' ? 0 : step.kind === 'confirm' ? 1 : 2;

  return (
    <div className="flex flex-col gap-4">
      <ol className="grid grid-cols-3 gap-2 text-sm" aria-label={t('stepsLabel')}>
        {steps.map((label, i) => (
          <li
            key={label}
            aria-current={i === current ? 'step' : undefined}
            className={i === current ? 'rounded-md bg-primary px-2 py-1.5 text-center text-white' : 'rounded-md bg-muted px-2 py-1.5 text-center text-muted-foreground'}
          >
            {i + 1}. {label}
          </li>
        ))}
      </ol>
      <FormAlert message={alert} />

      {step.kind === 'number' && (
        <form method="post" {...form.preloadProps} onSubmit={(e) => void handleSubmit(lookup)(e)} noValidate className="flex flex-col gap-4" aria-busy={formState.isSubmitting}>
          <p className="text-sm text-muted-foreground">{t('step1Hint')}</p>
          <Field id="certificateNumber" label={t('certificateNumber')} required hint={t('certificateNumberHint')} error={formState.errors.certificateNumber?.message}>
            <Input autoComplete="off" spellCheck={false} maxLength={80} {...register('certificateNumber')} />
          </Field>
          <input type="hidden" {...register('captcha')} />
          <Captcha ref={captchaRef} onChange={(v) => setValue('captcha', v, { shouldValidate: formState.isSubmitted })} error={formState.errors.captcha?.message} />
          <Button type="submit" size="lg" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? t('searching') : t('next')}
          </Button>
        </form>
      )}

      {step.kind === 'confirm' && (
        <div className="flex flex-col gap-4">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-md border border-border bg-muted/40 p-3 text-sm">
            <dt className="text-muted-foreground">{t('institution')}</dt>
            <dd data-testid="institution-name">{step.found.name}</dd>
            <dt className="text-muted-foreground">{t('certificateNumber')}</dt>
            <dd>{step.found.certificateNumber}</dd>
            <dt className="text-muted-foreground">{t('contactEmail')}</dt>
            <dd className="font-medium" data-testid="masked-email">
              {step.found.maskedEmail}
            </dd>
          </dl>
          <p className="text-sm">{t('step2Hint')}</p>
          <FormAlert tone="info">
            <p>{t('changeEmailNote')}</p>
            <p className="mt-1" data-testid="support-contacts">
              {t('supportContacts', { email: support.email, phone: support.phone, hours: support.hours })}
            </p>
          </FormAlert>
          <div className="flex flex-wrap gap-2">
            <Button type="button" size="lg" onClick={send} disabled={sending} aria-busy={sending}>
              {sending ? t('sending') : t('send')}
            </Button>
            <Button
              type="button"
              size="lg"
              variant="outline"
              disabled={sending}
              onClick={() => {
                setAlert(undefined);
                setStep({ kind: 'number' });
              }}
            >
              {t('reenter')}
            </Button>
          </div>
        </div>
      )}

      {step.kind === 'sent' && (
        <div className="flex flex-col gap-4">
          <FormAlert tone="success" message={t('sent', { email: step.maskedEmail, hours: step.validHours })} />
          <p className="text-sm text-muted-foreground">{t('notReceived')}</p>
        </div>
      )}

      <p className="text-center text-sm text-muted-foreground">
        {t('haveAccount')}{' '}
        <Link href="/login?as=organization" className="text-primary hover:underline">
          {t('toLogin')}
        </Link>
      </p>
    </div>
  );
}

'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Captcha, type CaptchaHandle } from '@/components/forms/captcha';
import { Field, FormAlert } from '@/components/forms/field';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { submitPreApplicationAction } from '@/lib/modules/accreditation/pre-application/actions/submit';
import { cn } from '@/lib/utils';

type BusinessField = { key: string; label: string };

/** The pre-application form (seed 000): contact, applicant entity, business fields; one submit. */
export function PreApplicationForm({ fields }: { fields: BusinessField[] }) {
  const t = useTranslations('accreditation.preApplication');
  const router = useRouter();
  const captchaRef = React.useRef<CaptchaHandle>(null);
  const [alert, setAlert] = React.useState<string>();
  const form = useZodForm(() => import('@/lib/modules/accreditation/pre-application/schemas').then((m) => m.submitPreApplicationSchema), {
    defaultValues: {
      contact: { name: '', phone: '', mobile: '', email: '' },
      entity: { name: '', code: '', address: '', postalCode: '', legalRepresentative: '' },
      businessFields: Object.fromEntries(fields.map((f) => [f.key, { selected: false, description: '' }])),
      captcha: '',
    },
  });
  const { register, formState, handleSubmit, watch, setValue } = form;
  const e = formState.errors;
  const selected = watch('businessFields');
  const onCaptcha = React.useCallback((v: string) => setValue('captcha', v, { shouldValidate: Boolean(v) }), [setValue]);

  // The browser validates with the schema; the server gets the raw form and parses it again with the same schema.
  const onValid = async () => {
    setAlert(undefined);
    const r = await submitPreApplicationAction(form.getValues());
    if (!r.ok) {
      setAlert(applyServerErrors(form, r));
      captchaRef.current?.reset();
      return;
    }
    router.push(`/accreditation/pre-application/submitted?n=${encodeURIComponent(r.data.number)}&e=${encodeURIComponent(r.data.email)}`);
  };

  const bf = e.businessFields as unknown as (Record<string, { description?: { message?: string } }> & { message?: string; root?: { message?: string } }) | undefined;

  return (
    <form method="post" {...form.preloadProps} onSubmit={(e) => void handleSubmit(onValid)(e)} noValidate className="flex flex-col gap-6" aria-describedby="preapp-required-hint">
      <p id="preapp-required-hint" className="text-xs text-muted-foreground">
        {t('requiredHint')}
      </p>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 border-l-4 border-primary pl-2 text-sm font-semibold">{t('sections.contact')}</legend>
        <Field id="contact.name" label={t('fields.contactName')} required error={e.contact?.name?.message}>
          <Input {...register('contact.name')} autoComplete="name" />
        </Field>
        <Field id="contact.phone" label={t('fields.contactPhone')} required hint={t('fields.contactPhoneHint')} error={e.contact?.phone?.message}>
          <Input {...register('contact.phone')} autoComplete="tel" inputMode="tel" />
        </Field>
        <Field id="contact.mobile" label={t('fields.contactMobile')} required error={e.contact?.mobile?.message}>
          <Input {...register('contact.mobile')} autoComplete="tel" inputMode="numeric" maxLength={11} />
        </Field>
        <Field id="contact.email" label={t('fields.contactEmail')} required hint={t('fields.contactEmailHint')} error={e.contact?.email?.message}>
          <Input {...register('contact.email')} type="email" autoComplete="email" />
        </Field>
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 border-l-4 border-primary pl-2 text-sm font-semibold">{t('sections.entity')}</legend>
        <Field id="entity.name" label={t('fields.entityName')} required error={e.entity?.name?.message} className="sm:col-span-2">
          <Input {...register('entity.name')} autoComplete="organization" />
        </Field>
        <Field id="entity.code" label={t('fields.entityCode')} required hint={t('fields.entityCodeHint')} error={e.entity?.code?.message}>
          <Input {...register('entity.code')} maxLength={18} className="uppercase" autoCapitalize="characters" spellCheck={false} />
        </Field>
        <Field id="entity.legalRepresentative" label={t('fields.legalRepresentative')} required error={e.entity?.legalRepresentative?.message}>
          <Input {...register('entity.legalRepresentative')} />
        </Field>
        <Field id="entity.address" label={t('fields.address')} required error={e.entity?.address?.message}>
          <Input {...register('entity.address')} autoComplete="street-address" />
        </Field>
        <Field id="entity.postalCode" label={t('fields.postalCode')} error={e.entity?.postalCode?.message}>
          <Input {...register('entity.postalCode')} inputMode="numeric" maxLength={6} autoComplete="postal-code" />
        </Field>
      </fieldset>

      <fieldset className="flex flex-col gap-3" aria-describedby="business-hint business-error">
        <legend className="mb-2 border-l-4 border-primary pl-2 text-sm font-semibold before:mr-0.5 before:text-danger before:content-['*']">{t('sections.business')}</legend>
        <p id="business-hint" className="text-xs text-muted-foreground">
          {t('fields.businessHint')}
        </p>
        {fields.map((f) => {
          const on = Boolean(selected?.[f.key]?.selected);
          const err = bf?.[f.key]?.description?.message;
          return (
            <div key={f.key} className={cn('rounded-md border p-3', on ? 'border-primary/50 bg-primary-soft/30' : 'border-slate-200')}>
              <label className="flex items-center gap-2 text-sm font-medium">
                <input type="checkbox" className="h-4 w-4 accent-[var(--color-primary)]" {...register(`businessFields.${f.key}.selected`)} />
                {f.label}
              </label>
              {on && (
                <Field id={`businessFields.${f.key}.description`} label={t('fields.fieldDescription', { field: f.label })} required error={err} className="mt-2">
                  <textarea
                    {...register(`businessFields.${f.key}.description`)}
                    rows={3}
                    maxLength={1000}
                    className="rounded-md border border-input bg-white px-3 py-2 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                  />
                </Field>
              )}
            </div>
          );
        })}
        {(bf?.message || bf?.root?.message) && (
          <p id="business-error" role="alert" className="text-sm text-danger">
            {bf?.message ?? bf?.root?.message}
          </p>
        )}
      </fieldset>

      <Captcha ref={captchaRef} onChange={onCaptcha} error={e.captcha?.message} />
      <FormAlert message={alert} />
      <div>
        <Button type="submit" disabled={formState.isSubmitting} className="min-w-32">
          {formState.isSubmitting ? t('submitting') : t('submit')}
        </Button>
      </div>
    </form>
  );
}

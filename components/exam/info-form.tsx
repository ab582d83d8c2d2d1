'use client';
import * as React from 'react';
import { Controller } from 'react-hook-form';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Field, FormAlert } from '@/components/forms/field';
import { RegionPicker } from '@/components/forms/region-picker';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { Input, Select } from '@/components/ui/input';
import { saveInfoAction } from '@/lib/modules/exam/registration/actions/save-info';
import type { RegistrationInfoInput } from '@/lib/modules/exam/registration/schemas';
import { FrozenNotice, type Frozen } from './registration-forms';

/**
 * 填写报考信息 (the info step): the one exam step with a react-hook-form form,
 * kept apart from the other steps' forms (./registration-forms.tsx) so that
 * the notice, subjects and area steps load neither react-hook-form nor the
 * region picker.
 */

type Option = { code: string; name: string };

export function InfoForm({ examId, registrationId, initial, options, ownName, frozen }: { examId: string; registrationId: string; initial: RegistrationInfoInput; options: { nationalities: Option[]; ethnicities: Option[]; education: Option[] }; ownName: string; /** Read-only, with the reason. */ frozen?: Frozen }) {
  const t = useTranslations('exam.info');
  const router = useRouter();
  const [alert, setAlert] = React.useState<string>();
  // The schema (and zod) load when the candidate first touches the form: the exam steps' first load carries neither.
  const form = useZodForm(() => import('@/lib/modules/exam/registration/schemas').then((m) => m.registrationInfoSchema), { defaultValues: initial });
  const { register, control, watch, formState, handleSubmit } = form;
  const e = formState.errors;
  const invoiceType = watch('invoice.type');
  const invoiceErrors = e.invoice as { title?: { message?: string }; taxNumber?: { message?: string } } | undefined;
  const onValid = async () => {
    setAlert(undefined);
    const r = await saveInfoAction({ registrationId, info: form.getValues() });
    if (!r.ok) {
      const fe = Object.fromEntries(Object.entries(r.fieldErrors ?? {}).map(([k, v]) => [k.replace(/^info\./, ''), v]));
      return setAlert(applyServerErrors(form, { ...r, fieldErrors: fe }));
    }
    router.push(`/portal/exam/${examId}?saved=info`);
  };
  // The three lists (~320 options) are built once: the form renders again after hydration and on every
  // change of its state, and React skips an element it has seen before instead of comparing each option.
  const lists = React.useMemo(() => {
    const list = (opts: Option[]) => (
      <>
        <option value="">{t('choose')}</option>
        {opts.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name}
          </option>
        ))}
      </>
    );
    return { nationality: list(options.nationalities), ethnicity: list(options.ethnicities), education: list(options.education) };
  }, [options, t]);
  const select = (name: 'nationality' | 'ethnicity' | 'education', label: string) => (
    <Field id={name} label={label} required error={e[name]?.message}>
      <Select {...register(name)}>{lists[name]}</Select>
    </Field>
  );
  return (
    <form method="post" noValidate {...form.preloadProps} onSubmit={(ev) => void handleSubmit(onValid)(ev)} className="grid gap-4 sm:grid-cols-2">
      {frozen && <FrozenNotice {...frozen} />}
      <fieldset disabled={Boolean(frozen)} className="contents">
      {select('nationality', t('nationality'))}
      {select('ethnicity', t('ethnicity'))}
      <Controller
        control={control}
        name="residenceRegion"
        render={({ field, fieldState }) => (
          <fieldset className="flex min-w-0 flex-col gap-1 sm:col-span-2">
            <legend className="mb-1 text-sm font-medium text-slate-700 before:mr-0.5 before:text-danger before:content-['*']">{t('residence')}</legend>
            <RegionPicker id="residenceRegion" ref={field.ref} value={field.value ?? ''} onChange={field.onChange} onBlur={field.onBlur} invalid={Boolean(fieldState.error)} />
            {fieldState.error && <p className="text-sm text-danger">{fieldState.error.message}</p>}
          </fieldset>
        )}
      />
      {select('education', t('education'))}
      <Field id="employer" label={t('employer')} error={e.employer?.message}>
        <Input {...register('employer')} />
      </Field>
      <Field id="mobile" label={t('mobile')} required error={e.mobile?.message}>
        <Input {...register('mobile')} inputMode="numeric" maxLength={11} />
      </Field>
      <Field id="email" label={t('email')} required error={e.email?.message}>
        <Input {...register('email')} type="email" />
      </Field>
      <Field id="address" label={t('address')} required error={e.address?.message} className="sm:col-span-2">
        <Input {...register('address')} />
      </Field>
      <fieldset className="flex flex-col gap-2 sm:col-span-2">
        <legend className="mb-1 text-sm font-medium">{t('invoice')}</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {(['none', 'personal', 'enterprise'] as const).map((v) => (
            <label key={v} className="flex items-center gap-1">
              <input type="radio" value={v} {...register('invoice.type')} />
              {t(v === 'none' ? 'invoiceNone' : v === 'personal' ? 'invoicePersonal' : 'invoiceEnterprise')}
            </label>
          ))}
        </div>
        {invoiceType === 'personal' && <p className="text-sm text-muted-foreground">{t('invoicePersonalTitle', { name: ownName })}</p>}
        {invoiceType === 'enterprise' && (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="invoice.title" label={t('invoiceTitle')} required error={invoiceErrors?.title?.message}>
              <Input {...register('invoice.title' as never)} />
            </Field>
            <Field id="invoice.taxNumber" label={t('taxNumber')} required error={invoiceErrors?.taxNumber?.message}>
              <Input {...register('invoice.taxNumber' as never)} className="uppercase" maxLength={20} />
            </Field>
          </div>
        )}
      </fieldset>
      </fieldset>
      {!frozen && (
        <div className="sm:col-span-2">
          <FormAlert message={alert} />
          <HydratedButton type="submit" disabled={formState.isSubmitting} className="mt-2">
            {t('save')}
          </HydratedButton>
        </div>
      )}
    </form>
  );
}

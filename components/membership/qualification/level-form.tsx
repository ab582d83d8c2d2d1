'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Field, FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { Input } from '@/components/ui/input';
import { saveQualificationLevelAction } from '@/lib/modules/membership/qualification/actions/levels';
import { MATERIAL_SLOTS } from '@/lib/modules/membership/qualification/constants';
import type { LevelFormInput } from '@/lib/modules/membership/qualification/schemas';
import { STAFF_GRADES } from '@/lib/modules/membership/staff-grades';

/** 资质等级 form (staff): code, name, rank, validity, description, staff counts per grade, required materials, active. */
export function LevelForm({ id, initial, backHref }: { id?: string; initial: LevelFormInput; backHref: string }) {
  const t = useTranslations('qualification');
  const router = useRouter();
  const [alert, setAlert] = React.useState<{ tone: 'danger' | 'success'; message: string }>();
  const form = useZodForm(() => import('@/lib/modules/membership/qualification/schemas').then((m) => m.levelFormSchema), { defaultValues: initial });
  const { register, formState } = form;
  const err = (path: string) => {
    const parts = path.split('.');
    let node: unknown = formState.errors;
    for (const p of parts) node = (node as Record<string, unknown> | undefined)?.[p];
    return (node as { message?: string } | undefined)?.message;
  };
  const onValid = async (values: unknown) => {
    setAlert(undefined);
    const r = await saveQualificationLevelAction({ ...(values as LevelFormInput), id });
    if (!r.ok) return setAlert({ tone: 'danger', message: applyServerErrors(form, r) });
    setAlert({ tone: 'success', message: t('levels.saved') });
    router.push(backHref);
    router.refresh();
  };
  const f = (k: string) => t(`levels.fields.${k}`);
  return (
    <form method="post" {...form.preloadProps} noValidate onSubmit={(e) => void form.handleSubmit(onValid)(e)} className="flex max-w-3xl flex-col gap-4" data-testid="level-form">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="code" label={f('code')} hint={f('codeHint')} required error={err('code')}>
          <Input {...register('code')} />
        </Field>
        <Field id="name" label={f('name')} hint={f('nameHint')} required error={err('name')}>
          <Input {...register('name')} />
        </Field>
        <Field id="rank" label={f('rank')} hint={f('rankHint')} required error={err('rank')}>
          <Input type="number" min={1} max={99} inputMode="numeric" {...register('rank')} />
        </Field>
        <Field id="validityMonths" label={f('validityMonths')} required error={err('validityMonths')}>
          <Input type="number" min={1} max={120} inputMode="numeric" {...register('validityMonths')} />
        </Field>
        <Field id="description" label={f('description')} error={err('description')} className="sm:col-span-2">
          <textarea {...register('description')} rows={3} maxLength={1000} className="rounded-md border border-input bg-white px-3 py-2 text-sm" />
        </Field>
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-semibold">{f('requirements')}</legend>
        <p className="text-xs text-muted-foreground">{f('requirementsHint')}</p>
        <div className="grid gap-3 sm:grid-cols-3">
          {STAFF_GRADES.map((g) => (
            <Field key={g} id={`requirements.${g}`} label={f(g)} error={err(`requirements.${g}`)}>
              <Input type="number" min={0} max={999} inputMode="numeric" {...register(`requirements.${g}`)} />
            </Field>
          ))}
        </div>
      </fieldset>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-semibold">{f('materials')}</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {MATERIAL_SLOTS.map((m) => (
            <label key={m} className="flex items-center gap-2 text-sm">
              <input type="checkbox" value={m} {...register('materials')} />
              {t(`slots.${m}`)}
            </label>
          ))}
        </div>
        {err('materials') && <p className="text-sm text-danger">{err('materials')}</p>}
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" {...register('active')} />
        {f('active')}
      </label>
      <FormAlert tone={alert?.tone} message={alert?.message} />
      <div>
        <HydratedButton type="submit" disabled={formState.isSubmitting}>
          {t('levels.save')}
        </HydratedButton>
      </div>
    </form>
  );
}

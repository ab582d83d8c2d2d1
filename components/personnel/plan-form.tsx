'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Field, FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { Input, Select } from '@/components/ui/input';
import { createPlanAction } from '@/lib/modules/personnel/actions/create-plan';
import { updatePlanAction } from '@/lib/modules/personnel/actions/update-plan';
import { INSPECTION_CATEGORIES, INSPECTION_ITEMS, PLAN_KINDS, TESTING_ITEMS, TYPE_TEST_ITEMS, type PlanKind } from '@/lib/modules/personnel/catalog';
import type { PlanFormInput } from '@/lib/modules/personnel/plans/schemas';

/** 新建 / 编辑考试计划: kind and item, exam dates and site, capacity, enrollment window (Beijing time), fee if any. */
export function PlanForm({ initial, planId, itemLocked }: { initial: PlanFormInput; planId?: string; itemLocked?: boolean }) {
  const t = useTranslations('personnel.plans');
  const tk = useTranslations('personnel.planKinds');
  const tc = useTranslations('personnel.categories');
  const router = useRouter();
  const [alert, setAlert] = React.useState<string>();
  const form = useZodForm(() => import('@/lib/modules/personnel/plans/schemas').then((m) => m.planFormSchema), { defaultValues: initial });
  const { register, formState, handleSubmit, watch, setValue } = form;
  const err = (k: keyof PlanFormInput) => formState.errors[k]?.message as string | undefined;
  const kind = watch('kind') as PlanKind;
  // Not `disabled`: a disabled field is left out of the submitted values (the server refuses a change regardless).
  const locked = itemLocked ? { 'aria-readonly': true, tabIndex: -1, className: 'pointer-events-none bg-muted' } : {};

  const onValid = async () => {
    setAlert(undefined);
    const values = form.getValues();
    const r = planId ? await updatePlanAction({ ...values, planId }) : await createPlanAction(values);
    if (!r.ok) return setAlert(applyServerErrors(form, r));
    router.push(`/staff/personnel/plans/${r.data.id}`);
    router.refresh();
  };

  return (
    <form method="post" {...form.preloadProps} onSubmit={(e) => void handleSubmit(onValid)(e)} noValidate className="grid gap-3 sm:grid-cols-2" data-testid="plan-form">
      <Field id="kind" label={t('fields.kind')} required error={err('kind')}>
        <Select {...register('kind', { onChange: () => setValue('item', '') })} {...locked}>
          {PLAN_KINDS.map((k) => (
            <option key={k} value={k}>
              {tk(k)}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="item" label={t('fields.item')} required error={err('item')} hint={itemLocked ? t('itemLocked') : undefined}>
        <Select {...register('item')} {...locked}>
          <option value="">{t('choose')}</option>
          {kind === 'inspection' &&
            INSPECTION_CATEGORIES.map((c) => (
              <optgroup key={c} label={tc(c)}>
                {INSPECTION_ITEMS[c].map((i) => (
                  <option key={i.code} value={i.code}>
                    {i.name}（{i.code}）
                  </option>
                ))}
              </optgroup>
            ))}
          {kind === 'testing' &&
            TESTING_ITEMS.map((i) => (
              <option key={i.code} value={i.code}>
                {i.name}（{i.code}）
              </option>
            ))}
          {kind === 'typeTest' &&
            TYPE_TEST_ITEMS.map((i) => (
              <option key={i.code} value={i.code}>
                {i.name}（{i.code}）
              </option>
            ))}
        </Select>
      </Field>
      <Field id="name" label={t('fields.name')} required error={err('name')} className="sm:col-span-2">
        <Input {...register('name')} maxLength={100} placeholder={t('namePlaceholder')} />
      </Field>
      <Field id="examStartsOn" label={t('fields.examStartsOn')} required error={err('examStartsOn')}>
        <Input type="date" {...register('examStartsOn')} />
      </Field>
      <Field id="examEndsOn" label={t('fields.examEndsOn')} required error={err('examEndsOn')}>
        <Input type="date" {...register('examEndsOn')} />
      </Field>
      <Field id="site" label={t('fields.site')} required error={err('site')} hint={t('siteHint')} className="sm:col-span-2">
        <textarea {...register('site')} rows={2} maxLength={500} className="rounded-md border border-border bg-white px-3 py-2 text-sm" />
      </Field>
      <Field id="capacity" label={t('fields.capacity')} required error={err('capacity')}>
        <Input type="number" min={1} inputMode="numeric" {...register('capacity')} />
      </Field>
      <Field id="fee" label={t('fields.fee')} error={err('fee')} hint={t('feeHint')}>
        <Input inputMode="decimal" {...register('fee')} />
      </Field>
      <Field id="enrollOpensAt" label={t('fields.enrollOpensAt')} required error={err('enrollOpensAt')} hint={t('beijingTime')}>
        <Input type="datetime-local" {...register('enrollOpensAt')} />
      </Field>
      <Field id="enrollClosesAt" label={t('fields.enrollClosesAt')} required error={err('enrollClosesAt')} hint={t('beijingTime')}>
        <Input type="datetime-local" {...register('enrollClosesAt')} />
      </Field>
      <Field id="note" label={t('fields.note')} error={err('note')} className="sm:col-span-2">
        <textarea {...register('note')} rows={3} maxLength={2000} className="rounded-md border border-border bg-white px-3 py-2 text-sm" />
      </Field>
      <div className="sm:col-span-2">
        <FormAlert message={alert} />
      </div>
      <div className="sm:col-span-2">
        <HydratedButton type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('saving') : planId ? t('save') : t('create')}
        </HydratedButton>
      </div>
    </form>
  );
}

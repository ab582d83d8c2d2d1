'use client';
import * as React from 'react';
import { useFieldArray } from 'react-hook-form';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Field, FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { updateReviewSettingsAction } from '@/lib/modules/review/actions/settings';
import type { ReviewSettingsInput } from '@/lib/modules/review/schemas';

/** 鉴定评审设置: the project number prefix and the evaluation criteria. */
export function ReviewSettingsForm({ initial, example }: { initial: ReviewSettingsInput; example: string }) {
  const t = useTranslations('review.staff.settings');
  const router = useRouter();
  const [alert, setAlert] = React.useState<{ tone: 'danger' | 'success'; message: string }>();
  const form = useZodForm(() => import('@/lib/modules/review/schemas').then((m) => m.reviewSettingsSchema), { defaultValues: initial });
  const { register, formState, handleSubmit, control } = form;
  const criteria = useFieldArray({ control, name: 'criteria' });
  const onValid = async () => {
    setAlert(undefined);
    const r = await updateReviewSettingsAction(form.getValues());
    if (!r.ok) return setAlert({ tone: 'danger', message: applyServerErrors(form, r) });
    setAlert({ tone: 'success', message: t('saved') });
    router.refresh();
  };
  const errs = formState.errors.criteria;
  return (
    <form method="post" {...form.preloadProps} noValidate onSubmit={(e) => void handleSubmit(onValid)(e)} className="flex flex-col gap-4" data-testid="review-settings-form">
      <Field id="prefix" label={t('prefix')} required error={formState.errors.prefix?.message as string | undefined} hint={t('prefixHint', { example })}>
        <Input {...register('prefix')} className="w-48 font-mono" maxLength={12} />
      </Field>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">{t('criteria')}</legend>
        <p className="text-xs text-muted-foreground">{t('criteriaHint')}</p>
        {criteria.fields.map((c, i) => (
          <div key={c.id} className="flex flex-wrap items-start gap-2">
            <Field id={`criteria-${i}-key`} label={t('key')} error={errs?.[i]?.key?.message as string | undefined}>
              <Input {...register(`criteria.${i}.key`)} className="w-40 font-mono" maxLength={40} />
            </Field>
            <Field id={`criteria-${i}-label`} label={t('label')} error={errs?.[i]?.label?.message as string | undefined}>
              <Input {...register(`criteria.${i}.label`)} className="w-56" maxLength={30} />
            </Field>
            <Button type="button" variant="ghost" size="sm" className="mt-6" onClick={() => criteria.remove(i)} disabled={criteria.fields.length <= 1}>
              {t('remove')}
            </Button>
          </div>
        ))}
        {errs?.message && <p className="text-sm text-danger">{errs.message as string}</p>}
        {errs?.root?.message && <p className="text-sm text-danger">{errs.root.message as string}</p>}
        <div>
          <Button type="button" variant="outline" size="sm" onClick={() => criteria.append({ key: '', label: '' })} disabled={criteria.fields.length >= 10}>
            {t('add')}
          </Button>
        </div>
      </fieldset>
      <FormAlert tone={alert?.tone} message={alert?.message} />
      <div>
        <HydratedButton type="submit" disabled={formState.isSubmitting}>
          {t('save')}
        </HydratedButton>
      </div>
    </form>
  );
}

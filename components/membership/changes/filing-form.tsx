'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Field, FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { Input } from '@/components/ui/input';
import { FILING } from '@/lib/modules/membership/filing/constants';
import type { FilingFormInput } from '@/lib/modules/membership/filing/schemas';
import { createApplicationAction } from '@/lib/platform/workflow/actions/create-application';
import { fireTransitionAction } from '@/lib/platform/workflow/actions/fire-transition';
import { saveDraftAction } from '@/lib/platform/workflow/actions/save-draft';

type Props = {
  initial: FilingFormInput;
  existing?: { id: string; version: number; submitEvent: 'submit' | 'resubmit' };
};

/** 外省企业备案登记表: the branch in this province, its responsible person, business and period; saved, then submitted with the documents. */
export function FilingForm({ initial, existing }: Props) {
  const t = useTranslations('membershipChanges');
  const router = useRouter();
  const [alert, setAlert] = React.useState<{ tone: 'danger' | 'success'; message: string }>();
  const [version, setVersion] = React.useState(existing?.version);
  const [busy, setBusy] = React.useState<'save' | 'submit' | null>(null);
  const form = useZodForm(() => import('@/lib/modules/membership/filing/schemas').then((m) => m.filingFormSchema), { defaultValues: initial });
  const { register, formState, handleSubmit } = form;
  const err = (k: keyof FilingFormInput) => formState.errors[k]?.message as string | undefined;
  const f = (k: string) => t(`filing.fields.${k}`);
  const data = () => form.getValues() as unknown as Record<string, unknown>;

  const save = async () => {
    setBusy('save');
    setAlert(undefined);
    const r = existing ? await saveDraftAction({ applicationId: existing.id, data: data(), version }) : await createApplicationAction({ kind: FILING, data: data(), mode: 'draft' });
    setBusy(null);
    if (!r.ok) return setAlert({ tone: 'danger', message: r.message });
    if (!existing) return router.push(`/portal/membership/filing/${r.data.id}/edit`);
    setVersion(r.data.version);
    setAlert({ tone: 'success', message: t('common.saved') });
  };

  const onValid = async () => {
    if (!existing) return save();
    setBusy('submit');
    setAlert(undefined);
    const r = await fireTransitionAction({ applicationId: existing.id, event: existing.submitEvent, data: data(), version });
    setBusy(null);
    if (!r.ok) return setAlert({ tone: 'danger', message: applyServerErrors(form, r) });
    router.push(`/portal/applications/${r.data.id}`);
  };

  return (
    <form method="post" {...form.preloadProps} onSubmit={(e) => void handleSubmit(onValid)(e)} noValidate className="flex flex-col gap-4" data-testid="filing-form">
      <p className="text-xs text-muted-foreground">{t('common.requiredHint')}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="branchName" label={f('branchName')} required error={err('branchName')} className="sm:col-span-2">
          <Input {...register('branchName')} maxLength={100} />
        </Field>
        <Field id="branchAddress" label={f('branchAddress')} required error={err('branchAddress')} className="sm:col-span-2">
          <Input {...register('branchAddress')} maxLength={200} />
        </Field>
        <Field id="responsibleName" label={f('responsibleName')} required error={err('responsibleName')}>
          <Input {...register('responsibleName')} maxLength={50} />
        </Field>
        <Field id="responsibleMobile" label={f('responsibleMobile')} required error={err('responsibleMobile')}>
          <Input type="tel" {...register('responsibleMobile')} />
        </Field>
        <Field id="business" label={f('business')} required error={err('business')} className="sm:col-span-2">
          <textarea {...register('business')} rows={3} maxLength={1000} className="rounded-md border border-input bg-white px-3 py-2 text-sm" />
        </Field>
        <Field id="periodFrom" label={f('periodFrom')} required error={err('periodFrom')}>
          <Input type="date" {...register('periodFrom')} />
        </Field>
        <Field id="periodTo" label={f('periodTo')} required error={err('periodTo')}>
          <Input type="date" {...register('periodTo')} />
        </Field>
      </div>
      {!existing && <p className="text-sm text-muted-foreground">{t('common.firstSaveHint')}</p>}
      <FormAlert tone={alert?.tone} message={alert?.message} />
      <div className="flex gap-2">
        {existing ? (
          <>
            <HydratedButton type="button" variant="outline" disabled={busy !== null} onClick={() => void save()}>
              {busy === 'save' ? t('common.saving') : t('common.saveDraft')}
            </HydratedButton>
            <HydratedButton type="submit" disabled={busy !== null}>
              {busy === 'submit' ? t('common.submitting') : existing.submitEvent === 'resubmit' ? t('common.resubmit') : t('common.submit')}
            </HydratedButton>
          </>
        ) : (
          <HydratedButton type="button" disabled={busy !== null} onClick={() => void save()}>
            {busy === 'save' ? t('common.saving') : t('common.saveAndUpload')}
          </HydratedButton>
        )}
      </div>
    </form>
  );
}

'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Field, FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import type { FieldChangeFormInput } from '@/lib/modules/accreditation/field-change/schemas';
import { createApplicationAction } from '@/lib/platform/workflow/actions/create-application';
import { fireTransitionAction } from '@/lib/platform/workflow/actions/fire-transition';
import { saveDraftAction } from '@/lib/platform/workflow/actions/save-draft';
import { cn } from '@/lib/utils';

type Props = {
  fields: Array<{ key: string; label: string; held: boolean }>;
  initial: FieldChangeFormInput;
  /** Editing an existing draft or returned application. */
  existing?: { id: string; version: number; submitEvent: 'submit' | 'resubmit' };
};

/** 业务领域变更 form: save as draft (any state of completion) or submit (validated). */
export function FieldChangeForm({ fields, initial, existing }: Props) {
  const t = useTranslations('accreditation.fieldChange');
  const tp = useTranslations('accreditation.preApplication.fields');
  const router = useRouter();
  const [alert, setAlert] = React.useState<{ tone: 'danger' | 'success'; message: string }>();
  const [version, setVersion] = React.useState(existing?.version);
  const [id, setId] = React.useState(existing?.id);
  const [busy, setBusy] = React.useState(false);
  const form = useZodForm(() => import('@/lib/modules/accreditation/field-change/schemas').then((m) => m.fieldChangeFormSchema), { defaultValues: initial });
  const { register, watch, formState, handleSubmit } = form;
  const selected = watch('businessFields');
  const bf = formState.errors.businessFields as unknown as (Record<string, { description?: { message?: string } }> & { message?: string }) | undefined;

  const save = async () => {
    setBusy(true);
    setAlert(undefined);
    const data = form.getValues() as unknown as Record<string, unknown>;
    const r = id ? await saveDraftAction({ applicationId: id, data, version }) : await createApplicationAction({ kind: 'accreditationFieldChange', data, mode: 'draft' });
    setBusy(false);
    if (!r.ok) return setAlert({ tone: 'danger', message: r.message });
    setVersion(r.data.version);
    if (!id) {
      setId(r.data.id);
      // Point the address at the draft without leaving the form (Next keeps its router in sync with history).
      window.history.replaceState(null, '', `/portal/field-change/${r.data.id}`);
    }
    setAlert({ tone: 'success', message: t('saved') });
  };

  const onValid = async () => {
    setBusy(true);
    setAlert(undefined);
    const data = form.getValues() as unknown as Record<string, unknown>;
    const r = id
      ? await fireTransitionAction({ applicationId: id, event: existing?.submitEvent ?? 'submit', data, version })
      : await createApplicationAction({ kind: 'accreditationFieldChange', data, mode: 'submit' });
    setBusy(false);
    if (!r.ok) return setAlert({ tone: 'danger', message: applyServerErrors(form, r) });
    router.push(`/portal/applications/${r.data.id}`);
  };

  return (
    <form method="post" {...form.preloadProps} onSubmit={(e) => void handleSubmit(onValid)(e)} noValidate className="flex flex-col gap-4">
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 border-l-4 border-primary pl-2 text-sm font-semibold before:mr-0.5 before:text-danger before:content-['*']">{t('sections.fields')}</legend>
        {fields.map((f) => {
          const on = Boolean(selected?.[f.key]?.selected);
          return (
            <div key={f.key} className={cn('rounded-md border p-3', on ? 'border-primary/50 bg-primary-soft/30' : 'border-slate-200', f.held && 'opacity-60')}>
              <label className="flex items-center gap-2 text-sm font-medium">
                <input type="checkbox" className="h-4 w-4" disabled={f.held} {...register(`businessFields.${f.key}.selected`)} />
                {f.label}
                {f.held && <span className="rounded bg-green-100 px-1.5 text-xs text-green-800">{t('heldTag')}</span>}
              </label>
              {on && (
                <Field id={`businessFields.${f.key}.description`} label={tp('fieldDescription', { field: f.label })} required error={bf?.[f.key]?.description?.message} className="mt-2">
                  <textarea {...register(`businessFields.${f.key}.description`)} rows={3} maxLength={1000} className="rounded-md border border-input bg-white px-3 py-2 text-sm" />
                </Field>
              )}
            </div>
          );
        })}
        {bf?.message && (
          <p role="alert" className="text-sm text-danger">
            {bf.message}
          </p>
        )}
      </fieldset>
      <Field id="reason" label={t('reason')} error={formState.errors.reason?.message}>
        <textarea {...register('reason')} rows={3} maxLength={1000} className="rounded-md border border-input bg-white px-3 py-2 text-sm" />
      </Field>
      <FormAlert tone={alert?.tone} message={alert?.message} />
      <div className="flex gap-2">
        <HydratedButton type="button" variant="outline" disabled={busy} onClick={() => void save()}>
          {busy ? t('saving') : t('saveDraft')}
        </HydratedButton>
        <HydratedButton type="submit" disabled={busy}>
          {t('submit')}
        </HydratedButton>
      </div>
    </form>
  );
}

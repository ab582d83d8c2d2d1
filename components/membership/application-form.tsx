'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Field, FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { Input, Select } from '@/components/ui/input';
import type { MembershipFormInput } from '@/lib/modules/membership/schemas';
import { createApplicationAction } from '@/lib/platform/workflow/actions/create-application';
import { fireTransitionAction } from '@/lib/platform/workflow/actions/fire-transition';
import { saveDraftAction } from '@/lib/platform/workflow/actions/save-draft';

type Props = {
  initial: MembershipFormInput;
  /** Each grade with its label (and dues) as offered. */
  grades: Array<{ key: string; label: string }>;
  /** Editing an existing draft or returned application; without it the first save creates the draft. */
  existing?: { id: string; version: number; submitEvent: 'submit' | 'resubmit' };
};

const TEXT_FIELDS = ['companyName', 'creditCode', 'legalRepresentative', 'registeredAddress'] as const;
type ContactField = 'contactName' | 'contactMobile' | 'contactEmail';

/** 入会申请表: save (any state of completion) or submit (validated here and on the server). */
export function MembershipApplicationForm({ initial, grades, existing }: Props) {
  const t = useTranslations('membership.form');
  const router = useRouter();
  const [alert, setAlert] = React.useState<{ tone: 'danger' | 'success'; message: string }>();
  const [version, setVersion] = React.useState(existing?.version);
  const [busy, setBusy] = React.useState(false);
  const form = useZodForm(() => import('@/lib/modules/membership/schemas').then((m) => m.membershipFormSchema), { defaultValues: initial });
  const { register, formState, handleSubmit } = form;
  const err = (k: keyof MembershipFormInput) => formState.errors[k]?.message as string | undefined;

  const save = async () => {
    setBusy(true);
    setAlert(undefined);
    const data = form.getValues() as unknown as Record<string, unknown>;
    const r = existing ? await saveDraftAction({ applicationId: existing.id, data, version }) : await createApplicationAction({ kind: 'membershipApplication', data, mode: 'draft' });
    setBusy(false);
    if (!r.ok) return setAlert({ tone: 'danger', message: r.message });
    if (!existing) return router.push(`/portal/membership/${r.data.id}/edit`);
    setVersion(r.data.version);
    setAlert({ tone: 'success', message: t('saved') });
  };

  const onValid = async () => {
    if (!existing) return save();
    setBusy(true);
    setAlert(undefined);
    const r = await fireTransitionAction({ applicationId: existing.id, event: existing.submitEvent, data: form.getValues() as unknown as Record<string, unknown>, version });
    setBusy(false);
    if (!r.ok) return setAlert({ tone: 'danger', message: applyServerErrors(form, r) });
    router.push(`/portal/applications/${r.data.id}`);
  };

  const text = (k: (typeof TEXT_FIELDS)[number] | ContactField, type = 'text') => (
    <Field key={k} id={k} label={t(`fields.${k}`)} required error={err(k)}>
      <Input type={type} {...register(k)} />
    </Field>
  );

  return (
    <form method="post" {...form.preloadProps} onSubmit={(e) => void handleSubmit(onValid)(e)} noValidate className="flex flex-col gap-4" data-testid="membership-form">
      <p className="text-xs text-muted-foreground">{t('requiredHint')}</p>
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 border-l-4 border-primary pl-2 text-sm font-semibold">{t('sections.company')}</legend>
        {TEXT_FIELDS.map((k) => text(k))}
        <Field id="businessScope" label={t('fields.businessScope')} required error={err('businessScope')} className="sm:col-span-2">
          <textarea {...register('businessScope')} rows={3} maxLength={2000} className="rounded-md border border-input bg-white px-3 py-2 text-sm" />
        </Field>
        <Field id="staffTotal" label={t('fields.staffTotal')} required error={err('staffTotal')}>
          <Input type="number" min={1} inputMode="numeric" {...register('staffTotal')} />
        </Field>
        <Field id="technicalStaff" label={t('fields.technicalStaff')} required error={err('technicalStaff')}>
          <Input type="number" min={0} inputMode="numeric" {...register('technicalStaff')} />
        </Field>
        <Field id="grade" label={t('fields.grade')} required error={err('grade')} className="sm:col-span-2">
          <Select {...register('grade')}>
            {grades.map((g) => (
              <option key={g.key} value={g.key}>
                {g.label}
              </option>
            ))}
          </Select>
        </Field>
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-2 border-l-4 border-primary pl-2 text-sm font-semibold">{t('sections.contact')}</legend>
        {text('contactName')}
        {text('contactMobile', 'tel')}
        {text('contactEmail', 'email')}
      </fieldset>
      {!existing && <p className="text-sm text-muted-foreground">{t('firstSaveHint')}</p>}
      <FormAlert tone={alert?.tone} message={alert?.message} />
      <div className="flex gap-2">
        {existing ? (
          <>
            <HydratedButton type="button" variant="outline" disabled={busy} onClick={() => void save()}>
              {busy ? t('saving') : t('saveDraft')}
            </HydratedButton>
            <HydratedButton type="submit" disabled={busy}>
              {existing.submitEvent === 'resubmit' ? t('resubmit') : t('submit')}
            </HydratedButton>
          </>
        ) : (
          <HydratedButton type="button" disabled={busy} onClick={() => void save()}>
            {busy ? t('saving') : t('saveAndUpload')}
          </HydratedButton>
        )}
      </div>
    </form>
  );
}

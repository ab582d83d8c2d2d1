'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Field, FormAlert } from '@/components/forms/field';
import { UploadField } from '@/components/forms/upload-field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Input, Select } from '@/components/ui/input';
import type { DocumentSummary } from '@/lib/platform/documents/schemas';
import type { ShownSlot } from '@/lib/platform/documents/slots';
import { ACCEPTANCE_CATEGORIES, INSTITUTION_TYPES, PROVINCE_OPTIONS, REVIEW_PROJECT, REVIEW_TYPES } from '@/lib/modules/review/constants';
import type { ProjectFormInput } from '@/lib/modules/review/schemas';
import { createApplicationAction } from '@/lib/platform/workflow/actions/create-application';
import { fireTransitionAction } from '@/lib/platform/workflow/actions/fire-transition';
import { saveDraftAction } from '@/lib/platform/workflow/actions/save-draft';

type Props = {
  initial: ProjectFormInput;
  unitName: string;
  /** Editing a saved or returned project; without it the first 保存 creates the project. */
  existing?: { id: string; number: string; version: number; submitEvent: 'submit' | 'resubmit' };
  /** The material slots with their files (editing only: uploads need the project). */
  slots?: Array<{ slot: ShownSlot; documents: DocumentSummary[] }>;
};

type K = keyof ProjectFormInput;

/**
 * 新增评审项目 (seed 004 §3.1): 联系方式, 法律地位 and 资料清单 with the
 * required marks of the seed; 保存 keeps whatever is filled, 提交 validates
 * here and on the server (the same schema) and sends it to 预审.
 */
export function ProjectForm({ initial, unitName, existing, slots = [] }: Props) {
  const t = useTranslations('review.form');
  const tOpt = useTranslations('review.options');
  const router = useRouter();
  const [alert, setAlert] = React.useState<{ tone: 'danger' | 'success'; message: string }>();
  const [version, setVersion] = React.useState(existing?.version);
  const [busy, setBusy] = React.useState(false);
  const form = useZodForm(() => import('@/lib/modules/review/schemas').then((m) => m.projectFormSchema), { defaultValues: initial });
  const { register, formState, handleSubmit } = form;
  const err = (k: K) => formState.errors[k]?.message as string | undefined;

  const save = async () => {
    setBusy(true);
    setAlert(undefined);
    const data = form.getValues() as unknown as Record<string, unknown>;
    const r = existing ? await saveDraftAction({ applicationId: existing.id, data, version }) : await createApplicationAction({ kind: REVIEW_PROJECT, data, mode: 'draft' });
    setBusy(false);
    if (!r.ok) return setAlert({ tone: 'danger', message: r.message });
    if (!existing) return router.push(`/portal/review/projects/${r.data.id}/edit?saved=1`);
    setVersion(r.data.version);
    setAlert({ tone: 'success', message: t('saved') });
  };

  const onValid = async () => {
    if (!existing) return;
    setBusy(true);
    setAlert(undefined);
    const r = await fireTransitionAction({ applicationId: existing.id, event: existing.submitEvent, data: form.getValues() as unknown as Record<string, unknown>, version });
    setBusy(false);
    if (!r.ok) return setAlert({ tone: 'danger', message: applyServerErrors(form, r) });
    router.push(`/portal/review/projects/${existing.id}?tab=materials&submitted=1`);
  };

  const text = (k: K, opts: { required?: boolean; type?: string; hint?: string; wide?: boolean } = {}) => (
    <Field key={k} id={k} label={t(`fields.${k}`)} required={opts.required} error={err(k)} hint={opts.hint} className={opts.wide ? 'sm:col-span-2 lg:col-span-3' : undefined}>
      <Input type={opts.type ?? 'text'} {...register(k)} />
    </Field>
  );
  const select = (k: K, values: readonly string[], group: string, required = true) => (
    <Field key={k} id={k} label={t(`fields.${k}`)} required={required} error={err(k)}>
      <Select {...register(k)}>
        <option value="">{t('choose')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {tOpt(`${group}.${v}` as never)}
          </option>
        ))}
      </Select>
    </Field>
  );
  const legend = (key: string) => <legend className="mb-2 border-l-4 border-primary pl-2 text-sm font-semibold">{t(`sections.${key}`)}</legend>;

  return (
    <form method="post" {...form.preloadProps} onSubmit={(e) => e.preventDefault()} noValidate className="flex flex-col gap-5" data-testid="review-project-form">
      <p className="text-xs text-muted-foreground">{t('requiredHint')}</p>
      <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {legend('contact')}
        <div className="flex flex-col gap-1">
          <span className="text-sm font-medium text-slate-700">{t('fields.number')}</span>
          <span className="flex h-10 items-center rounded-md border border-dashed border-border bg-slate-50 px-3 font-mono text-sm" data-testid="project-number">
            {existing?.number ?? t('numberGenerated')}
          </span>
        </div>
        <div className="flex flex-col gap-1 sm:col-span-1 lg:col-span-2">
          <span className="text-sm font-medium text-slate-700">{t('fields.unitName')}</span>
          <span className="flex h-10 items-center rounded-md border border-dashed border-border bg-slate-50 px-3 text-sm">{unitName}</span>
        </div>
        {text('address', { required: true, wide: true })}
        {text('postalCode', { hint: t('hints.postalCode') })}
        {text('contactName', { required: true })}
        {text('contactPhone', { required: true, type: 'tel' })}
        {text('contactMobile', { required: true, type: 'tel' })}
        {text('fax', { type: 'tel' })}
        {text('email', { type: 'email' })}
        {text('bankName')}
        {text('bankAccount', { hint: t('hints.bankAccount') })}
      </fieldset>

      <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {legend('legal')}
        {text('creditCode', { required: true, hint: t('hints.creditCode') })}
        {text('legalRepresentative', { required: true })}
        {text('registrationAuthority')}
        {text('registrationDate', { type: 'date' })}
        {text('registeredCapital', { hint: t('hints.registeredCapital') })}
        {select('institutionType', INSTITUTION_TYPES, 'institutionType')}
        {text('certificateIssuer')}
        {text('previousLicenseNumber')}
        {text('previousLicenseValidUntil', { type: 'date' })}
        {text('parentApprovalDate', { type: 'date' })}
        {text('parentApprovalNumber')}
        {text('parentHead')}
      </fieldset>

      <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {legend('materials')}
        {text('acceptanceNumber', { required: true })}
        {text('acceptanceDate', { required: true, type: 'date' })}
        {select('reviewType', REVIEW_TYPES, 'reviewType')}
        {select('acceptanceCategory', ACCEPTANCE_CATEGORIES, 'acceptanceCategory')}
        <Field id="province" label={t('fields.province')} required error={err('province')}>
          <Select {...register('province')}>
            <option value="">{t('choose')}</option>
            {PROVINCE_OPTIONS.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="remarks" label={t('fields.remarks')} error={err('remarks')} className="sm:col-span-2 lg:col-span-3">
          <textarea {...register('remarks')} rows={2} maxLength={500} className="rounded-md border border-input bg-white px-3 py-2 text-sm" />
        </Field>
        <div className="flex flex-col gap-3 sm:col-span-2 lg:col-span-3" data-testid="project-slots">
          {existing ? (
            slots.map(({ slot, documents }) => (
              <div key={slot.key} className="flex flex-col gap-1">
                <span className={slot.required ? "text-sm font-medium before:mr-0.5 before:text-danger before:content-['*']" : 'text-sm font-medium'}>{t(`slots.${slot.key}` as never)}</span>
                <UploadField slot={slot} applicationId={existing.id} initialDocuments={documents} phone={false} />
              </div>
            ))
          ) : (
            <FormAlert tone="info" message={t('uploadAfterSave')} />
          )}
        </div>
      </fieldset>

      <p className="text-xs text-muted-foreground">{t('sameUnitNote')}</p>
      <FormAlert tone={alert?.tone} message={alert?.message} />
      <div className="flex flex-wrap gap-2">
        <HydratedButton type="button" variant={existing ? 'outline' : 'default'} disabled={busy} onClick={() => void save()}>
          {busy ? t('saving') : t('save')}
        </HydratedButton>
        {existing && (
          <ConfirmDialog
            trigger={
              <HydratedButton type="button" disabled={busy}>
                {existing.submitEvent === 'resubmit' ? t('resubmit') : t('submit')}
              </HydratedButton>
            }
            title={t('confirmSubmitTitle')}
            description={t('confirmSubmit')}
            confirmLabel={t('confirm')}
            cancelLabel={t('cancel')}
            danger={false}
            onConfirm={() => handleSubmit(onValid)()}
          />
        )}
        <Button type="button" variant="ghost" onClick={() => router.push('/portal/review/projects')}>
          {t('close')}
        </Button>
      </div>
    </form>
  );
}

'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Field, FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { Input, Select } from '@/components/ui/input';
import { CERTIFICATE_LOSS } from '@/lib/modules/membership/certificate-loss/constants';
import { LOSS_REASONS } from '@/lib/modules/membership/certificate-loss/reasons';
import type { CertificateLossFormInput } from '@/lib/modules/membership/certificate-loss/schemas';
import { createApplicationAction } from '@/lib/platform/workflow/actions/create-application';
import { fireTransitionAction } from '@/lib/platform/workflow/actions/fire-transition';
import { saveDraftAction } from '@/lib/platform/workflow/actions/save-draft';

type Option = { id: string; label: string; disabledReason?: string };

type Props = {
  /** The enterprise's valid module-B certificates, labelled; one with another open report is shown but disabled. */
  certificates: Option[];
  initial: CertificateLossFormInput;
  existing?: { id: string; version: number; submitEvent: 'submit' | 'resubmit' };
};

/** 证书挂失补办申请: the certificate, the reason, the declaration; saved, then submitted with the loss notice. */
export function LossForm({ certificates, initial, existing }: Props) {
  const t = useTranslations('membershipChanges');
  const router = useRouter();
  const [alert, setAlert] = React.useState<{ tone: 'danger' | 'success'; message: string }>();
  const [version, setVersion] = React.useState(existing?.version);
  const [busy, setBusy] = React.useState<'save' | 'submit' | null>(null);
  const form = useZodForm(() => import('@/lib/modules/membership/certificate-loss/schemas').then((m) => m.certificateLossFormSchema), { defaultValues: initial });
  const { register, formState, handleSubmit, watch } = form;
  const reason = watch('reason');
  const err = (k: keyof CertificateLossFormInput) => formState.errors[k]?.message as string | undefined;
  const data = () => form.getValues() as unknown as Record<string, unknown>;

  const save = async () => {
    setBusy('save');
    setAlert(undefined);
    const r = existing ? await saveDraftAction({ applicationId: existing.id, data: data(), version }) : await createApplicationAction({ kind: CERTIFICATE_LOSS, data: data(), mode: 'draft' });
    setBusy(null);
    if (!r.ok) return setAlert({ tone: 'danger', message: r.message });
    if (!existing) return router.push(`/portal/membership/certificate-loss/${r.data.id}/edit`);
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
    <form method="post" {...form.preloadProps} onSubmit={(e) => void handleSubmit(onValid)(e)} noValidate className="flex flex-col gap-4" data-testid="loss-form">
      <p className="text-xs text-muted-foreground">{t('common.requiredHint')}</p>
      <Field id="certificateId" label={t('loss.certificate')} required error={err('certificateId')}>
        <Select {...register('certificateId')}>
          <option value="">{t('loss.selectPlaceholder')}</option>
          {certificates.map((c) => (
            <option key={c.id} value={c.id} disabled={!!c.disabledReason}>
              {c.disabledReason ? `${c.label}（${c.disabledReason}）` : c.label}
            </option>
          ))}
        </Select>
      </Field>
      <fieldset className="flex flex-col gap-2" aria-describedby={err('reason') ? 'reason-error' : undefined}>
        <legend className="mb-1 text-sm font-medium text-slate-700 before:mr-0.5 before:text-danger before:content-['*']">{t('loss.reason')}</legend>
        <div className="flex flex-wrap gap-4">
          {LOSS_REASONS.map((r) => (
            <label key={r} className="flex items-center gap-2 text-sm">
              <input type="radio" value={r} className="h-4 w-4" {...register('reason')} />
              {t(`loss.reasons.${r}`)}
            </label>
          ))}
        </div>
        {err('reason') && (
          <p id="reason-error" className="text-sm text-danger">
            {err('reason')}
          </p>
        )}
      </fieldset>
      {reason === 'other' && (
        <Field id="reasonOther" label={t('loss.reasonOther')} required error={err('reasonOther')}>
          <Input {...register('reasonOther')} maxLength={200} />
        </Field>
      )}
      <Field id="description" label={t('loss.description')} hint={t('loss.descriptionHint')} error={err('description')}>
        <textarea {...register('description')} rows={3} maxLength={500} className="rounded-md border border-input bg-white px-3 py-2 text-sm" />
      </Field>
      <div className="flex flex-col gap-1">
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-0.5 h-4 w-4" aria-describedby={err('declaration') ? 'declaration-error' : undefined} {...register('declaration')} />
          <span>{t('loss.declaration')}</span>
        </label>
        {err('declaration') && (
          <p id="declaration-error" className="text-sm text-danger">
            {err('declaration')}
          </p>
        )}
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

'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { FileText } from 'lucide-react';
import { Field, FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Input, Select } from '@/components/ui/input';
import { REISSUE_REASONS } from '@/lib/modules/personnel/reissue/request-kinds';
import { fireTransitionAction } from '@/lib/platform/workflow/actions/fire-transition';
import { saveDraftAction } from '@/lib/platform/workflow/actions/save-draft';

/**
 * 证书补发 / 证书信息变更 (seed 002 §8–§9): the reason (reissue) or the changed
 * fields (change), 保存, 打印申请表 (the saved request as the form to sign),
 * the uploads (a server component passed in) and 申请.
 */
export function RequestForm({
  kind,
  applicationId,
  version: initialVersion,
  submitEvent,
  initial,
  uploads,
}: {
  kind: 'reissue' | 'change';
  applicationId: string;
  version: number;
  submitEvent: 'submit' | 'resubmit';
  initial: Record<string, unknown>;
  uploads: React.ReactNode;
}) {
  const t = useTranslations('personnel');
  const router = useRouter();
  const [version, setVersion] = React.useState(initialVersion);
  const [busy, setBusy] = React.useState(false);
  const [saved, setSaved] = React.useState(false);
  const [alert, setAlert] = React.useState<{ tone: 'danger' | 'success'; message: string }>();
  const form = useZodForm(() => import('@/lib/modules/personnel/reissue/schemas').then((m) => (kind === 'reissue' ? m.reissueSchema : m.changeSchema) as unknown as typeof m.changeSchema), { defaultValues: initial as never });
  const { register, formState, handleSubmit } = form;
  const err = (k: string) => (formState.errors as Record<string, { message?: string }>)[k]?.message;

  const save = async () => {
    setBusy(true);
    setAlert(undefined);
    const r = await saveDraftAction({ applicationId, data: form.getValues() as Record<string, unknown>, version });
    setBusy(false);
    if (!r.ok) return setAlert({ tone: 'danger', message: r.message });
    setVersion(r.data.version);
    setSaved(true);
    setAlert({ tone: 'success', message: t('requests.saved') });
  };
  const apply = async () => {
    setBusy(true);
    setAlert(undefined);
    const r = await fireTransitionAction({ applicationId, event: submitEvent, data: form.getValues(), version });
    setBusy(false);
    if (!r.ok) return setAlert({ tone: 'danger', message: applyServerErrors(form, r) });
    router.push(`/portal/applications/${applicationId}`);
    router.refresh();
  };

  return (
    <form method="post" {...form.preloadProps} onSubmit={(e) => void handleSubmit(apply)(e)} noValidate className="flex flex-col gap-5" data-testid="request-form">
      <fieldset className="grid gap-3 sm:grid-cols-2">
        {kind === 'reissue' ? (
          <>
            <Field id="reason" label={t('requests.reason')} required error={err('reason')}>
              <Select {...register('reason' as never)}>
                <option value="">{t('profile.choose')}</option>
                {REISSUE_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`reissueReasons.${r}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id="reasonDetail" label={t('requests.reasonDetail')} error={err('reasonDetail')} className="sm:col-span-2">
              <Input {...register('reasonDetail')} maxLength={200} />
            </Field>
          </>
        ) : (
          <>
            <Field id="holderName" label={t('requests.newHolderName')} required error={err('holderName')}>
              <Input {...register('holderName')} maxLength={50} />
            </Field>
            <Field id="employer" label={t('requests.newEmployer')} required error={err('employer')}>
              <Input {...register('employer')} maxLength={100} />
            </Field>
            <Field id="reasonDetail" label={t('requests.changeReason')} required error={err('reasonDetail')} className="sm:col-span-2">
              <Input {...register('reasonDetail')} maxLength={200} />
            </Field>
          </>
        )}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <HydratedButton type="button" variant="outline" disabled={busy} onClick={() => void save()}>
          {t('requests.save')}
        </HydratedButton>
        <a
          href={`/api/applications/${applicationId}/pdf`}
          target="_blank"
          rel="noopener"
          className="inline-flex items-center gap-1 text-sm text-primary hover:underline"
          data-testid="print-request-form"
          aria-disabled={!saved && version === 1 ? true : undefined}
        >
          <FileText className="h-4 w-4" aria-hidden />
          {kind === 'reissue' ? t('requests.printReissue') : t('requests.printChange')}
        </a>
        <span className="text-xs text-muted-foreground">{t('requests.printHint')}</span>
      </div>
      {uploads}
      <FormAlert tone={alert?.tone} message={alert?.message} />
      <div>
        <ConfirmDialog
          danger={false}
          trigger={
            <HydratedButton type="button" disabled={busy}>
              {busy ? t('requests.applying') : submitEvent === 'resubmit' ? t('requests.applyAgain') : t('requests.apply')}
            </HydratedButton>
          }
          title={t('requests.confirmTitle')}
          description={t('requests.confirmApply')}
          confirmLabel={submitEvent === 'resubmit' ? t('requests.applyAgain') : t('requests.apply')}
          cancelLabel={t('requests.cancel')}
          onConfirm={() => handleSubmit(apply)()}
        />
      </div>
    </form>
  );
}

'use client';
import * as React from 'react';
import { AlertDialog } from 'radix-ui';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Field, FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { buttonVariants } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { extendReviewDueAction } from '@/lib/modules/membership/overdue/actions/extend-due';

/**
 * 延期: a new due date for the annual review (a fresh cycle) with the reason;
 * checked in the browser, then confirmed in a dialog saying what follows
 * (and that a suspension is lifted), then decided by the server.
 */
export function ExtendDueForm({ qualificationId, dueOn, min, max, suspended }: { qualificationId: string; dueOn: string; min: string; max: string; suspended: boolean }) {
  const t = useTranslations('qualificationOverdue.staff.extend');
  const router = useRouter();
  const [confirming, setConfirming] = React.useState(false);
  const [result, setResult] = React.useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = React.useState(false);
  const form = useZodForm(() => import('@/lib/modules/membership/overdue/schemas').then((m) => m.extendDueSchema), { defaultValues: { qualificationId, reviewDueOn: '', reason: '' } });
  const err = (k: 'reviewDueOn' | 'reason') => form.formState.errors[k]?.message as string | undefined;

  const save = async () => {
    setBusy(true);
    setResult(undefined);
    const r = await extendReviewDueAction(form.getValues());
    setBusy(false);
    setConfirming(false);
    if (!r.ok) return setResult({ ok: false, text: applyServerErrors(form, r) });
    setResult({ ok: true, text: t('done', { dueOn: r.data.to }) });
    form.reset({ qualificationId, reviewDueOn: '', reason: '' });
    router.refresh();
  };

  return (
    <form method="post" {...form.preloadProps} noValidate onSubmit={(e) => void form.handleSubmit(() => setConfirming(true))(e)} className="flex max-w-xl flex-col gap-3" data-testid="extend-due-form">
      <p className="text-sm text-muted-foreground">{t('intro', { dueOn })}</p>
      <Field id="extend-date" label={t('date')} required error={err('reviewDueOn')} hint={t('dateHint', { min, max })}>
        <Input type="date" min={min} max={max} className="w-48" {...form.register('reviewDueOn')} />
      </Field>
      <Field id="extend-reason" label={t('reason')} required error={err('reason')}>
        <textarea rows={2} maxLength={500} className="w-full rounded-md border border-border px-3 py-2 text-sm aria-[invalid=true]:border-danger" {...form.register('reason')} />
      </Field>
      <FormAlert tone={result?.ok ? 'success' : 'danger'} message={result?.text} />
      <div>
        <HydratedButton type="submit" size="sm" disabled={busy}>
          {t('submit')}
        </HydratedButton>
      </div>
      <AlertDialog.Root open={confirming} onOpenChange={setConfirming}>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
          <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 w-[min(28rem,92vw)] -translate-x-1/2 -translate-y-1/2 rounded-card bg-white p-5 shadow-xl">
            <AlertDialog.Title className="text-base font-semibold">{t('confirmTitle', { dueOn: form.getValues('reviewDueOn') ?? '' })}</AlertDialog.Title>
            <AlertDialog.Description className="mt-2 text-sm text-muted-foreground">{t(suspended ? 'confirmBodySuspended' : 'confirmBody')}</AlertDialog.Description>
            <div className="mt-5 flex justify-end gap-2">
              <AlertDialog.Cancel className={buttonVariants({ variant: 'outline' })}>{t('cancel')}</AlertDialog.Cancel>
              <button type="button" className={buttonVariants({ variant: 'default' })} disabled={busy} onClick={() => void save()}>
                {busy ? t('working') : t('confirm')}
              </button>
            </div>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </form>
  );
}

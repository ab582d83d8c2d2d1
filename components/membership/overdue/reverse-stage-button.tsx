'use client';
import * as React from 'react';
import { AlertDialog } from 'radix-ui';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Field, FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { buttonVariants } from '@/components/ui/button';
import { reverseOverdueStageAction } from '@/lib/modules/membership/overdue/actions/reverse-stage';

/**
 * 撤销 one fired stage: a confirmation dialog with the reason (required,
 * checked in the browser and again on the server); it closes only once the
 * server has reversed the stage.
 */
export function ReverseStageButton({ stageId, stageName, action }: { stageId: string; stageName: string; action: 'remind' | 'warn' | 'suspend' }) {
  const t = useTranslations('qualificationOverdue.staff.reverse');
  const router = useRouter();
  const [open, setOpen] = React.useState(false);
  const [alert, setAlert] = React.useState<string>();
  const [busy, setBusy] = React.useState(false);
  const form = useZodForm(() => import('@/lib/modules/membership/overdue/schemas').then((m) => m.reverseStageSchema), { defaultValues: { stageId, reason: '' } });
  const error = form.formState.errors.reason?.message as string | undefined;

  const onValid = async () => {
    setBusy(true);
    setAlert(undefined);
    const r = await reverseOverdueStageAction(form.getValues());
    setBusy(false);
    if (!r.ok) return setAlert(applyServerErrors(form, r));
    setOpen(false);
    form.reset({ stageId, reason: '' });
    router.refresh();
  };

  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setAlert(undefined);
      }}
    >
      <AlertDialog.Trigger asChild>
        <HydratedButton size="sm" variant="outline" data-testid={`reverse-${stageId}`}>
          {t('button')}
        </HydratedButton>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 w-[min(30rem,92vw)] -translate-x-1/2 -translate-y-1/2 rounded-card bg-white p-5 shadow-xl">
          <form method="post" {...form.preloadProps} noValidate onSubmit={(e) => void form.handleSubmit(onValid)(e)} className="flex flex-col gap-3" data-testid="reverse-stage-form">
            <AlertDialog.Title className="text-base font-semibold">{t('title', { stage: stageName })}</AlertDialog.Title>
            <AlertDialog.Description className="text-sm text-muted-foreground">{t(`effect.${action}`)}</AlertDialog.Description>
            <Field id={`reverse-reason-${stageId}`} label={t('reason')} required error={error} hint={t('reasonHint')}>
              <textarea rows={3} maxLength={500} className="w-full rounded-md border border-border px-3 py-2 text-sm aria-[invalid=true]:border-danger" {...form.register('reason')} />
            </Field>
            <FormAlert tone="danger" message={alert} />
            <div className="mt-2 flex justify-end gap-2">
              <AlertDialog.Cancel className={buttonVariants({ variant: 'outline' })}>{t('cancel')}</AlertDialog.Cancel>
              <button type="submit" className={buttonVariants({ variant: 'default' })} disabled={busy}>
                {busy ? t('working') : t('confirm')}
              </button>
            </div>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Field, FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Input } from '@/components/ui/input';
import { fireTransitionAction } from '@/lib/platform/workflow/actions/fire-transition';

/**
 * The unit's step buttons and forms on the operations page. Each fires the
 * project's transition through the one workflow action; the server checks the
 * actor, the state and the input again, and a refusal shows next to its field.
 */

/** A step without input (提交商洽函, 确认接收评审通知, 撤回 …), confirmed first. */
export function StepButton({
  applicationId,
  version,
  event,
  label,
  confirmTitle,
  confirmBody,
  destructive,
  testId,
}: {
  applicationId: string;
  version: number;
  event: string;
  label: string;
  confirmTitle: string;
  confirmBody: React.ReactNode;
  destructive?: boolean;
  testId?: string;
}) {
  const t = useTranslations('review.step');
  const router = useRouter();
  const [error, setError] = React.useState<string>();
  const [pending, start] = React.useTransition();
  return (
    <div className="flex flex-col gap-2">
      <FormAlert message={error} />
      <ConfirmDialog
        trigger={
          <Button type="button" variant={destructive ? 'outline' : 'default'} disabled={pending} data-testid={testId}>
            {pending ? t('working') : label}
          </Button>
        }
        title={confirmTitle}
        description={confirmBody}
        confirmLabel={t('confirm')}
        cancelLabel={t('cancel')}
        danger={Boolean(destructive)}
        onConfirm={() =>
          start(async () => {
            setError(undefined);
            const r = await fireTransitionAction({ applicationId, event, version });
            if (!r.ok) setError(r.message);
            else router.refresh();
          })
        }
      />
    </div>
  );
}

/**
 * 发起约请: the expected review date. Dates within 5 days of today (Beijing)
 * are disabled in the picker (`min`); the server refuses them regardless.
 */
export function InvitationForm({ applicationId, version, earliest, reinvite }: { applicationId: string; version: number; earliest: string; reinvite: boolean }) {
  const t = useTranslations('review.invitation');
  const tStep = useTranslations('review.step');
  const router = useRouter();
  const [error, setError] = React.useState<string>();
  const [busy, setBusy] = React.useState(false);
  const form = useZodForm(() => import('@/lib/modules/review/schemas').then((m) => m.invitationSchema), { defaultValues: { expectedDate: '', note: '' } });
  const { register, formState, handleSubmit } = form;
  const onValid = async () => {
    setBusy(true);
    setError(undefined);
    const r = await fireTransitionAction({ applicationId, event: 'invite', version, data: form.getValues() });
    setBusy(false);
    if (!r.ok) return setError(applyServerErrors(form, r));
    router.refresh();
  };
  return (
    <form method="post" {...form.preloadProps} noValidate onSubmit={(e) => void handleSubmit(onValid)(e)} className="flex flex-col gap-3 rounded-md border border-border p-4" data-testid="invitation-form">
      <h3 className="text-sm font-semibold">{reinvite ? t('newReinvite') : t('new')}</h3>
      <Field id="expectedDate" label={t('expectedDate')} required error={formState.errors.expectedDate?.message as string | undefined} hint={t('rule', { earliest })}>
        <Input type="date" min={earliest} {...register('expectedDate')} className="w-48" />
      </Field>
      <Field id="note" label={t('note')} error={formState.errors.note?.message as string | undefined}>
        <textarea {...register('note')} rows={2} maxLength={500} className="rounded-md border border-input bg-white px-3 py-2 text-sm" />
      </Field>
      <FormAlert message={error} />
      <div>
        <HydratedButton type="submit" disabled={busy}>
          {busy ? tStep('working') : t('send')}
        </HydratedButton>
      </div>
    </form>
  );
}

/** 单位整改资料: a note with the uploaded materials, submitted for review with a confirmation. */
export function RectificationForm({ applicationId, version }: { applicationId: string; version: number }) {
  const t = useTranslations('review.rectification');
  const tStep = useTranslations('review.step');
  const router = useRouter();
  const [error, setError] = React.useState<string>();
  const [busy, setBusy] = React.useState(false);
  const form = useZodForm(() => import('@/lib/modules/review/schemas').then((m) => m.rectificationSchema), { defaultValues: { note: '' } });
  const { register, formState, handleSubmit } = form;
  const onValid = async () => {
    setBusy(true);
    setError(undefined);
    const r = await fireTransitionAction({ applicationId, event: 'submitRectification', version, data: form.getValues() });
    setBusy(false);
    if (!r.ok) return setError(applyServerErrors(form, r));
    router.refresh();
  };
  return (
    <form method="post" {...form.preloadProps} noValidate onSubmit={(e) => e.preventDefault()} className="flex flex-col gap-3" data-testid="rectification-form">
      <Field id="rect-note" label={t('note')} error={formState.errors.note?.message as string | undefined}>
        <textarea {...register('note')} rows={3} maxLength={1000} className="rounded-md border border-input bg-white px-3 py-2 text-sm" />
      </Field>
      <FormAlert message={error} />
      <div>
        <ConfirmDialog
          trigger={
            <HydratedButton type="button" disabled={busy}>
              {busy ? tStep('working') : t('submit')}
            </HydratedButton>
          }
          title={t('submit')}
          description={t('confirm')}
          confirmLabel={tStep('confirm')}
          cancelLabel={tStep('cancel')}
          danger={false}
          onConfirm={() => handleSubmit(onValid)()}
        />
      </div>
    </form>
  );
}

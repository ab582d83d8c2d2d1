'use client';
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { Input } from '@/components/ui/input';
import { Field, FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { changePasswordAction } from '@/lib/modules/account/actions/change-password';

/** 修改用户帐户密码: old password, new password twice. Other sessions end on success. */
export function ChangePasswordForm({ forced, done }: { forced?: boolean; done: string }) {
  const t = useTranslations('account');
  const form = useZodForm(() => import('@/lib/modules/account/password-schemas').then((m) => m.changePasswordSchema), { defaultValues: { oldPassword: '', newPassword: '', confirmPassword: '' } });
  const { register, handleSubmit, formState, reset } = form;
  const [alert, setAlert] = useState<string>();
  const [success, setSuccess] = useState<string>();
  const err = (k: 'oldPassword' | 'newPassword' | 'confirmPassword') => formState.errors[k]?.message as string | undefined;

  const onSubmit = handleSubmit(async (values) => {
    setAlert(undefined);
    setSuccess(undefined);
    const r = await changePasswordAction(values);
    if (!r.ok) {
      setAlert(applyServerErrors(form, r));
      return;
    }
    reset();
    setSuccess(t('passwordChanged', { count: r.data.endedSessions }));
    // Forced (generated credentials): on to the console, which says the password was changed.
    if (forced) window.location.assign(`${done}?passwordChanged=1`);
  });

  return (
    <form method="post" {...form.preloadProps} onSubmit={onSubmit} noValidate className="flex max-w-md flex-col gap-4" aria-busy={formState.isSubmitting}>
      {forced && <FormAlert tone="info" message={t('mustChange')} />}
      <FormAlert message={alert} />
      {success && <FormAlert tone="success" message={success} />}
      <Field id="oldPassword" label={t('oldPassword')} required error={err('oldPassword')}>
        <Input type="password" autoComplete="current-password" {...register('oldPassword')} />
      </Field>
      <Field id="newPassword" label={t('newPassword')} required hint={t('passwordRule')} error={err('newPassword')}>
        <Input type="password" autoComplete="new-password" {...register('newPassword')} />
      </Field>
      <Field id="confirmPassword" label={t('confirmPassword')} required error={err('confirmPassword')}>
        <Input type="password" autoComplete="new-password" {...register('confirmPassword')} />
      </Field>
      <HydratedButton type="submit" disabled={formState.isSubmitting} className="self-start">
        {t('changePassword')}
      </HydratedButton>
    </form>
  );
}

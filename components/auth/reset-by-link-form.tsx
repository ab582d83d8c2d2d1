'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Field, FormAlert } from '@/components/forms/field';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { resetByLinkAction } from '@/lib/modules/account/actions/recover-password';
import { resetByLinkSchema } from '@/lib/modules/account/recover-schemas';

export function ResetByLinkForm({ token }: { token: string }) {
  const t = useTranslations('recover');
  const form = useZodForm(resetByLinkSchema, { defaultValues: { token, password: '', confirmPassword: '' } });
  const { register, handleSubmit, formState } = form;
  const [alert, setAlert] = useState<string>();
  const [done, setDone] = useState(false);
  const onSubmit = handleSubmit(async (values) => {
    const r = await resetByLinkAction(values);
    if (!r.ok) return setAlert(applyServerErrors(form, r));
    setDone(true);
  });
  if (done) {
    return (
      <div className="flex flex-col gap-4">
        <FormAlert tone="success" message={t('resetDone')} />
        <Button asChild>
          <Link href="/login">{t('toLogin')}</Link>
        </Button>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <FormAlert message={alert} />
      <Field id="password" label={t('newPassword')} required hint={t('passwordRule')} error={formState.errors.password?.message}>
        <Input type="password" autoComplete="new-password" {...register('password')} />
      </Field>
      <Field id="confirmPassword" label={t('confirmPassword')} required error={formState.errors.confirmPassword?.message}>
        <Input type="password" autoComplete="new-password" {...register('confirmPassword')} />
      </Field>
      <Button type="submit" disabled={formState.isSubmitting}>
        {t('submitReset')}
      </Button>
    </form>
  );
}

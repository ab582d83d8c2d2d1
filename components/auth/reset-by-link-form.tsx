'use client';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { useState } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Field, FormAlert } from '@/components/forms/field';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { resetByLinkAction } from '@/lib/modules/account/actions/recover-password';
import type { ResetByLinkInput } from '@/lib/modules/account/recover-schemas';
import type { ActionResult } from '@/lib/platform/errors';

/**
 * New password twice for a single-use emailed link. Other link flows with the
 * same rules (e.g. 已获认可机构获取密码) pass their own action, login page and
 * success message.
 */
export function ResetByLinkForm({
  token,
  action = resetByLinkAction,
  loginHref = '/login',
  doneMessage,
}: {
  token: string;
  action?: (input: ResetByLinkInput) => Promise<ActionResult<unknown>>;
  loginHref?: string;
  doneMessage?: string;
}) {
  const t = useTranslations('recover');
  const form = useZodForm(() => import('@/lib/modules/account/recover-schemas').then((m) => m.resetByLinkSchema), { defaultValues: { token, password: '', confirmPassword: '' } });
  const { register, handleSubmit, formState } = form;
  const [alert, setAlert] = useState<string>();
  const [done, setDone] = useState(false);
  const onSubmit = handleSubmit(async (values) => {
    const r = await action(values);
    if (!r.ok) return setAlert(applyServerErrors(form, r));
    setDone(true);
  });
  if (done) {
    return (
      <div className="flex flex-col gap-4">
        <FormAlert tone="success" message={doneMessage ?? t('resetDone')} />
        <Button asChild>
          <Link href={loginHref}>{t('toLogin')}</Link>
        </Button>
      </div>
    );
  }
  return (
    <form method="post" {...form.preloadProps} onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <FormAlert message={alert} />
      <Field id="password" label={t('newPassword')} required hint={t('passwordRule')} error={formState.errors.password?.message}>
        <Input type="password" autoComplete="new-password" {...register('password')} />
      </Field>
      <Field id="confirmPassword" label={t('confirmPassword')} required error={formState.errors.confirmPassword?.message}>
        <Input type="password" autoComplete="new-password" {...register('confirmPassword')} />
      </Field>
      <HydratedButton type="submit" disabled={formState.isSubmitting}>
        {t('submitReset')}
      </HydratedButton>
    </form>
  );
}

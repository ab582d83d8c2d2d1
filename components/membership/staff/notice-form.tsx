'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Field, FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { Input } from '@/components/ui/input';
import { updateEnrollmentNoticeAction } from '@/lib/modules/membership/staff/actions/courses';
import type { EnrollmentNoticeInput } from '@/lib/modules/membership/staff/schemas';

/** The 报名须知 enterprises read before a batch enrollment (blank lines separate paragraphs). */
export function EnrollmentNoticeForm({ initial }: { initial: EnrollmentNoticeInput }) {
  const t = useTranslations('membershipStaff.courses');
  const router = useRouter();
  const [alert, setAlert] = React.useState<{ tone: 'success' | 'danger'; message: string } | null>(null);
  const form = useZodForm(() => import('@/lib/modules/membership/staff/schemas').then((m) => m.enrollmentNoticeSchema), { defaultValues: initial });
  const { register, formState, handleSubmit } = form;
  const onSubmit = handleSubmit(async () => {
    setAlert(null);
    const r = await updateEnrollmentNoticeAction(form.getValues());
    if (!r.ok) return setAlert({ tone: 'danger', message: applyServerErrors(form, r) });
    setAlert({ tone: 'success', message: t('noticeSaved') });
    router.refresh();
  });
  return (
    <form method="post" {...form.preloadProps} onSubmit={onSubmit} noValidate className="flex flex-col gap-3" data-testid="enrollment-notice-form">
      <Field id="notice-title" label={t('noticeTitleField')} required error={formState.errors.title?.message}>
        <Input maxLength={50} {...register('title')} />
      </Field>
      <Field id="notice-body" label={t('noticeBodyField')} required hint={t('noticeBodyHint')} error={formState.errors.body?.message}>
        <textarea
          rows={10}
          maxLength={10_000}
          className="w-full rounded-md border border-border bg-white px-3 py-2 text-sm leading-6 focus-visible:outline-2 focus-visible:outline-primary aria-[invalid=true]:border-danger"
          {...register('body')}
        />
      </Field>
      {alert && <FormAlert tone={alert.tone} message={alert.message} />}
      <div>
        <HydratedButton type="submit" size="sm" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('saving') : t('saveNotice')}
        </HydratedButton>
      </div>
    </form>
  );
}

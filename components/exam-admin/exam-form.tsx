'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Input } from '@/components/ui/input';
import { Field, FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { createExamAction } from '@/lib/modules/exam/admin/actions/create-exam';
import { updateExamAction } from '@/lib/modules/exam/admin/actions/update-exam';
import { NAME_MAX, NOTICE_MAX, ORDER_TTL_MAX, ORDER_TTL_MIN } from '@/lib/modules/exam/admin/limits';
import type { ExamFieldsInput } from '@/lib/modules/exam/admin/schemas';

/** The form's values of a saved exam: datetime-local strings in Beijing time (made on the server). */
export type ExamFormValues = {
  name: string;
  periodStart: string;
  periodEnd: string;
  registrationOpensAt: string;
  registrationClosesAt: string;
  refundOpensAt: string;
  refundClosesAt: string;
  areaChangeOpensAt: string;
  areaChangeClosesAt: string;
  notice: string;
  orderTtlMinutes: number;
};

const EMPTY: ExamFormValues = {
  name: '',
  periodStart: '',
  periodEnd: '',
  registrationOpensAt: '',
  registrationClosesAt: '',
  refundOpensAt: '',
  refundClosesAt: '',
  areaChangeOpensAt: '',
  areaChangeClosesAt: '',
  notice: '',
  orderTtlMinutes: 30,
};

/**
 * 新建 / 编辑考试: name, period, windows (datetime-local, read as Beijing time
 * whatever the browser's zone), order time limit and the candidate notice.
 * The same schema checks the window order here and on the server.
 */
export function ExamForm({ examId, initial }: { examId?: string; initial?: ExamFormValues }) {
  const t = useTranslations('examAdmin.form');
  const router = useRouter();
  const [alert, setAlert] = React.useState<string | null>(null);
  const form = useZodForm(() => import('@/lib/modules/exam/admin/schemas').then((m) => m.examFieldsSchema), { defaultValues: (initial ?? EMPTY) as ExamFieldsInput });
  const { register, formState, handleSubmit } = form;
  const e = formState.errors;

  const onSubmit = handleSubmit(async () => {
    setAlert(null);
    const values = form.getValues();
    const r = examId ? await updateExamAction({ ...values, id: examId }) : await createExamAction(values);
    if (!r.ok) return setAlert(applyServerErrors(form, r));
    router.push(`/staff/exams/${r.data.id}?${examId ? 'saved' : 'created'}=1`);
    router.refresh();
  });

  const time = (name: keyof ExamFormValues, label: string, required = false) => (
    <Field id={`exam-${name}`} label={label} required={required} error={e[name]?.message}>
      <Input type="datetime-local" {...register(name)} />
    </Field>
  );

  return (
    <form method="post" {...form.preloadProps} onSubmit={onSubmit} noValidate className="flex flex-col gap-6" data-testid="exam-form">
      {alert && <FormAlert message={alert} />}
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-sm font-semibold">{t('sectionBasics')}</legend>
        <Field id="exam-name" label={t('name')} required error={e.name?.message}>
          <Input maxLength={NAME_MAX} {...register('name')} />
        </Field>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="exam-periodStart" label={t('periodStart')} required error={e.periodStart?.message}>
            <Input type="date" {...register('periodStart')} />
          </Field>
          <Field id="exam-periodEnd" label={t('periodEnd')} required error={e.periodEnd?.message}>
            <Input type="date" {...register('periodEnd')} />
          </Field>
          <Field id="exam-orderTtlMinutes" label={t('orderTtlMinutes')} required hint={t('orderTtlHint')} error={e.orderTtlMinutes?.message}>
            <Input type="number" inputMode="numeric" min={ORDER_TTL_MIN} max={ORDER_TTL_MAX} step={1} {...register('orderTtlMinutes')} />
          </Field>
        </div>
      </fieldset>

      <fieldset className="flex flex-col gap-4">
        <legend className="mb-1 text-sm font-semibold">{t('sectionWindows')}</legend>
        <p className="text-xs text-muted-foreground">{t('timeHint')}</p>
        <div className="grid gap-4 sm:grid-cols-2">
          {time('registrationOpensAt', t('registrationOpensAt'), true)}
          {time('registrationClosesAt', t('registrationClosesAt'), true)}
        </div>
        <p className="text-xs text-muted-foreground">{t('registrationHint')}</p>
        <div className="grid gap-4 sm:grid-cols-2">
          {time('refundOpensAt', t('refundOpensAt'))}
          {time('refundClosesAt', t('refundClosesAt'))}
        </div>
        <p className="text-xs text-muted-foreground">{t('refundHint')}</p>
        <div className="grid gap-4 sm:grid-cols-2">
          {time('areaChangeOpensAt', t('areaChangeOpensAt'))}
          {time('areaChangeClosesAt', t('areaChangeClosesAt'))}
        </div>
        <p className="text-xs text-muted-foreground">{t('areaChangeHint')}</p>
      </fieldset>

      <Field id="exam-notice" label={t('notice')} required hint={t('noticeHint')} error={e.notice?.message}>
        <textarea
          rows={12}
          maxLength={NOTICE_MAX}
          className="w-full rounded-md border border-border bg-white px-3 py-2 text-sm leading-6 focus-visible:outline-2 focus-visible:outline-primary aria-[invalid=true]:border-danger"
          {...register('notice')}
        />
      </Field>

      <div className="flex gap-2">
        <HydratedButton type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('saving') : examId ? t('save') : t('create')}
        </HydratedButton>
      </div>
    </form>
  );
}

'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Field, FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { Input } from '@/components/ui/input';
import { createCourseAction, updateCourseAction } from '@/lib/modules/membership/staff/actions/courses';
import { COURSE_CAPACITY_MAX, COURSE_CODE_MAX } from '@/lib/modules/membership/staff/fields';
import type { CourseFieldsInput } from '@/lib/modules/membership/staff/schemas';

export type CourseFormValues = {
  code: string;
  name: string;
  description: string;
  location: string;
  startsOn: string;
  endsOn: string;
  enrollOpensAt: string;
  enrollClosesAt: string;
  capacity: string;
};

const EMPTY: CourseFormValues = { code: '', name: '', description: '', location: '', startsOn: '', endsOn: '', enrollOpensAt: '', enrollClosesAt: '', capacity: '' };

/**
 * 新建 / 编辑培训课程: code (used in the enrollment file), name, description,
 * location, course dates, enrollment window (datetime-local, Beijing time) and
 * an optional capacity. A new course is saved as a draft; it is opened for
 * enrollment on its page.
 */
export function CourseForm({ courseId, initial }: { courseId?: string; initial?: CourseFormValues }) {
  const t = useTranslations('membershipStaff.courseForm');
  const router = useRouter();
  const [alert, setAlert] = React.useState<string | null>(null);
  const form = useZodForm(() => import('@/lib/modules/membership/staff/schemas').then((m) => m.courseFieldsSchema), { defaultValues: (initial ?? EMPTY) as CourseFieldsInput });
  const { register, formState, handleSubmit } = form;
  const e = formState.errors;

  const onSubmit = handleSubmit(async () => {
    setAlert(null);
    const values = form.getValues();
    const r = courseId ? await updateCourseAction({ ...values, id: courseId }) : await createCourseAction(values);
    if (!r.ok) return setAlert(applyServerErrors(form, r));
    router.push(`/staff/membership/training/${r.data.id}?${courseId ? 'saved' : 'created'}=1`);
    router.refresh();
  });

  const area = 'w-full rounded-md border border-border bg-white px-3 py-2 text-sm leading-6 focus-visible:outline-2 focus-visible:outline-primary aria-[invalid=true]:border-danger';
  return (
    <form method="post" {...form.preloadProps} onSubmit={onSubmit} noValidate className="flex max-w-3xl flex-col gap-4" data-testid="course-form">
      <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
        <Field id="course-code" label={t('code')} required hint={t('codeHint')} error={e.code?.message}>
          <Input maxLength={COURSE_CODE_MAX} className="font-mono uppercase" {...register('code')} />
        </Field>
        <Field id="course-name" label={t('name')} required error={e.name?.message}>
          <Input maxLength={100} {...register('name')} />
        </Field>
      </div>
      <Field id="course-description" label={t('description')} error={e.description?.message}>
        <textarea rows={3} maxLength={2000} className={area} {...register('description')} />
      </Field>
      <Field id="course-location" label={t('location')} error={e.location?.message}>
        <Input maxLength={200} {...register('location')} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="course-startsOn" label={t('startsOn')} required error={e.startsOn?.message}>
          <Input type="date" {...register('startsOn')} />
        </Field>
        <Field id="course-endsOn" label={t('endsOn')} required error={e.endsOn?.message}>
          <Input type="date" {...register('endsOn')} />
        </Field>
        <Field id="course-capacity" label={t('capacity')} hint={t('capacityHint')} error={e.capacity?.message}>
          <Input type="number" inputMode="numeric" min={1} max={COURSE_CAPACITY_MAX} step={1} {...register('capacity')} />
        </Field>
      </div>
      <p className="text-xs text-muted-foreground">{t('timeHint')}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="course-enrollOpensAt" label={t('enrollOpensAt')} required error={e.enrollOpensAt?.message}>
          <Input type="datetime-local" {...register('enrollOpensAt')} />
        </Field>
        <Field id="course-enrollClosesAt" label={t('enrollClosesAt')} required error={e.enrollClosesAt?.message}>
          <Input type="datetime-local" {...register('enrollClosesAt')} />
        </Field>
      </div>
      {alert && <FormAlert message={alert} />}
      <div className="flex gap-2">
        <HydratedButton type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('saving') : courseId ? t('save') : t('create')}
        </HydratedButton>
      </div>
    </form>
  );
}

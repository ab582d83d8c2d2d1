'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Field, FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Input, Select } from '@/components/ui/input';
import { CONCLUSIONS, CONCLUSION_EVENTS, type Conclusion } from '@/lib/modules/review/constants';
import { fireTransitionAction } from '@/lib/platform/workflow/actions/fire-transition';

/**
 * The staff's step forms on a project's page: the planner's review notice
 * (dates, place, leader and team) and the leader's on-site conclusion. The
 * engine checks the role, the assigned leader (or their active substitute),
 * the state and the input again on the server.
 */

export function NoticeForm({ applicationId, version, candidates, today, expectedDate }: { applicationId: string; version: number; candidates: Array<{ id: string; name: string; leader: boolean }>; today: string; expectedDate?: string }) {
  const t = useTranslations('review.staff.notice');
  const tStep = useTranslations('review.step');
  const router = useRouter();
  const [error, setError] = React.useState<string>();
  const form = useZodForm(() => import('@/lib/modules/review/schemas').then((m) => m.noticeSchema), { defaultValues: { startDate: expectedDate ?? '', endDate: expectedDate ?? '', location: '', leaderId: '', reviewerIds: [], note: '' } });
  const { register, formState, handleSubmit, watch } = form;
  const err = (k: 'startDate' | 'endDate' | 'location' | 'leaderId' | 'reviewerIds' | 'note') => formState.errors[k]?.message as string | undefined;
  const leaderId = watch('leaderId');
  const onValid = async () => {
    setError(undefined);
    const r = await fireTransitionAction({ applicationId, event: 'issueNotice', version, data: form.getValues() });
    if (!r.ok) return setError(applyServerErrors(form, r));
    router.refresh();
  };
  return (
    <form method="post" {...form.preloadProps} noValidate onSubmit={(e) => e.preventDefault()} className="flex flex-col gap-3 rounded-md border border-border p-4" data-testid="notice-form">
      <h3 className="text-sm font-semibold">{t('title')}</h3>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="n-start" label={t('startDate')} required error={err('startDate')} hint={expectedDate ? t('expected', { date: expectedDate }) : undefined}>
          <Input type="date" min={today} {...register('startDate')} />
        </Field>
        <Field id="n-end" label={t('endDate')} required error={err('endDate')}>
          <Input type="date" min={today} {...register('endDate')} />
        </Field>
        <Field id="n-location" label={t('location')} error={err('location')}>
          <Input {...register('location')} maxLength={200} />
        </Field>
        <Field id="n-leader" label={t('leader')} required error={err('leaderId')}>
          <Select {...register('leaderId')}>
            <option value="">{t('choose')}</option>
            {candidates
              .filter((c) => c.leader)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
          </Select>
        </Field>
      </div>
      <fieldset className="flex flex-col gap-1" aria-describedby={err('reviewerIds') ? 'n-reviewers-error' : undefined}>
        <legend className="text-sm font-medium before:mr-0.5 before:text-danger before:content-['*']">{t('reviewers')}</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {candidates
            .filter((c) => c.id !== leaderId)
            .map((c) => (
              <label key={c.id} className="flex items-center gap-1 text-sm">
                <input type="checkbox" value={c.id} {...register('reviewerIds')} />
                {c.name}
              </label>
            ))}
        </div>
        {err('reviewerIds') && (
          <p id="n-reviewers-error" className="text-sm text-danger">
            {err('reviewerIds')}
          </p>
        )}
      </fieldset>
      <Field id="n-note" label={t('note')} error={err('note')}>
        <textarea {...register('note')} rows={3} maxLength={1000} className="rounded-md border border-input bg-white px-3 py-2 text-sm" />
      </Field>
      <FormAlert message={error} />
      <div>
        <ConfirmDialog
          trigger={
            <HydratedButton type="button" disabled={formState.isSubmitting}>
              {t('issue')}
            </HydratedButton>
          }
          title={t('issue')}
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

export function ConclusionForm({ applicationId, version, onBehalfOf }: { applicationId: string; version: number; onBehalfOf?: string }) {
  const t = useTranslations('review.staff.conclusion');
  const tOpt = useTranslations('review.options.conclusion');
  const tStep = useTranslations('review.step');
  const router = useRouter();
  const [error, setError] = React.useState<string>();
  const form = useZodForm(() => import('@/lib/modules/review/schemas').then((m) => m.conclusionSchema), { defaultValues: { outcome: '' as Conclusion, remarks: '' } });
  const { register, formState, handleSubmit, watch } = form;
  const outcome = watch('outcome') as Conclusion | '';
  const onValid = async () => {
    setError(undefined);
    const v = form.getValues();
    const r = await fireTransitionAction({ applicationId, event: CONCLUSION_EVENTS[v.outcome as Conclusion], version, data: { remarks: v.remarks } });
    if (!r.ok) return setError(applyServerErrors(form, r));
    router.refresh();
  };
  return (
    <form method="post" {...form.preloadProps} noValidate onSubmit={(e) => e.preventDefault()} className="flex flex-col gap-3 rounded-md border border-border p-4" data-testid="conclusion-form">
      <h3 className="text-sm font-semibold">{t('title')}</h3>
      {onBehalfOf && <FormAlert tone="info" message={t('onBehalfOf', { name: onBehalfOf })} />}
      <fieldset className="flex flex-col gap-1" aria-describedby={formState.errors.outcome ? 'c-outcome-error' : undefined}>
        <legend className="text-sm font-medium before:mr-0.5 before:text-danger before:content-['*']">{t('outcome')}</legend>
        <div className="flex flex-wrap gap-4">
          {CONCLUSIONS.map((c) => (
            <label key={c} className="flex items-center gap-1 text-sm">
              <input type="radio" value={c} {...register('outcome')} />
              {tOpt(c)}
            </label>
          ))}
        </div>
        {formState.errors.outcome && (
          <p id="c-outcome-error" className="text-sm text-danger">
            {formState.errors.outcome.message as string}
          </p>
        )}
        {outcome && <p className="text-xs text-muted-foreground">{t(`explain.${outcome}`)}</p>}
      </fieldset>
      <Field id="c-remarks" label={t('remarks')} required error={formState.errors.remarks?.message as string | undefined}>
        <textarea {...register('remarks')} rows={4} maxLength={2000} className="rounded-md border border-input bg-white px-3 py-2 text-sm" />
      </Field>
      <FormAlert message={error} />
      <div>
        <ConfirmDialog
          trigger={
            <HydratedButton type="button" variant={outcome === 'fail' ? 'danger' : 'default'} disabled={formState.isSubmitting}>
              {t('submit')}
            </HydratedButton>
          }
          title={t('submit')}
          description={t('confirm')}
          confirmLabel={tStep('confirm')}
          cancelLabel={tStep('cancel')}
          danger={outcome === 'fail'}
          onConfirm={() => handleSubmit(onValid)()}
        />
      </div>
    </form>
  );
}

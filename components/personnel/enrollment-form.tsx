'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useFieldArray } from 'react-hook-form';
import { Plus, Trash2 } from 'lucide-react';
import { Field, FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Input, Select } from '@/components/ui/input';
import { updateEnrollmentInfoAction } from '@/lib/modules/personnel/actions/update-enrollment-info';
import { INSPECTION_NATURES, RETAKE_SUBJECTS, RETAKE_TYPES, TESTING_ENROLL_TYPES, TESTING_NATURES, type PlanKind, type TestingEnrollType } from '@/lib/modules/personnel/catalog';
import { enrollmentInfoSchema } from '@/lib/modules/personnel/enrollment/manage-schemas';
import { ENROLLMENT_SCHEMA } from '@/lib/modules/personnel/enrollment/schemas';
import { formatFen } from '@/lib/platform/payments/money';
import { fireTransitionAction } from '@/lib/platform/workflow/actions/fire-transition';
import { saveDraftAction } from '@/lib/platform/workflow/actions/save-draft';
import { educationLevels } from '@/lib/reference/education';
import { cn } from '@/lib/utils';

/** A plan as the picker shows it (dates as strings, instants as ISO strings). */
export type PlanOption = { id: string; name: string; examStartsOn: string; examEndsOn: string; site: string; remaining: number; capacity: number; enrollClosesAt: string; feeFen: number | null };

type Props = {
  planKind: PlanKind;
  applicationId: string;
  number: string;
  version: number;
  /** full: a draft or a returned enrollment (everything, the plan, 直接申请); info: a submitted one (修改: basic and held-certificate info). */
  mode: 'full' | 'info';
  submitEvent?: 'submit' | 'resubmit';
  initial: Record<string, unknown>;
  itemLabel: string;
  categoryLabel?: string;
  plans: PlanOption[];
  /** The kind's upload slots (a server component), shown between the form and the plan. */
  materials?: React.ReactNode;
};

/**
 * The enrollment page (seed 002 §5–§7): the kind's fields (nature, type,
 * retake subjects and previous exam date, first certification date and
 * validity), the person's work data, the held certificate items, the
 * materials (each slot with its red note), the open exam plans of the item
 * (seats left; full ones cannot be chosen) and 直接申请. Validated here and on
 * the server with the same schema.
 */
export function EnrollmentForm({ planKind, applicationId, number, version: initialVersion, mode, submitEvent = 'submit', initial, itemLabel, categoryLabel, plans, materials }: Props) {
  const t = useTranslations('personnel');
  const format = useFormatter();
  const router = useRouter();
  const [alert, setAlert] = React.useState<{ tone: 'danger' | 'success'; message: string }>();
  const [version, setVersion] = React.useState(initialVersion);
  const [busy, setBusy] = React.useState(false);
  const schema = (mode === 'info' ? enrollmentInfoSchema : ENROLLMENT_SCHEMA[planKind]) as unknown as typeof enrollmentInfoSchema;
  const form = useZodForm(schema, { defaultValues: initial as never });
  const { register, control, formState, handleSubmit, watch } = form;
  const held = useFieldArray({ control, name: 'heldItems' });
  const errors = formState.errors as Record<string, { message?: string } & Record<number, Record<string, { message?: string }>>>;
  const err = (k: string) => errors[k]?.message;
  const heldErr = (i: number, k: string) => errors.heldItems?.[i]?.[k]?.message;
  const enrollType = watch('enrollType' as never) as unknown as string | undefined;
  const isRetake = planKind === 'testing' && RETAKE_TYPES.includes(enrollType as TestingEnrollType);
  const planId = watch('planId' as never) as unknown as string | undefined;
  const f = (k: string) => t(`form.fields.${k}`);

  const save = async () => {
    setBusy(true);
    setAlert(undefined);
    const r = await saveDraftAction({ applicationId, data: form.getValues() as Record<string, unknown>, version });
    setBusy(false);
    if (!r.ok) return setAlert({ tone: 'danger', message: r.message });
    setVersion(r.data.version);
    setAlert({ tone: 'success', message: t('enroll.saved') });
  };

  const apply = async () => {
    setBusy(true);
    setAlert(undefined);
    const r = await fireTransitionAction({ applicationId, event: submitEvent, data: form.getValues(), version });
    setBusy(false);
    if (!r.ok) return setAlert({ tone: 'danger', message: applyServerErrors(form, r) });
    router.push(`/portal/personnel/status?submitted=${encodeURIComponent(number)}`);
    router.refresh();
  };

  const saveInfo = async () => {
    setBusy(true);
    setAlert(undefined);
    const r = await updateEnrollmentInfoAction({ applicationId, version, info: form.getValues() as never });
    setBusy(false);
    if (!r.ok) {
      for (const [k, msgs] of Object.entries(r.fieldErrors ?? {})) form.setError(k.replace(/^info\./, '') as never, { type: 'server', message: msgs[0] });
      return setAlert({ tone: 'danger', message: r.message });
    }
    setVersion(r.data.version);
    setAlert({ tone: 'success', message: t('enroll.infoSaved') });
    router.refresh();
  };

  const workFields = (
    <fieldset className="grid gap-3 sm:grid-cols-2">
      <legend className="mb-2 border-l-4 border-primary pl-2 text-sm font-semibold">{t('form.sections.work')}</legend>
      <Field id="education" label={f('education')} required error={err('education')}>
        <Select {...register('education')}>
          <option value="">{t('profile.choose')}</option>
          {educationLevels.map((l) => (
            <option key={l.code} value={l.code}>
              {l.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="yearsOfWork" label={f('yearsOfWork')} required error={err('yearsOfWork')}>
        <Input type="number" min={0} max={60} inputMode="numeric" {...register('yearsOfWork')} />
      </Field>
      <Field id="employer" label={f('employer')} required error={err('employer')}>
        <Input {...register('employer')} maxLength={100} />
      </Field>
      <Field id="title" label={f('title')} error={err('title')}>
        <Input {...register('title')} maxLength={30} />
      </Field>
    </fieldset>
  );

  const heldRequired = planKind === 'inspection' || (planKind === 'testing' && ['renewalNoExam', 'renewalExam', 'renewalRetake'].includes(enrollType ?? ''));
  const heldFields = (
    <fieldset className="flex flex-col gap-3" data-testid="held-items">
      <legend className={cn('mb-2 border-l-4 border-primary pl-2 text-sm font-semibold', heldRequired && "after:ml-0.5 after:text-danger after:content-['*']")}>{t('form.sections.heldItems')}</legend>
      <p className="text-xs text-muted-foreground">{t(`enroll.heldHint.${planKind}`)}</p>
      {held.fields.map((row, i) => (
        <div key={row.id} className="grid items-start gap-2 rounded-md border border-border p-3 sm:grid-cols-[2fr_2fr_1.4fr_auto]">
          <Field id={`heldItems.${i}.item`} label={f('heldItemName')} required error={heldErr(i, 'item')}>
            <Input {...register(`heldItems.${i}.item` as const)} maxLength={50} />
          </Field>
          <Field id={`heldItems.${i}.certificateNumber`} label={f('certificateNumber')} required error={heldErr(i, 'certificateNumber')}>
            <Input {...register(`heldItems.${i}.certificateNumber` as const)} maxLength={40} />
          </Field>
          <Field id={`heldItems.${i}.validUntil`} label={f('validUntil')} required error={heldErr(i, 'validUntil')}>
            <Input type="date" {...register(`heldItems.${i}.validUntil` as const)} />
          </Field>
          <Button type="button" variant="ghost" size="sm" className="mt-6" onClick={() => held.remove(i)} aria-label={t('enroll.removeHeld', { n: i + 1 })}>
            <Trash2 className="h-4 w-4" aria-hidden />
          </Button>
        </div>
      ))}
      {err('heldItems') && (
        <p className="text-sm text-danger" role="alert" data-testid="heldItems-error">
          {err('heldItems')}
        </p>
      )}
      {held.fields.length < 10 && (
        <div>
          <Button type="button" variant="outline" size="sm" onClick={() => held.append({ item: '', certificateNumber: '', validUntil: '' })}>
            <Plus className="h-4 w-4" aria-hidden />
            {t('enroll.addHeld')}
          </Button>
        </div>
      )}
    </fieldset>
  );

  if (mode === 'info') {
    return (
      <form method="post" {...form.preloadProps} onSubmit={(e) => void handleSubmit(saveInfo)(e)} noValidate className="flex flex-col gap-5" data-testid="enrollment-info-form">
        {workFields}
        {heldFields}
        {materials}
        <FormAlert tone={alert?.tone} message={alert?.message} />
        <div>
          <HydratedButton type="submit" disabled={busy}>
            {busy ? t('enroll.saving') : t('enroll.saveInfo')}
          </HydratedButton>
        </div>
      </form>
    );
  }

  return (
    <form method="post" {...form.preloadProps} onSubmit={(e) => void handleSubmit(apply)(e)} noValidate className="flex flex-col gap-5" data-testid="enrollment-form">
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 border-l-4 border-primary pl-2 text-sm font-semibold">{t('form.sections.enrollment')}</legend>
        {categoryLabel && <ReadOnly label={f('category')} value={categoryLabel} />}
        <ReadOnly label={f('item')} value={itemLabel} testId="enrollment-item" />
        {planKind !== 'typeTest' && (
          <Field id="nature" label={f(planKind === 'inspection' ? 'inspectionNature' : 'testingNature')} required error={err('nature')}>
            <Select {...register('nature' as never)}>
              <option value="">{t('profile.choose')}</option>
              {(planKind === 'inspection' ? INSPECTION_NATURES : TESTING_NATURES).map((n) => (
                <option key={n} value={n}>
                  {t(`${planKind === 'inspection' ? 'inspectionNatures' : 'testingNatures'}.${n}`)}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Field id="enrollType" label={f('enrollType')} required error={err('enrollType')}>
          <Select {...register('enrollType' as never)}>
            {planKind === 'testing' ? (
              <>
                <option value="">{t('profile.choose')}</option>
                {TESTING_ENROLL_TYPES.map((k) => (
                  <option key={k} value={k}>
                    {t(`enrollTypes.${k}`)}
                  </option>
                ))}
              </>
            ) : (
              <option value="auditRenewal">{t('enrollTypes.auditRenewal')}</option>
            )}
          </Select>
        </Field>
        {isRetake && (
          <>
            <fieldset className="flex flex-col gap-1" aria-invalid={err('retakeSubjects') ? true : undefined}>
              <legend className="text-sm font-medium text-slate-700 before:mr-0.5 before:text-danger before:content-['*']">{f('retakeSubjects')}</legend>
              <div className="flex h-10 flex-wrap items-center gap-4 text-sm">
                {RETAKE_SUBJECTS.map((s) => (
                  <label key={s} className="flex items-center gap-2">
                    <input type="checkbox" value={s} {...register('retakeSubjects' as never)} />
                    {t(`retakeSubjects.${s}`)}
                  </label>
                ))}
              </div>
              {err('retakeSubjects') && (
                <p className="text-sm text-danger" data-testid="retakeSubjects-error">
                  {err('retakeSubjects')}
                </p>
              )}
            </fieldset>
            <Field id="previousExamDate" label={f('previousExamDate')} required error={err('previousExamDate')} hint={t('enroll.retakeHint')}>
              <Input type="date" {...register('previousExamDate' as never)} />
            </Field>
          </>
        )}
        {planKind === 'typeTest' && (
          <>
            <Field id="firstCertDate" label={f('firstCertDate')} required error={err('firstCertDate')}>
              <Input type="date" {...register('firstCertDate' as never)} />
            </Field>
            <Field id="certValidUntil" label={f('certValidUntil')} required error={err('certValidUntil')}>
              <Input type="date" {...register('certValidUntil' as never)} />
            </Field>
          </>
        )}
      </fieldset>
      {workFields}
      {heldFields}
      {materials}
      <fieldset className="flex flex-col gap-2" data-testid="plan-picker">
        <legend className="mb-2 border-l-4 border-primary pl-2 text-sm font-semibold">{t('enroll.choosePlan')}</legend>
        {plans.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('enroll.noPlans')}</p>
        ) : (
          plans.map((p) => {
            const full = p.remaining <= 0 && p.id !== initial.planId;
            return (
              <label key={p.id} className={cn('flex items-start gap-3 rounded-md border px-3 py-2 text-sm', planId === p.id ? 'border-primary bg-primary-soft' : 'border-border', full ? 'cursor-not-allowed opacity-60' : 'cursor-pointer')}>
                <input type="radio" value={p.id} disabled={full} {...register('planId' as never)} className="mt-1" />
                <span className="flex flex-1 flex-col gap-0.5">
                  <span className="font-medium">{p.name}</span>
                  <span className="text-xs text-muted-foreground">
                    {t('enroll.planLine', { dates: p.examStartsOn === p.examEndsOn ? p.examStartsOn : `${p.examStartsOn} – ${p.examEndsOn}`, site: p.site, closes: format.dateTime(new Date(p.enrollClosesAt), 'datetime') })}
                  </span>
                  <span className={cn('text-xs', full ? 'text-danger' : 'text-green-800')}>
                    {full ? t('enroll.planFull') : t('enroll.seatsLeft', { remaining: p.remaining, capacity: p.capacity })}
                    {p.feeFen ? ` · ${t('enroll.fee', { fee: formatFen(p.feeFen) })}` : ''}
                  </span>
                </span>
              </label>
            );
          })
        )}
        {err('planId') && (
          <p className="text-sm text-danger" role="alert" data-testid="planId-error">
            {err('planId')}
          </p>
        )}
      </fieldset>
      <FormAlert tone={alert?.tone} message={alert?.message} />
      <div className="flex flex-wrap gap-2">
        <HydratedButton type="button" variant="outline" disabled={busy} onClick={() => void save()}>
          {t('enroll.saveDraft')}
        </HydratedButton>
        <ConfirmDialog
          danger={false}
          trigger={
            <HydratedButton type="button" disabled={busy}>
              {busy ? t('enroll.applying') : submitEvent === 'resubmit' ? t('kinds.inspection.actions.resubmit') : t('kinds.inspection.actions.submit')}
            </HydratedButton>
          }
          title={t('enroll.confirmTitle')}
          description={t('enroll.confirmApply')}
          confirmLabel={submitEvent === 'resubmit' ? t('kinds.inspection.actions.resubmit') : t('kinds.inspection.actions.submit')}
          cancelLabel={t('plans.cancel')}
          onConfirm={() => handleSubmit(apply)()}
        />
      </div>
    </form>
  );
}

function ReadOnly({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="flex flex-col gap-1 text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      <p className="flex h-10 items-center rounded-md bg-muted px-3" data-testid={testId}>
        {value}
      </p>
    </div>
  );
}

'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Controller, type FieldError } from 'react-hook-form';
import { FormAlert } from '@/components/forms/field';
import { RegionPicker } from '@/components/forms/region-picker';
import { useHydrated } from '@/components/forms/use-hydrated';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { INFO_CHANGE } from '@/lib/modules/membership/info-change/constants';
import { PROFILE_FIELDS, type ProfileField } from '@/lib/modules/membership/info-change/fields';
import { createApplicationAction } from '@/lib/platform/workflow/actions/create-application';
import { fireTransitionAction } from '@/lib/platform/workflow/actions/fire-transition';
import { saveDraftAction } from '@/lib/platform/workflow/actions/save-draft';
import { cn } from '@/lib/utils';
import { ScrollRegion } from '@/components/ui/table';

type Props = {
  /** The registered values (prefill a field once it is ticked) and how they read. */
  current: Record<ProfileField, string | null>;
  display: Record<ProfileField, string | null>;
  initial: { selected: ProfileField[]; changes: Partial<Record<ProfileField, string>>; reason: string };
  /** Editing a draft or a returned change; without it the first save creates the draft. */
  existing?: { id: string; version: number; submitEvent: 'submit' | 'resubmit' };
};

const OPTIONAL: ProfileField[] = ['landline', 'email'];
const INPUT_TYPE: Partial<Record<ProfileField, string>> = { contactPhone: 'tel', landline: 'tel', email: 'email' };

/**
 * 信息变更申请: each registered field with its current value; the enterprise
 * ticks what changed and enters the new value (validated here and on the
 * server with the same schema), gives the reason, saves, then submits.
 */
export function InfoChangeForm({ current, display, initial, existing }: Props) {
  const t = useTranslations('membershipChanges');
  const router = useRouter();
  const hydrated = useHydrated();
  const [selected, setSelected] = React.useState<Set<ProfileField>>(() => new Set(initial.selected));
  const [alert, setAlert] = React.useState<{ tone: 'danger' | 'success'; message: string }>();
  const [version, setVersion] = React.useState(existing?.version);
  const [busy, setBusy] = React.useState<'save' | 'submit' | null>(null);
  const form = useZodForm(() => import('@/lib/modules/membership/info-change/schemas').then((m) => m.infoChangeFormSchema), { defaultValues: { changes: initial.changes, reason: initial.reason } });
  const { register, formState, handleSubmit, control } = form;
  const changeErrors = formState.errors.changes as (Partial<Record<ProfileField, FieldError>> & FieldError & { root?: FieldError }) | undefined;
  const fieldError = (f: ProfileField) => changeErrors?.[f]?.message;
  const setError = changeErrors?.root?.message ?? changeErrors?.message;

  const toggle = (f: ProfileField, on: boolean) => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(f);
      else next.delete(f);
      return next;
    });
    if (on) form.setValue(`changes.${f}`, current[f] ?? '', { shouldDirty: true });
    else form.unregister(`changes.${f}`);
    form.clearErrors('changes');
  };

  const data = () => form.getValues() as unknown as Record<string, unknown>;

  const save = async () => {
    setBusy('save');
    setAlert(undefined);
    const r = existing ? await saveDraftAction({ applicationId: existing.id, data: data(), version }) : await createApplicationAction({ kind: INFO_CHANGE, data: data(), mode: 'draft' });
    setBusy(null);
    if (!r.ok) return setAlert({ tone: 'danger', message: r.message });
    if (!existing) return router.push(`/portal/membership/info-change/${r.data.id}/edit`);
    setVersion(r.data.version);
    setAlert({ tone: 'success', message: t('common.saved') });
  };

  const onValid = async () => {
    if (!existing) return save();
    setBusy('submit');
    setAlert(undefined);
    const r = await fireTransitionAction({ applicationId: existing.id, event: existing.submitEvent, data: data(), version });
    setBusy(null);
    if (!r.ok) return setAlert({ tone: 'danger', message: applyServerErrors(form, r) });
    router.push(`/portal/applications/${r.data.id}`);
  };

  const input = (f: ProfileField) => {
    const label = t('infoChange.after', { field: t(`infoChange.fields.${f}`) });
    const err = fieldError(f);
    if (f === 'regionCode') {
      return (
        <fieldset aria-describedby={err ? 'changes-regionCode-error' : undefined}>
          <legend className="sr-only">{label}</legend>
          <Controller
            control={control}
            name="changes.regionCode"
            render={({ field }) => <RegionPicker id="changes-regionCode" value={field.value ?? ''} onChange={field.onChange} onBlur={field.onBlur} invalid={!!err} />}
          />
        </fieldset>
      );
    }
    return <Input id={`changes-${f}`} type={INPUT_TYPE[f] ?? 'text'} aria-label={label} aria-invalid={err ? true : undefined} aria-describedby={err ? `changes-${f}-error` : undefined} placeholder={OPTIONAL.includes(f) ? t('infoChange.optionalEmpty') : undefined} {...register(`changes.${f}`)} />;
  };

  return (
    <form method="post" {...form.preloadProps} onSubmit={(e) => void handleSubmit(onValid)(e)} noValidate className="flex flex-col gap-4" data-testid="info-change-form">
      <p className="text-sm text-muted-foreground">{t('infoChange.formIntro')}</p>
      <ScrollRegion>
        <table className="w-full border-collapse text-sm">
          <thead>
            <tr className="border-b border-border text-left text-xs text-muted-foreground">
              <th scope="col" className="w-44 py-2 pr-3 font-medium">
                {t('infoChange.item')}
              </th>
              <th scope="col" className="w-1/3 py-2 pr-3 font-medium">
                {t('infoChange.currentValue')}
              </th>
              <th scope="col" className="py-2 font-medium">
                {t('infoChange.newValue')}
              </th>
            </tr>
          </thead>
          <tbody>
            {PROFILE_FIELDS.map((f) => {
              const on = selected.has(f);
              return (
                <tr key={f} className={cn('border-b border-slate-100 align-top', on && 'bg-primary-soft/40')} data-field={f}>
                  <td className="py-2 pr-3">
                    <label className="flex items-center gap-2">
                      <input type="checkbox" className="h-4 w-4" checked={on} disabled={!hydrated} onChange={(e) => toggle(f, e.target.checked)} />
                      <span>{t(`infoChange.fields.${f}`)}</span>
                    </label>
                  </td>
                  <td className="break-words py-2 pr-3 text-slate-700">{display[f] ?? <span className="text-muted-foreground">{t('infoChange.empty')}</span>}</td>
                  <td className="py-2">
                    {on ? (
                      <div className="flex flex-col gap-1">
                        {input(f)}
                        {fieldError(f) && (
                          <p id={`changes-${f}-error`} className="text-sm text-danger" data-testid={`changes-${f}-error`}>
                            {fieldError(f)}
                          </p>
                        )}
                      </div>
                    ) : (
                      <span className="text-xs text-muted-foreground">{t('infoChange.unchanged')}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
      {setError && (
        <p className="text-sm text-danger" data-testid="changes-error">
          {setError}
        </p>
      )}
      <div className="flex flex-col gap-1">
        <label htmlFor="reason" className="text-sm font-medium text-slate-700 before:mr-0.5 before:text-danger before:content-['*']">
          {t('infoChange.reason')}
        </label>
        <textarea
          id="reason"
          rows={3}
          maxLength={500}
          aria-invalid={formState.errors.reason ? true : undefined}
          aria-describedby={formState.errors.reason ? 'reason-error' : undefined}
          className="rounded-md border border-input bg-white px-3 py-2 text-sm"
          {...register('reason')}
        />
        {formState.errors.reason?.message && (
          <p id="reason-error" className="text-sm text-danger" data-testid="reason-error">
            {formState.errors.reason.message}
          </p>
        )}
      </div>
      {!existing && <p className="text-sm text-muted-foreground">{t('common.firstSaveHint')}</p>}
      <FormAlert tone={alert?.tone} message={alert?.message} />
      <div className="flex gap-2">
        {existing ? (
          <>
            <Button type="button" variant="outline" disabled={!hydrated || busy !== null} onClick={() => void save()}>
              {busy === 'save' ? t('common.saving') : t('common.saveDraft')}
            </Button>
            <Button type="submit" disabled={!hydrated || busy !== null}>
              {busy === 'submit' ? t('common.submitting') : existing.submitEvent === 'resubmit' ? t('common.resubmit') : t('common.submit')}
            </Button>
          </>
        ) : (
          <Button type="button" disabled={!hydrated || busy !== null} onClick={() => void save()}>
            {busy === 'save' ? t('common.saving') : t('common.saveAndUpload')}
          </Button>
        )}
      </div>
    </form>
  );
}

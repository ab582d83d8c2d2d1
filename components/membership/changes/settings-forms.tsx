'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useFieldArray } from 'react-hook-form';
import { Field, FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/input';
import { updateChangesSettingsAction, updateSupportContactsAction } from '@/lib/modules/membership/changes/actions/update-settings';
import type { ChangesSettingsInput, SupportContactsInput } from '@/lib/modules/membership/changes/schemas';

/** The change flows' settings: the association's province, the loss-notice requirement, the filing certificate's validity. */
export function ChangesSettingsForm({ provinces, initial }: { provinces: Array<{ code: string; name: string }>; initial: ChangesSettingsInput }) {
  const t = useTranslations('membershipChanges.settings');
  const router = useRouter();
  const [result, setResult] = React.useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = React.useState(false);
  const form = useZodForm(() => import('@/lib/modules/membership/changes/schemas').then((m) => m.changesSettingsSchema), { defaultValues: initial });
  const { register, formState, handleSubmit } = form;
  const err = (k: keyof ChangesSettingsInput) => formState.errors[k]?.message as string | undefined;
  const onValid = async () => {
    setBusy(true);
    const r = await updateChangesSettingsAction(form.getValues());
    setBusy(false);
    setResult(r.ok ? { ok: true, text: t('saved') } : { ok: false, text: applyServerErrors(form, r) });
    if (r.ok) router.refresh();
  };
  return (
    <form method="post" {...form.preloadProps} noValidate className="flex max-w-xl flex-col gap-3" onSubmit={(e) => void handleSubmit(onValid)(e)} data-testid="changes-settings-form">
      <Field id="province" label={t('province')} hint={t('provinceHint')} required error={err('province')}>
        <Select {...register('province')}>
          {provinces.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </Select>
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="h-4 w-4" {...register('lossNoticeRequired')} />
        {t('lossNoticeRequired')}
      </label>
      <Field id="filingValidityMonths" label={t('filingValidityMonths')} required error={err('filingValidityMonths')}>
        <Input type="number" min={1} max={120} inputMode="numeric" {...register('filingValidityMonths')} />
      </Field>
      <div>
        <HydratedButton type="submit" size="sm" disabled={busy}>
          {t('save')}
        </HydratedButton>
      </div>
      <FormAlert tone={result?.ok ? 'success' : 'danger'} message={result?.text} />
    </form>
  );
}

/** The association's support contacts (footer and module B's pages): QQ group, phone, feedback email, hours, named contacts. */
export function SupportContactsForm({ initial }: { initial: SupportContactsInput }) {
  const t = useTranslations('membershipChanges.settings');
  const router = useRouter();
  const [result, setResult] = React.useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = React.useState(false);
  const form = useZodForm(() => import('@/lib/modules/membership/changes/schemas').then((m) => m.supportContactsSchema), { defaultValues: initial });
  const { register, formState, handleSubmit, control } = form;
  const contacts = useFieldArray({ control, name: 'contacts' });
  const err = (k: 'qqGroup' | 'phone' | 'phoneContact' | 'email' | 'hours') => formState.errors[k]?.message as string | undefined;
  const onValid = async () => {
    setBusy(true);
    const r = await updateSupportContactsAction(form.getValues());
    setBusy(false);
    setResult(r.ok ? { ok: true, text: t('saved') } : { ok: false, text: applyServerErrors(form, r) });
    if (r.ok) router.refresh();
  };
  return (
    <form method="post" {...form.preloadProps} noValidate className="flex max-w-2xl flex-col gap-3" onSubmit={(e) => void handleSubmit(onValid)(e)} data-testid="support-contacts-form">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="support-qqGroup" label={t('qqGroup')} error={err('qqGroup')}>
          <Input inputMode="numeric" {...register('qqGroup')} />
        </Field>
        <Field id="support-email" label={t('email')} error={err('email')}>
          <Input type="email" {...register('email')} />
        </Field>
        <Field id="support-phone" label={t('phone')} error={err('phone')}>
          <Input type="tel" {...register('phone')} />
        </Field>
        <Field id="support-phoneContact" label={t('phoneContact')} error={err('phoneContact')}>
          <Input {...register('phoneContact')} />
        </Field>
        <Field id="support-hours" label={t('hours')} error={err('hours')} className="sm:col-span-2">
          <Input {...register('hours')} />
        </Field>
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium text-slate-700">{t('contacts')}</legend>
        {contacts.fields.map((c, i) => {
          const e = formState.errors.contacts?.[i];
          return (
            <div key={c.id} className="grid items-end gap-2 sm:grid-cols-[1fr_2fr_auto]">
              <Field id={`support-contacts-${i}-name`} label={t('contactName')} required error={e?.name?.message}>
                <Input {...register(`contacts.${i}.name`)} />
              </Field>
              <Field id={`support-contacts-${i}-phones`} label={t('contactPhones')} required error={e?.phones?.message}>
                <Input {...register(`contacts.${i}.phones`)} />
              </Field>
              <Button type="button" variant="ghost" size="sm" onClick={() => contacts.remove(i)}>
                {t('removeContact')}
              </Button>
            </div>
          );
        })}
        {formState.errors.contacts?.message && <p className="text-sm text-danger">{formState.errors.contacts.message}</p>}
        <div>
          <Button type="button" variant="outline" size="sm" disabled={contacts.fields.length >= 5} onClick={() => contacts.append({ name: '', phones: '' })}>
            {t('addContact')}
          </Button>
        </div>
      </fieldset>
      <div>
        <HydratedButton type="submit" size="sm" disabled={busy}>
          {t('save')}
        </HydratedButton>
      </div>
      <FormAlert tone={result?.ok ? 'success' : 'danger'} message={result?.text} />
    </form>
  );
}

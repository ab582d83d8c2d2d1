'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Field, FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { Input } from '@/components/ui/input';
import { fireTransitionAction } from '@/lib/platform/workflow/actions/fire-transition';

type Values = { method: 'mail' | 'pickup'; recipient?: string; phone?: string; address?: string };

/** 证书发放方式: mail (recipient, phone, address) or pick-up; then on to the payment. */
export function DeliveryForm({ applicationId, version, initial }: { applicationId: string; version: number; initial: Values }) {
  const t = useTranslations('membership.delivery');
  const router = useRouter();
  const [alert, setAlert] = React.useState<string>();
  const [busy, setBusy] = React.useState(false);
  const form = useZodForm(() => import('@/lib/modules/membership/schemas').then((m) => m.deliverySchema), { defaultValues: initial });
  const { register, formState, handleSubmit, watch } = form;
  const method = watch('method');
  const err = (k: keyof Values) => formState.errors[k]?.message as string | undefined;

  const onValid = async () => {
    setBusy(true);
    setAlert(undefined);
    const r = await fireTransitionAction({ applicationId, event: 'chooseDelivery', data: form.getValues() as unknown as Record<string, unknown>, version });
    setBusy(false);
    if (!r.ok) return setAlert(applyServerErrors(form, r));
    router.push(`/portal/applications/${applicationId}`);
  };

  return (
    <form method="post" {...form.preloadProps} onSubmit={(e) => void handleSubmit(onValid)(e)} noValidate className="flex flex-col gap-4" data-testid="delivery-form">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium before:mr-0.5 before:text-danger before:content-['*']">{t('method')}</legend>
        {(['mail', 'pickup'] as const).map((m) => (
          <label key={m} className="flex items-center gap-2 text-sm">
            <input type="radio" value={m} className="h-4 w-4" {...register('method')} />
            {t(`methods.${m}`)}
          </label>
        ))}
        {err('method') && <p className="text-sm text-danger">{err('method')}</p>}
      </fieldset>
      {method === 'mail' ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="recipient" label={t('recipient')} required error={err('recipient')}>
            <Input {...register('recipient')} />
          </Field>
          <Field id="phone" label={t('phone')} required error={err('phone')}>
            <Input type="tel" {...register('phone')} />
          </Field>
          <Field id="address" label={t('address')} required error={err('address')} className="sm:col-span-2">
            <Input {...register('address')} />
          </Field>
        </div>
      ) : (
        <p className="text-sm text-muted-foreground">{t('pickupHint')}</p>
      )}
      <FormAlert tone="danger" message={alert} />
      <div>
        <HydratedButton type="submit" disabled={busy}>
          {t('submit')}
        </HydratedButton>
      </div>
    </form>
  );
}

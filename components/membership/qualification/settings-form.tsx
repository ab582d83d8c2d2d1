'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Field, FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { Input } from '@/components/ui/input';
import { updateQualificationSettingsAction } from '@/lib/modules/membership/qualification/actions/levels';

/** When 到期换证 opens (days before the qualification expires). */
export function QualificationSettingsForm({ renewalWindowDays }: { renewalWindowDays: number }) {
  const t = useTranslations('qualification.levels');
  const router = useRouter();
  const [alert, setAlert] = React.useState<{ tone: 'danger' | 'success'; message: string }>();
  const form = useZodForm(() => import('@/lib/modules/membership/qualification/schemas').then((m) => m.qualificationSettingsSchema), { defaultValues: { renewalWindowDays: String(renewalWindowDays) } });
  return (
    <form
      method="post"
      {...form.preloadProps}
      noValidate
      className="flex max-w-md flex-col gap-3"
      onSubmit={(e) =>
        void form.handleSubmit(async (values) => {
          setAlert(undefined);
          const r = await updateQualificationSettingsAction(values);
          if (!r.ok) return setAlert({ tone: 'danger', message: applyServerErrors(form, r) });
          setAlert({ tone: 'success', message: t('saved') });
          router.refresh();
        })(e)
      }
    >
      <Field id="renewalWindowDays" label={t('renewalWindowDays')} hint={t('renewalWindowHint')} required error={form.formState.errors.renewalWindowDays?.message as string | undefined}>
        <Input type="number" min={1} max={365} inputMode="numeric" {...form.register('renewalWindowDays')} />
      </Field>
      <FormAlert tone={alert?.tone} message={alert?.message} />
      <div>
        <HydratedButton type="submit" size="sm" disabled={form.formState.isSubmitting}>
          {t('saveSettings')}
        </HydratedButton>
      </div>
    </form>
  );
}

'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Field, FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { Input } from '@/components/ui/input';
import { updateSiteFooterAction } from '@/lib/modules/staff-admin/actions/site-footer';
import type { SiteFooterInput } from '@/lib/modules/staff-admin/schemas';

/** 页脚设置: the ICP and public-security filing numbers and the platform's support contacts, as the public footer shows them. */
export function SiteFooterForm({ initial }: { initial: SiteFooterInput }) {
  const t = useTranslations('siteFooter');
  const router = useRouter();
  const [result, setResult] = React.useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = React.useState(false);
  const form = useZodForm(() => import('@/lib/modules/staff-admin/schemas').then((m) => m.siteFooterSchema), { defaultValues: initial });
  const { register, formState, handleSubmit } = form;
  const err = (k: keyof SiteFooterInput) => formState.errors[k]?.message as string | undefined;
  const onValid = async () => {
    setBusy(true);
    setResult(undefined);
    const r = await updateSiteFooterAction(form.getValues());
    setBusy(false);
    setResult(r.ok ? { ok: true, text: t('saved') } : { ok: false, text: applyServerErrors(form, r) });
    if (r.ok) router.refresh();
  };
  return (
    <form method="post" {...form.preloadProps} noValidate className="flex max-w-2xl flex-col gap-4" onSubmit={(e) => void handleSubmit(onValid)(e)} data-testid="site-footer-form">
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-800">{t('filingTitle')}</legend>
        <Field id="footer-icp" label={t('icp')} hint={t('icpHint')} error={err('icp')}>
          <Input {...register('icp')} />
        </Field>
        <Field id="footer-psb" label={t('psb')} hint={t('psbHint')} error={err('psb')}>
          <Input {...register('psb')} />
        </Field>
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-800">{t('supportTitle')}</legend>
        <Field id="footer-phone" label={t('phone')} error={err('phone')}>
          <Input type="tel" {...register('phone')} />
        </Field>
        <Field id="footer-email" label={t('email')} error={err('email')}>
          <Input type="email" {...register('email')} />
        </Field>
        <Field id="footer-qqGroup" label={t('qqGroup')} error={err('qqGroup')}>
          <Input inputMode="numeric" {...register('qqGroup')} />
        </Field>
        <Field id="footer-hours" label={t('hours')} error={err('hours')}>
          <Input {...register('hours')} />
        </Field>
      </fieldset>
      <div>
        <HydratedButton type="submit" size="sm" disabled={busy}>
          {busy ? t('saving') : t('save')}
        </HydratedButton>
      </div>
      <FormAlert tone={result?.ok ? 'success' : 'danger'} message={result?.text} />
    </form>
  );
}

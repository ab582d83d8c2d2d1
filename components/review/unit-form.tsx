'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Captcha } from '@/components/forms/captcha';
import { Field, FormAlert } from '@/components/forms/field';
import { SmsCodeButton } from '@/components/forms/sms-code-button';
import { UploadField } from '@/components/forms/upload-field';
import { useCaptchaSms, type FormNotice } from '@/components/forms/use-captcha-sms';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/input';
import { changeContactMobileAction, requestContactMobileCodeAction, updateUnitProfileAction } from '@/lib/modules/review/actions/unit';
import { INSTITUTION_TYPES } from '@/lib/modules/review/constants';
import type { UnitProfileInput } from '@/lib/modules/review/schemas';
import type { DocumentSummary } from '@/lib/platform/documents/schemas';
import type { ShownSlot } from '@/lib/platform/documents/slots';

type K = Exclude<keyof UnitProfileInput, 'licenseDocumentId'>;

/**
 * 单位信息管理 · 基本信息 (seed 004 §5): the unit's name and credit code as
 * registered, the editable basic information, and the business licence.
 */
export function UnitProfileForm({
  initial,
  name,
  creditCode,
  licenseSlot,
  licenseDocuments,
  hasLicense,
}: {
  initial: UnitProfileInput;
  name: string;
  creditCode: string;
  licenseSlot: ShownSlot;
  licenseDocuments: DocumentSummary[];
  hasLicense: boolean;
}) {
  const t = useTranslations('review.unit');
  const tOpt = useTranslations('review.options.institutionType');
  const router = useRouter();
  const [alert, setAlert] = React.useState<{ tone: 'danger' | 'success'; message: string }>();
  const form = useZodForm(() => import('@/lib/modules/review/schemas').then((m) => m.unitProfileSchema), { defaultValues: initial });
  const { register, formState, handleSubmit, setValue } = form;
  const err = (k: K | 'licenseDocumentId') => formState.errors[k]?.message as string | undefined;
  const onValid = async () => {
    setAlert(undefined);
    const r = await updateUnitProfileAction(form.getValues());
    if (!r.ok) return setAlert({ tone: 'danger', message: applyServerErrors(form, r) });
    setAlert({ tone: 'success', message: t('saved') });
    router.refresh();
  };
  const text = (k: K, opts: { required?: boolean; type?: string; hint?: string } = {}) => (
    <Field key={k} id={`u-${k}`} label={t(`fields.${k}`)} required={opts.required} error={err(k)} hint={opts.hint}>
      <Input type={opts.type ?? 'text'} {...register(k)} />
    </Field>
  );
  const onLicense = React.useCallback(
    (docs: DocumentSummary[]) => {
      const current = docs.find((d) => d.status === 'current');
      setValue('licenseDocumentId', current?.id ?? null, { shouldDirty: true });
    },
    [setValue],
  );
  return (
    <form method="post" {...form.preloadProps} noValidate onSubmit={(e) => void handleSubmit(onValid)(e)} className="flex flex-col gap-4" data-testid="unit-profile-form">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <div className="flex flex-col gap-1 lg:col-span-2">
          <span className="text-sm font-medium text-slate-700">{t('fields.name')}</span>
          <span className="flex h-10 items-center rounded-md border border-dashed border-border bg-slate-50 px-3 text-sm">{name}</span>
        </div>
        <div className="flex flex-col gap-1">
          <span className="text-sm font-medium text-slate-700">{t('fields.creditCode')}</span>
          <span className="flex h-10 items-center rounded-md border border-dashed border-border bg-slate-50 px-3 font-mono text-sm">{creditCode || '—'}</span>
        </div>
        <div className="sm:col-span-2">{text('address', { required: true })}</div>
        {text('legalRepresentative', { required: true })}
        {text('contactName', { required: true })}
        {text('contactPhone', { type: 'tel' })}
        {text('fax', { type: 'tel' })}
        {text('email', { type: 'email' })}
        {text('postalCode')}
        {text('bankAccount')}
        {text('bankName')}
        {text('website')}
        {text('registrationAuthority')}
        {text('registrationDate', { type: 'date' })}
        {text('registeredCapital', { hint: t('capitalHint') })}
        <Field id="u-institutionType" label={t('fields.institutionType')} error={err('institutionType')}>
          <Select {...register('institutionType')}>
            <option value="">{t('choose')}</option>
            {INSTITUTION_TYPES.map((v) => (
              <option key={v} value={v}>
                {tOpt(v)}
              </option>
            ))}
          </Select>
        </Field>
        {text('certificateIssuer')}
        {text('parentApprovalDate', { type: 'date' })}
        {text('parentApprovalNumber')}
        {text('parentHead')}
      </div>
      <div className="flex flex-col gap-1">
        <span className="text-sm font-medium">{t('license')}</span>
        {hasLicense && (
          <a className="text-sm text-primary hover:underline" href="/api/review/unit/license" target="_blank" rel="noopener">
            {t('viewLicense')}
          </a>
        )}
        <UploadField slot={licenseSlot} initialDocuments={licenseDocuments} phone={false} onDocumentsChange={onLicense} />
        {err('licenseDocumentId') && <p className="text-sm text-danger">{err('licenseDocumentId')}</p>}
        <p className="text-xs text-muted-foreground">{t('licenseHint')}</p>
      </div>
      <FormAlert tone={alert?.tone} message={alert?.message} />
      <div>
        <HydratedButton type="submit" disabled={formState.isSubmitting}>
          {t('save')}
        </HydratedButton>
      </div>
    </form>
  );
}

/** 联系人手机: shown masked; a new number takes the human check and an SMS code sent to it. */
export function ContactMobileForm({ masked }: { masked: string }) {
  const t = useTranslations('review.unit');
  const router = useRouter();
  const [notice, setNotice] = React.useState<FormNotice>();
  const form = useZodForm(() => import('@/lib/modules/account/profile-schemas').then((m) => m.changeMobileSchema), { defaultValues: { newMobile: '', smsCode: '' } });
  const { register, handleSubmit, formState, reset } = form;
  const { sendCode, captchaProps } = useCaptchaSms(form, {
    mobileField: 'newMobile',
    send: (newMobile, captcha) => requestContactMobileCodeAction({ newMobile, captcha }),
    onNotice: setNotice,
  });
  const onSubmit = handleSubmit(async (values) => {
    const r = await changeContactMobileAction(values);
    if (!r.ok) return setNotice({ tone: 'danger', message: applyServerErrors(form, r) });
    reset();
    setNotice({ tone: 'success', message: t('mobileChanged', { mobile: r.data.mobile }) });
    router.refresh();
  });
  return (
    <form method="post" {...form.preloadProps} onSubmit={onSubmit} noValidate className="flex max-w-md flex-col gap-3" data-testid="contact-mobile-form">
      <p className="text-sm">
        {t('currentMobile')}：<span data-testid="contact-mobile">{masked || '—'}</span>
      </p>
      {notice && <FormAlert tone={notice.tone} message={notice.message} />}
      <Field id="contactNewMobile" label={t('newMobile')} required error={formState.errors.newMobile?.message}>
        <Input inputMode="tel" maxLength={11} {...register('newMobile')} />
      </Field>
      <Captcha id="contact-mobile-captcha" {...captchaProps} />
      <Field id="contactMobileCode" label={t('smsCode')} required error={formState.errors.smsCode?.message} addon={<SmsCodeButton onSend={sendCode} />}>
        <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} {...register('smsCode')} />
      </Field>
      <Button type="submit" className="self-start" disabled={formState.isSubmitting}>
        {t('changeMobile')}
      </Button>
    </form>
  );
}

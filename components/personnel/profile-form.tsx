'use client';
import * as React from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Field, FormAlert } from '@/components/forms/field';
import { UploadField } from '@/components/forms/upload-field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { Input, Select } from '@/components/ui/input';
import { savePersonnelProfileAction } from '@/lib/modules/personnel/actions/save-profile';
import type { ShownSlot } from '@/lib/platform/documents/slots';
import type { PersonnelProfileInput } from '@/lib/modules/personnel/profile/schemas';
import type { DocumentSummary } from '@/lib/platform/documents/schemas';
import { educationLevels } from '@/lib/reference/education';
import { MajorPicker } from './major-picker';

export type IdentityView = { name: string; gender: string | null; idTypeLabel: string; idNumber: string; birthDate: string; mobile: string; email: string; residentId: boolean };

/**
 * 人员注册信息 / 基本信息修改: the photo (computer or phone QR, the page
 * updates when the phone's photo arrives), education, major (catalog by new
 * or old name for 理工科), employer, title, years of work, name (and gender
 * for non-resident IDs). ID type, number and birth date are shown only.
 */
export function PersonnelProfileForm({ identity, initial, photo, photoSlot, next }: { identity: IdentityView; initial: PersonnelProfileInput; photo: DocumentSummary | null; photoSlot: ShownSlot; next?: string }) {
  const t = useTranslations('personnel.profile');
  const router = useRouter();
  const [alert, setAlert] = React.useState<{ tone: 'danger' | 'success'; message: string }>();
  const [preview, setPreview] = React.useState<DocumentSummary | null>(photo);
  const form = useZodForm(() => import('@/lib/modules/personnel/profile/schemas').then((m) => m.personnelProfileSchema), { defaultValues: initial });
  const { register, formState, handleSubmit, setValue, watch } = form;
  const err = (k: string) => (formState.errors as Record<string, { message?: string } | undefined>)[k]?.message;
  const majorType = watch('majorType');
  const majorCode = watch('majorCode');
  const majorName = watch('majorName');

  const onPhotos = React.useCallback(
    (docs: DocumentSummary[]) => {
      const current = docs.find((d) => d.status === 'current') ?? null;
      setPreview(current);
      setValue('photoDocumentId', current?.id ?? '', { shouldValidate: formState.isSubmitted });
    },
    [setValue, formState.isSubmitted],
  );

  const onValid = async (values: unknown) => {
    setAlert(undefined);
    const r = await savePersonnelProfileAction(form.getValues());
    void values;
    if (!r.ok) return setAlert({ tone: 'danger', message: applyServerErrors(form, r) });
    setAlert({ tone: 'success', message: t('saved') });
    router.refresh();
    if (next) router.push(next);
  };

  return (
    <form method="post" {...form.preloadProps} onSubmit={(e) => void handleSubmit(onValid)(e)} noValidate className="flex flex-col gap-5" data-testid="personnel-profile-form">
      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-2 border-l-4 border-primary pl-2 text-sm font-semibold">{t('sections.identity')}</legend>
        <ReadOnly label={t('idType')} value={identity.idTypeLabel} />
        <ReadOnly label={t('idNumber')} value={identity.idNumber} testId="profile-id-number" />
        <ReadOnly label={t('birthDate')} value={identity.birthDate} />
        <Field id="name" label={t('name')} required error={err('name')}>
          <Input autoComplete="name" {...register('name')} />
        </Field>
        {identity.residentId ? (
          <ReadOnly label={t('gender')} value={identity.gender ? t(`genders.${identity.gender}`) : ''} />
        ) : (
          <Field id="gender" label={t('gender')} required error={err('gender')}>
            <Select {...register('gender')}>
              <option value="male">{t('genders.male')}</option>
              <option value="female">{t('genders.female')}</option>
            </Select>
          </Field>
        )}
        <div className="flex flex-col gap-1 text-sm">
          <span className="font-medium text-slate-700">{t('contact')}</span>
          <p className="flex min-h-10 flex-wrap items-center gap-x-2 rounded-md bg-muted px-3 text-muted-foreground">
            {identity.mobile} {identity.email && `· ${identity.email}`}
            <Link href="/portal/account" className="text-primary hover:underline">
              {t('changeContact')}
            </Link>
          </p>
        </div>
        <p className="text-xs text-muted-foreground sm:col-span-3">{t('fixedHint')}</p>
      </fieldset>

      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 border-l-4 border-primary pl-2 text-sm font-semibold">{t('sections.photo')}</legend>
        <div className="flex flex-wrap items-start gap-4">
          <div className="flex h-[168px] w-[120px] shrink-0 items-center justify-center overflow-hidden rounded-md border border-border bg-muted text-xs text-muted-foreground">
            {preview ? (
              // eslint-disable-next-line @next/next/no-img-element -- an authorized download URL (302 to storage), not a static asset
              <img src={`${preview.href}?v=${preview.id}`} alt={t('photoAlt')} className="h-full w-full object-cover" data-testid="profile-photo-preview" />
            ) : (
              t('noPhoto')
            )}
          </div>
          <div className="min-w-0 flex-1">
            <UploadField slot={photoSlot} initialDocuments={photo ? [photo] : []} canDelete={false} onDocumentsChange={onPhotos} />
            {err('photoDocumentId') && (
              <p className="mt-1 text-sm text-danger" data-testid="photoDocumentId-error" role="alert">
                {err('photoDocumentId')}
              </p>
            )}
          </div>
        </div>
      </fieldset>

      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 border-l-4 border-primary pl-2 text-sm font-semibold">{t('sections.education')}</legend>
        <Field id="education" label={t('education')} required error={err('education')}>
          <Select {...register('education')}>
            <option value="">{t('choose')}</option>
            {educationLevels.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </Select>
        </Field>
        <div />
        <MajorPicker
          majorType={majorType}
          majorCode={majorCode}
          majorName={majorName}
          errors={{ majorType: err('majorType'), majorCode: err('majorCode'), majorName: err('majorName') }}
          onChange={(v) => {
            for (const [k, value] of Object.entries(v)) setValue(k as 'majorType' | 'majorCode' | 'majorName', value as never, { shouldValidate: formState.isSubmitted });
          }}
        />
      </fieldset>

      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-2 border-l-4 border-primary pl-2 text-sm font-semibold">{t('sections.work')}</legend>
        <Field id="employer" label={t('employer')} required error={err('employer')} className="sm:col-span-3">
          <Input {...register('employer')} maxLength={100} />
        </Field>
        <Field id="title" label={t('title')} hint={t('titleHint')} error={err('title')}>
          <Input {...register('title')} maxLength={30} />
        </Field>
        <Field id="yearsOfWork" label={t('yearsOfWork')} required error={err('yearsOfWork')}>
          <Input type="number" min={0} max={60} inputMode="numeric" {...register('yearsOfWork')} />
        </Field>
      </fieldset>

      <FormAlert tone={alert?.tone} message={alert?.message} />
      <div>
        <HydratedButton type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('saving') : t('submit')}
        </HydratedButton>
      </div>
    </form>
  );
}

function ReadOnly({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="flex flex-col gap-1 text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      <p className="flex h-10 items-center rounded-md bg-muted px-3 text-muted-foreground" data-testid={testId}>
        {value || '—'}
      </p>
    </div>
  );
}

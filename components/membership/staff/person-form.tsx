'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useFieldArray, useWatch } from 'react-hook-form';
import { Plus, Trash2 } from 'lucide-react';
import { Field, FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/input';
import { addStaffPersonAction, updateStaffPersonAction } from '@/lib/modules/membership/staff/actions/roster';
import { derivesFromId, identityFromId, STAFF_CERTIFICATES_MAX, STAFF_NAME_MAX, STAFF_TEXT_MAX } from '@/lib/modules/membership/staff/fields';
import type { StaffPersonInput } from '@/lib/modules/membership/staff/schemas';
import { STAFF_GRADES } from '@/lib/modules/membership/staff-grades';
import { educationLevels } from '@/lib/reference/education';
import { idTypes, isIdTypeCode, normalizeIdNumber } from '@/lib/reference/id-types';
import { StaffPhotoField } from './photo-field';

export const EMPTY_PERSON: StaffPersonInput = {
  name: '',
  idType: 'resident_id',
  idNumber: '',
  gender: '',
  birthDate: '',
  education: '',
  title: '',
  position: '',
  grade: 'intermediate',
  certificates: [],
  photoDocumentId: '',
};

/**
 * 新增 / 编辑技术人员: name, ID (type and number, checked with its check
 * digit; a resident ID gives gender and birth date), education, title,
 * position, grade, certificates (repeatable rows) and an optional photo. The
 * same schema checks it here and on the server; a number already on the
 * enterprise's roster comes back next to the field.
 */
export function StaffPersonForm({ existing, initial = EMPTY_PERSON }: { existing?: { id: string; photoUrl: string | null }; initial?: StaffPersonInput }) {
  const t = useTranslations('membershipStaff.form');
  const tAll = useTranslations();
  const router = useRouter();
  const [alert, setAlert] = React.useState<string | null>(null);
  const form = useZodForm(() => import('@/lib/modules/membership/staff/schemas').then((m) => m.staffPersonSchema), { defaultValues: initial });
  const { register, control, formState, handleSubmit, setValue } = form;
  const certificates = useFieldArray({ control, name: 'certificates' });
  const [idType, idNumber, name, photo] = useWatch({ control, name: ['idType', 'idNumber', 'name', 'photoDocumentId'] });
  const e = formState.errors;
  const derives = isIdTypeCode(idType ?? '') && derivesFromId(idType as never);
  const derived = derives ? identityFromId(idType as never, normalizeIdNumber(idNumber ?? '')) : null;

  const onSubmit = handleSubmit(async () => {
    setAlert(null);
    const values = form.getValues();
    const r = existing ? await updateStaffPersonAction({ ...values, id: existing.id }) : await addStaffPersonAction(values);
    if (!r.ok) return setAlert(applyServerErrors(form, r));
    router.push(`/portal/membership/staff?${existing ? 'saved' : 'added'}=1`);
    router.refresh();
  });

  const legend = (text: string) => <legend className="mb-2 border-l-4 border-primary pl-2 text-sm font-semibold">{text}</legend>;
  const certErr = (i: number, k: 'name' | 'number' | 'validUntil') => e.certificates?.[i]?.[k]?.message;

  return (
    <form method="post" {...form.preloadProps} onSubmit={onSubmit} noValidate className="flex flex-col gap-6" data-testid="staff-person-form">
      <p className="text-xs text-muted-foreground">{t('requiredHint')}</p>
      <fieldset className="grid gap-3 sm:grid-cols-2">
        {legend(t('sections.person'))}
        <Field id="staff-name" label={t('fields.name')} required error={e.name?.message}>
          <Input maxLength={STAFF_NAME_MAX} autoComplete="off" {...register('name')} />
        </Field>
        <Field id="staff-grade" label={t('fields.grade')} required error={e.grade?.message} hint={t('gradeHint')}>
          <Select {...register('grade')}>
            {STAFF_GRADES.map((g) => (
              <option key={g} value={g}>
                {tAll(`membership.staffGrades.${g}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="staff-idType" label={t('fields.idType')} required error={e.idType?.message}>
          <Select {...register('idType')}>
            {idTypes.map((it) => (
              <option key={it.code} value={it.code}>
                {it.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="staff-idNumber" label={t('fields.idNumber')} required error={e.idNumber?.message}>
          <Input autoComplete="off" spellCheck={false} maxLength={40} {...register('idNumber')} />
        </Field>
        {derives ? (
          <p className="text-sm text-muted-foreground sm:col-span-2" data-testid="staff-derived">
            {derived
              ? t('derived', { gender: tAll(`membershipStaff.genders.${derived.gender}`), birthDate: derived.birthDate })
              : t('derivedPending')}
          </p>
        ) : (
          <>
            <Field id="staff-gender" label={t('fields.gender')} required error={e.gender?.message}>
              <Select {...register('gender')}>
                <option value="">{t('choose')}</option>
                <option value="male">{tAll('membershipStaff.genders.male')}</option>
                <option value="female">{tAll('membershipStaff.genders.female')}</option>
              </Select>
            </Field>
            <Field id="staff-birthDate" label={t('fields.birthDate')} required error={e.birthDate?.message}>
              <Input type="date" {...register('birthDate')} />
            </Field>
          </>
        )}
      </fieldset>

      <fieldset className="grid gap-3 sm:grid-cols-3">
        {legend(t('sections.work'))}
        <Field id="staff-education" label={t('fields.education')} error={e.education?.message}>
          <Select {...register('education')}>
            <option value="">{t('choose')}</option>
            {educationLevels.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="staff-title" label={t('fields.title')} error={e.title?.message}>
          <Input maxLength={STAFF_TEXT_MAX} placeholder={t('titlePlaceholder')} {...register('title')} />
        </Field>
        <Field id="staff-position" label={t('fields.position')} error={e.position?.message}>
          <Input maxLength={STAFF_TEXT_MAX} placeholder={t('positionPlaceholder')} {...register('position')} />
        </Field>
      </fieldset>

      <fieldset className="flex flex-col gap-3" data-testid="staff-certificates">
        {legend(t('sections.certificates'))}
        {certificates.fields.length === 0 && <p className="text-sm text-muted-foreground">{t('certificate.empty')}</p>}
        {certificates.fields.map((f, i) => (
          <div key={f.id} className="grid items-start gap-3 rounded-md border border-border p-3 sm:grid-cols-[1fr_1fr_11rem_auto]" role="group" aria-label={t('certificate.row', { n: i + 1 })}>
            <Field id={`staff-cert-${i}-name`} label={t('certificate.name')} required error={certErr(i, 'name')}>
              <Input maxLength={100} {...register(`certificates.${i}.name` as const)} />
            </Field>
            <Field id={`staff-cert-${i}-number`} label={t('certificate.number')} required error={certErr(i, 'number')}>
              <Input maxLength={50} {...register(`certificates.${i}.number` as const)} />
            </Field>
            <Field id={`staff-cert-${i}-validUntil`} label={t('certificate.validUntil')} error={certErr(i, 'validUntil')}>
              <Input type="date" {...register(`certificates.${i}.validUntil` as const)} />
            </Field>
            <Button type="button" variant="ghost" size="sm" className="mt-6" onClick={() => certificates.remove(i)} aria-label={`${t('certificate.remove')} ${t('certificate.row', { n: i + 1 })}`}>
              <Trash2 className="h-4 w-4" aria-hidden />
              {t('certificate.remove')}
            </Button>
          </div>
        ))}
        {e.certificates?.message && <p className="text-sm text-danger">{e.certificates.message}</p>}
        <div>
          <Button type="button" variant="outline" size="sm" disabled={certificates.fields.length >= STAFF_CERTIFICATES_MAX} onClick={() => certificates.append({ name: '', number: '', validUntil: '' })}>
            <Plus className="h-4 w-4" aria-hidden />
            {t('certificate.add')}
          </Button>
        </div>
      </fieldset>

      <fieldset className="flex flex-col gap-3">
        {legend(t('sections.photo'))}
        <StaffPhotoField
          id="staff-photo"
          value={photo ?? ''}
          initialUrl={existing?.photoUrl ?? null}
          personName={name ?? ''}
          error={e.photoDocumentId?.message}
          onChange={(docId) => setValue('photoDocumentId', docId, { shouldDirty: true })}
        />
      </fieldset>

      {alert && <FormAlert message={alert} />}
      <div className="flex gap-2">
        <HydratedButton type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('saving') : existing ? t('save') : t('create')}
        </HydratedButton>
        <Button type="button" variant="outline" onClick={() => router.push('/portal/membership/staff')}>
          {t('cancel')}
        </Button>
      </div>
    </form>
  );
}

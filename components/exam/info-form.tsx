'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Field, FormAlert } from '@/components/forms/field';
import { RegionPicker } from '@/components/forms/region-picker';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { useLightForm } from '@/components/forms/use-light-form';
import { Input, Select } from '@/components/ui/input';
import { saveInfoAction } from '@/lib/modules/exam/registration/actions/save-info';
import type { RegistrationInfoInput } from '@/lib/modules/exam/registration/schemas';
import { FrozenNotice, type Frozen } from './registration-forms';

/**
 * 填写报考信息 (the info step), kept apart from the other steps' forms (./registration-forms.tsx) so that the
 * notice, subjects and area steps do not load the region picker. Native, uncontrolled fields with
 * useLightForm (no react-hook-form in this step's first load); the same schema validates here and in the
 * server action.
 */

type Option = { code: string; name: string };
type InvoiceType = RegistrationInfoInput['invoice']['type'];

const schema = () => import('@/lib/modules/exam/registration/schemas').then((m) => m.registrationInfoSchema);

/** The form's fields as the schema's input (the invoice's title and tax number only for an enterprise invoice). */
function readInfo(form: HTMLFormElement): RegistrationInfoInput {
  const d = new FormData(form);
  const s = (k: string) => String(d.get(k) ?? '');
  const type = (s('invoice.type') || 'none') as InvoiceType;
  return {
    nationality: s('nationality'),
    ethnicity: s('ethnicity'),
    residenceRegion: s('residenceRegion'),
    education: s('education'),
    employer: s('employer'),
    mobile: s('mobile'),
    address: s('address'),
    email: s('email'),
    invoice: type === 'enterprise' ? { type, title: s('invoice.title'), taxNumber: s('invoice.taxNumber') } : { type },
  } as RegistrationInfoInput;
}

export function InfoForm({ examId, registrationId, initial, options, ownName, frozen }: { examId: string; registrationId: string; initial: RegistrationInfoInput; options: { nationalities: Option[]; ethnicities: Option[]; education: Option[] }; ownName: string; /** Read-only, with the reason. */ frozen?: Frozen }) {
  const t = useTranslations('exam.info');
  const router = useRouter();
  const [alert, setAlert] = React.useState<string>();
  const [submitting, setSubmitting] = React.useState(false);
  const [region, setRegion] = React.useState(initial.residenceRegion ?? '');
  const [invoiceType, setInvoiceType] = React.useState<InvoiceType>(initial.invoice?.type ?? 'none');
  // The schema (and zod) load when the candidate first touches the form: the exam steps' first load carries neither.
  const { formProps, errors: e, submitWith, applyServerErrors, touch } = useLightForm(schema, readInfo);
  const savedInvoice = initial.invoice as { title?: string; taxNumber?: string };
  const onValid = async (info: RegistrationInfoInput) => {
    setAlert(undefined);
    setSubmitting(true);
    try {
      const r = await saveInfoAction({ registrationId, info });
      if (!r.ok) {
        const fe = Object.fromEntries(Object.entries(r.fieldErrors ?? {}).map(([k, v]) => [k.replace(/^info\./, ''), v]));
        return setAlert(applyServerErrors({ ...r, fieldErrors: fe }));
      }
      router.push(`/portal/exam/${examId}?saved=info`);
    } finally {
      setSubmitting(false);
    }
  };
  // The three lists (~320 options) are built once: the form renders again on every change of its state,
  // and React skips an element it has seen before instead of comparing each option.
  const lists = React.useMemo(() => {
    const list = (opts: Option[]) => (
      <>
        <option value="">{t('choose')}</option>
        {opts.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name}
          </option>
        ))}
      </>
    );
    return { nationality: list(options.nationalities), ethnicity: list(options.ethnicities), education: list(options.education) };
  }, [options, t]);
  const select = (name: 'nationality' | 'ethnicity' | 'education', label: string) => (
    <Field id={name} label={label} required error={e[name]}>
      <Select name={name} defaultValue={initial[name] ?? ''}>
        {lists[name]}
      </Select>
    </Field>
  );
  return (
    <form method="post" {...formProps} onSubmit={(ev) => void submitWith(onValid)(ev)} className="grid gap-4 sm:grid-cols-2">
      {frozen && <FrozenNotice {...frozen} />}
      <fieldset disabled={Boolean(frozen)} className="contents">
      {select('nationality', t('nationality'))}
      {select('ethnicity', t('ethnicity'))}
      <fieldset className="flex min-w-0 flex-col gap-1 sm:col-span-2">
        <legend className="mb-1 text-sm font-medium text-slate-700 before:mr-0.5 before:text-danger before:content-['*']">{t('residence')}</legend>
        {/* The picker reports its code; the hidden field carries it in the form (and names where the focus goes). */}
        <input type="hidden" name="residenceRegion" value={region} data-focus="residenceRegion-province" />
        <RegionPicker
          id="residenceRegion"
          value={region}
          onChange={(code) => {
            setRegion(code);
            touch('residenceRegion', { residenceRegion: code });
          }}
          invalid={Boolean(e.residenceRegion)}
        />
        {e.residenceRegion && <p className="text-sm text-danger">{e.residenceRegion}</p>}
      </fieldset>
      {select('education', t('education'))}
      <Field id="employer" label={t('employer')} error={e.employer}>
        <Input name="employer" defaultValue={initial.employer ?? ''} />
      </Field>
      <Field id="mobile" label={t('mobile')} required error={e.mobile}>
        <Input name="mobile" defaultValue={initial.mobile ?? ''} inputMode="numeric" maxLength={11} />
      </Field>
      <Field id="email" label={t('email')} required error={e.email}>
        <Input name="email" defaultValue={initial.email ?? ''} type="email" />
      </Field>
      <Field id="address" label={t('address')} required error={e.address} className="sm:col-span-2">
        <Input name="address" defaultValue={initial.address ?? ''} />
      </Field>
      <fieldset className="flex flex-col gap-2 sm:col-span-2">
        <legend className="mb-1 text-sm font-medium">{t('invoice')}</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {(['none', 'personal', 'enterprise'] as const).map((v) => (
            <label key={v} className="flex items-center gap-1">
              <input type="radio" name="invoice.type" value={v} defaultChecked={invoiceType === v} onChange={() => setInvoiceType(v)} />
              {t(v === 'none' ? 'invoiceNone' : v === 'personal' ? 'invoicePersonal' : 'invoiceEnterprise')}
            </label>
          ))}
        </div>
        {invoiceType === 'personal' && <p className="text-sm text-muted-foreground">{t('invoicePersonalTitle', { name: ownName })}</p>}
        {invoiceType === 'enterprise' && (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="invoice.title" label={t('invoiceTitle')} required error={e['invoice.title']}>
              <Input name="invoice.title" defaultValue={savedInvoice.title ?? ''} />
            </Field>
            <Field id="invoice.taxNumber" label={t('taxNumber')} required error={e['invoice.taxNumber']}>
              <Input name="invoice.taxNumber" defaultValue={savedInvoice.taxNumber ?? ''} className="uppercase" maxLength={20} />
            </Field>
          </div>
        )}
      </fieldset>
      </fieldset>
      {!frozen && (
        <div className="sm:col-span-2">
          <FormAlert message={alert} />
          <HydratedButton type="submit" disabled={submitting} className="mt-2">
            {t('save')}
          </HydratedButton>
        </div>
      )}
    </form>
  );
}

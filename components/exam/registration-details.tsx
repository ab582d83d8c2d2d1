import { getLocale, getTranslations } from 'next-intl/server';
import { formatFen } from '@/lib/modules/exam/money';
import type { RegistrationDetails as Details } from '@/lib/modules/exam/registration/services/candidate-views';
import { educationLabel, ethnicityLabel, idTypeLabel, nationalityLabel } from '@/lib/reference/localized';
import { regionLabel } from '@/lib/reference/regions';
import { cn } from '@/lib/utils';

/**
 * Everything a candidate entered for a registration, read-only, in the order
 * of the seed's confirm page and 查看报考信息: identity, subjects (with their
 * state once ordered), area, then the registration info down to the invoice.
 */
export async function RegistrationDetails({ details, testId = 'registration-details', amount = true }: { details: Details; testId?: string; amount?: boolean }) {
  const t = await getTranslations('exam.details');
  const locale = await getLocale();
  const { identity: me, info } = details;
  const invoice = info.invoice;
  const rows: Array<{ label: string; value: React.ReactNode; wide?: boolean; key: string }> = [
    { key: 'name', label: t('name'), value: me.name },
    { key: 'idType', label: t('idType'), value: idTypeLabel(me.idType, locale) },
    { key: 'idNumber', label: t('idNumber'), value: me.idNumber ?? '' },
    { key: 'gender', label: t('gender'), value: me.gender === 'male' || me.gender === 'female' ? t(`genders.${me.gender}`) : '' },
    { key: 'birthDate', label: t('birthDate'), value: me.birthDate ?? '' },
    {
      key: 'subjects',
      label: t('subjects'),
      wide: true,
      value: details.subjects.length ? (
        <ul className="flex flex-col gap-0.5">
          {details.subjects.map((s) => (
            <li key={s.id}>
              {s.session} · {s.code} {s.name} {formatFen(s.feeFen)}
              {s.state && <span className="text-muted-foreground">（{t(`subjectState.${s.state}`)}）</span>}
            </li>
          ))}
        </ul>
      ) : (
        t('none')
      ),
    },
    { key: 'area', label: t('area'), value: details.area ?? t('none') },
    ...(amount ? [{ key: 'amount', label: t('amount'), value: (
            <span className="font-semibold" data-testid="pay-amount">
              {formatFen(details.totalFen)}
            </span>
          ) }] : []),
    { key: 'nationality', label: t('nationality'), value: nationalityLabel(info.nationality, locale) },
    { key: 'ethnicity', label: t('ethnicity'), value: ethnicityLabel(info.ethnicity, locale) },
    { key: 'residence', label: t('residence'), value: regionLabel(info.residenceRegion, locale) },
    { key: 'education', label: t('education'), value: educationLabel(info.education, locale) },
    { key: 'employer', label: t('employer'), value: info.employer || t('none') },
    { key: 'mobile', label: t('mobile'), value: info.mobile ?? '' },
    { key: 'address', label: t('address'), value: info.address ?? '', wide: true },
    { key: 'email', label: t('email'), value: <span className="break-all">{info.email ?? ''}</span>, wide: true },
    { key: 'invoice', label: t('invoice'), value: !invoice || invoice.type === 'none' ? t('invoiceNo') : t(invoice.type === 'personal' ? 'invoicePersonal' : 'invoiceEnterprise') },
    ...(invoice && invoice.type !== 'none' ? [{ key: 'invoiceTitle', label: t('invoiceTitle'), value: 'title' in invoice ? invoice.title : me.name }] : []),
    ...(invoice?.type === 'enterprise' ? [{ key: 'taxNumber', label: t('taxNumber'), value: invoice.taxNumber }] : []),
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-2" data-testid={testId}>
      {rows.map((r) => (
        <div key={r.key} className={cn('flex min-w-0 flex-col', r.wide && 'sm:col-span-2')} data-field={r.key}>
          <dt className="text-xs text-muted-foreground">{r.label}</dt>
          <dd className="min-w-0 break-words">{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}

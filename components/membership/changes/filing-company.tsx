import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { FilingCompany } from '@/lib/modules/membership/filing/schemas';

/** The company as registered (read-only on the filing pages: changed through an info change). */
export async function FilingCompanyInfo({ company }: { company: FilingCompany }) {
  const t = await getTranslations('membershipChanges.filing');
  const rows: Array<[string, string | null]> = [
    ['companyName', company.name],
    ['creditCode', company.creditCode],
    ['legalRepresentative', company.legalRepresentative],
    ['region', company.region],
    ['address', company.address],
    ['contactName', company.contactName],
    ['contactPhone', [company.contactPhone, company.landline].filter(Boolean).join(' / ') || null],
  ];
  return (
    <div className="flex flex-col gap-2">
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2" data-testid="filing-company">
        {rows.map(([k, v]) => (
          <div key={k} className="flex flex-col">
            <dt className="text-xs text-muted-foreground">{t(`fields.${k}`)}</dt>
            <dd className="break-words">{v || '—'}</dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-muted-foreground">
        {t('companyHint')}{' '}
        <Link href="/portal/membership/info-change" className="text-primary hover:underline">
          {t('changeInfo')}
        </Link>
      </p>
    </div>
  );
}

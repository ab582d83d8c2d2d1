import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { registrationTone } from '@/components/exam-admin/labels';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { areaCityLabel } from '@/lib/modules/exam/admin/cities';
import { canAdministerExams } from '@/lib/modules/exam/admin/services/access';
import { registrationDetail } from '@/lib/modules/exam/admin/services/registrations';
import { formatFen } from '@/lib/modules/exam/money';
import { requireActor } from '@/lib/platform/auth/server';
import { isAppError } from '@/lib/platform/errors';
import { findEducationLevel } from '@/lib/reference/education';
import { ethnicityName } from '@/lib/reference/ethnicities';
import { findIdType } from '@/lib/reference/id-types';
import { findNationality } from '@/lib/reference/nationalities';
import { regionPath } from '@/lib/reference/regions';

export async function generateMetadata() {
  return { title: (await getTranslations('examAdmin'))('registration.title') };
}

/** A registration info value as text; codes of the reference lists by their names, unknown shapes as JSON. */
function infoText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  return JSON.stringify(v);
}

/** The registration form's fields (lib/modules/exam/registration/schemas.ts) in its order, decoded; other keys after them. */
const INFO_FIELDS = ['nationality', 'ethnicity', 'residenceRegion', 'education', 'employer', 'mobile', 'address', 'email', 'invoice'] as const;
type InfoField = (typeof INFO_FIELDS)[number];

function decodeInfo(key: InfoField, v: unknown, t: (k: string, p?: Record<string, string>) => string): string {
  const s = typeof v === 'string' ? v : '';
  switch (key) {
    case 'nationality':
      return findNationality(s)?.name ?? infoText(v);
    case 'ethnicity':
      return ethnicityName(s) ?? infoText(v);
    case 'residenceRegion':
      return regionPath(s) ?? infoText(v);
    case 'education':
      return findEducationLevel(s)?.name ?? infoText(v);
    case 'invoice': {
      const inv = (v ?? {}) as { type?: string; title?: string; taxNumber?: string };
      if (inv.type === 'enterprise') return t('registration.invoiceEnterprise', { title: inv.title ?? '', taxNumber: inv.taxNumber ?? '' });
      if (inv.type === 'personal') return t('registration.invoicePersonal');
      if (inv.type === 'none') return t('registration.invoiceNone');
      return infoText(v);
    }
    default:
      return infoText(v);
  }
}

/** One registration with the candidate's whole ID number and contacts: the only place staff see them unmasked. */
export default async function RegistrationDetailPage({ params }: { params: Promise<{ id: string; registrationId: string }> }) {
  const { id, registrationId } = await params;
  const actor = await requireActor({ staff: true, next: `/staff/exams/${id}/registrations/${registrationId}` });
  const t = await getTranslations('examAdmin');
  if (!canAdministerExams(actor)) return <Forbidden detail={t('noPermission')} />;
  let r;
  try {
    r = await registrationDetail(await getDb(), actor, id, registrationId);
  } catch (e) {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  }
  const f = await getFormatter();
  const c = r.candidate;
  const total = r.subjects.reduce((s, x) => s + x.feeFen, 0);
  const when = (d: Date | null) => (d ? f.dateTime(d, 'datetime') : '—');
  const tr = t as unknown as (k: string, p?: Record<string, string>) => string;
  const info = [
    ...INFO_FIELDS.filter((k) => k in r.info).map((k) => ({ key: k, label: t(`registration.infoFields.${k}`), value: decodeInfo(k, r.info[k], tr) })),
    ...Object.entries(r.info)
      .filter(([k]) => !(INFO_FIELDS as readonly string[]).includes(k))
      .map(([k, v]) => ({ key: k, label: k, value: infoText(v) })),
  ];

  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardHeader className="flex flex-col gap-1">
          <Link href={`/staff/exams/${id}/registrations`} className="text-sm text-primary hover:underline">
            ← {t('registration.back')}
          </Link>
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-base font-semibold">{t('registration.heading', { name: c.name })}</h1>
            <Badge tone={registrationTone[r.status] ?? 'neutral'}>{t(`regStatus.${r.status}` as never)}</Badge>
          </div>
          <p className="text-xs text-muted-foreground">{t('registration.fullDataNote')}</p>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2" data-testid="candidate-data">
            <Item label={t('registration.name')} value={c.name} />
            <Item label={t('registration.idType')} value={(c.idType && findIdType(c.idType)?.label) || c.idType || '—'} />
            <Item label={t('registration.idNumber')} value={c.idNumber ?? '—'} mono />
            <Item label={t('registration.gender')} value={c.gender === 'male' || c.gender === 'female' ? t(`registration.genders.${c.gender}`) : '—'} />
            <Item label={t('registration.birthDate')} value={c.birthDate ?? '—'} />
            <Item label={t('registration.mobile')} value={c.mobile ?? '—'} mono />
            <Item label={t('registration.email')} value={c.email ?? '—'} />
            <Item label={t('registration.area')} value={r.area ? `${r.area.name}（${areaCityLabel(r.area.regionCode)}）` : '—'} />
            <Item label={t('registration.noticeAcceptedAt')} value={when(r.noticeAcceptedAt)} />
            <Item label={t('registration.createdAt')} value={when(r.createdAt)} />
            <Item label={t('registration.updatedAt')} value={when(r.updatedAt)} />
          </dl>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t('registration.subjects')}</CardTitle>
        </CardHeader>
        <CardContent>
          {r.subjects.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t('registration.noSubjects')}</p>
          ) : (
            <Table label={t('registration.subjects')}>
              <thead>
                <tr>
                  <Th>{t('registration.session')}</Th>
                  <Th>{t('subjects.code')}</Th>
                  <Th>{t('subjects.name')}</Th>
                  <Th className="text-right">{t('subjects.fee')}</Th>
                </tr>
              </thead>
              <tbody>
                {r.subjects.map((s) => (
                  <tr key={s.code}>
                    <Td>{s.session}</Td>
                    <Td className="font-mono">{s.code}</Td>
                    <Td>{s.name}</Td>
                    <Td className="text-right tabular-nums">{formatFen(s.feeFen)}</Td>
                  </tr>
                ))}
                <tr>
                  <Td colSpan={3} className="text-right font-medium">
                    {t('registration.total')}
                  </Td>
                  <Td className="text-right font-medium tabular-nums">{formatFen(total)}</Td>
                </tr>
              </tbody>
            </Table>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t('registration.orders')}</CardTitle>
        </CardHeader>
        <CardContent>
          {r.orders.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t('registration.noOrders')}</p>
          ) : (
            <Table stack label={t('registration.orders')}>
              <thead>
                <tr>
                  <Th>{t('registration.orderNumber')}</Th>
                  <Th className="text-right">{t('registration.orderAmount')}</Th>
                  <Th>{t('registration.orderStatus')}</Th>
                  <Th>{t('registration.orderCreated')}</Th>
                  <Th>{t('registration.orderPaid')}</Th>
                </tr>
              </thead>
              <tbody>
                {r.orders.map((o) => (
                  <tr key={o.id}>
                    <Td label={t('registration.orderNumber')} className="font-mono">{o.number}</Td>
                    <Td label={t('registration.orderAmount')} className="text-right tabular-nums">{formatFen(o.amountFen)}</Td>
                    <Td label={t('registration.orderStatus')}>{t(`orderStatus.${o.status}` as never)}</Td>
                    <Td label={t('registration.orderCreated')}>{when(o.createdAt)}</Td>
                    <Td label={t('registration.orderPaid')}>{when(o.paidAt)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t('registration.info')}</CardTitle>
        </CardHeader>
        <CardContent>
          {info.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t('registration.infoEmpty')}</p>
          ) : (
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2" data-testid="registration-info">
              {info.map((x) => (
                <Item key={x.key} label={x.label} value={x.value} />
              ))}
            </dl>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

function Item({ label, value, mono }: { label: string; value: string; mono?: boolean }) {
  return (
    <div className="flex flex-col">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className={mono ? 'font-mono' : undefined}>{value}</dd>
    </div>
  );
}

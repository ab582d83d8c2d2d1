import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db';
import { outboxStatusCounts } from '@/lib/platform/notify/mailbox';
import { requireActor } from '@/lib/platform/auth/server';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { StaffDashboardCharts } from '@/components/dashboard/staff-dashboard';
import { applicationFigures, financeFigures, parseDashboardFilter } from '@/lib/platform/dashboard';

/** The request's clock (a server component renders once per request). */
const requestTime = () => new Date();

const statuses = ['pending', 'processing', 'sent', 'dead'] as const;

export default async function StaffDashboard({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor({ staff: true, next: '/staff' });
  const t = await getTranslations('staff');
  const tAccount = await getTranslations('account');
  const sp = await searchParams;
  const passwordChanged = sp.passwordChanged;
  const db = await getDb();
  const filter = parseDashboardFilter(sp);
  const now = requestTime();
  const [counts, apps, finance] = await Promise.all([outboxStatusCounts(db), applicationFigures(db, actor, filter, now), financeFigures(db, actor, filter, now)]);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-lg font-semibold">{t('nav.dashboard')}</h1>
      {passwordChanged === '1' && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="password-changed">
          {tAccount('passwordChangedNotice')}
        </p>
      )}
      <StaffDashboardCharts filter={filter} apps={apps} finance={finance} />
      <Card>
        <CardHeader className="flex-row items-center justify-between">
          <CardTitle>{t('outboxTitle')}</CardTitle>
          <Link href="/mailbox" className="text-sm text-primary hover:underline">
            {t('nav.mailbox')}
          </Link>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="outbox-counts">
            {statuses.map((s) => (
              <div key={s} className="rounded-md bg-muted p-3">
                <dt className="text-xs text-muted-foreground">{t(`outboxStatus.${s}`)}</dt>
                <dd className={`text-2xl font-semibold ${s === 'dead' && counts[s] ? 'text-danger' : ''}`}>{counts[s] ?? 0}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
    </div>
  );
}

import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db';
import { outboxStatusCounts } from '@/lib/platform/notify/mailbox';
import { requireActor } from '@/lib/platform/auth/server';
import { can } from '@/lib/platform/auth/permissions';
import { env } from '@/lib/platform/env';
import { operationsStatus } from '@/lib/platform/operations';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { OperationsPanel } from '@/components/staff/operations-panel';
import { StaffDashboardCharts } from '@/components/dashboard/staff-dashboard';
import { applicationFigures, durationFigures, financeFigures, notificationFigures, parseDashboardFilter } from '@/lib/platform/dashboard';
import { dashboardSections } from '@/lib/platform/manifest';
import { listDelegations } from '@/lib/platform/delegation';

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
  const admin = can(actor, { action: 'staff.role', role: 'admin' });
  const tAll = await getTranslations();
  const params = Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]));
  const [counts, ops, apps, finance, delegations, durations, notifications, allSections] = await Promise.all([
    outboxStatusCounts(db),
    operationsStatus(db, { reconcileAfterSeconds: env().PAYMENT_RECONCILE_AFTER_SECONDS }),
    applicationFigures(db, actor, filter, now),
    financeFigures(db, actor, filter, now),
    admin ? listDelegations(db, actor, now) : Promise.resolve([]),
    durationFigures(db, actor, filter, now),
    notificationFigures(db, actor, filter, now),
    dashboardSections({ db, actor, days: filter.days, now, params, t: (key, values) => tAll(key as never, values as never) }),
  ]);
  const modules = [...new Set([...apps.modules, ...allSections.map((x) => x.module)])];
  const sections = filter.module ? allSections.filter((x) => x.module === filter.module) : allSections;
  const tc = await getTranslations('console.delegations');
  const activeDelegations = delegations.filter((d) => d.state === 'active');
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-lg font-semibold">{t('nav.dashboard')}</h1>
      {passwordChanged === '1' && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="password-changed">
          {tAccount('passwordChangedNotice')}
        </p>
      )}
      <StaffDashboardCharts filter={filter} apps={apps} finance={finance} durations={durations} notifications={notifications} sections={sections} modules={modules} outboxLinks={admin} />
      {admin && (
        <Card data-testid="active-delegations">
          <CardHeader className="flex-row items-center justify-between">
            <CardTitle>
              {tc('activeCard')} <span className="tabular-nums">{activeDelegations.length}</span>
            </CardTitle>
            <Link href="/staff/delegations?state=active" className="text-sm text-primary hover:underline">
              {tc('activeLink')}
            </Link>
          </CardHeader>
          {activeDelegations.length > 0 && (
            <CardContent>
              <ul className="flex flex-col gap-1 text-sm">
                {activeDelegations.slice(0, 5).map((d) => (
                  <li key={d.id}>
                    {d.substituteName} ← {d.delegatorName}（{d.startsOn} — {d.endsOn}）
                  </li>
                ))}
              </ul>
            </CardContent>
          )}
        </Card>
      )}
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
      <OperationsPanel status={ops} showFailures={admin} />
    </div>
  );
}

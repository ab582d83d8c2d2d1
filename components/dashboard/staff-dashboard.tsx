import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { kindName, roleLabel, stateLabel } from '@/components/workflow/labels';
import { Button } from '@/components/ui/button';
import { Label, Select } from '@/components/ui/input';
import { DASHBOARD_PERIODS, DUE_SOON_DAYS, type ApplicationFigures, type DashboardFilter, type FinanceFigures } from '@/lib/platform/dashboard';
import { ChartFigure, type ChartRow } from './chart-figure';

const COLORS = { primary: '#1d4ed8', second: '#0f766e', danger: '#b91c1c', warning: '#b45309' };

/** The dashboard's charts (server component): filters, applications, finance. */
export async function StaffDashboardCharts({ filter, apps, finance }: { filter: DashboardFilter; apps: ApplicationFigures; finance: FinanceFigures | null }) {
  const t = await getTranslations();
  const d = await getTranslations('console.dashboard');
  const q = (extra: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
    return p.toString();
  };
  const exportHref = (chart: string) => `/staff/dashboard/export?${q({ chart, days: String(filter.days), module: filter.module })}`;
  const labels = { showTable: d('showTable'), hideTable: d('hideTable'), export: d('export'), exporting: d('exporting'), empty: d('empty'), category: d('category') };
  const multiKind = new Set(apps.byState.map((r) => r.kind)).size > 1;
  const kindState = (kind: string, status: string) => (multiKind ? `${kindName(t, kind)} · ${stateLabel(t, kind, status)}` : stateLabel(t, kind, status));

  const stateRows: ChartRow[] = apps.byState.map((r) => ({
    label: kindState(r.kind, r.status),
    values: { n: r.n },
    links: { n: `/staff/queue?${q({ kind: r.kind, status: r.status, limit: '100' })}` },
  }));
  const weekRows: ChartRow[] = apps.weekly.map((w) => ({ label: d('weekly.week', { date: w.week.slice(5) }), values: { received: w.received, decided: w.decided } }));
  const deadlineRows: ChartRow[] = apps.deadlines.map((r) => ({
    label: `${kindState(r.kind, r.status)}（${r.waitingFor === 'applicant' ? d('deadlines.waitingApplicant') : r.waitingFor === 'staff' ? d('deadlines.waitingStaff') : r.waitingFor.split(',').map((role) => roleLabel(t, role)).join('、')}）`,
    values: { overdue: r.overdue, dueSoon: r.dueSoon },
    links: { overdue: `/staff/queue?${q({ kind: r.kind, status: r.status, due: 'overdue', limit: '100' })}`, dueSoon: `/staff/queue?${q({ kind: r.kind, status: r.status, due: 'soon', limit: '100' })}` },
  }));

  return (
    <div className="flex flex-col gap-4" data-testid="dashboard">
      <form method="get" role="search" aria-label={d('filters')} className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor="dash-days">{d('period')}</Label>
          <Select id="dash-days" name="days" defaultValue={String(filter.days)} className="h-8">
            {DASHBOARD_PERIODS.map((n) => (
              <option key={n} value={n}>
                {d('days', { days: n })}
              </option>
            ))}
          </Select>
        </div>
        {apps.modules.length > 1 && (
          <div className="flex flex-col gap-1">
            <Label htmlFor="dash-module">{d('module')}</Label>
            <Select id="dash-module" name="module" defaultValue={filter.module ?? ''} className="h-8">
              <option value="">{d('allModules')}</option>
              {apps.modules.map((m) => (
                <option key={m} value={m}>
                  {t(`modules.${m}.name` as never)}
                </option>
              ))}
            </Select>
          </div>
        )}
        <Button type="submit" size="sm">
          {d('apply')}
        </Button>
      </form>

      {apps.modules.length > 0 && (
        <section aria-labelledby="dash-apps" className="flex flex-col gap-3">
          <h2 id="dash-apps" className="text-base font-semibold">
            {d('applications')}
          </h2>
          <div className="grid gap-3 lg:grid-cols-2">
            <ChartFigure id="states" title={d('states.title')} description={d('states.desc')} series={[{ key: 'n', label: d('states.count'), color: COLORS.primary }]} rows={stateRows} exportHref={exportHref('states')} labels={labels} />
            <ChartFigure
              id="weekly"
              title={d('weekly.title')}
              description={d('weekly.desc')}
              series={[
                { key: 'received', label: d('weekly.received'), color: COLORS.primary },
                { key: 'decided', label: d('weekly.decided'), color: COLORS.second },
              ]}
              rows={weekRows}
              exportHref={exportHref('weekly')}
              labels={labels}
            />
            <ChartFigure
              id="deadlines"
              title={d('deadlines.title')}
              description={d('deadlines.desc', { days: DUE_SOON_DAYS })}
              series={[
                { key: 'overdue', label: d('deadlines.overdue'), color: COLORS.danger },
                { key: 'dueSoon', label: d('deadlines.dueSoon'), color: COLORS.warning },
              ]}
              rows={deadlineRows}
              exportHref={exportHref('deadlines')}
              labels={labels}
              stacked
            />
          </div>
        </section>
      )}

      {finance && (
        <section aria-labelledby="dash-finance" className="flex flex-col gap-3">
          <h2 id="dash-finance" className="text-base font-semibold">
            {d('finance')}
          </h2>
          <div className="grid gap-3 lg:grid-cols-2">
            <ChartFigure
              id="finance"
              title={d('financeDaily.title')}
              description={d('financeDaily.desc')}
              series={[
                { key: 'paid', label: d('financeDaily.paid'), color: COLORS.second },
                { key: 'refunded', label: d('financeDaily.refunded'), color: COLORS.danger },
              ]}
              rows={finance.daily.map((r) => ({
                label: r.day.slice(5),
                values: { paid: r.paid, refunded: r.refunded },
                links: { paid: `/staff/payments?${q({ status: 'paid', from: r.day, to: r.day })}`, refunded: r.refunded ? `/staff/payments?${q({ refund: 'refunded' })}` : undefined },
              }))}
              exportHref={exportHref('finance')}
              labels={labels}
            />
            <div className="flex flex-col justify-center gap-1 rounded-card border border-slate-200 bg-white p-4" data-testid="transfers-waiting">
              <p className="text-sm text-muted-foreground">{d('transfersWaiting')}</p>
              <p className="text-3xl font-semibold tabular-nums">{finance.transfersWaiting}</p>
              <Link href="/staff/payments/transfers" className="text-sm text-primary underline underline-offset-2">
                {d('transfersLink')}
              </Link>
            </div>
          </div>
        </section>
      )}
    </div>
  );
}

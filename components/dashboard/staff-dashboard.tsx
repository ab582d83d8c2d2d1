import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { kindName, roleLabel, stateLabel } from '@/components/workflow/labels';
import { Button } from '@/components/ui/button';
import { Label, Select } from '@/components/ui/input';
import {
  DASHBOARD_PERIODS,
  DUE_SOON_DAYS,
  type ApplicationFigures,
  type DashboardFilter,
  type DurationFigure,
  type FinanceFigures,
  type NotificationFigures,
} from '@/lib/platform/dashboard';
import type { DashboardSection, PanelColor } from '@/lib/platform/dashboard-panels';
import { ChartFigure, type ChartRow } from './chart-figure';

const COLORS: Record<PanelColor, string> = { primary: '#1d4ed8', second: '#0f766e', danger: '#b91c1c', warning: '#b45309', muted: '#475569' };

/**
 * The dashboard's charts (server component): filters, applications, time in
 * each state, finance, notifications, and the sections modules contribute
 * (manifest `dashboardPanels`), all with the same accessible figure.
 */
export async function StaffDashboardCharts({
  filter,
  apps,
  finance,
  durations,
  notifications,
  sections,
  modules,
  outboxLinks,
}: {
  filter: DashboardFilter;
  apps: ApplicationFigures;
  finance: FinanceFigures | null;
  durations: DurationFigure[];
  notifications: NotificationFigures | null;
  /** The modules' sections shown (the module filter applied). */
  sections: Array<DashboardSection & { module: string }>;
  /** Every module with figures for this actor (the module filter's choices). */
  modules: string[];
  /** Whether the notification figures link to the delivery list (admins). */
  outboxLinks: boolean;
}) {
  const t = await getTranslations();
  const d = await getTranslations('console.dashboard');
  const q = (extra: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
    return p.toString();
  };
  // The modules' own filters (an exam …), kept in the export links of their panels.
  const panelFilters = Object.fromEntries(sections.flatMap((x) => x.filters ?? []).map((x) => [x.name, x.value]));
  const exportHref = (chart: string, extra: Record<string, string | undefined> = {}) => `/staff/dashboard/export?${q({ chart, days: String(filter.days), module: filter.module, ...extra })}`;
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
        {modules.length > 1 && (
          <div className="flex flex-col gap-1">
            <Label htmlFor="dash-module">{d('module')}</Label>
            <Select id="dash-module" name="module" defaultValue={filter.module ?? ''} className="h-8">
              <option value="">{d('allModules')}</option>
              {modules.map((m) => (
                <option key={m} value={m}>
                  {t(`modules.${m}.name` as never)}
                </option>
              ))}
            </Select>
          </div>
        )}
        {sections.flatMap((sec) =>
          (sec.filters ?? []).map((pf) => (
            <div key={`${sec.module}-${pf.name}`} className="flex flex-col gap-1">
              <Label htmlFor={`dash-${pf.name}`}>{pf.label}</Label>
              <Select id={`dash-${pf.name}`} name={pf.name} defaultValue={pf.value ?? ''} className="h-8 max-w-64">
                <option value="">{pf.allLabel}</option>
                {pf.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            </div>
          )),
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
            <ChartFigure
              id="durations"
              title={d('durations.title')}
              description={d('durations.desc')}
              series={[
                { key: 'avg', label: d('durations.avg'), color: COLORS.primary, format: 'days' },
                { key: 'p90', label: d('durations.p90'), color: COLORS.muted, format: 'days' },
                { key: 'due', label: d('durations.due'), color: COLORS.danger, draw: 'mark' },
                { key: 'stays', label: d('durations.stays'), color: COLORS.muted, draw: 'table' },
              ]}
              rows={durations.map((r) => ({
                label: kindState(r.kind, r.status),
                values: { avg: r.avgDays, p90: r.p90Days, due: r.dueDays, stays: r.stays },
                links: { avg: `/staff/queue?${q({ kind: r.kind, status: r.status, limit: '100' })}`, p90: `/staff/queue?${q({ kind: r.kind, status: r.status, limit: '100' })}` },
              }))}
              exportHref={exportHref('durations')}
              labels={labels}
              decimals
            />
          </div>
        </section>
      )}

      {sections.map((sec) => (
        <section key={sec.module} aria-labelledby={`dash-module-${sec.module}`} className="flex flex-col gap-3" data-testid={`dashboard-section-${sec.module}`}>
          <h2 id={`dash-module-${sec.module}`} className="text-base font-semibold">
            {sec.title}
          </h2>
          <div className="grid gap-3 lg:grid-cols-2">
            {sec.panels.map((p) => (
              <ChartFigure
                key={p.id}
                id={p.id}
                title={p.title}
                description={p.description}
                category={p.category}
                series={p.series.map((x) => ({ key: x.key, label: x.label, color: COLORS[x.color ?? 'primary'], draw: x.draw, format: x.format }))}
                rows={p.rows}
                stacked={p.stacked}
                exportHref={exportHref(`panel:${p.id}`, Object.fromEntries((sec.filters ?? []).map((x) => [x.name, panelFilters[x.name]])))}
                labels={labels}
              />
            ))}
          </div>
        </section>
      ))}

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

      {notifications && (
        <section aria-labelledby="dash-notifications" className="flex flex-col gap-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="dash-notifications" className="text-base font-semibold">
              {d('notificationsSection')}
            </h2>
            {outboxLinks && (
              <Link href="/staff/outbox" className="text-sm text-primary underline underline-offset-2">
                {d('deliveriesLink')}
              </Link>
            )}
          </div>
          <div className="grid gap-3 lg:grid-cols-2">
            <ChartFigure
              id="notifications"
              title={d('notifications.title')}
              description={d('notifications.desc')}
              series={[
                { key: 'queued', label: d('notifications.queued'), color: COLORS.primary },
                { key: 'sent', label: d('notifications.sent'), color: COLORS.second },
                { key: 'failed', label: d('notifications.failed'), color: COLORS.danger },
              ]}
              rows={notifications.daily.map((r) => ({
                label: r.day.slice(5),
                values: { queued: r.queued, sent: r.sent, failed: r.failed },
                links: outboxLinks
                  ? { queued: `/staff/outbox?${q({ queuedOn: r.day })}`, sent: `/staff/outbox?${q({ status: 'sent', sentOn: r.day })}`, failed: `/staff/outbox?${q({ status: 'dead', failedOn: r.day })}` }
                  : undefined,
              }))}
              exportHref={exportHref('notifications')}
              labels={labels}
            />
            <ChartFigure
              id="backlog"
              title={d('backlog.title')}
              description={d('backlog.desc')}
              category={d('columns.channel')}
              series={[
                { key: 'waiting', label: d('backlog.waiting'), color: COLORS.primary },
                { key: 'retrying', label: d('backlog.retrying'), color: COLORS.warning },
                { key: 'dead', label: d('backlog.dead'), color: COLORS.danger },
              ]}
              rows={notifications.backlog.map((r) => ({
                label: d(`notifications.channel.${r.channel}`),
                values: { waiting: r.waiting, retrying: r.retrying, dead: r.dead },
                links: outboxLinks
                  ? {
                      waiting: `/staff/outbox?${q({ channel: r.channel, status: 'waiting' })}`,
                      retrying: `/staff/outbox?${q({ channel: r.channel, status: 'retrying' })}`,
                      dead: `/staff/outbox?${q({ channel: r.channel, status: 'dead' })}`,
                    }
                  : undefined,
              }))}
              exportHref={exportHref('backlog')}
              labels={labels}
              stacked
            />
          </div>
        </section>
      )}
    </div>
  );
}

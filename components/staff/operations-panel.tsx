import { getFormatter, getTranslations } from 'next-intl/server';
import type { OperationsStatus } from '@/lib/platform/operations';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';

/**
 * The staff dashboard's view of the background work across every instance:
 * the outbox backlog and failures, reconciliation, refunds, and which
 * instances delivered lately. The failures' texts go to admins only.
 */
export async function OperationsPanel({ status, showFailures }: { status: OperationsStatus; showFailures: boolean }) {
  const t = await getTranslations('operations');
  const f = await getFormatter();
  const age = (s: number) => (s <= 0 ? t('none') : s < 120 ? t('seconds', { n: Math.round(s) }) : s < 7200 ? t('minutes', { n: Math.round(s / 60) }) : t('hours', { n: Math.round(s / 3600) }));
  const { outbox, payments } = status;
  const tiles: Array<{ key: string; label: string; value: string | number; bad?: boolean }> = [
    { key: 'backlog', label: t('backlog'), value: outbox.due, bad: outbox.oldestDueSeconds > 300 },
    { key: 'oldest', label: t('oldest'), value: age(outbox.oldestDueSeconds), bad: outbox.oldestDueSeconds > 300 },
    { key: 'retrying', label: t('retrying'), value: outbox.retrying },
    { key: 'dead', label: t('dead'), value: outbox.dead, bad: outbox.dead > 0 },
    { key: 'deadLastDay', label: t('deadLastDay'), value: outbox.deadLastDay, bad: outbox.deadLastDay > 0 },
    { key: 'expiredLeases', label: t('expiredLeases'), value: outbox.expiredLeases },
    { key: 'awaitingReconciliation', label: t('awaitingReconciliation'), value: payments.awaitingReconciliation },
    { key: 'reconciliationLag', label: t('reconciliationLag'), value: age(payments.reconciliationLagSeconds), bad: payments.reconciliationLagSeconds > 600 },
    { key: 'refundsWaiting', label: t('refundsWaiting'), value: payments.refundsWaiting },
    { key: 'refundsFailed', label: t('refundsFailed'), value: payments.refundsFailed, bad: payments.refundsFailed > 0 },
  ];
  return (
    <Card data-testid="operations-panel">
      <CardHeader>
        <CardTitle>{t('title')}</CardTitle>
        <p className="text-xs text-muted-foreground">{t('subtitle')}</p>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {outbox.dead > 0 && showFailures && (
          <p role="alert" className="rounded-md border border-danger/40 bg-danger/5 p-2 text-sm text-danger">
            {t('alert', { n: outbox.dead })}
          </p>
        )}
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
          {tiles.map((x) => (
            <div key={x.key} className="rounded-md bg-muted p-3" data-testid={`ops-${x.key}`}>
              <dt className="text-xs text-muted-foreground">{x.label}</dt>
              <dd className={`text-xl font-semibold ${x.bad ? 'text-danger' : ''}`}>{x.value}</dd>
            </div>
          ))}
        </dl>
        <div>
          <h3 className="mb-1 text-sm font-medium">{t('workersTitle')}</h3>
          {outbox.workers.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t('workersEmpty')}</p>
          ) : (
            <ul className="text-sm" data-testid="ops-workers">
              {outbox.workers.map((w) => (
                <li key={w.id}>{t('worker', { id: w.id, n: w.delivered, at: f.dateTime(w.lastAt, { hour: '2-digit', minute: '2-digit', second: '2-digit' }) })}</li>
              ))}
            </ul>
          )}
        </div>
        {showFailures && (
          <div>
            <h3 className="mb-1 text-sm font-medium">{t('failuresTitle')}</h3>
            {outbox.recentFailures.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t('failuresEmpty')}</p>
            ) : (
              <ul className="flex flex-col gap-1 text-sm" data-testid="ops-failures">
                {outbox.recentFailures.map((x) => (
                  <li key={x.id} className="rounded-md border p-2">
                    <span className="font-medium">
                      #{x.id} {t(`channel.${x.channel === 'email' || x.channel === 'sms' ? x.channel : 'job'}`)}
                      {x.type ? ` · ${x.type}` : ''}
                    </span>{' '}
                    <span className={x.status === 'dead' ? 'text-danger' : 'text-warning'}>{t(`failureStatus.${x.status === 'dead' ? 'dead' : 'pending'}`)}</span>{' '}
                    <span className="text-muted-foreground">
                      {t('attempts', { n: x.attempts })} · {f.dateTime(x.at, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })}
                    </span>
                    <div className="break-all text-xs text-muted-foreground">{x.lastError}</div>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </CardContent>
    </Card>
  );
}

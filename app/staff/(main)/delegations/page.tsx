import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { DelegationForm, RevokeDelegationButton } from '@/components/delegation/delegation-form';
import { ExportButton } from '@/components/console/export-button';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';
import { cn } from '@/lib/utils';
import { beijingDay, listDelegations, substituteCandidates } from '@/lib/platform/delegation';

// The request's time (outside the component: rendering itself stays pure).
const requestTime = () => new Date();

export async function generateMetadata() {
  return { title: (await getTranslations('delegation'))('title') };
}

const TONE = { active: 'success', upcoming: 'primary', expired: 'neutral', revoked: 'neutral' } as const;

/**
 * 代理设置: a staff member who will be away names a substitute for one of
 * their roles and a range of days; both see the delegation here, and every
 * act of the substitute is recorded as on the delegator's behalf.
 */
const STATES = ['active', 'upcoming', 'expired', 'revoked'] as const;

export default async function DelegationsPage({ searchParams }: { searchParams: Promise<{ state?: string }> }) {
  const actor = await requireActor({ staff: true, next: '/staff/delegations' });
  const sp = await searchParams;
  const only = STATES.find((s) => s === sp.state);
  const admin = can(actor, { action: 'staff.role', role: 'admin' });
  const t = await getTranslations();
  const db = await getDb();
  const now = requestTime();
  const [all, options] = await Promise.all([listDelegations(db, actor, now), substituteCandidates(db, actor)]);
  const rows = only ? all.filter((r) => r.state === only) : all;
  const activeCount = all.filter((r) => r.state === 'active').length;
  const roleLabel = (role: string, module: string) => `${t(`workflow.roles.${role}` as never)}${module === '*' ? '' : `（${t(`modules.${module}.name` as never)}）`}`;
  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardHeader>
          <h1 className="text-base font-semibold">{t('delegation.title')}</h1>
          <p className="text-sm text-muted-foreground">{t('delegation.intro')}</p>
        </CardHeader>
        <CardContent>
          <DelegationForm
            today={beijingDay(now)}
            roles={options.map((o) => ({ value: `${o.role}|${o.module}`, role: o.role, module: o.module, label: roleLabel(o.role, o.module), candidates: o.candidates }))}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="text-sm font-semibold">{admin ? t('console.delegations.allTitle') : t('delegation.listTitle')}</h2>
            <ExportButton href={`/staff/delegations/export${only ? `?state=${only}` : ''}`} fallbackName="delegations.xlsx" testId="delegations-export" />
          </div>
          {admin && <p className="text-xs text-muted-foreground">{t('console.delegations.adminIntro', { count: activeCount })}</p>}
          <nav aria-label={t('console.delegations.filter')} className="mt-2 flex flex-wrap gap-2 text-xs">
            {[undefined, ...STATES].map((s) => (
              <Link
                key={s ?? 'all'}
                href={s ? `/staff/delegations?state=${s}` : '/staff/delegations'}
                aria-current={only === s ? 'page' : undefined}
                className={cn('rounded-full border px-3 py-1', only === s ? 'border-primary bg-primary-soft text-primary' : 'border-slate-200 hover:bg-slate-50')}
              >
                {s ? t(`delegation.states.${s}`) : t('console.delegations.all')}
                {s === 'active' && <span className="ml-1 font-semibold tabular-nums">{activeCount}</span>}
              </Link>
            ))}
          </nav>
        </CardHeader>
        <CardContent>
          {rows.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t('delegation.empty')}</p>
          ) : (
            <Table stack data-testid="delegations">
              <thead>
                <tr>
                  <Th>{t('delegation.columns.delegator')}</Th>
                  <Th>{t('delegation.columns.substitute')}</Th>
                  <Th>{t('delegation.columns.role')}</Th>
                  <Th>{t('delegation.columns.period')}</Th>
                  <Th>{t('delegation.columns.reason')}</Th>
                  <Th>{t('delegation.columns.state')}</Th>
                  <Th>{t('delegation.columns.actions')}</Th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <Td label={t('delegation.columns.delegator')}>{r.delegatorName}</Td>
                    <Td label={t('delegation.columns.substitute')}>{r.substituteName}</Td>
                    <Td label={t('delegation.columns.role')}>{roleLabel(r.role, r.module)}</Td>
                    <Td label={t('delegation.columns.period')} className="whitespace-nowrap tabular-nums">
                      {r.startsOn} — {r.endsOn}
                    </Td>
                    <Td label={t('delegation.columns.reason')}>{r.reason || '—'}</Td>
                    <Td label={t('delegation.columns.state')}>
                      <Badge tone={TONE[r.state]}>{t(`delegation.states.${r.state}`)}</Badge>
                    </Td>
                    <Td label={t('delegation.columns.actions')}>
                      {(r.state === 'active' || r.state === 'upcoming') && (r.delegatorId === actor.id || (actor.kind === 'staff' && actor.roles.some((x) => x.role === 'admin'))) ? (
                        <RevokeDelegationButton id={r.id} label={t('delegation.revoke')} body={t('delegation.revokeBody', { name: r.substituteName })} confirm={t('delegation.form.confirm')} cancel={t('delegation.form.cancel')} />
                      ) : (
                        '—'
                      )}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

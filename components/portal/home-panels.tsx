import * as React from 'react';
import { AlertTriangle, Info, AlertOctagon } from 'lucide-react';
import { getLocale, getTranslations } from 'next-intl/server';
import { AppLink } from '@/components/ui/app-link';
import { localizeSiteText } from '@/i18n/site-text';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { badgeTone, stateLabel } from '@/components/workflow/labels';
import type { HomePanel } from '@/lib/platform/manifest';
import { findKind } from '@/lib/platform/workflow';

const ALERT_TONE = {
  info: { box: 'border-blue-200 bg-blue-50 text-blue-900', icon: Info },
  warning: { box: 'border-amber-300 bg-amber-50 text-amber-900', icon: AlertTriangle },
  danger: { box: 'border-red-300 bg-red-50 text-red-900', icon: AlertOctagon },
} as const;

/** A panel's alert: what the account must see first, in its tone, with its details and what to do. */
function PanelAlert({ alert }: { alert: NonNullable<HomePanel['alert']> }) {
  const tone = ALERT_TONE[alert.tone];
  const Icon = tone.icon;
  return (
    <section role={alert.tone === 'info' ? 'status' : 'alert'} className={`flex gap-3 rounded-md border p-3 ${tone.box}`} data-testid={alert.testId} data-tone={alert.tone}>
      <Icon className="mt-0.5 h-5 w-5 shrink-0" aria-hidden />
      <div className="flex min-w-0 flex-1 flex-col gap-1.5 text-sm">
        <h3 className="font-semibold">{alert.title}</h3>
        {alert.body && <p>{alert.body}</p>}
        {alert.details && alert.details.length > 0 && (
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
            {alert.details.map((d) => (
              <React.Fragment key={d.label}>
                <dt className="opacity-75">{d.label}</dt>
                <dd className="font-medium">{d.value}</dd>
              </React.Fragment>
            ))}
          </dl>
        )}
        {alert.action && (
          <div className="pt-1">
            <Button asChild size="sm" variant={alert.tone === 'danger' ? 'danger' : 'default'}>
              <AppLink href={alert.action.href}>{alert.action.label}</AppLink>
            </Button>
          </div>
        )}
      </div>
    </section>
  );
}

const TONE = { neutral: 'neutral', info: 'primary', warning: 'warning', success: 'success', danger: 'danger' } as const;

/** A module's portal home, from the panels its manifest returns (what the account holds, what it can do, what is in flight). */
export async function HomePanels({ panels }: { panels: HomePanel[] }) {
  const t = await getTranslations();
  const locale = await getLocale();
  return panels.map((p, i) => (
    <Card key={i}>
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle>{p.title}</CardTitle>
        {p.action && (
          <Button asChild size="sm">
            <AppLink href={p.action.href}>{p.action.label}</AppLink>
          </Button>
        )}
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {p.alert && <PanelAlert alert={p.alert} />}
        {p.holdings && (
          <div>
            <h3 className="mb-1 text-sm font-medium">{p.holdings.title}</h3>
            {p.holdings.items.length === 0 ? (
              <p className="text-sm text-muted-foreground">{p.holdings.empty}</p>
            ) : (
              <ul className="flex flex-wrap gap-2" data-testid={p.testId}>
                {p.holdings.items.map((h, j) => (
                  <li key={j} title={h.detail}>
                    <Badge tone={TONE[h.tone ?? 'neutral']}>{localizeSiteText(h.label, locale)}</Badge>
                    {h.detail && <span className="ml-1 text-xs text-muted-foreground">{h.detail}</span>}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {p.applications && p.applications.items.length > 0 && (
          <div>
            <h3 className="mb-1 text-sm font-medium">{p.applications.title}</h3>
            <ul className="divide-y divide-slate-100">
              {p.applications.items.map((a) => (
                <li key={a.id} className="flex items-center justify-between py-2 text-sm">
                  <AppLink href={a.href ?? `/portal/applications/${a.id}`} className="font-mono text-primary hover:underline">
                    {a.number}
                  </AppLink>
                  <Badge tone={badgeTone(findKind(a.kind)?.states[a.status]?.tone)}>{stateLabel(t, a.kind, a.status)}</Badge>
                </li>
              ))}
            </ul>
          </div>
        )}
        {p.links && p.links.length > 0 && (
          <ul className="grid gap-2 sm:grid-cols-2">
            {p.links.map((l) => (
              <li key={l.href}>
                <AppLink href={l.href} className="block rounded-md border border-slate-200 p-3 hover:border-primary">
                  <span className="font-medium text-primary">{l.label}</span>
                  {l.description && <span className="mt-1 block text-xs text-muted-foreground">{l.description}</span>}
                </AppLink>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  ));
}

import { AppLink } from '@/components/ui/app-link';
import { getLocale, getTranslations } from 'next-intl/server';
import { localizeSiteText } from '@/i18n/site-text';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { badgeTone, stateLabel } from '@/components/workflow/labels';
import type { HomePanel } from '@/lib/platform/manifest';
import { findKind } from '@/lib/platform/workflow';

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

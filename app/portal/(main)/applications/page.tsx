import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { badgeTone, kindName, stateLabel } from '@/components/workflow/labels';
import { getDb } from '@/db';
import { requireActor } from '@/lib/platform/auth/server';
import { applicantItems } from '@/lib/platform/manifest';
import { applicantHref, findKind, myApplications } from '@/lib/platform/workflow';

export async function generateMetadata() {
  return { title: (await getTranslations('workflow.mine'))('title') };
}

const TONE = { neutral: 'neutral', info: 'primary', warning: 'warning', success: 'success', danger: 'danger' } as const;

/**
 * 我的申请: every application of this account (for organizations: of the org,
 * in modules the account may use), and what modules outside the engine hold
 * for it (exam registrations), newest first.
 */
export default async function MyApplicationsPage() {
  const actor = await requireActor({ next: '/portal/applications' });
  const t = await getTranslations();
  const f = await getFormatter();
  const db = await getDb();
  const [apps, items] = await Promise.all([myApplications(db, actor), applicantItems({ db, actor, t: (key, values) => t(key as never, values as never) })]);
  const rows = [
    ...apps.map((a) => ({ key: a.id, href: applicantHref(a), kindLabel: kindName(t, a.kind), number: a.number, updatedAt: a.updatedAt, statusLabel: stateLabel(t, a.kind, a.status), tone: badgeTone(findKind(a.kind)?.states[a.status]?.tone) })),
    ...items.map((i) => ({ key: i.key, href: i.href, kindLabel: i.kindLabel, number: i.number, updatedAt: i.updatedAt, statusLabel: i.statusLabel, tone: TONE[i.tone] })),
  ].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  return (
    <Card className="max-w-5xl">
      <CardHeader>
        <h1 className="text-xl font-semibold">{t('workflow.mine.title')}</h1>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="py-6 text-center text-sm text-muted-foreground">{t('workflow.mine.empty')}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="my-applications">
            {rows.map((a) => (
              <li key={a.key} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <Link href={a.href} className="flex flex-col hover:underline">
                  <span className="text-sm font-medium">{a.kindLabel}</span>
                  <span className="font-mono text-xs text-muted-foreground">{a.number}</span>
                </Link>
                <span className="flex items-center gap-2 text-xs text-muted-foreground">
                  {f.dateTime(a.updatedAt, 'datetime')}
                  <Badge tone={a.tone}>{a.statusLabel}</Badge>
                </span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

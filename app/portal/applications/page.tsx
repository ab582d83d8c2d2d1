import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { badgeTone, kindName, stateLabel } from '@/components/workflow/labels';
import { getDb } from '@/db';
import { requireActor } from '@/lib/platform/auth/server';
import { findKind, myApplications } from '@/lib/platform/workflow';

export async function generateMetadata() {
  return { title: (await getTranslations('workflow.mine'))('title') };
}

/** 我的申请: every application of this account (for organizations: of the org, in modules the account may use). */
export default async function MyApplicationsPage() {
  const actor = await requireActor({ next: '/portal/applications' });
  const t = await getTranslations();
  const f = await getFormatter();
  const rows = await myApplications(await getDb(), actor);
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
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <Link href={`/portal/applications/${a.id}`} className="flex flex-col hover:underline">
                  <span className="text-sm font-medium">{kindName(t, a.kind)}</span>
                  <span className="font-mono text-xs text-muted-foreground">{a.number}</span>
                </Link>
                <span className="flex items-center gap-2 text-xs text-muted-foreground">
                  {f.dateTime(a.updatedAt, 'datetime')}
                  <Badge tone={badgeTone(findKind(a.kind)?.states[a.status]?.tone)}>{stateLabel(t, a.kind, a.status)}</Badge>
                </span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

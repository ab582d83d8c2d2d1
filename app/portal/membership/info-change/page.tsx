import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { FormAlert } from '@/components/forms/field';
import { ChangeApplicationsTable } from '@/components/membership/changes/applications-table';
import { enterpriseGate } from '@/components/membership/changes/enterprise-gate';
import { MembershipSupportCard } from '@/components/membership/changes/support-card';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { stateLabel } from '@/components/workflow/labels';
import { getDb } from '@/db';
import { infoChangeOverview } from '@/lib/modules/membership/info-change/queries';
import { PROFILE_FIELDS } from '@/lib/modules/membership/info-change/schemas';
import { requireActor } from '@/lib/platform/auth/server';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('membershipChanges.infoChange'))('title') };
}

/** 信息变更: the registered information now, the enterprise's change requests, and 申请变更 when none is open. */
export default async function InfoChangePage() {
  const actor = await requireActor({ next: '/portal/membership/info-change' });
  const gate = await enterpriseGate(actor);
  if (gate) return gate;
  const db = await getDb();
  const overview = await infoChangeOverview(db, actor);
  const t = await getTranslations();
  const m = await getTranslations('membershipChanges');
  if (!overview) return null;
  const { display, applications, open } = overview;
  return (
    <div className="flex max-w-5xl flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold">{m('infoChange.title')}</h1>
        <p className="mt-1 text-sm text-muted-foreground">{m('infoChange.intro')}</p>
      </div>
      <Card>
        <CardHeader>
          <h2 className="text-sm font-semibold">{m('infoChange.current')}</h2>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2" data-testid="registered-profile">
            {PROFILE_FIELDS.map((f) => (
              <div key={f} className="flex flex-col" data-field={f}>
                <dt className="text-xs text-muted-foreground">{m(`infoChange.fields.${f}`)}</dt>
                <dd className="break-words">{display[f] ?? '—'}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
          <h2 className="text-sm font-semibold">{m('infoChange.applications')}</h2>
          {!open && (
            <Button asChild size="sm">
              <Link href="/portal/membership/info-change/new">{m('infoChange.new')}</Link>
            </Button>
          )}
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          {open && (
            <FormAlert tone="info" message={m('common.openNote', { number: open.number, status: stateLabel(t, open.kind, open.status) })}>
              {' '}
              <Link href={open.href} className="font-medium underline">
                {m('common.openLink')}
              </Link>
            </FormAlert>
          )}
          <ChangeApplicationsTable
            rows={applications}
            testId="info-change-applications"
            about={{ title: m('infoChange.changed'), render: (r) => r.changed.map((f) => m(`infoChange.fields.${f}`)).join('、') || '—' }}
          />
        </CardContent>
      </Card>
      <MembershipSupportCard db={db} />
    </div>
  );
}

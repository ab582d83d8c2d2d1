import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { badgeTone, stateLabel } from '@/components/workflow/labels';
import type { Db } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { FIELD_CHANGE } from '@/lib/modules/accreditation/field-change/kind';
import { heldFields } from '@/lib/modules/accreditation/field-change/services/held-fields';
import { findKind, myApplications } from '@/lib/platform/workflow';

/** Module A in the portal: the institution's business fields and its 业务领域变更 applications. */
export async function AccreditationHome({ db, actor }: { db: Db; actor: Extract<Actor, { kind: 'organization' }> }) {
  const t = await getTranslations();
  const [held, apps] = await Promise.all([heldFields(db, actor.orgId), myApplications(db, actor, { module: 'accreditation' })]);
  const changes = apps.filter((a) => a.kind === FIELD_CHANGE);
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle>{t('accreditation.fieldChange.title')}</CardTitle>
        <Button asChild size="sm">
          <Link href="/portal/field-change/new">{t('accreditation.fieldChange.new')}</Link>
        </Button>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <div>
          <h3 className="mb-1 text-sm font-medium">{t('accreditation.fieldChange.held')}</h3>
          {held.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t('accreditation.fieldChange.noneHeld')}</p>
          ) : (
            <ul className="flex flex-wrap gap-2" data-testid="held-fields">
              {held.map((f) => (
                <li key={f.key}>
                  <Badge tone="success">{f.label}</Badge>
                </li>
              ))}
            </ul>
          )}
        </div>
        {changes.length > 0 && (
          <div>
            <h3 className="mb-1 text-sm font-medium">{t('accreditation.fieldChange.mine')}</h3>
            <ul className="divide-y divide-slate-100">
              {changes.map((a) => (
                <li key={a.id} className="flex items-center justify-between py-2 text-sm">
                  <Link href={`/portal/applications/${a.id}`} className="font-mono text-primary hover:underline">
                    {a.number}
                  </Link>
                  <Badge tone={badgeTone(findKind(a.kind)?.states[a.status]?.tone)}>{stateLabel(t, a.kind, a.status)}</Badge>
                </li>
              ))}
            </ul>
          </div>
        )}
      </CardContent>
    </Card>
  );
}

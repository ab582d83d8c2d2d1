import { getTranslations } from 'next-intl/server';
import { ResendVerification } from '@/components/accreditation/verify-button';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { FlowRecord } from '@/components/workflow/flow-record';
import { badgeTone, stateLabel } from '@/components/workflow/labels';
import { ProgressRail } from '@/components/workflow/progress-rail';
import { ApplicationSummary } from '@/components/workflow/summary';
import { getDb } from '@/db';
import { preApplicationByViewToken } from '@/lib/modules/accreditation/pre-application/services/by-token';
import { isAppError } from '@/lib/platform/errors';
import { flowRecord, getKind } from '@/lib/platform/workflow';

export async function generateMetadata() {
  return { title: (await getTranslations('accreditation.preApplication'))('viewTitle') };
}

/** The view link: the pre-application with its progress and flow record (the link is the credential). */
export default async function ViewPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const token = (await searchParams).token ?? '';
  const t = await getTranslations();
  const db = await getDb();
  const app = await preApplicationByViewToken(db, token).catch((e) => {
    if (isAppError(e)) return null;
    throw e;
  });
  if (!app) {
    return (
      <Card className="w-full max-w-lg">
        <CardContent className="flex flex-col gap-3 pt-6">
          <h1 className="text-xl font-semibold">{t('accreditation.preApplication.linkInvalidTitle')}</h1>
          <p role="alert" className="text-sm text-danger">
            {t('accreditation.preApplication.linkInvalid')}
          </p>
        </CardContent>
      </Card>
    );
  }
  const entries = await flowRecord(db, app, 'public');
  return (
    <div className="flex w-full max-w-3xl flex-col gap-4">
      <Card>
        <CardHeader className="flex flex-col gap-3">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold">{t('accreditation.preApplication.viewTitle')}</h1>
            <span className="font-mono text-sm text-muted-foreground">{app.number}</span>
            <Badge tone={badgeTone(getKind(app.kind).states[app.status]?.tone)} data-testid="application-status">
              {stateLabel(t, app.kind, app.status)}
            </Badge>
          </div>
          <ProgressRail app={app} />
          {app.status === 'unverified' && (
            <div className="flex flex-col gap-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm">
              <p>{t('accreditation.preApplication.unverifiedHint')}</p>
              <ResendVerification token={token} />
            </div>
          )}
          <p className="text-xs text-muted-foreground">{t('accreditation.preApplication.viewLinkNote')}</p>
        </CardHeader>
        <CardContent>
          <ApplicationSummary app={app} />
        </CardContent>
      </Card>
      <Card>
        <CardContent className="pt-4">
          <FlowRecord kind={app.kind} entries={entries} />
        </CardContent>
      </Card>
    </div>
  );
}

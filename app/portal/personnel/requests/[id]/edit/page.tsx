import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { FormAlert } from '@/components/forms/field';
import { RequestForm } from '@/components/personnel/request-form';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { ApplicationSlots } from '@/components/workflow/application-slots';
import { badgeTone, stateLabel } from '@/components/workflow/labels';
import { getDb } from '@/db';
import { myRequest, requestCertificate } from '@/lib/modules/personnel/reissue/queries';
import { CERTIFICATE_REISSUE, type RequestData } from '@/lib/modules/personnel/reissue/schemas';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';
import { isAppError } from '@/lib/platform/errors';
import { findKind, lastOpinion } from '@/lib/platform/workflow';

export const dynamic = 'force-dynamic';

const day = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(iso));

/** A reissue or change request being prepared (or returned for changes): the certificate, the form, print, uploads, 申请. */
export default async function RequestEditPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor({ next: `/portal/personnel/requests/${id}/edit` });
  const t = await getTranslations();
  const tp = await getTranslations('personnel');
  if (actor.kind !== 'individual' || !can(actor, { action: 'module.use', module: 'personnel' })) return <Forbidden detail={tp('errors.individualsOnly')} />;
  const db = await getDb();
  const app = await myRequest(db, actor, id).catch((e) => {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  if (app.status !== 'draft' && app.status !== 'returned') redirect(`/portal/applications/${app.id}`);
  const kind = app.kind === CERTIFICATE_REISSUE ? 'reissue' : 'change';
  const [cert, returned] = await Promise.all([requestCertificate(db, actor, app), app.status === 'returned' ? lastOpinion(db, app, 'return') : Promise.resolve(null)]);
  if (!cert) notFound();
  const d = app.data as RequestData;
  return (
    <Card className="max-w-4xl">
      <CardHeader className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-xl font-semibold">{tp(`kinds.${kind}.name`)}</h1>
          <span className="font-mono text-sm text-muted-foreground">{app.number}</span>
          <Badge tone={badgeTone(findKind(app.kind)?.states[app.status]?.tone)}>{stateLabel(t, app.kind, app.status)}</Badge>
        </div>
        {returned && <FormAlert tone="info" message={tp('enroll.returnedNote', { opinion: returned })} />}
        <dl className="grid grid-cols-2 gap-x-6 gap-y-1 rounded-md bg-muted p-3 text-sm sm:grid-cols-4" data-testid="request-certificate">
          <div>
            <dt className="text-xs text-muted-foreground">{tp('requests.number')}</dt>
            <dd className="font-mono">{cert.number}</dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">{tp('form.fields.holder')}</dt>
            <dd>{cert.holderName}</dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">{tp('requests.items')}</dt>
            <dd>{cert.items.join('、')}</dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">{tp('requests.validUntil')}</dt>
            <dd>{cert.validUntil ? day(cert.validUntil) : '—'}</dd>
          </div>
        </dl>
      </CardHeader>
      <CardContent>
        <RequestForm
          kind={kind}
          applicationId={app.id}
          version={app.version}
          submitEvent={app.status === 'returned' ? 'resubmit' : 'submit'}
          initial={
            kind === 'reissue'
              ? { certificateId: d.certificateId, reason: d.reason ?? '', reasonDetail: d.reasonDetail ?? '' }
              : { certificateId: d.certificateId, holderName: d.holderName ?? cert.holderName, employer: d.employer ?? cert.employer, reasonDetail: d.reasonDetail ?? '' }
          }
          uploads={<ApplicationSlots db={db} actor={actor} app={app} />}
        />
      </CardContent>
    </Card>
  );
}

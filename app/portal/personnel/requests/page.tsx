import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { RequestStart } from '@/components/personnel/request-start';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Table, Td, Th } from '@/components/ui/table';
import { badgeTone, kindName, stateLabel } from '@/components/workflow/labels';
import { getDb } from '@/db';
import { myRequests, requestableCertificates } from '@/lib/modules/personnel/reissue/queries';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';
import { findKind } from '@/lib/platform/workflow';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('personnel.requests'))('title') };
}

const day = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(iso));

/** 证书补发申请 / 证书信息变更申请 (seed 002 §8–§9): choose one of my certificates, then the request; my requests below. */
export default async function PersonnelRequestsPage() {
  const actor = await requireActor({ next: '/portal/personnel/requests' });
  const t = await getTranslations();
  const tp = await getTranslations('personnel');
  if (actor.kind !== 'individual' || !can(actor, { action: 'module.use', module: 'personnel' })) return <Forbidden detail={tp('errors.individualsOnly')} />;
  const db = await getDb();
  const [certs, requests] = await Promise.all([requestableCertificates(db, actor), myRequests(db, actor)]);
  return (
    <div className="flex max-w-5xl flex-col gap-4">
      <Card>
        <CardHeader>
          <h1 className="text-xl font-semibold">{tp('requests.title')}</h1>
          <p className="text-sm text-muted-foreground">{tp('requests.intro')}</p>
        </CardHeader>
        <CardContent>
          {certs.length === 0 ? (
            <p className="py-4 text-center text-sm text-muted-foreground">{tp('requests.empty')}</p>
          ) : (
            <Table stack data-testid="requestable-certificates">
              <thead>
                <tr>
                  <Th>{tp('requests.number')}</Th>
                  <Th>{tp('requests.category')}</Th>
                  <Th>{tp('requests.items')}</Th>
                  <Th>{tp('requests.validUntil')}</Th>
                  <Th>{tp('requests.status')}</Th>
                  <Th>{tp('requests.actions')}</Th>
                </tr>
              </thead>
              <tbody>
                {certs.map((c) => (
                  <tr key={c.id} data-testid="requestable-certificate">
                    <Td label={tp('requests.number')} className="font-mono text-xs">{c.number}</Td>
                    <Td label={tp('requests.category')}>{c.category}</Td>
                    <Td label={tp('requests.items')}>{c.items.join('、')}</Td>
                    <Td label={tp('requests.validUntil')} className="whitespace-nowrap">{c.validUntil ? day(c.validUntil) : '—'}</Td>
                    <Td label={tp('requests.status')}>
                      <Badge tone={c.state === 'valid' ? 'success' : 'neutral'}>{t(`certificates.status.${c.state as 'valid'}`)}</Badge>
                    </Td>
                    <Td label={tp('requests.actions')}>
                      {c.inFlight ? (
                        <Link href={c.inFlight.status === 'draft' || c.inFlight.status === 'returned' ? `/portal/personnel/requests/${c.inFlight.id}/edit` : `/portal/applications/${c.inFlight.id}`} className="text-sm text-primary hover:underline">
                          {tp('requests.inFlight', { number: c.inFlight.number })}
                        </Link>
                      ) : c.state === 'valid' ? (
                        <RequestStart certificateId={c.id} number={c.number} />
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
      <Card>
        <CardHeader>
          <h2 className="text-sm font-semibold">{tp('requests.history')}</h2>
        </CardHeader>
        <CardContent>
          {requests.length === 0 ? (
            <p className="text-sm text-muted-foreground">{tp('requests.historyEmpty')}</p>
          ) : (
            <ul className="flex flex-col divide-y divide-border text-sm">
              {requests.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center gap-2 py-2">
                  <Link href={`/portal/applications/${r.id}`} className="font-mono text-xs text-primary hover:underline">
                    {r.number}
                  </Link>
                  <span>{kindName(t, r.kind)}</span>
                  <Badge tone={badgeTone(findKind(r.kind)?.states[r.status]?.tone)}>{stateLabel(t, r.kind, r.status)}</Badge>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Download, ShieldCheck } from 'lucide-react';
import { Forbidden } from '@/components/forbidden';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Table, Td, Th } from '@/components/ui/table';
import { badgeTone, kindName, stateLabel } from '@/components/workflow/labels';
import { getDb } from '@/db';
import { QUALIFICATION_HOME } from '@/lib/modules/membership/qualification/constants';
import { qualificationOverview } from '@/lib/modules/membership/qualification/queries';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';
import { chinaDay } from '@/lib/platform/certificates/present';
import { getKind } from '@/lib/platform/workflow';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('qualification.portal'))('title') };
}

/**
 * 资质管理: the enterprise's current qualification (level, certificate,
 * validity, next annual review, status), the five qualification businesses —
 * each enabled only when it applies, with the reason when not (the same rule
 * the submit applies) — and its applications with their state.
 */
export default async function QualificationPage() {
  const actor = await requireActor({ next: QUALIFICATION_HOME });
  const t = await getTranslations();
  const q = await getTranslations('qualification');
  if (actor.kind !== 'organization' || !can(actor, { action: 'module.use', module: 'membership' })) return <Forbidden detail={q('portal.forbidden')} />;
  const f = await getFormatter();
  const { current, renewalOpensOn, entries, applications } = await qualificationOverview(await getDb(), actor);
  const status = current ? (current.status === 'suspended' ? 'Suspended' : current.expired ? 'Expired' : 'Active') : null;
  return (
    <div className="flex max-w-5xl flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold">{q('portal.title')}</h1>
        <p className="mt-1 text-sm text-muted-foreground">{q('portal.intro')}</p>
      </div>

      <Card data-testid="current-qualification">
        <CardHeader>
          <h2 className="text-sm font-semibold">{q('portal.current')}</h2>
        </CardHeader>
        <CardContent>
          {!current ? (
            <p className="text-sm text-muted-foreground">{q('portal.none')}</p>
          ) : (
            <div className="flex flex-col gap-3">
              <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
                <div>
                  <dt className="text-xs text-muted-foreground">{q('portal.level')}</dt>
                  <dd className="text-base font-semibold" data-testid="qualification-level">
                    {current.levelName}
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-muted-foreground">{q('portal.certificate')}</dt>
                  <dd className="font-mono" data-testid="qualification-certificate">
                    {current.certificateNumber ?? '—'}
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-muted-foreground">{q('portal.status')}</dt>
                  <dd>
                    <Badge tone={status === 'Active' ? 'success' : 'warning'} data-testid="qualification-status">
                      {q(`portal.status${status}`)}
                    </Badge>
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-muted-foreground">{q('portal.validUntil')}</dt>
                  <dd className="tabular-nums">{chinaDay(current.validUntil)}</dd>
                </div>
                <div>
                  <dt className="text-xs text-muted-foreground">{q('portal.reviewDue')}</dt>
                  <dd className="tabular-nums" data-testid="qualification-review-due">
                    {current.reviewDueOn}
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-muted-foreground">{q('portal.renewalOpens')}</dt>
                  <dd className="tabular-nums">{renewalOpensOn}</dd>
                </div>
              </dl>
              {current.certificateId && (
                <p className="flex flex-wrap gap-4 text-sm">
                  <a href={`/api/certificates/${current.certificateId}/pdf`} className="inline-flex items-center gap-1 text-primary hover:underline" data-testid="qualification-certificate-download">
                    <Download className="h-4 w-4" aria-hidden />
                    {q('portal.downloadCertificate')}
                  </a>
                  {current.certificateNumber && (
                    <Link href={`/verify/${encodeURIComponent(current.certificateNumber)}`} className="inline-flex items-center gap-1 text-primary hover:underline">
                      <ShieldCheck className="h-4 w-4" aria-hidden />
                      {q('portal.verifyCertificate')}
                    </Link>
                  )}
                </p>
              )}
            </div>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <h2 className="text-sm font-semibold">{q('portal.entries')}</h2>
        </CardHeader>
        <CardContent>
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="qualification-entries">
            {entries.map((e) => (
              <li key={e.variant} className="flex flex-col gap-2 rounded-md border border-border p-3" data-variant={e.variant} data-enabled={!e.refusal}>
                <div>
                  <h3 className="font-medium">{q(`variants.${e.variant}`)}</h3>
                  <p className="text-xs text-muted-foreground">{q(`variantHints.${e.variant}`)}</p>
                </div>
                {e.refusal ? (
                  <>
                    <Button type="button" size="sm" variant="outline" disabled className="self-start">
                      {q(`variants.${e.variant}`)}
                    </Button>
                    <p className="text-xs text-amber-700" data-testid="entry-reason">
                      {q(`errors.${e.refusal.key}`, e.refusal.params ?? {})}
                    </p>
                  </>
                ) : (
                  <Button asChild size="sm" className="self-start">
                    <Link href={e.href}>{e.draft ? `${q('portal.continue')}（${q(`variants.${e.variant}`)}）` : q(`variants.${e.variant}`)}</Link>
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <h2 className="text-sm font-semibold">{q('portal.applications')}</h2>
        </CardHeader>
        <CardContent>
          {applications.length === 0 ? (
            <p className="text-sm text-muted-foreground">{q('portal.noApplications')}</p>
          ) : (
            <Table stack data-testid="qualification-applications">
              <thead>
                <tr>
                  <Th>{q('portal.number')}</Th>
                  <Th>{q('portal.kind')}</Th>
                  <Th>{q('portal.state')}</Th>
                  <Th>{q('portal.updatedAt')}</Th>
                  <Th>
                    <span className="sr-only">{q('portal.open')}</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {applications.map((a) => (
                  <tr key={a.id} data-number={a.number}>
                    <Td label={q('portal.number')} className="font-mono text-xs">{a.number}</Td>
                    <Td label={q('portal.kind')}>{kindName(t, a.kind)}</Td>
                    <Td label={q('portal.state')}>
                      <Badge tone={badgeTone(getKind(a.kind).states[a.status]?.tone)}>{stateLabel(t, a.kind, a.status)}</Badge>
                    </Td>
                    <Td label={q('portal.updatedAt')} className="whitespace-nowrap tabular-nums">{f.dateTime(a.updatedAt, 'datetime')}</Td>
                    <Td>
                      <Link href={a.href} className="text-primary hover:underline">
                        {q('portal.open')}
                      </Link>
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

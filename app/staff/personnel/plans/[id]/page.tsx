import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ArrowLeft, Download, Pencil } from 'lucide-react';
import { Forbidden } from '@/components/forbidden';
import { PlanStatusButtons } from '@/components/personnel/plan-status-buttons';
import { CertifyPassedButton, ResultEntry, ResultsImport } from '@/components/personnel/results';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Table, Td, Th } from '@/components/ui/table';
import { badgeTone, stateLabel } from '@/components/workflow/labels';
import { getDb } from '@/db';
import { canAdministerPersonnelExams } from '@/lib/modules/personnel/access';
import type { EnrollmentData } from '@/lib/modules/personnel/enrollment/schemas';
import { planEnrollments, planFor } from '@/lib/modules/personnel/plans/queries';
import { planDates, planFee, planItemLabel } from '@/lib/modules/personnel/plans/present';
import { requireActor } from '@/lib/platform/auth/server';
import { isAppError } from '@/lib/platform/errors';
import { findKind } from '@/lib/platform/workflow';
import { maskIdNumber, maskMobile } from '@/lib/reference/validators';

const STATUS_TONE = { draft: 'neutral', open: 'success', closed: 'warning' } as const;

/** One exam plan: its settings, publish / close, and the people enrolled (with their review status, results and certificates; Excel export). */
export default async function PersonnelPlanPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor({ staff: true, next: `/staff/personnel/plans/${id}` });
  const t = await getTranslations();
  const tp = await getTranslations('personnel');
  if (!canAdministerPersonnelExams(actor)) return <Forbidden detail={tp('plans.noPermission')} />;
  const db = await getDb();
  const plan = await planFor(db, actor, id).catch((e) => {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  const rows = await planEnrollments(db, actor, plan.id);
  const f = await getFormatter();
  const status = plan.status as 'draft' | 'open' | 'closed';
  return (
    <div className="flex flex-col gap-4">
      <Link href="/staff/personnel/plans" className="inline-flex items-center gap-1 text-sm text-primary">
        <ArrowLeft className="h-4 w-4" aria-hidden />
        {tp('plans.back')}
      </Link>
      <Card>
        <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
          <div className="flex flex-col gap-1">
            <div className="flex flex-wrap items-center gap-2">
              <h1 className="text-base font-semibold">{plan.name}</h1>
              <Badge tone={STATUS_TONE[status]} data-testid="plan-status">
                {tp(`planStatus.${status}`)}
              </Badge>
            </div>
            <p className="text-sm text-muted-foreground">
              {tp(`planKinds.${plan.kind as 'inspection'}`)} · {planItemLabel(plan)}
            </p>
          </div>
          <div className="flex flex-wrap items-start gap-2">
            <Button asChild size="sm" variant="outline">
              <Link href={`/staff/personnel/plans/${plan.id}/edit`}>
                <Pencil className="h-4 w-4" aria-hidden />
                {tp('plans.edit')}
              </Link>
            </Button>
            <PlanStatusButtons planId={plan.id} status={plan.status} name={plan.name} />
          </div>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
            <Fact label={tp('plans.examDates')} value={planDates(plan, tp('plans.to'))} />
            <Fact label={tp('plans.window')} value={`${f.dateTime(plan.enrollOpensAt, 'datetime')} – ${f.dateTime(plan.enrollClosesAt, 'datetime')}`} />
            <Fact label={tp('plans.seats')} value={`${plan.taken} / ${plan.capacity}`} testId="plan-seats" />
            <Fact label={tp('plans.fields.fee')} value={planFee(plan) ?? tp('plans.noFee')} />
            <Fact label={tp('plans.fields.site')} value={plan.site} wide />
            {plan.note && <Fact label={tp('plans.fields.note')} value={plan.note} wide />}
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
          <h2 className="text-sm font-semibold">
            {tp('plans.enrollments')}（{rows.length}）
          </h2>
          <div className="flex flex-wrap items-start gap-2">
            <CertifyPassedButton planId={plan.id} passed={rows.filter((r) => r.status === 'passed').length} />
            <Button asChild size="sm" variant="outline">
              <a href={`/staff/personnel/plans/${plan.id}/export`} download>
                <Download className="h-4 w-4" aria-hidden />
                {tp('plans.export')}
              </a>
            </Button>
          </div>
        </CardHeader>
        <CardContent>
          {rows.length === 0 ? (
            <p className="py-4 text-center text-sm text-muted-foreground">{tp('plans.enrollmentsEmpty')}</p>
          ) : (
            <Table stack data-testid="plan-enrollments">
              <thead>
                <tr>
                  <Th>{tp('plans.colNumber')}</Th>
                  <Th>{tp('plans.colName')}</Th>
                  <Th>{tp('plans.colId')}</Th>
                  <Th>{tp('plans.colMobile')}</Th>
                  <Th>{tp('plans.colStatus')}</Th>
                  <Th>{tp('plans.colResult')}</Th>
                  <Th>{tp('plans.colCertificate')}</Th>
                  <Th>{tp('results.entry')}</Th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const d = r.data as EnrollmentData;
                  return (
                    <tr key={r.applicationId} data-testid="plan-enrollment-row">
                      <Td label={tp('plans.colNumber')} className="font-mono text-xs">
                        <Link href={`/staff/applications/${r.applicationId}`} className="text-primary hover:underline">
                          {r.number}
                        </Link>
                      </Td>
                      <Td label={tp('plans.colName')}>{r.name}</Td>
                      <Td label={tp('plans.colId')} className="font-mono text-xs">{r.idNumber ? maskIdNumber(r.idNumber) : '—'}</Td>
                      <Td label={tp('plans.colMobile')} className="font-mono text-xs">{r.mobile ? maskMobile(r.mobile) : '—'}</Td>
                      <Td label={tp('plans.colStatus')}>
                        <Badge tone={badgeTone(findKind(r.kind)?.states[r.status]?.tone)}>{stateLabel(t, r.kind, r.status)}</Badge>
                      </Td>
                      <Td label={tp('plans.colResult')}>
                        {d.result
                          ? [tp(`outcomes.${d.result.outcome}`), d.result.theoryScore !== undefined ? tp('status.theory', { score: d.result.theoryScore }) : '', d.result.practicalScore !== undefined ? tp('status.practical', { score: d.result.practicalScore }) : ''].filter(Boolean).join(' · ')
                          : '—'}
                      </Td>
                      <Td label={tp('plans.colCertificate')} className="font-mono text-xs">{d.certificate?.number ?? '—'}</Td>
                      <Td label={tp('results.entry')}>{r.status === 'approved' ? <ResultEntry applicationId={r.applicationId} version={r.version} number={r.number} name={r.name} /> : null}</Td>
                    </tr>
                  );
                })}
              </tbody>
            </Table>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <h2 className="text-sm font-semibold">{tp('results.importTitle')}</h2>
          <p className="text-sm text-muted-foreground">{tp('results.importIntro')}</p>
        </CardHeader>
        <CardContent>
          <ResultsImport planId={plan.id} />
        </CardContent>
      </Card>
    </div>
  );
}

function Fact({ label, value, wide, testId }: { label: string; value: string; wide?: boolean; testId?: string }) {
  return (
    <div className={wide ? 'sm:col-span-3' : undefined}>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="whitespace-pre-wrap" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

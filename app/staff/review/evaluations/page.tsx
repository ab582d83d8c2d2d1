import { getTranslations } from 'next-intl/server';
import { ExportButton } from '@/components/console/export-button';
import { Forbidden } from '@/components/forbidden';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { canSeeReviewStaffPages } from '@/lib/modules/review/access';
import { teamScores } from '@/lib/modules/review/evaluation';
import { requireActor } from '@/lib/platform/auth/server';

export async function generateMetadata() {
  return { title: (await getTranslations('review.staff.evaluations'))('title') };
}

/** 评审评价统计: the units' average scores per review leader and per reviewer, overall and per criterion. */
export default async function ReviewEvaluationsPage() {
  const actor = await requireActor({ staff: true, next: '/staff/review/evaluations' });
  if (!canSeeReviewStaffPages(actor)) return <Forbidden />;
  const t = await getTranslations('review');
  const scores = await teamScores(await getDb());
  const labels = [...new Map(scores.flatMap((s) => s.criteria.map((c) => [c.criterion, c.label] as const))).entries()];
  const groups = [
    { role: 'leader', title: t('staff.evaluations.leaders') },
    { role: 'reviewer', title: t('staff.evaluations.reviewers') },
  ] as const;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex justify-end">
        <ExportButton href="/staff/review/evaluations/export" fallbackName="review-evaluations.xlsx" testId="evaluations-export" />
      </div>
      {groups.map((g) => {
        const rows = scores.filter((s) => s.role === g.role);
        return (
          <Card key={g.role}>
            <CardHeader>
              <h1 className="text-base font-semibold">{g.title}</h1>
              <p className="text-sm text-muted-foreground">{t('staff.evaluations.intro')}</p>
            </CardHeader>
            <CardContent>
              {rows.length === 0 ? (
                <p className="text-sm text-muted-foreground">{t('staff.evaluations.empty')}</p>
              ) : (
                <Table stack data-testid={`scores-${g.role}`}>
                  <thead>
                    <tr>
                      <Th>{t('staff.evaluations.name')}</Th>
                      <Th>{t('staff.evaluations.count')}</Th>
                      <Th>{t('staff.evaluations.average')}</Th>
                      {labels.map(([k, label]) => (
                        <Th key={k}>{label}</Th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.userId}>
                        <Td label={t('staff.evaluations.name')}>{r.name}</Td>
                        <Td label={t('staff.evaluations.count')} className="tabular-nums">{r.evaluations}</Td>
                        <Td label={t('staff.evaluations.average')} className="font-semibold tabular-nums">{r.average === null ? '—' : r.average.toFixed(2)}</Td>
                        {labels.map(([k, label]) => {
                          const c = r.criteria.find((x) => x.criterion === k);
                          return (
                            <Td key={k} label={label} className="tabular-nums">
                              {c ? c.average.toFixed(2) : '—'}
                            </Td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </Table>
              )}
            </CardContent>
          </Card>
        );
      })}
    </div>
  );
}

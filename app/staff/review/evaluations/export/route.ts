import { REVIEW_STAFF_ACCESS } from '@/lib/modules/review/access';
import { exportTeamScores } from '@/lib/modules/review/evaluation';
import { exportRoute } from '@/lib/platform/http/export-route';

export const dynamic = 'force-dynamic';

/** GET /staff/review/evaluations/export: 评审评价统计 (each leader's and reviewer's averages, overall and per criterion) as .xlsx, audited. */
export const GET = exportRoute({
  access: REVIEW_STAFF_ACCESS,
  max: 5_000,
  read: async ({ db, actor }, limit) => (await exportTeamScores(db, actor)).slice(0, limit),
  audit: () => ({ targetType: 'review_evaluations' }),
  sheet: ({ t }, _ctx, rows) => {
    const c = (k: string) => t(`review.staff.evaluations.${k}`);
    const criteria = [...new Map(rows.flatMap((s) => s.criteria.map((x) => [x.criterion, x.label] as const))).entries()];
    return {
      name: t('review.staff.evaluations.title'),
      ascii: 'review-evaluations',
      columns: [
        { header: t('console.export.teamRole'), width: 10, value: (r) => t(r.role === 'leader' ? 'workflow.roles.review_leader' : 'review.staff.notice.reviewers') },
        { header: c('name'), width: 14, value: (r) => r.name },
        { header: c('count'), width: 10, value: (r) => r.evaluations },
        { header: c('average'), width: 10, value: (r) => (r.average === null ? '' : r.average.toFixed(2)) },
        ...criteria.map(([k, label]) => ({ header: label, width: 14, value: (r: (typeof rows)[number]) => r.criteria.find((x) => x.criterion === k)?.average.toFixed(2) ?? '' })),
      ],
    };
  },
});

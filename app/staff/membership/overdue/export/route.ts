import { NextResponse } from 'next/server';
import { createFormatter } from 'next-intl';
import { TIME_ZONE } from '@/i18n/config';
import { exportOverdue, OVERDUE_EXPORT_MAX, type OverdueListItem } from '@/lib/modules/membership/overdue/queries';
import { overdueT, stageName } from '@/lib/modules/membership/overdue/present';
import { parseOverdueFilter } from '@/lib/modules/membership/overdue/schemas';
import { defineRoute } from '@/lib/platform/http/route';
import { contentDisposition } from '@/lib/platform/pdf/http';
import { listWorkbook, type SheetColumn } from '@/lib/platform/xlsx';

export const dynamic = 'force-dynamic';

/**
 * GET /staff/membership/overdue/export?q=&status=&stage=&timing=: the
 * filtered 年审逾期 list as an .xlsx attachment (admins and module-B
 * reviewers), recorded in the audit log.
 */
export const GET = defineRoute({
  access: { kind: 'signedIn' },
  errorBody: 'text',
  handler: async ({ req, db, actor, ip, locale, now }) => {
    const params = parseOverdueFilter(Object.fromEntries(new URL(req.url).searchParams));
    const { items, truncated } = await exportOverdue(db, actor, params, { ip, now: now() });
    const t = overdueT(locale);
    const tr = (k: string, v?: Record<string, string | number>) => t(k as never, v as never);
    const f = createFormatter({ locale, timeZone: TIME_ZONE });
    const time = (d: Date) => f.dateTime(d, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const name = (s: OverdueListItem['stages'][number]) => (s.offsetDays === null ? `${tr(`actions.${s.action}`)}（${s.stage}）` : stageName(tr, { action: s.action, offsetDays: s.offsetDays }));
    const columns: SheetColumn<OverdueListItem>[] = [
      { header: t('staff.company'), width: 30, value: (r) => r.company },
      { header: t('staff.creditCode'), width: 22, value: (r) => r.creditCode },
      { header: t('staff.level'), width: 10, value: (r) => r.level },
      { header: t('staff.certificate'), width: 20, value: (r) => r.certificate?.number ?? t('staff.noCertificate') },
      { header: t('staff.dueOn'), width: 12, value: (r) => r.dueOn },
      { header: t('staff.daysOverdue'), width: 10, value: (r) => r.daysOverdue },
      { header: t('staff.stagesColumn'), width: 48, value: (r) => r.stages.filter((s) => !s.reversedAt).map((s) => `${name(s)}（${time(s.firedAt)}）`).join('；') },
      { header: t('staff.reversedColumn'), width: 40, value: (r) => r.stages.filter((s) => s.reversedAt).map((s) => `${name(s)}（${s.reverseReason ?? ''}）`).join('；') },
      { header: t('staff.review'), width: 10, value: (r) => (r.reviewSubmitted ? t('staff.reviewSubmitted') : t('staff.reviewMissing')) },
      { header: t('staff.status'), width: 10, value: (r) => t(`staff.statuses.${r.status}`) },
    ];
    const body = await listWorkbook(t('staff.sheetName'), columns, items, truncated ? t('staff.truncated', { max: OVERDUE_EXPORT_MAX }) : undefined);
    const stamp = new Date(now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
    return new NextResponse(new Uint8Array(body), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': contentDisposition(`${t('staff.fileName')}-${stamp}.xlsx`, { asciiFallback: `overdue-reviews-${stamp}.xlsx` }),
        'Cache-Control': 'no-store',
      },
    });
  },
});

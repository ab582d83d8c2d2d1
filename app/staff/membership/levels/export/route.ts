import { NextResponse } from 'next/server';
import { createTranslator } from 'next-intl';
import { messagesFor } from '@/messages/catalog';
import { MEMBERSHIP_STAFF_ACCESS } from '@/lib/modules/membership/access';
import type { Level } from '@/lib/modules/membership/qualification/levels';
import { exportQualificationLevels } from '@/lib/modules/membership/qualification/services/levels';
import { defineRoute } from '@/lib/platform/http/route';
import { contentDisposition } from '@/lib/platform/pdf/http';
import { listWorkbook, type SheetColumn } from '@/lib/platform/xlsx';

export const dynamic = 'force-dynamic';

/** GET /staff/membership/levels/export: the qualification levels as an .xlsx attachment (admins and module-B reviewers), audited. */
export const GET = defineRoute({
  access: MEMBERSHIP_STAFF_ACCESS,
  errorBody: 'text',
  handler: async ({ db, actor, ip, locale, now }) => {
    const levels = await exportQualificationLevels(db, actor, { ip });
    const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'qualification' });
    const columns: SheetColumn<Level>[] = [
      { header: t('levels.rank'), width: 8, value: (l) => l.rank },
      { header: t('levels.code'), width: 12, value: (l) => l.code },
      { header: t('levels.name'), width: 14, value: (l) => l.name },
      { header: t('levels.requirements'), width: 36, value: (l) => l.requirements.map((r) => t('levels.requirement', { grade: t(`gradeAtLeast.${r.grade}`), count: r.count })).join('，') || t('levels.none') },
      { header: t('levels.materials'), width: 48, value: (l) => l.materials.map((m) => t(`slots.${m}`)).join('、') || t('levels.none') },
      { header: t('levels.validity'), width: 14, value: (l) => t('levels.months', { months: l.validityMonths }) },
      { header: t('levels.state'), width: 8, value: (l) => (l.active ? t('levels.active') : t('levels.inactive')) },
      { header: t('levels.fields.description'), width: 40, value: (l) => l.description },
    ];
    const body = await listWorkbook(t('levels.sheetName'), columns, levels);
    const stamp = new Date(now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
    return new NextResponse(new Uint8Array(body), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': contentDisposition(`${t('levels.fileName')}-${stamp}.xlsx`, { asciiFallback: `qualification-levels-${stamp}.xlsx` }),
        'Cache-Control': 'no-store',
      },
    });
  },
});

import { NextResponse } from 'next/server';
import { createFormatter, createTranslator } from 'next-intl';
import { z } from 'zod';
import { TIME_ZONE } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import { exportStaff, type StaffRow } from '@/lib/modules/staff-admin/services/staff-users';
import { defineRoute } from '@/lib/platform/http/route';
import { contentDisposition } from '@/lib/platform/pdf/http';
import { listWorkbook, type SheetColumn } from '@/lib/platform/xlsx';

export const dynamic = 'force-dynamic';

/** GET /staff/users/export?q=: the staff list as on 用户与角色 (admins only), .xlsx, audited. */
export const GET = defineRoute({
  access: { kind: 'staff', roles: ['admin'] },
  errorBody: 'text',
  query: z.object({ q: z.string().max(64).optional() }),
  handler: async ({ db, actor, query, locale, now, ip }) => {
    const rows = await exportStaff(db, actor, { q: query.q }, { ip });
    const all = createTranslator({ locale, messages: messagesFor(locale) });
    const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'staffUsers' });
    const f = createFormatter({ locale, timeZone: TIME_ZONE });
    const role = (r: StaffRow['roles'][number]) => `${all(`workflow.roles.${r.role}` as never)}${r.module === '*' ? '' : `（${all(`modules.${r.module}.name` as never)}）`}`;
    const columns: SheetColumn<StaffRow>[] = [
      { header: t('name'), width: 14, value: (r) => r.name },
      { header: t('username'), width: 16, value: (r) => r.username },
      { header: t('mobile'), width: 14, value: (r) => r.mobile },
      { header: t('email'), width: 26, value: (r) => r.email },
      { header: t('roles'), width: 40, value: (r) => r.roles.map(role).join('、') || t('noRoles') },
      { header: t('status'), width: 10, value: (r) => (r.status === 'active' ? (r.mustChangePassword ? `${t('statusActive')}（${t('mustChange')}）` : t('statusActive')) : t('statusDisabled')) },
      { header: t('createdAt'), width: 18, value: (r) => f.dateTime(r.createdAt, { dateStyle: 'short', timeStyle: 'short' }) },
    ];
    const body = await listWorkbook(t('title'), columns, rows);
    const stamp = new Date(now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
    return new NextResponse(new Uint8Array(body), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': contentDisposition(`${t('title')}-${stamp}.xlsx`, { asciiFallback: `staff-${stamp}.xlsx` }),
        'Cache-Control': 'no-store',
      },
    });
  },
});

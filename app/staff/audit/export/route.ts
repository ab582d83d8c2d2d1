import { NextResponse, type NextRequest } from 'next/server';
import { createFormatter, createTranslator } from 'next-intl';
import { getDb } from '@/db';
import { LOCALE_COOKIE, TIME_ZONE, toLocale } from '@/i18n/config';
import { catalogs } from '@/messages/catalog';
import { auditFilterSchema } from '@/lib/modules/staff-admin/schemas';
import { attachmentDisposition, auditExportFilename, auditWorkbook } from '@/lib/modules/staff-admin/services/audit-export';
import { AUDIT_EXPORT_MAX, exportAudit } from '@/lib/modules/staff-admin/services/audit-search';
import { can } from '@/lib/platform/auth/permissions';
import { clientIp, getActor } from '@/lib/platform/auth/server';
import { AppError, toFailure } from '@/lib/platform/errors';
import { auditActionLabel } from '../labels';

export const dynamic = 'force-dynamic';


/**
 * GET /staff/audit/export?action=&actor=&success=&from=&to=: the filtered audit
 * log as an .xlsx attachment. A route handler has no layout in front of it, so
 * it checks the actor itself (admins only) and records the export.
 */
export async function GET(req: NextRequest) {
  const locale = toLocale(req.cookies.get(LOCALE_COOKIE)?.value);
  try {
    const actor = await getActor();
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    if (!can(actor, { action: 'staff.role', role: 'admin' })) throw new AppError('FORBIDDEN');
    // Generated or reset credentials: nothing else until the password is changed.
    if (actor.mustChangePassword) return NextResponse.redirect(new URL('/staff/account/password', req.url), 303);

    const params = auditFilterSchema.parse(Object.fromEntries(req.nextUrl.searchParams));
    const { items, truncated } = await exportAudit(await getDb(), actor, params, { ip: await clientIp() });

    const t = createTranslator({ locale, messages: catalogs[locale], namespace: 'auditLog' });
    const f = createFormatter({ locale, timeZone: TIME_ZONE });
    const body = await auditWorkbook(
      items,
      {
        sheetName: t('sheetName'),
        columns: {
          id: t('id'),
          at: t('time'),
          action: t('action'),
          actionKey: t('actionKey'),
          result: t('result'),
          actorName: t('actorName'),
          actorUsername: t('actorUsername'),
          ip: t('ip'),
          target: t('target'),
          detail: t('detail'),
        },
        success: t('success'),
        failure: t('failure'),
        truncatedNote: truncated ? t('truncated', { max: AUDIT_EXPORT_MAX }) : undefined,
      },
      {
        time: (d) => f.dateTime(d, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }),
        action: (a) => auditActionLabel(t, a),
      },
    );
    const filename = auditExportFilename();
    return new NextResponse(new Uint8Array(body), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': attachmentDisposition(filename, filename.replace('审计日志', 'audit-log')),
        'Cache-Control': 'no-store',
      },
    });
  } catch (e) {
    const failure = toFailure(e, locale);
    const status = e instanceof AppError ? e.status : 500;
    return new NextResponse(failure.message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
}

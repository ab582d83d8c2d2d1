import { NextResponse } from 'next/server';
import { createFormatter, createTranslator } from 'next-intl';
import { TIME_ZONE } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import { auditFilterSchema } from '@/lib/modules/staff-admin/schemas';
import { attachmentDisposition, auditExportFilename, auditWorkbook } from '@/lib/modules/staff-admin/services/audit-export';
import { AUDIT_EXPORT_MAX, exportAudit } from '@/lib/modules/staff-admin/services/audit-search';
import { defineRoute } from '@/lib/platform/http/route';
import { auditActionLabel } from '../labels';

export const dynamic = 'force-dynamic';


/**
 * GET /staff/audit/export?action=&actor=&success=&from=&to=: the filtered audit
 * log as an .xlsx attachment. A route handler has no layout in front of it, so
 * it checks the actor itself (admins only) and records the export.
 */
export const GET = defineRoute({
  access: { kind: 'staff', roles: ['admin'] },
  query: auditFilterSchema,
  errorBody: 'text',
  handler: async ({ db, actor, query, ip, locale, now }) => {
    const { items, truncated } = await exportAudit(db, actor, query, { ip });

    const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'auditLog' });
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
    const filename = auditExportFilename(now());
    return new NextResponse(new Uint8Array(body), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': attachmentDisposition(filename, filename.replace('审计日志', 'audit-log')),
        'Cache-Control': 'no-store',
      },
    });
  },
});

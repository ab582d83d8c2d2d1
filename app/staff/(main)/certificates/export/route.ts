import { NextResponse } from 'next/server';
import { createFormatter, createTranslator } from 'next-intl';
import { TIME_ZONE } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import { CERTIFICATES_EXPORT_MAX, exportCertificates, type CertificateListItem } from '@/lib/platform/certificates/queries';
import { parseCertificateFilter } from '@/lib/platform/certificates/schemas';
import { defineRoute } from '@/lib/platform/http/route';
import { contentDisposition } from '@/lib/platform/pdf/http';
import { listWorkbook, type SheetColumn } from '@/lib/platform/xlsx';

export const dynamic = 'force-dynamic';

/**
 * GET /staff/certificates/export?q=&type=&status=: the filtered certificates
 * (within the modules the staff member holds) as an .xlsx attachment,
 * recorded in the audit log. Holder identifiers are masked as on the page.
 */
export const GET = defineRoute({
  access: { kind: 'signedIn' },
  errorBody: 'text',
  handler: async ({ req, db, actor, ip, locale, now }) => {
    const params = parseCertificateFilter(Object.fromEntries(new URL(req.url).searchParams));
    const { items, truncated } = await exportCertificates(db, actor, params, { ip });

    const all = createTranslator({ locale, messages: messagesFor(locale) });
    const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'certificates' });
    const label = (key: string) => (all.has(key as never) ? all(key as never) : key);
    const f = createFormatter({ locale, timeZone: TIME_ZONE });
    const day = (d: Date | null) => (d ? f.dateTime(d, { year: 'numeric', month: '2-digit', day: '2-digit' }) : t('portal.noExpiry'));
    const columns: SheetColumn<CertificateListItem>[] = [
      { header: t('staff.number'), width: 22, value: (c) => c.number },
      { header: t('staff.type'), width: 20, value: (c) => label(c.typeKey) },
      { header: t('staff.holder'), width: 28, value: (c) => c.holderName },
      { header: t('staff.holderId'), width: 22, value: (c) => c.holderIdMasked },
      { header: t('staff.module'), width: 14, value: (c) => label(`modules.${c.module}.name`) },
      { header: t('subject.level'), width: 12, value: (c) => c.subject.find(([l]) => l === t('subject.level'))?.[1] },
      { header: t('staff.issuedAt'), width: 12, value: (c) => day(c.issuedAt) },
      { header: t('staff.validUntil'), width: 12, value: (c) => day(c.validUntil) },
      { header: t('staff.status'), width: 10, value: (c) => t(`status.${c.state}`) },
      { header: t('staff.replacedBy'), width: 22, value: (c) => c.replacedByNumber },
      { header: t('staff.voidReasonColumn'), width: 30, value: (c) => c.voidReason },
    ];
    const body = await listWorkbook(t('staff.sheetName'), columns, items, truncated ? t('staff.truncated', { max: CERTIFICATES_EXPORT_MAX }) : undefined);
    const stamp = new Date(now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
    return new NextResponse(new Uint8Array(body), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': contentDisposition(`${t('staff.fileName')}-${stamp}.xlsx`, { asciiFallback: `certificates-${stamp}.xlsx` }),
        'Cache-Control': 'no-store',
      },
    });
  },
});

import { exportRoute } from '@/lib/platform/http/export-route';
import { listWaitingTransfers } from '@/lib/platform/payments/bank-transfer';
import { formatFen } from '@/lib/platform/payments/money';

export const dynamic = 'force-dynamic';

/** GET /staff/payments/transfers/export: 银行转账确认's waiting transfers (finance and admins), payer and mobile masked as listed, as .xlsx, audited. */
export const GET = exportRoute({
  access: { kind: 'staff', roles: ['finance', 'admin'] },
  max: 5_000,
  read: ({ db, actor }, limit) => listWaitingTransfers(db, actor, limit),
  audit: () => ({ targetType: 'bank_transfers' }),
  sheet: ({ t, f }) => {
    const c = (k: string) => t(`bankTransfer.staff.${k}`);
    return {
      name: c('title'),
      ascii: 'bank-transfers',
      columns: [
        { header: c('number'), width: 22, value: (r) => r.orderNumber },
        { header: c('payer'), width: 24, value: (r) => r.payerMasked },
        { header: t('console.export.username'), width: 16, value: (r) => r.username ?? '' },
        { header: c('for'), width: 36, value: (r) => r.title },
        { header: c('amount'), width: 12, value: (r) => formatFen(r.amountFen) },
        { header: c('mobile'), width: 14, value: (r) => r.mobileMasked },
        { header: c('submittedAt'), width: 18, value: (r) => f.dateTime(r.createdAt, 'datetime') },
      ],
    };
  },
});

import { createTranslator } from 'next-intl';
import type { DbOrTx } from '@/db';
import type { Order } from '@/db/schema';
import { defaultLocale, type AppLocale } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import { notifyRole } from '../notify/in-app';
import { formatFen } from './money';

/** The translator of a `payments` sub-namespace (server side: notifications, emails, SMS, PDFs, exports). */
export function paymentsT(locale: AppLocale = defaultLocale) {
  return createTranslator({ locale, messages: messagesFor(locale), namespace: 'payments' });
}

/** The translator of a `bankTransfer` sub-namespace (server side: notifications, emails). */
export function bankTransfersT(locale: AppLocale = defaultLocale) {
  return createTranslator({ locale, messages: messagesFor(locale), namespace: 'bankTransfer' });
}

/** Where finance staff find an order in the console. */
export const staffOrderLink = (o: Pick<Order, 'number'>) => `/staff/payments?q=${encodeURIComponent(o.number)}`;

/** Tells finance about a payment that needs a person (late, unsettled, duplicate); once per event key. */
export async function alertFinance(tx: DbOrTx, order: Order, kind: 'late' | 'unsettled' | 'duplicate', key: string): Promise<void> {
  const t = paymentsT();
  await notifyRole(tx, {
    role: 'finance',
    title: t(`alerts.${kind}Title`, { number: order.number }),
    body: t(`alerts.${kind}Body`, { number: order.number, title: order.title, amount: formatFen(order.amountFen) }),
    link: staffOrderLink(order),
    dedupeKey: `payments:${kind}:${key}`,
  });
}

import { and, eq } from 'drizzle-orm';
import { bankTransfers, orders } from '@/db/schema';
import type { Db } from '@/db';
import { PaymentProviderError, type PaymentProvider, type ProviderOrder, type TradeStatus } from './types';

export const BANK_TRANSFER = 'bank_transfer';

/** The payer's page of a bank-transfer order (payee account, screenshot upload, status). */
export const bankTransferPath = (orderNumber: string) => `/pay/transfer/${encodeURIComponent(orderNumber)}`;

/**
 * 银行转账 as a provider: there is no platform to call. The "cashier" is our
 * own page (payee account, screenshot, mobile); the money is seen by finance on
 * the account statement, and their confirmation (bank-transfer.ts) settles the
 * order through markPaid. The provider exists so that an order sent to bank
 * transfer behaves like any other in startPayment, "支付完毕", reconciliation
 * and refunds.
 */
export class BankTransferProvider implements PaymentProvider {
  readonly name = BANK_TRANSFER;
  readonly notifyAck = { ok: 'success', fail: 'fail' };
  constructor(private readonly db: Db) {}

  async createPayment(order: ProviderOrder, urls: { returnUrl: string }): Promise<{ redirectUrl: string }> {
    // A path: the page is this app's. The module's page comes back as ?return=<path>.
    let back = '';
    try {
      const u = new URL(urls.returnUrl);
      back = `${u.pathname}${u.search}`;
    } catch {
      back = '';
    }
    return { redirectUrl: `${bankTransferPath(order.number)}${back ? `?return=${encodeURIComponent(back)}` : ''}` };
  }

  async verifyNotification(): Promise<never> {
    throw new PaymentProviderError('bank transfers have no notifications');
  }

  /** Paid once finance has confirmed a transfer (the confirmation records the payment itself; this only reports it). */
  async queryTrade(orderNumber: string): Promise<TradeStatus> {
    const [row] = await this.db
      .select({ id: bankTransfers.id, amountFen: orders.amountFen })
      .from(bankTransfers)
      .innerJoin(orders, eq(orders.id, bankTransfers.orderId))
      .where(and(eq(orders.number, orderNumber), eq(bankTransfers.status, 'confirmed')))
      .limit(1);
    return row ? { paid: true, tradeNo: row.id, amountFen: row.amountFen } : { paid: false };
  }

  /** Money that came by bank transfer goes back by bank transfer, made by finance outside the platform. */
  async refund(): Promise<never> {
    throw new PaymentProviderError('bank transfers are refunded by finance outside the platform', { retryable: false, providerCode: 'MANUAL_REFUND' });
  }

  async closeTrade(): Promise<void> {}
}

/**
 * lib/platform/payments — orders, payment providers, notifications,
 * reconciliation and refunds, for any module that sells something (SPEC §1.4).
 * Money is integer fen. Tables: db/schema/payments.ts.
 *
 * A module (e.g. exam registration) uses it like this:
 *
 *   // lib/modules/<m>/payments.ts, imported from lib/modules/payment-subjects.ts
 *   onOrderPaid('exam_registration', async (tx, order, { late }) => { … mark the registration paid … });
 *   onOrderCancelled('exam_registration', async (tx, order, { reason }) => { … release seats … });
 *   onOrderRefunded('exam_registration', async (tx, order) => { … registration refunded … });
 *
 *   // in the module's own transaction (freeze seats + order, together):
 *   const order = await createOrder(tx, { userId, subjectType: 'exam_registration', subjectId: reg.id, title, items, ttlMinutes });
 *   // the page: <PayMethods orderId returnUrl="/portal/exam/…" /> (components/payments/pay-methods.tsx):
 *   //   the payer chooses 微信支付 / 支付宝 (methods.ts; recorded in orders.pay_method)
 *   //   → provider cashier (WeChat Native on a desktop: our QR page /pay/qr/<number>)
 *   //   → back to returnUrl (?payResult=paid|failed from the sandbox)
 *   //   → <ConfirmPaymentButton orderId /> ("支付完毕") → confirmPayment → markPaid
 *   // refund, in the module's transaction (after its own window checks):
 *   const refund = await requestRefund(tx, { orderId, userId, scope: 'exam', reason });
 *   // after the commit:
 *   processRefundSoon(db, refund.id);
 *
 * Bank transfer (bank-transfer.ts, provider 'bank_transfer'): send the payer to
 * bankTransferPath(order.number) — or <PayButton provider="bank_transfer"> /
 * startPayment(…, { provider: BANK_TRANSFER }) — where they see the payee
 * account, upload the transfer screenshot and a mobile; finance confirms at
 * /staff/payments/transfers (markPaid → onOrderPaid, as for online payments).
 *
 * Providers (providers/): the sandbox cashier (default; it plays every method),
 * Alipay (page and WAP pay) and WeChat Pay API v3 (Native and H5); with
 * PAYMENT_PROVIDER other than sandbox the payer chooses among the configured
 * ones. Notifications arrive at /api/payments/notify/<provider>.
 * The payment loop (loop.ts, PAYMENT_RECONCILE_SECONDS) reconciles unpaid
 * orders with their provider, expires unpaid orders and processes refunds.
 */
export { onOrderCancelled, onOrderPaid, onOrderRefunded, type OrderCancelledInfo, type OrderHandler, type OrderPaidInfo, type OrderRefundedInfo } from './hooks';
export {
  cancelOrder,
  createOrder,
  expireOrders,
  getOrderFor,
  markPaid,
  newOrderNumber,
  orderByNumber,
  paymentOf,
  ORDER_STATUSES,
  type CreateOrderInput,
  type MarkPaidInput,
  type MarkPaidResult,
  type OrderItem,
  type OrderStatus,
  type PaymentSource,
} from './orders';
export { cancelOrderChecked, confirmPayment, handleNotification, reconcileOrders, settleFromProvider, startPayment, type NotificationOutcome, type OrderState } from './checkout';
export { processPendingRefunds, processRefund, processRefundSoon, refundLatePayment, requestRefund, retryRefund, type RequestRefundInput } from './refunds';
export { fenToYuan, formatFen, parseFen, yuanToFen } from './money';
export {
  availableChannels,
  configuredProviderName,
  paymentProvider,
  providerForMethod,
  registerPaymentProvider,
  PaymentProviderError,
  type PaymentProvider,
  type ProviderFactory,
} from './providers';
export { channelOf, payMethodFor, PAY_CHANNELS, PAY_METHODS, type PayChannel, type PayDevice, type PayMethod } from './methods';
export { runPaymentJobs, startPaymentLoop, type PaymentLoop } from './loop';
export {
  bankTransferForPayer,
  confirmBankTransfer,
  listWaitingTransfers,
  rejectBankTransfer,
  submitBankTransfer,
  type BankTransferState,
  type BankTransferView,
  type ConfirmOutcome,
  type WaitingTransfer,
} from './bank-transfer';
export { BANK_ACCOUNT_SETTING, DEFAULT_PAYEE_ACCOUNT, payeeAccount, type PayeeAccount } from './bank-account';
export { BANK_TRANSFER, bankTransferPath } from './providers/bank-transfer';

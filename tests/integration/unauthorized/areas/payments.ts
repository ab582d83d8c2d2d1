import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { bankTransfers, orders } from '@/db/schema';
import { createIndividual } from '@/db/seed/factories';
import type { Applicant } from '@/lib/platform/auth/action-core';
import { completeUpload } from '@/lib/platform/documents/services/complete-upload';
import { requestUpload } from '@/lib/platform/documents/services/request-upload';
import { BANK_TRANSFER_SLOT } from '@/lib/platform/documents/slots';
import { createOrder, markPaid, processRefund, registerPaymentProvider, requestRefund, PaymentProviderError, type PaymentProvider } from '@/lib/platform/payments';
import { listWaitingTransfers, submitBankTransfer } from '@/lib/platform/payments/bank-transfer';
import { exportOrders, receiptFor } from '@/lib/platform/payments/queries';
import { getStorage } from '@/lib/platform/storage';
import { otherCandidate, photoSource, registration, uniq } from '../builders';
import {
  ACTOR_KEYS,
  actor,
  APPLICANTS,
  changedTables,
  ctx,
  defineArea,
  expectGuard,
  extras,
  FINANCE_STAFF,
  fingerprint,
  forbidden,
  guard,
  notFound,
  outcomes,
  SIGNED_OUT,
  STAFF,
  type Checks,
  type Coverage,
} from '../context';

/**
 * The payment layer (lib/platform/payments): an order is its payer's (finance
 * and admins may cancel and query any); returning money is finance's; bank
 * transfers are submitted by the payer for their own order and confirmed or
 * returned by finance. The e-receipt and payments export routes.
 */

/** Returning money: finance only (not even admins). */
const FINANCE_ONLY: Omit<Coverage, 'input'> = {
  access: { kind: 'staff', roles: ['finance'] },
  refused: { ...SIGNED_OUT, ...forbidden(...APPLICANTS, 'reviewerAccreditation', 'reviewerExam', 'staffAdmin') },
  allowed: FINANCE_STAFF,
  probe: 'staffFinance',
};

/** A payment platform whose refunds are refused once for the keys in `refuseOnce` (finance then retries). */
const SUITE_PROVIDER = 'unauthorized-suite';
const refuseOnce = new Set<string>();
const suiteProvider: PaymentProvider = {
  name: SUITE_PROVIDER,
  notifyAck: { ok: 'success', fail: 'fail' },
  createPayment: async (o) => ({ redirectUrl: `https://pay.example/${o.number}` }),
  verifyNotification: async () => {
    throw new PaymentProviderError('not used');
  },
  queryTrade: async () => ({ paid: false }),
  refund: async (req) => {
    if (refuseOnce.delete(req.idempotencyKey)) throw new PaymentProviderError('退款被拒绝', { retryable: false });
    return { refundNo: `R-${req.idempotencyKey}` };
  },
};
registerPaymentProvider(SUITE_PROVIDER, () => suiteProvider);

/** An order of a plain payment subject (no module handler), paid on the suite's platform. */
async function paidOrder(opts: { subjectId?: string } = {}) {
  const userId = (await createIndividual(ctx.h.db, { name: '付款人' })).id;
  const order = await ctx.h.db.transaction((tx) =>
    createOrder(tx, { userId, subjectType: 'unauthorized_suite', subjectId: opts.subjectId ?? uniq(), title: '测试费用', items: [{ name: '费用', amountFen: 10000 }], ttlMinutes: 30 }),
  );
  return { userId, order };
}

/** A refund the platform refused: failed, waiting for finance to retry it. */
async function failedRefund(): Promise<string> {
  const { userId, order } = await paidOrder();
  await ctx.h.db.transaction((tx) => markPaid(tx, { orderId: order.id, provider: SUITE_PROVIDER, providerTradeNo: `T${uniq()}`, amountFen: order.amountFen, source: 'notify' }));
  const refund = await ctx.h.db.transaction((tx) => requestRefund(tx, { orderId: order.id, userId, scope: `suite:${uniq()}` }));
  refuseOnce.add(refund.idempotencyKey);
  expect(await processRefund(ctx.h.db, refund.id)).toMatchObject({ status: 'failed' });
  return refund.id;
}

/** A payment that came after its order was cancelled and could not be settled (another order of the subject is live): finance returns it. */
async function unsettledLatePayment(): Promise<string> {
  const subjectId = uniq();
  const { userId, order } = await paidOrder({ subjectId });
  await ctx.h.db.update(orders).set({ status: 'cancelled' }).where(eq(orders.id, order.id));
  await ctx.h.db.transaction((tx) => createOrder(tx, { userId, subjectType: 'unauthorized_suite', subjectId, title: '测试费用', items: [{ name: '费用', amountFen: 10000 }], ttlMinutes: 30 }));
  const r = await ctx.h.db.transaction((tx) => markPaid(tx, { orderId: order.id, provider: SUITE_PROVIDER, providerTradeNo: `T${uniq()}`, amountFen: order.amountFen, source: 'notify' }));
  expect(r).toMatchObject({ created: true, settled: false, late: true });
  return order.id;
}

/** An unpaid order of the target organization's main account (the payer of the bank-transfer cases). */
async function targetOrgOrder() {
  return ctx.h.db.transaction((tx) => createOrder(tx, { userId: ctx.fx.ids.targetOrgMain.userId, subjectType: 'unauthorized_suite', subjectId: uniq(), title: '入会会费', items: [{ name: '会费', amountFen: 200000 }], ttlMinutes: 60 }));
}

/** The target organization's transfer screenshot: a real upload (grant, PUT, content check) to its bank-transfer slot. */
async function targetOrgScreenshot(): Promise<string> {
  const bytes = await photoSource();
  const who = await actor('targetOrgMain');
  const grant = await requestUpload(ctx.h.db, await getStorage(), who, { slot: BANK_TRANSFER_SLOT, fileName: '转账截图.jpg', size: bytes.byteLength, contentType: 'image/jpeg' });
  expect((await fetch(grant.url, { method: 'PUT', body: new Uint8Array(bytes), headers: grant.headers })).status).toBe(200);
  return (await completeUpload(ctx.h.db, await getStorage(), who, { ticket: grant.ticket })).id;
}

/** A bank transfer of the target organization waiting for finance. */
async function waitingTransfer(): Promise<string> {
  const order = await targetOrgOrder();
  const who = (await actor('targetOrgMain')) as Applicant;
  await submitBankTransfer(ctx.h.db, who, { orderId: order.id, documentId: await targetOrgScreenshot(), mobile: '13812345678' });
  const [t] = await ctx.h.db.select({ id: bankTransfers.id }).from(bankTransfers).where(and(eq(bankTransfers.orderId, order.id), eq(bankTransfers.status, 'submitted')));
  return t.id;
}

const coverage: Record<string, Coverage> = {
  // --- payments: an order is its owner's (finance and admins may cancel and query any); refunds of payments are finance's
  startPaymentDef: {
    access: { kind: 'signedIn' },
    // The payer's chosen method (微信支付 on a desktop: our signed QR page) goes through the same scoping.
    input: async () => ({ orderId: (await registration('ordered')).orderId, returnUrl: '/portal/exam', channel: 'wechat', device: 'desktop' }),
    // Scoped by object: only the payer goes to the cashier, not even finance on the payer's behalf.
    refused: { ...SIGNED_OUT, ...notFound('targetOrgMain', 'otherOrgMain', 'subNoModules', 'subAllModules', ...STAFF) },
    allowed: ['individual'],
    probe: 'individual',
  },
  confirmPaymentDef: {
    access: { kind: 'signedIn' },
    // Paid at the cashier, the notification not yet delivered: "支付完毕" asks the platform and settles it.
    input: async () => ({ orderId: (await registration('atCashier')).orderId }),
    refused: { ...SIGNED_OUT, ...notFound('targetOrgMain', 'otherOrgMain', 'subNoModules', 'subAllModules', 'reviewerAccreditation', 'reviewerExam') },
    allowed: ['individual', ...FINANCE_STAFF, 'staffAdmin'],
    probe: 'individual',
  },
  cancelOrderDef: {
    access: { kind: 'signedIn' },
    input: async () => ({ orderId: (await registration('ordered')).orderId }),
    refused: { ...SIGNED_OUT, ...notFound('targetOrgMain', 'otherOrgMain', 'subNoModules', 'subAllModules', 'reviewerAccreditation', 'reviewerExam') },
    allowed: ['individual', ...FINANCE_STAFF, 'staffAdmin'],
    probe: 'individual',
    extra: extras(['reviewerExam', 'otherOrgMain'], {
      code: 'NOT_FOUND',
      why: "cancelling another candidate's unpaid exam order",
      input: async () => ({ orderId: (await registration('ordered', await otherCandidate())).orderId }),
      control: 'staffFinance',
    }),
  },
  retryRefundDef: { ...FINANCE_ONLY, input: async () => ({ refundId: await failedRefund() }) },
  refundLatePaymentDef: { ...FINANCE_ONLY, input: async () => ({ orderId: await unsettledLatePayment() }) },

  // --- bank transfer: the payer submits for their own order only (not even finance on their behalf); finance confirms and returns
  submitBankTransferDef: {
    access: { kind: 'applicant' },
    input: async () => ({ orderId: (await targetOrgOrder()).id, documentId: await targetOrgScreenshot(), mobile: '13812345678' }),
    // Scoped by object: the order is looked up among the caller's own (a colleague's or the organization's is not theirs to pay).
    refused: { ...SIGNED_OUT, ...forbidden(...STAFF), ...notFound('individual', 'otherOrgMain', 'subNoModules', 'subAllModules') },
    allowed: ['targetOrgMain'],
    probe: 'targetOrgMain',
  },
  confirmBankTransferDef: { ...FINANCE_ONLY, input: async () => ({ transferId: await waitingTransfer() }) },
  rejectBankTransferDef: { ...FINANCE_ONLY, input: async () => ({ transferId: await waitingTransfer(), reason: '未查到该笔转账' }) },
};

const routeChecks: Checks = {
  "银行转账确认's export (listWaitingTransfers): finance and admins": async () => {
    await expectGuard((a) => listWaitingTransfers(ctx.h.db, a, 10), { ...outcomes([...FINANCE_STAFF, 'staffAdmin'], 'FORBIDDEN'), ...SIGNED_OUT });
  },
  "an e-receipt (receiptFor): the payer's own, finance and admins; 404 for anyone else": async () => {
    const r = await registration('paid');
    await expectGuard((a) => receiptFor(ctx.h.db, a, r.orderId!), { ...outcomes(['individual', ...FINANCE_STAFF, 'staffAdmin']), ...SIGNED_OUT });
  },

  'the payments export (exportOrders): finance and admins only; refusals record nothing': async () => {
    for (const who of ACTOR_KEYS) {
      const before = await fingerprint();
      const g = await guard((a) => exportOrders(ctx.h.db, a, {}, { ip: '10.66.0.1' }), who);
      const allowed = [...FINANCE_STAFF, 'staffAdmin'].includes(who);
      expect(g.code, who).toBe(allowed ? 'ok' : who in SIGNED_OUT ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      // An export is recorded in the audit log; a refusal leaves no trace.
      expect(changedTables(before, await fingerprint()), who).toEqual(allowed ? ['audit_log', 'seq:audit_log_id_seq'] : []);
    }
  },
};

export const area = defineArea({
  owns: ['lib/platform/payments'],
  coverage,
  publicActions: [
    // The sandbox cashier's buttons (the embedded stand-in for a payment platform): the signed cashier link names the order, as on a real platform.
    'sandboxPayDef',
  ],
  publicRoutes: [
    // A payment platform's notification: its signature is the only credential (payments.test.ts covers forged, altered and repeated ones).
    'app/api/payments/notify/[provider]/route.ts',
  ],
  guardedRoutes: {
    'app/api/payments/orders/[id]/receipt/route.ts': 'receiptFor(',
    'app/staff/(main)/payments/export/route.ts': 'exportOrders(',
    'app/staff/(main)/payments/transfers/export/route.ts': 'listWaitingTransfers(',
  },
  checks: { routes: routeChecks },
});

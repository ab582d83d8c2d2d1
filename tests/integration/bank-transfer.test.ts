import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, bankTransfers, documents, notifications, orders, outbox, payments, type Order } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount, createStaff } from '@/db/seed/factories';
import { ANONYMOUS, type Actor, type SignedInActor } from '@/lib/platform/auth/actor';
import { authorizeDocumentRead } from '@/lib/platform/documents/access';
import { completeUpload } from '@/lib/platform/documents/services/complete-upload';
import { deleteDocument } from '@/lib/platform/documents/services/delete-document';
import { requestUpload } from '@/lib/platform/documents/services/request-upload';
import { BANK_TRANSFER_SLOT } from '@/lib/platform/documents/slots';
import { EMBEDDED_S3_CREDENTIALS } from '@/lib/platform/storage';
import { setSetting } from '@/lib/platform/settings';
import { BANK_ACCOUNT_SETTING, BANK_TRANSFER, cancelOrder, createOrder, DEFAULT_PAYEE_ACCOUNT, expireOrders, markPaid, onOrderPaid, reconcileOrders, startPayment } from '@/lib/platform/payments';
import { bankTransferForPayer, confirmBankTransferDef, listWaitingTransfers, rejectBankTransferDef, submitBankTransferDef } from '@/lib/platform/payments/bank-transfer';
import { actorOf, callAs } from '../helpers/actors';
import { createTestDb } from '../helpers/db';
import { createTestStorage } from '../helpers/storage';

process.env.AUTH_SECRET ??= 'bank-transfer-suite-secret-0123456789-abcdef';

/**
 * 银行转账 on a real database and a real object store: the payer (an
 * organization account or an individual) uploads a checked screenshot and a
 * mobile, finance confirms — the order is paid through markPaid, once, however
 * many confirmations — or rejects with a reason (payer told, may submit
 * again); refusals change nothing.
 */

let h: DbHandle;
let s: Awaited<ReturnType<typeof createTestStorage>>;
let s3: S3Client;
let call: ReturnType<typeof callAs>;

beforeAll(async () => {
  [h, s] = await Promise.all([createTestDb(), createTestStorage()]);
  s3 = new S3Client({ endpoint: s.server.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: EMBEDDED_S3_CREDENTIALS });
  call = callAs(h.db);
  png = new Uint8Array(await sharp({ create: { width: 16, height: 16, channels: 3, background: '#2a6' } }).png().toBuffer());
  jpg = new Uint8Array(await sharp({ create: { width: 16, height: 16, channels: 3, background: '#c00' } }).jpeg().toBuffer());
});
afterAll(async () => {
  s3.destroy();
  await h.close();
  await s.close();
});

// ---------------------------------------------------------------------------
// A module of our own, counting what the payment layer tells it
// ---------------------------------------------------------------------------

const SUBJECT = 'test_membership_fee';
const paidCalls: string[] = [];
onOrderPaid(SUBJECT, async (tx, order) => {
  await tx.execute(sql`select 1`);
  paidCalls.push(order.id);
});
const paidCount = (orderId: string) => paidCalls.filter((id) => id === orderId).length;

let png: Uint8Array;
let jpg: Uint8Array;
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

let seq = 0;
async function newOrder(userId: string, amountFen = 200_000): Promise<Order> {
  return h.db.transaction((tx) =>
    createOrder(tx, { userId, subjectType: SUBJECT, subjectId: `member-${Date.now().toString(36)}-${seq++}`, title: '2026年度入会会费', items: [{ name: '会费', amountFen }], ttlMinutes: 30 }),
  );
}

async function orgPayer() {
  const { user } = await createOrgAccount(h.db, { email: `org_${Date.now().toString(36)}${seq++}@example.com` });
  return { user, actor: (await actorOf(h.db, user.id)) as SignedInActor };
}
async function individual() {
  const user = await createIndividual(h.db);
  return { user, actor: (await actorOf(h.db, user.id)) as SignedInActor };
}
const staff = async (roles: Array<{ role: string; module?: string }>) => (await actorOf(h.db, (await createStaff(h.db, roles)).id)) as SignedInActor;

/** A browser upload to the payer's screenshot slot: grant, PUT, complete (the content check). Returns the document id. */
async function upload(actor: Actor, bytes: Uint8Array, fileName = '转账截图.png', contentType = 'image/png'): Promise<string> {
  const grant = await requestUpload(h.db, s.storage, actor, { slot: BANK_TRANSFER_SLOT, fileName, size: bytes.byteLength, contentType });
  const put = await fetch(grant.url, { method: 'PUT', body: Buffer.from(bytes), headers: grant.headers });
  expect(put.status).toBe(200);
  return (await completeUpload(h.db, s.storage, actor, { ticket: grant.ticket })).id;
}

async function objectKeys(): Promise<string[]> {
  const out = await s3.send(new ListObjectsV2Command({ Bucket: s.storage.bucket }));
  return (out.Contents ?? []).map((o) => o.Key!).sort();
}

const orderRow = async (id: string) => (await h.db.select().from(orders).where(eq(orders.id, id)))[0];
const paymentRows = async (orderId: string) => h.db.select().from(payments).where(eq(payments.orderId, orderId));
const transfersOf = async (orderId: string) => h.db.select().from(bankTransfers).where(eq(bankTransfers.orderId, orderId)).orderBy(bankTransfers.createdAt);
const auditOf = async (orderId: string, action: string) => h.db.select().from(auditLog).where(and(eq(auditLog.targetId, orderId), eq(auditLog.action, action)));

/** The payer uploads a screenshot and submits with a valid mobile; returns the transfer id. */
async function submitted(actor: SignedInActor, order: Order): Promise<string> {
  const documentId = await upload(actor, png);
  const r = await call(submitBankTransferDef, actor, { orderId: order.id, documentId, mobile: '13812345678' });
  expect(r).toMatchObject({ ok: true, data: { state: 'waiting' } });
  const waiting = (await transfersOf(order.id)).filter((t) => t.status === 'submitted');
  expect(waiting).toHaveLength(1);
  return waiting[0].id;
}

// ---------------------------------------------------------------------------

describe('paying by bank transfer', () => {
  it('an organization account sees the payee account, the amount and the order number as memo; finance confirms: one payment, order paid, handler once; a second confirmation changes nothing', async () => {
    const { user, actor } = await orgPayer();
    expect(actor.kind).toBe('organization');
    const order = await newOrder(user.id);
    const finance = await staff([{ role: 'finance' }]);

    // The module sends the payer there: the order remembers the provider.
    const { redirectUrl } = await startPayment(h.db, actor, { orderId: order.id, returnUrl: '/portal/membership/fees' }, { provider: BANK_TRANSFER });
    expect(redirectUrl).toBe(`/pay/transfer/${order.number}?return=${encodeURIComponent('/portal/membership/fees')}`);
    expect((await orderRow(order.id)).provider).toBe(BANK_TRANSFER);

    const view = await bankTransferForPayer(h.db, actor, order.number);
    expect(view).toMatchObject({ number: order.number, amountFen: 200_000, memo: order.number, state: 'open', transfers: [], payee: DEFAULT_PAYEE_ACCOUNT });

    const transferId = await submitted(actor, order);
    const after = await bankTransferForPayer(h.db, actor, order.number);
    expect(after.state).toBe('waiting');
    expect(after.transfers[0]).toMatchObject({ status: 'submitted', mobileMasked: '138****5678' });
    // Finance is told, and sees the transfer with the payer and mobile masked.
    expect(await h.db.select().from(notifications).where(and(eq(notifications.userId, finance.id), eq(notifications.link, '/staff/payments/transfers')))).toHaveLength(1);
    const waiting = (await listWaitingTransfers(h.db, finance)).find((t) => t.id === transferId)!;
    expect(waiting).toMatchObject({ orderNumber: order.number, amountFen: 200_000, mobileMasked: '138****5678' });
    expect(waiting.payerMasked).not.toBe(user.name);
    // Finance may open the screenshot through the authorized file route's check.
    expect((await authorizeDocumentRead(h.db, finance, waiting.documentId)).id).toBe(waiting.documentId);
    // The payer may not delete it while finance checks it.
    await expect(deleteDocument(h.db, s.storage, actor, { id: waiting.documentId })).rejects.toMatchObject({ code: 'INVALID_STATE', messageKey: 'documents.errors.transferInUse' });

    const first = await call(confirmBankTransferDef, finance, { transferId });
    expect(first).toMatchObject({ ok: true, data: { status: 'confirmed', alreadyConfirmed: false, settled: true, orderStatus: 'paid' } });
    const second = await call(confirmBankTransferDef, finance, { transferId });
    expect(second).toMatchObject({ ok: true, data: { status: 'confirmed', alreadyConfirmed: true } });

    const pays = await paymentRows(order.id);
    expect(pays).toHaveLength(1);
    expect(pays[0]).toMatchObject({ provider: BANK_TRANSFER, providerTradeNo: transferId, amountFen: 200_000, source: 'finance' });
    expect(await orderRow(order.id)).toMatchObject({ status: 'paid', provider: BANK_TRANSFER });
    expect(paidCount(order.id)).toBe(1);
    expect(await auditOf(order.id, 'bank_transfer.confirmed')).toHaveLength(1);
    expect(await auditOf(order.id, 'payment.received')).toHaveLength(1);
    expect((await bankTransferForPayer(h.db, actor, order.number)).state).toBe('paid');
    // The payer's paid notification, as for an online payment.
    expect(await h.db.select().from(notifications).where(eq(notifications.userId, user.id))).toHaveLength(1);
    // Reconciliation asks the bank-transfer "provider" and finds nothing new.
    await reconcileOrders(h.db, new Date(Date.now() + 3600_000), 0);
    expect(await paymentRows(order.id)).toHaveLength(1);
    expect(paidCount(order.id)).toBe(1);
    expect((await listWaitingTransfers(h.db, finance)).some((t) => t.id === transferId)).toBe(false);
  });

  it('ten concurrent confirmations record one payment and run the paid handler once', async () => {
    const { user, actor } = await individual();
    const order = await newOrder(user.id, 88_000);
    const transferId = await submitted(actor, order);
    const finance = await staff([{ role: 'finance' }]);
    const results = await Promise.all(Array.from({ length: 10 }, () => call(confirmBankTransferDef, finance, { transferId })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && !(r.data as { alreadyConfirmed: boolean }).alreadyConfirmed)).toHaveLength(1);
    expect(await paymentRows(order.id)).toHaveLength(1);
    expect((await orderRow(order.id)).status).toBe('paid');
    expect(paidCount(order.id)).toBe(1);
    expect(await auditOf(order.id, 'bank_transfer.confirmed')).toHaveLength(1);
  });

  it('a rejection needs a reason; the payer is told in-app and by email, may upload again, and the new transfer is confirmed', async () => {
    const { user, actor } = await orgPayer();
    const order = await newOrder(user.id);
    const transferId = await submitted(actor, order);
    const finance = await staff([{ role: 'finance' }]);

    const noReason = await call(rejectBankTransferDef, finance, { transferId, reason: '   ' });
    expect(noReason).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect((noReason as { fieldErrors?: Record<string, string[]> }).fieldErrors?.reason).toBeTruthy();
    expect((await transfersOf(order.id))[0].status).toBe('submitted');

    const reason = '未查到该笔转账，请核对收款账号';
    expect(await call(rejectBankTransferDef, finance, { transferId, reason })).toMatchObject({ ok: true, data: { status: 'rejected' } });
    expect((await transfersOf(order.id))[0]).toMatchObject({ status: 'rejected', reason, reviewedBy: finance.id });
    expect(await auditOf(order.id, 'bank_transfer.rejected')).toHaveLength(1);
    // Rejecting again, or confirming a rejected transfer: refused.
    expect(await call(rejectBankTransferDef, finance, { transferId, reason })).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect(await call(confirmBankTransferDef, finance, { transferId })).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect(await paymentRows(order.id)).toHaveLength(0);

    const [note] = await h.db.select().from(notifications).where(eq(notifications.userId, user.id));
    expect(note.body).toContain(reason);
    expect(note.link).toBe(`/pay/transfer/${order.number}`);
    const mails = await h.db.select().from(outbox).where(and(eq(outbox.channel, 'email'), sql`${outbox.payload}->>'to' = ${user.email}`));
    expect(mails).toHaveLength(1);
    const mail = mails[0].payload as { subject: string; html: string; text: string };
    expect(mail.subject).toContain('转账凭证退回');
    expect(mail.html).toContain(reason);
    expect(mail.html).toContain(order.number);
    expect(mail.text).toContain(reason);
    // The order stays open long enough to submit again.
    expect((await orderRow(order.id)).expiresAt.getTime()).toBeGreaterThan(Date.now() + 47 * 3600_000);

    const view = await bankTransferForPayer(h.db, actor, order.number);
    expect(view).toMatchObject({ state: 'rejected', transfers: [{ status: 'rejected', reason }] });
    const again = await submitted(actor, order);
    expect(again).not.toBe(transferId);
    expect(await call(confirmBankTransferDef, finance, { transferId: again })).toMatchObject({ ok: true, data: { orderStatus: 'paid' } });
    expect(await paymentRows(order.id)).toHaveLength(1);
    expect(paidCount(order.id)).toBe(1);
    expect((await transfersOf(order.id)).map((t) => t.status)).toEqual(['rejected', 'confirmed']);
  });

  it('an order paid another way while its transfer waited is not paid twice: the confirmation is refused, finance returns the transfer', async () => {
    const { user, actor } = await individual();
    const order = await newOrder(user.id);
    const transferId = await submitted(actor, order);
    // A cashier tab opened before the transfer: the online payment arrives.
    await h.db.transaction((tx) => markPaid(tx, { orderId: order.id, provider: 'sandbox', providerTradeNo: `S${Date.now()}`, amountFen: order.amountFen, source: 'notify' }));
    const finance = await staff([{ role: 'finance' }]);
    expect(await call(confirmBankTransferDef, finance, { transferId })).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect(await paymentRows(order.id)).toHaveLength(1);
    expect(paidCount(order.id)).toBe(1);
    expect(await call(rejectBankTransferDef, finance, { transferId, reason: '订单已在线支付，转账款项将线下退还' })).toMatchObject({ ok: true });
    expect((await transfersOf(order.id)).map((t) => t.status)).toEqual(['rejected']);
    expect((await orderRow(order.id)).status).toBe('paid');
  });

  it('a waiting transfer keeps its order from expiring and from being cancelled', async () => {
    const { user, actor } = await individual();
    const order = await newOrder(user.id);
    await submitted(actor, order);
    await expireOrders(h.db, new Date(Date.now() + 86_400_000));
    expect((await orderRow(order.id)).status).toBe('unpaid');
    await expect(h.db.transaction((tx) => cancelOrder(tx, actor, order.id))).rejects.toMatchObject({ messageKey: 'bankTransfer.errors.waitingForFinance' });
    await expect(startPayment(h.db, actor, { orderId: order.id, returnUrl: '/portal' }, { provider: 'sandbox' })).rejects.toMatchObject({ messageKey: 'bankTransfer.errors.waitingForFinance' });
    expect((await orderRow(order.id)).status).toBe('unpaid');
  });
});

describe('refusals change nothing', () => {
  it('a PDF, or a file that is not an image named .jpg, is refused and nothing is stored', async () => {
    const { user, actor } = await individual();
    const order = await newOrder(user.id);
    const docsBefore = await h.db.select({ id: documents.id }).from(documents);
    const keysBefore = await objectKeys();

    // Declared as a PDF: refused before anything is uploaded.
    await expect(requestUpload(h.db, s.storage, actor, { slot: BANK_TRANSFER_SLOT, fileName: '回单.pdf', size: PDF.byteLength, contentType: 'application/pdf' })).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE' });
    // A PDF named .jpg, and text named .jpg: uploaded, then refused by the content check and removed.
    await expect(upload(actor, PDF, '转账截图.jpg', 'image/jpeg')).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE', messageKey: 'documents.errors.wrongType' });
    await expect(upload(actor, new TextEncoder().encode('not an image at all, just text'), '截图.jpg', 'image/jpeg')).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE' });
    // Over 5 MB: refused up front.
    await expect(requestUpload(h.db, s.storage, actor, { slot: BANK_TRANSFER_SLOT, fileName: 'big.png', size: 5 * 1024 * 1024 + 1, contentType: 'image/png' })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });

    expect(await h.db.select({ id: documents.id }).from(documents)).toEqual(docsBefore);
    expect(await objectKeys()).toEqual(keysBefore);
    // No screenshot, no transfer.
    const r = await call(submitBankTransferDef, actor, { orderId: order.id, documentId: crypto.randomUUID(), mobile: '13812345678' });
    expect(r).toMatchObject({ ok: false, code: 'BAD_INPUT', message: expect.stringContaining('转账截图') });
    expect(await transfersOf(order.id)).toEqual([]);
    // A JPEG is fine.
    expect(await upload(actor, jpg, '转账截图.jpg', 'image/jpeg')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a bad mobile is refused with a field error, and nothing changes', async () => {
    const { user, actor } = await individual();
    const order = await newOrder(user.id);
    const documentId = await upload(actor, png);
    const before = await orderRow(order.id);
    for (const mobile of ['', '1381234567', '23812345678', '1381234567a', '+8613812345678']) {
      const r = await call(submitBankTransferDef, actor, { orderId: order.id, documentId, mobile });
      expect(r, mobile).toMatchObject({ ok: false, code: 'BAD_INPUT' });
      expect((r as { fieldErrors?: Record<string, string[]> }).fieldErrors?.mobile, mobile).toBeTruthy();
    }
    expect(await transfersOf(order.id)).toEqual([]);
    expect(await orderRow(order.id)).toEqual(before);
  });

  it('a second submission while one is waiting is refused (also when both come at once)', async () => {
    const { user, actor } = await individual();
    const order = await newOrder(user.id);
    await submitted(actor, order);
    const documentId = await upload(actor, jpg, '第二张.jpg', 'image/jpeg');
    expect(await call(submitBankTransferDef, actor, { orderId: order.id, documentId, mobile: '13912345678' })).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await transfersOf(order.id)).toHaveLength(1);

    const other = await newOrder(user.id);
    const doc2 = await upload(actor, png);
    const results = await Promise.all(Array.from({ length: 5 }, () => call(submitBankTransferDef, actor, { orderId: other.id, documentId: doc2, mobile: '13812345678' })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'CONFLICT')).toBe(true);
    expect(await transfersOf(other.id)).toHaveLength(1);
    // That screenshot belongs to the other order now: not usable for a third one.
    const third = await newOrder(user.id);
    expect(await call(submitBankTransferDef, actor, { orderId: third.id, documentId: doc2, mobile: '13812345678' })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
  });

  it("another applicant can neither submit for nor see someone else's order; their own screenshot does not help", async () => {
    const owner = await orgPayer();
    const order = await newOrder(owner.user.id);
    const intruder = await individual();
    const otherOrg = await orgPayer();
    for (const who of [intruder, otherOrg]) {
      await expect(bankTransferForPayer(h.db, who.actor, order.number)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const documentId = await upload(who.actor, png);
      expect(await call(submitBankTransferDef, who.actor, { orderId: order.id, documentId, mobile: '13812345678' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    }
    // Nor may the owner use someone else's screenshot.
    const foreignDoc = await upload(intruder.actor, png);
    expect(await call(submitBankTransferDef, owner.actor, { orderId: order.id, documentId: foreignDoc, mobile: '13812345678' })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    // Staff do not pay on the payer's behalf, nor see the payer's page.
    const finance = await staff([{ role: 'finance' }]);
    expect(await call(submitBankTransferDef, finance, { orderId: order.id, documentId: foreignDoc, mobile: '13812345678' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await expect(bankTransferForPayer(h.db, finance, order.number)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await transfersOf(order.id)).toEqual([]);
    expect((await orderRow(order.id)).status).toBe('unpaid');
  });

  it('a reviewer (or an admin) cannot confirm or reject, a reviewer cannot list or read the screenshots, anonymous is refused everywhere', async () => {
    const { user, actor } = await individual();
    const order = await newOrder(user.id);
    const transferId = await submitted(actor, order);
    const [t] = await transfersOf(order.id);
    const reviewer = await staff([{ role: 'reviewer', module: 'membership' }, { role: 'exam_admin' }]);
    const admin = await staff([{ role: 'admin' }]);
    for (const who of [reviewer, admin]) {
      expect(await call(confirmBankTransferDef, who, { transferId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await call(rejectBankTransferDef, who, { transferId, reason: '金额不符' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    await expect(listWaitingTransfers(h.db, reviewer)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(authorizeDocumentRead(h.db, reviewer, t.documentId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Admins see the list (read only).
    expect((await listWaitingTransfers(h.db, admin)).some((w) => w.id === transferId)).toBe(true);

    expect(await call(confirmBankTransferDef, ANONYMOUS, { transferId })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await call(rejectBankTransferDef, ANONYMOUS, { transferId, reason: '金额不符' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await call(submitBankTransferDef, ANONYMOUS, { orderId: order.id, documentId: t.documentId, mobile: '13812345678' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    await expect(bankTransferForPayer(h.db, ANONYMOUS, order.number)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(listWaitingTransfers(h.db, ANONYMOUS)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(authorizeDocumentRead(h.db, ANONYMOUS, t.documentId)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    expect((await transfersOf(order.id)).map((x) => x.status)).toEqual(['submitted']);
    expect(await paymentRows(order.id)).toHaveLength(0);
    expect(paidCount(order.id)).toBe(0);
  });

  it('the payee account comes from the site setting, over the shipped default', async () => {
    const { user, actor } = await individual();
    const order = await newOrder(user.id);
    await setSetting(h.db, BANK_ACCOUNT_SETTING, { accountName: '中国认证认可协会', accountNumber: '1100 2233 4455 6677 889' });
    try {
      expect((await bankTransferForPayer(h.db, actor, order.number)).payee).toEqual({ accountName: '中国认证认可协会', bank: DEFAULT_PAYEE_ACCOUNT.bank, accountNumber: '1100 2233 4455 6677 889' });
    } finally {
      await setSetting(h.db, BANK_ACCOUNT_SETTING, {});
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, sql } from 'drizzle-orm';
import { applications, documents, orders } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createOrgAccount, createStaff } from '@/db/seed/factories';
import type { Actor } from '@/lib/platform/auth/actor';
import { completeUpload } from '@/lib/platform/documents/services/complete-upload';
import { requestUpload } from '@/lib/platform/documents/services/request-upload';
import { registerModule } from '@/lib/platform/manifest';
import { cancelOrderChecked } from '@/lib/platform/payments/checkout';
import { BANK_TRANSFER_SLOT } from '@/lib/platform/documents/slots';
import { confirmBankTransferDef, rejectBankTransferDef, submitBankTransferDef } from '@/lib/platform/payments/bank-transfer';
import { payments, bankTransfers } from '@/db/schema';
import sharp from 'sharp';
import { setSetting } from '@/lib/platform/settings';
import { applicationOrder, availableTransitions, getApplicationFor, myApplications, myTasks, queuePage } from '@/lib/platform/workflow';
import { createApplicationDef, fireTransitionDef } from '@/lib/platform/workflow/action-defs';
import { listMyCertificates } from '@/lib/platform/certificates/queries';
import { replaceCertificate, SYSTEM as CERTIFICATE_ISSUER } from '@/lib/platform/certificates';
import { verifyAnyNumber } from '@/lib/platform/verify';
import { certificates, outbox } from '@/db/schema';
import { runJob } from '@/lib/platform/jobs';
import { TEST_CERTIFICATE, TEST_FEE_SETTING, TEST_KIND, testModule } from '../fixtures/test-module';
import { actorOf as actorOfDb, callAs } from '../helpers/actors';
import { createTestDb } from '../helpers/db';
import { createTestStorage } from '../helpers/storage';

// The one registration line: the module lives entirely in tests/fixtures/test-module.
registerModule(testModule);

let h: DbHandle;
let s: Awaited<ReturnType<typeof createTestStorage>>;
beforeAll(async () => {
  [h, s] = await Promise.all([createTestDb(), createTestStorage()]);
});
afterAll(async () => {
  await h.close();
  await s.close();
});

const actorOf = (id: string) => actorOfDb(h.db, id);
const call: ReturnType<typeof callAs> = (def, actor, input) => callAs(h.db)(def, actor, input);
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

let png: Uint8Array;
beforeAll(async () => {
  png = new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#0a0' } }).png().toBuffer());
});

/** The payer's transfer slip: uploaded (content-checked) and submitted with a mobile. */
async function submitTransfer(actor: Actor, orderId: string) {
  const grant = await requestUpload(h.db, s.storage, actor, { slot: BANK_TRANSFER_SLOT, fileName: '转账截图.png', size: png.byteLength, contentType: 'image/png' });
  expect((await fetch(grant.url, { method: 'PUT', body: Buffer.from(png), headers: grant.headers })).status).toBe(200);
  const doc = await completeUpload(h.db, s.storage, actor, { ticket: grant.ticket });
  expect(await call(submitBankTransferDef, actor, { orderId, documentId: doc.id, mobile: '13812345678' })).toMatchObject({ ok: true });
  const [t] = await h.db.select().from(bankTransfers).where(and(eq(bankTransfers.orderId, orderId), eq(bankTransfers.status, 'submitted')));
  return t.id;
}

async function upload(actor: Actor, applicationId: string, slot = 'license') {
  const grant = await requestUpload(h.db, s.storage, actor, { applicationId, slot, fileName: '营业执照.pdf', size: PDF.byteLength, contentType: 'application/pdf' });
  const put = await fetch(grant.url, { method: 'PUT', body: Buffer.from(PDF), headers: grant.headers });
  expect(put.status).toBe(200);
  return completeUpload(h.db, s.storage, actor, { ticket: grant.ticket });
}

const docsOf = async (applicationId: string) => Number((await h.db.select({ n: count() }).from(documents).where(eq(documents.applicationId, applicationId)))[0].n);

async function applicantAndReviewer() {
  const { user } = await createOrgAccount(h.db, { email: `plug-${Date.now()}-${Math.random()}@example.com` });
  const applicant = await actorOf(user.id);
  const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'membership' }])).id);
  return { applicant, reviewer };
}

async function approvedApplication() {
  const { applicant, reviewer } = await applicantAndReviewer();
  const created = (await call(createApplicationDef, applicant, { kind: TEST_KIND, data: {}, mode: 'draft' })) as { ok: true; data: { id: string } };
  const id = created.data.id;
  await upload(applicant, id);
  expect(await call(fireTransitionDef, applicant, { applicationId: id, event: 'submit', data: { companyName: '杭州插件测试有限公司', contactEmail: 'plug@example.com' } })).toMatchObject({ ok: true, data: { status: 'submitted' } });
  expect(await call(fireTransitionDef, reviewer, { applicationId: id, event: 'approve' })).toMatchObject({ ok: true, data: { status: 'approved' } });
  return { applicant, reviewer, id };
}

describe('a module defined only in tests plugs into the platform', () => {
  it('walks draft → slot upload → submit → queue → approve → its own input → payment step → paid, through the generic functions', async () => {
    const { applicant, reviewer } = await applicantAndReviewer();
    const created = (await call(createApplicationDef, applicant, { kind: TEST_KIND, data: {}, mode: 'draft' })) as { ok: true; data: { id: string } };
    expect(created.ok).toBe(true);
    const id = created.data.id;

    // The kind's required slot: submitting without it is refused and nothing moves.
    const form = { companyName: '杭州插件测试有限公司', contactEmail: 'plug@example.com' };
    expect(await call(fireTransitionDef, applicant, { applicationId: id, event: 'submit', data: form })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect((await getApplicationFor(h.db, applicant, id)).status).toBe('draft');
    await upload(applicant, id);
    expect(await call(fireTransitionDef, applicant, { applicationId: id, event: 'submit', data: form })).toMatchObject({ ok: true, data: { status: 'submitted' } });

    // The generic queue and the reviewer's tasks show it; the applicant's list too.
    expect((await queuePage(h.db, reviewer, { kind: TEST_KIND })).rows.map((r) => r.id)).toContain(id);
    expect((await myTasks(h.db, reviewer)).todo.map((x) => x.app.id)).toContain(id);
    expect((await myApplications(h.db, applicant)).map((a) => a.id)).toContain(id);
    expect(await call(fireTransitionDef, reviewer, { applicationId: id, event: 'approve' })).toMatchObject({ ok: true, data: { status: 'approved' } });

    // Post-approval applicant step: a to-do with its own form path.
    expect((await myTasks(h.db, applicant)).todo.map((x) => x.app.id)).toContain(id);
    const app = await getApplicationFor(h.db, applicant, id);
    const step = availableTransitions(applicant, app).find((x) => x.event === 'chooseDelivery');
    expect(step?.def.formPath?.(app)).toBe(`/portal/test/${id}/delivery`);

    // Its input is validated: mail without an address is refused and nothing changes.
    const bad = await call(fireTransitionDef, applicant, { applicationId: id, event: 'chooseDelivery', data: { method: 'mail' } });
    expect(bad).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { address: ['邮寄须填写收件地址'] } });
    expect(await getApplicationFor(h.db, applicant, id)).toMatchObject({ status: 'approved', version: app.version });
    expect(await applicationOrder(h.db, id)).toBeNull();

    // Entering the payment step opens an order with the configured fee.
    await setSetting(h.db, TEST_FEE_SETTING, 80_000);
    expect(await call(fireTransitionDef, applicant, { applicationId: id, event: 'chooseDelivery', data: { method: 'mail', address: '浙江省杭州市西湖区文三路100号' } })).toMatchObject({ ok: true, data: { status: 'awaitingPayment' } });
    const paying = await getApplicationFor(h.db, applicant, id);
    expect((paying.data as { delivery: unknown }).delivery).toEqual({ method: 'mail', address: '浙江省杭州市西湖区文三路100号' });
    expect((paying.data as { companyName: string }).companyName).toBe('杭州插件测试有限公司');
    const order = (await applicationOrder(h.db, id))!;
    expect(order).toMatchObject({ status: 'unpaid', amountFen: 80_000, subjectType: 'application', subjectId: id, userId: applicant.kind === 'organization' ? applicant.id : '' });

    // Paid by bank transfer: finance returns the first slip with a reason, the payer uploads again, finance confirms (twice: one payment).
    const finance = await actorOf((await createStaff(h.db, [{ role: 'finance' }])).id);
    const first = await submitTransfer(applicant, order.id);
    expect(await call(rejectBankTransferDef, finance, { transferId: first, reason: '截图看不清金额' })).toMatchObject({ ok: true });
    expect((await getApplicationFor(h.db, applicant, id)).status).toBe('awaitingPayment');
    const second = await submitTransfer(applicant, order.id);
    expect(await call(confirmBankTransferDef, finance, { transferId: second })).toMatchObject({ ok: true });
    expect(await call(confirmBankTransferDef, finance, { transferId: second })).toMatchObject({ ok: true });
    expect(await h.db.select().from(payments).where(eq(payments.orderId, order.id))).toHaveLength(1);
    // The order's payment fired the state's system transition, once.
    expect((await getApplicationFor(h.db, applicant, id)).status).toBe('member');

    // …which issued the member certificate into the platform registry: one row, listed in 我的证书, verifiable.
    const issued = await h.db.select().from(certificates).where(eq(certificates.applicationId, id));
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({ type: TEST_CERTIFICATE, status: 'valid', holderName: '杭州插件测试有限公司' });
    expect(issued[0].number).toMatch(/^TSTM\d{4}\d{6}$/);
    expect((await listMyCertificates(h.db, applicant)).map((c) => c.number)).toContain(issued[0].number);
    for (const key of [issued[0].number, issued[0].token]) {
      const [found] = await verifyAnyNumber(h.db, key);
      expect(found).toMatchObject({ type: 'record', valid: true });
      expect(JSON.stringify(found)).not.toContain('杭州插件测试有限公司');
    }
    // Its PDF is stored after commit by the job the issue queued on the outbox.
    const jobs = await h.db.select().from(outbox).where(and(eq(outbox.channel, 'job'), sql`${outbox.payload}->>'certificateId' = ${issued[0].id}`));
    expect(jobs).toHaveLength(1);
    await runJob(h.db, jobs[0].payload, { outboxId: jobs[0].id, storage: s.storage });
    const [stored] = await h.db.select().from(certificates).where(eq(certificates.id, issued[0].id));
    expect(stored.pdfKey).toBeTruthy();
    expect(await s.storage.head(stored.pdfKey!)).not.toBeNull();
    // Replacing it leaves exactly one valid certificate; the old one is void (replaced) and points at the new one.
    const { certificate: fresh } = await replaceCertificate(h.db, CERTIFICATE_ISSUER, { certificateId: issued[0].id, reason: '证书遗失补办' });
    const all = await h.db.select().from(certificates).where(eq(certificates.applicationId, id));
    expect(all.filter((c) => c.status === 'valid').map((c) => c.id)).toEqual([fresh.id]);
    expect(all.find((c) => c.id === issued[0].id)).toMatchObject({ status: 'replaced', replacedById: fresh.id });
    const [old] = await verifyAnyNumber(h.db, issued[0].token);
    expect(old).toMatchObject({ valid: false });
  });

  it('an upload into a slot in a state that does not allow it is refused and nothing is stored', async () => {
    const { applicant, id } = await approvedApplication();
    const before = await docsOf(id);
    await expect(requestUpload(h.db, s.storage, applicant, { applicationId: id, slot: 'license', fileName: 'x.pdf', size: PDF.byteLength, contentType: 'application/pdf' })).rejects.toMatchObject({ code: 'INVALID_STATE', messageKey: 'documents.errors.locked' });
    expect(await docsOf(id)).toBe(before);
  });

  it('cancelling the unpaid order fires the cancelled transition: back to the delivery choice, and a new choice opens a new order', async () => {
    const { applicant, id } = await approvedApplication();
    await call(fireTransitionDef, applicant, { applicationId: id, event: 'chooseDelivery', data: { method: 'pickup' } });
    const first = (await applicationOrder(h.db, id))!;
    await cancelOrderChecked(h.db, applicant as Extract<Actor, { kind: 'organization' }>, first.id);
    expect((await getApplicationFor(h.db, applicant, id)).status).toBe('approved');
    await call(fireTransitionDef, applicant, { applicationId: id, event: 'chooseDelivery', data: { method: 'pickup' } });
    const second = (await applicationOrder(h.db, id))!;
    expect(second.id).not.toBe(first.id);
    expect(second.status).toBe('unpaid');
    expect(Number((await h.db.select({ n: count() }).from(orders).where(and(eq(orders.subjectId, id), eq(orders.status, 'unpaid'))))[0].n)).toBe(1);
  });

  it('the system transitions of the payment step cannot be fired by a request', async () => {
    const { applicant, reviewer, id } = await approvedApplication();
    await call(fireTransitionDef, applicant, { applicationId: id, event: 'chooseDelivery', data: { method: 'pickup' } });
    for (const actor of [applicant, reviewer]) expect(await call(fireTransitionDef, actor, { applicationId: id, event: 'settle' })).toMatchObject({ ok: false });
    const [row] = await h.db.select().from(applications).where(eq(applications.id, id));
    expect(row.status).toBe('awaitingPayment');
  });
});

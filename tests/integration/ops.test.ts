import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, inArray, sql } from 'drizzle-orm';
import { and } from 'drizzle-orm';
import { certificates, documents, mailboxMessages, orders, outbox, payments, refunds, type Order } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual } from '@/db/seed/factories';
import type { SignedInActor } from '@/lib/platform/auth/actor';
import { checkReadiness } from '@/lib/platform/health';
import { metricsResponse } from '@/lib/platform/http/metrics-endpoint';
import { drainServers, installRequestHook, onRequestFinished, requestContext, routeOf, setRequestActor } from '@/lib/platform/http/request-context';
import { redact, redactText } from '@/lib/platform/logger';
import { claimBatch, enqueueEmail, releaseClaims, runOnce, type Transports } from '@/lib/platform/notify';
import { LocalEmailTransport, LocalSmsTransport } from '@/lib/platform/notify/transports/local';
import { operationsStatus } from '@/lib/platform/operations';
import {
  createOrder,
  handleNotification,
  onOrderPaid,
  processPendingRefunds,
  reconcileOrders,
  registerPaymentProvider,
  requestRefund,
  startPayment,
  PaymentProviderError,
  type PaymentProvider,
} from '@/lib/platform/payments';
import { canonicalString } from '@/lib/platform/payments/providers/signing';
import { startPeriodic } from '@/lib/platform/periodic';
import { issueCertificate, registerCertificateType, SYSTEM } from '@/lib/platform/certificates';
import { PERSONAL_FILES_SLOT } from '@/lib/platform/documents/slots';
import { completeUpload } from '@/lib/platform/documents/services/complete-upload';
import { requestUpload } from '@/lib/platform/documents/services/request-upload';
import { runJob } from '@/lib/platform/jobs';
import { startEmbeddedS3 } from '@/lib/platform/storage';
import { actorOf } from '../helpers/actors';
import { createTestDb } from '../helpers/db';
import { createTestStorage } from '../helpers/storage';
import crypto from 'node:crypto';

process.env.AUTH_SECRET ??= 'ops-suite-secret-0123456789-abcdefghijkl';

/**
 * Operations on a real database (issue #16): the background work several
 * instances share — reconciliation claimed per order, outbox claims released
 * on shutdown and taken over after a dead worker's lease, a failing email/SMS
 * provider that comes back, a payment provider timing out on a notification
 * or a refund — and the instance's own machinery: readiness, metrics behind
 * their token, the request hook's log context and graceful drain, redaction.
 */
let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

// ---------------------------------------------------------------------------
// A payment platform that counts what it is asked, and can be slow or down
// ---------------------------------------------------------------------------

class CountingProvider implements PaymentProvider {
  readonly name = 'counting';
  readonly notifyAck = { ok: 'success', fail: 'fail' };
  private secret = crypto.randomBytes(16);
  trades = new Map<string, { tradeNo: string; amountFen: number }>();
  queries = new Map<string, number>();
  /** The next queries (or refunds) time out: 'before' = nothing happened at the platform, 'after' = it did the work but the answer was lost. */
  queryFailures: Array<'timeout'> = [];
  refundFailures: Array<'timeout-before' | 'timeout-after'> = [];
  refundCalls = new Map<string, number>();
  moneyReturned = new Map<string, number>();

  async createPayment(order: { number: string }) {
    return { redirectUrl: `https://counting.example/pay/${order.number}` };
  }
  pay(orderNumber: string, amountFen: number): Record<string, string> {
    const tradeNo = `C${crypto.randomInt(1e9)}`;
    this.trades.set(orderNumber, { tradeNo, amountFen });
    const p: Record<string, string> = { out_trade_no: orderNumber, trade_no: tradeNo, total_fen: String(amountFen), status: 'PAID' };
    return { ...p, sign: crypto.createHmac('sha256', this.secret).update(canonicalString(p)).digest('hex') };
  }
  async verifyNotification(p: Record<string, string>) {
    const expected = crypto.createHmac('sha256', this.secret).update(canonicalString(p)).digest('hex');
    if (p.sign !== expected) throw new PaymentProviderError('bad signature');
    return { orderNumber: p.out_trade_no, tradeNo: p.trade_no, amountFen: Number(p.total_fen), paid: p.status === 'PAID' };
  }
  async queryTrade(orderNumber: string) {
    this.queries.set(orderNumber, (this.queries.get(orderNumber) ?? 0) + 1);
    // As slow as a real platform: concurrent runs overlap.
    await new Promise((r) => setTimeout(r, 15));
    if (this.queryFailures.shift()) throw new PaymentProviderError('timeout', { retryable: true });
    const t = this.trades.get(orderNumber);
    return t ? { paid: true, ...t } : { paid: false };
  }
  async refund(req: { idempotencyKey: string; amountFen: number }) {
    this.refundCalls.set(req.idempotencyKey, (this.refundCalls.get(req.idempotencyKey) ?? 0) + 1);
    await new Promise((r) => setTimeout(r, 15));
    const failure = this.refundFailures.shift();
    if (failure === 'timeout-before') throw new PaymentProviderError('timeout', { retryable: true });
    // The platform dedupes by the idempotency key: a key pays back once, however often it is sent.
    if (!this.moneyReturned.has(req.idempotencyKey)) this.moneyReturned.set(req.idempotencyKey, req.amountFen);
    if (failure === 'timeout-after') throw new PaymentProviderError('timeout', { retryable: true });
    return { refundNo: `CR-${req.idempotencyKey}` };
  }
}
const provider = new CountingProvider();
registerPaymentProvider('counting', () => provider);

const SUBJECT = 'ops_test';
const paidEvents: string[] = [];
onOrderPaid(SUBJECT, async (_tx, order) => {
  paidEvents.push(order.id);
});

async function person() {
  const u = await createIndividual(h.db);
  return { user: u, actor: (await actorOf(h.db, u.id)) as SignedInActor };
}

async function startedOrder(actor: SignedInActor, userId: string): Promise<Order> {
  const o = await h.db.transaction((tx) =>
    createOrder(tx, { userId, subjectType: SUBJECT, subjectId: `ops-${crypto.randomUUID()}`, title: '运维测试订单', items: [{ name: '科目', amountFen: 12_300, ref: 's' }], ttlMinutes: 30 }),
  );
  await startPayment(h.db, actor, { orderId: o.id, returnUrl: '/portal' }, { provider: 'counting' });
  return o;
}
const orderRow = async (id: string) => (await h.db.select().from(orders).where(eq(orders.id, id)))[0];
const paymentsOf = async (id: string) => h.db.select().from(payments).where(eq(payments.orderId, id));

describe('reconciliation on several instances', () => {
  it('two instances reconciling at once ask the provider about each order once, and settle each paid order once', async () => {
    const { user, actor } = await person();
    const all = await Promise.all(Array.from({ length: 12 }, () => startedOrder(actor, user.id)));
    // Half were paid at the platform, their notifications lost.
    for (const o of all.slice(0, 6)) provider.pay(o.number, o.amountFen);
    const later = new Date(Date.now() + 3 * 60_000);
    const [a, b] = await Promise.all([reconcileOrders(h.db, later), reconcileOrders(h.db, later)]);
    for (const o of all) expect(provider.queries.get(o.number), o.number).toBe(1);
    expect(a.checked + b.checked).toBe(12);
    expect(a.settled + b.settled).toBe(6);
    for (const o of all.slice(0, 6)) {
      expect((await orderRow(o.id)).status).toBe('paid');
      expect(await paymentsOf(o.id)).toHaveLength(1);
      expect(paidEvents.filter((id) => id === o.id)).toHaveLength(1);
    }
    // A third instance at the same moment finds nothing to ask about: the unpaid ones wait for their next look …
    const c = await reconcileOrders(h.db, later);
    expect(c.checked).toBe(0);
    // … which comes after the recheck interval, once.
    const again = new Date(later.getTime() + 61_000);
    const [d, e] = await Promise.all([reconcileOrders(h.db, again), reconcileOrders(h.db, again)]);
    expect(d.checked + e.checked).toBe(6);
    for (const o of all.slice(6)) expect(provider.queries.get(o.number)).toBe(2);
  });

  it('an instance stopping mid-run releases the orders it had claimed but not asked about', async () => {
    const { user, actor } = await person();
    const mine = await Promise.all(Array.from({ length: 3 }, () => startedOrder(actor, user.id)));
    const ctrl = new AbortController();
    ctrl.abort();
    const later = new Date(Date.now() + 3 * 60_000);
    const r = await reconcileOrders(h.db, later, undefined, { signal: ctrl.signal });
    expect(r.checked).toBe(0);
    expect(r.released).toBeGreaterThanOrEqual(3);
    for (const o of mine) expect((await orderRow(o.id)).reconcileClaimedUntil).toBeNull();
    // Another instance takes them at once.
    const other = await reconcileOrders(h.db, later);
    expect(other.checked).toBeGreaterThanOrEqual(3);
    for (const o of mine) expect(provider.queries.get(o.number)).toBe(1);
  });

  it('fault: the provider times out on the notification and on the first query — reconciliation settles the order once, a late notification changes nothing', async () => {
    const { user, actor } = await person();
    const o = await startedOrder(actor, user.id);
    // Paid at the platform; its notification never arrives (timed out on the way).
    const notification = provider.pay(o.number, o.amountFen);
    provider.queryFailures.push('timeout');
    const later = new Date(Date.now() + 3 * 60_000);
    const first = await reconcileOrders(h.db, later);
    expect(first.failed).toBeGreaterThanOrEqual(1);
    expect((await orderRow(o.id)).status).toBe('unpaid');
    const second = await reconcileOrders(h.db, new Date(later.getTime() + 61_000));
    expect(second.settled).toBeGreaterThanOrEqual(1);
    expect((await orderRow(o.id)).status).toBe('paid');
    expect(await paymentsOf(o.id)).toMatchObject([{ source: 'reconcile', amountFen: o.amountFen }]);
    // The platform retries its notification: recorded as a repeat.
    expect((await handleNotification(h.db, 'counting', notification)).outcome).toBe('repeated');
    expect(await paymentsOf(o.id)).toHaveLength(1);
  });

  it('fault: the provider times out on a refund, before or after paying it back — retried with one idempotency key, the money returned once', async () => {
    for (const failure of ['timeout-before', 'timeout-after'] as const) {
      const { user, actor } = await person();
      const o = await startedOrder(actor, user.id);
      expect((await handleNotification(h.db, 'counting', provider.pay(o.number, o.amountFen))).outcome).toBe('recorded');
      provider.refundFailures.push(failure);
      const refund = await h.db.transaction((tx) => requestRefund(tx, { orderId: o.id, userId: user.id, scope: `ops-${crypto.randomUUID()}`, reason: '考生申请退款' }));
      // The first attempt (the loop, on two instances at once) times out …
      const [x, y] = await Promise.all([processPendingRefunds(h.db), processPendingRefunds(h.db)]);
      expect(x.processed + y.processed).toBeLessThanOrEqual(1);
      const [mid] = await h.db.select().from(refunds).where(eq(refunds.id, refund.id));
      expect(mid.status).toBe('requested');
      // … the next run pays it back: one call more, the same key, the money returned once.
      await Promise.all([processPendingRefunds(h.db), processPendingRefunds(h.db)]);
      const [done] = await h.db.select().from(refunds).where(eq(refunds.id, refund.id));
      expect(done).toMatchObject({ status: 'refunded', attempts: 2 });
      expect(provider.refundCalls.get(done.idempotencyKey)).toBe(2);
      expect(provider.moneyReturned.get(done.idempotencyKey)).toBe(o.amountFen);
      expect((await orderRow(o.id)).status).toBe('refunded');
    }
  });
});

// ---------------------------------------------------------------------------
// Outbox: claims released, taken over, and a provider outage
// ---------------------------------------------------------------------------

describe('outbox across instances', () => {
  beforeEach(async () => {
    await h.db.delete(mailboxMessages);
    await h.db.delete(outbox);
  });
  const local = (): Transports => ({ email: new LocalEmailTransport(h.db), sms: new LocalSmsTransport(h.db) });
  const enqueueMany = (n: number, tag: string) => h.db.transaction(async (tx) => {
    for (let i = 0; i < n; i++) await enqueueEmail(tx, { to: `${tag}${i}@example.com`, subject: `主题 ${i}`, text: `正文 ${i}` });
  });

  it('an instance stopping mid-batch delivers the row in hand and releases the rest for another at once (attempt not counted)', async () => {
    await enqueueMany(6, 'stop');
    const ctrl = new AbortController();
    const transports = local();
    let handed = 0;
    const stopping: Transports = { ...transports, email: { name: 'stopping', send: async (m, ctx) => { handed++; ctrl.abort(); return transports.email.send(m, ctx); } } };
    const r = await runOnce(h.db, stopping, 'app1-a', 10, ctrl.signal);
    expect(r).toMatchObject({ claimed: 6, sent: 1, released: 5 });
    expect(handed).toBe(1);
    const pending = await h.db.select().from(outbox).where(eq(outbox.status, 'pending'));
    expect(pending).toHaveLength(5);
    expect(pending.every((p) => p.attempts === 0 && p.lockedBy === null && p.lockedUntil === null)).toBe(true);
    const other = await runOnce(h.db, local(), 'app2-b');
    expect(other.sent).toBe(5);
    const rows = await h.db.select().from(mailboxMessages);
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((x) => x.outboxId)).size).toBe(6);
  });

  it('fault: an instance killed while holding claimed rows — another takes them after the lease, each delivered once', async () => {
    await enqueueMany(10, 'killed');
    // app1 claims the batch and dies before delivering anything.
    const held = await claimBatch(h.db, 'app1-dead', 10);
    expect(held).toHaveLength(10);
    // Before the lease runs out nobody else may take them.
    expect((await runOnce(h.db, local(), 'app2-b')).claimed).toBe(0);
    // The lease runs out (60 s; moved here instead of waited for).
    await h.db.update(outbox).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(outbox.lockedBy, 'app1-dead'));
    expect((await operationsStatus(h.db, { reconcileAfterSeconds: 120 })).outbox.expiredLeases).toBe(10);
    const r = await runOnce(h.db, local(), 'app2-b');
    expect(r.sent).toBe(10);
    // A late release by the dead worker's id changes nothing now.
    expect(await releaseClaims(h.db, 'app1-dead', held.map((x) => x.id))).toBe(0);
    const rows = await h.db.select().from(outbox);
    expect(rows.every((x) => x.status === 'sent' && x.lockedBy === 'app2-b' && x.attempts === 2)).toBe(true);
    expect(await h.db.select().from(mailboxMessages)).toHaveLength(10);
  });

  it('fault: the email/SMS provider fails for a while — retried with backoff, none lost, none sent twice when it comes back', async () => {
    await enqueueMany(8, 'outage');
    // A provider that dedupes by idempotency key (as Resend and the SMS platforms do); down at first, and
    // once it accepts a message but the answer times out (sent, yet reported as failed).
    const accepted = new Map<string, number>();
    let down = true;
    let lostAnswer = 1;
    const calls: string[] = [];
    const flaky: Transports = {
      ...local(),
      email: {
        name: 'flaky',
        send: async (_m, ctx) => {
          calls.push(ctx.idempotencyKey);
          if (down) throw new Error('connect ETIMEDOUT');
          accepted.set(ctx.idempotencyKey, (accepted.get(ctx.idempotencyKey) ?? 0) + 1);
          if (lostAnswer-- > 0) throw new Error('read ETIMEDOUT');
          return { providerMessageId: `pm-${ctx.outboxId}` };
        },
      },
    };
    const outage = await Promise.all([runOnce(h.db, flaky, 'app1-a', 4), runOnce(h.db, flaky, 'app2-b', 4)]);
    expect(outage[0].retry + outage[1].retry).toBe(8);
    let rows = await h.db.select().from(outbox);
    expect(rows.every((x) => x.status === 'pending' && x.attempts === 1 && x.availableAt.getTime() > Date.now() + 2_000 && x.lastError === 'connect ETIMEDOUT')).toBe(true);
    expect((await operationsStatus(h.db, { reconcileAfterSeconds: 120 })).outbox.retrying).toBe(8);
    // Not due yet: the backoff holds them.
    expect((await runOnce(h.db, flaky, 'app1-a')).claimed).toBe(0);
    // The provider is back; the backoff has passed.
    down = false;
    await h.db.update(outbox).set({ availableAt: sql`now() - interval '1 second'` });
    for (let i = 0; i < 4; i++) {
      await Promise.all([runOnce(h.db, flaky, 'app1-a'), runOnce(h.db, flaky, 'app2-b')]);
      await h.db.update(outbox).set({ availableAt: sql`now() - interval '1 second'` }).where(eq(outbox.status, 'pending'));
    }
    rows = await h.db.select().from(outbox);
    expect(rows.every((x) => x.status === 'sent')).toBe(true);
    expect(accepted.size).toBe(8);
    // The message whose answer was lost was handed over again with the same key: the provider kept one.
    expect([...accepted.values()].filter((n) => n === 2)).toHaveLength(1);
    expect(new Set(calls).size).toBe(8);
  });
});

// ---------------------------------------------------------------------------
// Storage unavailable
// ---------------------------------------------------------------------------

const PDF_BYTES = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const OPS_CERT = registerCertificateType({ type: 'test.ops', module: 'personnel', labelKey: 'certificates.genericType', prefix: 'OP', validityMonths: 12 });

describe('storage unavailable', () => {
  it('fault: an upload while storage is down — a clear message, nothing half-stored; the retry works once it is back', async () => {
    const s = await createTestStorage();
    const port = s.server.port;
    let back: Awaited<ReturnType<typeof startEmbeddedS3>> | undefined;
    try {
      const { user, actor } = await person();
      const grant = await requestUpload(h.db, s.storage, actor, { applicationId: null, slot: PERSONAL_FILES_SLOT, fileName: '学历证明.pdf', size: PDF_BYTES.byteLength, contentType: 'application/pdf' });
      await s.server.close();
      // The browser's PUT fails (the upload field shows it and offers a retry) …
      await expect(fetch(grant.url, { method: 'PUT', body: Buffer.from(PDF_BYTES), headers: grant.headers })).rejects.toThrow();
      // … and completing says so in words, storing nothing.
      await expect(completeUpload(h.db, s.storage, actor, { ticket: grant.ticket })).rejects.toMatchObject({ code: 'UNAVAILABLE', messageKey: 'documents.errors.storageFailed' });
      expect(await h.db.select().from(documents).where(eq(documents.ownerUserId, user.id))).toHaveLength(0);
      // Storage is back (same directory, same port): the same upload goes through, once.
      back = await startEmbeddedS3({ dir: s.dir, port, bucket: 'test-bucket' });
      const retry = await requestUpload(h.db, s.storage, actor, { applicationId: null, slot: PERSONAL_FILES_SLOT, fileName: '学历证明.pdf', size: PDF_BYTES.byteLength, contentType: 'application/pdf' });
      expect((await fetch(retry.url, { method: 'PUT', body: Buffer.from(PDF_BYTES), headers: retry.headers })).status).toBe(200);
      const doc = await completeUpload(h.db, s.storage, actor, { ticket: retry.ticket });
      expect(doc).toMatchObject({ fileName: '学历证明.pdf' });
      const rows = await h.db.select().from(documents).where(eq(documents.ownerUserId, user.id));
      expect(rows).toHaveLength(1);
      expect(await s.storage.head(rows[0].storageKey)).toMatchObject({ size: PDF_BYTES.byteLength });
    } finally {
      await back?.close();
      await s.close();
    }
  });

  it('fault: storing a generated PDF while storage is down — the job fails and is retried; once storage is back it is stored once', async () => {
    const s = await createTestStorage();
    const port = s.server.port;
    let back: Awaited<ReturnType<typeof startEmbeddedS3>> | undefined;
    try {
      const { user } = await person();
      const cert = await issueCertificate(h.db, SYSTEM, { type: OPS_CERT.type, holderUserId: user.id, holderName: '王小明', subject: { level: '检验员' } });
      const [job] = await h.db.select().from(outbox).where(and(eq(outbox.channel, 'job'), sql`${outbox.payload}->>'certificateId' = ${cert.id}`));
      expect(job).toBeDefined();
      await s.server.close();
      // What the worker does: the job throws, the row goes back to pending with its error and a backoff.
      await expect(runJob(h.db, job.payload, { outboxId: job.id, storage: s.storage })).rejects.toThrow();
      expect((await h.db.select().from(certificates).where(eq(certificates.id, cert.id)))[0].pdfKey).toBeNull();
      back = await startEmbeddedS3({ dir: s.dir, port, bucket: 'test-bucket' });
      await runJob(h.db, job.payload, { outboxId: job.id, storage: s.storage });
      // A repeated run (a worker dying after storing) stores nothing new.
      await runJob(h.db, job.payload, { outboxId: job.id, storage: s.storage });
      const [after] = await h.db.select().from(certificates).where(eq(certificates.id, cert.id));
      expect(after.pdfKey).toBeTruthy();
      const head = await s.storage.head(after.pdfKey!);
      expect(head?.size).toBeGreaterThan(1000);
    } finally {
      await back?.close();
      await s.close();
    }
  });
});

// ---------------------------------------------------------------------------
// The instance: readiness, metrics, request context, drain, redaction
// ---------------------------------------------------------------------------

describe('readiness and metrics', () => {
  it('readiness needs the boot finished, no drain, the database, the storage and every migration', async () => {
    const s = await createTestStorage();
    try {
      const deps = { db: async () => h.db, storage: async () => s.storage };
      const ready = await checkReadiness({ ...deps, booted: true, draining: false });
      expect(ready.ready).toBe(true);
      expect(ready.checks.migrations.ok).toBe(true);
      expect(ready.checks.migrations.applied).toBe(ready.checks.migrations.expected);
      expect((await checkReadiness({ ...deps, booted: false, draining: false })).ready).toBe(false);
      expect((await checkReadiness({ ...deps, booted: true, draining: true })).ready).toBe(false);
      await s.server.close();
      const noStorage = await checkReadiness({ ...deps, booted: true, draining: false }, 1500);
      expect(noStorage.ready).toBe(false);
      expect(noStorage.checks.storage.ok).toBe(false);
    } finally {
      await s.close();
    }
  });

  it('/api/metrics: 404 without METRICS_TOKEN, 401 with a wrong or no token, Prometheus text with it', async () => {
    const req = (auth?: string) => new Request('http://localhost/api/metrics', { headers: auth ? { authorization: auth } : {} });
    const deps = { db: async () => h.db, reconcileAfterSeconds: 120, ready: true };
    expect((await metricsResponse(req('Bearer x'), { ...deps, token: undefined })).status).toBe(404);
    const token = 'metrics-token-0123456789abcdef';
    expect((await metricsResponse(req(), { ...deps, token })).status).toBe(401);
    expect((await metricsResponse(req('Bearer metrics-token-0123456789abcdeX'), { ...deps, token })).status).toBe(401);
    await enqueueEmail(h.db, { to: 'm@example.com', subject: '指标', text: '待发送' });
    const ok = await metricsResponse(req(`Bearer ${token}`), { ...deps, token });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await ok.text();
    for (const family of ['accredit_http_requests_in_flight', 'accredit_outbox_backlog', 'accredit_outbox_dead', 'accredit_payments_reconciliation_lag_seconds', 'accredit_refunds_failed', 'accredit_process_cpu_seconds_total']) {
      expect(text).toContain(`# TYPE ${family} `);
    }
    expect(text).toMatch(/^accredit_outbox_rows\{channel="email",status="pending"\} \d+$/m);
    // Still served when the database does not answer: the instance's own figures.
    const down = await metricsResponse(req(`Bearer ${token}`), { ...deps, token, db: async () => Promise.reject(new Error('connection refused')) });
    expect(down.status).toBe(200);
    expect(await down.text()).not.toContain('accredit_outbox_backlog');
  });
});

describe('request context, access log and graceful drain', () => {
  it('every request gets an id and a context; a slow request in flight finishes while the server drains, new connections are refused', async () => {
    installRequestHook();
    const finished: Array<{ route: string; status: number; actorId?: string; requestId: string }> = [];
    onRequestFinished((ctx, status) => finished.push({ route: ctx.route, status, actorId: ctx.actorId, requestId: ctx.requestId }));
    const server = http.createServer((req, res) => {
      const ctx = requestContext();
      setRequestActor('actor-1');
      const delay = req.url?.startsWith('/slow') ? 400 : 0;
      setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ requestId: ctx?.requestId, route: ctx?.route, sameInTimer: requestContext() === ctx }));
      }, delay);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const fast = await fetch(`${base}/portal/exam/registrations/0b0f3c52-5d0e-4a57-9b4e-9d6c2a1f0e11?idNumber=110101199003071234`, { headers: { 'x-request-id': 'nginx-request-0001' } });
    expect(await fast.json()).toEqual({ requestId: 'nginx-request-0001', route: '/portal/exam/registrations/:id', sameInTimer: true });
    expect(fast.headers.get('x-request-id')).toBe('nginx-request-0001');

    const slow = fetch(`${base}/slow`).then(async (r) => ({ status: r.status, connection: r.headers.get('connection'), body: (await r.json()) as { requestId: string } }));
    await new Promise((r) => setTimeout(r, 100));
    const drained = drainServers(5_000);
    // The listener is closed at once: a new connection is refused (a proxy moves to another instance).
    await expect(fetch(`${base}/after`)).rejects.toThrow();
    const s = await slow;
    expect(s.status).toBe(200);
    expect(s.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await drained).cut).toBe(0);
    const mine = finished.filter((f) => f.route === '/portal/exam/registrations/:id' || f.route === '/slow');
    expect(mine).toEqual([
      { route: '/portal/exam/registrations/:id', status: 200, actorId: 'actor-1', requestId: 'nginx-request-0001' },
      { route: '/slow', status: 200, actorId: 'actor-1', requestId: s.body.requestId },
    ]);
  });

  it('route labels carry no identifiers: ids, numbers, ID numbers, mobiles and tokens are replaced, the query dropped', () => {
    expect(routeOf('/verify/ZS2026000123?x=1')).toBe('/verify/:ref');
    expect(routeOf('/api/files/0b0f3c52-5d0e-4a57-9b4e-9d6c2a1f0e11')).toBe('/api/files/:id');
    expect(routeOf('/staff/users?q=13812345678')).toBe('/staff/users');
    expect(routeOf('/m/upload/Qk9fX2xvbmctdG9rZW4tdmFsdWUtMTIzNDU2Nzg5MA')).toBe('/m/upload/:token');
    expect(routeOf('/verify/11010519491231002X')).toBe('/verify/:ref');
    expect(routeOf('/pay/sandbox/DD2026120612345678')).toBe('/pay/sandbox/:ref');
    expect(routeOf('/_next/static/chunks/app.js')).toBe('/_next/static/*');
    expect(routeOf('/portal/exam')).toBe('/portal/exam');
  });

  it('log lines never carry ID numbers, mobiles or secrets', () => {
    expect(redactText('考生 11010519491231002X 手机 13800000001 订单 DD2026120612345678')).toBe('考生 110*************2X 手机 138******01 订单 DD2026120612345678');
    expect(redact({ identifier: '13800000001', password: 'Secret123', idNumber: '330106198503150032', nested: { mobile: '13900000002', note: 'call +8613900000002' }, outboxId: 13812345678 })).toEqual({
      identifier: '138******01',
      password: '[redacted]',
      idNumber: '[redacted]',
      nested: { mobile: '[redacted]', note: 'call +86*********02' },
      outboxId: 13812345678,
    });
  });
});

describe('periodic loops stop cleanly', () => {
  it('stop() aborts the run in progress through its signal and waits for it', async () => {
    let sawAbort = false;
    let runs = 0;
    const loop = startPeriodic(
      'ops-test',
      async (signal) => {
        runs++;
        for (let i = 0; i < 50 && !signal.aborted; i++) await new Promise((r) => setTimeout(r, 10));
        sawAbort = signal.aborted;
      },
      { intervalSeconds: 3600, firstDelayMs: 0 },
    );
    await new Promise((r) => setTimeout(r, 50));
    await loop.stop();
    expect(runs).toBe(1);
    expect(sawAbort).toBe(true);
    await loop.runNow();
    expect(runs).toBe(1);
  });

  it('operations status counts what the dashboard shows', async () => {
    await h.db.delete(outbox);
    await enqueueEmail(h.db, { to: 'a@example.com', subject: '一', text: '一' });
    const [dead] = await h.db.insert(outbox).values({ channel: 'sms', payload: { to: '13800000001', template: 't', params: {}, text: 'x' }, status: 'dead', attempts: 8, lastError: 'provider refused 13800000001' }).returning();
    const s = await operationsStatus(h.db, { reconcileAfterSeconds: 120 });
    expect(s.outbox).toMatchObject({ due: 1, dead: 1, deadLastDay: 1 });
    expect(s.outbox.recentFailures[0]).toMatchObject({ id: dead.id, channel: 'sms', status: 'dead', lastError: 'provider refused 138******01' });
    const ids = (await h.db.select({ id: outbox.id }).from(outbox)).map((r) => r.id);
    await h.db.delete(outbox).where(inArray(outbox.id, ids));
  });
});

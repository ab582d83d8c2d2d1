import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { mailboxMessages, outbox } from '@/db/schema';
import { openDb, type DbHandle } from '@/db/client';
import { enqueueEmail, enqueueSms, runOnce, startWorker, PermanentDeliveryError, type Transports, type EmailMessage, type DeliveryContext } from '@/lib/platform/notify';
import { LocalEmailTransport, LocalSmsTransport } from '@/lib/platform/notify/transports/local';
import { createTestDb } from '../helpers/db';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  await h.db.delete(mailboxMessages);
  await h.db.delete(outbox);
});

const mail = (i: number): EmailMessage => ({ to: `user${i}@example.com`, subject: `主题 ${i}`, text: `正文 ${i} https://example.com/verify?t=${i}` });

/** Local transports that also count how often each row was handed to them. */
function countingTransports(db: DbHandle['db'], calls: Map<number, number>): Transports {
  const email = new LocalEmailTransport(db);
  const sms = new LocalSmsTransport(db);
  return {
    email: { name: 'counting', send: (m, ctx) => (calls.set(ctx.outboxId, (calls.get(ctx.outboxId) ?? 0) + 1), email.send(m, ctx)) },
    sms: { name: 'counting', send: (m, ctx) => (calls.set(ctx.outboxId, (calls.get(ctx.outboxId) ?? 0) + 1), sms.send(m, ctx)) },
  };
}

async function mailboxCount(db = h.db) {
  const [r] = await db.select({ n: count() }).from(mailboxMessages);
  return Number(r.n);
}

describe('transactional outbox', () => {
  it('delivers a committed message to the local mailbox once, with its links intact', async () => {
    await h.db.transaction(async (tx) => {
      await enqueueEmail(tx, mail(1));
      await enqueueSms(tx, { to: '13800000001', template: 'verification_code', params: { code: '123456' }, text: '您的验证码为123456，5分钟内有效。' });
    });
    const calls = new Map<number, number>();
    const r = await runOnce(h.db, countingTransports(h.db, calls), 'w1');
    expect(r).toMatchObject({ claimed: 2, sent: 2 });
    const msgs = await h.db.select().from(mailboxMessages).orderBy(mailboxMessages.id);
    expect(msgs.map((m) => [m.channel, m.recipient])).toEqual([
      ['email', 'user1@example.com'],
      ['sms', '13800000001'],
    ]);
    expect(msgs[0].body).toContain('https://example.com/verify?t=1');
    const rows = await h.db.select().from(outbox);
    expect(rows.every((x) => x.status === 'sent' && x.sentAt)).toBe(true);
    // Nothing left to claim.
    expect((await runOnce(h.db, countingTransports(h.db, calls), 'w1')).claimed).toBe(0);
  });

  it('never delivers a message whose transaction rolled back', async () => {
    await expect(
      h.db.transaction(async (tx) => {
        await enqueueEmail(tx, mail(2));
        throw new Error('business rule failed after enqueue');
      }),
    ).rejects.toThrow('business rule failed');
    const [r] = await h.db.select({ n: count() }).from(outbox);
    expect(Number(r.n)).toBe(0);
    await runOnce(h.db, countingTransports(h.db, new Map()), 'w1');
    expect(await mailboxCount()).toBe(0);
  });

  it('two workers running at once deliver each of 60 rows exactly once', async () => {
    await h.db.transaction(async (tx) => {
      for (let i = 0; i < 60; i++) await enqueueEmail(tx, mail(i));
    });
    // On Postgres the second worker uses its own connection pool, as a second app instance would.
    const second = h.url ? await openDb({ url: h.url, migrate: false, poolMax: 5 }) : h;
    const calls = new Map<number, number>();
    const drain = async (db: DbHandle['db'], id: string) => {
      let handled = 0;
      for (;;) {
        const r = await runOnce(db, countingTransports(db, calls), id, 7);
        if (r.claimed === 0) return handled;
        handled += r.claimed;
      }
    };
    const [a, b] = await Promise.all([drain(h.db, 'worker-a'), drain(second.db, 'worker-b')]);
    if (second !== h) await second.close();
    expect(a + b).toBe(60);
    expect(calls.size).toBe(60);
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
    expect(await mailboxCount()).toBe(60);
  });

  it('retries a failing delivery with backoff and gives up after maxAttempts', async () => {
    await enqueueEmail(h.db, mail(3), { maxAttempts: 2 });
    const failing: Transports = {
      email: { name: 'down', send: async () => { throw new Error('SMTP 451 try later'); } },
      sms: new LocalSmsTransport(h.db),
    };
    expect(await runOnce(h.db, failing, 'w1')).toMatchObject({ claimed: 1, retry: 1 });
    let [row] = await h.db.select().from(outbox);
    expect(row.status).toBe('pending');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain('451');
    expect(row.availableAt.getTime()).toBeGreaterThan(Date.now() + 2_000);
    expect(row.failedAt).toBeNull();
    // Not due yet: nothing is claimed.
    expect((await runOnce(h.db, failing, 'w1')).claimed).toBe(0);
    await h.db.update(outbox).set({ availableAt: sql`now() - interval '1 second'` });
    expect(await runOnce(h.db, failing, 'w1')).toMatchObject({ claimed: 1, dead: 1 });
    [row] = await h.db.select().from(outbox);
    expect(row.status).toBe('dead');
    // When it was given up: the dashboard counts the failure on this day.
    expect(Math.abs(row.failedAt!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await mailboxCount()).toBe(0);
  });

  it('a permanent failure is not retried', async () => {
    await enqueueEmail(h.db, mail(4));
    const bad: Transports = {
      email: { name: 'bad', send: async () => { throw new PermanentDeliveryError('invalid recipient'); } },
      sms: new LocalSmsTransport(h.db),
    };
    expect(await runOnce(h.db, bad, 'w1')).toMatchObject({ dead: 1 });
  });

  it('reclaims a row whose worker died mid-delivery once the lease expires, still delivering it once', async () => {
    await enqueueEmail(h.db, mail(5));
    // Worker "crashed" right after claiming.
    const claimed = await h.db.update(outbox).set({ status: 'processing', lockedBy: 'dead-worker', lockedUntil: sql`now() + interval '60 seconds'`, attempts: 1 }).returning();
    expect(claimed).toHaveLength(1);
    const calls = new Map<number, number>();
    expect((await runOnce(h.db, countingTransports(h.db, calls), 'w2')).claimed).toBe(0);
    await h.db.update(outbox).set({ lockedUntil: sql`now() - interval '1 second'` });
    expect(await runOnce(h.db, countingTransports(h.db, calls), 'w2')).toMatchObject({ claimed: 1, sent: 1 });
    const [row] = await h.db.select().from(outbox);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lockedBy: 'w2' });
  });

  it('a dedupe key makes a second enqueue of the same logical message a no-op', async () => {
    const a = await enqueueEmail(h.db, mail(6), { dedupeKey: 'reminder:app-1:due-3d' });
    const b = await enqueueEmail(h.db, mail(6), { dedupeKey: 'reminder:app-1:due-3d' });
    expect(a).toBeTypeOf('number');
    expect(b).toBeNull();
    const [r] = await h.db.select({ n: count() }).from(outbox).where(eq(outbox.dedupeKey, 'reminder:app-1:due-3d'));
    expect(Number(r.n)).toBe(1);
  });

  it('a local delivery retried after a crash between send and mark does not duplicate the mailbox row', async () => {
    const id = (await enqueueEmail(h.db, mail(7)))!;
    const ctx: DeliveryContext = { outboxId: id, idempotencyKey: `outbox-${id}` };
    const local = new LocalEmailTransport(h.db);
    await local.send(mail(7), ctx);
    await local.send(mail(7), ctx);
    expect(await mailboxCount()).toBe(1);
  });

  it('the polling worker picks up new messages and stops cleanly', async () => {
    const calls = new Map<number, number>();
    const w = startWorker(h.db, countingTransports(h.db, calls), { pollMs: 50, id: 'poller' });
    await enqueueEmail(h.db, mail(8));
    await enqueueEmail(h.db, mail(9));
    const deadline = Date.now() + 10_000;
    while ((await mailboxCount()) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await w.stop();
    expect(await mailboxCount()).toBe(2);
  });
});

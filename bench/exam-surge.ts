import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import '../lib/modules';
import { openDb, rowsOf, type Db, type DbHandle } from '../db/client';
import * as schema from '../db/schema';
import { actionTokens, auditLog, candidatePhotos, examAreas, examRegistrations, exams, examSessions, examSubjects, notifications, orders, payments, registrationSubjects } from '../db/schema';
import { createIndividual, randomResidentId } from '../db/seed/factories';
import { examsForCandidate } from '../lib/modules/exam/registration/services/candidate-views';
import { placeOrder } from '../lib/modules/exam/registration/services/order';
import { acceptNotice, chooseArea, chooseSubjects, saveInfo } from '../lib/modules/exam/registration/services/registration';
import { openExamsQuery } from '../lib/modules/exam/catalog';
import type { Actor } from '../lib/platform/auth/actor';
import { isAppError } from '../lib/platform/errors';
import { handleNotification, startPayment } from '../lib/platform/payments/checkout';
import { newOrderNumber } from '../lib/platform/payments/orders';
import { payAtCashier, readCashierRequest } from '../lib/platform/payments/providers/sandbox';
import { fmtMs, stats, type BenchRow, type BenchScenario } from './run';

/**
 * Module D's registration peak (issue 5, "Surge readiness"): N candidates
 * arrive at once when registration opens and each walks the candidate's path
 * — exam list, notice, info, subjects, area, order (seat + order), pay through
 * the sandbox cashier (start → cashier link → pay → signed notification →
 * markPaid) — on C workers sharing one database handle, as one app instance
 * would. The domain functions are called directly (no HTTP, no session
 * lookup, no Next.js). Before the peak a few candidates walk it one after
 * another (statements per step, service times). Then the same writes as raw SQL, one transaction per
 * candidate, at the same concurrency (what the domain layer's reads, checks
 * and separate transactions cost), the invariants (the run fails when one is
 * broken), and the plans of the two queries the peak leans on.
 *
 * A fresh database per run: PGlite in a temp dir, or with DATABASE_URL a new
 * database created on that server and dropped afterwards.
 *
 * BENCH_N candidates (200), BENCH_C workers (50), BENCH_POOL Postgres
 * connections (DB_POOL_MAX, default 10, as the app), BENCH_HISTORY past exams
 * in the table (1000) so the plans are read against a realistic exams table.
 */
const N = Number(process.env.BENCH_N ?? 200);
const C = Number(process.env.BENCH_C ?? 50);
const HISTORY = Number(process.env.BENCH_HISTORY ?? 1000);
const POOL = Number(process.env.BENCH_POOL ?? process.env.DB_POOL_MAX ?? 10);
// Every tenth candidate wants the small area; it has seats for a fifth of them.
export const SMALL_EVERY = 10;
const SMALL_CAPACITY = Math.max(2, Math.round(N / SMALL_EVERY / 5));
// Candidates who walk the path alone before the peak (statement count, service times, warm caches).
const WARM = Math.max(2, Math.min(20, Math.round(N / 10)));

const STEPS = ['list', 'notice', 'info', 'subjects', 'area', 'order', 'pay'] as const;
type Step = (typeof STEPS)[number];
const DAY = 86_400_000;

export type Fixture = { examId: string; subjects: Array<{ id: string; sessionId: string; feeFen: number; code: string; name: string }>; bigAreas: string[]; smallArea: string };
type Candidate = { id: string; name: string; actor: Actor };

export const info = {
  nationality: 'CN',
  ethnicity: '01',
  residenceRegion: '330106',
  education: '21',
  employer: '杭州华测检测有限公司',
  mobile: '13812345678',
  address: '浙江省杭州市西湖区文三路123号',
  email: 'candidate@example.com',
  invoice: { type: 'personal' as const },
};

/** N jobs on C workers: each worker takes the next job when it finishes one. */
export async function promisePool(n: number, c: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(c, n) }, async () => {
      while (next < n) await job(next++);
    }),
  );
}

// ---------------------------------------------------------------------------
// Database: fresh per run
// ---------------------------------------------------------------------------

type BenchDb = DbHandle & { label: string; dbName: string | null; drop: () => Promise<void>; counting: () => { db: Db; count: () => number; close: () => Promise<void> } };

async function freshDb(): Promise<BenchDb> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `accredit_bench_${crypto.randomBytes(5).toString('hex')}`;
    const at = (db: string) => {
      const u = new URL(url);
      u.pathname = `/${db}`;
      return u.toString();
    };
    const admin = postgres(at('postgres'), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const h = await openDb({ url: at(name), poolMax: POOL });
    const [v] = rowsOf<{ server_version: string }>(await h.db.execute(sql`show server_version`));
    return {
      ...h,
      label: `PostgreSQL ${v.server_version} (database ${name}, pool of ${POOL} connections)`,
      dbName: name,
      drop: async () => {
        const a = postgres(at('postgres'), { max: 1, onnotice: () => {} });
        await a.unsafe(`drop database if exists ${name} with (force)`);
        await a.end();
      },
      counting: () => {
        let n = 0;
        const client = postgres(at(name), { max: 1, onnotice: () => {} });
        const db = drizzlePostgres(client, { schema, casing: 'snake_case', logger: { logQuery: () => void n++ } }) as unknown as Db;
        return { db, count: () => n, close: () => client.end({ timeout: 5 }) };
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accredit-bench-'));
  const h = await openDb({ pgliteDir: dir });
  return {
    ...h,
    label: `PGlite (embedded, in this process, one connection; data dir in ${os.tmpdir()})`,
    dbName: null,
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    counting: () => {
      let n = 0;
      const db = drizzlePglite(h.pglite!, { schema, casing: 'snake_case', logger: { logQuery: () => void n++ } }) as unknown as Db;
      return { db, count: () => n, close: async () => {} };
    },
  };
}

/**
 * CPU time (ms) of the Postgres backends serving one database, read from /proc
 * (a server on this machine; their process title names the database). Null
 * when none can be read (a remote server, no access).
 */
export function backendCpuMs(dbName: string | null): number | null {
  if (!dbName || process.platform !== 'linux') return null;
  let ticks = 0;
  let found = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const title = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!title.startsWith('postgres:') || !title.includes(` ${dbName} `)) continue;
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]); // utime + stime (fields 14 and 15)
      found++;
    } catch {
      // the process ended meanwhile
    }
  }
  return found ? ticks * 10 : null; // USER_HZ is 100 on Linux
}

// ---------------------------------------------------------------------------
// Setup
// ---------------------------------------------------------------------------

/** Past exams (closed, some drafts), each with sessions, subjects and areas: the table the open-exams query runs against. */
async function seedHistory(db: Db): Promise<void> {
  const now = Date.now();
  for (let start = 0; start < HISTORY; start += 500) {
    const batch = Array.from({ length: Math.min(500, HISTORY - start) }, (_, k) => {
      const i = start + k;
      const opens = new Date(now - (30 + i * 3) * DAY);
      return {
        name: `历史考试${i}`,
        periodStart: '2020-01-01',
        periodEnd: '2020-01-02',
        registrationOpensAt: opens,
        registrationClosesAt: new Date(opens.getTime() + 14 * DAY),
        status: i % 10 === 0 ? 'draft' : 'published',
      };
    });
    const rows = await db.insert(exams).values(batch).returning({ id: exams.id });
    await db.insert(examAreas).values(rows.flatMap((r) => ['北京', '上海', '广州', '杭州'].map((name, s) => ({ examId: r.id, name, capacity: 500, taken: 0, sortOrder: s }))));
  }
}

export async function examFixture(db: Db, status: 'published' | 'draft', label: string): Promise<Fixture> {
  const now = Date.now();
  const [exam] = await db
    .insert(exams)
    .values({
      name: `2027年度认证人员注册考试（${label}）`,
      periodStart: '2027-03-20',
      periodEnd: '2027-03-21',
      registrationOpensAt: new Date(now - 60_000),
      registrationClosesAt: new Date(now + 14 * DAY),
      notice: '考生须知',
      status,
      orderTtlMinutes: 30,
    })
    .returning();
  const [am, pm] = await db
    .insert(examSessions)
    .values([
      { examId: exam.id, name: '第一场', startsAt: new Date('2027-03-20T01:00:00Z'), endsAt: new Date('2027-03-20T03:00:00Z'), sortOrder: 1 },
      { examId: exam.id, name: '第二场', startsAt: new Date('2027-03-20T06:00:00Z'), endsAt: new Date('2027-03-20T08:00:00Z'), sortOrder: 2 },
    ])
    .returning();
  const subjects = await db
    .insert(examSubjects)
    .values([
      { examId: exam.id, sessionId: am.id, code: 'A1', name: '认证通用基础', feeFen: 20000 },
      { examId: exam.id, sessionId: am.id, code: 'A2', name: '产品认证基础', feeFen: 15000 },
      { examId: exam.id, sessionId: pm.id, code: 'B1', name: '管理体系认证基础', feeFen: 20000 },
      { examId: exam.id, sessionId: pm.id, code: 'B2', name: '审核概论', feeFen: 18000 },
    ])
    .returning();
  const areas = await db
    .insert(examAreas)
    .values([
      ...['北京', '上海', '广州', '杭州'].map((name, i) => ({ examId: exam.id, name, capacity: N, sortOrder: i })),
      { examId: exam.id, name: '舟山', capacity: SMALL_CAPACITY, sortOrder: 9 },
    ])
    .returning();
  return { examId: exam.id, subjects, bigAreas: areas.slice(0, 4).map((a) => a.id), smallArea: areas[4].id };
}

/**
 * Candidates `first`…`first + n - 1`. Each gets its own birth date (one day
 * apart from 1960), so their resident ID numbers cannot collide: the
 * factory's random ID numbers draw from about 450,000 values and two of a
 * thousand candidates share one more often than not.
 */
async function createCandidates(db: Db, n: number, first: number): Promise<Candidate[]> {
  const out: Candidate[] = new Array(n);
  // argon2 hashing dominates here; a few at a time keeps the thread pool busy without flooding it.
  await promisePool(n, 8, async (k) => {
    const i = first + k;
    const birth = new Date(Date.UTC(1960, 0, 1) + i * DAY).toISOString().slice(0, 10);
    const u = await createIndividual(db, { name: `考生${String(i).padStart(5, '0')}`, idNumber: randomResidentId('male', birth.replace(/-/g, '')), birthDate: birth });
    out[k] = { id: u.id, name: u.name, actor: { kind: 'individual', id: u.id, name: u.name, sessionId: crypto.randomUUID(), mustChangePassword: false } };
  });
  for (let i = 0; i < n; i += 500) {
    await db.insert(candidatePhotos).values(
      out.slice(i, i + 500).map((c) => ({ userId: c.id, originalKey: `exam/photos/${c.id}/original.jpg`, processedKey: `exam/photos/${c.id}/standard.jpg`, width: 215, height: 300, bytes: 11000, background: 'blue', confirmedAt: new Date() })),
    );
  }
  return out;
}

/** What candidate i chooses: one subject per session, and an area (every tenth the small one). */
export function choices(f: Fixture, i: number) {
  const bySession = [...new Set(f.subjects.map((s) => s.sessionId))].map((sid) => f.subjects.filter((s) => s.sessionId === sid));
  const subjects = [bySession[0][i % 2], bySession[1][Math.floor(i / 2) % 2]];
  const areaId = i % SMALL_EVERY === SMALL_EVERY - 1 ? f.smallArea : f.bigAreas[i % f.bigAreas.length];
  return { subjects, areaId };
}

// ---------------------------------------------------------------------------
// The candidate's path through the domain layer
// ---------------------------------------------------------------------------

type Outcome = { done: boolean; refusedAt?: Step; error?: string; step: Partial<Record<Step, number>>; startedAt: number; endedAt: number };

async function domainPath(db: Db, f: Fixture, c: Candidate, i: number, onStep?: (s: Step) => void): Promise<Outcome> {
  const actor = c.actor as Extract<Actor, { kind: 'individual' }>;
  const { subjects, areaId } = choices(f, i);
  const out: Outcome = { done: false, step: {}, startedAt: performance.now(), endedAt: 0 };
  let regId = '';
  let orderId = '';
  const steps: Record<Step, () => Promise<void>> = {
    list: async () => {
      const list = await examsForCandidate(db, c.id);
      const mine = list.find((e) => e.exam.id === f.examId);
      if (!mine || mine.registration) throw new Error('list: the open exam is missing or already registered');
    },
    notice: async () => {
      regId = (await acceptNotice(db, actor, f.examId)).id;
    },
    info: async () => {
      await saveInfo(db, actor, { registrationId: regId, info: { ...info, mobile: `138${String(10_000_000 + i).slice(-8)}` } });
    },
    subjects: async () => {
      await chooseSubjects(db, actor, { registrationId: regId, subjectIds: subjects.map((s) => s.id) });
    },
    area: async () => {
      await chooseArea(db, actor, { registrationId: regId, areaId });
    },
    order: async () => {
      orderId = (await placeOrder(db, actor, regId)).id;
    },
    pay: async () => {
      // As the cashier page and its 付款 button do (sandboxPayDef), minus HTTP: the signed link, the trade, the notification.
      const { redirectUrl } = await startPayment(db, actor, { orderId, returnUrl: `/portal/exam/registrations/${regId}` });
      const link = new URL(redirectUrl, 'http://cashier.local');
      const request = await readCashierRequest(db, decodeURIComponent(link.pathname.split('/').pop()!), Object.fromEntries(link.searchParams));
      if (!request) throw new Error('pay: the cashier link does not verify');
      const paid = await payAtCashier(db, request, 'pay');
      if (paid.status !== 'paid' || !paid.notification) throw new Error(`pay: cashier said ${paid.status}`);
      // The platform's notification, handled as POST /api/payments/notify/sandbox would.
      const r = await handleNotification(db, 'sandbox', Object.fromEntries(new URLSearchParams(paid.notification.body)));
      if (r.outcome !== 'recorded') throw new Error(`pay: notification ${r.outcome}`);
    },
  };
  for (const s of STEPS) {
    onStep?.(s);
    const t0 = performance.now();
    try {
      await steps[s]();
      out.step[s] = performance.now() - t0;
    } catch (e) {
      out.step[s] = performance.now() - t0;
      out.endedAt = performance.now();
      if (isAppError(e) && e.messageKey === 'exam.errors.areaFull') out.refusedAt = s;
      else out.error = `${s}: ${e instanceof Error ? `${e.name} ${e.message}` : String(e)}`;
      return out;
    }
  }
  out.done = true;
  out.endedAt = performance.now();
  return out;
}

// ---------------------------------------------------------------------------
// The same writes, raw: one transaction per candidate, no reads, no checks
// ---------------------------------------------------------------------------

export class Refused extends Error {}

export async function rawPath(db: Db, f: Fixture, c: Pick<Candidate, 'id' | 'name'>, i: number): Promise<void> {
  const { subjects, areaId } = choices(f, i);
  const now = new Date();
  await db.transaction(async (tx) => {
    // notice
    const [reg] = await tx.insert(examRegistrations).values({ examId: f.examId, userId: c.id, noticeAcceptedAt: now }).returning();
    // info
    await tx.update(examRegistrations).set({ info: { ...info, invoice: { type: 'personal', title: c.name } }, status: 'subjects', updatedAt: now }).where(eq(examRegistrations.id, reg.id));
    // subjects
    await tx.update(examRegistrations).set({ status: 'area', updatedAt: now }).where(eq(examRegistrations.id, reg.id));
    await tx.delete(registrationSubjects).where(eq(registrationSubjects.registrationId, reg.id));
    await tx.insert(registrationSubjects).values(subjects.map((s) => ({ registrationId: reg.id, sessionId: s.sessionId, subjectId: s.id })));
    // area
    await tx.update(examRegistrations).set({ areaId, updatedAt: now }).where(eq(examRegistrations.id, reg.id));
    // order: freeze, seat, order, audit
    await tx.update(examRegistrations).set({ status: 'ordered', updatedAt: now }).where(and(eq(examRegistrations.id, reg.id), eq(examRegistrations.status, 'area')));
    const [seat] = await tx
      .update(examAreas)
      .set({ taken: sql`${examAreas.taken} + 1` })
      .where(and(eq(examAreas.id, areaId), sql`${examAreas.taken} < ${examAreas.capacity}`))
      .returning({ id: examAreas.id });
    if (!seat) throw new Refused();
    const items = subjects.map((s) => ({ name: `${s.code} ${s.name}`, amountFen: s.feeFen, ref: s.id }));
    const amountFen = items.reduce((n, x) => n + x.amountFen, 0);
    const [order] = await tx
      .insert(orders)
      .values({ number: newOrderNumber(), userId: c.id, subjectType: 'exam_registration', subjectId: reg.id, title: '报名费', items, amountFen, expiresAt: sql`now() + make_interval(mins => 30)` })
      .returning();
    await tx.insert(auditLog).values({ action: 'order.created', actorId: c.id, targetType: 'order', targetId: order.id, detail: { number: order.number, subjectType: order.subjectType, subjectId: order.subjectId, amountFen } });
    // pay: provider chosen, sandbox trade, payment, audit, order paid, registration paid, in-app notice
    await tx.update(orders).set({ provider: 'sandbox', updatedAt: sql`now()` }).where(eq(orders.id, order.id));
    const tradeNo = `SB${crypto.randomBytes(8).toString('hex').toUpperCase()}`;
    await tx.insert(actionTokens).values({
      purpose: 'sandbox_trade',
      subjectId: order.number,
      tokenHash: crypto.createHash('sha256').update(`sandbox_trade:${order.number}`).digest('hex'),
      data: { status: 'paid', tradeNo, amountFen, paidAt: now.toISOString(), refunds: {}, refundedFen: 0 },
      expiresAt: sql`now() + interval '3 years'`,
    });
    const [payment] = await tx
      .insert(payments)
      .values({ orderId: order.id, provider: 'sandbox', providerTradeNo: tradeNo, amountFen, status: 'succeeded', source: 'notify', raw: { out_trade_no: order.number, trade_no: tradeNo, total_fen: String(amountFen), trade_status: 'TRADE_SUCCESS' } })
      .returning();
    await tx.insert(auditLog).values({ action: 'payment.received', targetType: 'order', targetId: order.id, detail: { number: order.number, provider: 'sandbox', tradeNo, amountFen, source: 'notify' } });
    await tx.update(orders).set({ status: 'paid', paidAt: sql`now()`, updatedAt: sql`now()` }).where(and(eq(orders.id, order.id), eq(orders.status, 'unpaid')));
    await tx.update(examRegistrations).set({ status: 'paid', updatedAt: now }).where(and(eq(examRegistrations.id, reg.id), eq(examRegistrations.status, 'ordered')));
    await tx.insert(notifications).values({ userId: c.id, title: '缴费成功', body: `订单 ${order.number}`, link: `/api/payments/orders/${order.id}/receipt`, dedupeKey: `payment:${payment.id}` });
  });
}

// ---------------------------------------------------------------------------
// Invariants and plans
// ---------------------------------------------------------------------------

export async function checkInvariants(db: Db, f: Fixture, expect: { paid: number }): Promise<string[]> {
  const broken: string[] = [];
  const areas = rowsOf<{ name: string; capacity: number; taken: number; live_regs: number; live_orders: number }>(
    await db.execute(sql`
      select a.name, a.capacity, a.taken,
        (select count(*)::int from exam_registrations r where r.area_id = a.id and r.status in ('ordered', 'paid')) as live_regs,
        (select count(*)::int from exam_registrations r join orders o on o.subject_type = 'exam_registration' and o.subject_id = r.id::text
          where r.area_id = a.id and o.status in ('unpaid', 'paid', 'refund_requested')) as live_orders
      from exam_areas a where a.exam_id = ${f.examId} order by a.sort_order`),
  );
  for (const a of areas) {
    if (a.taken !== a.live_regs || a.taken !== a.live_orders) broken.push(`area ${a.name}: taken ${a.taken}, live registrations ${a.live_regs}, live orders ${a.live_orders}`);
    if (a.taken > a.capacity) broken.push(`area ${a.name}: taken ${a.taken} > capacity ${a.capacity}`);
  }
  const regs = rowsOf<{ status: string; orders: number; n: number }>(
    await db.execute(sql`
      select r.status, (select count(*)::int from orders o where o.subject_type = 'exam_registration' and o.subject_id = r.id::text) as orders, count(*)::int as n
      from exam_registrations r where r.exam_id = ${f.examId} group by 1, 2 order by 1, 2`),
  );
  for (const r of regs) {
    const want = r.status === 'ordered' || r.status === 'paid' ? 1 : 0;
    if (r.orders !== want) broken.push(`${r.n} registration(s) in status ${r.status} with ${r.orders} order(s), expected ${want}`);
  }
  const paidRegs = regs.filter((r) => r.status === 'paid').reduce((n, r) => n + r.n, 0);
  if (paidRegs !== expect.paid) broken.push(`${paidRegs} paid registrations, expected ${expect.paid}`);
  const pays = rowsOf<{ status: string; payments: number; amount_ok: boolean; n: number }>(
    await db.execute(sql`
      select o.status, count(p.id)::int as payments, bool_and(p.id is null or p.amount_fen = o.amount_fen) as amount_ok, count(distinct o.id)::int as n
      from orders o join exam_registrations r on o.subject_type = 'exam_registration' and o.subject_id = r.id::text
      left join payments p on p.order_id = o.id
      where r.exam_id = ${f.examId} group by o.status, o.id`),
  );
  const byStatus = new Map<string, number>();
  for (const p of pays) {
    byStatus.set(p.status, (byStatus.get(p.status) ?? 0) + 1);
    if (p.status === 'paid' && p.payments !== 1) broken.push(`a paid order with ${p.payments} payments`);
    if (p.status !== 'paid' && p.payments !== 0) broken.push(`an order in status ${p.status} with ${p.payments} payments`);
    if (!p.amount_ok) broken.push('a payment whose amount differs from its order');
  }
  if ((byStatus.get('paid') ?? 0) !== expect.paid) broken.push(`${byStatus.get('paid') ?? 0} paid orders, expected ${expect.paid}`);
  return broken;
}

export async function plan(db: Db, query: { getSQL(): ReturnType<typeof sql> }, opts: { analyze?: boolean; noSeqScan?: boolean } = {}): Promise<string[]> {
  let lines: string[] | null = null;
  try {
    // A transaction rolled back: SET LOCAL stays inside it, and an analyzed statement leaves nothing behind.
    await db.transaction(async (tx) => {
      if (opts.noSeqScan) await tx.execute(sql`set local enable_seqscan = off`);
      const rows = rowsOf<Record<string, string>>(await tx.execute(opts.analyze ? sql`explain (analyze, buffers, costs off, timing off) ${query.getSQL()}` : sql`explain (costs off) ${query.getSQL()}`));
      lines = rows.map((r) => Object.values(r)[0]);
      tx.rollback();
    });
  } catch (e) {
    if (!lines) throw e;
  }
  return lines!;
}

// ---------------------------------------------------------------------------

const pct = (v: number, n: number) => (n ? `${((100 * v) / n).toFixed(0)}%` : '');

function latencyRow(name: string, ms: number[], statements: number | '' = '', alone: string = ''): BenchRow {
  const head = { step: name, 'SQL statements': statements, 'alone p50 ms': alone };
  if (!ms.length) return { ...head, n: 0, 'mean ms': '', 'p50 ms': '', 'p95 ms': '', 'p99 ms': '', 'max ms': '' };
  const s = stats(ms);
  return { ...head, n: s.n, 'mean ms': fmtMs(s.mean), 'p50 ms': fmtMs(s.p50), 'p95 ms': fmtMs(s.p95), 'p99 ms': fmtMs(s.p99), 'max ms': fmtMs(s.max) };
}

const scenario: BenchScenario = {
  title: `Exam registration peak (module D): ${N} candidates at once, ${C} at a time`,
  async run() {
    // The sandbox must never try to post its notification over HTTP: the bench hands it to handleNotification itself.
    process.env.SANDBOX_DROP_NOTIFY = 'true';
    process.env.PAYMENT_PROVIDER = 'sandbox';
    process.env.AUTH_SECRET ??= crypto.randomBytes(32).toString('base64url');
    const load = os.loadavg();
    const notes: string[] = [];
    const t0 = performance.now();
    const h = await freshDb();
    try {
      const migratedMs = performance.now() - t0;
      const db = h.db;
      await seedHistory(db);
      const live = await examFixture(db, 'published', '报名高峰');
      const rawExam = await examFixture(db, 'draft', '基线');
      const tc = performance.now();
      const candidates = await createCandidates(db, N, 0);
      const setupMs = performance.now() - tc;

      // Warm-up, statement count and service times: WARM extra candidates walk the path one after another
      // (the first on a counting handle), before the peak. Big areas only (index k·10), so the small
      // area's seats are all left for the measured run.
      const warm = await createCandidates(db, WARM, N);
      const counter = h.counting();
      const perStep: Partial<Record<Step, number>> = {};
      let last = 0;
      let current: Step | null = null;
      const first = await domainPath(counter.db, live, warm[0], 0, (s) => {
        if (current) perStep[current] = counter.count() - last;
        last = counter.count();
        current = s;
      });
      if (current) perStep[current as Step] = counter.count() - last;
      await counter.close();
      const alone: Outcome[] = [];
      for (let k = 1; k < WARM; k++) alone.push(await domainPath(db, live, warm[k], k * SMALL_EVERY));
      const warmFailed = [first, ...alone].find((o) => !o.done);
      if (warmFailed) throw new Error(`a warm-up candidate did not complete: ${warmFailed.error ?? warmFailed.refusedAt}`);
      const statementsTotal = Object.values(perStep).reduce((a, b) => a + (b ?? 0), 0);
      const aloneMs = (s: Step | 'path') => (alone.length ? fmtMs(stats(alone.map((o) => (s === 'path' ? o.endedAt - o.startedAt : o.step[s]!))).p50) : '');

      // --- the peak, through the domain layer
      const outcomes: Outcome[] = new Array(N);
      const cpu0 = process.cpuUsage();
      const server0 = backendCpuMs(h.dbName);
      const start = performance.now();
      await promisePool(N, C, async (i) => {
        outcomes[i] = await domainPath(db, live, candidates[i], i);
      });
      const wall = performance.now() - start;
      const cpu = process.cpuUsage(cpu0);
      const server1 = backendCpuMs(h.dbName);

      // --- the same writes, raw: first the warm-up candidates alone, then the peak
      const rawAlone: number[] = [];
      for (let k = 0; k < WARM; k++) {
        const t = performance.now();
        await rawPath(db, rawExam, warm[k], k * SMALL_EVERY);
        if (k > 0) rawAlone.push(performance.now() - t);
      }
      const rawMs: number[] = [];
      let rawDone = 0;
      let rawRefused = 0;
      const rawErrors: string[] = [];
      const rawCpu0 = process.cpuUsage();
      const rawServer0 = backendCpuMs(h.dbName);
      const rawStart = performance.now();
      await promisePool(N, C, async (i) => {
        const s = performance.now();
        try {
          await rawPath(db, rawExam, candidates[i], i);
          rawDone++;
        } catch (e) {
          if (e instanceof Refused) rawRefused++;
          else rawErrors.push(e instanceof Error ? e.message : String(e));
        }
        rawMs.push(performance.now() - s);
      });
      const rawWall = performance.now() - rawStart;
      const rawCpu = process.cpuUsage(rawCpu0);
      const rawServer1 = backendCpuMs(h.dbName);
      const serverCpu = (a: number | null, b: number | null) => (a !== null && b !== null ? `; Postgres backends' CPU ${((b - a) / 1000).toFixed(2)} s (${((b - a) / N).toFixed(1)} ms per candidate)` : '');

      // --- invariants
      const done = outcomes.filter((o) => o.done).length;
      const refused = outcomes.filter((o) => o.refusedAt);
      const errors = outcomes.filter((o) => o.error);
      const broken = [
        ...(await checkInvariants(db, live, { paid: done + WARM /* the warm-up candidates */ })).map((b) => `domain: ${b}`),
        ...(await checkInvariants(db, rawExam, { paid: rawDone + WARM })).map((b) => `raw: ${b}`),
      ];
      const smallSeats = SMALL_CAPACITY;
      const wantSmall = Math.floor(N / SMALL_EVERY);
      if (refused.length !== Math.max(0, wantSmall - smallSeats) && !errors.length) broken.push(`domain: ${refused.length} refused, expected ${Math.max(0, wantSmall - smallSeats)} (${wantSmall} want the small area, ${smallSeats} seats)`);
      if (rawRefused !== Math.max(0, wantSmall - smallSeats) && !rawErrors.length) broken.push(`raw: ${rawRefused} refused, expected ${Math.max(0, wantSmall - smallSeats)}`);

      // --- plans, against the filled tables
      await db.execute(sql`analyze`);
      const uses = (p: string[], idx: string) => p.some((l) => l.includes(idx));
      const openPlan = await plan(db, openExamsQuery(db, new Date()), { analyze: true });
      // When the planner prefers a sequential scan, show what the index would do (usable at all, and at what cost in pages).
      const openPlanForced = uses(openPlan, 'exams_open_idx') ? null : await plan(db, openExamsQuery(db, new Date()), { analyze: true, noSeqScan: true });
      const seatUpdate = db
        .update(examAreas)
        .set({ taken: sql`${examAreas.taken} + 1` })
        .where(and(eq(examAreas.id, live.bigAreas[0]), sql`${examAreas.taken} < ${examAreas.capacity}`))
        .returning({ id: examAreas.id });
      const seatPlan = await plan(db, seatUpdate);
      const seatPlanForced = uses(seatPlan, 'exam_areas_pkey') ? null : await plan(db, seatUpdate, { noSeqScan: true });
      const [counts] = rowsOf<{ exams: number; areas: number }>(await db.execute(sql`select (select count(*)::int from exams) as exams, (select count(*)::int from exam_areas) as areas`));

      // --- report
      const sel = (s: Step) => outcomes.filter((o) => o.step[s] !== undefined).map((o) => o.step[s]!);
      const paths = outcomes.filter((o) => o.done).map((o) => o.endedAt - o.startedAt);
      const toPaid = outcomes.filter((o) => o.done).map((o) => o.endedAt - start);
      const waits = outcomes.map((o) => o.startedAt - start);
      const rows: BenchRow[] = [
        ...STEPS.map((s) => latencyRow(s, sel(s), perStep[s], aloneMs(s))),
        latencyRow('whole path (completed, from its first step)', paths, statementsTotal, aloneMs('path')),
        latencyRow('paid, counted from the opening (incl. wait for a worker)', toPaid),
        latencyRow(`raw baseline: same writes, 1 transaction per candidate`, rawMs, '', rawAlone.length ? fmtMs(stats(rawAlone).p50) : ''),
      ];
      const summary = [
        `Database: ${h.label}; fresh, migrated in ${(migratedMs / 1000).toFixed(1)} s. Exams table: ${counts.exams} exams (${HISTORY} past), ${counts.areas} areas. Setup (candidates with argon2 password hashes and confirmed photos): ${(setupMs / 1000).toFixed(1)} s.`,
        `Load average at the start: ${load.map((l) => l.toFixed(2)).join(' / ')} (1/5/15 min) on ${os.cpus().length} CPUs.`,
        `Domain path: ${N} candidates, ${C} workers. Completed (paid): ${done}. Refused, area full: ${refused.length} (${refused.filter((o) => o.refusedAt === 'area').length} at the area step, ${refused.filter((o) => o.refusedAt === 'order').length} when ordering; the small area had ${smallSeats} seats for ${wantSmall} who wanted it). Errors: ${errors.length}.`,
        `Wall time ${(wall / 1000).toFixed(2)} s → ${(N / (wall / 1000)).toFixed(1)} candidates/s (${(done / (wall / 1000)).toFixed(1)} paid/s). Node CPU ${((cpu.user + cpu.system) / 1000 / 1000).toFixed(2)} s = ${pct((cpu.user + cpu.system) / 1000, wall)} of the wall time (${((cpu.user + cpu.system) / 1000 / N).toFixed(1)} ms per candidate${h.driver === 'pglite' ? ', PGlite included: it runs in this process' : ''})${serverCpu(server0, server1)}. Wait for a worker after the opening: p50 ${fmtMs(stats(waits).p50)} ms, max ${fmtMs(stats(waits).max)} ms.`,
        `Raw baseline: ${N} candidates, ${C} workers, ${rawDone} paid, ${rawRefused} refused, ${rawErrors.length} errors; wall ${(rawWall / 1000).toFixed(2)} s → ${(N / (rawWall / 1000)).toFixed(1)} candidates/s; Node CPU ${((rawCpu.user + rawCpu.system) / 1000 / 1000).toFixed(2)} s${serverCpu(rawServer0, rawServer1)}. Domain / raw wall time: ${(wall / rawWall).toFixed(1)}×.`,
        `"alone p50 ms": the same step for ${WARM - 1} candidates walking one after another before the peak (the service time without queueing). Per-step latencies include every call of the step (a refusal too) and, under load, the wait for the database (${h.driver === 'pglite' ? "PGlite's one connection: every transaction holds it from BEGIN to COMMIT" : `the pool of ${POOL}`}). "SQL statements" is what one candidate alone sends per step, counted by the drizzle logger: BEGIN/COMMIT not included; ${h.driver === 'pglite' ? 'the savepoints (2 in order, 2 in pay) included' : 'nor the savepoints (2 in order, 2 in pay), which postgres-js sends itself'}. Statements outside a transaction each commit on their own.`,
        `Plan of the open-exams query (examsForCandidate → openExams), EXPLAIN ANALYZE after ANALYZE — index exams_open_idx used: ${uses(openPlan, 'exams_open_idx') ? 'YES' : 'NO'}`,
        '```\n' + openPlan.join('\n') + '\n```',
        ...(openPlanForced ? [`The same with enable_seqscan = off (the index is usable: ${uses(openPlanForced, 'exams_open_idx') ? 'YES' : 'NO'}):`, '```\n' + openPlanForced.join('\n') + '\n```'] : []),
        `Plan of the seat UPDATE (takeSeat) — primary key exam_areas_pkey used: ${uses(seatPlan, 'exam_areas_pkey') ? 'YES' : 'NO'}`,
        '```\n' + seatPlan.join('\n') + '\n```',
        ...(seatPlanForced ? [`The same with enable_seqscan = off (the key is usable: ${uses(seatPlanForced, 'exam_areas_pkey') ? 'YES' : 'NO'}):`, '```\n' + seatPlanForced.join('\n') + '\n```'] : []),
        `Invariants (per area taken = live registrations = live orders ≤ capacity; ordered/paid registrations have exactly one order, others none; every paid order exactly one payment of its amount; paid counts as completed), domain and raw: ${broken.length ? 'BROKEN' : 'all hold'}.`,
      ];
      notes.push(...summary);
      const failures = [...broken, ...errors.slice(0, 10).map((o) => `domain error: ${o.error}`), ...rawErrors.slice(0, 10).map((e) => `raw error: ${e}`)];
      if (failures.length) {
        console.error(rows, summary.join('\n'));
        throw new Error(`exam-surge: ${failures.length} problem(s):\n  ${failures.join('\n  ')}${errors.length > 10 ? `\n  … ${errors.length} domain errors in all` : ''}`);
      }
      return { rows, notes };
    } finally {
      await h.close().catch(() => {});
      await h.drop().catch((e: unknown) => console.error('dropping the bench database failed', e));
    }
  },
};

export default scenario;

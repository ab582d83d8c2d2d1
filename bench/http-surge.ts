import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { openDb, rowsOf, type Db } from '../db/client';
import * as schema from '../db/schema';
import { candidatePhotos, orders, payments, users } from '../db/schema';
import { randomResidentId } from '../db/seed/factories';
import { hashPassword } from '../lib/platform/auth/password';
import { checkInvariants, choices, examFixture, info, promisePool, rawPath, Refused, SMALL_EVERY, type Fixture } from './exam-surge';
import { ActionIds, Browser, type Timing } from './next-client';
import { fmtMs, stats, type BenchRow, type BenchScenario } from './run';

/**
 * The registration surge over HTTP (issue #16.2): N candidates, all at once,
 * sign in and walk module D's registration through nginx and the cluster's
 * instances (scripts/cluster.sh) as browsers do — each step a full page load
 * and the page's server action (React's own reply encoding, `Next-Action`
 * header, real session cookies):
 *
 *   signin   /login, captcha challenge (solved here), CSRF, next-auth password callback
 *   list     /portal/exam
 *   notice   /portal/exam/<id>                 + acceptNoticeAction
 *   info     /portal/exam/<id>/info            + saveInfoAction
 *   subjects /portal/exam/<id>/subjects        + chooseSubjectsAction
 *   area     /portal/exam/<id>/area            + chooseAreaAction
 *   order    /portal/exam/<id>/pay             + placeOrderAction
 *   pay      startPaymentAction → the sandbox cashier page → sandboxPayAction (a form post) → back to the pay page
 *   notify   the sandbox platform's signed notification, POSTed by the instance to APP_URL (nginx) →
 *            /api/payments/notify/sandbox on whichever instance; timed from nginx's access log
 *
 * Then, in the same run, the same SQL writes issued by a raw postgres-js
 * script (exam-surge.ts rawPath, one transaction per candidate) on the same
 * database at the same concurrency — the baseline the HTTP path is compared
 * with — and the invariants (seats = registrations = orders ≤ capacity, one
 * payment per paid order).
 *
 * Needs the cluster running (bench/surge.sh starts it: `npm run bench:surge`):
 * CLUSTER_URL (http://localhost:3200), DATABASE_URL (its database),
 * CLUSTER_DIR (data/cluster: nginx's access log). BENCH_N candidates (200),
 * BENCH_C at once (= N), BENCH_RAW_POOL connections for the raw script (20:
 * the two instances' pools together).
 *
 * The PostgreSQL restart drill (issue #16.4; `npm run bench:surge -- --pg-restart`,
 * BENCH_FAULT=pg-restart): once a quarter of the candidates
 * (BENCH_FAULT_AFTER, 0.25) have their order acknowledged, the cluster's
 * PostgreSQL is stopped (`pg_ctl -m immediate`: a crash, sessions cut, open
 * transactions lost; BENCH_PG_STOP_MODE=fast for a clean stop), kept down
 * BENCH_PG_DOWN_SECONDS (3) and started again, while every walk goes on. A
 * candidate who meets an error does what a person does: waits a second and
 * tries the step again (a reload of the page shows an order whose
 * acknowledgement was lost, so it is taken rather than placed again). The
 * instances are not restarted. Then: every order and every payment a
 * candidate saw acknowledged exists (exactly one payment per paid order), the
 * invariants hold (no seat without its registration and order, nothing
 * half-written), the instances are the same processes, each answers
 * /api/ready and walks a fresh candidate from sign-in to payment on its own.
 * The raw baseline is not run in a drill.
 */
const BASE = process.env.CLUSTER_URL ?? 'http://localhost:3200';
const N = Number(process.env.BENCH_N ?? 200);
const C = Number(process.env.BENCH_C ?? N);
const RAW_POOL = Number(process.env.BENCH_RAW_POOL ?? 20);
const WARM = Number(process.env.BENCH_WARM ?? 4);
const CLUSTER_DIR = path.resolve(process.env.CLUSTER_DIR ?? 'data/cluster');
const PASSWORD = 'Bench1234';
const FAULT = process.env.BENCH_FAULT ?? '';
if (FAULT && FAULT !== 'pg-restart') throw new Error(`BENCH_FAULT: unknown fault ${FAULT} (pg-restart)`);
const FAULT_AFTER = Number(process.env.BENCH_FAULT_AFTER ?? 0.25);
const PG_DOWN_SECONDS = Number(process.env.BENCH_PG_DOWN_SECONDS ?? 3);
const PG_STOP_MODE = process.env.BENCH_PG_STOP_MODE ?? 'immediate';
const RETRIES = Number(process.env.BENCH_RETRIES ?? 60);

const STEPS = ['signin', 'list', 'notice', 'info', 'subjects', 'area', 'order', 'pay'] as const;
type Step = (typeof STEPS)[number];
type Candidate = { id: string; name: string; username: string };
type Outcome = {
  i: number;
  done: boolean;
  refusedAt?: Step;
  error?: string;
  timings: Timing[];
  step: Partial<Record<Step, number>>;
  startedAt: number;
  endedAt: number;
  orderId?: string;
  /** Drill: the order id the candidate saw acknowledged (placeOrder answered it), and whether the cashier acknowledged the payment. */
  orderAcked?: string;
  paidAcked?: boolean;
  /** Drill: errors met and retried (step: message), and an order found on reload after its acknowledgement was lost. */
  retried: Array<{ step: Step; at: number; error: string }>;
  orderFoundOnReload?: boolean;
};

/** Drill: what a candidate who met an error does before trying a step again. */
type RetryPolicy = {
  retries: number;
  /** The order this registration already has (a reload of the pay page shows it), if any. */
  existingOrder: (registrationId: string) => Promise<string | null>;
  /** Whether the order has its payment recorded (the pay page shows 已缴费). */
  paid: (orderId: string) => Promise<boolean>;
  /** Called when a candidate's order is acknowledged (the drill starts the restart after enough of them). */
  onOrderAcked?: () => void;
};

const A = {
  acceptNotice: 'lib/modules/exam/registration/actions/accept-notice.ts#acceptNoticeAction',
  saveInfo: 'lib/modules/exam/registration/actions/save-info.ts#saveInfoAction',
  chooseSubjects: 'lib/modules/exam/registration/actions/choose-subjects.ts#chooseSubjectsAction',
  chooseArea: 'lib/modules/exam/registration/actions/choose-area.ts#chooseAreaAction',
  placeOrder: 'lib/modules/exam/registration/actions/place-order.ts#placeOrderAction',
  startPayment: 'lib/platform/payments/actions/start-payment.ts#startPaymentAction',
  sandboxPay: 'lib/platform/payments/actions/sandbox-pay.ts#sandboxPayAction',
};

type Result<T> = { ok: true; data: T } | { ok: false; code: string; message: string };
class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
const unwrap = <T>(step: string, r: Result<T>): T => {
  if (!r || typeof r !== 'object' || !('ok' in r)) throw new Error(`${step}: unexpected action result ${JSON.stringify(r).slice(0, 200)}`);
  if (!r.ok) throw new Refusal(r.code, `${step}: ${r.code} ${r.message}`);
  return r.data;
};

/** N candidates with one password (hashed once), distinct birth dates (so distinct ID numbers), confirmed photos. */
async function createCandidates(db: Db, n: number, tag: string, first: number): Promise<Candidate[]> {
  const hash = await hashPassword(PASSWORD);
  const out: Candidate[] = [];
  for (let s = 0; s < n; s += 500) {
    const rows = Array.from({ length: Math.min(500, n - s) }, (_, k) => {
      const i = first + s + k;
      const birth = new Date(Date.UTC(1950, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      return {
        kind: 'individual' as const,
        name: `压测考生${String(i).padStart(5, '0')}`,
        username: `bench_${tag}_${i}`,
        passwordHash: hash,
        idType: 'resident_id',
        idNumber: randomResidentId('male', birth.replace(/-/g, '')),
        birthDate: birth,
        gender: 'male',
        mobile: `139${String(10_000_000 + ((parseInt(tag, 16) * 7919 + i) % 89_999_999)).slice(-8)}`,
        email: `bench-${tag}-${i}@example.com`,
      };
    });
    // ID numbers are random per birth date: one taken (by an earlier run's candidate) is drawn again.
    for (let round = 0; round < 20; round++) {
      const taken = new Set((await db.select({ n: users.idNumber }).from(users).where(inArray(users.idNumber, rows.map((r) => r.idNumber)))).map((r) => r.n));
      const seen = new Set<string>();
      let again = 0;
      for (const r of rows) {
        if (taken.has(r.idNumber) || seen.has(r.idNumber)) {
          r.idNumber = randomResidentId('male', r.birthDate.replace(/-/g, ''));
          again++;
        } else seen.add(r.idNumber);
      }
      if (!again) break;
    }
    const inserted = await db.insert(users).values(rows).returning({ id: users.id, name: users.name, username: users.username });
    out.push(...inserted.map((u) => ({ id: u.id, name: u.name, username: u.username! })));
    await db.insert(candidatePhotos).values(inserted.map((u) => ({ userId: u.id, originalKey: `exam/photos/${u.id}/original.jpg`, processedKey: `exam/photos/${u.id}/standard.jpg`, width: 215, height: 300, bytes: 11000, background: 'blue', confirmedAt: new Date() })));
  }
  return out;
}

/** One candidate's walk through the site. */
async function walk(ids: ActionIds, f: Fixture, c: Candidate, i: number, pin?: string, retry?: RetryPolicy): Promise<Outcome> {
  const b = new Browser(BASE, ids, pin ? { pin } : {});
  const { subjects, areaId } = choices(f, i);
  const out: Outcome = { i, done: false, timings: b.timings, step: {}, startedAt: performance.now(), endedAt: 0, retried: [] };
  const base = `/portal/exam/${f.examId}`;
  let regId = '';
  let orderId = '';
  const steps: Record<Step, () => Promise<void>> = {
    signin: async () => {
      await b.page('signin', '/login?as=individual');
      await b.signIn(c.username, PASSWORD);
    },
    list: async () => {
      const html = await b.page('list', '/portal/exam');
      if (!html.includes(f.examId)) throw new Error('list: the open exam is not listed');
    },
    notice: async () => {
      await b.page('notice', base);
      regId = unwrap('notice', await b.action<Result<{ registrationId: string }>>('notice', base, A.acceptNotice, [{ examId: f.examId }])).registrationId;
    },
    info: async () => {
      await b.page('info', `${base}/info`);
      unwrap('info', await b.action<Result<unknown>>('info', `${base}/info`, A.saveInfo, [{ registrationId: regId, info: { ...info, mobile: `138${String(10_000_000 + i).slice(-8)}` } }]));
    },
    subjects: async () => {
      await b.page('subjects', `${base}/subjects`);
      unwrap('subjects', await b.action<Result<unknown>>('subjects', `${base}/subjects`, A.chooseSubjects, [{ registrationId: regId, subjectIds: subjects.map((s) => s.id) }]));
    },
    area: async () => {
      await b.page('area', `${base}/area`);
      unwrap('area', await b.action<Result<unknown>>('area', `${base}/area`, A.chooseArea, [{ registrationId: regId, areaId }]));
    },
    order: async () => {
      // After an error: the reload of the pay page shows the order if the last try placed it (its answer was lost).
      if (retry && out.retried.some((r) => r.step === 'order')) {
        const existing = await retry.existingOrder(regId);
        if (existing) {
          orderId = existing;
          out.orderId = orderId;
          out.orderFoundOnReload = true;
          return;
        }
      }
      await b.page('order', `${base}/pay`);
      orderId = unwrap('order', await b.action<Result<{ orderId: string }>>('order', `${base}/pay`, A.placeOrder, [{ registrationId: regId }])).orderId;
      out.orderId = orderId;
      out.orderAcked = orderId;
      retry?.onOrderAcked?.();
    },
    pay: async () => {
      // After an error: the pay page shows 已缴费 once the payment is recorded (the notification got through).
      if (retry && out.retried.some((r) => r.step === 'pay') && (await retry.paid(orderId))) {
        await b.page('pay', `${base}/pay`);
        return;
      }
      const { redirectUrl } = unwrap('pay', await b.action<Result<{ redirectUrl: string }>>('pay', `${base}/pay`, A.startPayment, [{ orderId, returnUrl: `${base}/pay` }]));
      const cashier = new URL(redirectUrl, BASE);
      await b.page('pay', `${cashier.pathname}${cashier.search}`);
      // The cashier's 付款 button: a form post of the signed request's fields (p_*) to sandboxPayAction.
      const form = new FormData();
      form.set('orderNumber', decodeURIComponent(cashier.pathname.split('/').pop()!));
      form.set('outcome', 'pay');
      for (const [k, v] of cashier.searchParams) form.set(`p_${k}`, v);
      const r = await b.action<{ redirect?: string; error?: string }>('pay', `${cashier.pathname}${cashier.search}`, A.sandboxPay, [undefined, form]);
      if (!r?.redirect) throw new Error(`pay: the cashier did not send the payer back (${JSON.stringify(r).slice(0, 200)})`);
      out.paidAcked = true;
      await b.page('pay', r.redirect);
    },
  };
  for (const s of STEPS) {
    const t0 = performance.now();
    for (let attempt = 0; ; attempt++) {
      try {
        await steps[s]();
        out.step[s] = performance.now() - t0;
        break;
      } catch (e) {
        const full = e instanceof Refusal && e.code === 'CONFLICT' && e.message.includes('名额已满');
        const message = e instanceof Error ? e.message : String(e);
        if (retry && !full && attempt < retry.retries) {
          out.retried.push({ step: s, at: Date.now(), error: message.slice(0, 160) });
          await new Promise((r) => setTimeout(r, 800 + Math.random() * 400));
          continue;
        }
        out.step[s] = performance.now() - t0;
        out.endedAt = performance.now();
        if (full) out.refusedAt = s;
        else out.error = message;
        return out;
      }
    }
  }
  out.done = true;
  out.endedAt = performance.now();
  return out;
}

/** Runs `scripts/cluster.sh <args>` on the cluster's own PostgreSQL (DATABASE_URL unset: the script's own data directory). */
function clusterSh(...args: string[]): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, CLUSTER_DIR };
  delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    execFile('bash', ['scripts/cluster.sh', ...args], { env, timeout: 120_000 }, (err, stdout, stderr) => (err ? reject(new Error(`cluster.sh ${args.join(' ')}: ${err.message}\n${stdout}${stderr}`)) : resolve()));
  });
}

/** The drill needs the cluster's own PostgreSQL (scripts/cluster.sh started it; it can restart it): its postmaster.pid names the URL's port. */
function ownPostgres(url: string): boolean {
  const pidFile = path.join(CLUSTER_DIR, 'pg', 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return false;
  const port = fs.readFileSync(pidFile, 'utf8').split('\n')[3]?.trim();
  return port === (new URL(url).port || '5432');
}

/** The instances' process ids (CLUSTER_DIR/run/app<i>.pid), by name. */
function instancePids(): Map<string, number> {
  const out = new Map<string, number>();
  const dir = path.join(CLUSTER_DIR, 'run');
  if (!fs.existsSync(dir)) return out;
  for (const f of fs.readdirSync(dir).sort()) {
    const m = /^(app\d+)\.pid$/.exec(f);
    if (m) out.set(m[1], Number(fs.readFileSync(path.join(dir, f), 'utf8').trim()));
  }
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** nginx access-log lines (JSON, scripts/cluster.sh's format) from `sinceMs` on. */
function nginxLines(sinceMs: number): Array<{ time: number; uri: string; status: number; durationMs: number; upstream: string }> {
  const file = path.join(CLUSTER_DIR, 'logs', 'nginx-access.log');
  if (!fs.existsSync(file)) return [];
  const out: Array<{ time: number; uri: string; status: number; durationMs: number; upstream: string }> = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      const r = JSON.parse(line) as { time: string; uri: string; status: number; durationMs: number; upstream: string };
      const t = Date.parse(r.time);
      if (t >= sinceMs - 1000) out.push({ time: t, uri: r.uri, status: r.status, durationMs: r.durationMs * 1000, upstream: r.upstream });
    } catch {
      /* a partial last line */
    }
  }
  return out;
}

/**
 * The sandbox notifications the instances received from `sinceMs` on, from their access logs (the
 * sandbox platform posts to the paying instance's own address, not through nginx).
 */
function notifyLines(sinceMs: number): Array<{ time: number; status: number; durationMs: number }> {
  const out: Array<{ time: number; status: number; durationMs: number }> = [];
  const dir = path.join(CLUSTER_DIR, 'logs');
  if (!fs.existsSync(dir)) return out;
  for (const f of fs.readdirSync(dir).filter((x) => /^app\d+\.log$/.test(x))) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      if (!line.includes('/api/payments/notify/sandbox') || !line.includes('"msg":"request"')) continue;
      try {
        const r = JSON.parse(line) as { time: string; route: string; status: number; durationMs: number };
        const t = Date.parse(r.time);
        if (r.route === '/api/payments/notify/sandbox' && t >= sinceMs - 1000) out.push({ time: t, status: r.status, durationMs: r.durationMs });
      } catch {
        /* a partial last line */
      }
    }
  }
  return out;
}

/** CPU seconds used so far by the cluster's processes (instances, nginx, storage) and Postgres, from /proc. */
function clusterCpu(): { app: number; postgres: number; nginx: number } {
  const res = { app: 0, postgres: 0, nginx: 0 };
  if (process.platform !== 'linux') return res;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const sec = (Number(f[11]) + Number(f[12])) / 100;
      if (cmd.startsWith('next-server') || cmd.includes('next/dist/bin/next\0start')) res.app += sec;
      else if (cmd.startsWith('postgres')) res.postgres += sec;
      else if (cmd.startsWith('nginx')) res.nginx += sec;
    } catch {
      /* gone */
    }
  }
  return res;
}

const row = (name: string, ms: number[], extra: Record<string, string | number> = {}): BenchRow => {
  if (!ms.length) return { step: name, n: 0, errors: extra.errors ?? '', 'p50 ms': '', 'p95 ms': '', 'p99 ms': '', 'max ms': '', ...extra };
  const s = stats(ms);
  return { step: name, n: s.n, errors: 0, 'p50 ms': fmtMs(s.p50), 'p95 ms': fmtMs(s.p95), 'p99 ms': fmtMs(s.p99), 'max ms': fmtMs(s.max), ...extra };
};

const scenario: BenchScenario = {
  title: FAULT
    ? `Drill: PostgreSQL restarted (${PG_STOP_MODE}) in the middle of the registration surge over HTTP, ${N} candidates, ${C} at once`
    : `Registration surge over HTTP: ${N} candidates through nginx and the cluster's instances, ${C} at once`,
  async run() {
    try {
      const r = await fetch(`${BASE}/api/ready`, { signal: AbortSignal.timeout(3000) });
      if (!r.ok) throw new Error(`not ready (${r.status})`);
    } catch (e) {
      return { rows: [], notes: [`Skipped: no ready cluster at ${BASE} (${e instanceof Error ? e.message : String(e)}). Run \`npm run bench:surge\`, which starts it.`] };
    }
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL (the cluster database) is required');
    const h = await openDb({ url, poolMax: 4, migrate: false });
    const db = h.db;
    const tag = crypto.randomBytes(3).toString('hex');
    const ids = new ActionIds();
    const notes: string[] = [];
    try {
      const load = os.loadavg();
      const live = await examFixture(db, 'published', `HTTP高峰 ${tag}`);
      const rawExam = await examFixture(db, 'draft', `HTTP基线 ${tag}`);
      if (FAULT && !ownPostgres(url)) throw new Error(`BENCH_FAULT=${FAULT}: DATABASE_URL is not the PostgreSQL scripts/cluster.sh runs under ${CLUSTER_DIR}/pg (the drill restarts it)`);
      const candidates = await createCandidates(db, N, tag, 0);
      const warm = await createCandidates(db, WARM, tag, N);
      const pids0 = instancePids();
      const after = FAULT ? await createCandidates(db, Math.max(1, pids0.size), tag, N + WARM) : [];

      // The drill: PostgreSQL is restarted once a share of the candidates have their order acknowledged.
      const drill = { trigger: Math.max(1, Math.floor(N * FAULT_AFTER)), acked: 0, issuedAt: 0, downAt: 0, upAt: 0, done: null as Promise<void> | null, error: '' };
      const restartPg = async () => {
        drill.issuedAt = Date.now();
        await clusterSh('stop-db', PG_STOP_MODE);
        drill.downAt = Date.now();
        await new Promise((r) => setTimeout(r, PG_DOWN_SECONDS * 1000));
        await clusterSh('start-db');
        drill.upAt = Date.now();
      };
      const retry: RetryPolicy | undefined = FAULT
        ? {
            retries: RETRIES,
            existingOrder: async (registrationId) => {
              const [o] = await db
                .select({ id: orders.id })
                .from(orders)
                .where(and(eq(orders.subjectType, 'exam_registration'), eq(orders.subjectId, registrationId), inArray(orders.status, ['unpaid', 'paid'])));
              return o?.id ?? null;
            },
            paid: async (orderId) => (await db.select({ id: payments.id }).from(payments).where(eq(payments.orderId, orderId))).length > 0,
            onOrderAcked: () => {
              if (++drill.acked === drill.trigger && !drill.done)
                drill.done = restartPg().catch((e) => {
                  drill.error = e instanceof Error ? e.message : String(e);
                });
            },
          }
        : undefined;

      // Warm-up: a few candidates walk alone, alternating the instances (each instance loads its page bundles once).
      const alone: Outcome[] = [];
      for (let k = 0; k < WARM; k++) alone.push(await walk(ids, live, warm[k], k * SMALL_EVERY, k % 2 ? 'app2' : 'app1'));
      const warmFailed = alone.find((o) => !o.done);
      if (warmFailed) throw new Error(`a warm-up candidate did not complete: ${warmFailed.error ?? warmFailed.refusedAt}`);

      // --- the surge
      const cpu0 = clusterCpu();
      const wallStart = Date.now();
      const start = performance.now();
      const outcomes: Outcome[] = new Array(N);
      await promisePool(N, C, async (i) => {
        outcomes[i] = await walk(ids, live, candidates[i], i, undefined, retry);
      });
      const walked = performance.now() - start;
      if (FAULT) {
        if (!drill.done) throw new Error(`drill: only ${drill.acked} orders were acknowledged, the restart (after ${drill.trigger}) never happened`);
        await drill.done;
        if (drill.error) throw new Error(`drill: the restart failed: ${drill.error}`);
      }
      // The notifications come from the instances (half a second after each payment, then retries): wait for every paid order.
      const done = outcomes.filter((o) => o.done);
      const orderIds = done.map((o) => o.orderId!).filter(Boolean);
      const deadline = Date.now() + (FAULT ? 180_000 : 90_000);
      let paid = 0;
      while (Date.now() < deadline) {
        paid = orderIds.length ? (await db.select({ id: payments.id }).from(payments).where(inArray(payments.orderId, orderIds))).length : 0;
        if (paid >= orderIds.length) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      const [last] = orderIds.length ? rowsOf<{ t: Date | string }>(await db.execute(sql`select max(created_at) as t from payments where order_id = any(${sql.raw(`array[${orderIds.map((x) => `'${x}'::uuid`).join(',')}]`)})`)) : [];
      const paidWall = last?.t ? new Date(last.t).getTime() - wallStart : walked;
      const cpu1 = clusterCpu();
      const notify = notifyLines(wallStart);
      const all = nginxLines(wallStart).filter((l) => l.time <= wallStart + paidWall + 1000);

      // --- the drill's checks: nothing acknowledged lost, the same processes, each instance serving on its own
      const drillBroken: string[] = [];
      const drillNotes: string[] = [];
      let postPaid = 0;
      if (FAULT) {
        const ackedOrders = outcomes.map((o) => o.orderAcked).filter((x): x is string => !!x);
        const found = ackedOrders.length ? await db.select({ id: orders.id, status: orders.status }).from(orders).where(inArray(orders.id, ackedOrders)) : [];
        const missing = ackedOrders.filter((id) => !found.some((o) => o.id === id));
        if (missing.length) drillBroken.push(`${missing.length} acknowledged order(s) missing: ${missing.slice(0, 5).join(', ')}`);
        const notLive = found.filter((o) => o.status !== 'unpaid' && o.status !== 'paid');
        if (notLive.length) drillBroken.push(`${notLive.length} acknowledged order(s) neither unpaid nor paid`);
        const ackedPaid = outcomes.filter((o) => o.paidAcked && o.orderId).map((o) => o.orderId!);
        const paymentsOf = ackedPaid.length ? rowsOf<{ order_id: string; n: number }>(await db.execute(sql`select order_id, count(*)::int as n from payments where order_id in ${sql.raw(`(${ackedPaid.map((x) => `'${x}'::uuid`).join(',')})`)} group by 1`)) : [];
        const unpaid = ackedPaid.filter((id) => !paymentsOf.some((p) => p.order_id === id && p.n === 1));
        if (unpaid.length) drillBroken.push(`${unpaid.length} payment(s) acknowledged at the cashier without exactly one payment recorded: ${unpaid.slice(0, 5).join(', ')}`);
        const pids1 = instancePids();
        for (const [name, pid] of pids0) {
          if (pids1.get(name) !== pid || !alive(pid)) drillBroken.push(`instance ${name} is not the process it was before the restart (${pid} → ${pids1.get(name) ?? 'none'})`);
        }
        const appPort = Number(process.env.CLUSTER_APP_PORT ?? 3211);
        const ready: string[] = [];
        for (const [k, name] of [...pids0.keys()].entries()) {
          const port = appPort + Number(name.slice(3)) - 1;
          const r = await fetch(`http://127.0.0.1:${port}/api/ready`, { signal: AbortSignal.timeout(5000) }).catch(() => null);
          ready.push(`${name} ${r?.status ?? 'no answer'}`);
          if (r?.status !== 200) drillBroken.push(`instance ${name} is not ready after the restart (${r?.status ?? 'no answer'})`);
          // A fresh candidate walks alone on this instance, no retries: the instance serves as before.
          const o = await walk(ids, live, after[k], N + WARM + k, name);
          if (o.done) {
            postPaid++;
            // Its notification comes half a second after the payment: wait for it before the invariants.
            for (let t = 0; t < 120 && !(await retry!.paid(o.orderId!)); t++) await new Promise((r) => setTimeout(r, 250));
          } else drillBroken.push(`a fresh candidate on ${name} after the restart did not complete: ${o.error ?? o.refusedAt}`);
        }
        const retried = outcomes.flatMap((o) => o.retried);
        const lastError = retried.length ? Math.max(...retried.map((r) => r.at)) : 0;
        const perStep = STEPS.map((st) => `${st} ${retried.filter((r) => r.step === st).length}`).join(', ');
        const kinds = new Map<string, number>();
        for (const r of retried) {
          const k = r.error.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>').replace(/\d+/g, 'N').slice(0, 90);
          kinds.set(k, (kinds.get(k) ?? 0) + 1);
        }
        drillNotes.push(
          `Drill: PostgreSQL stopped with pg_ctl -m ${PG_STOP_MODE} once ${drill.trigger} of ${N} candidates had their order acknowledged (${((drill.issuedAt - wallStart) / 1000).toFixed(1)} s into the surge); down after ${((drill.downAt - drill.issuedAt) / 1000).toFixed(1)} s, kept down ${PG_DOWN_SECONDS} s, accepting connections again ${((drill.upAt - drill.issuedAt) / 1000).toFixed(1)} s after the stop. The instances were not restarted (same process ids: ${[...pids0].map(([k, v]) => `${k} ${v}`).join(', ')}).`,
          `What the candidates met: ${retried.length} errors, each followed by a retry of the step a second later (${perStep}); ${outcomes.filter((o) => o.retried.length).length} candidates met at least one; the last error came ${lastError ? ((lastError - drill.upAt) / 1000).toFixed(1) : '–'} s after PostgreSQL was back. ${outcomes.filter((o) => o.orderFoundOnReload).length} order(s) placed by a try whose answer was lost were found on reload (not placed twice).`,
          `Errors met (normalized, count): ${[...kinds].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${v}× ${k}`).join(' | ') || 'none'}.`,
          `After: ${ackedOrders.length} orders acknowledged, ${found.length} exist (${missing.length} missing); ${ackedPaid.length} payments acknowledged by the cashier, ${ackedPaid.length - unpaid.length} recorded exactly once; /api/ready: ${ready.join(', ')}; a fresh candidate on each instance after the restart: ${postPaid}/${pids0.size} paid.`,
        );
      }

      // --- the same SQL writes, raw, same database, same concurrency (not in a drill)
      const rawClient = postgres(url, { max: RAW_POOL, onnotice: () => {} });
      const rawDb = drizzlePostgres(rawClient, { schema, casing: 'snake_case' }) as unknown as Db;
      let rawDone = 0;
      let rawRefused = 0;
      const rawErrors: string[] = [];
      const rawMs: number[] = [];
      const rawStart = performance.now();
      await promisePool(FAULT ? 0 : N, C, async (i) => {
        const s = performance.now();
        try {
          await rawPath(rawDb, rawExam, candidates[i], i);
          rawDone++;
        } catch (e) {
          if (e instanceof Refused) rawRefused++;
          else rawErrors.push(e instanceof Error ? e.message : String(e));
        }
        rawMs.push(performance.now() - s);
      });
      const rawWall = performance.now() - rawStart;
      await rawClient.end({ timeout: 5 });

      // --- invariants
      const errors = outcomes.filter((o) => o.error);
      const refused = outcomes.filter((o) => o.refusedAt);
      const broken = [
        ...(await checkInvariants(db, live, { paid: paid + WARM + postPaid })).map((b) => `http: ${b}`),
        ...(await checkInvariants(db, rawExam, { paid: rawDone })).map((b) => `raw: ${b}`),
        ...drillBroken.map((b) => `drill: ${b}`),
        ...(FAULT && errors.length ? [`drill: ${errors.length} candidate(s) could not finish after ${RETRIES} retries`] : []),
      ];
      if (paid !== done.length) broken.push(`http: ${done.length} candidates paid at the cashier, ${paid} payments recorded`);
      const notifyBad = notify.filter((l) => l.status !== 200);

      // --- report
      const requests = outcomes.flatMap((o) => o.timings);
      const reqErrors = requests.filter((t) => !t.ok);
      const rows: BenchRow[] = [];
      for (const s of STEPS) {
        const ms = outcomes.filter((o) => o.step[s] !== undefined).map((o) => o.step[s]!);
        const r = row(s, ms);
        // An error belongs to the step it ended the walk in.
        r.errors = outcomes.filter((o) => o.error && Object.keys(o.step).pop() === s).length;
        r.requests = requests.filter((t) => t.step === s).length;
        if (FAULT) r['retried after an error'] = outcomes.reduce((n, o) => n + o.retried.filter((x) => x.step === s).length, 0);
        rows.push(r);
      }
      rows.push({ ...row('notify (sandbox → instance, from its access log)', notify.map((l) => l.durationMs)), errors: notifyBad.length, requests: notify.length });
      rows.push({ ...row('page loads (every step)', requests.filter((t) => t.kind === 'page').map((t) => t.ms)), errors: reqErrors.filter((t) => t.kind === 'page').length, requests: requests.filter((t) => t.kind === 'page').length });
      rows.push({ ...row('server actions (every step)', requests.filter((t) => t.kind === 'action').map((t) => t.ms)), errors: reqErrors.filter((t) => t.kind === 'action').length, requests: requests.filter((t) => t.kind === 'action').length });
      rows.push({ ...row('whole walk (sign-in to back from the cashier)', done.map((o) => o.endedAt - o.startedAt)), errors: errors.length, requests: requests.length });
      if (!FAULT) rows.push({ ...row('raw baseline: same writes, 1 transaction per candidate', rawMs), errors: rawErrors.length, requests: '' });

      const httpRate = done.length / (paidWall / 1000);
      const rawRate = rawDone / (rawWall / 1000);
      const byUpstream = new Map<string, number>();
      for (const l of all) byUpstream.set(l.upstream, (byUpstream.get(l.upstream) ?? 0) + 1);
      const cpuWall = paidWall / 1000;
      const [pgv] = rowsOf<{ server_version: string }>(await db.execute(sql`show server_version`));
      const [fsync] = rowsOf<{ fsync: string }>(await db.execute(sql`show fsync`));
      notes.push(
        `Cluster: ${BASE} (nginx) → ${[...byUpstream.keys()].filter(Boolean).sort().join(', ')}; PostgreSQL ${pgv.server_version} (fsync ${fsync.fsync}). Load average at the start ${load.map((l) => l.toFixed(2)).join(' / ')} on ${os.cpus().length} CPUs (the bench client shares them).`,
        `HTTP: ${N} candidates, ${C} at once; ${done.length} paid, ${refused.length} refused (area full: the small area has its seats for a fifth of the tenth who want it), ${errors.length} errors; ${requests.length} requests by the candidates (${reqErrors.length} failed) + ${notify.length} notifications (${notifyBad.length} not 200). Walks ended after ${(walked / 1000).toFixed(1)} s, the last payment recorded after ${(paidWall / 1000).toFixed(1)} s → ${httpRate.toFixed(2)} paid candidates/s.`,
        FAULT
          ? `Raw baseline: not run in a drill (\`npm run bench:surge\` without --pg-restart measures it).`
          : `Raw baseline (postgres-js, pool of ${RAW_POOL}, same writes as one transaction per candidate, same ${C} at once): ${rawDone} paid, ${rawRefused} refused, ${rawErrors.length} errors, wall ${(rawWall / 1000).toFixed(2)} s → ${rawRate.toFixed(1)} candidates/s. HTTP / raw throughput: ${(httpRate / rawRate).toFixed(3)}× (goal ≥ 0.5×).`,
        `Requests per instance (nginx, whole surge): ${[...byUpstream].filter(([k]) => k).map(([k, v]) => `${k} ${v}`).join(', ')}. CPU during the surge: instances ${(cpu1.app - cpu0.app).toFixed(1)} s, Postgres ${(cpu1.postgres - cpu0.postgres).toFixed(1)} s, nginx ${(cpu1.nginx - cpu0.nginx).toFixed(1)} s over ${cpuWall.toFixed(1)} s of wall time on ${os.cpus().length} CPUs → ${(((cpu1.app - cpu0.app) * 1000) / Math.max(1, done.length)).toFixed(0)} ms of instance CPU per paid candidate (${(((cpu1.app - cpu0.app) * 1000) / Math.max(1, requests.length)).toFixed(1)} ms per request).`,
        `Warm-up: ${WARM} candidates alone, whole walk p50 ${fmtMs(stats(alone.map((o) => o.endedAt - o.startedAt)).p50)} ms (pages p50 ${fmtMs(stats(alone.flatMap((o) => o.timings).filter((t) => t.kind === 'page').map((t) => t.ms)).p50)} ms, actions p50 ${fmtMs(stats(alone.flatMap((o) => o.timings).filter((t) => t.kind === 'action').map((t) => t.ms)).p50)} ms).`,
        `Invariants (per area taken = live registrations = live orders ≤ capacity; one order per ordered/paid registration; each paid order exactly one payment of its amount; every candidate paid at the cashier has its payment recorded): ${broken.length ? `BROKEN:\n  ${broken.join('\n  ')}` : 'all hold'}.`,
      );
      notes.push(...drillNotes);
      if (errors.length) notes.push(`First errors:\n  ${errors.slice(0, 8).map((o) => o.error).join('\n  ')}`);
      if (broken.length) throw new Error(`http-surge: invariants broken:\n  ${broken.join('\n  ')}\n${notes.join('\n')}`);
      // The candidates' rows stay (a later look at the cluster shows them); exam names carry the run's tag.
      return { rows, notes };
    } finally {
      await h.close().catch(() => {});
    }
  },
};

export default scenario;

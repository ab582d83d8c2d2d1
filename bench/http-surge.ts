import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inArray, sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { openDb, rowsOf, type Db } from '../db/client';
import * as schema from '../db/schema';
import { candidatePhotos, payments, users } from '../db/schema';
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
 */
const BASE = process.env.CLUSTER_URL ?? 'http://localhost:3200';
const N = Number(process.env.BENCH_N ?? 200);
const C = Number(process.env.BENCH_C ?? N);
const RAW_POOL = Number(process.env.BENCH_RAW_POOL ?? 20);
const WARM = Number(process.env.BENCH_WARM ?? 4);
const CLUSTER_DIR = path.resolve(process.env.CLUSTER_DIR ?? 'data/cluster');
const PASSWORD = 'Bench1234';

const STEPS = ['signin', 'list', 'notice', 'info', 'subjects', 'area', 'order', 'pay'] as const;
type Step = (typeof STEPS)[number];
type Candidate = { id: string; name: string; username: string };
type Outcome = { i: number; done: boolean; refusedAt?: Step; error?: string; timings: Timing[]; step: Partial<Record<Step, number>>; startedAt: number; endedAt: number; orderId?: string };

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
    const inserted = await db.insert(users).values(rows).returning({ id: users.id, name: users.name, username: users.username });
    out.push(...inserted.map((u) => ({ id: u.id, name: u.name, username: u.username! })));
    await db.insert(candidatePhotos).values(inserted.map((u) => ({ userId: u.id, originalKey: `exam/photos/${u.id}/original.jpg`, processedKey: `exam/photos/${u.id}/standard.jpg`, width: 215, height: 300, bytes: 11000, background: 'blue', confirmedAt: new Date() })));
  }
  return out;
}

/** One candidate's walk through the site. */
async function walk(ids: ActionIds, f: Fixture, c: Candidate, i: number, pin?: string): Promise<Outcome> {
  const b = new Browser(BASE, ids, pin ? { pin } : {});
  const { subjects, areaId } = choices(f, i);
  const out: Outcome = { i, done: false, timings: b.timings, step: {}, startedAt: performance.now(), endedAt: 0 };
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
      await b.page('order', `${base}/pay`);
      orderId = unwrap('order', await b.action<Result<{ orderId: string }>>('order', `${base}/pay`, A.placeOrder, [{ registrationId: regId }])).orderId;
      out.orderId = orderId;
    },
    pay: async () => {
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
      await b.page('pay', r.redirect);
    },
  };
  for (const s of STEPS) {
    const t0 = performance.now();
    try {
      await steps[s]();
      out.step[s] = performance.now() - t0;
    } catch (e) {
      out.step[s] = performance.now() - t0;
      out.endedAt = performance.now();
      if (e instanceof Refusal && e.code === 'CONFLICT' && e.message.includes('名额已满')) out.refusedAt = s;
      else out.error = e instanceof Error ? e.message : String(e);
      return out;
    }
  }
  out.done = true;
  out.endedAt = performance.now();
  return out;
}

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
  title: `Registration surge over HTTP: ${N} candidates through nginx and the cluster's instances, ${C} at once`,
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
      const candidates = await createCandidates(db, N, tag, 0);
      const warm = await createCandidates(db, WARM, tag, N);

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
        outcomes[i] = await walk(ids, live, candidates[i], i);
      });
      const walked = performance.now() - start;
      // The notifications come from the instances (half a second after each payment, then retries): wait for every paid order.
      const done = outcomes.filter((o) => o.done);
      const orderIds = done.map((o) => o.orderId!).filter(Boolean);
      const deadline = Date.now() + 90_000;
      let paid = 0;
      while (Date.now() < deadline) {
        paid = orderIds.length ? (await db.select({ id: payments.id }).from(payments).where(inArray(payments.orderId, orderIds))).length : 0;
        if (paid >= orderIds.length) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      const [last] = orderIds.length ? rowsOf<{ t: Date | string }>(await db.execute(sql`select max(created_at) as t from payments where order_id = any(${sql.raw(`array[${orderIds.map((x) => `'${x}'::uuid`).join(',')}]`)})`)) : [];
      const paidWall = last?.t ? new Date(last.t).getTime() - wallStart : walked;
      const cpu1 = clusterCpu();
      const notify = nginxLines(wallStart).filter((l) => l.uri === '/api/payments/notify/sandbox');
      const all = nginxLines(wallStart).filter((l) => l.time <= wallStart + paidWall + 1000);

      // --- the same SQL writes, raw, same database, same concurrency
      const rawClient = postgres(url, { max: RAW_POOL, onnotice: () => {} });
      const rawDb = drizzlePostgres(rawClient, { schema, casing: 'snake_case' }) as unknown as Db;
      let rawDone = 0;
      let rawRefused = 0;
      const rawErrors: string[] = [];
      const rawMs: number[] = [];
      const rawStart = performance.now();
      await promisePool(N, C, async (i) => {
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
        ...(await checkInvariants(db, live, { paid: paid + WARM })).map((b) => `http: ${b}`),
        ...(await checkInvariants(db, rawExam, { paid: rawDone })).map((b) => `raw: ${b}`),
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
        rows.push(r);
      }
      rows.push({ ...row('notify (nginx → instance, from its log)', notify.map((l) => l.durationMs)), errors: notifyBad.length, requests: notify.length });
      rows.push({ ...row('page loads (every step)', requests.filter((t) => t.kind === 'page').map((t) => t.ms)), errors: reqErrors.filter((t) => t.kind === 'page').length, requests: requests.filter((t) => t.kind === 'page').length });
      rows.push({ ...row('server actions (every step)', requests.filter((t) => t.kind === 'action').map((t) => t.ms)), errors: reqErrors.filter((t) => t.kind === 'action').length, requests: requests.filter((t) => t.kind === 'action').length });
      rows.push({ ...row('whole walk (sign-in to back from the cashier)', done.map((o) => o.endedAt - o.startedAt)), errors: errors.length, requests: requests.length });
      rows.push({ ...row('raw baseline: same writes, 1 transaction per candidate', rawMs), errors: rawErrors.length, requests: '' });

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
        `Raw baseline (postgres-js, pool of ${RAW_POOL}, same writes as one transaction per candidate, same ${C} at once): ${rawDone} paid, ${rawRefused} refused, ${rawErrors.length} errors, wall ${(rawWall / 1000).toFixed(2)} s → ${rawRate.toFixed(1)} candidates/s. HTTP / raw throughput: ${(httpRate / rawRate).toFixed(3)}× (goal ≥ 0.5×).`,
        `Requests per instance (nginx, whole surge): ${[...byUpstream].filter(([k]) => k).map(([k, v]) => `${k} ${v}`).join(', ')}. CPU during the surge: instances ${(cpu1.app - cpu0.app).toFixed(1)} s, Postgres ${(cpu1.postgres - cpu0.postgres).toFixed(1)} s, nginx ${(cpu1.nginx - cpu0.nginx).toFixed(1)} s over ${cpuWall.toFixed(1)} s of wall time on ${os.cpus().length} CPUs → ${(((cpu1.app - cpu0.app) * 1000) / Math.max(1, done.length)).toFixed(0)} ms of instance CPU per paid candidate (${(((cpu1.app - cpu0.app) * 1000) / Math.max(1, requests.length)).toFixed(1)} ms per request).`,
        `Warm-up: ${WARM} candidates alone, whole walk p50 ${fmtMs(stats(alone.map((o) => o.endedAt - o.startedAt)).p50)} ms (pages p50 ${fmtMs(stats(alone.flatMap((o) => o.timings).filter((t) => t.kind === 'page').map((t) => t.ms)).p50)} ms, actions p50 ${fmtMs(stats(alone.flatMap((o) => o.timings).filter((t) => t.kind === 'action').map((t) => t.ms)).p50)} ms).`,
        `Invariants (per area taken = live registrations = live orders ≤ capacity; one order per ordered/paid registration; each paid order exactly one payment of its amount; every candidate paid at the cashier has its payment recorded): ${broken.length ? `BROKEN:\n  ${broken.join('\n  ')}` : 'all hold'}.`,
      );
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

import os from 'node:os';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import '../lib/modules';
import { openDb, rowsOf, type Db } from '../db/client';
import * as schema from '../db/schema';
import { staffActorByUsername } from '../lib/platform/auth/actor';
import { allKinds, queueCounts, queueExport, queuePage, type QueueFilter } from '../lib/platform/workflow';
import { Browser, ActionIds } from './next-client';
import { fmtMs, stats, type BenchRow, type BenchScenario } from './run';

/**
 * The staff queue at scale (issue #16.3): BENCH_APPS applications (1,000,000)
 * across every registered kind and its states, seeded once into the
 * cluster's database (numbers BQ…, `npm run bench:queue -- --drop` removes
 * them); then, through nginx and the instances, as the demo reviewer (every
 * module): the queue's first page, a filtered page, the export of 10,000 rows
 * — each against the same queries run by the bare route /api/bench/queue
 * (the same functions, hence the same SQL and scope, answered as JSON with no
 * session, page or workbook) — and the counts alone. BENCH_REPS requests per
 * measurement (20), one at a time. The plans of the queries, EXPLAIN ANALYZE
 * on the seeded table, close the report.
 *
 * Needs the cluster with BENCH_ROUTES=true (bench/queue.sh starts it so).
 */
const BASE = process.env.CLUSTER_URL ?? 'http://localhost:3200';
const APPS = Number(process.env.BENCH_APPS ?? 1_000_000);
const REPS = Number(process.env.BENCH_REPS ?? 20);
const STAFF = { username: 'reviewer', password: 'Review1234' };

/** Seeds the applications that are missing, in chunks, with one INSERT … SELECT each. */
async function seed(db: Db, want: number): Promise<{ seeded: number; ms: number }> {
  const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from applications where number like 'BQ%'`));
  if (n >= want) return { seeded: 0, ms: 0 };
  const combos = allKinds().flatMap((k) =>
    Object.entries(k.states).map(([status, s]) => ({
      kind: k.key,
      module: k.module,
      status,
      // Most applications are finished; fewer wait in a working state; a few are drafts.
      weight: s.final ? 6 : s.hiddenFromStaff ? 1 : 3,
    })),
  );
  const bag = combos.flatMap((c) => Array.from({ length: c.weight }, () => c));
  const kinds = `array[${bag.map((c) => `'${c.kind}'`).join(',')}]`;
  const modules = `array[${bag.map((c) => `'${c.module}'`).join(',')}]`;
  const statuses = `array[${bag.map((c) => `'${c.status}'`).join(',')}]`;
  const staff = rowsOf<{ id: string }>(await db.execute(sql`select id from users where kind = 'staff' order by username limit 8`)).map((r) => r.id);
  const assignees = staff.length ? `array[${staff.map((s) => `'${s}'::uuid`).join(',')}]` : `array[]::uuid[]`;
  const started = Date.now();
  const CHUNK = 100_000;
  for (let from = n + 1; from <= want; from += CHUNK) {
    const to = Math.min(want, from + CHUNK - 1);
    await db.execute(
      sql.raw(`
      insert into applications (kind, module, number, status, applicant_name, contact_email, data, assignee_id, submitted_at, created_at, updated_at)
      select k.kinds[1 + (g % ${bag.length})], k.modules[1 + (g % ${bag.length})], 'BQ' || lpad(g::text, 9, '0'), k.statuses[1 + (g % ${bag.length})],
        '压测单位' || (g % 97) || '检测技术有限公司' || (g % 50000), 'bq' || g || '@example.com', '{}'::jsonb,
        case when g % 5 = 0 and cardinality(k.assignees) > 0 then k.assignees[1 + (g % greatest(cardinality(k.assignees), 1))] end,
        t - interval '2 days', t - interval '3 days', t
      from generate_series(${from}, ${to}) g,
        lateral (select now() - make_interval(secs => ((g::bigint * 7919) % (730 * 86400))::double precision) as t) ts,
        (select ${kinds} as kinds, ${modules} as modules, ${statuses} as statuses, ${assignees} as assignees) k`),
    );
    process.stderr.write(`  seeded ${to - n} of ${want - n} applications (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  }
  await db.execute(sql`vacuum analyze applications`);
  return { seeded: want - n, ms: Date.now() - started };
}

/** The SQL statements (with parameters) a function sends, captured by a logging drizzle instance. */
async function captured(url: string, fn: (db: Db) => Promise<unknown>): Promise<Array<{ query: string; params: unknown[] }>> {
  const out: Array<{ query: string; params: unknown[] }> = [];
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const db = drizzlePostgres(client, { schema, casing: 'snake_case', logger: { logQuery: (query, params) => void out.push({ query, params }) } }) as unknown as Db;
    await fn(db);
  } finally {
    await client.end();
  }
  return out;
}

async function explain(url: string, q: { query: string; params: unknown[] }): Promise<string[]> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await client.unsafe(`explain (analyze, buffers, timing off, summary on) ${q.query}`, q.params as never[]);
    return rows.map((r) => Object.values(r)[0] as string);
  } finally {
    await client.end();
  }
}

async function timed(reps: number, fn: () => Promise<void>, before?: () => Promise<void>): Promise<number[]> {
  for (let i = 0; i < 2; i++) await fn(); // warm: both instances, caches
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    if (before) await before(); // untimed
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

const scenario: BenchScenario = {
  title: `Staff queue at scale: ${APPS.toLocaleString('en')} applications, the queue through nginx vs its queries in a bare route`,
  async run() {
    try {
      const r = await fetch(`${BASE}/api/ready`, { signal: AbortSignal.timeout(3000) });
      if (!r.ok) throw new Error(`not ready (${r.status})`);
    } catch (e) {
      return { rows: [], notes: [`Skipped: no ready cluster at ${BASE} (${e instanceof Error ? e.message : String(e)}). Run \`npm run bench:queue\`, which starts it.`] };
    }
    const url = process.env.DATABASE_URL;
    const token = process.env.METRICS_TOKEN;
    if (!url || !token) throw new Error('DATABASE_URL and METRICS_TOKEN (the cluster\'s) are required');
    const h = await openDb({ url, poolMax: 2, migrate: false });
    try {
      const load = os.loadavg();
      const seeded = await seed(h.db, APPS);
      const [counts] = rowsOf<{ total: number; size: string }>(await h.db.execute(sql`select count(*)::int as total, pg_size_pretty(pg_total_relation_size('applications')) as size from applications`));
      const actor = (await staffActorByUsername(h.db, STAFF.username))!;
      // A filter with many rows (for a full export): the most common working state of the most common module.
      const [busy] = rowsOf<{ module: string; status: string; n: number }>(
        await h.db.execute(sql`select module, status, count(*)::int as n from applications where number like 'BQ%' group by 1, 2 order by 3 desc limit 1`),
      );
      const filtered: QueueFilter = { module: busy.module, status: busy.status };
      const qs = (f: QueueFilter) => new URLSearchParams(Object.entries(f).filter(([, v]) => v) as [string, string][]).toString();

      const b = new Browser(BASE, new ActionIds());
      await b.signIn(STAFF.username, STAFF.password, 'staff');
      const bare = async (op: string, f: QueueFilter) => {
        const res = await fetch(`${BASE}/api/bench/queue?op=${op}&staff=${STAFF.username}&${qs(f)}`, { headers: { authorization: `Bearer ${token}` } });
        if (!res.ok) throw new Error(`bare ${op}: ${res.status} (is the cluster started with BENCH_ROUTES=true?)`);
        await res.arrayBuffer();
      };
      let exported = 0;
      // A write by someone else (one application's updated_at moves): the kept counts are stale and the next page recounts.
      const touch = async () => {
        await h.db.execute(sql`update applications set updated_at = now() where id = (select id from applications where number like 'BQ%' order by number limit 1)`);
      };
      const ops: Array<{ name: string; app?: () => Promise<void>; bare: () => Promise<void>; before?: () => Promise<void> }> = [
        { name: 'first page (20 rows + counts)', app: async () => void (await b.page('queue', '/staff/queue')), bare: () => bare('page', {}) },
        {
          name: 'first page right after a change (counts recounted)',
          app: async () => void (await b.page('queue', '/staff/queue')),
          bare: () => bare('page', {}),
          before: touch,
        },
        { name: `filtered page (${filtered.module} · ${filtered.status}, + counts)`, app: async () => void (await b.page('queue', `/staff/queue?${qs(filtered)}`)), bare: () => bare('page', filtered) },
        { name: 'counts (every kind and state)', bare: () => bare('counts', {}) },
        {
          name: `export of 10,000 rows (${filtered.module} · ${filtered.status})`,
          app: async () => {
            const { res } = await b.api('export', `/staff/queue/export?${qs(filtered)}`);
            exported = Number(res.headers.get('content-length') ?? 0);
          },
          bare: () => bare('export', filtered),
        },
      ];
      const rows: BenchRow[] = [];
      for (const op of ops) {
        const bareMs = await timed(REPS, op.bare, op.before);
        const appMs = op.app ? await timed(REPS, op.app, op.before) : [];
        const bs = stats(bareMs);
        const as = appMs.length ? stats(appMs) : null;
        rows.push({
          operation: op.name,
          'bare p50 ms': fmtMs(bs.p50),
          'bare p95 ms': fmtMs(bs.p95),
          'app p50 ms': as ? fmtMs(as.p50) : '(in every page)',
          'app p95 ms': as ? fmtMs(as.p95) : '',
          'app / bare p95': as ? `${(as.p95 / bs.p95).toFixed(2)}×` : '',
        });
      }

      // The plans, for the reviewer, on the seeded table.
      const plans: string[] = [];
      const queries = [
        { name: 'first page', fn: (db: Db) => queuePage(db, actor, {}) },
        { name: 'filtered page', fn: (db: Db) => queuePage(db, actor, filtered) },
        { name: 'counts', fn: (db: Db) => queueCounts(db, actor, {}) },
        { name: 'export', fn: (db: Db) => queueExport(db, actor, filtered, 10_000) },
      ];
      for (const q of queries) {
        const [stmt] = await captured(url, q.fn);
        const plan = await explain(url, stmt);
        plans.push(`Plan of the ${q.name} query (EXPLAIN ANALYZE):\n\`\`\`\n${plan.join('\n')}\n\`\`\``);
      }
      const indexes = rowsOf<{ indexdef: string }>(await h.db.execute(sql`select indexdef from pg_indexes where tablename = 'applications' order by indexname`)).map((r) => r.indexdef);
      const notes = [
        `Table: ${counts.total.toLocaleString('en')} applications (${APPS.toLocaleString('en')} seeded BQ…; ${seeded.seeded ? `${seeded.seeded.toLocaleString('en')} seeded in this run in ${(seeded.ms / 1000).toFixed(0)} s` : 'seeded in an earlier run'}), ${counts.size} with indexes; ${allKinds().length} kinds. Staff: the demo reviewer (every module: the scope is every kind, its hidden states excluded). Export filter: ${filtered.module} · ${filtered.status} (${busy.n.toLocaleString('en')} rows${exported ? `; the workbook of 10,000 rows was ${(exported / 1024).toFixed(0)} KiB` : ''}).`,
        `${REPS} requests per measurement, one at a time, through nginx (both instances), after 2 warm-up requests. "bare": /api/bench/queue runs the queue's own functions (same SQL, same scope) and answers JSON; "app": the queue page (HTML, session, layout, counts — kept up to 30 s while nothing changed, recounted after any change: the "right after a change" row writes one application before each request) and the Excel export (lib/platform/xlsx.ts, audited). Load average at the start ${load.map((l) => l.toFixed(2)).join(' / ')} on ${os.cpus().length} CPUs.`,
        `Indexes on applications:\n\`\`\`\n${indexes.join('\n')}\n\`\`\``,
        ...plans,
      ];
      return { rows, notes };
    } finally {
      await h.close().catch(() => {});
    }
  },
};

export default scenario;

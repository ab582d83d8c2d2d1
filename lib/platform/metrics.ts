import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { OperationsStatus } from './operations';

/**
 * Prometheus metrics of this process (text exposition format 0.0.4), served
 * by /api/metrics behind METRICS_TOKEN. Counters and histograms live in this
 * process (each instance is scraped on its own port); the background-work
 * gauges are read from the database (operations.ts), the same from any
 * instance.
 */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
// Route labels are bounded: beyond this many, new routes count as "other".
const MAX_ROUTES = 400;

type Hist = { buckets: number[]; sum: number; count: number };
type State = {
  requests: Map<string, number>;
  durations: Map<string, Hist>;
  routes: Set<string>;
  counters: Map<string, number>;
  loop?: IntervalHistogram;
  started: number;
};
const g = globalThis as unknown as { __accreditMetrics?: State };
const state: State = (g.__accreditMetrics ??= { requests: new Map(), durations: new Map(), routes: new Set(), counters: new Map(), started: Date.now() });

function routeLabel(route: string): string {
  if (state.routes.has(route)) return route;
  if (state.routes.size >= MAX_ROUTES) return 'other';
  state.routes.add(route);
  return route;
}

/** One finished HTTP request. */
export function recordRequest(method: string, route: string, status: number, seconds: number, kind: 'page' | 'action' = 'page'): void {
  const r = routeLabel(route);
  const key = `${method}\u0000${r}\u0000${status}\u0000${kind}`;
  state.requests.set(key, (state.requests.get(key) ?? 0) + 1);
  const hkey = `${method}\u0000${r}\u0000${kind}`;
  let h = state.durations.get(hkey);
  if (!h) state.durations.set(hkey, (h = { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 }));
  for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]) h.buckets[i]++;
  h.sum += seconds;
  h.count++;
}

/** Increments a labelled counter, e.g. `accredit_outbox_deliveries_total{channel="email",outcome="sent"}`. */
export function countEvent(name: string, labels: Record<string, string>, by = 1): void {
  const key = `${name}\u0000${JSON.stringify(labels)}`;
  state.counters.set(key, (state.counters.get(key) ?? 0) + by);
}

/** Starts sampling the event loop's delay (once per process). */
export function startProcessMetrics(): void {
  if (state.loop) return;
  state.loop = monitorEventLoopDelay({ resolution: 20 });
  state.loop.enable();
}

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labels = (l: Record<string, string | number>) => {
  const parts = Object.entries(l).map(([k, v]) => `${k}="${esc(String(v))}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
};

/** The exposition text: this process's counters, then the database's gauges (when given). */
export function renderMetrics(extra: { ops?: OperationsStatus; inFlight: number; draining: boolean; ready: boolean }): string {
  const out: string[] = [];
  const family = (name: string, type: string, help: string) => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);

  family('accredit_http_requests_total', 'counter', 'HTTP requests handled by this instance, by method, route (ids replaced), status and kind (page/route or server action).');
  for (const [key, n] of state.requests) {
    const [method, route, status, kind] = key.split('\u0000');
    out.push(`accredit_http_requests_total${labels({ method, route, status, kind })} ${n}`);
  }
  family('accredit_http_request_duration_seconds', 'histogram', 'Time from the request to the end of its response.');
  for (const [key, h] of state.durations) {
    const [method, route, kind] = key.split('\u0000');
    const l = { method, route, kind };
    BUCKETS.forEach((b, i) => out.push(`accredit_http_request_duration_seconds_bucket${labels({ ...l, le: b })} ${h.buckets[i]}`));
    out.push(`accredit_http_request_duration_seconds_bucket${labels({ ...l, le: '+Inf' })} ${h.count}`);
    out.push(`accredit_http_request_duration_seconds_sum${labels(l)} ${h.sum.toFixed(6)}`);
    out.push(`accredit_http_request_duration_seconds_count${labels(l)} ${h.count}`);
  }
  family('accredit_http_requests_in_flight', 'gauge', 'Requests being handled by this instance now.');
  out.push(`accredit_http_requests_in_flight ${extra.inFlight}`);
  family('accredit_instance_ready', 'gauge', '1 when this instance is ready for traffic (booted, not draining).');
  out.push(`accredit_instance_ready ${extra.ready && !extra.draining ? 1 : 0}`);

  const byName = new Map<string, string[]>();
  for (const [key, n] of state.counters) {
    const [name, json] = key.split('\u0000');
    const list = byName.get(name) ?? [];
    list.push(`${name}${labels(JSON.parse(json) as Record<string, string>)} ${n}`);
    byName.set(name, list);
  }
  const help: Record<string, string> = {
    accredit_outbox_deliveries_total: 'Outbox rows handled by this instance\'s worker, by channel and outcome (sent, retry, dead, released).',
    accredit_periodic_runs_total: 'Runs of the background loops on this instance, by loop and outcome (ok, failed).',
  };
  for (const [name, lines] of byName) {
    family(name, 'counter', help[name] ?? name);
    out.push(...lines);
  }

  const mem = process.memoryUsage();
  family('accredit_process_resident_memory_bytes', 'gauge', 'Resident memory of this process.');
  out.push(`accredit_process_resident_memory_bytes ${mem.rss}`);
  family('accredit_process_heap_used_bytes', 'gauge', 'V8 heap in use.');
  out.push(`accredit_process_heap_used_bytes ${mem.heapUsed}`);
  const cpu = process.cpuUsage();
  family('accredit_process_cpu_seconds_total', 'counter', 'CPU time of this process (user + system).');
  out.push(`accredit_process_cpu_seconds_total ${((cpu.user + cpu.system) / 1e6).toFixed(3)}`);
  family('accredit_process_uptime_seconds', 'gauge', 'Seconds since this process loaded its metrics.');
  out.push(`accredit_process_uptime_seconds ${((Date.now() - state.started) / 1000).toFixed(0)}`);
  if (state.loop) {
    family('accredit_event_loop_delay_seconds', 'gauge', 'Event loop delay of this process (p50, p99, max since the last scrape).');
    for (const q of [50, 99]) out.push(`accredit_event_loop_delay_seconds${labels({ quantile: q / 100 })} ${(state.loop.percentile(q) / 1e9).toFixed(6)}`);
    out.push(`accredit_event_loop_delay_seconds${labels({ quantile: 1 })} ${(state.loop.max / 1e9).toFixed(6)}`);
    state.loop.reset();
  }

  const ops = extra.ops;
  if (ops) {
    family('accredit_outbox_rows', 'gauge', 'Outbox rows not yet sent, by channel and status (pending, processing, dead), all instances.');
    for (const r of ops.outbox.byChannel) out.push(`accredit_outbox_rows${labels({ channel: r.channel, status: r.status })} ${r.n}`);
    family('accredit_outbox_backlog', 'gauge', 'Pending outbox rows whose time has come (not yet picked up by a worker).');
    out.push(`accredit_outbox_backlog ${ops.outbox.due}`);
    family('accredit_outbox_oldest_due_seconds', 'gauge', 'Age of the oldest due outbox row.');
    out.push(`accredit_outbox_oldest_due_seconds ${ops.outbox.oldestDueSeconds.toFixed(1)}`);
    family('accredit_outbox_retrying', 'gauge', 'Pending outbox rows that failed at least once (waiting for their retry).');
    out.push(`accredit_outbox_retrying ${ops.outbox.retrying}`);
    family('accredit_outbox_dead', 'gauge', 'Outbox rows given up on (failed jobs and undeliverable messages).');
    out.push(`accredit_outbox_dead ${ops.outbox.dead}`);
    family('accredit_outbox_expired_leases', 'gauge', 'Outbox rows claimed by a worker whose lease ran out (its instance died).');
    out.push(`accredit_outbox_expired_leases ${ops.outbox.expiredLeases}`);
    family('accredit_payments_awaiting_reconciliation', 'gauge', 'Orders at a provider, unpaid, past the wait for their notification.');
    out.push(`accredit_payments_awaiting_reconciliation ${ops.payments.awaitingReconciliation}`);
    family('accredit_payments_reconciliation_lag_seconds', 'gauge', 'How far past that wait the oldest such order is.');
    out.push(`accredit_payments_reconciliation_lag_seconds ${ops.payments.reconciliationLagSeconds.toFixed(1)}`);
    family('accredit_refunds_waiting', 'gauge', 'Refunds requested or being paid back.');
    out.push(`accredit_refunds_waiting ${ops.payments.refundsWaiting}`);
    family('accredit_refunds_failed', 'gauge', 'Refunds that failed (finance retries them).');
    out.push(`accredit_refunds_failed ${ops.payments.refundsFailed}`);
  }
  return out.join('\n') + '\n';
}

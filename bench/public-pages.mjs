#!/usr/bin/env node
// The public pages under load (issue #17 point 7, "public pages static or
// revalidated"): each page fetched by BENCH_C connections (10) for
// BENCH_SECONDS (20) after a short warm-up, one page after another, against a
// running production server; per page the requests per second, the latency
// p50 / p95, and the server's CPU per request, read from /proc/<pid>/stat
// (utime + stime of every thread of the server process) before and after.
//
//   BENCH_URL=http://localhost:3540 BENCH_PID=<pid of next-server> node bench/public-pages.mjs
//
// BENCH_PID: the process listening on the port (`ss -ltnp`); without it the
// CPU column is left empty. BENCH_COOKIE: a Cookie header sent with every
// request (a signed-in visitor). Keep-alive connections, as nginx keeps to the
// instances. Prints a Markdown table. The load generator is plain node:http
// (no dependency): it runs on the same machine and takes CPU of its own, which
// the server's CPU column does not include.
import http from 'node:http';
import fs from 'node:fs';

const base = new URL(process.env.BENCH_URL ?? 'http://localhost:3540');
const pid = process.env.BENCH_PID;
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const warmup = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const conns = Number(process.env.BENCH_C ?? 10);
const cookie = process.env.BENCH_COOKIE;
const TICK_MS = 1000 / 100; // CLK_TCK is 100 on Linux

function cpuTicks() {
  if (!pid) return null;
  // Fields after the command name (which may contain spaces) — utime is the 14th field, stime the 15th.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(rest[11]) + Number(rest[12]);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: conns });

function get(path) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = http.request({ host: base.hostname, port: base.port, path, agent, headers: cookie ? { cookie } : {} }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - t0) / 1e6, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function load(path, durationS) {
  const latencies = [];
  let bad = 0;
  let bytes = 0;
  const until = Date.now() + durationS * 1000;
  await Promise.all(
    Array.from({ length: conns }, async () => {
      while (Date.now() < until) {
        const r = await get(path);
        if (r.status !== 200) bad++;
        bytes += r.body.length;
        latencies.push(r.ms);
      }
    }),
  );
  return { latencies, bad, bytes };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

async function main() {
  const home = await get('/');
  if (home.status !== 200) throw new Error(`GET / answered ${home.status}`);
  const noticeId = home.body.toString('utf8').match(/href="\/notices\/([0-9a-f-]{36})"/)?.[1];
  if (!noticeId) throw new Error('no published notice linked from the home page (demo data?)');
  const pages = [
    ['home', '/'],
    ['notices', '/notices'],
    ['notice', `/notices/${noticeId}`],
    ['help', '/help'],
    ['verify', '/verify'],
  ];
  console.log(`| page | path | requests/s | p50 ms | p95 ms | server CPU ms / request | HTML KB | non-200 |`);
  console.log(`| --- | --- | --- | --- | --- | --- | --- | --- |`);
  for (const [name, path] of pages) {
    await load(path, warmup);
    const before = cpuTicks();
    const t0 = Date.now();
    const { latencies, bad, bytes } = await load(path, seconds);
    const wall = (Date.now() - t0) / 1000;
    const after = cpuTicks();
    latencies.sort((a, b) => a - b);
    const n = latencies.length;
    const cpu = before === null ? '' : (((after - before) * TICK_MS) / n).toFixed(2);
    console.log(
      `| ${name} | \`${path.replace(noticeId, '[id]')}\` | ${(n / wall).toFixed(1)} | ${pct(latencies, 50).toFixed(1)} | ${pct(latencies, 95).toFixed(1)} | ${cpu} | ${(bytes / n / 1024).toFixed(1)} | ${bad} |`,
    );
  }
  agent.destroy();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

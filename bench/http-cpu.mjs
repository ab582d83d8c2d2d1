// Requests/s, latency and the server's CPU per request for one URL: node bench/http-cpu.mjs <url> [connections=10] [seconds=15] [server pid]
// (CPU read from /proc/<pid>/stat before and after; the pid of a `next start` server is its next-server process).
const [url, conc = '10', secs = '15', pid] = process.argv.slice(2);
const fs = await import('node:fs');
const cpu = () => { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const end = Date.now() + Number(secs) * 1000; let n = 0, errs = 0; const lat = [];
const c0 = pid ? cpu() : 0, t0 = Date.now();
await Promise.all(Array.from({ length: Number(conc) }, async () => { while (Date.now() < end) { const t = performance.now(); try { const r = await fetch(url); await r.arrayBuffer(); if (!r.ok) errs++; } catch { errs++; } lat.push(performance.now() - t); n++; } }));
const wall = (Date.now() - t0) / 1000; lat.sort((a, b) => a - b);
console.log(JSON.stringify({ url, requests: n, errs, rps: +(n / wall).toFixed(1), p50: +lat[Math.floor(n * 0.5)].toFixed(1), p95: +lat[Math.floor(n * 0.95)].toFixed(1), cpuMsPerReq: pid ? +((cpu() - c0) / n).toFixed(2) : null }));

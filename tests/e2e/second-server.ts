import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A second production server on the build the suite's web server made, with
 * its own fresh data directory and the settings a test gives it, everything
 * else at its default (the suite's server opens the mailbox explicitly; this
 * one shows what a production build does without being told).
 */
export type SecondServer = { baseURL: string; stop: () => Promise<void> };

const root = path.resolve(__dirname, '../..');

/** Settings the suite's own server was started with that must not leak into the second one. */
const SUITE_SETTINGS = ['MAILBOX_OPEN', 'PGLITE_DIR', 'EMBEDDED_S3_DIR', 'EMBEDDED_S3_PORT', 'APP_URL', 'PORT', 'DATABASE_URL', 'S3_ENDPOINT', 'TRUSTED_PROXY_HOPS'];

export async function startSecondServer(opts: { port: number; s3Port: number; env?: Record<string, string> }): Promise<SecondServer> {
  const dir = path.join(root, 'data', `e2e-${opts.port}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const baseURL = `http://localhost:${opts.port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of SUITE_SETTINGS) delete env[k];
  Object.assign(env, {
    NODE_ENV: 'production',
    PGLITE_DIR: path.join(dir, 'pglite'),
    EMBEDDED_S3_DIR: path.join(dir, 's3'),
    EMBEDDED_S3_PORT: String(opts.s3Port),
    APP_URL: baseURL,
    OUTBOX_POLL_MS: '200',
    CAPTCHA_MAX_NUMBER: '20000',
    LOG_LEVEL: 'warn',
    ...opts.env,
  });
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', String(opts.port)], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`second server exited (${child.exitCode}): ${stderr}`);
    try {
      const r = await fetch(`${baseURL}/api/health`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`second server did not become healthy: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    baseURL,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

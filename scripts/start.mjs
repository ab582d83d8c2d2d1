#!/usr/bin/env node
// `npm start`: build the app if there is no build or the sources changed since
// the last one, then serve it. Embedded database, storage and outbox start
// inside the server process (instrumentation.ts), so nothing else is needed.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

const sourceDirs = ['app', 'components', 'lib', 'db', 'i18n', 'messages', 'public'];
const sourceFiles = ['next.config.ts', 'package-lock.json', 'proxy.ts', 'instrumentation.ts', 'postcss.config.mjs', 'tsconfig.json'];

function newestMtime() {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    // A directory's own time counts too: deleting or renaming a file changes only its directory's.
    newest = Math.max(newest, st.mtimeMs);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) visit(path.join(p, e));
  };
  [...sourceDirs, ...sourceFiles].forEach(visit);
  return newest;
}

const buildId = path.join(root, '.next', 'BUILD_ID');
const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
if (!built || newestMtime() > built) {
  console.log(built ? 'Sources changed since the last build: rebuilding…' : 'No production build yet: building (about a minute)…');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// `--build-only`: build if needed and stop (scripts/cluster.sh builds once, then starts each instance).
if (process.argv.includes('--build-only')) process.exit(0);

const port = process.env.PORT ?? '3000';
// The app drains itself on SIGTERM/SIGINT (lib/platform/lifecycle.ts: requests in flight finish, the
// background loops release their claims); Next's own handler would exit before that.
process.env.NEXT_MANUAL_SIG_HANDLE ??= 'true';
const child = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', port], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));

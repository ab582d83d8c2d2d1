// The composition root, as instrumentation.ts loads it at server start: every module registers with the platform.
import '@/lib/modules';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { rereadEnv } from '@/lib/platform/env';
import { closeStorage } from '@/lib/platform/storage';

// The integration files mostly share a process (vitest `isolate: false`, vitest.config.ts): each one sets the
// environment it needs at its top (AUTH_SECRET, APP_URL, …), so the parsed environment is read afresh for each
// file, and the process environment is put back as it was when the file ends.
const envBefore = { ...process.env };
rereadEnv();

// An action a test calls without injecting its own storage opens the process-wide one (lib/platform/storage). Its
// defaults are the demo's: port 4569 and ./data/s3. Two test files at once (vitest's workers since there are two,
// or the e2e server beside CI's PostgreSQL run) then both listened on 4569 and one action failed as INTERNAL. Here each file's
// process storage takes a free port and a directory of its own, and is closed with the file.
const processS3Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accredit-process-s3-'));
process.env.EMBEDDED_S3_PORT = '0';
process.env.EMBEDDED_S3_DIR = processS3Dir;

afterAll(async () => {
  await closeStorage().catch(() => {});
  fs.rmSync(processS3Dir, { recursive: true, force: true });
  for (const k of Object.keys(process.env)) if (!(k in envBefore)) delete process.env[k];
  Object.assign(process.env, envBefore);
  rereadEnv();
});

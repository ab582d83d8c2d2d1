#!/usr/bin/env node
// The server the e2e suite runs against: the production build (built first if
// needed, as `npm start` does) on a fresh embedded database and storage
// directory, or on DATABASE_URL / S3_ENDPOINT when those are set.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// E2E_DATA_DIR: a second server beside the first (CI runs the a11y walk on its own server) needs its own.
const dir = process.env.E2E_DATA_DIR ? path.resolve(root, process.env.E2E_DATA_DIR) : path.join(root, 'data', 'e2e');
fs.rmSync(dir, { recursive: true, force: true });
process.env.PGLITE_DIR ??= path.join(dir, 'pglite');
process.env.EMBEDDED_S3_DIR ??= path.join(dir, 's3');
process.env.EMBEDDED_S3_PORT ??= '4579';
process.env.OUTBOX_POLL_MS ??= '200';
process.env.MAILBOX_OPEN ??= 'true';
// A person waits a minute before asking for a second code; the suite does not.
process.env.SMS_RESEND_SECONDS ??= '2';
// A lighter proof of work keeps the suite fast; the scheme is the same.
process.env.CAPTCHA_MAX_NUMBER ??= '20000';
// The payment loop asks the provider about an unpaid order after 4 s instead of 2 min (a lost notification).
process.env.PAYMENT_RECONCILE_SECONDS ??= '2';
process.env.PAYMENT_RECONCILE_AFTER_SECONDS ??= '4';
await import('./start.mjs');

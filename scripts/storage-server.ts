/**
 * One S3-compatible store for several app instances: the project's embedded
 * server (lib/platform/storage/embedded.ts, s3rver underneath) in a process of
 * its own, on its own port, storing under a directory. scripts/cluster.sh
 * starts it and points every instance at it with S3_ENDPOINT; production uses
 * any S3 service (MinIO, AWS S3, Aliyun OSS) instead.
 *
 *   STORAGE_PORT (4710), STORAGE_DIR (./data/cluster/s3), S3_BUCKET (accredit),
 *   S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY (the credentials the instances sign
 *   with), STORAGE_ALLOWED_ORIGINS (comma-separated origins browsers upload
 *   from: the site's, e.g. http://localhost:3200).
 *
 * Run: `npx tsx scripts/storage-server.ts`. SIGTERM/SIGINT close it.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { startEmbeddedS3 } from '../lib/platform/storage/embedded';

async function main() {
  const port = Number(process.env.STORAGE_PORT ?? 4710);
  const dir = path.resolve(process.env.STORAGE_DIR ?? './data/cluster/s3');
  const bucket = process.env.S3_BUCKET ?? 'accredit';
  const credentials = { accessKeyId: process.env.S3_ACCESS_KEY_ID ?? 'S3RVER', secretAccessKey: process.env.S3_SECRET_ACCESS_KEY ?? 'S3RVER' };
  const allowedOrigins = (process.env.STORAGE_ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  // s3rver knows one account; the instances' key pair is added to it (the embedded server checks the signatures made with it).
  const require = createRequire(__filename);
  (require('s3rver/lib/models/account.js') as { DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void } }).DUMMY_ACCOUNT.createKeyPair(credentials.accessKeyId, credentials.secretAccessKey);
  // Options the embedded server may or may not take (credentials, CORS origins): passed as a value, not a literal.
  const opts = { dir, port, bucket, host: '127.0.0.1', credentials, allowedOrigins };
  const s3 = await startEmbeddedS3(opts);
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'storage ready', app: 'accredit-storage', endpoint: s3.endpoint, dir, bucket })}\n`);
  let closing = false;
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.on(sig, () => {
      if (closing) process.exit(1);
      closing = true;
      void s3.close().finally(() => process.exit(0));
    });
  }
}

main().catch((e) => {
  process.stderr.write(`storage server failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

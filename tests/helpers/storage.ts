import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EMBEDDED_S3_CREDENTIALS, Storage, startEmbeddedS3, type EmbeddedS3 } from '@/lib/platform/storage';

/** A real S3 server (s3rver) on a free port with its own directory, for one test file. */
export async function createTestStorage(): Promise<{ storage: Storage; server: EmbeddedS3; dir: string; close: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accredit-s3-'));
  const server = await startEmbeddedS3({ dir, port: 0, bucket: 'test-bucket' });
  const storage = new Storage({
    endpoint: server.endpoint,
    region: 'us-east-1',
    bucket: 'test-bucket',
    ...EMBEDDED_S3_CREDENTIALS,
    forcePathStyle: true,
    requestTimeoutMs: 2000,
  });
  return {
    storage,
    server,
    dir,
    close: async () => {
      storage.destroy();
      await server.close().catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

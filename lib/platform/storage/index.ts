import path from 'node:path';
import { env } from '../env';
import { logger } from '../logger';
import { randomEmbeddedCredentials, startEmbeddedS3, type EmbeddedS3 } from './embedded';
import { Storage } from './storage';

export { Storage } from './storage';
export type { StorageConfig, HeadResult } from './storage';
export { startEmbeddedS3, randomEmbeddedCredentials, EMBEDDED_S3_CREDENTIALS, type EmbeddedS3 } from './embedded';

/** The process-wide storage, on globalThis for the same reason as the database. */
const g = globalThis as unknown as { __accreditStorage?: Promise<{ storage: Storage; embedded?: EmbeddedS3 }> };

export function storageHandle() {
  g.__accreditStorage ??= (async () => {
    const e = env();
    if (e.S3_ENDPOINT) {
      const storage = new Storage({
        endpoint: e.S3_ENDPOINT,
        publicEndpoint: e.S3_PUBLIC_ENDPOINT,
        region: e.S3_REGION,
        bucket: e.S3_BUCKET,
        accessKeyId: e.S3_ACCESS_KEY_ID!,
        secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
        forcePathStyle: e.S3_FORCE_PATH_STYLE ?? true,
      });
      return { storage };
    }
    // Credentials of this process only: nothing else can sign a request the embedded server accepts.
    const embedded = await startEmbeddedS3({
      dir: path.resolve(e.EMBEDDED_S3_DIR),
      port: e.EMBEDDED_S3_PORT,
      bucket: e.S3_BUCKET,
      credentials: randomEmbeddedCredentials(),
      allowedOrigins: [new URL(e.APP_URL).origin],
    });
    logger.info('embedded S3 server started', { endpoint: embedded.endpoint });
    const storage = new Storage({
      endpoint: embedded.endpoint,
      region: e.S3_REGION,
      bucket: e.S3_BUCKET,
      ...embedded.credentials,
      forcePathStyle: true,
    });
    return { storage, embedded };
  })().catch((err) => {
    g.__accreditStorage = undefined;
    throw err;
  });
  return g.__accreditStorage;
}

/** Closes the process-wide storage and its embedded server, if opened; the next use opens them again. */
export async function closeStorage(): Promise<void> {
  const opened = await g.__accreditStorage?.catch(() => undefined);
  g.__accreditStorage = undefined;
  opened?.storage.destroy();
  await opened?.embedded?.close();
}

export async function getStorage(): Promise<Storage> {
  return (await storageHandle()).storage;
}

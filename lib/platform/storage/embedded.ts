import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { verifySigV4, type Credentials } from './sigv4';

/**
 * An S3-compatible server (s3rver) inside this process, storing under a
 * directory, so the same S3 code path runs on a laptop with nothing installed.
 *
 * s3rver checks no signature, so it is never reachable by itself: its request
 * handler runs behind our own HTTP server, which listens on loopback only and
 * lets a request through only when it carries a valid AWS SigV4 signature made
 * with this server's credentials (presigned URLs from the app, the app's own
 * SDK calls); anything else gets 403 AccessDenied (issue #15.2). CORS
 * preflights (unsigned by nature) go to s3rver, whose bucket rule allows only
 * the given origins (the app's, from APP_URL).
 */
const corsXml = (origins: string[]) => `<CORSConfiguration>
  <CORSRule>
${origins.map((o) => `    <AllowedOrigin>${o}</AllowedOrigin>`).join('\n')}
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

export type EmbeddedS3 = { endpoint: string; port: number; credentials: Credentials; close: () => Promise<void> };

/** The credentials of an embedded server started without its own (the tests'). */
export const EMBEDDED_S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** Fresh credentials for a server whose only clients are this process (the app). */
export function randomEmbeddedCredentials(): Credentials {
  return { accessKeyId: `ACCREDIT${crypto.randomBytes(6).toString('hex').toUpperCase()}`, secretAccessKey: crypto.randomBytes(30).toString('base64url') };
}

const denied = (res: http.ServerResponse) => {
  res.statusCode = 403;
  res.setHeader('Content-Type', 'application/xml');
  res.end('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>A valid signature is required.</Message></Error>');
};

type S3Object = { bucket: string; key: string; content: Buffer | Readable; metadata: Record<string, string> };
type FilesystemStore = {
  getResourcePath(bucket: string, key: string, kind: 'object'): string;
  putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5: string): Promise<void>;
  putObject(object: S3Object): Promise<{ size: number; md5: string }>;
};

/**
 * s3rver's putObject resolves when the request body has been read, not when
 * the file has been written: a PUT could answer 200 while the file on disk
 * was still empty, and a HEAD right after it reported size 0 (the upload was
 * then refused as empty; seen in CI). This one answers once the file is
 * written, with the same metadata and md5 as s3rver's own.
 */
function awaitWrites(store: FilesystemStore) {
  store.putObject = async function (this: FilesystemStore, object: S3Object) {
    const objectPath = this.getResourcePath(object.bucket, object.key, 'object');
    await fs.promises.mkdir(path.dirname(objectPath), { recursive: true });
    const md5 = crypto.createHash('md5');
    let size = 0;
    const content = Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content;
    const count = new Transform({
      transform(chunk: Buffer, _enc, callback) {
        md5.update(chunk);
        size += chunk.length;
        callback(null, chunk);
      },
    });
    await pipeline(content, count, fs.createWriteStream(objectPath));
    const digest = md5.digest('hex');
    await this.putMetadata(object.bucket, object.key, object.metadata, digest);
    return { size, md5: digest };
  };
}

export async function startEmbeddedS3(opts: {
  dir: string;
  port: number;
  bucket: string;
  host?: string;
  /** Default: EMBEDDED_S3_CREDENTIALS. */
  credentials?: Credentials;
  /** Origins browsers may use it from (CORS); none by default. */
  allowedOrigins?: string[];
}): Promise<EmbeddedS3> {
  fs.mkdirSync(opts.dir, { recursive: true });
  const credentials = opts.credentials ?? EMBEDDED_S3_CREDENTIALS;
  // Loaded lazily: only the embedded setup needs it.
  const { default: S3rver } = await import('s3rver');
  // s3rver knows one account; our credentials are added to it so its own (signature-free) key lookup passes.
  const accounts = await import('s3rver/lib/models/account.js');
  accounts.DUMMY_ACCOUNT.createKeyPair(credentials.accessKeyId, credentials.secretAccessKey);
  const origins = opts.allowedOrigins ?? [];
  const s3rver = new S3rver({
    directory: opts.dir,
    silent: true,
    configureBuckets: [{ name: opts.bucket, configs: origins.length ? [corsXml(origins)] : [] }],
  });
  awaitWrites(s3rver.store as FilesystemStore);
  await s3rver.configureBuckets();
  const handle = s3rver.callback();
  const server = http.createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      // s3rver answers an allowed preflight with "*": name the (allowed) origin instead.
      const setHeader = res.setHeader.bind(res);
      res.setHeader = (name, value) => setHeader(name, String(name).toLowerCase() === 'access-control-allow-origin' && value === '*' ? (req.headers.origin ?? value) : value);
    } else if (!verifySigV4(req, credentials).ok) {
      return denied(res);
    }
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  // Presigned URLs are opened by browsers on this machine: name it localhost.
  const endpoint = `http://localhost:${port}`;
  return {
    endpoint,
    port,
    credentials,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}

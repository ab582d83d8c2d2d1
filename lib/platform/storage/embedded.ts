import fs from 'node:fs';
import type { AddressInfo } from 'node:net';

/**
 * An S3-compatible server (s3rver) inside this process, storing under a
 * directory, so the same S3 code path runs on a laptop with nothing installed.
 * Browsers PUT to it directly with presigned URLs, hence the open CORS rule.
 */
const corsXml = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

export type EmbeddedS3 = { endpoint: string; port: number; close: () => Promise<void> };

export const EMBEDDED_S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export async function startEmbeddedS3(opts: { dir: string; port: number; bucket: string; host?: string }): Promise<EmbeddedS3> {
  fs.mkdirSync(opts.dir, { recursive: true });
  // Loaded lazily: only the embedded setup needs it.
  const { default: S3rver } = await import('s3rver');
  const server = new S3rver({
    port: opts.port,
    address: opts.host ?? '127.0.0.1',
    directory: opts.dir,
    silent: true,
    configureBuckets: [{ name: opts.bucket, configs: [corsXml] }],
  });
  const addr = (await server.run()) as AddressInfo;
  // Presigned URLs are opened by browsers on this machine: name it localhost.
  const endpoint = `http://localhost:${addr.port}`;
  return {
    endpoint,
    port: addr.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

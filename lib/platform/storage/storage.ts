import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

/**
 * Private object storage on any S3-compatible service (embedded s3rver,
 * MinIO, AWS S3, Aliyun OSS). Keys are chosen by the server; the database
 * stores keys, never URLs; browsers get short-lived presigned URLs only after
 * an authorization check in the calling code.
 */
export type StorageConfig = {
  endpoint?: string;
  /** Endpoint used in presigned URLs handed to browsers, when it differs. */
  publicEndpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
  /** Timeout of each request, so a dead server fails fast instead of hanging. */
  requestTimeoutMs?: number;
};

export type HeadResult = { size: number; contentType?: string; etag?: string } | null;

export class Storage {
  readonly bucket: string;
  private readonly client: S3Client;
  private readonly signer: S3Client;

  constructor(private readonly config: StorageConfig) {
    this.bucket = config.bucket;
    const base: S3ClientConfig = {
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
      requestHandler: { requestTimeout: config.requestTimeoutMs ?? 10_000, connectionTimeout: 3_000 },
      maxAttempts: 2,
    };
    this.client = new S3Client(base);
    this.signer = config.publicEndpoint ? new S3Client({ ...base, endpoint: config.publicEndpoint }) : this.client;
  }

  /** Creates the bucket if it does not exist (embedded and MinIO setups). */
  async ensureBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch {
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    }
  }

  /** Throws when the bucket cannot be reached. */
  async ping(signal?: AbortSignal): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }), { abortSignal: signal });
  }

  /**
   * A URL the browser PUTs the file to. The declared size is part of the
   * signature (a signed Content-Length header): a body of another size is
   * refused by the storage itself (issue #15.10).
   */
  presignPut(key: string, opts: { contentType: string; contentLength: number; expiresIn?: number }): Promise<string> {
    return getSignedUrl(
      this.signer,
      new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentType: opts.contentType, ContentLength: opts.contentLength }),
      { expiresIn: opts.expiresIn ?? 300, signableHeaders: new Set(['content-length']) },
    );
  }

  /** Keys under `prefix` last modified before `before` (every page of the listing). */
  async listOlderThan(prefix: string, before: Date): Promise<string[]> {
    const out: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) if (o.Key && o.LastModified && o.LastModified < before) out.push(o.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out;
  }

  /** A short-lived download URL; call only after checking the reader's permission. */
  presignGet(key: string, opts: { expiresIn?: number; filename?: string; contentType?: string } = {}): Promise<string> {
    return getSignedUrl(
      this.signer,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: opts.filename
          ? `attachment; filename*=UTF-8''${encodeURIComponent(opts.filename)}`
          : undefined,
        ResponseContentType: opts.contentType,
      }),
      { expiresIn: opts.expiresIn ?? 60 },
    );
  }

  async put(key: string, body: Uint8Array | string, contentType: string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
  }

  /** The object's bytes, or null when it does not exist. */
  async get(key: string): Promise<Uint8Array | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  /** The first `bytes` bytes of an object (for content sniffing), or null. */
  async getRange(key: string, bytes: number): Promise<Uint8Array | null> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${Math.max(0, bytes - 1)}` }),
      );
      return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  async head(key: string): Promise<HeadResult> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: out.ContentLength ?? 0, contentType: out.ContentType, etag: out.ETag };
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  destroy(): void {
    this.client.destroy();
    if (this.signer !== this.client) this.signer.destroy();
  }
}

function isNotFound(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === 'NotFound' || err?.name === 'NoSuchKey' || err?.$metadata?.httpStatusCode === 404;
}

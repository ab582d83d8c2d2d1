declare module 's3rver' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  import type { AddressInfo } from 'node:net';
  type BucketConfig = { name: string; configs?: Array<string | Buffer> };
  export default class S3rver {
    constructor(options: {
      port?: number;
      address?: string;
      directory: string;
      silent?: boolean;
      resetOnClose?: boolean;
      configureBuckets?: BucketConfig[];
    });
    run(): Promise<AddressInfo>;
    close(cb?: (err?: Error) => void): this;
    /** Creates the configured buckets without listening (s3rver does it in run()). */
    configureBuckets(): Promise<void>;
    /** The Koa request handler (what run() puts behind its own HTTP server). */
    /** The filesystem store behind the handler (s3rver's FilesystemStore). */
    store: unknown;
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  }
}

declare module 's3rver/lib/models/account.js' {
  export const DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void };
}

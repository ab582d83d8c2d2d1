declare module 's3rver' {
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
  }
}

import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { ACTION_BODY_LIMIT_MB } from './lib/platform/http/body-limit';

const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

const nextConfig: NextConfig = {
  // Native, WASM or server-only packages are loaded from node_modules at run time
  // instead of being bundled; this also keeps one module instance per process.
  serverExternalPackages: [
    '@electric-sql/pglite',
    'postgres',
    's3rver',
    '@node-rs/argon2',
    'nodemailer',
    '@react-pdf/renderer',
    'sharp',
  ],
  poweredByHeader: false,
  // Behind a proxy that compresses (scripts/cluster.sh's nginx, gzip level 1), the instances send plain
  // responses: RESPONSE_COMPRESSION=false, read when the server starts.
  compress: process.env.RESPONSE_COMPRESSION !== 'false',
  // The same limit proxy.ts enforces with a 413 and a message (lib/platform/http/body-limit.ts).
  experimental: { serverActions: { bodySizeLimit: `${ACTION_BODY_LIMIT_MB}mb` } },
};

export default withNextIntl(nextConfig);

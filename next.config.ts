import path from 'node:path';
import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { ACTION_BODY_LIMIT_MB } from './lib/platform/http/body-limit';

const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

/**
 * use-intl formats precompiled messages (messages/catalog.ts, `messagesFor`) with its
 * format-only formatter, so no ICU parser (intl-messageformat, ~11 KB gzipped) goes to
 * the browser: what next-intl's plugin does for `experimental.messages.precompile`,
 * which expects one JSON file per locale. Turbopack takes the alias as a path relative
 * to the project, starting with './' (otherwise the parsing formatter is still bundled:
 * vercel/next.js#88540). vitest.config.ts sets the same alias for the tests.
 */
let formatOnly = path.relative(process.cwd(), require.resolve('use-intl/format-message/format-only')).replace(/\\/g, '/');
if (!formatOnly.startsWith('.')) formatOnly = `./${formatOnly}`;

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
  // proxy.ts, which sets the security headers, does not run for the build's static files and fonts
  // (its matcher); those still must not be sniffed into another type than they are served as.
  async headers() {
    return ['/_next/static/:path*', '/fonts/:path*', '/favicon.ico'].map((source) => ({
      source,
      headers: [{ key: 'X-Content-Type-Options', value: 'nosniff' }],
    }));
  },
  turbopack: { resolveAlias: { 'use-intl/format-message': formatOnly } },
  // Behind a proxy that compresses (scripts/cluster.sh's nginx, gzip level 1), the instances send plain
  // responses: RESPONSE_COMPRESSION=false, read when the server starts.
  compress: process.env.RESPONSE_COMPRESSION !== 'false',
  // The same limit proxy.ts enforces with a 413 and a message (lib/platform/http/body-limit.ts).
  experimental: {
    serverActions: { bodySizeLimit: `${ACTION_BODY_LIMIT_MB}mb` },
    // Turbopack keeps a build cache in .next/cache for the next build (on by default since 16.4). CI builds a clean
    // clone once and throws it away; writing the cache took 65 s of its two cores there.
    turbopackFileSystemCacheForBuild: !process.env.CI,
  },
};

export default withNextIntl(nextConfig);

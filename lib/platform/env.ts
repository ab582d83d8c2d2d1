import { z } from 'zod';
import { inZodLocale } from '@/i18n/zod-locale';

/**
 * Every environment variable the app reads, validated once with zod.
 * Unset optional variables select the embedded defaults (PGlite, embedded S3,
 * local outbox), so a fresh machine needs no configuration at all.
 * README.md's configuration table mirrors this schema.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const jsonRecord = z
  .string()
  .transform((s, ctx) => {
    try {
      const v = JSON.parse(s) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, string>;
    } catch {
      /* reported below */
    }
    ctx.addIssue({ code: 'custom', message: 'must be a JSON object, e.g. {"verification_code":"SMS_123"}' });
    return z.NEVER;
  });

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    // The public base URL of links in emails, QR codes and the payment return address.
    // Unset: http://localhost:<PORT>, the port this server listens on (3000 by default).
    APP_URL: z.url({ message: 'must be an absolute URL such as http://localhost:3000' }).optional(),
    // The port the server listens on (`npm start` passes it to next; next sets it when listening).
    PORT: z.coerce.number().int().min(1).max(65535).optional(),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),

    // Database: Postgres when set, else embedded PGlite under PGLITE_DIR.
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    PGLITE_DIR: z.string().min(1).default('./data/pglite'),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    SEED_DEMO: bool.default(true),

    // Object storage: any S3-compatible service when S3_ENDPOINT is set, else an
    // embedded S3 server on EMBEDDED_S3_PORT storing under EMBEDDED_S3_DIR.
    S3_ENDPOINT: z.url({ message: 'must be a URL such as https://oss-cn-hangzhou.aliyuncs.com' }).optional(),
    S3_PUBLIC_ENDPOINT: z.url().optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid bucket name (lowercase letters, digits, dots, dashes)')
      .default('accredit'),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    S3_FORCE_PATH_STYLE: bool.optional(),
    EMBEDDED_S3_PORT: z.coerce.number().int().min(0).max(65535).default(4569),
    EMBEDDED_S3_DIR: z.string().min(1).default('./data/s3'),

    // Email: Resend when RESEND_API_KEY is set, else SMTP when SMTP_URL is set, else the local outbox.
    RESEND_API_KEY: z.string().min(1).optional(),
    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
    EMAIL_FROM: z.string().min(3).default('认证认可服务平台 <noreply@accredit.local>'),

    // SMS: Aliyun or Tencent when SMS_PROVIDER is set, else the local outbox.
    SMS_PROVIDER: z.enum(['aliyun', 'tencent', 'local']).default('local'),
    ALIYUN_ACCESS_KEY_ID: z.string().optional(),
    ALIYUN_ACCESS_KEY_SECRET: z.string().optional(),
    ALIYUN_SMS_SIGN_NAME: z.string().optional(),
    ALIYUN_SMS_TEMPLATES: jsonRecord.optional(),
    TENCENT_SECRET_ID: z.string().optional(),
    TENCENT_SECRET_KEY: z.string().optional(),
    TENCENT_SMS_SDK_APP_ID: z.string().optional(),
    TENCENT_SMS_SIGN_NAME: z.string().optional(),
    TENCENT_SMS_REGION: z.string().default('ap-guangzhou'),
    TENCENT_SMS_TEMPLATES: jsonRecord.optional(),

    // Sign-in. Unset AUTH_SECRET: a random secret is generated once and kept in the
    // database, so every instance on that database shares it.
    AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    // Idle lifetime of a sign-in (refreshed while it is used) …
    SESSION_MAX_AGE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
    // … and its absolute lifetime, however much it is used (then sign in again).
    SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 7),
    // Seconds between deletions of expired rate-limit windows, captcha uses, SMS codes and link tokens; 0: off on this instance.
    PRUNE_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400 * 7).default(3600),
    // Proof-of-work captcha: the browser tries up to this many hashes (about 0.1 s per 50,000).
    CAPTCHA_MAX_NUMBER: z.coerce.number().int().min(10).max(5_000_000).default(50_000),
    SMS_CODE_TTL_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
    SMS_DAILY_CAP: z.coerce.number().int().min(1).max(1000).default(10),
    SMS_RESEND_SECONDS: z.coerce.number().int().min(1).max(600).default(60),

    // Client addresses (per-IP limits, audit, sessions): how many proxies in front of the app
    // append to X-Forwarded-For and are trusted. 0: the header is ignored, the socket's peer is the client.
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),

    // Outbox delivery worker.
    OUTBOX_WORKER: bool.default(true),
    OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),

    // Reminder engine (lib/platform/reminders): seconds between runs; 0 turns it off on this instance.
    REMINDER_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),

    // The modules' periodic tasks (their manifests' `periodic`, e.g. module B's overdue annual reviews); false turns them off on this instance.
    MODULE_TASKS: bool.default(true),

    // The public pages' kept read models (lib/platform/cache/stamped-cache.ts); false reads them on every request (a measurement, or a suspicion).
    PUBLIC_CACHE: bool.default(true),

    // Payments (lib/platform/payments): the built-in sandbox cashier by default (it plays every
    // method), or the real platforms: payers choose among those configured (ALIPAY_*, WECHATPAY_*),
    // PAYMENT_PROVIDER naming the one offered first.
    PAYMENT_PROVIDER: z.enum(['sandbox', 'alipay', 'wechatpay']).default('sandbox'),
    // Seconds between runs of the payment loop (reconcile unpaid orders with the provider, expire
    // unpaid orders, process refunds); 0 turns it off on this instance.
    PAYMENT_RECONCILE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(120),
    // How long an order sent to a provider waits for its notification before the loop asks the provider.
    PAYMENT_RECONCILE_AFTER_SECONDS: z.coerce.number().int().min(1).max(86_400).default(120),
    // The sandbox cashier never sends its asynchronous notifications (proves the query and reconciliation paths).
    SANDBOX_DROP_NOTIFY: bool.default(false),
    ALIPAY_APP_ID: z.string().regex(/^\d{8,32}$/, 'must be the numeric app id of the Alipay open platform app').optional(),
    // The app's RSA2 private key and the Alipay public key: PEM, or the bare base64 the Alipay key tool prints.
    ALIPAY_PRIVATE_KEY: z.string().min(100, 'must be an RSA private key (PEM or base64)').optional(),
    ALIPAY_PUBLIC_KEY: z.string().min(100, 'must be the Alipay RSA public key (PEM or base64)').optional(),
    ALIPAY_GATEWAY: z.url({ message: 'must be a URL such as https://openapi.alipay.com/gateway.do' }).default('https://openapi.alipay.com/gateway.do'),
    // WeChat Pay API v3 (微信支付): merchant id, the AppID bound to it, the merchant API certificate's serial
    // number and private key file (apiclient_key.pem), the APIv3 key, and the WeChat Pay public key file
    // (pub_key.pem) with its id (PUB_KEY_ID_…, or the platform certificate serial). All or none.
    WECHATPAY_MCH_ID: z.string().regex(/^\d{8,12}$/, 'must be the numeric WeChat Pay merchant id').optional(),
    WECHATPAY_APP_ID: z.string().regex(/^wx[0-9a-f]{16}$/, 'must be an AppID such as wx1234567890abcdef').optional(),
    WECHATPAY_CERT_SERIAL: z.string().regex(/^[0-9A-Fa-f]{8,64}$/, 'must be the merchant API certificate serial number (hex)').optional(),
    WECHATPAY_PRIVATE_KEY_PATH: z.string().min(1).optional(),
    WECHATPAY_APIV3_KEY: z.string().refine((v) => Buffer.byteLength(v, 'utf8') === 32, 'must be the 32-character APIv3 key').optional(),
    WECHATPAY_PLATFORM_PUBLIC_KEY_PATH: z.string().min(1).optional(),
    WECHATPAY_PLATFORM_KEY_ID: z.string().min(8).max(80).optional(),
    WECHATPAY_GATEWAY: z.url({ message: 'must be a URL such as https://api.mch.weixin.qq.com' }).default('https://api.mch.weixin.qq.com'),

    // Operations (several instances behind a proxy; scripts/cluster.sh). This instance's name in logs,
    // metrics and outbox claims (default: host name and process id).
    INSTANCE_ID: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash, underscore (at most 64)').optional(),
    // Bearer token of GET /api/metrics (Prometheus text format); unset: /api/metrics answers 404.
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    // Compress responses in the app (gzip). false behind a proxy that compresses (scripts/cluster.sh's nginx): read by
    // next.config.ts when the server starts; compressing costs about 40% of a page's CPU in Node.
    RESPONSE_COMPRESSION: bool.default(true),
    // The queue bench's bare route (/api/bench/queue, bench/staff-queue.ts): off unless true; it also wants the METRICS_TOKEN bearer.
    BENCH_ROUTES: bool.default(false),
    // On SIGTERM/SIGINT (with NEXT_MANUAL_SIG_HANDLE=true, as npm start sets it): how long requests in flight may take to finish.
    SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(600).default(25),

    // The mailbox page (/mailbox) lists what the local outbox holds. Unset: open to
    // everyone only in development with no real email or SMS transport; staff-only
    // otherwise (a production build never shows codes and links to anonymous visitors
    // unless MAILBOX_OPEN=true says so).
    MAILBOX_OPEN: bool.optional(),
  });

/** Rules between variables, checked on the raw input so they are reported alongside type errors. */
function crossChecks(e: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (e.S3_ENDPOINT && (!e.S3_ACCESS_KEY_ID || !e.S3_SECRET_ACCESS_KEY)) {
    problems.push('S3_ACCESS_KEY_ID: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are required when S3_ENDPOINT is set');
  }
  const required = {
    aliyun: ['ALIYUN_ACCESS_KEY_ID', 'ALIYUN_ACCESS_KEY_SECRET', 'ALIYUN_SMS_SIGN_NAME', 'ALIYUN_SMS_TEMPLATES'],
    tencent: ['TENCENT_SECRET_ID', 'TENCENT_SECRET_KEY', 'TENCENT_SMS_SDK_APP_ID', 'TENCENT_SMS_SIGN_NAME', 'TENCENT_SMS_TEMPLATES'],
  } as const;
  const provider = e.SMS_PROVIDER as keyof typeof required | undefined;
  for (const k of (provider && required[provider]) || []) {
    if (!e[k]) problems.push(`${k}: ${k} is required when SMS_PROVIDER=${provider}`);
  }
  // Alipay: all three credentials or none; PAYMENT_PROVIDER=alipay needs them.
  const alipay = ['ALIPAY_APP_ID', 'ALIPAY_PRIVATE_KEY', 'ALIPAY_PUBLIC_KEY'] as const;
  const alipaySet = alipay.filter((k) => e[k]);
  if (e.PAYMENT_PROVIDER === 'alipay' || alipaySet.length > 0) {
    for (const k of alipay) {
      if (!e[k]) problems.push(`${k}: ${k} is required ${e.PAYMENT_PROVIDER === 'alipay' ? 'when PAYMENT_PROVIDER=alipay' : `when ${alipaySet.join(', ')} ${alipaySet.length > 1 ? 'are' : 'is'} set (all three or none)`}`);
    }
  }
  // WeChat Pay: all seven or none; PAYMENT_PROVIDER=wechatpay needs them.
  const wechat = ['WECHATPAY_MCH_ID', 'WECHATPAY_APP_ID', 'WECHATPAY_CERT_SERIAL', 'WECHATPAY_PRIVATE_KEY_PATH', 'WECHATPAY_APIV3_KEY', 'WECHATPAY_PLATFORM_PUBLIC_KEY_PATH', 'WECHATPAY_PLATFORM_KEY_ID'] as const;
  const wechatSet = wechat.filter((k) => e[k]);
  if (e.PAYMENT_PROVIDER === 'wechatpay' || wechatSet.length > 0) {
    for (const k of wechat) {
      if (!e[k]) problems.push(`${k}: ${k} is required ${e.PAYMENT_PROVIDER === 'wechatpay' ? 'when PAYMENT_PROVIDER=wechatpay' : 'when any WECHATPAY_* credential is set (all seven or none)'}`);
    }
  }
  return problems;
}

/** The parsed environment; APP_URL always set (its default follows PORT). */
export type Env = Omit<z.infer<typeof envSchema>, 'APP_URL'> & { APP_URL: string; APP_URL_SET: boolean };

/** The default public base URL: this machine, on the port the server listens on. */
export const defaultAppUrl = (port: number | undefined) => `http://localhost:${port ?? 3000}`;

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Parses an environment object; throws EnvError listing every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset" (a common result of `FOO= npm start`).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  // The operator reads these in a log: zod's own wording in English, whatever the site's language.
  const { result, issues } = inZodLocale('en', () => {
    const r = envSchema.safeParse(cleaned);
    return { result: r, issues: r.success ? [] : r.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`) };
  });
  const problems = [...issues, ...crossChecks(cleaned)];
  if (problems.length || !result.success) throw new EnvError(problems);
  const { APP_URL, ...rest } = result.data;
  return { ...rest, APP_URL: APP_URL ?? defaultAppUrl(rest.PORT), APP_URL_SET: APP_URL !== undefined };
}

let cached: Env | undefined;

/** The validated environment of this process (parsed on first use). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Forgets the parsed environment: the next env() reads process.env again. For a process that runs several test files
 * one after the other, each with an environment of its own (tests/setup-modules.ts); a server never changes its own.
 */
export function rereadEnv(): void {
  cached = undefined;
}

/** Whether some emails or SMS go to the local mailbox (no real transport for that channel): the site is a demo. */
export function usesLocalMailbox(e: Env = env()): boolean {
  return (!e.RESEND_API_KEY && !e.SMTP_URL) || e.SMS_PROVIDER === 'local';
}

/**
 * Whether the mailbox page is open to everyone (see MAILBOX_OPEN): only when
 * explicitly enabled, or in development with no real transport at all. A
 * production build without a real transport keeps it staff-only: codes and
 * links there would let anyone take over any account.
 */
export function mailboxIsOpen(e: Env = env()): boolean {
  if (e.MAILBOX_OPEN !== undefined) return e.MAILBOX_OPEN;
  return e.NODE_ENV === 'development' && !e.RESEND_API_KEY && !e.SMTP_URL && e.SMS_PROVIDER === 'local';
}

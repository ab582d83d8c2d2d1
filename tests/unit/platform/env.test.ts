import { describe, expect, it } from 'vitest';
import { env, EnvError, mailboxIsOpen, parseEnv, rereadEnv, usesLocalMailbox } from '@/lib/platform/env';

describe('environment validation', () => {
  it('an empty environment selects every embedded default', () => {
    const e = parseEnv({});
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.PGLITE_DIR).toBe('./data/pglite');
    expect(e.S3_ENDPOINT).toBeUndefined();
    expect(e.SMS_PROVIDER).toBe('local');
    expect(e.SEED_DEMO).toBe(true);
    expect(mailboxIsOpen(e)).toBe(true);
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', S3_ENDPOINT: '' }).DATABASE_URL).toBeUndefined();
  });

  it('lists every bad variable with a clear message', () => {
    let err: unknown;
    try {
      parseEnv({ DATABASE_URL: 'mysql://x', S3_ENDPOINT: 'http://minio:9000', OUTBOX_POLL_MS: 'fast', SMS_PROVIDER: 'aliyun' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EnvError);
    const text = (err as EnvError).message;
    expect(text).toContain('DATABASE_URL: must start with postgres://');
    expect(text).toContain('S3_ACCESS_KEY_ID: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are required when S3_ENDPOINT is set');
    expect(text).toContain('OUTBOX_POLL_MS');
    expect(text).toContain('ALIYUN_ACCESS_KEY_ID is required when SMS_PROVIDER=aliyun');
  });

  it('parses JSON template maps and refuses malformed ones', () => {
    const base = { SMS_PROVIDER: 'tencent', TENCENT_SECRET_ID: 'id', TENCENT_SECRET_KEY: 'k', TENCENT_SMS_SDK_APP_ID: '1400', TENCENT_SMS_SIGN_NAME: '平台' };
    expect(parseEnv({ ...base, TENCENT_SMS_TEMPLATES: '{"verification_code":"123:code"}' }).TENCENT_SMS_TEMPLATES).toEqual({ verification_code: '123:code' });
    expect(() => parseEnv({ ...base, TENCENT_SMS_TEMPLATES: 'nope' })).toThrow(/must be a JSON object/);
  });

  it('the mailbox is staff-only once a real transport is configured, unless forced open', () => {
    expect(mailboxIsOpen(parseEnv({ RESEND_API_KEY: 're_123' }))).toBe(false);
    expect(mailboxIsOpen(parseEnv({ SMTP_URL: 'smtp://mail:25' }))).toBe(false);
    expect(mailboxIsOpen(parseEnv({ SMTP_URL: 'smtp://mail:25', MAILBOX_OPEN: 'true' }))).toBe(true);
    expect(mailboxIsOpen(parseEnv({ MAILBOX_OPEN: 'false' }))).toBe(false);
  });

  it('a production build keeps the mailbox staff-only unless MAILBOX_OPEN=true enables it', () => {
    expect(mailboxIsOpen(parseEnv({ NODE_ENV: 'production' }))).toBe(false);
    expect(mailboxIsOpen(parseEnv({ NODE_ENV: 'test' }))).toBe(false);
    expect(mailboxIsOpen(parseEnv({ NODE_ENV: 'production', MAILBOX_OPEN: 'true' }))).toBe(true);
    expect(usesLocalMailbox(parseEnv({ NODE_ENV: 'production' }))).toBe(true);
    expect(usesLocalMailbox(parseEnv({ SMTP_URL: 'smtp://mail:25', SMS_PROVIDER: 'tencent', TENCENT_SECRET_ID: 'i', TENCENT_SECRET_KEY: 'k', TENCENT_SMS_SDK_APP_ID: '1', TENCENT_SMS_SIGN_NAME: 's', TENCENT_SMS_TEMPLATES: '{}' }))).toBe(false);
  });
});

describe('the process environment', () => {
  it('is parsed once; rereadEnv() makes the next env() read process.env again', () => {
    const before = process.env.OUTBOX_POLL_MS;
    try {
      process.env.OUTBOX_POLL_MS = '1234';
      rereadEnv();
      expect(env().OUTBOX_POLL_MS).toBe(1234);
      process.env.OUTBOX_POLL_MS = '4321';
      expect(env().OUTBOX_POLL_MS).toBe(1234);
      rereadEnv();
      expect(env().OUTBOX_POLL_MS).toBe(4321);
    } finally {
      if (before === undefined) delete process.env.OUTBOX_POLL_MS;
      else process.env.OUTBOX_POLL_MS = before;
      rereadEnv();
    }
  });
});

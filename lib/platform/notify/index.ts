import type { Db } from '@/db';
import type { Env } from '../env';
import { ResendEmailTransport, SmtpEmailTransport } from './transports/email';
import { LocalEmailTransport, LocalSmsTransport } from './transports/local';
import { AliyunSmsTransport, TencentSmsTransport } from './transports/sms';
import type { Transports } from './types';

export * from './types';
export { enqueue, enqueueEmail, enqueueSms } from './outbox';
export { runOnce, startWorker, claimBatch, releaseClaims, type OutboxWorker } from './worker';

/** Picks the transports from configuration: real providers when configured, else the local mailbox. */
export function createTransports(e: Env, db: Db): Transports {
  const email = e.RESEND_API_KEY
    ? new ResendEmailTransport(e.RESEND_API_KEY, e.EMAIL_FROM)
    : e.SMTP_URL
      ? new SmtpEmailTransport(e.SMTP_URL, e.EMAIL_FROM)
      : new LocalEmailTransport(db);

  const sms =
    e.SMS_PROVIDER === 'aliyun'
      ? new AliyunSmsTransport({
          accessKeyId: e.ALIYUN_ACCESS_KEY_ID!,
          accessKeySecret: e.ALIYUN_ACCESS_KEY_SECRET!,
          signName: e.ALIYUN_SMS_SIGN_NAME!,
          templates: e.ALIYUN_SMS_TEMPLATES!,
        })
      : e.SMS_PROVIDER === 'tencent'
        ? new TencentSmsTransport({
            secretId: e.TENCENT_SECRET_ID!,
            secretKey: e.TENCENT_SECRET_KEY!,
            sdkAppId: e.TENCENT_SMS_SDK_APP_ID!,
            signName: e.TENCENT_SMS_SIGN_NAME!,
            region: e.TENCENT_SMS_REGION,
            templates: e.TENCENT_SMS_TEMPLATES!,
          })
        : new LocalSmsTransport(db);

  return { email, sms };
}

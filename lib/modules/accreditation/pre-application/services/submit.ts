import type { Db, DbOrTx } from '@/db';
import type { Application } from '@/db/schema';
import { defineAction } from '@/lib/platform/auth/action-core';
import { verifyCaptcha } from '@/lib/platform/auth/captcha';
import { authSecret } from '@/lib/platform/auth/secret';
import { issueToken } from '@/lib/platform/auth/tokens';
import { env } from '@/lib/platform/env';
import { AppError } from '@/lib/platform/errors';
import { PreApplicationVerifyEmail, preApplicationVerifySubject, sendEmail } from '@/lib/platform/email';
import { hit } from '@/lib/platform/rate-limit';
import { getSetting } from '@/lib/platform/settings';
import { createApplication } from '@/lib/platform/workflow/engine';
import { PRE_APPLICATION } from '../kind';
import { submitPreApplicationSchema, type PreApplicationData } from '../schemas';
import { VERIFY_PURPOSE, VERIFY_TTL_SECONDS, VIEW_PURPOSE, VIEW_TTL_SECONDS } from './links';

export type BusinessField = { key: string; label: string };

export async function businessFields(db: DbOrTx): Promise<BusinessField[]> {
  return getSetting<BusinessField[]>(db, 'accreditation.businessFields');
}

/** Sends the verify + view links for an unverified pre-application (in the caller's transaction). */
export async function sendVerificationEmail(tx: DbOrTx, app: Application, data: { contactName: string; entityName: string; email: string }) {
  const verify = await issueToken(tx, { purpose: VERIFY_PURPOSE, subjectId: app.id, ttlSeconds: VERIFY_TTL_SECONDS });
  const view = await issueToken(tx, { purpose: VIEW_PURPOSE, subjectId: app.id, ttlSeconds: VIEW_TTL_SECONDS });
  const base = env().APP_URL;
  const props = {
    recipientName: data.contactName,
    entityName: data.entityName,
    number: app.number,
    verifyLink: `${base}/accreditation/pre-application/verify?token=${verify}`,
    viewLink: `${base}/accreditation/pre-application/view?token=${view}`,
  };
  await sendEmail(tx, { to: data.email, subject: preApplicationVerifySubject(props), template: PreApplicationVerifyEmail, props });
}

/**
 * A public pre-application (SPEC §2.2): validated with the shared schema, the
 * chosen business fields checked against the configured list, stored as
 * 'unverified', and the verify/view email queued in the same transaction.
 */
export async function submitPreApplication(db: Db, input: PreApplicationData, ip: string | null): Promise<Application> {
  const configured = await businessFields(db);
  const unknown = input.businessFields.filter((f) => !configured.some((c) => c.key === f.key));
  if (unknown.length) throw new AppError('BAD_INPUT', { fieldErrors: { businessFields: ['accreditation.errors.unknownField'] } });
  if (ip) {
    const limit = await hit(db, `preapp:${ip}`, 3600);
    if (limit.count > 20) throw new AppError('RATE_LIMITED', { params: { seconds: limit.retryAfterSec } });
  }
  const data = {
    ...input,
    businessFields: input.businessFields.map((f) => ({ ...f, label: configured.find((c) => c.key === f.key)!.label })),
  };
  return createApplication(db, { kind: 'anonymous' }, { kind: PRE_APPLICATION, data }, {
    onCreated: (tx, app) => sendVerificationEmail(tx, app, { contactName: input.contact.name, entityName: input.entity.name, email: input.contact.email }),
  });
}

export const submitPreApplicationDef = defineAction({
  access: { kind: 'public' },
  schema: submitPreApplicationSchema,
  handler: async ({ db, input, ip }) => {
    const { captcha, ...form } = input;
    if (!(await verifyCaptcha(db, await authSecret(db), captcha))) {
      throw new AppError('BAD_INPUT', { messageKey: 'captchaInvalid', fieldErrors: { captcha: ['captchaInvalid'] } });
    }
    const app = await submitPreApplication(db, form, ip);
    return { number: app.number, email: form.contact.email };
  },
});

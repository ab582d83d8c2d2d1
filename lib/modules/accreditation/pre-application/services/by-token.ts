import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db';
import { applications, type Application } from '@/db/schema';
import { defineAction } from '@/lib/platform/auth/action-core';
import { consumeToken, peekToken } from '@/lib/platform/auth/tokens';
import { AppError } from '@/lib/platform/errors';
import { hit } from '@/lib/platform/rate-limit';
import { SYSTEM, transition } from '@/lib/platform/workflow/engine';
import { PRE_APPLICATION } from '../kind';
import { tokenSchema, type StoredPreApplication } from '../schemas';
import { RESEND_PER_HOUR, VERIFY_PURPOSE, VIEW_PURPOSE } from './links';
import { sendVerificationEmail } from './submit';

/** The pre-application a view link opens (the link is the credential; it is not used up by viewing). */
export async function preApplicationByViewToken(db: DbOrTx, token: string): Promise<Application & { data: StoredPreApplication }> {
  const row = await peekToken(db, VIEW_PURPOSE, token);
  if (!row) throw new AppError('NOT_FOUND', { messageKey: 'linkInvalid' });
  const [app] = await db.select().from(applications).where(eq(applications.id, row.subjectId));
  if (!app || app.kind !== PRE_APPLICATION) throw new AppError('NOT_FOUND', { messageKey: 'linkInvalid' });
  return app as Application & { data: StoredPreApplication };
}

/** Verifies by the emailed link: uses the token once and moves the application to the staff list, atomically. */
export async function verifyPreApplication(db: Db, token: string): Promise<Application> {
  return db.transaction(async (tx) => {
    const row = await consumeToken(tx, VERIFY_PURPOSE, token);
    return transition(tx, SYSTEM, { applicationId: row.subjectId, event: 'verify' });
  });
}

export const verifyPreApplicationDef = defineAction({
  access: { kind: 'public' },
  schema: tokenSchema,
  handler: async ({ db, input }) => {
    const app = await verifyPreApplication(db, input.token);
    return { number: app.number };
  },
});

/** From the view page: a fresh verification email while the application is still unverified (rate-limited). */
export const resendVerificationDef = defineAction({
  access: { kind: 'public' },
  schema: tokenSchema,
  handler: async ({ db, input }) => {
    const app = await preApplicationByViewToken(db, input.token);
    if (app.status !== 'unverified') throw new AppError('INVALID_STATE', { messageKey: 'accreditation.errors.alreadyVerified' });
    const limit = await hit(db, `preapp-resend:${app.id}`, 3600);
    if (limit.count > RESEND_PER_HOUR) throw new AppError('RATE_LIMITED', { params: { seconds: limit.retryAfterSec } });
    await db.transaction((tx) => sendVerificationEmail(tx, app, { contactName: app.data.contact.name, entityName: app.data.entity.name, email: app.data.contact.email }));
    return { email: app.data.contact.email };
  },
});

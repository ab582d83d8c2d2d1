import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { actionTokens, outbox } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual } from '@/db/seed/factories';
import { randomMobile } from '@/db/seed/identity-data';
import { invokeAction } from '@/lib/platform/auth/action-core';
import { loadActor } from '@/lib/platform/auth/actor';
import { authenticateWithPassword } from '@/lib/platform/auth/authenticate';
import { createChallenge, encodeSolution, solveChallenge } from '@/lib/platform/auth/captcha';
import { requestResetCodeDef, requestResetEmailDef, resetByLinkDef, resetBySmsDef } from '@/lib/modules/account/services/recover-password';
import { createTestDb } from '../helpers/db';

const SECRET = 'test-secret-0123456789-0123456789-abcdef';
process.env.AUTH_SECRET = SECRET;
process.env.APP_URL = 'http://portal.test';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

const captcha = () => encodeSolution(solveChallenge(createChallenge(SECRET, 300))!);
const call = (def: Parameters<typeof invokeAction>[0], input: unknown) =>
  invokeAction(def, { db: h.db, actor: async () => ({ kind: 'anonymous' }), ip: '10.2.0.1', locale: 'zh-CN' }, input);
const signIn = (identifier: string, password: string) =>
  authenticateWithPassword(h.db, { identifier, password, captcha: captcha(), audience: 'applicant' }, { ip: null, secret: SECRET });

async function lastPayload(channel: 'sms' | 'email', to: string) {
  const [row] = await h.db.select().from(outbox).where(and(eq(outbox.channel, channel), sql`${outbox.payload}->>'to' = ${to}`)).orderBy(sql`${outbox.id} desc`).limit(1);
  return row.payload as { text: string; params?: { code: string } };
}

describe('forgotten password by SMS code', () => {
  it('resets the password with a code sent to the account’s own mobile and ends every session', async () => {
    const u = await createIndividual(h.db, { password: 'Old12345' });
    const s = await signIn(u.mobile!, 'Old12345');
    expect(await call(requestResetCodeDef, { identifier: u.idNumber, mobile: u.mobile, captcha: captcha() })).toMatchObject({ ok: true });
    const code = (await lastPayload('sms', u.mobile!)).params!.code;
    const r = await call(resetBySmsDef, { identifier: u.idNumber, mobile: u.mobile, smsCode: code, password: 'New12345', confirmPassword: 'New12345' });
    expect(r).toEqual({ ok: true, data: { done: true } });
    expect((await loadActor(h.db, u.id, s.sessionId)).kind).toBe('anonymous');
    await expect(signIn(u.mobile!, 'Old12345')).rejects.toMatchObject({ messageKey: 'badCredentials' });
    await signIn(u.mobile!, 'New12345');
    // The code is spent.
    expect(await call(resetBySmsDef, { identifier: u.idNumber, mobile: u.mobile, smsCode: code, password: 'Again123', confirmPassword: 'Again123' })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
  });

  it('a mobile that is not the account’s gets the answer the account’s own gets (issue #15.7), and nothing is sent', async () => {
    const u = await createIndividual(h.db);
    const other = randomMobile();
    const own = await call(requestResetCodeDef, { identifier: u.idNumber, mobile: u.mobile, captcha: captcha() });
    expect(own).toMatchObject({ ok: true });
    expect(await call(requestResetCodeDef, { identifier: u.idNumber, mobile: other, captcha: captcha() })).toEqual(own);
    const sent = await h.db.select().from(outbox).where(sql`${outbox.payload}->>'to' = ${other}`);
    expect(sent).toHaveLength(0);
  });
});

describe('forgotten password by email link', () => {
  it('emails a single-use link; it works once and fails the second time', async () => {
    const u = await createIndividual(h.db, { password: 'Old12345', email: 'reset-me@example.com' });
    const r = await call(requestResetEmailDef, { identifier: u.username, captcha: captcha() });
    // The same answer as for an unknown account (issue #15.7): the address is not shown.
    expect(r).toEqual({ ok: true, data: { sent: true } });
    const mail = await lastPayload('email', 'reset-me@example.com');
    const token = /\/recover\/reset\?token=([\w-]+)/.exec(mail.text)![1];
    expect(mail.text).toContain('http://portal.test/recover/reset?token=');
    // Only a hash is stored.
    const stored = await h.db.select().from(actionTokens).where(eq(actionTokens.subjectId, u.id));
    expect(stored[0].tokenHash).not.toContain(token);

    expect(await call(resetByLinkDef, { token, password: 'New12345', confirmPassword: 'New12345' })).toEqual({ ok: true, data: { done: true } });
    await signIn(u.username!, 'New12345');
    expect(await call(resetByLinkDef, { token, password: 'Other123', confirmPassword: 'Other123' })).toMatchObject({ ok: false, message: '链接无效、已使用或已过期，请重新申请' });
    await signIn(u.username!, 'New12345');
  });

  it('refuses an expired link and changes nothing', async () => {
    const u = await createIndividual(h.db, { password: 'Old12345', email: 'late@example.com' });
    await call(requestResetEmailDef, { identifier: u.username, captcha: captcha() });
    const token = /token=([\w-]+)/.exec((await lastPayload('email', 'late@example.com')).text)![1];
    await h.db.update(actionTokens).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(actionTokens.subjectId, u.id));
    expect(await call(resetByLinkDef, { token, password: 'New12345', confirmPassword: 'New12345' })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    await signIn(u.username!, 'Old12345');
  });

  it('an account without email gets the answer any other gets, and no email; a weak new password is refused', async () => {
    const u = await createIndividual(h.db, { email: null });
    const before = await h.db.select().from(outbox).where(eq(outbox.channel, 'email'));
    expect(await call(requestResetEmailDef, { identifier: u.username, captcha: captcha() })).toEqual({ ok: true, data: { sent: true } });
    expect(await h.db.select().from(outbox).where(eq(outbox.channel, 'email'))).toHaveLength(before.length);
    expect(await call(resetByLinkDef, { token: 'x'.repeat(43), password: 'weakpass', confirmPassword: 'weakpass' })).toMatchObject({ ok: false, fieldErrors: { password: ['密码须同时包含字母和数字'] } });
  });

});

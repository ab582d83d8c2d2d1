import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, outbox } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createStaff } from '@/db/seed/factories';
import { randomMobile } from '@/db/seed/identity-data';
import { invokeAction } from '@/lib/platform/auth/action-core';
import { createChallenge, encodeSolution, solveChallenge } from '@/lib/platform/auth/captcha';
import { findAccountDef, requestFindAccountCodeDef } from '@/lib/modules/account/services/recover-account';
import { createTestDb } from '../helpers/db';

const SECRET = 'test-secret-find-account-0123456789-abcdef';
process.env.AUTH_SECRET = SECRET;

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

const captcha = () => encodeSolution(solveChallenge(createChallenge(SECRET, 300))!);
const call = (def: Parameters<typeof invokeAction>[0], input: unknown) =>
  invokeAction(def, { db: h.db, actor: async () => ({ kind: 'anonymous' }), ip: '10.3.0.1', locale: 'zh-CN' }, input);
const codeSentTo = async (mobile: string) => {
  const [row] = await h.db.select().from(outbox).where(and(eq(outbox.channel, 'sms'), sql`${outbox.payload}->>'to' = ${mobile}`)).orderBy(sql`${outbox.id} desc`).limit(1);
  return (row?.payload as { params: { code: string } } | undefined)?.params.code;
};

/**
 * 找回账户 (seed 003 §2 “找回密码/账户”, issue #18 §12): a candidate who no
 * longer knows which account they have proves their mobile with an SMS code
 * and is shown the account's login names.
 */
describe('find my account by the bound mobile', () => {
  it('a code to the mobile, then the account’s login names (the ID number masked); the code works once', async () => {
    const u = await createIndividual(h.db, { name: '找账户' });
    expect(await call(requestFindAccountCodeDef, { mobile: u.mobile, captcha: captcha() })).toMatchObject({ ok: true });
    const code = (await codeSentTo(u.mobile!))!;
    expect(code).toMatch(/^\d{6}$/);
    const r = await call(findAccountDef, { mobile: u.mobile, smsCode: code });
    expect(r).toEqual({
      ok: true,
      data: { username: u.username, idNumberMasked: `${u.idNumber!.slice(0, 3)}${'*'.repeat(11)}${u.idNumber!.slice(-4)}`, mobile: u.mobile, name: '找*户' },
    });
    const [logged] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'account.found'), eq(auditLog.targetId, u.id)));
    expect(logged).toBeDefined();
    expect(await call(findAccountDef, { mobile: u.mobile, smsCode: code })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
  });

  it('refuses without the human check, for a mobile of no applicant account, for a staff account, and with a wrong code; nothing is sent', async () => {
    const u = await createIndividual(h.db);
    expect(await call(requestFindAccountCodeDef, { mobile: u.mobile, captcha: 'forged' })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    const nobody = randomMobile();
    expect(await call(requestFindAccountCodeDef, { mobile: nobody, captcha: captcha() })).toMatchObject({ ok: false, code: 'NOT_FOUND', fieldErrors: { mobile: [expect.any(String)] } });
    expect(await codeSentTo(nobody)).toBeUndefined();
    const staffMobile = randomMobile();
    await createStaff(h.db, [{ role: 'finance' }], { mobile: staffMobile });
    expect(await call(requestFindAccountCodeDef, { mobile: staffMobile, captcha: captcha() })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await codeSentTo(staffMobile)).toBeUndefined();
    expect(await call(findAccountDef, { mobile: u.mobile, smsCode: '000000' })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await call(findAccountDef, { mobile: '123', smsCode: '12' })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
  });
});

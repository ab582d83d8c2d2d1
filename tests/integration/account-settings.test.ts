import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, organizations, outbox, sessions, users } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount } from '@/db/seed/factories';
import { randomMobile } from '@/db/seed/identity-data';
import { invokeAction } from '@/lib/platform/auth/action-core';
import { loadActor, type Actor } from '@/lib/platform/auth/actor';
import { createChallenge, encodeSolution, solveChallenge } from '@/lib/platform/auth/captcha';
import { changeMobileDef, confirmEmailChangeDef, requestEmailChangeDef, requestMobileCodeDef, updateProfileDef } from '@/lib/modules/account/services/account-settings';
import { createTestDb } from '../helpers/db';

const SECRET = 'test-secret-0123456789-0123456789-abcdef';
process.env.AUTH_SECRET = SECRET;

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

const captcha = () => encodeSolution(solveChallenge(createChallenge(SECRET, 300))!);
async function actorOf(userId: string): Promise<Actor> {
  const [s] = await h.db.insert(sessions).values({ userId, method: 'password' }).returning();
  return loadActor(h.db, userId, s.id);
}
const call = (def: Parameters<typeof invokeAction>[0], actor: Actor, input: unknown) =>
  invokeAction(def, { db: h.db, actor: async () => actor, ip: '10.3.0.1', locale: 'zh-CN' }, input);
async function lastPayload(to: string) {
  const [row] = await h.db.select().from(outbox).where(sql`${outbox.payload}->>'to' = ${to}`).orderBy(sql`${outbox.id} desc`).limit(1);
  return row.payload as { text: string; params?: { code: string } };
}

describe('profile', () => {
  it('an individual changes the name but never the ID number, birth date or a derived gender', async () => {
    const u = await createIndividual(h.db, { name: '旧名' });
    const r = await call(updateProfileDef, await actorOf(u.id), { name: '新名', gender: u.gender === 'male' ? 'female' : 'male', idNumber: '110105194912310021', birthDate: '2000-01-01' });
    expect(r).toMatchObject({ ok: true });
    const [after] = await h.db.select().from(users).where(eq(users.id, u.id));
    expect(after).toMatchObject({ name: '新名', gender: u.gender, idNumber: u.idNumber, birthDate: u.birthDate });
  });

  it('an organization main account updates its organization; a sub-account cannot', async () => {
    const { org, user } = await createOrgAccount(h.db);
    expect(await call(updateProfileDef, await actorOf(user.id), { name: user.name, contactName: '赵六', landline: '0571-88880000', regionCode: '330106', address: '文三路1号' })).toMatchObject({ ok: true });
    const [o] = await h.db.select().from(organizations).where(eq(organizations.id, org.id));
    expect(o).toMatchObject({ contactName: '赵六', landline: '0571-88880000', regionCode: '330106', address: '文三路1号' });
    const sub = await createIndividual(h.db, { kind: 'organization', orgId: org.id, isOrgMain: false, idNumber: null, idType: null });
    await call(updateProfileDef, await actorOf(sub.id), { name: '子账户', contactName: '篡改', landline: '010-12345678' });
    const [o2] = await h.db.select().from(organizations).where(eq(organizations.id, org.id));
    expect(o2.contactName).toBe('赵六');
  });

  it('refuses a bad landline or region with field errors', async () => {
    const { user } = await createOrgAccount(h.db);
    expect(await call(updateProfileDef, await actorOf(user.id), { name: 'x', landline: '12345' })).toMatchObject({ ok: false, fieldErrors: { landline: [expect.stringContaining('固定电话')] } });
    expect(await call(updateProfileDef, await actorOf(user.id), { name: 'x', regionCode: '330000' })).toMatchObject({ ok: false, fieldErrors: { regionCode: ['请选择到市或区县'] } });
  });
});

describe('change mobile', () => {
  it('needs a code sent to the new number; the new number becomes the login', async () => {
    const u = await createIndividual(h.db);
    const actor = await actorOf(u.id);
    const newMobile = randomMobile();
    expect(await call(requestMobileCodeDef, actor, { newMobile, captcha: captcha() })).toMatchObject({ ok: true });
    const code = (await lastPayload(newMobile)).params!.code;
    expect(await call(changeMobileDef, actor, { newMobile, smsCode: code === '000000' ? '111111' : '000000' })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await call(changeMobileDef, actor, { newMobile, smsCode: code })).toEqual({ ok: true, data: { mobile: newMobile } });
    const [after] = await h.db.select().from(users).where(eq(users.id, u.id));
    expect(after.mobile).toBe(newMobile);
    const logged = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'account.mobile_changed'), eq(auditLog.actorId, u.id)));
    expect(logged).toHaveLength(1);
  });

  it('refuses a number another account uses once the code sent to it is verified (issue #15.7: not before), changing nothing', async () => {
    const a = await createIndividual(h.db);
    const b = await createIndividual(h.db);
    const actor = await actorOf(a.id);
    expect(await call(requestMobileCodeDef, actor, { newMobile: b.mobile, captcha: captcha() })).toMatchObject({ ok: true });
    const code = (await lastPayload(b.mobile!)).params!.code;
    expect(await call(changeMobileDef, actor, { newMobile: b.mobile, smsCode: code })).toMatchObject({ ok: false, code: 'CONFLICT', fieldErrors: { newMobile: ['该手机号已注册，一个手机号只能注册一个账户'] } });
    const [after] = await h.db.select().from(users).where(eq(users.id, a.id));
    expect(after.mobile).toBe(a.mobile);
    // Its own number is still refused at once.
    expect(await call(requestMobileCodeDef, actor, { newMobile: a.mobile, captcha: captcha() })).toMatchObject({ ok: false, code: 'CONFLICT' });
  });
});

describe('change email', () => {
  it('sends a link to the new address; the change happens only when the link is used, once', async () => {
    const u = await createIndividual(h.db, { email: 'old@example.com' });
    const actor = await actorOf(u.id);
    expect(await call(requestEmailChangeDef, actor, { newEmail: 'new@example.com' })).toMatchObject({ ok: true });
    const [mid] = await h.db.select().from(users).where(eq(users.id, u.id));
    expect(mid.email).toBe('old@example.com');
    const token = /token=([\w-]+)/.exec((await lastPayload('new@example.com')).text)![1];
    const anonymous: Actor = { kind: 'anonymous' };
    expect(await call(confirmEmailChangeDef, anonymous, { token })).toEqual({ ok: true, data: { email: 'new@example.com' } });
    expect(await call(confirmEmailChangeDef, anonymous, { token })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    const [after] = await h.db.select().from(users).where(eq(users.id, u.id));
    expect(after.email).toBe('new@example.com');
  });
});

describe('unauthorized access to account settings', () => {
  it('anonymous callers are refused every signed-in action and nothing changes', async () => {
    const anonymous: Actor = { kind: 'anonymous' };
    const before = await h.db.select().from(users);
    for (const [def, input] of [
      [updateProfileDef, { name: 'x' }],
      [requestMobileCodeDef, { newMobile: randomMobile(), captcha: captcha() }],
      [changeMobileDef, { newMobile: randomMobile(), smsCode: '123456' }],
      [requestEmailChangeDef, { newEmail: 'a@b.cn' }],
    ] as const) {
      expect(await call(def, anonymous, input)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    }
    expect(await h.db.select().from(users)).toEqual(before);
  });

  it('a code sent to one account’s new number cannot be used by another account', async () => {
    const a = await createIndividual(h.db);
    const b = await createIndividual(h.db);
    const newMobile = randomMobile();
    await call(requestMobileCodeDef, await actorOf(a.id), { newMobile, captcha: captcha() });
    const code = (await lastPayload(newMobile)).params!.code;
    // Even knowing the number and the code, b cannot take it: the code is bound to a.
    expect(await call(changeMobileDef, await actorOf(b.id), { newMobile, smsCode: code })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect((await h.db.select().from(users).where(eq(users.id, b.id)))[0].mobile).toBe(b.mobile);
    expect(await call(changeMobileDef, await actorOf(a.id), { newMobile, smsCode: code })).toMatchObject({ ok: true });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { auditLog, sessions, users } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount, createStaff } from '@/db/seed/factories';
import { loadActor, type Actor } from '@/lib/platform/auth/actor';
import { invokeAction } from '@/lib/platform/auth/action-core';
import { createSubAccountDef, deleteSubAccountDef, listSubAccounts, setSubAccountModulesDef, setSubAccountStatusDef } from '@/lib/modules/account/services/sub-accounts';
import { can } from '@/lib/platform/auth/permissions';
import { createTestDb } from '../helpers/db';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

/** An actor with a real session row, as the session layer would resolve it. */
async function actorOf(userId: string): Promise<Actor> {
  const [s] = await h.db.insert(sessions).values({ userId, method: 'password' }).returning();
  return loadActor(h.db, userId, s.id);
}
const call = <T,>(def: Parameters<typeof invokeAction>[0], actor: Actor, input: T) =>
  invokeAction(def, { db: h.db, actor: async () => actor, ip: '127.0.0.1', locale: 'zh-CN' }, input);
let n = 0;
const newSub = (modules: string[] = ['review']) => ({ name: '子账户', username: `sub_${Date.now().toString(36)}${n++}`, password: 'Init1234', modules });

describe('sub-accounts', () => {
  it('the main account creates a sub-account limited to the modules it grants, who must change the initial password', async () => {
    const { user } = await createOrgAccount(h.db);
    const main = await actorOf(user.id);
    const r = await call(createSubAccountDef, main, newSub(['review']));
    expect(r.ok).toBe(true);
    const id = (r as { data: { id: string } }).data.id;
    const sub = await actorOf(id);
    expect(sub).toMatchObject({ kind: 'organization', isMain: false, modules: ['review'], mustChangePassword: true });
    expect(can(sub, { action: 'module.use', module: 'review' })).toBe(true);
    expect(can(sub, { action: 'module.use', module: 'membership' })).toBe(false);
    expect(can(sub, { action: 'module.use', module: 'accreditation' })).toBe(false);

    expect(await call(setSubAccountModulesDef, main, { id, modules: ['review', 'membership'] })).toMatchObject({ ok: true });
    expect(can(await actorOf(id), { action: 'module.use', module: 'membership' })).toBe(true);
    const logged = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'permission.changed'), eq(auditLog.targetId, id)));
    expect(logged[0].detail).toEqual({ from: ['review'], to: ['review', 'membership'] });
  });

  it('disabling signs the sub-account out at once; deleting removes it', async () => {
    const { user } = await createOrgAccount(h.db);
    const main = await actorOf(user.id);
    const { data } = (await call(createSubAccountDef, main, newSub())) as { data: { id: string } };
    const [s] = await h.db.insert(sessions).values({ userId: data.id, method: 'password' }).returning();
    expect((await loadActor(h.db, data.id, s.id)).kind).toBe('organization');
    expect(await call(setSubAccountStatusDef, main, { id: data.id, status: 'disabled' })).toMatchObject({ ok: true });
    expect((await loadActor(h.db, data.id, s.id)).kind).toBe('anonymous');
    expect(await call(deleteSubAccountDef, main, { id: data.id })).toMatchObject({ ok: true });
    expect(await listSubAccounts(h.db, main as Extract<Actor, { kind: 'organization' }>)).toHaveLength(0);
  });

  it('refuses a taken username and an unknown module with field errors', async () => {
    const { user } = await createOrgAccount(h.db);
    const main = await actorOf(user.id);
    const first = newSub();
    await call(createSubAccountDef, main, first);
    expect(await call(createSubAccountDef, main, { ...first })).toMatchObject({ ok: false, code: 'CONFLICT', fieldErrors: { username: ['该登录名已被使用'] } });
    expect(await call(createSubAccountDef, main, { ...newSub(), modules: ['exam'] })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await call(createSubAccountDef, main, { ...newSub(), username: '1abc' })).toMatchObject({ ok: false, fieldErrors: { username: [expect.stringContaining('字母开头')] } });
  });
});

describe('unauthorized access to sub-account actions', () => {
  it('anonymous, an individual, a staff member, a sub-account and another organization are refused; nothing changes', async () => {
    const { user: mainUser } = await createOrgAccount(h.db);
    const main = await actorOf(mainUser.id);
    const { data } = (await call(createSubAccountDef, main, newSub(['review']))) as { data: { id: string } };
    const target = data.id;
    const { user: otherMainUser } = await createOrgAccount(h.db);
    const others: Array<[string, Actor, string]> = [
      ['anonymous', { kind: 'anonymous' }, 'UNAUTHENTICATED'],
      ['individual', await actorOf((await createIndividual(h.db)).id), 'FORBIDDEN'],
      ['staff admin', await actorOf((await createStaff(h.db, [{ role: 'admin' }])).id), 'FORBIDDEN'],
      ['the sub-account itself', await actorOf(target), 'FORBIDDEN'],
      // Another organization's main account passes the role check but its queries are scoped to its own org.
      ['another organization', await actorOf(otherMainUser.id), 'NOT_FOUND'],
    ];
    const before = await h.db.select().from(users).where(eq(users.id, target));
    for (const [who, actor, code] of others) {
      expect(await call(setSubAccountModulesDef, actor, { id: target, modules: ['review', 'membership', 'accreditation'] }), who).toMatchObject({ ok: false, code });
      expect(await call(setSubAccountStatusDef, actor, { id: target, status: 'disabled' }), who).toMatchObject({ ok: false, code });
      expect(await call(deleteSubAccountDef, actor, { id: target }), who).toMatchObject({ ok: false, code });
      if (code !== 'NOT_FOUND') expect(await call(createSubAccountDef, actor, newSub()), who).toMatchObject({ ok: false, code });
    }
    const after = await h.db.select().from(users).where(eq(users.id, target));
    expect(after).toEqual(before);
    // The other organization's create lands in its own organization, never in ours.
    const ours = await h.db.select({ n: count() }).from(users).where(and(eq(users.orgId, mainUser.orgId!), eq(users.isOrgMain, false)));
    expect(Number(ours[0].n)).toBe(1);
  });
});

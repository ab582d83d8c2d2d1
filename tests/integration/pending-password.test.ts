import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createOrgAccount, createStaff } from '@/db/seed/factories';
import { changePasswordDef } from '@/lib/modules/account/services/change-password';
import { createSubAccountDef } from '@/lib/modules/account/services/sub-accounts';
import { createStaffDef } from '@/lib/modules/staff-admin/services/staff-users';
import { actorOf as actorOfDb, callAs } from '../helpers/actors';
import { createTestDb } from '../helpers/db';

/** Generated credentials allow one thing: changing the password. The action gate enforces it, not only the pages. */
let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

const actorOf = (userId: string) => actorOfDb(h.db, userId);
const call: ReturnType<typeof callAs> = (def, actor, input) => callAs(h.db)(def, actor, input);

describe('accounts that must change their password', () => {
  it('an admin on a generated password cannot create staff until the password is changed', async () => {
    const admin = await createStaff(h.db, [{ role: 'admin' }], { password: 'Init1234', mustChangePassword: true });
    const actor = await actorOf(admin.id);
    const [{ n: before }] = await h.db.select({ n: count() }).from(users);
    const r = await call(createStaffDef, actor, { name: '新同事', username: `pending_${Date.now()}`, roles: [{ role: 'admin', module: '*' }] });
    expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '请先修改初始密码后再进行其他操作' });
    const [{ n: after }] = await h.db.select({ n: count() }).from(users);
    expect(after).toBe(before);

    expect(await call(changePasswordDef, actor, { oldPassword: 'Init1234', newPassword: 'Mine5678x', confirmPassword: 'Mine5678x' })).toMatchObject({ ok: true });
    const [row] = await h.db.select().from(users).where(eq(users.id, admin.id));
    expect(row.mustChangePassword).toBe(false);
    const fresh = await actorOf(admin.id);
    expect(await call(createStaffDef, fresh, { name: '新同事', username: `pending_${Date.now()}`, roles: [{ role: 'finance', module: '*' }] })).toMatchObject({ ok: true });
  });

  it('an organization main account on a generated password cannot create sub-accounts', async () => {
    const { user } = await createOrgAccount(h.db, { password: 'Init1234', mustChangePassword: true });
    const r = await call(createSubAccountDef, await actorOf(user.id), { name: '子账户', username: `sub_${Date.now()}`, password: 'Init1234', modules: ['review'] });
    expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

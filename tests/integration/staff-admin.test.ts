import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { auditLog, sessions, staffRoles, users } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount, createStaff, randomMobile } from '@/db/seed/factories';
import { loadActor, type Actor } from '@/lib/platform/auth/actor';
import { invokeAction } from '@/lib/platform/auth/action-core';
import { verifyPassword } from '@/lib/platform/auth/password';
import { can } from '@/lib/platform/auth/permissions';
import { AppError } from '@/lib/platform/errors';
import { auditFilterSchema } from '@/lib/modules/staff-admin/schemas';
import { createStaffDef, listStaff, resetStaffPasswordDef, setStaffRolesDef, setStaffStatusDef } from '@/lib/modules/staff-admin/services/staff-users';
import { auditQueryOf, exportAudit, searchAudit } from '@/lib/modules/staff-admin/services/audit-search';
import { attachmentDisposition, auditExportFilename, auditWorkbook } from '@/lib/modules/staff-admin/services/audit-export';
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
const ok = <D,>(r: unknown) => {
  expect(r).toMatchObject({ ok: true });
  return (r as { data: D }).data;
};

let n = 0;
const uname = (p = 'staff') => `${p}_${Date.now().toString(36)}${n++}`;
const newStaff = (over: Record<string, unknown> = {}) => ({ name: '新同事', username: uname(), roles: [{ role: 'finance', module: '*' }], ...over });
type Created = { id: string; username: string; password: string };

type StaffActor = Extract<Actor, { kind: 'staff' }>;
async function adminActor(): Promise<StaffActor> {
  const a = await actorOf((await createStaff(h.db, [{ role: 'admin' }], { name: '管理员' })).id);
  expect(a.kind).toBe('staff');
  return a as StaffActor;
}
const auditRows = (targetId: string, action?: string) =>
  h.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetId, targetId), action ? eq(auditLog.action, action) : undefined))
    .orderBy(asc(auditLog.id));
const rolesOf = (userId: string) =>
  h.db.select({ role: staffRoles.role, module: staffRoles.module }).from(staffRoles).where(eq(staffRoles.userId, userId)).orderBy(asc(staffRoles.role), asc(staffRoles.module));

describe('staff users', () => {
  it('creates a staff member with a generated password returned once, stored only as a hash, to be changed at first sign-in', async () => {
    const admin = await adminActor();
    const mobile = randomMobile();
    const input = newStaff({ name: '王财务', mobile, email: 'wang@example.com', roles: [{ role: 'reviewer', module: 'exam' }, { role: 'finance', module: '*' }, { role: 'finance', module: '*' }] });
    const d = ok<Created>(await call(createStaffDef, admin, input));
    expect(d.password).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(d.password).toMatch(/[a-z]/);
    expect(d.password).toMatch(/[A-Z]/);
    expect(d.password).toMatch(/\d/);

    const [u] = await h.db.select().from(users).where(eq(users.id, d.id));
    expect(u).toMatchObject({ kind: 'staff', status: 'active', name: '王财务', username: input.username, mobile, email: 'wang@example.com', mustChangePassword: true });
    expect(u.passwordHash).not.toContain(d.password);
    expect(await verifyPassword(u.passwordHash, d.password)).toBe(true);
    // Case-sensitive.
    expect(await verifyPassword(u.passwordHash, d.password.toLowerCase())).toBe(false);
    expect(await rolesOf(d.id)).toEqual([
      { role: 'finance', module: '*' },
      { role: 'reviewer', module: 'exam' },
    ]);

    const member = await actorOf(d.id);
    expect(member).toMatchObject({ kind: 'staff', mustChangePassword: true });
    expect(can(member, { action: 'staff.role', role: 'finance' })).toBe(true);
    expect(can(member, { action: 'staff.role', role: 'reviewer', module: 'exam' })).toBe(true);
    expect(can(member, { action: 'staff.role', role: 'reviewer', module: 'review' })).toBe(false);
    expect(can(member, { action: 'staff.role', role: 'admin' })).toBe(false);

    const logged = await auditRows(d.id);
    expect(logged.map((r) => r.action)).toEqual(['staff.created', 'permission.changed']);
    expect(logged[0]).toMatchObject({ actorId: admin.id, success: true, ip: '127.0.0.1' });
    expect(logged[1].detail).toMatchObject({ from: [], to: [{ role: 'reviewer', module: 'exam' }, { role: 'finance', module: '*' }] });
    // The password is never written anywhere but the hash.
    expect(JSON.stringify(logged)).not.toContain(d.password);

    // Two members never get the same password.
    const other = ok<Created>(await call(createStaffDef, admin, newStaff()));
    expect(other.password).not.toBe(d.password);
  });

  it('lists staff only, searchable by name or username', async () => {
    const admin = await adminActor();
    const d = ok<Created>(await call(createStaffDef, admin, newStaff({ name: '赵列表测试', username: uname('listme') })));
    await createIndividual(h.db, { name: '赵列表测试' });
    const byName = await listStaff(h.db, { q: '列表测试' });
    expect(byName.map((r) => r.id)).toEqual([d.id]);
    expect(byName[0]).toMatchObject({ roles: [{ role: 'finance', module: '*' }], status: 'active', mustChangePassword: true });
    expect((await listStaff(h.db, { q: d.username.toUpperCase() })).map((r) => r.id)).toEqual([d.id]);
    // LIKE wildcards are taken literally.
    expect(await listStaff(h.db, { q: '%' })).toEqual([]);
    const all = await listStaff(h.db);
    expect(all.length).toBeGreaterThan(1);
    const kinds = await h.db.select({ kind: users.kind }).from(users).where(inArray(users.id, all.map((r) => r.id)));
    expect(new Set(kinds.map((k) => k.kind))).toEqual(new Set(['staff']));
  });

  it('replaces the roles in one step and logs from/to; an unchanged set logs nothing', async () => {
    const admin = await adminActor();
    const d = ok<Created>(await call(createStaffDef, admin, newStaff()));
    const to = [
      { role: 'reviewer', module: 'review' },
      { role: 'reviewer', module: 'accreditation' },
      { role: 'exam_admin', module: '*' },
    ];
    const r = ok<{ changed: boolean }>(await call(setStaffRolesDef, admin, { id: d.id, roles: to }));
    expect(r.changed).toBe(true);
    expect(await rolesOf(d.id)).toEqual([
      { role: 'exam_admin', module: '*' },
      { role: 'reviewer', module: 'accreditation' },
      { role: 'reviewer', module: 'review' },
    ]);
    const member = await actorOf(d.id);
    expect(can(member, { action: 'staff.role', role: 'finance' })).toBe(false);
    expect(can(member, { action: 'staff.role', role: 'reviewer', module: 'review' })).toBe(true);
    expect(can(member, { action: 'staff.role', role: 'reviewer', module: 'membership' })).toBe(false);

    const changes = await auditRows(d.id, 'permission.changed');
    expect(changes).toHaveLength(2);
    expect(changes[1].detail).toEqual({
      username: d.username,
      from: [{ role: 'finance', module: '*' }],
      // Canonical order: roles as listed in STAFF_ROLES, modules as in MODULES.
      to: [
        { role: 'reviewer', module: 'accreditation' },
        { role: 'reviewer', module: 'review' },
        { role: 'exam_admin', module: '*' },
      ],
    });

    expect(await call(setStaffRolesDef, admin, { id: d.id, roles: [...to].reverse() })).toMatchObject({ ok: true, data: { changed: false } });
    expect(await auditRows(d.id, 'permission.changed')).toHaveLength(2);

    // Every role can be withdrawn.
    expect(await call(setStaffRolesDef, admin, { id: d.id, roles: [] })).toMatchObject({ ok: true, data: { changed: true } });
    expect(await rolesOf(d.id)).toEqual([]);
  });

  it('disabling signs the member out at once and refuses nothing else; enabling lets them sign in again', async () => {
    const admin = await adminActor();
    const d = ok<Created>(await call(createStaffDef, admin, newStaff()));
    const [s1] = await h.db.insert(sessions).values({ userId: d.id, method: 'password' }).returning();
    const [s2] = await h.db.insert(sessions).values({ userId: d.id, method: 'sms' }).returning();
    expect((await loadActor(h.db, d.id, s1.id)).kind).toBe('staff');

    expect(await call(setStaffStatusDef, admin, { id: d.id, status: 'disabled' })).toMatchObject({ ok: true, data: { status: 'disabled' } });
    expect((await loadActor(h.db, d.id, s1.id)).kind).toBe('anonymous');
    expect((await loadActor(h.db, d.id, s2.id)).kind).toBe('anonymous');
    const revoked = await h.db.select({ revokedAt: sessions.revokedAt }).from(sessions).where(eq(sessions.userId, d.id));
    expect(revoked.every((r) => r.revokedAt !== null)).toBe(true);
    expect((await auditRows(d.id, 'staff.disabled'))[0].detail).toMatchObject({ from: 'active', to: 'disabled', endedSessions: 2 });

    expect(await call(setStaffStatusDef, admin, { id: d.id, status: 'active' })).toMatchObject({ ok: true });
    expect(await auditRows(d.id, 'staff.enabled')).toHaveLength(1);
    // Old sessions stay ended; a new sign-in works.
    expect((await loadActor(h.db, d.id, s1.id)).kind).toBe('anonymous');
    expect((await actorOf(d.id)).kind).toBe('staff');
  });

  it('resetting a password generates a new one, ends the sessions and requires a change', async () => {
    const admin = await adminActor();
    const d = ok<Created>(await call(createStaffDef, admin, newStaff()));
    await h.db.update(users).set({ mustChangePassword: false }).where(eq(users.id, d.id));
    const [s] = await h.db.insert(sessions).values({ userId: d.id, method: 'password' }).returning();

    const r = ok<Created>(await call(resetStaffPasswordDef, admin, { id: d.id }));
    expect(r.password).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(r.password).not.toBe(d.password);
    expect(r.username).toBe(d.username);
    const [u] = await h.db.select().from(users).where(eq(users.id, d.id));
    expect(u.mustChangePassword).toBe(true);
    expect(await verifyPassword(u.passwordHash, r.password)).toBe(true);
    expect(await verifyPassword(u.passwordHash, d.password)).toBe(false);
    expect((await loadActor(h.db, d.id, s.id)).kind).toBe('anonymous');
    const logged = await auditRows(d.id, 'staff.password_reset');
    expect(logged).toHaveLength(1);
    expect(logged[0].detail).toMatchObject({ endedSessions: 1 });
    expect(JSON.stringify(logged)).not.toContain(r.password);
  });

  it('an admin cannot remove their own admin role, disable or reset themselves', async () => {
    const admin = await adminActor();
    const self = admin;
    const before = await rolesOf(self.id);
    expect(await call(setStaffRolesDef, admin, { id: self.id, roles: [{ role: 'finance', module: '*' }] })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
      message: '不能取消自己的系统管理员角色，请由其他管理员操作',
    });
    expect(await call(setStaffRolesDef, admin, { id: self.id, roles: [] })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(setStaffStatusDef, admin, { id: self.id, status: 'disabled' })).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '不能停用自己的账户' });
    expect(await call(resetStaffPasswordDef, admin, { id: self.id })).toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringContaining('修改密码') });
    expect(await rolesOf(self.id)).toEqual(before);
    expect((await loadActor(h.db, self.id, self.sessionId)).kind).toBe('staff');
    expect(await auditRows(self.id)).toEqual([]);

    // Adding a role while keeping admin is fine; another admin may remove it.
    expect(await call(setStaffRolesDef, admin, { id: self.id, roles: [{ role: 'admin', module: '*' }, { role: 'finance', module: '*' }] })).toMatchObject({ ok: true });
    const other = await adminActor();
    expect(await call(setStaffRolesDef, other, { id: self.id, roles: [{ role: 'finance', module: '*' }] })).toMatchObject({ ok: true });
    expect(can(await loadActor(h.db, self.id, self.sessionId), { action: 'staff.role', role: 'admin' })).toBe(false);
  });

  it('refuses invalid input with field errors and changes nothing', async () => {
    const admin = await adminActor();
    const existing = ok<Created>(await call(createStaffDef, admin, newStaff({ mobile: randomMobile() })));
    const staffCount = async () => Number((await h.db.select({ n: count() }).from(users).where(eq(users.kind, 'staff')))[0].n);
    const auditCount = async () => Number((await h.db.select({ n: count() }).from(auditLog))[0].n);
    const countsBefore = [await staffCount(), await auditCount()];
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ username: '1abc' }, 'username', /字母开头/],
      [{ username: 'ab' }, 'username', /4–32位/],
      [{ username: 'has space' }, 'username', /字母开头/],
      [{ name: '  ' }, 'name', /请输入姓名/],
      [{ mobile: '12345' }, 'mobile', /手机号码/],
      [{ email: 'not-an-email' }, 'email', /电子邮箱/],
      [{ roles: [] }, 'roles', /至少选择一个角色/],
      [{ roles: [{ role: 'reviewer', module: '*' }] }, 'roles', /按业务模块/],
      [{ roles: [{ role: 'finance', module: 'exam' }] }, 'roles', /全部业务模块/],
      [{ roles: [{ role: 'root', module: '*' }] }, 'roles.0.role', /角色不正确/],
      [{ roles: [{ role: 'reviewer', module: 'nowhere' }] }, 'roles.0.module', /业务模块不正确/],
      [{ roles: 'admin' }, 'roles', /角色不正确/],
    ];
    for (const [over, field, message] of cases) {
      const r = await call(createStaffDef, admin, newStaff(over));
      expect(r, JSON.stringify(over)).toMatchObject({ ok: false, code: 'BAD_INPUT' });
      expect((r as { fieldErrors: Record<string, string[]> }).fieldErrors[field]?.join(), JSON.stringify(over)).toMatch(message);
    }
    expect(await call(createStaffDef, admin, newStaff({ username: existing.username }))).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      fieldErrors: { username: ['该登录名已被使用'] },
    });
    const [{ mobile }] = await h.db.select({ mobile: users.mobile }).from(users).where(eq(users.id, existing.id));
    expect(await call(createStaffDef, admin, newStaff({ mobile }))).toMatchObject({ ok: false, code: 'CONFLICT', fieldErrors: { mobile: [expect.stringContaining('手机号')] } });

    const rowsBefore = await h.db.select().from(users).where(eq(users.id, existing.id));
    const rolesBefore = await rolesOf(existing.id);
    expect(await call(setStaffRolesDef, admin, { id: 'not-a-uuid', roles: [] })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { id: ['账户编号不正确'] } });
    expect(await call(setStaffRolesDef, admin, { id: existing.id, roles: [{ role: 'reviewer', module: '*' }] })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await call(setStaffStatusDef, admin, { id: existing.id, status: 'deleted' })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { status: ['状态不正确'] } });
    expect(await call(resetStaffPasswordDef, admin, {})).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await h.db.select().from(users).where(eq(users.id, existing.id))).toEqual(rowsBefore);
    expect(await rolesOf(existing.id)).toEqual(rolesBefore);
    expect([await staffCount(), await auditCount()]).toEqual(countsBefore);
  });

  it("never touches an applicant's account: the staff actions answer NOT_FOUND", async () => {
    const admin = await adminActor();
    const person = await createIndividual(h.db);
    const { user: org } = await createOrgAccount(h.db);
    for (const id of [person.id, org.id, crypto.randomUUID()]) {
      const before = await h.db.select().from(users).where(eq(users.id, id));
      expect(await call(setStaffRolesDef, admin, { id, roles: [{ role: 'admin', module: '*' }] })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      expect(await call(setStaffStatusDef, admin, { id, status: 'disabled' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      expect(await call(resetStaffPasswordDef, admin, { id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      expect(await h.db.select().from(users).where(eq(users.id, id))).toEqual(before);
      expect(await rolesOf(id)).toEqual([]);
    }
  });
});

describe('audit search', () => {
  it('filters by action, actor, result and dates (whole days in Asia/Shanghai), joined with the actor', async () => {
    const mobile = randomMobile();
    const who = await createStaff(h.db, [{ role: 'finance' }], { name: '审计甲', username: uname('auditee'), mobile });
    const other = await createStaff(h.db, [{ role: 'finance' }], { name: '审计乙', username: uname('bystander') });
    const at = (iso: string) => new Date(iso);
    await h.db.insert(auditLog).values([
      { action: 'auth.login', actorId: who.id, at: at('2020-03-01T01:00:00+08:00'), detail: { method: 'password' } }, // 2020-02-29 in UTC
      { action: 'auth.login_failed', actorId: who.id, success: false, at: at('2020-03-01T12:00:00+08:00'), detail: { identifier: who.username, reason: 'bad_password' } },
      { action: 'staff.created', actorId: who.id, at: at('2020-03-01T23:59:59+08:00') },
      { action: 'staff.disabled', actorId: who.id, at: at('2020-03-02T07:00:00+08:00') }, // 2020-03-01 in UTC
      { action: 'auth.login', actorId: other.id, at: at('2020-03-01T10:00:00+08:00') },
      { action: 'auth.login_failed', actorId: null, success: false, at: at('2020-03-01T10:00:00+08:00'), detail: { identifier: 'ghost_user_9z', reason: 'no_account' } },
    ]);

    const run = (p: Record<string, string>) => searchAudit(h.db, auditQueryOf(auditFilterSchema.parse(p)));
    const mine = await run({ actor: who.username! });
    expect(mine.items.map((i) => i.action)).toEqual(['staff.disabled', 'staff.created', 'auth.login_failed', 'auth.login']);
    expect(mine.items[0]).toMatchObject({ actorName: '审计甲', actorUsername: who.username, actorId: who.id });
    expect((await run({ actor: '审计甲' })).items).toHaveLength(4);
    expect((await run({ actor: mobile })).items).toHaveLength(4);
    expect((await run({ actor: mobile.slice(3) })).items).toHaveLength(4);
    // A failed sign-in to an unknown account is found by what was typed.
    const ghost = await run({ actor: 'ghost_user_9z' });
    expect(ghost.items).toHaveLength(1);
    expect(ghost.items[0]).toMatchObject({ actorId: null, actorName: null, success: false });

    expect((await run({ actor: who.username!, action: 'auth.login' })).items.map((i) => i.action)).toEqual(['auth.login']);
    expect((await run({ actor: who.username!, action: 'staff.*' })).items.map((i) => i.action)).toEqual(['staff.disabled', 'staff.created']);
    expect((await run({ actor: who.username!, success: 'false' })).items.map((i) => i.action)).toEqual(['auth.login_failed']);
    expect((await run({ actor: who.username!, success: 'true' })).items).toHaveLength(3);
    expect((await run({ action: 'auth.login_failed', success: 'true' })).items.every((i) => i.action === 'auth.login_failed' && i.success)).toBe(true);

    // 2020-03-01 in China: 00:00 to 24:00 +08:00, whatever the UTC date.
    expect((await run({ actor: who.username!, from: '2020-03-01', to: '2020-03-01' })).items.map((i) => i.action)).toEqual(['staff.created', 'auth.login_failed', 'auth.login']);
    expect((await run({ actor: who.username!, from: '2020-03-02' })).items.map((i) => i.action)).toEqual(['staff.disabled']);
    expect((await run({ actor: who.username!, to: '2020-02-29' })).items).toEqual([]);
    const day = await run({ from: '2020-03-01', to: '2020-03-01' });
    expect(day.items).toHaveLength(5);

    // Malformed parameters are dropped, not trusted.
    expect(auditFilterSchema.parse({ action: "x' or 1=1", success: 'maybe', from: '2020-13-45', before: '-3' })).toEqual({});
  });

  it('pages newest first with a stable keyset cursor', async () => {
    const who = await createStaff(h.db, [], { name: '翻页', username: uname('pager') });
    for (let i = 0; i < 7; i++) await h.db.insert(auditLog).values({ action: 'auth.login', actorId: who.id, detail: { i } });
    const seen: number[] = [];
    let before: number | undefined;
    const sizes: number[] = [];
    for (;;) {
      const page = await searchAudit(h.db, { actorQuery: who.username!, beforeId: before, limit: 3 });
      sizes.push(page.items.length);
      seen.push(...page.items.map((i) => i.id));
      // Rows added meanwhile do not shift the later pages.
      if (!before) await h.db.insert(auditLog).values({ action: 'auth.login', actorId: who.id, detail: { late: true } });
      if (!page.nextBeforeId) break;
      before = page.nextBeforeId;
    }
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(new Set(seen).size).toBe(7);
    expect((await searchAudit(h.db, { actorQuery: who.username! })).items.map((i) => (i.detail as { i?: number }).i)).toEqual([undefined, 6, 5, 4, 3, 2, 1, 0]);
  });

  it('exports the filtered list for admins only, records the export, and builds the workbook', async () => {
    const admin = await adminActor();
    const who = await createStaff(h.db, [{ role: 'finance' }], { name: '导出对象', username: uname('exported') });
    await h.db.insert(auditLog).values([
      { action: 'auth.login', actorId: who.id, ip: '10.0.0.1', detail: { method: 'password' } },
      { action: 'auth.login_failed', actorId: who.id, success: false, detail: { identifier: '=HYPERLINK("http://x")' } },
    ]);
    const params = auditFilterSchema.parse({ actor: who.username, before: '999999999' });
    const out = await exportAudit(h.db, admin, params, { ip: '127.0.0.1' });
    // The whole filtered list, not one page of it.
    expect(out.items.map((i) => i.action)).toEqual(['auth.login_failed', 'auth.login']);
    expect(out.truncated).toBe(false);
    const [logged] = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'audit.exported'), eq(auditLog.actorId, admin.id)));
    expect(logged.detail).toEqual({ filter: { actor: who.username }, rows: 2, truncated: false });

    for (const [actor, code] of [
      [{ kind: 'anonymous' } as Actor, 'UNAUTHENTICATED'],
      [await actorOf((await createStaff(h.db, [{ role: 'finance' }])).id), 'FORBIDDEN'],
      [await actorOf((await createIndividual(h.db)).id), 'FORBIDDEN'],
    ] as const) {
      const err = await exportAudit(h.db, actor, params, { ip: null }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe(code);
    }
    expect(Number((await h.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'audit.exported')))[0].n)).toBe(1);

    const buf = await auditWorkbook(
      out.items,
      {
        sheetName: '审计日志',
        columns: { id: '编号', at: '时间', action: '操作', actionKey: '操作代码', result: '结果', actorName: '姓名', actorUsername: '登录名', ip: 'IP', target: '对象', detail: '详情' },
        success: '成功',
        failure: '失败',
      },
      { time: (d) => d.toISOString(), action: (a) => a.toUpperCase() },
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('审计日志')!;
    expect(ws.rowCount).toBe(3);
    expect(ws.getRow(1).getCell(1).value).toBe('编号');
    expect(ws.getRow(2).getCell(3).value).toBe('AUTH.LOGIN_FAILED');
    expect(ws.getRow(2).getCell(5).value).toBe('失败');
    expect(ws.getRow(3).getCell(8).value).toBe('10.0.0.1');
    // What a user typed stays text, never a formula.
    expect(ws.getRow(2).getCell(10).type).toBe(ExcelJS.ValueType.String);

    expect(auditExportFilename(new Date('2024-12-31T16:30:00Z'))).toBe('审计日志-20250101.xlsx');
    expect(attachmentDisposition('审计日志-20250101.xlsx', 'audit-log-20250101.xlsx')).toBe(
      `attachment; filename="audit-log-20250101.xlsx"; filename*=UTF-8''%E5%AE%A1%E8%AE%A1%E6%97%A5%E5%BF%97-20250101.xlsx`,
    );
  });
});

describe('unauthorized access to staff administration', () => {
  it('anonymous, an individual, an organization main account and a finance staff member are refused every action; nothing changes', async () => {
    const admin = await adminActor();
    const target = ok<Created>(await call(createStaffDef, admin, newStaff()));
    const [targetSession] = await h.db.insert(sessions).values({ userId: target.id, method: 'password' }).returning();
    const { user: orgMain } = await createOrgAccount(h.db);
    const refused: Array<[string, Actor, string]> = [
      ['anonymous', { kind: 'anonymous' }, 'UNAUTHENTICATED'],
      ['individual', await actorOf((await createIndividual(h.db)).id), 'FORBIDDEN'],
      ['organization main account', await actorOf(orgMain.id), 'FORBIDDEN'],
      ['finance staff', await actorOf((await createStaff(h.db, [{ role: 'finance' }])).id), 'FORBIDDEN'],
      ['a reviewer', await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }, { role: 'reviewer', module: 'exam' }])).id), 'FORBIDDEN'],
    ];
    const snapshot = async () => ({
      target: await h.db.select().from(users).where(eq(users.id, target.id)),
      roles: await rolesOf(target.id),
      sessions: await h.db.select().from(sessions).where(eq(sessions.userId, target.id)),
      staff: (await h.db.select({ n: count() }).from(users).where(eq(users.kind, 'staff')))[0].n,
      audit: (await h.db.select({ n: count() }).from(auditLog))[0].n,
    });
    const before = await snapshot();
    for (const [who, actor, code] of refused) {
      expect(await call(createStaffDef, actor, newStaff({ roles: [{ role: 'admin', module: '*' }] })), who).toMatchObject({ ok: false, code });
      expect(await call(setStaffRolesDef, actor, { id: target.id, roles: [{ role: 'admin', module: '*' }] }), who).toMatchObject({ ok: false, code });
      expect(await call(setStaffStatusDef, actor, { id: target.id, status: 'disabled' }), who).toMatchObject({ ok: false, code });
      expect(await call(resetStaffPasswordDef, actor, { id: target.id }), who).toMatchObject({ ok: false, code });
      const err = await exportAudit(h.db, actor, {}, { ip: null }).catch((e: unknown) => e);
      expect((err as AppError).code, who).toBe(code);
    }
    expect(await snapshot()).toEqual(before);
    expect((await loadActor(h.db, target.id, targetSession.id)).kind).toBe('staff');
  });
});

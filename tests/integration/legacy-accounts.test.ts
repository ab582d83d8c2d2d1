import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, count, eq, sql } from 'drizzle-orm';
import { auditLog, legacyAccounts, organizations, outbox, sessions, users } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount, createStaff, randomMobile } from '@/db/seed/factories';
import { loadActor, type Actor } from '@/lib/platform/auth/actor';
import { invokeAction } from '@/lib/platform/auth/action-core';
import { authenticateWithPassword } from '@/lib/platform/auth/authenticate';
import { createChallenge, encodeSolution, solveChallenge } from '@/lib/platform/auth/captcha';
import { verifyPassword } from '@/lib/platform/auth/password';
import { sendSmsCode } from '@/lib/platform/auth/sms-codes';
import { LEGACY_COLUMNS } from '@/lib/modules/account/legacy-schemas';
import { activateLegacyDef, createActivationTicket, LEGACY_LIMITS, verifyLegacyCredentials, verifyLegacyCredentialsDef } from '@/lib/modules/account/services/activate-legacy';
import { importLegacyDef, parseCsv } from '@/lib/modules/account/services/import-legacy';
import { requestSmsCodeDef } from '@/lib/modules/account/services/request-sms-code';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from '@/lib/reference/validators';
import { createTestDb } from '../helpers/db';

const SECRET = 'test-secret-legacy-0123456789-0123456789';
process.env.AUTH_SECRET = SECRET;
process.env.CAPTCHA_MAX_NUMBER = '500';

let h: DbHandle;
let admin: Actor;
beforeAll(async () => {
  h = await createTestDb();
  admin = await actorOf((await createStaff(h.db, [{ role: 'admin' }])).id);
});
afterAll(async () => {
  await h.close();
});

async function actorOf(userId: string): Promise<Actor> {
  const [s] = await h.db.insert(sessions).values({ userId, method: 'password' }).returning();
  return loadActor(h.db, userId, s.id);
}
const anonymous: Actor = { kind: 'anonymous' };
const call = (def: Parameters<typeof invokeAction>[0], actor: Actor, input: unknown) => invokeAction(def, { db: h.db, actor: async () => actor, ip: '10.2.0.1', locale: 'zh-CN' }, input);
const captcha = () => encodeSolution(solveChallenge(createChallenge(SECRET, 500))!);
const authCtx = { ip: '10.2.0.2', userAgent: 'vitest', secret: SECRET };
const smsOpts = { ttlMinutes: 10, dailyCap: 10, resendSeconds: 60 };

let n = 0;
const uniq = () => `${Date.now().toString(36)}${(n++).toString(36)}${crypto.randomBytes(2).toString('hex')}`;
function creditCode(): string {
  const body = `91330106${Array.from({ length: 9 }, () => CREDIT_CODE_CHARSET[crypto.randomInt(0, CREDIT_CODE_CHARSET.length)]).join('')}`;
  return body + creditCodeCheckChar(body);
}
type Row = [string, string, string, string, string, string, string];
const goodRow = (over: Partial<Record<'user' | 'password' | 'org' | 'code' | 'contact' | 'phone' | 'region', string>> = {}): Row => [
  over.user ?? `old_${uniq()}`,
  over.password ?? 'OldPass1',
  over.org ?? `杭州老系统检测有限公司${uniq()}`,
  over.code ?? creditCode(),
  over.contact ?? '王老师',
  over.phone ?? randomMobile(),
  over.region ?? '330106',
];

async function xlsx(rows: Row[], header: readonly string[] = LEGACY_COLUMNS): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('老系统用户');
  ws.addRow([...header]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const csv = (rows: Row[]) => Buffer.from(`\uFEFF${[LEGACY_COLUMNS.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\r\n')}\r\n`, 'utf8').toString('base64');

const legacyCount = async () => Number((await h.db.select({ n: count() }).from(legacyAccounts))[0].n);
const importAs = (actor: Actor, fileName: string, contentBase64: string) => call(importLegacyDef, actor, { fileName, contentBase64 });
type ImportData = { imported: number; errors: Array<{ row: number; column: string; message: string }> };
const dataOf = (r: Awaited<ReturnType<typeof importAs>>) => {
  if (!r.ok) throw new Error(`import failed: ${r.message}`);
  return r.data as ImportData;
};

/** The code the local outbox would deliver to this mobile. */
async function lastCode(mobile: string): Promise<string> {
  const rows = await h.db.select().from(outbox).where(and(eq(outbox.channel, 'sms'), sql`${outbox.payload}->>'to' = ${mobile}`)).orderBy(sql`${outbox.id} desc`).limit(1);
  return (rows[0].payload as { params: { code: string } }).params.code;
}

/** Imports one good row and returns it. */
async function importOne(over: Parameters<typeof goodRow>[0] = {}) {
  const row = goodRow(over);
  expect(dataOf(await importAs(admin, 'one.xlsx', await xlsx([row])))).toEqual({ imported: 1, errors: [] });
  return { username: row[0], password: row[1], orgName: row[2], creditCode: row[3], contact: row[4], phone: row[5], region: row[6] };
}

describe('legacy import', () => {
  it('a file with one bad row imports nothing and reports the row and column', async () => {
    const before = await legacyCount();
    const rows = [goodRow(), goodRow({ code: '91330106MA2H1E6U3X' }), goodRow()];
    const r = dataOf(await importAs(admin, 'old.xlsx', await xlsx(rows)));
    expect(r.imported).toBe(0);
    expect(r.errors).toEqual([{ row: 3, column: '统一社会信用代码', message: expect.stringContaining('校验位') }]);
    expect(await legacyCount()).toBe(before);
  });

  it('reports every problem in Chinese with its row and column', async () => {
    const dup = `old_${uniq()}`;
    const rows = [
      goodRow({ user: dup }),
      goodRow({ user: dup }),
      goodRow({ password: '' }),
      goodRow({ org: '' }),
      goodRow({ phone: '12345678901' }),
      goodRow({ phone: 'abc' }),
      goodRow({ region: '999999' }),
      goodRow({ phone: '0571-88880000', code: '' }),
    ];
    const r = dataOf(await importAs(admin, 'old.xlsx', await xlsx(rows)));
    expect(r.imported).toBe(0);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [3, '账号'],
      [4, '密码'],
      [5, '单位名称'],
      [6, '联系电话'],
      [7, '联系电话'],
      [8, '所在地区代码'],
    ]);
    expect(r.errors[0].message).toBe('账号与第 2 行重复');
    for (const e of r.errors) expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('a missing column is reported on the header row', async () => {
    const r = dataOf(await importAs(admin, 'old.xlsx', await xlsx([goodRow()], LEGACY_COLUMNS.filter((c) => c !== '单位名称'))));
    expect(r).toMatchObject({ imported: 0, errors: [{ row: 1, column: '单位名称' }] });
  });

  it('a good xlsx imports every row in one go, with hashed passwords and an audit row', async () => {
    const before = await legacyCount();
    const rows = [goodRow(), goodRow({ code: '', contact: '', phone: '', region: '' }), goodRow({ phone: '010-12345678' })];
    expect(dataOf(await importAs(admin, 'old.xlsx', await xlsx(rows)))).toEqual({ imported: 3, errors: [] });
    expect(await legacyCount()).toBe(before + 3);
    const [first] = await h.db.select().from(legacyAccounts).where(eq(legacyAccounts.legacyUsername, rows[0][0]));
    expect(first).toMatchObject({ orgName: rows[0][2], creditCode: rows[0][3], contactPhone: rows[0][5], regionCode: '330106', importedBy: admin.kind === 'staff' ? admin.id : '', activatedUserId: null });
    expect(first.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(first.passwordHash, 'OldPass1')).toBe(true);
    const [second] = await h.db.select().from(legacyAccounts).where(eq(legacyAccounts.legacyUsername, rows[1][0]));
    expect(second).toMatchObject({ creditCode: null, contactName: null, contactPhone: null, regionCode: null });
    const logged = await h.db.select().from(auditLog).where(eq(auditLog.action, 'legacy.imported'));
    expect(logged.at(-1)?.detail).toEqual({ count: 3, fileName: 'old.xlsx' });
  });

  it('a CSV (UTF-8 with BOM, quoted fields) imports the same way; a migrated argon2 hash is kept as is', async () => {
    const hash = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQxMjM0NTY$J8yN0s1Eb9dzL7yYl2hLZp8g3sQy9v0bK1lTzH3l1xQ';
    const rows = [goodRow({ org: '杭州"老字号",检测中心' }), goodRow({ password: hash })];
    expect(dataOf(await importAs(admin, 'old.csv', csv(rows)))).toEqual({ imported: 2, errors: [] });
    const [a] = await h.db.select().from(legacyAccounts).where(eq(legacyAccounts.legacyUsername, rows[0][0]));
    expect(a.orgName).toBe('杭州"老字号",检测中心');
    const [b] = await h.db.select().from(legacyAccounts).where(eq(legacyAccounts.legacyUsername, rows[1][0]));
    expect(b.passwordHash).toBe(hash);
    expect(parseCsv('a,"b\r\nc",d\r\n1,2,3')).toEqual([['a', 'b\r\nc', 'd'], ['1', '2', '3']]);
  });

  it('re-importing the same usernames is refused and changes nothing; so is a clash with an existing login name', async () => {
    const rows = [goodRow(), goodRow()];
    expect(dataOf(await importAs(admin, 'old.xlsx', await xlsx(rows))).imported).toBe(2);
    const before = await legacyCount();
    const again = dataOf(await importAs(admin, 'old.xlsx', await xlsx(rows.map((r) => goodRow({ user: r[0].toUpperCase() })))));
    expect(again.imported).toBe(0);
    expect(again.errors).toEqual([
      { row: 2, column: '账号', message: '该账号已导入过，不能重复导入' },
      { row: 3, column: '账号', message: '该账号已导入过，不能重复导入' },
    ]);
    const u = await createIndividual(h.db);
    const clash = dataOf(await importAs(admin, 'old.xlsx', await xlsx([goodRow({ user: u.username! }), goodRow({ user: u.mobile! })])));
    expect(clash.errors.map((e) => e.message)).toEqual(['该账号与新系统中已有账户的登录名冲突', '该账号与新系统中已有账户的登录名冲突']);
    expect(await legacyCount()).toBe(before);
  });

  it('refuses a wrong file type, an unreadable workbook and a file over 2 MB', async () => {
    expect(await importAs(admin, 'old.xls', 'AAAA')).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await importAs(admin, 'old.xlsx', Buffer.from('not a zip').toString('base64'))).toMatchObject({ ok: false, code: 'UNSUPPORTED_FILE' });
    expect(await importAs(admin, 'old.csv', Buffer.alloc(2 * 1024 * 1024 + 10, 0x41).toString('base64'))).toMatchObject({ ok: false, code: 'BAD_INPUT' });
  });

  it('only an admin may import: anonymous, an individual, an organization and a finance staff member are refused', async () => {
    const before = await legacyCount();
    const file = await xlsx([goodRow()]);
    const individual = await actorOf((await createIndividual(h.db)).id);
    const org = await actorOf((await createOrgAccount(h.db)).user.id);
    const finance = await actorOf((await createStaff(h.db, [{ role: 'finance' }])).id);
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    expect(await importAs(anonymous, 'old.xlsx', file)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    for (const who of [individual, org, finance, reviewer]) expect(await importAs(who, 'old.xlsx', file)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await legacyCount()).toBe(before);
  });
});

describe('legacy activation', () => {
  async function activate(ticket: string, mobile: string) {
    expect(await call(requestSmsCodeDef, anonymous, { mobile, purpose: 'activate', captcha: captcha() })).toMatchObject({ ok: true });
    return call(activateLegacyDef, anonymous, { ticket, mobile, smsCode: await lastCode(mobile) });
  }

  it('old account + password, then mobile + SMS code: the organization and its main account exist; the old password signs in with the mobile or the username', async () => {
    const old = await importOne();
    const v = await call(verifyLegacyCredentialsDef, anonymous, { username: old.username, password: old.password });
    expect(v).toMatchObject({ ok: true, data: { orgName: old.orgName, expiresInSec: 900 } });
    const ticket = (v as { data: { ticket: string } }).data.ticket;
    const mobile = randomMobile();
    const r = await activate(ticket, mobile);
    expect(r).toMatchObject({ ok: true, data: { mobile } });

    const [u] = await h.db.select().from(users).where(eq(users.mobile, mobile));
    const [legacy] = await h.db.select().from(legacyAccounts).where(eq(legacyAccounts.legacyUsername, old.username));
    expect(u).toMatchObject({ kind: 'organization', isOrgMain: true, username: old.username, name: old.orgName, status: 'active', passwordHash: legacy.passwordHash });
    expect(legacy.activatedUserId).toBe(u.id);
    expect(legacy.activatedAt).toBeInstanceOf(Date);
    const [org] = await h.db.select().from(organizations).where(eq(organizations.id, u.orgId!));
    expect(org).toMatchObject({ name: old.orgName, creditCode: old.creditCode, regionCode: old.region, contactName: old.contact, contactPhone: old.phone });
    expect(await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'legacy.activated'), eq(auditLog.actorId, u.id)))).toHaveLength(1);

    for (const identifier of [mobile, old.username]) {
      const s = await authenticateWithPassword(h.db, { identifier, password: old.password, captcha: captcha(), audience: 'applicant' }, authCtx);
      expect(await loadActor(h.db, u.id, s.sessionId)).toMatchObject({ kind: 'organization', isMain: true, orgId: org.id });
    }
  });

  it('a wrong old password or an unknown account gets the same generic refusal; the sixth try is rate-limited', async () => {
    const old = await importOne();
    await expect(verifyLegacyCredentials(h.db, { username: old.username, password: 'Wrong999' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED', messageKey: 'badCredentials' });
    expect(await call(verifyLegacyCredentialsDef, anonymous, { username: `nobody_${uniq()}`, password: 'OldPass1' })).toMatchObject({ ok: false, message: '账号或密码错误' });
    for (let i = 1; i < LEGACY_LIMITS.perAccount; i++) await expect(verifyLegacyCredentials(h.db, { username: old.username, password: `Wrong${i}` })).rejects.toMatchObject({ messageKey: 'badCredentials' });
    await expect(verifyLegacyCredentials(h.db, { username: old.username, password: old.password })).rejects.toMatchObject({ code: 'RATE_LIMITED', messageKey: 'legacyLocked' });
  });

  it('a forged or expired ticket is refused', async () => {
    const old = await importOne();
    const [row] = await h.db.select().from(legacyAccounts).where(eq(legacyAccounts.legacyUsername, old.username));
    for (const ticket of [createActivationTicket('another-secret-0123456789-0123456789', row.id), createActivationTicket(SECRET, row.id, Date.now() - 16 * 60_000), 'garbage']) {
      expect(await call(activateLegacyDef, anonymous, { ticket, mobile: randomMobile(), smsCode: '123456' })).toMatchObject({ ok: false, message: '验证已过期，请重新输入老系统账号和密码' });
    }
  });

  it('an old account activates once: a second activation is refused and there is still one user', async () => {
    const old = await importOne();
    const ticketOf = async () => (await verifyLegacyCredentials(h.db, { username: old.username, password: old.password })).ticket;
    const [t1, t2] = [await ticketOf(), await ticketOf()];
    // Two activations racing with two tickets and two mobiles.
    const [m1, m2] = [randomMobile(), randomMobile()];
    for (const m of [m1, m2]) await sendSmsCode(h.db, { mobile: m, purpose: 'activate' }, smsOpts);
    const results = await Promise.all([
      call(activateLegacyDef, anonymous, { ticket: t1, mobile: m1, smsCode: await lastCode(m1) }),
      call(activateLegacyDef, anonymous, { ticket: t2, mobile: m2, smsCode: await lastCode(m2) }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, message: '该老系统账号已激活，请使用激活时绑定的手机号登录' });
    // Later: a third try with a fresh code, and step 1 itself, are refused.
    const m3 = randomMobile();
    expect(await activate(t1, m3)).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    await expect(verifyLegacyCredentials(h.db, { username: old.username, password: old.password })).rejects.toMatchObject({ messageKey: 'legacyAlreadyActivated' });
    expect(Number((await h.db.select({ n: count() }).from(users).where(eq(users.username, old.username)))[0].n)).toBe(1);
    expect(Number((await h.db.select({ n: count() }).from(organizations).where(eq(organizations.name, old.orgName)))[0].n)).toBe(1);
  });

  it('a mobile already registered is refused with a clear message once its code is verified (issue #15.7: not before)', async () => {
    const old = await importOne();
    const { ticket } = await verifyLegacyCredentials(h.db, { username: old.username, password: old.password });
    const existing = await createIndividual(h.db);
    // The code goes to the number as to any other: the answer does not tell that it is registered.
    expect(await call(requestSmsCodeDef, anonymous, { mobile: existing.mobile, purpose: 'activate', captcha: captcha() })).toMatchObject({ ok: true });
    const code = await lastCode(existing.mobile!);
    expect(await call(activateLegacyDef, anonymous, { ticket, mobile: existing.mobile, smsCode: code === '123456' ? '654321' : '123456' })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { smsCode: [expect.any(String)] } });
    expect(await call(activateLegacyDef, anonymous, { ticket, mobile: existing.mobile, smsCode: code })).toMatchObject({ ok: false, code: 'CONFLICT', message: '该手机号已注册其他账户，请更换手机号激活' });
    const [row] = await h.db.select().from(legacyAccounts).where(eq(legacyAccounts.legacyUsername, old.username));
    expect(row.activatedUserId).toBeNull();
  });

  it('a wrong SMS code creates nothing', async () => {
    const old = await importOne();
    const { ticket } = await verifyLegacyCredentials(h.db, { username: old.username, password: old.password });
    const mobile = randomMobile();
    await sendSmsCode(h.db, { mobile, purpose: 'activate' }, smsOpts);
    const code = await lastCode(mobile);
    expect(await call(activateLegacyDef, anonymous, { ticket, mobile, smsCode: code === '000000' ? '111111' : '000000' })).toMatchObject({ ok: false, fieldErrors: { smsCode: ['短信验证码不正确'] } });
    expect(await h.db.select().from(users).where(eq(users.mobile, mobile))).toHaveLength(0);
  });
});

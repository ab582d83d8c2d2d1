import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, count, eq, sql } from 'drizzle-orm';
import { accreditedInstitutions, actionTokens, auditLog, organizations, outbox, sessions, users } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount, createStaff, createUser } from '@/db/seed/factories';
import { invokeAction } from '@/lib/platform/auth/action-core';
import { loadActor, type Actor } from '@/lib/platform/auth/actor';
import { authenticateWithPassword } from '@/lib/platform/auth/authenticate';
import { createChallenge, encodeSolution, solveChallenge } from '@/lib/platform/auth/captcha';
import { INSTITUTION_COLUMNS, normalizeCertificateNumber } from '@/lib/modules/accreditation/institutions/schemas';
import { canManageInstitutions } from '@/lib/modules/accreditation/institutions/services/access';
import { usernameFromCertificate } from '@/lib/modules/accreditation/institutions/services/accounts';
import { importInstitutionsDef } from '@/lib/modules/accreditation/institutions/services/import-institutions';
import { changeInstitutionEmailDef, listInstitutions } from '@/lib/modules/accreditation/institutions/services/registry';
import {
  createRetrieveTicket,
  institutionForResetToken,
  lookupInstitutionDef,
  requestInstitutionResetDef,
  resetInstitutionPasswordDef,
  RETRIEVE_LIMITS,
} from '@/lib/modules/accreditation/institutions/services/retrieve-password';
import { createTestDb } from '../helpers/db';

const SECRET = 'test-secret-institutions-0123456789-0123';
process.env.AUTH_SECRET = SECRET;
process.env.APP_URL = 'http://portal.test';

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
const randomIp = () => `10.${crypto.randomInt(0, 255)}.${crypto.randomInt(0, 255)}.${crypto.randomInt(1, 255)}`;
const call = (def: Parameters<typeof invokeAction>[0], actor: Actor, input: unknown, ip: string = randomIp()) =>
  invokeAction(def, { db: h.db, actor: async () => actor, ip, locale: 'zh-CN' }, input);
const captcha = () => encodeSolution(solveChallenge(createChallenge(SECRET, 300))!);
const signIn = (identifier: string, password: string) =>
  authenticateWithPassword(h.db, { identifier, password, captcha: captcha(), audience: 'applicant' }, { ip: null, secret: SECRET });

/** A fresh certificate number in the CNAS shape, e.g. "CNAS L48213057". */
const newCert = (prefix = 'L') => `CNAS ${prefix}${crypto.randomInt(10_000_000, 99_999_999)}`;
const newEmail = () => `lab-${crypto.randomBytes(4).toString('hex')}@example.com`;
type Row = [string, string, string];
const row = (over: Partial<{ cert: string; name: string; email: string }> = {}): Row => [over.cert ?? newCert(), over.name ?? `测试检测中心${crypto.randomBytes(2).toString('hex')}`, over.email ?? newEmail()];

async function xlsx(rows: Row[], header: readonly string[] = INSTITUTION_COLUMNS): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('已获认可机构');
  ws.addRow([...header]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
const csv = (rows: Row[], header: readonly string[] = INSTITUTION_COLUMNS) =>
  Buffer.from(`\uFEFF${[header.join(','), ...rows.map((r) => r.join(','))].join('\r\n')}\r\n`, 'utf8').toString('base64');

type ImportData = { created: number; updated: number; unchanged: number; accountsCreated: number; errors: Array<{ row: number; column: string; message: string }> };
const importAs = (actor: Actor, fileName: string, contentBase64: string) => call(importInstitutionsDef, actor, { fileName, contentBase64 });
const dataOf = (r: Awaited<ReturnType<typeof importAs>>) => {
  if (!r.ok) throw new Error(`import failed: ${r.message}`);
  return r.data as ImportData;
};
async function importRows(rows: Row[]) {
  return dataOf(await importAs(admin, 'registry.xlsx', await xlsx(rows)));
}

const counts = async () => ({
  registry: Number((await h.db.select({ n: count() }).from(accreditedInstitutions))[0].n),
  users: Number((await h.db.select({ n: count() }).from(users))[0].n),
  orgs: Number((await h.db.select({ n: count() }).from(organizations))[0].n),
});
const registryRow = async (cert: string) => (await h.db.select().from(accreditedInstitutions).where(eq(accreditedInstitutions.certificateNumber, cert)))[0];
const userOf = async (id: string) => (await h.db.select().from(users).where(eq(users.id, id)))[0];

async function lastEmail(to: string) {
  const [m] = await h.db.select().from(outbox).where(and(eq(outbox.channel, 'email'), sql`${outbox.payload}->>'to' = ${to}`)).orderBy(sql`${outbox.id} desc`).limit(1);
  return m?.payload as { text: string; subject: string } | undefined;
}
const tokenIn = (text: string) => /\/accreditation\/retrieve\/reset\?token=([\w-]+)/.exec(text)![1];

/** Steps 1 and 2 as the page does them; returns the emailed token. */
async function requestLink(cert: string, email: string, ip = randomIp()) {
  const found = await call(lookupInstitutionDef, anonymous, { certificateNumber: cert, captcha: captcha() }, ip);
  if (!found.ok) throw new Error(found.message);
  const sent = await call(requestInstitutionResetDef, anonymous, { ticket: (found.data as { ticket: string }).ticket }, ip);
  if (!sent.ok) throw new Error(sent.message);
  return tokenIn((await lastEmail(email))!.text);
}
const setPassword = (token: string, password: string) => call(resetInstitutionPasswordDef, anonymous, { token, password, confirmPassword: password });

describe('certificate numbers', () => {
  it('are stored in one form, and give a login name when they can', () => {
    expect(normalizeCertificateNumber(' cnasl0001 ')).toBe('CNAS L0001');
    expect(normalizeCertificateNumber('ＣＮＡＳ　Ｌ０００１')).toBe('CNAS L0001');
    expect(normalizeCertificateNumber('CNAS   IB0123')).toBe('CNAS IB0123');
    expect(usernameFromCertificate('CNAS L0001')).toBe('cnasl0001');
    expect(usernameFromCertificate('0123-456')).toBeNull();
  });
});

describe('registry import', () => {
  it('a file with bad rows imports nothing and lists every row error in Chinese', async () => {
    const before = await counts();
    const dup = newCert();
    const rows = [row({ cert: dup }), row({ cert: '' }), row({ email: 'not-an-email' }), row({ cert: dup.toLowerCase() }), row({ name: '' }), row({ email: '' }), row({ cert: 'CNAS L0001 <x>' })];
    const r = await importRows(rows);
    expect(r).toMatchObject({ created: 0, updated: 0, accountsCreated: 0 });
    expect(r.errors).toEqual([
      { row: 3, column: '证书编号', message: '证书编号不能为空' },
      { row: 4, column: '联系邮箱', message: '联系邮箱格式不正确（not-an-email）' },
      { row: 5, column: '证书编号', message: '证书编号与第 2 行重复' },
      { row: 6, column: '机构名称', message: '机构名称不能为空' },
      { row: 7, column: '联系邮箱', message: '联系邮箱不能为空' },
      { row: 8, column: '证书编号', message: expect.stringContaining('证书编号格式不正确') },
    ]);
    expect(await counts()).toEqual(before);
    expect(await registryRow(dup)).toBeUndefined();
  });

  it('a missing column is reported on the header row; a wrong file type is refused', async () => {
    const r = dataOf(await importAs(admin, 'registry.xlsx', await xlsx([row()], ['证书编号', '机构名称'])));
    expect(r.errors).toEqual([{ row: 1, column: '联系邮箱', message: '缺少“联系邮箱”列，表头应为：证书编号，机构名称，联系邮箱' }]);
    expect(await importAs(admin, 'registry.xls', 'AAAA')).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { fileName: ['仅支持 .xlsx 或 .csv 文件'] } });
    expect(await importAs(admin, 'registry.xlsx', Buffer.from('not a zip').toString('base64'))).toMatchObject({ ok: false, code: 'UNSUPPORTED_FILE' });
  });

  it('a good file adds the rows and one organization with a main account (no password) per row, in one audited step', async () => {
    const before = await counts();
    const taken = newCert();
    await createUser(h.db, { kind: 'organization', username: usernameFromCertificate(taken)!, name: '已占用登录名的机构' });
    const rows = [row(), row({ cert: '0123-456' }), row({ cert: taken })];
    expect(await importRows(rows)).toEqual({ created: 3, updated: 0, unchanged: 0, accountsCreated: 3, errors: [] });
    expect(await counts()).toEqual({ registry: before.registry + 3, users: before.users + 4, orgs: before.orgs + 3 });

    const first = await registryRow(rows[0][0]);
    expect(first).toMatchObject({ name: rows[0][1], contactEmail: rows[0][2], orgId: expect.any(String), userId: expect.any(String) });
    const u = await userOf(first.userId!);
    expect(u).toMatchObject({ kind: 'organization', isOrgMain: true, orgId: first.orgId, username: usernameFromCertificate(rows[0][0]), name: rows[0][1], email: rows[0][2], status: 'active', passwordHash: null, mustChangePassword: false });
    const [org] = await h.db.select().from(organizations).where(eq(organizations.id, first.orgId!));
    expect(org).toMatchObject({ name: rows[0][1], email: rows[0][2] });

    // Not a valid login name, or already someone's: a generated one.
    expect((await userOf((await registryRow('0123-456')).userId!)).username).toMatch(/^cnas\d{8}$/);
    expect((await userOf((await registryRow(taken)).userId!)).username).toMatch(/^cnas\d{8}$/);

    // Nobody can sign in until a password is set.
    await expect(signIn(u.username!, 'Anything1')).rejects.toMatchObject({ messageKey: 'badCredentials' });

    const [logged] = await h.db.select().from(auditLog).where(eq(auditLog.action, 'accreditation.institutions_imported')).orderBy(sql`${auditLog.id} desc`).limit(1);
    expect(logged).toMatchObject({ actorId: admin.kind === 'staff' ? admin.id : '', detail: { fileName: 'registry.xlsx', rows: 3, created: 3, updated: 0, unchanged: 0, accountsCreated: 3 } });
  });

  it('re-importing updates name and email of known numbers (matched whatever the spacing and case) and says so', async () => {
    const a = row();
    const b = row();
    await importRows([a, b]);
    const userA = (await registryRow(a[0])).userId;
    const before = await counts();
    const c = row();
    const r = dataOf(await importAs(admin, 'again.csv', csv([[a[0].toLowerCase().replace(' ', ''), '更名后的检测中心', 'new-contact@example.com'], b, c])));
    expect(r).toEqual({ created: 1, updated: 1, unchanged: 1, accountsCreated: 1, errors: [] });
    expect(await registryRow(a[0])).toMatchObject({ name: '更名后的检测中心', contactEmail: 'new-contact@example.com', userId: userA });
    expect(await registryRow(b[0])).toMatchObject({ name: b[1], contactEmail: b[2] });
    expect(await counts()).toEqual({ registry: before.registry + 1, users: before.users + 1, orgs: before.orgs + 1 });
  });

  it('a known number whose account was removed gets a new one on re-import', async () => {
    const a = row();
    await importRows([a]);
    await h.db.delete(users).where(eq(users.id, (await registryRow(a[0])).userId!));
    expect((await registryRow(a[0])).userId).toBeNull();
    expect(await importRows([a])).toMatchObject({ created: 0, updated: 0, unchanged: 1, accountsCreated: 1 });
    expect((await registryRow(a[0])).userId).toEqual(expect.any(String));
  });

  it('staff search by certificate number (spaces and case ignored) or by name', async () => {
    const a = row({ name: '搜索专用计量检测研究院' });
    await importRows([a]);
    const byCert = await listInstitutions(h.db, { q: a[0].replace(' ', '').toLowerCase() });
    expect(byCert.rows.map((r) => r.certificateNumber)).toEqual([a[0]]);
    expect(byCert.rows[0]).toMatchObject({ contactEmail: a[2], accountState: 'pending', username: usernameFromCertificate(a[0]) });
    expect((await listInstitutions(h.db, { q: '搜索专用计量' })).rows.map((r) => r.certificateNumber)).toEqual([a[0]]);
    expect((await listInstitutions(h.db, { q: '%' })).total).toBe(0);
  });
});

describe('已获认可机构获取密码', () => {
  it('shows the name and the masked email; the link works once; the new password signs in and earlier sessions end', async () => {
    const a = row({ email: 'certlab@example.com' });
    await importRows([a]);
    const inst = await registryRow(a[0]);
    const username = usernameFromCertificate(a[0])!;

    const found = await call(lookupInstitutionDef, anonymous, { certificateNumber: ` ${a[0].toLowerCase()} `, captcha: captcha() });
    expect(found).toEqual({ ok: true, data: { ticket: expect.any(String), certificateNumber: a[0], name: a[1], maskedEmail: 'ce***@example.com' } });
    const sent = await call(requestInstitutionResetDef, anonymous, { ticket: (found as { data: { ticket: string } }).data.ticket });
    expect(sent).toEqual({ ok: true, data: { maskedEmail: 'ce***@example.com', validHours: 24 } });

    const mail = (await lastEmail('certlab@example.com'))!;
    expect(mail.text).toContain(`机构账户登录名：${username}`);
    expect(mail.text).toContain('24小时');
    const token = tokenIn(mail.text);
    expect(mail.text).toContain(`http://portal.test/accreditation/retrieve/reset?token=${token}`);
    const [stored] = await h.db.select().from(actionTokens).where(eq(actionTokens.subjectId, inst.id));
    expect(stored).toMatchObject({ purpose: 'institution_reset', usedAt: null });
    expect(stored.tokenHash).not.toContain(token);
    // About 24 hours.
    const hours = (stored.expiresAt.getTime() - stored.createdAt.getTime()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThan(24.1);

    expect(await institutionForResetToken(h.db, token)).toEqual({ name: a[1], certificateNumber: a[0], username });
    expect(await setPassword(token, 'Lab12345')).toEqual({ ok: true, data: { done: true, username } });
    const s = await signIn(username, 'Lab12345');
    expect(await userOf(inst.userId!)).toMatchObject({ mustChangePassword: false });

    // Used: refused, and the password stays.
    expect(await institutionForResetToken(h.db, token)).toBeUndefined();
    expect(await setPassword(token, 'Other123')).toMatchObject({ ok: false, code: 'BAD_INPUT', message: '链接无效、已使用或已过期，请重新申请' });
    await signIn(username, 'Lab12345');

    // A second retrieval ends the sessions opened with the old password.
    const again = await requestLink(a[0], 'certlab@example.com');
    expect(await setPassword(again, 'Lab67890')).toMatchObject({ ok: true });
    expect((await loadActor(h.db, inst.userId!, s.sessionId)).kind).toBe('anonymous');
    await expect(signIn(username, 'Lab12345')).rejects.toMatchObject({ messageKey: 'badCredentials' });
    await signIn(username, 'Lab67890');

    const logged = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'accreditation.institution_password_set'), eq(auditLog.targetId, inst.id)));
    expect(logged).toHaveLength(2);
    expect(logged[1].detail).toMatchObject({ certificateNumber: a[0], endedSessions: 2 });
  });

  it('an expired link is refused and changes nothing', async () => {
    const a = row();
    await importRows([a]);
    const token = await requestLink(a[0], a[2]);
    const inst = await registryRow(a[0]);
    await h.db.update(actionTokens).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(actionTokens.subjectId, inst.id));
    expect(await institutionForResetToken(h.db, token)).toBeUndefined();
    expect(await setPassword(token, 'Lab12345')).toMatchObject({ ok: false, code: 'BAD_INPUT', message: '链接无效、已使用或已过期，请重新申请' });
    expect((await userOf(inst.userId!)).passwordHash).toBeNull();
  });

  it('the new password follows the platform rules (twice, letters and digits)', async () => {
    const a = row();
    await importRows([a]);
    const token = await requestLink(a[0], a[2]);
    expect(await call(resetInstitutionPasswordDef, anonymous, { token, password: 'Lab12345', confirmPassword: 'Lab12346' })).toMatchObject({ ok: false, fieldErrors: { confirmPassword: ['两次输入的密码不一致'] } });
    expect(await setPassword(token, 'onlyletters')).toMatchObject({ ok: false, fieldErrors: { password: ['密码须同时包含字母和数字'] } });
    // Refusals do not use the link.
    expect(await setPassword(token, 'Lab12345')).toMatchObject({ ok: true });
  });

  it('an unknown certificate number gets a clear message and nothing else; no email is sent', async () => {
    const before = Number((await h.db.select({ n: count() }).from(outbox))[0].n);
    const r = await call(lookupInstitutionDef, anonymous, { certificateNumber: newCert(), captcha: captcha() });
    expect(r).toEqual({ ok: false, code: 'NOT_FOUND', message: expect.stringContaining('未找到该证书编号对应的已获认可机构'), fieldErrors: { certificateNumber: ['未找到该证书编号'] } });
    expect(Number((await h.db.select({ n: count() }).from(outbox))[0].n)).toBe(before);
    expect(await call(lookupInstitutionDef, anonymous, { certificateNumber: '', captcha: captcha() })).toMatchObject({ ok: false, fieldErrors: { certificateNumber: ['请输入证书编号'] } });
  });

  it('needs a valid captcha, and a valid ticket for the email', async () => {
    const a = row();
    await importRows([a]);
    expect(await call(lookupInstitutionDef, anonymous, { certificateNumber: a[0], captcha: 'forged' })).toMatchObject({ ok: false, message: '人机验证未通过或已过期，请重新验证' });
    const solved = captcha();
    expect(await call(lookupInstitutionDef, anonymous, { certificateNumber: a[0], captcha: solved })).toMatchObject({ ok: true });
    expect(await call(lookupInstitutionDef, anonymous, { certificateNumber: a[0], captcha: solved })).toMatchObject({ ok: false, fieldErrors: { captcha: expect.any(Array) } });

    const inst = await registryRow(a[0]);
    const expired = createRetrieveTicket(SECRET, inst.id, Date.now() - 16 * 60_000);
    const forged = createRetrieveTicket('another-secret-0123456789-0123456789', inst.id);
    for (const ticket of [expired, forged, `${forged}x`]) {
      expect(await call(requestInstitutionResetDef, anonymous, { ticket })).toMatchObject({ ok: false, message: expect.stringContaining('请重新输入证书编号') });
    }
    expect(await lastEmail(a[2])).toBeUndefined();
  });

  it('lookups are limited per certificate number and per IP; emails per institution', async () => {
    const a = row();
    await importRows([a]);
    for (let i = 0; i < RETRIEVE_LIMITS.lookupsPerCertificate; i++) {
      expect(await call(lookupInstitutionDef, anonymous, { certificateNumber: a[0], captcha: captcha() })).toMatchObject({ ok: true });
    }
    expect(await call(lookupInstitutionDef, anonymous, { certificateNumber: a[0], captcha: captcha() })).toMatchObject({ ok: false, code: 'RATE_LIMITED' });

    const ip = randomIp();
    for (let i = 0; i < RETRIEVE_LIMITS.lookupsPerIp; i++) await call(lookupInstitutionDef, anonymous, { certificateNumber: newCert(), captcha: captcha() }, ip);
    const b = row();
    await importRows([b]);
    expect(await call(lookupInstitutionDef, anonymous, { certificateNumber: b[0], captcha: captcha() }, ip)).toMatchObject({ ok: false, code: 'RATE_LIMITED' });

    const ticket = createRetrieveTicket(SECRET, (await registryRow(b[0])).id);
    for (let i = 0; i < RETRIEVE_LIMITS.mailsPerInstitution; i++) expect(await call(requestInstitutionResetDef, anonymous, { ticket })).toMatchObject({ ok: true });
    expect(await call(requestInstitutionResetDef, anonymous, { ticket })).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    const mails = await h.db.select().from(outbox).where(sql`${outbox.payload}->>'to' = ${b[2]}`);
    expect(mails).toHaveLength(RETRIEVE_LIMITS.mailsPerInstitution);
  });

  it('a disabled account gets no link', async () => {
    const a = row();
    await importRows([a]);
    await h.db.update(users).set({ status: 'disabled' }).where(eq(users.id, (await registryRow(a[0])).userId!));
    const found = await call(lookupInstitutionDef, anonymous, { certificateNumber: a[0], captcha: captcha() });
    expect(await call(requestInstitutionResetDef, anonymous, { ticket: (found as { data: { ticket: string } }).data.ticket })).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '该账户已被停用，请联系工作人员' });
    expect(await lastEmail(a[2])).toBeUndefined();
  });
});

describe('staff change of the contact email', () => {
  it('is audited with the old and new email; links sent to the old address stop working; the next link goes to the new one', async () => {
    const a = row({ email: 'old-contact@example.com' });
    await importRows([a]);
    const inst = await registryRow(a[0]);
    const oldToken = await requestLink(a[0], 'old-contact@example.com');

    expect(await call(changeInstitutionEmailDef, admin, { id: inst.id, email: ' new-contact@example.org ' })).toEqual({ ok: true, data: { id: inst.id, contactEmail: 'new-contact@example.org' } });
    expect(await registryRow(a[0])).toMatchObject({ contactEmail: 'new-contact@example.org' });
    // The account's email was the old contact email, so it follows.
    expect((await userOf(inst.userId!)).email).toBe('new-contact@example.org');
    const [logged] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'accreditation.institution_email_changed'), eq(auditLog.targetId, inst.id)));
    expect(logged).toMatchObject({ actorId: admin.kind === 'staff' ? admin.id : '', detail: { certificateNumber: a[0], oldEmail: 'old-contact@example.com', newEmail: 'new-contact@example.org', linksRevoked: 1 } });

    expect(await setPassword(oldToken, 'Lab12345')).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    const found = await call(lookupInstitutionDef, anonymous, { certificateNumber: a[0], captcha: captcha() });
    expect(found).toMatchObject({ ok: true, data: { maskedEmail: 'ne***@example.org' } });
    const token = await requestLink(a[0], 'new-contact@example.org');
    expect(await setPassword(token, 'Lab12345')).toMatchObject({ ok: true });
  });

  it('refuses an invalid or unchanged email and an unknown row', async () => {
    const a = row();
    await importRows([a]);
    const inst = await registryRow(a[0]);
    expect(await call(changeInstitutionEmailDef, admin, { id: inst.id, email: 'nope' })).toMatchObject({ ok: false, fieldErrors: { email: ['联系邮箱格式不正确'] } });
    expect(await call(changeInstitutionEmailDef, admin, { id: inst.id, email: a[2] })).toMatchObject({ ok: false, fieldErrors: { email: ['新邮箱与当前联系邮箱相同'] } });
    expect(await call(changeInstitutionEmailDef, admin, { id: crypto.randomUUID(), email: newEmail() })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

describe('staff access', () => {
  it('anonymous, applicants and staff without the role are refused, and nothing changes; a module-A reviewer may', async () => {
    const a = row();
    await importRows([a]);
    const inst = await registryRow(a[0]);
    const file = await xlsx([row()]);
    const individual = await actorOf((await createIndividual(h.db)).id);
    const org = await actorOf((await createOrgAccount(h.db)).user.id);
    const finance = await actorOf((await createStaff(h.db, [{ role: 'finance' }])).id);
    const examAdmin = await actorOf((await createStaff(h.db, [{ role: 'exam_admin' }])).id);
    const otherReviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'membership' }])).id);
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    const before = await counts();

    expect(await importAs(anonymous, 'x.xlsx', file)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await call(changeInstitutionEmailDef, anonymous, { id: inst.id, email: newEmail() })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    for (const who of [individual, org, finance, examAdmin, otherReviewer]) {
      expect(canManageInstitutions(who)).toBe(false);
      expect(await importAs(who, 'x.xlsx', file)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await call(changeInstitutionEmailDef, who, { id: inst.id, email: newEmail() })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    expect(await counts()).toEqual(before);
    expect(await registryRow(a[0])).toMatchObject({ contactEmail: a[2] });
    expect(await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'accreditation.institution_email_changed'), eq(auditLog.targetId, inst.id)))).toHaveLength(0);

    expect(canManageInstitutions(reviewer)).toBe(true);
    expect(canManageInstitutions(admin)).toBe(true);
    expect(dataOf(await importAs(reviewer, 'x.xlsx', file))).toMatchObject({ created: 1 });
    expect(await call(changeInstitutionEmailDef, reviewer, { id: inst.id, email: 'by-reviewer@example.com' })).toMatchObject({ ok: true });
  });
});

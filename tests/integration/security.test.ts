import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { applications, auditLog, captchaUses, documents, outbox, rateLimits, sessions, users, verificationCodes } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual } from '@/db/seed/factories';
import { randomCreditCode, randomMobile, randomResidentId } from '@/db/seed/identity-data';
import { authenticateWithPassword, authenticateWithSms, LOGIN_LIMITS } from '@/lib/platform/auth/authenticate';
import { createChallenge, encodeSolution, solveChallenge } from '@/lib/platform/auth/captcha';
import { sendSmsCode } from '@/lib/platform/auth/sms-codes';
import { invokeAction } from '@/lib/platform/auth/action-core';
import { requestResetCodeDef, requestResetEmailDef, RESET_LIMITS, resetBySmsDef } from '@/lib/modules/account/services/recover-password';
import { requestSmsCodeDef } from '@/lib/modules/account/services/request-sms-code';
import { TAKEN_ANSWERS } from '@/lib/modules/account/services/taken-answers';
import { auditWorkbook } from '@/lib/modules/staff-admin/services/audit-export';
import { exportAudit, searchAudit } from '@/lib/modules/staff-admin/services/audit-search';
import { createOrgAccount, createStaff } from '@/db/seed/factories';
import { VERIFY_LIMITS, verifyLookup } from '@/lib/platform/verify';
import { processPhoto } from '@/lib/modules/exam/photo/services/process-photo';
import { updateProfileDef } from '@/lib/modules/account/services/account-settings';
import { jpegPhoto } from '../helpers/photos';
import { ISSUED_FORM_SLOT } from '@/lib/platform/pdf/verify';
import { actorOf } from '../helpers/actors';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { loadActor } from '@/lib/platform/auth/actor';
import { pruneExpired } from '@/lib/platform/prune';
import { contentSecurityPolicy, staticSecurityHeaders } from '@/lib/platform/http/security-headers';
import { parseEnv } from '@/lib/platform/env';
import os from 'node:os';
import { randomEmbeddedCredentials, startEmbeddedS3, Storage } from '@/lib/platform/storage';
import { createTestStorage } from '../helpers/storage';
import { completeUpload, requestUpload } from '@/lib/platform/documents';
import { PERSONAL_FILES_SLOT } from '@/lib/platform/documents/slots';
import { sweepStorage, SWEEP_GRACE_HOURS } from '@/lib/platform/documents/sweep';
import { registerIndividualDef } from '@/lib/modules/account/services/register-individual';
import { registerOrganizationDef } from '@/lib/modules/account/services/register-organization';
import { toFailure } from '@/lib/platform/errors';
import { clientIpOf, installClientIpHook } from '@/lib/platform/http/client-ip';
import { createTestDb } from '../helpers/db';

/**
 * Security hardening (issue #15): one describe per finding, each on the
 * domain functions (and, where the finding is about the request itself, a
 * real HTTP server) with this file's own database.
 */
const SECRET = 'test-secret-0123456789-0123456789-abcdef';
process.env.AUTH_SECRET = SECRET;
process.env.CAPTCHA_MAX_NUMBER = '500';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

const ctx = { ip: '10.0.0.1', userAgent: 'vitest', secret: SECRET };
const captcha = () => encodeSolution(solveChallenge(createChallenge(SECRET, 500))!);
const smsOpts = { ttlMinutes: 10, dailyCap: 10, resendSeconds: 60 };
const anonymous = async () => ({ kind: 'anonymous' }) as const;
/** Calls a public action as an anonymous visitor from `ip`. */
const callPublic = (def: Parameters<typeof invokeAction>[0], input: unknown, ip = '10.9.9.9') => invokeAction(def, { db: h.db, actor: anonymous, ip, locale: 'zh-CN' }, input);

/** The newest message the local outbox holds for a recipient. */
async function lastMessage(to: string) {
  const [row] = await h.db.select().from(outbox).where(sql`${outbox.payload}->>'to' = ${to}`).orderBy(sql`${outbox.id} desc`).limit(1);
  return row?.payload as { params?: { code?: string } } | undefined;
}

const password = (identifier: string, pw: string, ip = ctx.ip) =>
  authenticateWithPassword(h.db, { identifier, password: pw, captcha: captcha(), audience: 'applicant' }, { ...ctx, ip }).catch((e: unknown) => e);

/** A real HTTP server whose handler signs in by SMS with the client address the app would use. */
async function loginServer() {
  installClientIpHook(0);
  const server = http.createServer(async (req, res) => {
    const ip = clientIpOf(req.headers);
    const url = new URL(req.url ?? '/', 'http://x');
    try {
      await authenticateWithSms(h.db, { identifier: url.searchParams.get('id') ?? '', mobile: randomMobile(), code: '000000', audience: 'applicant' }, { ip, secret: SECRET });
      res.end(JSON.stringify({ ip, code: 'OK' }));
    } catch (e) {
      res.end(JSON.stringify({ ip, code: toFailure(e, 'zh-CN').code }));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    get: async (id: string, headers: Record<string, string> = {}) => (await (await fetch(`http://127.0.0.1:${port}/?id=${id}`, { headers })).json()) as { ip: string | null; code: string },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('#4 client addresses: X-Forwarded-For only through trusted proxies', () => {
  it('without a trusted proxy, rotating X-Forwarded-For neither dodges the per-IP sign-in limit nor lands in the audit log', async () => {
    const s = await loginServer();
    try {
      const answers = [];
      for (let i = 0; i <= LOGIN_LIMITS.perIp; i++) {
        answers.push(await s.get(`nobody-${i}`, { 'x-forwarded-for': `203.0.113.${i + 1}`, 'x-real-ip': `198.51.100.${i + 1}` }));
      }
      expect(new Set(answers.map((a) => a.ip))).toEqual(new Set(['127.0.0.1']));
      expect(answers.slice(0, LOGIN_LIMITS.perIp).every((a) => a.code === 'BAD_INPUT')).toBe(true);
      expect(answers[LOGIN_LIMITS.perIp].code).toBe('RATE_LIMITED');
      const forged = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.login_failed'), sql`${auditLog.ip}::text like '203.0.113.%'`));
      expect(forged).toHaveLength(0);
    } finally {
      await s.close();
    }
  });

  it('a client cannot send the address header itself', async () => {
    const header = installClientIpHook(0);
    const s = await loginServer();
    try {
      const r = await s.get('nobody-x', { [header]: '203.0.113.77' });
      expect(r.ip).toBe('127.0.0.1');
    } finally {
      await s.close();
    }
  });
});

describe('#5 sign-in lockout per account, slowing per identifier', () => {
  it('failures by mobile and by ID number add up on the account: the 6th is refused even with the right password, by any identifier', async () => {
    const u = await createIndividual(h.db, { password: 'Secret123' });
    // Before: five by mobile, five more by ID number, and the right password by ID number got in.
    for (const [i, identifier] of [u.mobile!, u.idNumber!, u.mobile!, u.idNumber!, u.mobile!].entries()) {
      expect(await password(identifier, `Wrong${i}x9`, `10.2.0.${i}`)).toMatchObject({ messageKey: 'badCredentials' });
    }
    for (const identifier of [u.idNumber!, u.idNumber!.toLowerCase(), u.mobile!]) {
      expect(await password(identifier, 'Secret123', '10.2.1.1')).toMatchObject({ code: 'RATE_LIMITED', messageKey: 'loginLocked' });
    }
  });

  it('a locked account signs in by SMS, which ends the lock; a password reset by SMS ends it too', async () => {
    const u = await createIndividual(h.db, { password: 'Secret123' });
    const lock = async () => {
      for (const [i, identifier] of [u.mobile!, u.idNumber!, u.mobile!, u.idNumber!, u.mobile!].entries()) await password(identifier, `Wrong${i}x9`);
      expect(await password(u.idNumber!, 'Secret123')).toMatchObject({ messageKey: 'loginLocked' });
    };
    await lock();
    await sendSmsCode(h.db, { mobile: u.mobile!, purpose: 'login' }, smsOpts);
    const r = await authenticateWithSms(h.db, { identifier: u.idNumber!, mobile: u.mobile!, code: (await lastMessage(u.mobile!))!.params!.code!, audience: 'applicant' }, ctx);
    expect(r.userId).toBe(u.id);
    expect(await password(u.idNumber!, 'Secret123')).toMatchObject({ userId: u.id });

    await lock();
    await h.db.delete(rateLimits).where(sql`${rateLimits.key} like 'sms:resend:%'`); // a minute later
    await callPublic(requestResetCodeDef, { identifier: u.idNumber!, mobile: u.mobile!, audience: 'applicant', captcha: captcha() });
    const reset = await callPublic(resetBySmsDef, { identifier: u.idNumber!, mobile: u.mobile!, audience: 'applicant', smsCode: (await lastMessage(u.mobile!))!.params!.code!, password: 'Better1234', confirmPassword: 'Better1234' });
    expect(reset, JSON.stringify(reset)).toMatchObject({ ok: true });
    expect(await password(u.mobile!, 'Better1234')).toMatchObject({ userId: u.id });
  });

  it('one identifier tried again and again is slowed, not locked: after three failures one attempt per interval', async () => {
    const u = await createIndividual(h.db, { password: 'Secret123' });
    for (let i = 0; i < LOGIN_LIMITS.paceAfter; i++) expect(await password(u.mobile!, `Wrong${i}x9`)).toMatchObject({ messageKey: 'badCredentials' });
    expect(await password(u.mobile!, 'Wrong9x9')).toMatchObject({ messageKey: 'badCredentials' });
    const slowed = await password(u.mobile!, 'Secret123');
    expect(slowed).toMatchObject({ code: 'RATE_LIMITED', messageKey: 'loginSlowDown' });
    expect(Number((slowed as { params: { seconds: number } }).params.seconds)).toBeLessThanOrEqual(LOGIN_LIMITS.paceSec);
    // Once the interval has passed, the right password gets in (four failures: not locked).
    await h.db.update(rateLimits).set({ windowStart: sql`now() - interval '1 hour'` }).where(sql`${rateLimits.key} like 'login:pace:%'`);
    expect(await password(u.mobile!, 'Secret123')).toMatchObject({ userId: u.id });
  });

  it('an identifier that names no account answers exactly as an account would', async () => {
    const u = await createIndividual(h.db, { password: 'Secret123' });
    const stranger = randomMobile();
    const answers = async (identifier: string) => {
      const out = [];
      for (let i = 0; i < 6; i++) {
        const r = (await password(identifier, `Wrong${i}x9`)) as { code?: string; messageKey?: string };
        out.push(`${r.code}:${r.messageKey}`);
        await h.db.update(rateLimits).set({ windowStart: sql`now() - interval '1 hour'` }).where(sql`${rateLimits.key} like 'login:pace:%'`);
      }
      return out;
    };
    expect(await answers(stranger)).toEqual(await answers(u.mobile!));
  });
});

describe('#6 an SMS code answers one attempt, whatever its outcome', () => {
  const registration = (over: Record<string, unknown>) => ({ idType: 'resident_id', name: '王芳', email: 'wf@example.com', password: 'Secret123', confirmPassword: 'Secret123', ...over });

  it('a sign-up code tried with a registered ID number is spent: it cannot test a second one', async () => {
    const taken = await createIndividual(h.db);
    const mobile = randomMobile();
    await sendSmsCode(h.db, { mobile, purpose: 'register' }, smsOpts);
    const smsCode = (await lastMessage(mobile))!.params!.code!;
    const first = await callPublic(registerIndividualDef, registration({ idNumber: taken.idNumber, mobile, smsCode }));
    expect(first).toMatchObject({ ok: false, code: 'CONFLICT', fieldErrors: { idNumber: [expect.any(String)] } });
    const fresh = randomResidentId('male');
    const second = await callPublic(registerIndividualDef, registration({ idNumber: fresh, mobile, smsCode }));
    expect(second).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { smsCode: ['短信验证码已失效，请重新获取'] } });
    expect(await h.db.select().from(users).where(eq(users.idNumber, fresh))).toHaveLength(0);
  });

  it('an organization sign-up code refused on a taken credit code is spent too', async () => {
    const creditCode = randomCreditCode();
    const org = { orgName: '杭州测试检测有限公司', contactName: '张三', regionCode: '330106', password: 'Secret123', confirmPassword: 'Secret123' };
    const m1 = randomMobile();
    await sendSmsCode(h.db, { mobile: m1, purpose: 'register' }, smsOpts);
    const ok = await callPublic(registerOrganizationDef, { ...org, mobile: m1, creditCode, smsCode: (await lastMessage(m1))!.params!.code! });
    const m2 = randomMobile();
    await sendSmsCode(h.db, { mobile: m2, purpose: 'register' }, smsOpts);
    const smsCode = (await lastMessage(m2))!.params!.code!;
    const first = await callPublic(registerOrganizationDef, { ...org, mobile: m2, creditCode, smsCode });
    const second = await callPublic(registerOrganizationDef, { ...org, mobile: m2, creditCode: undefined, smsCode });
    expect({ ok: ok.ok, first: first.ok ? 'ok' : first.code, second: second.ok ? 'ok' : second.code }).toEqual({ ok: true, first: 'CONFLICT', second: 'BAD_INPUT' });
  });
});

describe('#7 no answer tells an account from a stranger', () => {
  const sentTo = async (to: string) => (await h.db.select().from(outbox).where(sql`${outbox.payload}->>'to' = ${to}`)).length;

  it('reset by SMS: a right and a wrong account+mobile pair get the same answers at every step, and only the owner gets a code', async () => {
    const u = await createIndividual(h.db);
    const other = randomMobile();
    const ask = (identifier: string, mobile: string) => callPublic(requestResetCodeDef, { identifier, mobile, captcha: captcha() }, '10.7.0.1');
    const own = await ask(u.idNumber!, u.mobile!);
    expect(own).toMatchObject({ ok: true });
    expect(await ask(u.idNumber!, other)).toEqual(own);
    expect(await ask('nobody-at-all', other)).toEqual(own);
    expect(await sentTo(u.mobile!)).toBe(1);
    expect(await sentTo(other)).toBe(0);
    // Asked again at once: "too soon" for both, the pair's own allowance (a stranger cannot use up the owner's).
    const again = await ask(u.idNumber!, u.mobile!);
    expect(again).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect({ ...(await ask(u.idNumber!, other)), message: '' }).toEqual({ ...again, message: '' });

    const code = (await lastMessage(u.mobile!))!.params!.code!;
    const wrong = code === '000000' ? '111111' : '000000';
    const reset = (identifier: string, mobile: string, smsCode: string) =>
      callPublic(resetBySmsDef, { identifier, mobile, smsCode, password: 'Better1234', confirmPassword: 'Better1234' }, '10.7.0.2');
    const rightPair = await reset(u.idNumber!, u.mobile!, wrong);
    expect(rightPair).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { smsCode: [expect.any(String)] } });
    expect(await reset(u.idNumber!, other, wrong)).toEqual(rightPair);
    expect(await reset('nobody-at-all', other, wrong)).toEqual(rightPair);
    // The owner's code works for the owner only.
    const stranger = await createIndividual(h.db);
    expect(await reset(stranger.idNumber!, u.mobile!, code)).toEqual(rightPair);
    expect(await reset(u.idNumber!, u.mobile!, code)).toEqual({ ok: true, data: { done: true } });
  });

  it('reset by SMS is rate limited per address', async () => {
    const answers = [];
    for (let i = 0; i <= RESET_LIMITS.smsResetsPerIp; i++) {
      answers.push(await callPublic(resetBySmsDef, { identifier: `nobody-${i}`, mobile: randomMobile(), smsCode: '123456', password: 'Better1234', confirmPassword: 'Better1234' }, '10.7.1.1'));
    }
    expect(answers.at(-2)).toMatchObject({ code: 'BAD_INPUT' });
    expect(answers.at(-1)).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('reset by email: an account, an account without email and a stranger get the same answer; only the account gets a link', async () => {
    const withEmail = await createIndividual(h.db, { email: `sec-${Date.now()}@example.com` });
    const without = await createIndividual(h.db, { email: null });
    const ask = (identifier: string) => callPublic(requestResetEmailDef, { identifier, captcha: captcha() }, '10.7.2.1');
    const answer = await ask(withEmail.idNumber!);
    expect(answer).toEqual({ ok: true, data: { sent: true } });
    expect(await ask(without.idNumber!)).toEqual(answer);
    expect(await ask('nobody-at-all')).toEqual(answer);
    expect(await sentTo(withEmail.email!)).toBe(1);
    // Limited per typed identifier alike, account or not.
    const limited = async (identifier: string) => {
      let last;
      for (let i = 0; i <= RESET_LIMITS.linkRequestsPerIdentifier; i++) last = await callPublic(requestResetEmailDef, { identifier, captcha: captcha() }, `10.7.3.${i}`);
      return last;
    };
    const account = await limited(withEmail.mobile!);
    expect(account).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect({ ...(await limited('13300000000')), message: '' }).toEqual({ ...account, message: '' });
  });

  it('SMS sign-in: a code is asked for a right and a wrong pair with the same answer; only the owner gets one', async () => {
    const u = await createIndividual(h.db);
    const other = randomMobile();
    const ask = (identifier: string, mobile: string) => callPublic(requestSmsCodeDef, { identifier, mobile, purpose: 'login', audience: 'applicant', captcha: captcha() }, '10.7.4.1');
    const own = await ask(u.idNumber!, u.mobile!);
    expect(own).toMatchObject({ ok: true });
    expect(await ask(u.idNumber!, other)).toEqual(own);
    expect(await sentTo(other)).toBe(0);
  });

  it('sign-up: a registered mobile gets a code like any other; "already registered" comes only after the code is verified, a capped number of times per address', async () => {
    const u = await createIndividual(h.db);
    const ask = (mobile: string) => callPublic(requestSmsCodeDef, { mobile, purpose: 'register', captcha: captcha() }, '10.7.5.1');
    const fresh = randomMobile();
    const answer = await ask(fresh);
    expect(answer).toMatchObject({ ok: true });
    expect(await ask(u.mobile!)).toEqual(answer);
    const registration = (mobile: string, smsCode: string) => ({ idType: 'resident_id', idNumber: randomResidentId('male'), name: '王芳', mobile, smsCode, email: 'wf@example.com', password: 'Secret123', confirmPassword: 'Secret123' });
    // A wrong code says nothing about the number.
    expect(await callPublic(registerIndividualDef, registration(u.mobile!, '000000'), '10.7.5.2')).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { smsCode: [expect.any(String)] } });
    const answers = [];
    for (let i = 0; i <= TAKEN_ANSWERS.perIp; i++) {
      await h.db.delete(rateLimits).where(sql`${rateLimits.key} like 'sms:%'`);
      await sendSmsCode(h.db, { mobile: u.mobile!, purpose: 'register' }, smsOpts);
      answers.push(await callPublic(registerIndividualDef, registration(u.mobile!, (await lastMessage(u.mobile!))!.params!.code!), '10.7.5.3'));
    }
    expect(answers.slice(0, TAKEN_ANSWERS.perIp).every((a) => !a.ok && a.code === 'CONFLICT')).toBe(true);
    expect(answers.at(-1)).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
  });
});

describe('#8 identifiers in the audit log are masked as in lists', () => {
  it('a failed sign-in stores the typed ID number, mobile or email masked; the page and the export show no whole one, old rows included', async () => {
    const u = await createIndividual(h.db, { password: 'Secret123' });
    const stranger = randomResidentId('female');
    for (const identifier of [u.idNumber!, u.mobile!, stranger, 'someone@example.com']) await password(identifier, 'Wrong1234', '10.8.0.1');
    // A row written before masking existed.
    await h.db.insert(auditLog).values({ action: 'auth.login_failed', success: false, detail: { identifier: u.idNumber!, reason: 'bad_password' } });

    const stored = JSON.stringify(await h.db.select({ d: auditLog.detail }).from(auditLog).where(and(eq(auditLog.action, 'auth.login_failed'), sql`${auditLog.ip}::text = '10.8.0.1'`)));
    for (const whole of [u.idNumber!, u.mobile!, stranger, 'someone@example.com']) expect(stored).not.toContain(whole);
    expect(stored).toContain(`${u.idNumber!.slice(0, 3)}***********${u.idNumber!.slice(-4)}`);
    expect(stored).toContain(`${u.mobile!.slice(0, 3)}****${u.mobile!.slice(-4)}`);

    const page = JSON.stringify((await searchAudit(h.db, { action: 'auth.login_failed' })).items);
    const admin = await actorOf(h.db, (await createStaff(h.db, [{ role: 'admin' }])).id);
    const { items } = await exportAudit(h.db, admin, { action: 'auth.login_failed' }, { ip: null });
    expect(items.length).toBeGreaterThanOrEqual(5);
    await exportAudit(h.db, admin, { action: 'auth.login_failed', actor: u.idNumber! }, { ip: null });
    const book = await auditWorkbook(items, { sheetName: 'a', columns: { id: 'id', at: 'at', action: 'action', actionKey: 'k', result: 'r', actorName: 'n', actorUsername: 'u', ip: 'ip', target: 't', detail: 'd' }, success: 'ok', failure: 'no' }, { time: (d) => d.toISOString(), action: (a) => a });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(book as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    // The export of the filter "actor = the whole ID number" is itself recorded, masked.
    const exported = JSON.stringify((await searchAudit(h.db, { action: 'audit.exported' })).items);
    for (const text of [page, cells.join('\n'), exported]) {
      expect(text).not.toContain(u.idNumber!);
      expect(text).not.toContain(u.mobile!);
      expect(text).not.toContain(stranger);
    }
  });
});

describe('#9 /verify answers only for issued documents, and is rate limited', () => {
  it('a sequential application number shows nothing — draft, unverified pre-application or under review — until its form is issued', async () => {
    const { user, org } = await createOrgAccount(h.db);
    const base = 2000000 + Math.floor(Math.random() * 100000);
    const apps = [];
    for (const [i, status] of ['draft', 'unverified', 'pending'].entries()) {
      const [app] = await h.db
        .insert(applications)
        .values({ kind: 'accreditationPreApplication', module: 'accreditation', number: `KY20${base + i}`, status, applicantUserId: user.id, orgId: org.id, applicantName: '杭州华测检测有限公司' })
        .returning();
      apps.push(app);
    }
    for (const app of apps) expect(await verifyLookup(h.db, app.number, '10.9.0.1')).toEqual({ found: [] });
    await h.db.insert(documents).values({ applicationId: apps[2].id, slot: ISSUED_FORM_SLOT, source: 'generated', storageKey: `generated/${apps[2].id}/issued-test.pdf`, fileName: 'f.pdf', contentType: 'application/pdf', size: 1 });
    expect(await verifyLookup(h.db, apps[2].number, '10.9.0.1')).toMatchObject({ found: [{ type: 'application', number: apps[2].number, applicantMasked: '杭州**检测有限公司' }] });
  });

  it('more look-ups than the limit from one address wait', async () => {
    for (let i = 0; i < VERIFY_LIMITS.perIp; i++) expect(await verifyLookup(h.db, `KY2026${String(i).padStart(6, '0')}`, '10.9.1.1')).toEqual({ found: [] });
    const limited = await verifyLookup(h.db, 'KY2026999999', '10.9.1.1');
    expect(limited).toMatchObject({ retryAfterSec: expect.any(Number) });
    expect(await verifyLookup(h.db, 'KY2026999999', '10.9.1.2')).toEqual({ found: [] });
  });
});

describe('#11 odd input gets a clear answer, never INTERNAL', () => {
  const registration = (over: Record<string, unknown>) => ({ idType: 'resident_id', idNumber: randomResidentId('male'), name: '王芳', mobile: randomMobile(), smsCode: '123456', email: 'wf@example.com', password: 'Secret123', confirmPassword: 'Secret123', ...over });

  it('a NUL byte, another control character or a lone surrogate in a name is refused with a field message', async () => {
    for (const name of ['王\u0000芳', '王\u0007芳', '王\uD800芳', '\uDC00王芳']) {
      const r = await callPublic(registerIndividualDef, registration({ name }));
      expect(r, JSON.stringify(name)).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { name: ['含有控制字符或无法识别的字符，请删除后重新填写'] } });
    }
    // A signed-in form too; tabs and line breaks are text.
    const u = await createIndividual(h.db);
    const as = await actorOf(h.db, u.id);
    const r = await invokeAction(updateProfileDef, { db: h.db, actor: async () => as, ip: '10.11.0.1', locale: 'zh-CN' }, { name: '李\u0000四', email: 'x@example.com' });
    expect(r).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { name: [expect.stringContaining('控制字符')] } });
  });

  it('a sign-in identifier of several kilobytes, or with a NUL byte, is a failed sign-in: counted and audited, not an error', async () => {
    for (const identifier of ['x'.repeat(3000), '1380000\u00000001', '\uD800abc']) {
      expect(await password(identifier, 'Wrong1234', '10.11.1.1')).toMatchObject({ code: 'UNAUTHENTICATED', messageKey: 'badCredentials' });
      const sms = await authenticateWithSms(h.db, { identifier, mobile: '13800000001', code: '123456', audience: 'applicant' }, { ...ctx, ip: '10.11.1.1' }).catch((e: unknown) => e);
      expect(sms).toMatchObject({ code: 'BAD_INPUT', messageKey: 'smsCodeRejected' });
    }
    const logged = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.login_failed'), sql`${auditLog.ip}::text = '10.11.1.1'`));
    expect(logged).toHaveLength(6);
    expect((logged[0].detail as { identifier: string }).identifier.length).toBeLessThanOrEqual(64);
    const [ip] = await h.db.select().from(rateLimits).where(eq(rateLimits.key, 'login:ip:10.11.1.1'));
    expect(ip.count).toBe(6);
  });

  it('a 20000×20000 JPEG is refused for its pixels, not as "not a JPEG"', async () => {
    const buf = Buffer.from(await jpegPhoto());
    const sof = buf.indexOf(Buffer.from([0xff, 0xc0]));
    buf.writeUInt16BE(20000, sof + 5);
    buf.writeUInt16BE(20000, sof + 7);
    const e = await processPhoto(buf).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'BAD_INPUT', messageKey: 'examPhoto.errors.tooManyPixels' });
  });
});

describe('#12 headers, session lifetime, pruning', () => {
  it('a session ends after its absolute lifetime (default 7 days) however often it was refreshed', async () => {
    const u = await createIndividual(h.db);
    const [young] = await h.db.insert(sessions).values({ userId: u.id, method: 'password', createdAt: sql`now() - interval '6 days 23 hours'` }).returning();
    const [old] = await h.db.insert(sessions).values({ userId: u.id, method: 'password', createdAt: sql`now() - interval '7 days 1 minute'` }).returning();
    expect((await loadActor(h.db, u.id, young.id)).kind).toBe('individual');
    expect((await loadActor(h.db, u.id, old.id)).kind).toBe('anonymous');
    expect((await loadActor(h.db, u.id, young.id, { absoluteHours: 24 })).kind).toBe('anonymous');
  });

  it('expired rate-limit windows, captcha uses, SMS codes and link tokens are pruned; live ones stay', async () => {
    await h.db.insert(rateLimits).values([
      { key: 'prune:old', windowStart: sql`now() - interval '3 days'`, count: 1 },
      { key: 'prune:live', count: 1 },
    ]);
    await h.db.insert(captchaUses).values([
      { signature: 'prune-old', expiresAt: sql`now() - interval '1 minute'` },
      { signature: 'prune-live', expiresAt: sql`now() + interval '5 minutes'` },
    ]);
    await h.db.insert(verificationCodes).values([
      { purpose: 'login', target: '13900000001', codeHash: 'x', expiresAt: sql`now() - interval '2 days'` },
      { purpose: 'login', target: '13900000002', codeHash: 'x', expiresAt: sql`now() + interval '5 minutes'` },
    ]);
    const r = await pruneExpired(h.db);
    expect(r.rateLimits).toBeGreaterThanOrEqual(1);
    const keys = (await h.db.select().from(rateLimits).where(sql`${rateLimits.key} like 'prune:%'`)).map((x) => x.key);
    expect(keys).toEqual(['prune:live']);
    expect((await h.db.select().from(captchaUses).where(sql`${captchaUses.signature} like 'prune-%'`)).map((x) => x.signature)).toEqual(['prune-live']);
    expect((await h.db.select().from(verificationCodes).where(sql`${verificationCodes.target} in ('13900000001', '13900000002')`)).map((x) => x.target)).toEqual(['13900000002']);
  });

  it('a nonce-based CSP, Permissions-Policy, and HSTS only when APP_URL is https', () => {
    const e = parseEnv({ NODE_ENV: 'production', APP_URL: 'https://accredit.example.cn', S3_ENDPOINT: 'https://oss-cn-hangzhou.aliyuncs.com', S3_ACCESS_KEY_ID: 'a', S3_SECRET_ACCESS_KEY: 'b' });
    const csp = contentSecurityPolicy('bm9uY2U=', e);
    expect(csp).toContain("script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain('connect-src \'self\' https://oss-cn-hangzhou.aliyuncs.com');
    expect(staticSecurityHeaders(e)).toMatchObject({ 'Strict-Transport-Security': expect.stringContaining('max-age='), 'Permissions-Policy': expect.stringContaining('camera=()') });
    expect(staticSecurityHeaders(parseEnv({}))).not.toHaveProperty('Strict-Transport-Security');
  });

  it('every route handler goes through the route gate (defineRoute), which refuses accounts that must change their password', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else if (e.name === 'route.ts') files.push(path.join(d, e.name));
      }
    };
    walk(path.resolve(__dirname, '../../app'));
    // exportRoute (a staff list's Excel export) is defineRoute with the export around it.
    const exportRouteSource = fs.readFileSync(path.resolve(__dirname, '../../lib/platform/http/export-route.ts'), 'utf8');
    expect(exportRouteSource).toMatch(/return Object\.assign\(defineRoute<[^>]*>\(definition\)/);
    const bypass = files.filter((f) => !/\b(defineRoute|exportRoute)\(/.test(fs.readFileSync(f, 'utf8')) && !f.includes('[...nextauth]'));
    expect(files.length).toBeGreaterThan(10);
    expect(bypass).toEqual([]);
    // The gate itself: tests/integration/route-handler.test.ts ("generated credentials … 403 mustChangePassword").
  });
});

describe('#2 the embedded S3 server: loopback only, signed requests only, CORS for the app only', () => {
  it('refuses unsigned list, get, put and delete, and requests signed with other credentials; presigned URLs and the app work', async () => {
    const s = await createTestStorage();
    try {
      await s.storage.put('files/secret.txt', 'secret', 'text/plain');
      const base = `${s.server.endpoint}/test-bucket`;
      for (const [method, url] of [['GET', `${base}?list-type=2`], ['GET', `${base}/files/secret.txt`], ['PUT', `${base}/files/evil.txt`], ['DELETE', `${base}/files/secret.txt`], ['GET', s.server.endpoint]] as const) {
        const r = await fetch(url, { method, body: method === 'PUT' ? 'evil' : undefined });
        expect(r.status, `${method} ${url}`).toBe(403);
        expect(await r.text()).toContain('AccessDenied');
      }
      // Someone else's credentials (s3rver's well-known default ones included) sign nothing here.
      const other = new Storage({ endpoint: s.server.endpoint, region: 'us-east-1', bucket: 'test-bucket', ...randomEmbeddedCredentials(), forcePathStyle: true, requestTimeoutMs: 2000 });
      await expect(other.get('files/secret.txt')).rejects.toBeTruthy();
      other.destroy();
      // A presigned GET works until tampered with.
      const url = await s.storage.presignGet('files/secret.txt', { expiresIn: 60 });
      expect(await (await fetch(url)).text()).toBe('secret');
      expect((await fetch(url.replace('secret.txt', 'other.txt'))).status).toBe(403);
      expect((await fetch(url.replace(/X-Amz-Signature=[0-9a-f]{4}/, 'X-Amz-Signature=0000'))).status).toBe(403);
      expect(Buffer.from((await s.storage.get('files/secret.txt'))!).toString()).toBe('secret');
      expect(await s.storage.head('files/evil.txt')).toBeNull();
    } finally {
      await s.close();
    }
  });

  it('listens on loopback only, and answers CORS preflights for the app\'s origin only', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accredit-s3-cors-'));
    const server = await startEmbeddedS3({ dir, port: 0, bucket: 'b', credentials: randomEmbeddedCredentials(), allowedOrigins: ['http://localhost:3000'] });
    try {
      const preflight = (origin: string) => fetch(`${server.endpoint}/b/uploads/x`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'PUT' } });
      const ok = await preflight('http://localhost:3000');
      expect(ok.status).toBe(200);
      expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
      const evil = await preflight('https://evil.example');
      expect(evil.headers.get('access-control-allow-origin')).toBeNull();
      const external = Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
      if (external) await expect(fetch(`http://${external.address}:${server.port}/`, { signal: AbortSignal.timeout(2000) })).rejects.toBeTruthy();
    } finally {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('#10 uploads are bound to their declared size; abandoned objects are removed', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

  it('a 20 MB PUT against a 100-byte grant is refused by the storage and nothing is kept', async () => {
    const s = await createTestStorage();
    try {
      const u = await createIndividual(h.db);
      const actor = await actorOf(h.db, u.id);
      const grant = await requestUpload(h.db, s.storage, actor, { slot: PERSONAL_FILES_SLOT, fileName: 'a.pdf', size: 100, contentType: 'application/pdf' });
      const big = Buffer.alloc(20 * 1024 * 1024, 0x20);
      PDF.copy(big);
      const put = await fetch(grant.url, { method: 'PUT', body: big, headers: grant.headers });
      expect(put.status).toBe(403);
      const key = new URL(grant.url).pathname.split(`/${s.storage.bucket}/`)[1];
      expect(await s.storage.head(key)).toBeNull();
      // A storage that let it through anyway: the completion finds another size, deletes it and refuses.
      await s.storage.put(key, PDF, 'application/pdf');
      const done = await completeUpload(h.db, s.storage, actor, { ticket: grant.ticket }).catch((e: unknown) => e);
      expect(done).toMatchObject({ code: 'BAD_INPUT', messageKey: 'documents.errors.sizeMismatch' });
      expect(await s.storage.head(key)).toBeNull();
      // The declared size goes through.
      const ok = await requestUpload(h.db, s.storage, actor, { slot: PERSONAL_FILES_SLOT, fileName: 'b.pdf', size: PDF.byteLength, contentType: 'application/pdf' });
      expect((await fetch(ok.url, { method: 'PUT', body: PDF, headers: ok.headers })).status).toBe(200);
      expect(await completeUpload(h.db, s.storage, actor, { ticket: ok.ticket })).toMatchObject({ fileName: 'b.pdf' });
    } finally {
      await s.close();
    }
  });

  it('the sweep removes staging objects never completed and files no document names, after the grace period only', async () => {
    const s = await createTestStorage();
    try {
      const u = await createIndividual(h.db);
      const actor = await actorOf(h.db, u.id);
      const ok = await requestUpload(h.db, s.storage, actor, { slot: PERSONAL_FILES_SLOT, fileName: 'kept.pdf', size: PDF.byteLength, contentType: 'application/pdf' });
      await fetch(ok.url, { method: 'PUT', body: PDF, headers: ok.headers });
      const kept = await completeUpload(h.db, s.storage, actor, { ticket: ok.ticket });
      const [row] = await h.db.select().from(documents).where(eq(documents.id, kept.id));
      await s.storage.put('uploads/00000000-0000-4000-8000-000000000001', PDF, 'application/pdf');
      await s.storage.put('files/00000000-0000-4000-8000-000000000002', PDF, 'application/pdf');

      expect(await sweepStorage(h.db, s.storage)).toEqual({ staging: 0, orphans: 0 });
      const later = new Date(Date.now() + (SWEEP_GRACE_HOURS + 1) * 3600_000);
      expect(await sweepStorage(h.db, s.storage, later)).toEqual({ staging: 1, orphans: 1 });
      expect(await s.storage.head('uploads/00000000-0000-4000-8000-000000000001')).toBeNull();
      expect(await s.storage.head('files/00000000-0000-4000-8000-000000000002')).toBeNull();
      expect(await s.storage.head(row.storageKey)).toMatchObject({ size: PDF.byteLength });
    } finally {
      await s.close();
    }
  });
});

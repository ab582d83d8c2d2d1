import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, sql } from 'drizzle-orm';
import { auditLog, organizations, outbox, rateLimits, users } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { randomMobile } from '@/db/seed/identity-data';
import { invokeAction } from '@/lib/platform/auth/action-core';
import { verifyPassword } from '@/lib/platform/auth/password';
import { sendSmsCode } from '@/lib/platform/auth/sms-codes';
import { organizationRegistrationSchema } from '@/lib/modules/account/organization-schemas';
import { registerOrganizationDef } from '@/lib/modules/account/services/register-organization';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from '@/lib/reference/validators';
import { createTestDb } from '../helpers/db';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

const smsOpts = { ttlMinutes: 10, dailyCap: 10, resendSeconds: 60 };
const env = () => ({ db: h.db, actor: async () => ({ kind: 'anonymous' }) as const, ip: '10.0.0.9', locale: 'zh-CN' as const });

/** A valid, random unified social credit code (企业, region 330106). */
function randomCreditCode(): string {
  const body = `91330106${Array.from({ length: 9 }, () => CREDIT_CODE_CHARSET[crypto.randomInt(0, CREDIT_CODE_CHARSET.length)]).join('')}`;
  return body + creditCodeCheckChar(body);
}

/** Sends a sign-up code to a mobile and reads it back from the SMS outbox, as the phone would. */
async function codeFor(mobile: string): Promise<string> {
  await sendSmsCode(h.db, { mobile, purpose: 'register' }, smsOpts);
  const rows = await h.db.select().from(outbox).where(and(eq(outbox.channel, 'sms'), sql`${outbox.payload}->>'to' = ${mobile}`)).orderBy(sql`${outbox.id} desc`).limit(1);
  return (rows[0].payload as { params: { code: string } }).params.code;
}

function registration(over: Record<string, unknown> = {}) {
  return {
    orgName: '杭州测试检测技术有限公司',
    creditCode: randomCreditCode(),
    mobile: randomMobile(),
    smsCode: '000000',
    password: 'Secret123',
    confirmPassword: 'Secret123',
    contactName: '刘洋',
    landline: '0571-88880000',
    regionCode: '330106',
    address: '浙江省杭州市西湖区文三路100号',
    email: 'org@example.com',
    ...over,
  };
}

async function counts() {
  const orgs = Number((await h.db.select({ n: count() }).from(organizations))[0].n);
  const accounts = Number((await h.db.select({ n: count() }).from(users))[0].n);
  return { orgs, accounts };
}

describe('organization sign-up', () => {
  it('creates one organization and its main account, whose password verifies', async () => {
    const before = await counts();
    const input = registration({ landline: '010-12345678-123', regionCode: '110101' });
    const r = await invokeAction(registerOrganizationDef, env(), { ...input, smsCode: await codeFor(input.mobile) });
    expect(r.ok).toBe(true);
    expect(await counts()).toEqual({ orgs: before.orgs + 1, accounts: before.accounts + 1 });

    const [org] = await h.db.select().from(organizations).where(eq(organizations.creditCode, input.creditCode));
    expect(org).toMatchObject({ name: input.orgName, regionCode: '110101', address: input.address, contactName: '刘洋', contactPhone: input.mobile, landline: '010-12345678-123', email: 'org@example.com' });
    const members = await h.db.select().from(users).where(eq(users.orgId, org.id));
    expect(members).toHaveLength(1);
    const [u] = members;
    expect(u).toMatchObject({ kind: 'organization', isOrgMain: true, status: 'active', name: input.orgName, mobile: input.mobile, email: 'org@example.com', idNumber: null });
    expect(r.ok && r.data).toEqual({ userId: u.id, orgId: org.id });
    expect(await verifyPassword(u.passwordHash!, 'Secret123')).toBe(true);
    expect(await verifyPassword(u.passwordHash!, 'secret123')).toBe(false);
    const logged = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'account.register'), eq(auditLog.actorId, u.id)));
    expect(logged).toHaveLength(1);
    expect(logged[0].detail).toMatchObject({ kind: 'organization', orgId: org.id });
  });

  it('works without the optional fields, which are stored as null', async () => {
    const input = registration({ creditCode: '', landline: '', address: '', email: '' });
    const r = await invokeAction(registerOrganizationDef, env(), { ...input, smsCode: await codeFor(input.mobile) });
    expect(r.ok).toBe(true);
    const [u] = await h.db.select().from(users).where(eq(users.mobile, input.mobile));
    const [org] = await h.db.select().from(organizations).where(eq(organizations.id, u.orgId!));
    expect(org).toMatchObject({ creditCode: null, landline: null, address: null, email: null });
    expect(u.email).toBeNull();
  });

  it('refuses a wrong code and creates nothing', async () => {
    const input = registration();
    const code = await codeFor(input.mobile);
    const before = await counts();
    const r = await invokeAction(registerOrganizationDef, env(), { ...input, smsCode: code === '000000' ? '111111' : '000000' });
    expect(r).toMatchObject({ ok: false, code: 'BAD_INPUT', message: '短信验证码不正确' });
    expect(!r.ok && Object.keys(r.fieldErrors ?? {})).toEqual(['smsCode']);
    expect(await counts()).toEqual(before);
  });

  it('refuses a code used before', async () => {
    const input = registration();
    const code = await codeFor(input.mobile);
    expect((await invokeAction(registerOrganizationDef, env(), { ...input, smsCode: code })).ok).toBe(true);
    const before = await counts();
    const again = await invokeAction(registerOrganizationDef, env(), { ...input, creditCode: randomCreditCode(), smsCode: code });
    expect(again).toMatchObject({ ok: false, code: 'BAD_INPUT', message: '短信验证码已失效，请重新获取' });
    expect(!again.ok && again.fieldErrors?.smsCode).toBeDefined();
    expect(await counts()).toEqual(before);
  });

  it('a taken credit code is a conflict on that field, and spends the code (one code, one attempt: issue #15.6)', async () => {
    const first = registration();
    expect((await invokeAction(registerOrganizationDef, env(), { ...first, smsCode: await codeFor(first.mobile) })).ok).toBe(true);
    const before = await counts();
    // Lower case is the same code: it is stored upper-cased.
    const second = registration({ creditCode: first.creditCode.toLowerCase() });
    const code = await codeFor(second.mobile);
    const r = await invokeAction(registerOrganizationDef, env(), { ...second, smsCode: code });
    expect(r).toMatchObject({ ok: false, code: 'CONFLICT', message: '该统一社会信用代码已注册', fieldErrors: { creditCode: ['该统一社会信用代码已注册'] } });
    expect(await counts()).toEqual(before);
    // The code was spent on that attempt (else one code could test any number of credit codes); a new one works.
    expect(await invokeAction(registerOrganizationDef, env(), { ...second, creditCode: randomCreditCode(), smsCode: code })).toMatchObject({ ok: false, fieldErrors: { smsCode: ['短信验证码已失效，请重新获取'] } });
    await h.db.delete(rateLimits).where(sql`${rateLimits.key} like 'sms:resend:%'`);
    expect((await invokeAction(registerOrganizationDef, env(), { ...second, creditCode: randomCreditCode(), smsCode: await codeFor(second.mobile) })).ok).toBe(true);
  });

  it('refuses invalid input with field errors and changes nothing', async () => {
    const before = await counts();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ creditCode: '91330106MA2H1E6U3X' }, 'creditCode'], // wrong check character
      [{ creditCode: '12345' }, 'creditCode'],
      [{ creditCode: '91330106MA2H1E6UIO' }, 'creditCode'], // I and O are not allowed
      [{ contactName: '' }, 'contactName'],
      [{ contactName: '   ' }, 'contactName'],
      [{ contactName: undefined }, 'contactName'],
      [{ landline: '88880000' }, 'landline'], // no area code
      [{ landline: '571-88880000' }, 'landline'], // area code without 0
      [{ landline: '0571-888800' }, 'landline'], // 6-digit number
      [{ landline: '13800138000' }, 'landline'], // a mobile
      [{ regionCode: '' }, 'regionCode'],
      [{ regionCode: '999999' }, 'regionCode'],
      [{ regionCode: '33010' }, 'regionCode'],
      [{ regionCode: '330000' }, 'regionCode'], // a province with cities: choose further
      [{ orgName: '' }, 'orgName'],
      [{ orgName: '机'.repeat(101) }, 'orgName'],
      [{ address: '路'.repeat(201) }, 'address'],
      [{ email: 'not-an-email' }, 'email'],
      [{ mobile: '12345678901' }, 'mobile'],
      [{ smsCode: '12345' }, 'smsCode'],
      [{ password: 'abcdef', confirmPassword: 'abcdef' }, 'password'],
      [{ confirmPassword: 'Secret124' }, 'confirmPassword'],
    ];
    for (const [over, field] of cases) {
      const r = await invokeAction(registerOrganizationDef, env(), registration(over));
      expect(r.ok, JSON.stringify(over)).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe('BAD_INPUT');
        expect(Object.keys(r.fieldErrors ?? {}), JSON.stringify(over)).toEqual([field]);
      }
    }
    const mismatch = await invokeAction(registerOrganizationDef, env(), registration({ confirmPassword: 'Other123' }));
    expect(!mismatch.ok && mismatch.fieldErrors?.confirmPassword).toEqual(['两次输入的密码不一致']);
    expect(await counts()).toEqual(before);
  });

  it('10 concurrent sign-ups with the same credit code create exactly one organization', async () => {
    const creditCode = randomCreditCode();
    const inputs = [];
    for (let i = 0; i < 10; i++) {
      const mobile = randomMobile();
      inputs.push(registration({ creditCode, mobile, smsCode: await codeFor(mobile) }));
    }
    const before = await counts();
    const results = await Promise.all(inputs.map((i) => invokeAction(registerOrganizationDef, env(), i)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(9);
    for (const r of refused) expect(r).toMatchObject({ ok: false, code: 'CONFLICT', message: '该统一社会信用代码已注册' });
    const n = await h.db.select({ n: count() }).from(organizations).where(eq(organizations.creditCode, creditCode));
    expect(Number(n[0].n)).toBe(1);
    // No orphan: one organization and one main account more, nothing else.
    expect(await counts()).toEqual({ orgs: before.orgs + 1, accounts: before.accounts + 1 });
  });

  it('a mobile already registered is a conflict on the mobile', async () => {
    const first = registration();
    const code = await codeFor(first.mobile);
    expect((await invokeAction(registerOrganizationDef, env(), { ...first, smsCode: code })).ok).toBe(true);
    // A code issued before the mobile was taken (request-sms-code refuses new ones for it).
    const other = randomMobile();
    const otherCode = await codeFor(other);
    await h.db.execute(sql`update verification_codes set target = ${first.mobile} where target = ${other}`);
    const before = await counts();
    const r = await invokeAction(registerOrganizationDef, env(), registration({ mobile: first.mobile, smsCode: otherCode }));
    expect(r).toMatchObject({ ok: false, code: 'CONFLICT', message: '该手机号已注册，一个手机号只能注册一个账户', fieldErrors: { mobile: [expect.any(String)] } });
    expect(await counts()).toEqual(before);
  });
});

describe('organization sign-up schema', () => {
  it('normalizes: upper-cases the credit code, drops landline spaces, empties become undefined', () => {
    const code = randomCreditCode();
    const v = organizationRegistrationSchema.parse(registration({ creditCode: ` ${code.toLowerCase()} `, landline: '0571-8888 0000', address: '  ', email: '' }));
    expect(v).toMatchObject({ creditCode: code, landline: '0571-88880000', address: undefined, email: undefined });
  });

  it('accepts a city without districts and a province-level entry without cities', () => {
    expect(organizationRegistrationSchema.safeParse(registration({ regionCode: '441900' })).success).toBe(true); // 东莞市
    expect(organizationRegistrationSchema.safeParse(registration({ regionCode: '330100' })).success).toBe(true); // 杭州市
    expect(organizationRegistrationSchema.safeParse(registration({ regionCode: '810000' })).success).toBe(true); // 香港
    expect(organizationRegistrationSchema.safeParse(registration({ regionCode: '110000' })).success).toBe(false); // 北京市: choose a district
  });
});

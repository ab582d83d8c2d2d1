import crypto from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { randomMobile, randomResidentId } from '@/db/seed/identity-data';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from '@/lib/reference/validators';

/** Unique, valid identity data for one test. */
export function newPerson(gender: 'male' | 'female' = 'female') {
  return {
    idNumber: randomResidentId(gender),
    mobile: randomMobile(),
    name: '李测试',
    email: `e2e-${crypto.randomBytes(4).toString('hex')}@example.com`,
    password: 'Secret123',
  };
}

/**
 * Reads the newest verification code sent to a mobile from the local mailbox page. With `newerThan`, waits until the
 * newest code is another one: the code a second send produced, not the first still on top because the second
 * message has not been delivered yet.
 */
export async function readSmsCode(page: Page, mobile: string, newerThan?: string): Promise<string> {
  let code = '';
  await expect(async () => {
    await page.goto(`/mailbox?to=${mobile}&channel=sms`);
    const body = await page.getByTestId('mailbox-body').first().textContent({ timeout: 1000 });
    code = /验证码为(\d{6})/.exec(body ?? '')?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/);
    if (newerThan) expect(code).not.toBe(newerThan);
  }).toPass({ timeout: 15_000 });
  return code;
}

/** Passes the proof-of-work human check. */
export async function passCaptcha(page: Page) {
  await page.getByTestId('captcha').click();
  await expect(page.getByTestId('captcha')).toContainText(/验证通过|Verified/, { timeout: 20_000 });
}

/** A sign-up form's common step: the captcha, the SMS code (read from the mailbox in a second tab), the password twice. */
async function smsCodeAndPassword(page: Page, p: { mobile: string; password: string }): Promise<string> {
  await passCaptcha(page);
  await page.getByTestId('send-sms-code').click();
  await expect(page.getByText(`验证码已发送至 ${p.mobile}`)).toBeVisible();
  const phone = await page.context().newPage();
  const code = await readSmsCode(phone, p.mobile);
  await phone.close();
  await page.getByLabel('短信验证码').fill(code);
  await page.getByLabel('密码', { exact: true }).fill(p.password);
  await page.getByLabel('确认密码').fill(p.password);
  return code;
}

/** Signs up a new individual through the registration page (SMS code read from the mailbox). */
export async function registerIndividualViaUi(page: Page, p: ReturnType<typeof newPerson>) {
  await page.goto('/register/individual');
  await page.getByLabel('证件号码').fill(p.idNumber);
  await page.getByLabel('姓名').fill(p.name);
  await page.getByLabel('手机号').fill(p.mobile);
  await page.getByLabel('电子邮箱').fill(p.email);
  const code = await smsCodeAndPassword(page, p);
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page).toHaveURL(/registered=1/);
  return code;
}

/** Signs in with account + password + captcha at the given entry. */
export async function signInWithPassword(page: Page, identifier: string, password: string, entry: 'individual' | 'organization' | 'staff' = 'individual') {
  await page.goto(`/login?as=${entry}`);
  await page.getByLabel('账号').fill(identifier);
  await page.getByLabel('密码').fill(password);
  await passCaptcha(page);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** A valid unified social credit code (check character computed), unique per call. */
export function newCreditCode(): string {
  const body = `91330106${Array.from({ length: 9 }, () => CREDIT_CODE_CHARSET[crypto.randomInt(0, CREDIT_CODE_CHARSET.length)]).join('')}`;
  return body + creditCodeCheckChar(body);
}

/** A new organization registered in Hangzhou signs up (SMS code from the mailbox) and signs in to its portal. */
export async function newEnterprise(page: Page, namePrefix = '杭州培训端到端有限公司', contact: { name: string; phone: string } = { name: '刘洋', phone: '0571-88880000' }) {
  const p = newPerson();
  const orgName = `${namePrefix}${crypto.randomBytes(2).toString('hex')}`;
  await page.goto('/register/organization');
  await page.getByLabel('手机号').fill(p.mobile);
  await smsCodeAndPassword(page, p);
  await page.getByLabel('联系人').fill(contact.name);
  await page.getByLabel('固定电话').fill(contact.phone);
  await page.getByLabel('省', { exact: true }).selectOption({ label: '浙江省' });
  await page.getByLabel('市', { exact: true }).selectOption({ label: '杭州市' });
  await page.getByLabel('区县', { exact: true }).selectOption({ label: '西湖区' });
  await page.getByLabel('详细地址').fill('文三路100号');
  await page.getByLabel('机构名称').fill(orgName);
  await page.getByLabel('统一社会信用代码').fill(newCreditCode());
  await page.getByLabel('电子邮箱').fill(p.email);
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page).toHaveURL(/\/login\?as=organization&registered=1/);
  await signInWithPassword(page, p.mobile, p.password, 'organization');
  await expect(page).toHaveURL(/\/portal$/);
  return { ...p, orgName };
}

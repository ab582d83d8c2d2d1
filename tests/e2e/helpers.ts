import crypto from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { randomMobile, randomResidentId } from '@/db/seed/identity-data';

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

/** Reads the newest verification code sent to a mobile from the local mailbox page. */
export async function readSmsCode(page: Page, mobile: string): Promise<string> {
  let code = '';
  await expect(async () => {
    await page.goto(`/mailbox?to=${mobile}&channel=sms`);
    const body = await page.getByTestId('mailbox-body').first().textContent({ timeout: 1000 });
    code = /验证码为(\d{6})/.exec(body ?? '')?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/);
  }).toPass({ timeout: 15_000 });
  return code;
}

/** Passes the proof-of-work human check. */
export async function passCaptcha(page: Page) {
  await page.getByTestId('captcha').click();
  await expect(page.getByTestId('captcha')).toContainText(/验证通过|Verified/, { timeout: 20_000 });
}

import { expect, test } from '@playwright/test';
import { newPerson, passCaptcha, readSmsCode, registerIndividualViaUi, signInWithPassword } from './helpers';

test.describe('identity: individual', () => {
  test('registers with an SMS code from the mailbox, signs in with password + captcha, signs out, signs in by SMS', async ({ page }) => {
    const p = newPerson('female');

    await page.goto('/register');
    await page.getByRole('link', { name: /个人注册/ }).click();
    await page.getByLabel('证件号码').fill(p.idNumber);
    await page.getByLabel('姓名').fill(p.name);
    await expect(page.getByTestId('derived-identity')).toContainText('女');
    await page.getByLabel('手机号').fill(p.mobile);
    await page.getByLabel('电子邮箱').fill(p.email);
    await passCaptcha(page);
    await page.getByTestId('send-sms-code').click();
    await expect(page.getByText(`验证码已发送至 ${p.mobile}`)).toBeVisible();
    await expect(page.getByTestId('send-sms-code')).toBeDisabled();

    // Read the code in another tab, as a person would glance at their phone.
    const phone = await page.context().newPage();
    const code = await readSmsCode(phone, p.mobile);
    await phone.close();

    await page.getByLabel('短信验证码').fill(code);
    await page.getByLabel('密码', { exact: true }).fill(p.password);
    await page.getByLabel('确认密码').fill(p.password);
    await page.getByRole('button', { name: '注册' }).click();
    await expect(page).toHaveURL(/\/login\?as=individual&registered=1/);
    await expect(page.getByText('注册成功，请登录。')).toBeVisible();

    // Password + captcha.
    await page.getByLabel('账号').fill(p.idNumber);
    await page.getByLabel('密码').fill(p.password);
    await passCaptcha(page);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page).toHaveURL(/\/portal$/);
    await expect(page.getByTestId('current-user')).toHaveText(p.name);
    // An individual sees the individual modules only.
    const nav = page.getByRole('navigation', { name: '申请人中心' }).first();
    await expect(nav.getByRole('link', { name: '全国统一考试' })).toBeVisible();
    await expect(nav.getByRole('link', { name: '鉴定评审' })).toHaveCount(0);

    await page.getByTestId('logout').click();
    await expect(page).toHaveURL(/\/$/);
    await page.goto('/portal');
    await expect(page).toHaveURL(/\/login/);

    // Mobile + SMS code (the resend interval is 2 s on the e2e server).
    await page.waitForTimeout(2500);
    await page.getByRole('tab', { name: '短信验证码登录' }).click();
    await page.getByLabel('账号').fill(p.idNumber);
    await page.getByLabel('手机号').fill(p.mobile);
    await passCaptcha(page);
    await page.getByTestId('send-sms-code').click();
    await expect(page.getByText(`验证码已发送至 ${p.mobile}`)).toBeVisible();
    const phone2 = await page.context().newPage();
    // The login code is a new one: waiting for a code other than the registration's (delivered by the outbox).
    const code2 = await readSmsCode(phone2, p.mobile, code);
    await phone2.close();
    await page.getByLabel('短信验证码').fill(code2);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page).toHaveURL(/\/portal/);
    await expect(page.getByTestId('current-user')).toHaveText(p.name);
  });

  test('a second account for the same ID number is refused with links to login and recovery', async ({ page }) => {
    await page.goto('/register/individual');
    await page.getByLabel('证件号码').fill('11010519491231002X'); // the demo candidate's
    await page.getByLabel('姓名').fill('重复注册');
    const mobile = newPerson().mobile;
    await page.getByLabel('手机号').fill(mobile);
    await page.getByLabel('电子邮箱').fill('dup@example.com');
    await passCaptcha(page);
    await page.getByTestId('send-sms-code').click();
    const phone = await page.context().newPage();
    const code = await readSmsCode(phone, mobile);
    await phone.close();
    await page.getByLabel('短信验证码').fill(code);
    await page.getByLabel('密码', { exact: true }).fill('Secret123');
    await page.getByLabel('确认密码').fill('Secret123');
    await page.getByRole('button', { name: '注册' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '该证件号码已注册' });
    await expect(alert).toBeVisible();
    await expect(alert.getByRole('link', { name: '去登录' })).toHaveAttribute('href', /\/login/);
    await expect(alert.getByRole('link', { name: '找回密码' })).toBeVisible();
    await expect(page.getByTestId('idNumber-error')).toContainText('该证件号码已注册');
  });

  test('invalid ID numbers, mobiles and weak passwords get field messages in the browser', async ({ page }) => {
    await page.goto('/register/individual');
    await page.getByLabel('证件号码').fill('110105194912310021');
    await page.getByLabel('手机号').fill('12345');
    await page.getByLabel('密码', { exact: true }).fill('abcdef');
    await page.getByLabel('确认密码').fill('abcdeg');
    await page.getByRole('button', { name: '注册' }).click();
    await expect(page.getByTestId('idNumber-error')).toContainText('校验');
    await expect(page.getByTestId('mobile-error')).toBeVisible();
    await expect(page.getByTestId('password-error')).toContainText('字母和数字');
    await expect(page.getByTestId('confirmPassword-error')).toContainText('不一致');
  });
});

test.describe('identity: staff', () => {
  test('staff sign in at the staff entry and reach the console; applicants cannot', async ({ page }) => {
    await page.goto('/staff');
    await expect(page).toHaveURL(/\/login\?as=staff/);
    await page.getByLabel('账号').fill('admin');
    await page.getByLabel('密码').fill('Admin1234');
    await passCaptcha(page);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page).toHaveURL(/\/staff$/);
    await expect(page.getByTestId('outbox-counts')).toBeVisible();
  });

  test('an applicant account cannot sign in at the staff entry', async ({ page }) => {
    await page.goto('/login?as=staff');
    await page.getByLabel('账号').fill('candidate');
    await page.getByLabel('密码').fill('Demo1234');
    await passCaptcha(page);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: '账号或密码错误' })).toBeVisible();
    await expect(page).toHaveURL(/as=staff/);
  });
});

test.describe('identity: password change', () => {
  test('changing the password signs out the other browser, keeps this one, and the new password works', async ({ page, browser }) => {
    const p = newPerson('male');
    await registerIndividualViaUi(page, p);
    await signInWithPassword(page, p.mobile, p.password);
    await expect(page).toHaveURL(/\/portal$/);

    const other = await browser.newContext({ locale: 'zh-CN' });
    const otherPage = await other.newPage();
    await signInWithPassword(otherPage, p.idNumber, p.password);
    await expect(otherPage).toHaveURL(/\/portal$/);

    await page.getByRole('link', { name: '修改密码' }).first().click();
    await page.getByLabel('原密码').fill(p.password);
    await page.getByLabel('新密码', { exact: true }).fill('Changed789');
    await page.getByLabel('确认新密码').fill('Changed789');
    await page.getByRole('button', { name: '修改密码' }).click();
    await expect(page.getByRole('status').filter({ hasText: '密码已修改' })).toContainText('已退出该账户在其他 1 处的登录');

    // The other browser is signed out on its next request; this one is not.
    await otherPage.goto('/portal');
    await expect(otherPage).toHaveURL(/\/login/);
    await page.goto('/portal');
    await expect(page.getByTestId('current-user')).toHaveText(p.name);

    await signInWithPassword(otherPage, p.idNumber, p.password);
    await expect(otherPage.getByRole('alert').filter({ hasText: '账号或密码错误' })).toBeVisible();
    await signInWithPassword(otherPage, p.idNumber, 'Changed789');
    await expect(otherPage).toHaveURL(/\/portal$/);
    await other.close();
  });
});

test.describe('identity: forgotten password', () => {
  test('recovers by SMS code, and by an email link that works once', async ({ page, browser }) => {
    const p = newPerson('female');
    await registerIndividualViaUi(page, p);

    await page.goto('/login');
    await page.getByRole('link', { name: '忘记密码' }).click();
    await expect(page).toHaveURL(/\/recover$/);
    await page.getByLabel('账号').fill(p.idNumber);
    await page.getByLabel('账户绑定的手机号').fill(p.mobile);
    await passCaptcha(page);
    await page.waitForTimeout(2500); // the e2e server's resend interval after the sign-up code
    await page.getByTestId('send-sms-code').click();
    await expect(page.getByText(`验证码已发送至 ${p.mobile}`)).toBeVisible();
    const phone = await page.context().newPage();
    await expect(async () => {
      await phone.goto(`/mailbox?to=${p.mobile}&channel=sms`);
      await expect(phone.getByTestId('mailbox-body').first()).toContainText('重置密码');
    }).toPass({ timeout: 15_000 });
    const code = /验证码为(\d{6})/.exec((await phone.getByTestId('mailbox-body').first().textContent())!)![1];
    await phone.close();
    await page.getByLabel('短信验证码').fill(code);
    await page.getByLabel('新密码', { exact: true }).fill('BySms1234');
    await page.getByLabel('确认新密码').fill('BySms1234');
    await page.getByRole('button', { name: '重置密码' }).click();
    await expect(page.getByText('密码已重置')).toBeVisible();
    await signInWithPassword(page, p.mobile, 'BySms1234');
    await expect(page).toHaveURL(/\/portal$/);
    await page.getByTestId('logout').click();
    await expect(page).toHaveURL(/\/$/);

    await page.goto('/recover');
    await page.getByRole('tab', { name: '邮箱链接找回' }).click();
    await page.getByLabel('账号').fill(p.mobile);
    await passCaptcha(page);
    await page.getByRole('button', { name: '发送重置链接' }).click();
    await expect(page.getByRole('status').filter({ hasText: '重置链接已发送至' })).toBeVisible();

    let link = '';
    await expect(async () => {
      await page.goto(`/mailbox?to=${encodeURIComponent(p.email)}&channel=email`);
      link = (await page.getByTestId('mailbox-body').first().getByRole('link').first().getAttribute('href', { timeout: 1000 })) ?? '';
      expect(link).toContain('/recover/reset?token=');
    }).toPass({ timeout: 15_000 });
    // Before the page's scripts run, its button is disabled: a click then would post the form natively and lose
    // what was typed (seen as a flaky run of this test on a slow machine). Opening the page does not use the link.
    const noScript = await browser.newContext({ javaScriptEnabled: false, baseURL: new URL(link).origin });
    const bare = await noScript.newPage();
    await bare.goto(new URL(link).pathname + new URL(link).search);
    await expect(bare.getByRole('button', { name: '重置密码' })).toBeDisabled();
    await noScript.close();
    await page.getByTestId('mailbox-body').first().getByRole('link').first().click();
    await page.getByLabel('新密码', { exact: true }).fill('ByMail1234');
    await page.getByLabel('确认新密码').fill('ByMail1234');
    await page.getByRole('button', { name: '重置密码' }).click();
    await expect(page.getByText('密码已重置')).toBeVisible();
    await signInWithPassword(page, p.idNumber, 'ByMail1234');
    await expect(page).toHaveURL(/\/portal$/);

    // The link works once.
    await page.goto(new URL(link).pathname + new URL(link).search);
    await expect(page.getByTestId('link-invalid')).toContainText('链接无效、已使用或已过期');
  });
});

test.describe('identity: account settings', () => {
  test('changes the mobile with a code sent to the new number and the email with a link sent to the new address', async ({ page }) => {
    const p = newPerson('male');
    await registerIndividualViaUi(page, p);
    await signInWithPassword(page, p.idNumber, p.password);
    await page.getByRole('link', { name: '维护用户信息' }).first().click();
    await expect(page.getByTestId('fixed-identity')).toContainText(p.idNumber.slice(0, 3));

    const next = newPerson().mobile;
    await page.getByLabel('新手机号').fill(next);
    await passCaptcha(page);
    await page.waitForTimeout(2500);
    await page.getByTestId('send-sms-code').click();
    await expect(page.getByText(`验证码已发送至 ${next}`)).toBeVisible();
    const phone = await page.context().newPage();
    const code = await readSmsCode(phone, next);
    await phone.close();
    await page.getByLabel('短信验证码').fill(code);
    await page.getByRole('button', { name: '确认更换' }).click();
    await expect(page.getByText(`手机号已更换为 ${next}`)).toBeVisible();
    await expect(page.getByTestId('current-mobile')).toHaveText(`${next.slice(0, 3)}****${next.slice(-4)}`);

    await page.getByLabel('新邮箱').fill(`changed-${p.email}`);
    await page.getByRole('button', { name: '发送确认邮件' }).click();
    await expect(page.getByRole('status').filter({ hasText: '确认链接已发送至' })).toBeVisible();
    const mail = await page.context().newPage();
    await expect(async () => {
      await mail.goto(`/mailbox?to=${encodeURIComponent(`changed-${p.email}`)}`);
      await expect(mail.getByTestId('mailbox-body').first().getByRole('link')).toHaveAttribute('href', /confirm-email\?token=/, { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await mail.getByTestId('mailbox-body').first().getByRole('link').click();
    await mail.getByRole('button', { name: '确认更换' }).click();
    await expect(mail.getByText(`电子邮箱已更换为 changed-${p.email}`)).toBeVisible();
    await mail.close();
    await page.reload();
    await expect(page.getByTestId('current-email')).toHaveText(`changed-${p.email}`);

    // The new number is the sign-in now.
    await page.getByTestId('logout').click();
    await expect(page).toHaveURL(/\/$/);
    await signInWithPassword(page, next, p.password);
    await expect(page).toHaveURL(/\/portal$/);
  });
});

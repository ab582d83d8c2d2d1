import crypto from 'node:crypto';
import { expect, test } from '@playwright/test';
import { newPerson, passCaptcha, readSmsCode, signInWithPassword, newCreditCode } from './helpers';

test.describe('identity: organization', () => {
  test('registers with an SMS code from the mailbox, signs in with mobile + password and sees the organization modules', async ({ page }) => {
    const p = newPerson();
    const orgName = `杭州端到端检测有限公司${crypto.randomBytes(2).toString('hex')}`;

    await page.goto('/register');
    await page.getByRole('link', { name: /机构注册/ }).click();
    await expect(page.getByRole('heading', { name: '机构注册' })).toBeVisible();

    await page.getByLabel('手机号').fill(p.mobile);
    await passCaptcha(page);
    await page.getByTestId('send-sms-code').click();
    await expect(page.getByText(`验证码已发送至 ${p.mobile}`)).toBeVisible();
    const phone = await page.context().newPage();
    const code = await readSmsCode(phone, p.mobile);
    await phone.close();

    await page.getByLabel('短信验证码').fill(code);
    await page.getByLabel('密码', { exact: true }).fill(p.password);
    await page.getByLabel('确认密码').fill(p.password);
    await page.getByLabel('联系人').fill('刘洋');
    await page.getByLabel('固定电话').fill('0571-88880000');
    await page.getByLabel('省', { exact: true }).selectOption({ label: '浙江省' });
    await page.getByLabel('市', { exact: true }).selectOption({ label: '杭州市' });
    await page.getByLabel('区县', { exact: true }).selectOption({ label: '西湖区' });
    await page.getByLabel('详细地址').fill('文三路100号');
    await page.getByLabel('机构名称').fill(orgName);
    await page.getByLabel('统一社会信用代码').fill(newCreditCode());
    await page.getByLabel('电子邮箱').fill(p.email);
    await page.getByRole('button', { name: '注册' }).click();
    await expect(page).toHaveURL(/\/login\?as=organization&registered=1/);
    await expect(page.getByText('注册成功，请登录。')).toBeVisible();

    // The mobile is the main account's sign-in name.
    await signInWithPassword(page, p.mobile, p.password, 'organization');
    await expect(page).toHaveURL(/\/portal$/);
    await expect(page.getByTestId('current-user')).toHaveText(orgName);
    const nav = page.getByRole('navigation', { name: '申请人中心' }).first();
    for (const name of ['认可预申请', '企业会员与资质', '鉴定评审']) await expect(nav.getByRole('link', { name })).toBeVisible();
    await expect(nav.getByRole('link', { name: '全国统一考试' })).toHaveCount(0);
  });

  test('the region picker skips placeholder cities; bad input gets field messages in the browser', async ({ page }) => {
    await page.goto('/register/organization');
    // A municipality: no city level, its districts straight away.
    await page.getByLabel('省', { exact: true }).selectOption({ label: '北京市' });
    await expect(page.getByLabel('市', { exact: true })).toHaveCount(0);
    await expect(page.getByLabel('区县', { exact: true }).getByRole('option', { name: '市辖区' })).toHaveCount(0);
    await page.getByLabel('区县', { exact: true }).selectOption({ label: '海淀区' });
    // 仙桃市 sits under a placeholder in the data; it is offered as a city.
    await page.getByLabel('省', { exact: true }).selectOption({ label: '湖北省' });
    await expect(page.getByLabel('市', { exact: true }).getByRole('option', { name: '仙桃市' })).toHaveCount(1);
    await expect(page.getByLabel('市', { exact: true }).getByRole('option', { name: '省直辖县级行政区划' })).toHaveCount(0);

    await page.getByLabel('手机号').fill('12345');
    await page.getByLabel('固定电话').fill('88880000');
    await page.getByLabel('统一社会信用代码').fill('91330106MA2H1E6U3X');
    await page.getByLabel('密码', { exact: true }).fill('Secret123');
    await page.getByLabel('确认密码').fill('Secret124');
    await page.getByRole('button', { name: '注册' }).click();
    await expect(page.getByTestId('mobile-error')).toBeVisible();
    await expect(page.getByTestId('landline-error')).toContainText('固定电话格式不正确');
    await expect(page.getByTestId('creditCode-error')).toContainText('校验位');
    await expect(page.getByTestId('confirmPassword-error')).toContainText('不一致');
    await expect(page.getByTestId('contactName-error')).toBeVisible();
    await expect(page.getByTestId('orgName-error')).toBeVisible();
    await expect(page.getByTestId('regionCode-error')).toContainText('请选择到市或区县');
  });

  test('in English, the same bad input gets its field messages in English', async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('language-switch').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.goto('/register/organization');
    await page.locator('#mobile').fill('12345');
    await page.locator('#landline').fill('88880000');
    await page.locator('#creditCode').fill('91330106MA2H1E6U3X');
    await page.locator('#password').fill('Secret123');
    await page.locator('#confirmPassword').fill('Secret124');
    await page.locator('form button[type=submit]').last().click();
    await expect(page.getByTestId('landline-error')).toContainText('0571-88880000');
    for (const id of ['mobile', 'landline', 'creditCode', 'confirmPassword', 'contactName', 'orgName']) {
      const text = await page.getByTestId(`${id}-error`).textContent();
      expect(text, id).toMatch(/[A-Za-z]/);
      expect(text, id).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

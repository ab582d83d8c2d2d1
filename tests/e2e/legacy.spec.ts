import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { newPerson, passCaptcha, readSmsCode, signInWithPassword, newCreditCode } from './helpers';

/** A one-row import file, written with exceljs to a temp directory. */
async function legacyFixture(row: string[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('老系统用户');
  ws.addRow(['账号', '密码', '单位名称', '统一社会信用代码', '联系人', '联系电话', '所在地区代码']);
  ws.addRow(row);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'legacy-e2e-')), '老系统用户.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

test.describe('legacy accounts', () => {
  test('an admin imports an xlsx; the old user activates with a new mobile and signs in with it and the old password', async ({ page, browser }) => {
    const tag = crypto.randomBytes(3).toString('hex');
    const old = { username: `old_${tag}`, password: 'OldPass1', orgName: `宁波老系统检测有限公司${tag}` };
    const file = await legacyFixture([old.username, old.password, old.orgName, newCreditCode(), '陈工', '0574-87654321', '330203']);

    // Staff: import.
    await signInWithPassword(page, 'admin', 'Admin1234', 'staff');
    await expect(page).toHaveURL(/\/staff$/);
    await page.goto('/staff/legacy');
    await expect(page.getByRole('heading', { name: '老系统用户导入' })).toBeVisible();
    await page.getByLabel('导入文件').setInputFiles(file);
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: '导入成功，共导入 1 个老系统账户。' })).toBeVisible();

    // The old user, in another browser.
    const ctx = await browser.newContext({ locale: 'zh-CN' });
    const user = await ctx.newPage();
    await user.goto('/login?as=organization');
    await user.getByRole('link', { name: '老系统用户激活' }).click();
    await expect(user).toHaveURL(/\/activate$/);
    await user.getByLabel('老系统账号').fill(old.username);
    await user.getByLabel('老系统密码').fill('Wrong999');
    await user.getByRole('button', { name: '下一步' }).click();
    await expect(user.getByRole('alert').filter({ hasText: '账号或密码错误' })).toBeVisible();
    await user.getByLabel('老系统密码').fill(old.password);
    await user.getByRole('button', { name: '下一步' }).click();
    await expect(user.getByTestId('legacy-org-name')).toContainText(old.orgName);

    const { mobile } = newPerson();
    await user.getByLabel('手机号').fill(mobile);
    await passCaptcha(user);
    await user.getByTestId('send-sms-code').click();
    await expect(user.getByText(`验证码已发送至 ${mobile}`)).toBeVisible();
    const phone = await ctx.newPage();
    const code = await readSmsCode(phone, mobile);
    await phone.close();
    await user.getByLabel('短信验证码').fill(code);
    await user.getByRole('button', { name: '激活', exact: true }).click();
    await expect(user.getByRole('status').filter({ hasText: '账户已激活' })).toContainText(mobile);

    // The mobile is now the login; the password is the old one.
    await user.getByRole('link', { name: '去登录' }).first().click();
    await expect(user).toHaveURL(/\/login\?as=organization/);
    await signInWithPassword(user, mobile, old.password, 'organization');
    await expect(user).toHaveURL(/\/portal$/);
    await expect(user.getByTestId('current-user')).toHaveText(old.orgName);
    await ctx.close();
  });
});

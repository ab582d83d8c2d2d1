import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { passCaptcha, signInWithPassword } from './helpers';

/** A registry file written with exceljs to a temp directory. */
async function registryFile(rows: string[][], ext: 'xlsx' | 'csv' = 'xlsx'): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'registry-e2e-')), `已获认可机构.${ext}`);
  const header = ['证书编号', '机构名称', '联系邮箱'];
  if (ext === 'csv') {
    fs.writeFileSync(file, `\uFEFF${[header, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`);
    return file;
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名录');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
  return file;
}

function newInstitution() {
  const digits = crypto.randomInt(10_000_000, 99_999_999);
  const tag = crypto.randomBytes(3).toString('hex');
  return { cert: `CNAS L${digits}`, username: `cnasl${digits}`, name: `苏州示范校准检测中心${tag}`, email: `lab-${tag}@example.com` };
}

async function openRegistry(page: Page) {
  await signInWithPassword(page, 'admin', 'Admin1234', 'staff');
  await expect(page).toHaveURL(/\/staff$/);
  await page.goto('/staff/accreditation/institutions');
  await expect(page.getByRole('heading', { name: '已获认可机构名录' })).toBeVisible();
}

async function importFile(page: Page, file: string) {
  await page.getByLabel('导入文件').setInputFiles(file);
  await page.getByRole('button', { name: '导入', exact: true }).click();
}

const rowOf = (page: Page, cert: string) => page.getByTestId('institution-table').locator(`tr[data-certificate="${cert}"]`);

test.describe('accredited institutions', () => {
  test('staff import the registry; the institution gets a password by certificate number, signs in, and the link works once', async ({ page, browser }) => {
    const inst = newInstitution();
    const masked = `${inst.email.slice(0, 2)}***@example.com`;

    // Staff: import one institution from an xlsx.
    await openRegistry(page);
    await importFile(page, await registryFile([[inst.cert, inst.name, inst.email]]));
    await expect(page.getByRole('status').filter({ hasText: '导入成功：新增 1 家，更新 0 家，未变化 0 家；新建机构账户 1 个。' })).toBeVisible();
    await page.getByLabel('证书编号或机构名称').fill(inst.cert.toLowerCase().replace(' ', ''));
    await page.getByRole('button', { name: '搜索' }).click();
    await expect(rowOf(page, inst.cert)).toContainText(inst.email);
    await expect(rowOf(page, inst.cert)).toContainText(inst.username);
    await expect(rowOf(page, inst.cert)).toContainText('未设置密码');

    // The institution, in another browser: certificate number → masked email → send.
    const ctx = await browser.newContext({ locale: 'zh-CN' });
    const user = await ctx.newPage();
    await user.goto('/accreditation/retrieve');
    await expect(user.getByRole('heading', { name: '已获认可机构获取密码' })).toBeVisible();
    await user.getByLabel('证书编号').fill(`cnas l${inst.cert.slice(6)}`);
    await passCaptcha(user);
    await user.getByRole('button', { name: '下一步' }).click();
    await expect(user.getByTestId('institution-name')).toHaveText(inst.name);
    await expect(user.getByTestId('masked-email')).toHaveText(masked);
    await expect(user.getByText(inst.email)).toHaveCount(0);
    await expect(user.getByTestId('support-contacts')).toContainText('联系方式：邮箱');
    await user.getByRole('button', { name: '发送设置密码邮件' }).click();
    await expect(user.getByRole('status').filter({ hasText: `设置密码的邮件已发送至 ${masked}` })).toContainText('24 小时');

    // The email, read from the local mailbox.
    let link = '';
    await expect(async () => {
      await user.goto(`/mailbox?to=${encodeURIComponent(inst.email)}&channel=email`);
      link = (await user.getByTestId('mailbox-body').first().getByRole('link').first().getAttribute('href', { timeout: 1000 })) ?? '';
      expect(link).toContain('/accreditation/retrieve/reset?token=');
    }).toPass({ timeout: 15_000 });
    await expect(user.getByTestId('mailbox-body').first()).toContainText(`机构账户登录名：${inst.username}`);
    await user.getByTestId('mailbox-body').first().getByRole('link').first().click();

    // New password twice.
    await expect(user.getByTestId('institution-username')).toHaveText(inst.username);
    await user.getByLabel('新密码', { exact: true }).fill('Inst12345');
    await user.getByLabel('确认新密码').fill('Inst12345');
    await user.getByRole('button', { name: '重置密码' }).click();
    await expect(user.getByRole('status').filter({ hasText: '密码已设置' })).toContainText(inst.username);
    await user.getByRole('link', { name: '去登录' }).click();
    await expect(user).toHaveURL(/\/login\?as=organization/);

    await signInWithPassword(user, inst.username, 'Inst12345', 'organization');
    await expect(user).toHaveURL(/\/portal$/);
    await expect(user.getByTestId('current-user')).toHaveText(inst.name);

    // The link works once.
    const used = new URL(link);
    await user.goto(used.pathname + used.search);
    await expect(user.getByTestId('link-invalid')).toContainText('链接无效、已使用或已过期');
    await ctx.close();

    await page.reload();
    await expect(rowOf(page, inst.cert)).toContainText('已设置密码');
  });

  test('a file with a bad row imports nothing; staff change a contact email after confirming, and retrieval shows the new one', async ({ page, browser }) => {
    const a = newInstitution();
    const b = newInstitution();
    await openRegistry(page);

    await importFile(page, await registryFile([[a.cert, a.name, a.email], [b.cert, b.name, 'not-an-email']], 'csv'));
    const errors = page.getByTestId('institution-import-errors');
    await expect(errors).toContainText('联系邮箱格式不正确（not-an-email）');
    await expect(errors.locator('tbody tr')).toHaveCount(1);
    await expect(errors.locator('tbody tr td').first()).toHaveText('3');
    await page.getByLabel('证书编号或机构名称').fill(a.cert);
    await page.getByRole('button', { name: '搜索' }).click();
    await expect(page.getByText('没有符合条件的机构')).toBeVisible();

    await importFile(page, await registryFile([[a.cert, a.name, a.email]], 'csv'));
    await expect(page.getByRole('status').filter({ hasText: '导入成功：新增 1 家' })).toBeVisible();
    await page.reload();
    const row = rowOf(page, a.cert);
    await row.getByRole('button', { name: /修改联系邮箱/ }).click();
    const newEmail = `changed-${a.email}`;
    await row.getByLabel(`${a.name} 的新联系邮箱`).fill(newEmail);
    await row.getByRole('button', { name: '保存' }).click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toContainText(`由 ${a.email} 改为 ${newEmail}`);
    await dialog.getByRole('button', { name: '确认修改' }).click();
    await expect(page.getByRole('status').filter({ hasText: `已将 ${a.name} 的联系邮箱修改为 ${newEmail}` })).toBeVisible();
    await expect(row).toContainText(newEmail);

    const ctx = await browser.newContext({ locale: 'zh-CN' });
    const user = await ctx.newPage();
    await user.goto('/accreditation/retrieve');
    await user.getByLabel('证书编号').fill(a.cert);
    await passCaptcha(user);
    await user.getByRole('button', { name: '下一步' }).click();
    await expect(user.getByTestId('masked-email')).toHaveText('ch***@example.com');

    // An unknown number: a clear message, nothing else.
    await user.getByRole('button', { name: '重新输入证书编号' }).click();
    await user.getByLabel('证书编号').fill(newInstitution().cert);
    await passCaptcha(user);
    await user.getByRole('button', { name: '下一步' }).click();
    await expect(user.getByRole('alert').filter({ hasText: '未找到该证书编号对应的已获认可机构' })).toBeVisible();
    await expect(user.getByTestId('masked-email')).toHaveCount(0);
    await ctx.close();
  });
});

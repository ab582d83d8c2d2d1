import crypto from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { pdfText, squash } from '../helpers/pdf-text';
import { signInWithPassword, newEnterprise } from './helpers';
import { expectAccessible } from './axe';

/**
 * Module E end to end (issue 14), as a new unit would: it signs up, its main
 * account grants a sub-account module E (and another one something else);
 * the sub-account creates a project, saves and submits it; the planner passes
 * the pre-review; the unit invites a date 3 days ahead (disabled in the
 * picker and, forced through the request, refused by the server) and then 10
 * days ahead; the planner approves; the unit previews the negotiation letter
 * (real Chinese text), uploads the stamped PDF and submits; the planner issues
 * the notice with a team and leader; the unit confirms; the leader uploads the
 * on-site materials and concludes 材料整改后通过; the unit uploads its
 * rectification; the planner accepts; the unit scores the team. The
 * sub-account without module E reaches none of it.
 */

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/** A calendar date in Beijing, `days` from now (what the unit's picker works in). */
const beijing = (days: number) => new Date(Date.now() + days * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);

/** The main account creates a sub-account granted `module`; returns its username. */
async function createSub(page: Page, name: string, module: string) {
  const username = `e2erev${crypto.randomBytes(3).toString('hex')}`;
  await page.goto('/portal/account/sub-accounts');
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('登录名').fill(username);
  await page.getByLabel('初始密码').fill('Init1234');
  await page.getByRole('group', { name: '可办理业务', exact: true }).getByLabel(module).check();
  await page.getByRole('button', { name: '创建子账户' }).click();
  await expect(page.getByRole('status').filter({ hasText: '子账户已创建' })).toBeVisible();
  return username;
}

/** A sub-account's first sign-in: the initial password is changed before anything else. */
async function subSignIn(browser: Browser, username: string) {
  const page = await (await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
  await signInWithPassword(page, username, 'Init1234', 'organization');
  await expect(page).toHaveURL(/\/portal\/account\/password$/);
  await page.getByLabel('原密码').fill('Init1234');
  await page.getByLabel('新密码', { exact: true }).fill('Mine5678');
  await page.getByLabel('确认新密码').fill('Mine5678');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page).toHaveURL(/\/portal\?passwordChanged=1$/);
  return page;
}

async function staffSignIn(browser: Browser, username: string, password: string) {
  const page = await (await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
  await signInWithPassword(page, username, password, 'staff');
  await expect(page).toHaveURL(/\/staff/);
  return page;
}

/** Clicks an action and its confirmation dialog's 确定. */
async function confirm(page: Page, button: string | RegExp) {
  await page.getByRole('button', { name: button }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: /^(确定|确认)$/ }).click();
}

async function uploadTo(page: Page, slot: string, label: string, fileName: string) {
  const field = page.getByTestId(`upload-field-${slot}`);
  await field.getByLabel(`选择要上传到“${label}”的文件`).setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: PDF });
  await expect(field.getByTestId(`${slot}-documents`)).toContainText(fileName);
}

test('a unit’s review project from the new-project form to the evaluation, with the planner and the leader; a sub-account without module E reaches none of it', async ({ page, browser }) => {
  test.setTimeout(420_000);
  const unit = await newEnterprise(page, '杭州鉴定评审端到端检测所', { name: '陈晨', phone: '010-64281234' });
  const withRight = await createSub(page, '评审专员', '鉴定评审');
  const withoutRight = await createSub(page, '会员专员', '企业会员与资质');

  // --- The sub-account with module E: new project, 保存, uploads, 提交.
  const u = await subSignIn(browser, withRight);
  await u.goto('/portal/review');
  await expect(u.getByRole('heading', { level: 1 })).toHaveText('鉴定评审');
  await expect(u.getByTestId('flow-diagram')).toBeVisible();
  await u.getByRole('link', { name: '评审项目管理' }).click();
  await u.getByRole('link', { name: '新增评审项目' }).click();
  await expect(u).toHaveURL(/\/portal\/review\/projects\/new$/);
  const form = u.getByTestId('review-project-form');
  await expect(form).toContainText(unit.orgName);
  await expect(form.getByLabel('联系人', { exact: true })).toHaveValue('陈晨');
  await form.getByLabel('单位地址').fill('浙江省杭州市西湖区文三路100号');
  await form.getByLabel('联系电话').fill('010-64281234');
  await form.getByLabel('联系人手机').fill('18513661392');
  await form.getByLabel('法定代表人/负责人').fill('刘三江');
  await form.getByLabel('机构类型').selectOption({ label: '事业单位' });
  await form.getByLabel('受理决定书编号').fill('TSJD-2026-003');
  await form.getByLabel('受理日期').fill(beijing(-20));
  await form.getByLabel('评审类型').selectOption({ label: '首次评审' });
  await form.getByLabel('受理类别').selectOption({ label: '特种设备检验机构核准' });
  await form.getByLabel('省份').selectOption({ label: '市场总局' });
  await form.getByRole('button', { name: '保存' }).click();
  await expect(u).toHaveURL(/\/portal\/review\/projects\/[0-9a-f-]{36}\/edit\?saved=1$/);
  await expectAccessible(u, '/portal/review/projects/[id]/edit');
  const projectId = /projects\/([0-9a-f-]{36})\//.exec(u.url())![1];
  const number = (await u.getByTestId('project-number').textContent())!.trim();
  expect(number).toMatch(/^PSSCZJ\d{5}$/);
  for (const [slot, label] of [
    ['quality_manual', '质量手册'],
    ['procedure_list', '程序文件目录'],
    ['acceptance_decision', '受理决定书'],
    ['application_form', '申请书'],
    ['other', '其他'],
  ] as const) {
    await uploadTo(u, slot, label, `${label}.pdf`);
  }
  await confirm(u, '提交预审');
  await expect(u).toHaveURL(new RegExp(`/portal/review/projects/${projectId}\\?tab=materials&submitted=1$`));
  await expect(u.getByTestId('application-status')).toHaveText('待预审');
  await u.goto('/portal/review/projects');
  const row = u.locator(`tr[data-number="${number}"]`);
  await expect(row).toContainText('提交');
  await expect(row.getByTestId('project-stage')).toHaveText('预审');

  // --- The planner passes the pre-review.
  const planner = await staffSignIn(browser, 'planner', 'Plan1234');
  await planner.goto('/staff/review/projects');
  await planner.locator(`tr[data-number="${number}"]`).getByRole('link', { name: /操作/ }).click();
  await expect(planner.getByTestId('panel-materials')).toContainText(unit.orgName);
  await confirm(planner, '预审通过');
  await expect(planner.getByTestId('application-status')).toHaveText('待约请');

  // --- The unit invites: 3 days ahead is disabled in the picker and refused by the server; 10 days ahead is sent.
  await u.goto(`/portal/review/projects/${projectId}?tab=invitation`);
  const invitation = u.getByTestId('invitation-form');
  const date = invitation.getByLabel('预期评审日期');
  await expect(date).toHaveAttribute('min', beijing(5));
  await date.fill(beijing(3));
  expect(await date.evaluate((el: HTMLInputElement) => el.validity.rangeUnderflow)).toBe(true);
  // The form does not rely on the browser: the request goes out and the server refuses it next to the field.
  await invitation.getByRole('button', { name: '发起约请' }).click();
  await expect(u.getByTestId('expectedDate-error')).toHaveText('预期评审日期须在今天（北京时间）起5日之后');
  await expect(u.getByTestId('application-status')).toHaveText('待约请');
  await date.fill(beijing(10));
  await invitation.getByRole('button', { name: '发起约请' }).click();
  await expect(u.getByTestId('application-status')).toHaveText('约请待审核');
  await expect(u.getByTestId('invitations')).toContainText(beijing(10));

  // --- The planner approves the invitation.
  await planner.goto(`/staff/review/projects/${projectId}?tab=invitation`);
  await planner.getByLabel('审核意见').fill('同意约请日期');
  await confirm(planner, '同意约请');
  await expect(planner.getByTestId('application-status')).toHaveText('待提交商洽函');

  // --- The unit previews the letter (real Chinese text), uploads the stamped PDF, submits.
  await u.goto('/portal/review/tasks');
  const task = u.getByTestId('review-tasks-todo').locator(`li[data-number="${number}"]`);
  await expect(task).toContainText('期限');
  await task.getByRole('link', { name: /提交商洽函/ }).click();
  await expect(u).toHaveURL(new RegExp(`/portal/review/projects/${projectId}\\?tab=letter$`));
  await expect(u.getByTestId('flow-record')).toContainText('同意约请日期');
  const href = await u.getByTestId('letter-preview').getAttribute('href');
  const letter = await u.request.get(href!);
  expect(letter.headers()['content-type']).toBe('application/pdf');
  const text = squash(await pdfText(await letter.body()));
  for (const s of ['鉴定评审商洽函', number, unit.orgName, beijing(10), '单位确认']) expect(text).toContain(squash(s));
  await uploadTo(u, 'letter_scan', '盖章商洽函扫描件（PDF）', '商洽函（盖章）.pdf');
  await confirm(u, '提交商洽函');
  await expect(u.getByTestId('application-status')).toHaveText('待发评审通知');

  // --- The planner issues the notice: dates, leader, team.
  await planner.goto(`/staff/review/projects/${projectId}?tab=notice`);
  const notice = planner.getByTestId('notice-form');
  await notice.getByLabel('评审开始日期').fill(beijing(12));
  await notice.getByLabel('评审结束日期').fill(beijing(13));
  await notice.getByLabel('评审地点').fill('单位本部');
  await notice.getByLabel('评审组长', { exact: true }).selectOption({ label: '评审组长 周峰' });
  await notice.getByLabel('审核员 王敏').check();
  await confirm(planner, '发出评审通知函');
  await expect(planner.getByTestId('application-status')).toHaveText('待确认评审通知');
  await expect(planner.getByTestId('notice-team')).toContainText('评审组长 周峰（组长）');

  // --- The unit opens the notice and confirms receipt (the date-dispute note quotes the project number).
  await u.goto(`/portal/review/projects/${projectId}?tab=notice`);
  await expect(u.getByTestId('notice-confirm')).toContainText(`项目编号 ${number}`);
  const noticePdf = await u.request.get((await u.getByTestId('notice-view').getAttribute('href'))!);
  expect(squash(await pdfText(await noticePdf.body()))).toContain(squash('评审组长 周峰'));
  await confirm(u, '确认接收评审通知');
  await expect(u.getByTestId('application-status')).toHaveText('现场评审');

  // --- The assigned leader uploads the on-site materials and concludes 材料整改后通过.
  const leader = await staffSignIn(browser, 'leader', 'Leader1234');
  await leader.goto('/staff/review/projects?mine=1');
  await leader.locator(`tr[data-number="${number}"]`).getByRole('link', { name: /操作/ }).click();
  await expect(leader.getByTestId('leader-actions')).toBeVisible();
  await uploadTo(leader, 'onsite_materials', '现场评审资料', '现场评审记录.pdf');
  const conclusion = leader.getByTestId('conclusion-form');
  await conclusion.getByLabel('材料整改后通过').check();
  await conclusion.getByLabel('结论说明').fill('发现1项一般不符合：人员培训记录不完整，请整改后提交资料。');
  await confirm(leader, '提交评审结论');
  await expect(leader.getByTestId('application-status')).toHaveText('待提交整改资料');
  await expect(leader.getByTestId('conclusion-outcome')).toHaveText('材料整改后通过');

  // --- The unit uploads its rectification.
  await u.goto(`/portal/review/projects/${projectId}?tab=rectification`);
  await uploadTo(u, 'rectification', '整改资料', '整改报告.pdf');
  await u.getByLabel('整改说明').fill('已补齐人员培训记录。');
  await confirm(u, '提交整改资料');
  await expect(u.getByTestId('application-status')).toHaveText('整改资料待审核');

  // --- The planner accepts it.
  await planner.goto(`/staff/review/projects/${projectId}?tab=rectification`);
  await confirm(planner, '整改资料通过');
  await expect(planner.getByTestId('application-status')).toHaveText('待评价');

  // --- The unit scores the team.
  await u.goto(`/portal/review/projects/${projectId}?tab=evaluation`);
  const evaluation = u.getByTestId('evaluation-form-1');
  for (const criterion of ['专业能力', '工作纪律', '工作效率', '沟通态度', '客观公正']) await evaluation.getByRole('radiogroup', { name: criterion }).getByLabel('5分').check();
  await evaluation.getByLabel('评价意见').fill('评审组专业、严谨。');
  await confirm(u, '提交评价');
  await expect(u.getByTestId('application-status')).toHaveText('已完成');
  await expect(u.getByTestId('evaluation-result')).toContainText('平均分：5.00');
  await expect(u.getByTestId('flow-diagram')).toHaveAttribute('data-current', 'done');

  // The staff see the averages per leader.
  await planner.goto('/staff/review/evaluations');
  await expect(planner.getByTestId('scores-leader')).toContainText('评审组长 周峰');

  // --- The sub-account without module E reaches none of it.
  const other = await subSignIn(browser, withoutRight);
  for (const path of ['/portal/review', '/portal/review/projects', `/portal/review/projects/${projectId}`, '/portal/review/projects/new', '/portal/review/unit', '/portal/review/documents', '/portal/review/tasks']) {
    await other.goto(path);
    await expect(other.getByTestId('forbidden'), path).toBeVisible();
  }
  expect((await other.request.get(`/api/review/projects/${projectId}/letter`)).status()).toBe(404);
  expect((await other.request.get(`/api/review/projects/${projectId}/notice`)).status()).toBe(404);
  await other.context().close();
  await Promise.all([u.context().close(), planner.context().close(), leader.context().close()]);
});

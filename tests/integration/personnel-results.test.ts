import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { applications, auditLog, certificates, notifications, outbox } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createStaff } from '@/db/seed/factories';
import { PERSONNEL_CERTIFICATE } from '@/lib/modules/personnel/certificates';
import { renderEnrollmentForm } from '@/lib/modules/personnel/enrollment/form-pdf';
import { requiredMaterials } from '@/lib/modules/personnel/enrollment/kinds';
import { myEnrollmentStatus } from '@/lib/modules/personnel/enrollment/queries';
import { TESTING_ENROLLMENT } from '@/lib/modules/personnel/enrollment/schemas';
import { createPlanDef, setPlanStatusDef } from '@/lib/modules/personnel/plans/services/plans';
import { certifyPassedDef, importResultsDef } from '@/lib/modules/personnel/results/services/results';
import type { Actor } from '@/lib/platform/auth/actor';
import { certificatePdfFor } from '@/lib/platform/certificates/pdf';
import { verifyAnyNumber } from '@/lib/platform/verify';
import { getApplicationFor } from '@/lib/platform/workflow';
import { createApplicationDef, fireTransitionDef } from '@/lib/platform/workflow/action-defs';
import { actorOf } from '../helpers/actors';
import { createTestDb } from '../helpers/db';
import { pdfText, squash } from '../helpers/pdf-text';
import { gate, PDF, personWithProfile, planFields, upload, type Ok } from '../helpers/personnel';
import { createTestStorage } from '../helpers/storage';

let h: DbHandle;
let s: Awaited<ReturnType<typeof createTestStorage>>;
let examAdmin: Actor;
let reviewer: Actor;
beforeAll(async () => {
  [h, s] = await Promise.all([createTestDb(), createTestStorage()]);
  examAdmin = await actorOf(h.db, (await createStaff(h.db, [{ role: 'exam_admin', module: 'personnel' }])).id);
  reviewer = await actorOf(h.db, (await createStaff(h.db, [{ role: 'reviewer', module: 'personnel' }])).id);
});
afterAll(async () => {
  await h.close();
  await s.close();
});

const call = (...a: Parameters<ReturnType<typeof gate>>) => gate(h.db, s.storage)(...a);

async function openPlan() {
  const r = (await call(createPlanDef, examAdmin, planFields())) as Ok<{ id: string }>;
  await call(setPlanStatusDef, examAdmin, { planId: r.data.id, status: 'open' });
  return r.data.id;
}

/** A person enrolled in the plan, with the signed form, approved by the reviewer. */
async function approvedIn(planId: string, name = '王检验') {
  const p = await personWithProfile(h.db, s.storage, { name });
  const d = (await call(createApplicationDef, p.actor, { kind: TESTING_ENROLLMENT, data: { item: 'UT-Ⅱ' }, mode: 'draft' })) as Ok<{ id: string }>;
  const id = d.data.id;
  for (const slot of requiredMaterials('testing')) await upload(h.db, s.storage, p.actor, { applicationId: id, slot, fileName: `${slot}.pdf`, bytes: PDF, contentType: 'application/pdf' });
  const submitted = await call(fireTransitionDef, p.actor, { applicationId: id, event: 'submit', data: { item: 'UT-Ⅱ', nature: 'institution', enrollType: 'initial', heldItems: [], planId, education: '21', employer: '浙江省特种设备检验研究院', title: '', yearsOfWork: '5' } });
  expect(submitted, JSON.stringify(submitted)).toMatchObject({ ok: true });
  await upload(h.db, s.storage, p.actor, { applicationId: id, slot: 'signed_form', fileName: '签字申请表.pdf', bytes: PDF, contentType: 'application/pdf' });
  expect(await call(fireTransitionDef, reviewer, { applicationId: id, event: 'approve' })).toMatchObject({ ok: true });
  const app = await getApplicationFor(h.db, p.actor, id);
  return { ...p, id, number: app.number, name };
}

async function xlsx(rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('成绩');
  ws.addRow(['报名编号', '姓名', '考试结果', '理论成绩', '实操成绩', '备注']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const hasImage = (pdf: Uint8Array) => Buffer.from(pdf).includes(Buffer.from('/Subtype /Image'));

describe('results and certificates', () => {
  it('the application form PDF carries real Chinese text, the photo and the number for the QR code', async () => {
    const planId = await openPlan();
    const a = await approvedIn(planId, '赵表格');
    const app = await getApplicationFor(h.db, a.actor, a.id);
    const pdf = await renderEnrollmentForm({ db: h.db, app, locale: 'zh-CN', storage: async () => s.storage });
    const text = squash(await pdfText(pdf));
    expect(text).toContain('特种设备检测人员考试报名申请表');
    expect(text).toContain('赵表格');
    expect(text).toContain(squash('超声检测二级（UT-Ⅱ）'));
    expect(text).toContain('申请人签字');
    expect(text).toContain(a.number);
    expect(hasImage(pdf)).toBe(true);
    if (process.env.PERSONNEL_PDF_OUT) (await import('node:fs')).writeFileSync(`${process.env.PERSONNEL_PDF_OUT}/form.pdf`, pdf);
  });

  it('an import with any bad row writes nothing and says what is wrong, row by row', async () => {
    const planId = await openPlan();
    const a = await approvedIn(planId, '钱导入');
    const b = await approvedIn(planId, '孙导入');
    const bad = await xlsx([
      [a.number, a.name, '合格', '86', '92', ''],
      [b.number, '别人', '优秀', '101', '', ''],
      ['JC2099999999', '无名', '合格', '', '', ''],
      [a.number, a.name, '合格', '', '', ''],
    ]);
    const r = (await call(importResultsDef, examAdmin, { planId, fileName: '成绩.xlsx', contentBase64: bad })) as Ok<{ recorded: number; errors: Array<{ row: number; column: string; message: string }> }>;
    expect(r.ok).toBe(true);
    expect(r.data.recorded).toBe(0);
    expect(r.data.errors).toEqual([
      { row: 3, column: '姓名', message: `姓名与报名 ${b.number} 不符（应为 孙导入）` },
      { row: 3, column: '考试结果', message: '考试结果须为“合格”“不合格”或“缺考”（优秀）' },
      { row: 3, column: '理论成绩', message: '理论成绩须为0–100之间的数（101）' },
      { row: 4, column: '报名编号', message: '报名编号 JC2099999999 不是本考试计划的报名' },
      { row: 5, column: '报名编号', message: '报名编号与第 2 行重复' },
    ]);
    for (const x of [a, b]) expect((await getApplicationFor(h.db, x.actor, x.id)).status).toBe('approved');
    // A file without the header's columns, or not a spreadsheet, is refused as a whole too.
    const noHeader = Buffer.from('编号,名字\nJC1,张三\n').toString('base64');
    expect(await call(importResultsDef, examAdmin, { planId, fileName: '成绩.csv', contentBase64: noHeader })).toMatchObject({ ok: true, data: { recorded: 0, errors: expect.arrayContaining([expect.objectContaining({ row: 1, column: '报名编号' })]) } });
    expect(await call(importResultsDef, examAdmin, { planId, fileName: '成绩.pdf', contentBase64: Buffer.from(PDF).toString('base64') })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { fileName: ['仅支持 .xlsx 或 .csv 文件'] } });
    expect(await call(importResultsDef, reviewer, { planId, fileName: '成绩.xlsx', contentBase64: bad })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('a good import records every row (pass / fail / absent) in one go; the candidates see and are told; the passed get certificates with photo and QR, verifiable at /verify', async () => {
    const planId = await openPlan();
    const a = await approvedIn(planId, '李合格');
    const b = await approvedIn(planId, '周缺考');
    const good = await xlsx([
      [a.number, a.name, '合格', '86', '92.5', ''],
      [b.number, b.name, '缺考', '', '', '未到场'],
    ]);
    expect(await call(importResultsDef, examAdmin, { planId, fileName: '成绩.xlsx', contentBase64: good })).toMatchObject({ ok: true, data: { recorded: 2, passed: 1, failed: 1, errors: [] } });
    expect((await getApplicationFor(h.db, a.actor, a.id)).data).toMatchObject({ result: { outcome: 'pass', theoryScore: 86, practicalScore: 92.5 } });
    expect(await getApplicationFor(h.db, b.actor, b.id)).toMatchObject({ status: 'failed', data: { result: { outcome: 'absent', note: '未到场' } } });
    expect((await myEnrollmentStatus(h.db, a.actor))[0]).toMatchObject({ review: 'approved', certification: 'pending', result: { outcome: 'pass' } });
    expect((await h.db.select().from(notifications).where(eq(notifications.userId, a.user.id))).some((n) => n.title.includes('考试合格'))).toBe(true);
    expect((await h.db.select().from(outbox).where(eq(outbox.channel, 'email'))).some((o) => JSON.stringify(o.payload).includes(a.number))).toBe(true);
    expect((await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'personnel.results_imported'), eq(auditLog.targetId, planId))))[0].detail).toMatchObject({ recorded: 2 });
    // A second import of the same rows is refused: the results are in.
    const again = (await call(importResultsDef, examAdmin, { planId, fileName: '成绩.xlsx', contentBase64: good })) as Ok<{ errors: Array<{ message: string }> }>;
    expect(again.data.errors[0].message).toBe(`报名 ${a.number} 已录入考试结果`);

    expect(await call(certifyPassedDef, examAdmin, { planId })).toMatchObject({ ok: true, data: { certified: 1 } });
    expect(await call(certifyPassedDef, examAdmin, { planId })).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    const app = await getApplicationFor(h.db, a.actor, a.id);
    expect(app.status).toBe('certified');
    const [cert] = await h.db.select().from(certificates).where(eq(certificates.applicationId, a.id));
    expect(cert).toMatchObject({ type: PERSONNEL_CERTIFICATE, module: 'personnel', status: 'valid', holderUserId: a.user.id, holderName: '李合格' });
    expect(cert.number).toMatch(/^TSRY\d{4}\d{6}$/);
    expect(cert.subject).toMatchObject({ category: '检测人员', items: ['超声检测二级（UT-Ⅱ）'], employer: '浙江省特种设备检验研究院' });
    const months = (cert.validUntil!.getUTCFullYear() - cert.issuedAt.getUTCFullYear()) * 12 + cert.validUntil!.getUTCMonth() - cert.issuedAt.getUTCMonth();
    expect(months).toBe(48);
    expect(app.data).toMatchObject({ certificate: { number: cert.number } });
    expect((await h.db.select().from(applications).where(eq(applications.id, b.id)))[0].status).toBe('failed');

    const pdf = await certificatePdfFor(h.db, s.storage, a.actor, cert.id);
    const text = squash(await pdfText(pdf.buffer));
    expect(text).toContain('特种设备检验检测人员证书');
    expect(text).toContain('李合格');
    expect(text).toContain(cert.number);
    expect(hasImage(pdf.buffer)).toBe(true);
    if (process.env.PERSONNEL_PDF_OUT) (await import('node:fs')).writeFileSync(`${process.env.PERSONNEL_PDF_OUT}/certificate.pdf`, pdf.buffer);
    const [found] = await verifyAnyNumber(h.db, cert.number);
    expect(found).toMatchObject({ type: 'record', valid: true, holderMasked: '李*格' });
  });

  it('results one by one through the engine: the scores are checked, only exam administrators record them', async () => {
    const planId = await openPlan();
    const a = await approvedIn(planId, '吴单录');
    expect(await call(fireTransitionDef, reviewer, { applicationId: a.id, event: 'pass', data: { outcome: 'pass' } })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(fireTransitionDef, examAdmin, { applicationId: a.id, event: 'pass', data: { outcome: 'pass', theoryScore: '120' } })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { theoryScore: ['成绩须为0–100之间的数'] } });
    expect(await call(fireTransitionDef, examAdmin, { applicationId: a.id, event: 'fail', data: { outcome: 'fail', theoryScore: '52' } })).toMatchObject({ ok: true, data: { status: 'failed' } });
    expect((await myEnrollmentStatus(h.db, a.actor))[0]).toMatchObject({ certification: 'notIssued', result: { outcome: 'fail', theoryScore: 52 } });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { applications, auditLog, personnelExamPlans, personnelPlanSeats } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createStaff } from '@/db/seed/factories';
import { shanghaiDateOf } from '@/lib/modules/exam/time';
import { INSPECTION_ENROLLMENT, TESTING_ENROLLMENT, TYPE_TEST_ENROLLMENT } from '@/lib/modules/personnel/enrollment/schemas';
import { myEnrollmentStatus } from '@/lib/modules/personnel/enrollment/queries';
import { deleteEnrollmentsDef, updateEnrollmentInfoDef } from '@/lib/modules/personnel/enrollment/services/manage';
import { requiredMaterials } from '@/lib/modules/personnel/enrollment/kinds';
import { createPlanDef, setPlanStatusDef } from '@/lib/modules/personnel/plans/services/plans';
import { openPlansFor } from '@/lib/modules/personnel/plans/queries';
import type { Actor } from '@/lib/platform/auth/actor';
import { addMonths } from '@/lib/platform/certificates/service';
import { getApplicationFor, myTasks } from '@/lib/platform/workflow';
import { createApplicationDef, fireTransitionDef } from '@/lib/platform/workflow/action-defs';
import { actorOf } from '../helpers/actors';
import { createTestDb } from '../helpers/db';
import { DAY, day, gate, PDF, personWithProfile, planFields, upload, type Ok } from '../helpers/personnel';
import { createTestStorage } from '../helpers/storage';
import type { PlanKind } from '@/lib/modules/personnel/catalog';

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
const KIND: Record<PlanKind, string> = { inspection: INSPECTION_ENROLLMENT, testing: TESTING_ENROLLMENT, typeTest: TYPE_TEST_ENROLLMENT };

async function openPlan(over: Record<string, unknown> = {}) {
  const r = (await call(createPlanDef, examAdmin, planFields(over))) as Ok<{ id: string }>;
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
  expect(await call(setPlanStatusDef, examAdmin, { planId: r.data.id, status: 'open' })).toMatchObject({ ok: true });
  return r.data.id;
}

async function draft(actor: Actor, planKind: PlanKind, data: Record<string, unknown>) {
  const r = (await call(createApplicationDef, actor, { kind: KIND[planKind], data, mode: 'draft' })) as Ok<{ id: string; version: number }>;
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
  return r.data.id;
}

async function uploadMaterials(actor: Actor, planKind: PlanKind, applicationId: string) {
  for (const slot of requiredMaterials(planKind)) await upload(h.db, s.storage, actor, { applicationId, slot, fileName: `${slot}.pdf`, bytes: PDF, contentType: 'application/pdf' });
}

const work = { education: '21', employer: '浙江省特种设备检验研究院', title: '工程师', yearsOfWork: '8' };
const held = [{ item: 'UT-Ⅰ 超声检测一级', certificateNumber: 'TS-UT1-2021-0001', validUntil: day(200 * DAY) }];
const testingForm = (planId: string, over: Record<string, unknown> = {}) => ({ item: 'UT-Ⅱ', nature: 'institution', enrollType: 'initial', heldItems: [], retakeSubjects: [], previousExamDate: '', planId, ...work, ...over });

const submit = (actor: Actor, id: string, data: Record<string, unknown>, event = 'submit') => call(fireTransitionDef, actor, { applicationId: id, event, data });

/** A person with a complete profile and a draft enrollment with its materials uploaded. */
async function ready(planKind: PlanKind = 'testing', data: Record<string, unknown> = { item: 'UT-Ⅱ' }) {
  const p = await personWithProfile(h.db, s.storage);
  const id = await draft(p.actor, planKind, data);
  await uploadMaterials(p.actor, planKind, id);
  return { ...p, id };
}

const seats = async (planId: string) => (await h.db.select({ taken: personnelExamPlans.taken }).from(personnelExamPlans).where(eq(personnelExamPlans.id, planId)))[0].taken;

describe('检测人员考试报名 (testing enrollment)', () => {
  it('a 取证补考 needs the retake subjects and the previous exam date (in the past, within the retake period); accepted with them it holds a seat and snapshots person and plan', async () => {
    const planId = await openPlan();
    const { actor, id, user } = await ready();
    const retake = (over: Record<string, unknown>) => testingForm(planId, { enrollType: 'initialRetake', ...over });
    expect(await submit(actor, id, retake({}))).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { retakeSubjects: ['补考须选择补考科目'], previousExamDate: ['补考须填写上次考试时间'] } });
    expect(await submit(actor, id, retake({ retakeSubjects: ['practical'], previousExamDate: day(2 * DAY) }))).toMatchObject({ ok: false, fieldErrors: { previousExamDate: ['上次考试时间须早于今天'] } });
    const tooOld = shanghaiDateOf(addMonths(new Date(), -13));
    expect(await submit(actor, id, retake({ retakeSubjects: ['practical'], previousExamDate: tooOld }))).toMatchObject({
      ok: false,
      code: 'BAD_INPUT',
      fieldErrors: { previousExamDate: ['上次考试时间已超出补考期限（12个月内），请按取证或换证考试报名'] },
    });
    // Nothing happened meanwhile.
    expect(await getApplicationFor(h.db, actor, id)).toMatchObject({ status: 'draft', version: 1 });
    expect(await seats(planId)).toBe(0);

    const ok = await submit(actor, id, retake({ retakeSubjects: ['practical'], previousExamDate: day(-60 * DAY) }));
    expect(ok, JSON.stringify(ok)).toMatchObject({ ok: true, data: { status: 'submitted' } });
    const app = await getApplicationFor(h.db, actor, id);
    expect(app.data).toMatchObject({
      enrollType: 'initialRetake',
      retakeSubjects: ['practical'],
      person: { name: '王检验', idNumber: user.idNumber, majorName: '过程装备与控制工程', photoDocumentId: expect.any(String) },
      plan: { id: planId, feeFen: 35000 },
    });
    expect(app.applicantName).toBe('王检验');
    expect(await seats(planId)).toBe(1);
    expect((await openPlansFor(h.db, 'testing', 'UT-Ⅱ')).find((p) => p.id === planId)?.remaining).toBe(29);
  });

  it('a first exam stores no retake fields; a renewal needs held items', async () => {
    const planId = await openPlan();
    const { actor, id } = await ready();
    expect(await submit(actor, id, testingForm(planId, { enrollType: 'renewalExam' }))).toMatchObject({ ok: false, fieldErrors: { heldItems: ['换证须填写至少一项持证项目'] } });
    expect(await submit(actor, id, testingForm(planId, { retakeSubjects: ['theory'], previousExamDate: '2020-01-01' }))).toMatchObject({ ok: true });
    expect((await getApplicationFor(h.db, actor, id)).data).toMatchObject({ enrollType: 'initial', retakeSubjects: [], previousExamDate: '' });
  });

  it('a full plan refuses (and of two people after the last seat exactly one gets it); a closed one too', async () => {
    const planId = await openPlan({ capacity: '1' });
    const a = await ready();
    const b = await ready();
    const c = await ready();
    const [ra, rb] = await Promise.all([submit(a.actor, a.id, testingForm(planId)), submit(b.actor, b.id, testingForm(planId))]);
    const results = [ra, rb];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: 'CONFLICT', message: '该考试计划名额已满，请选择其他考试计划', fieldErrors: { planId: ['该考试计划名额已满，请选择其他考试计划'] } });
    expect(await seats(planId)).toBe(1);
    const loser = ra.ok ? b : a;
    expect(await getApplicationFor(h.db, loser.actor, loser.id)).toMatchObject({ status: 'draft', version: 1 });
    // Choosing another plan works.
    const other = await openPlan();
    expect(await submit(loser.actor, loser.id, testingForm(other))).toMatchObject({ ok: true });
    // A closed plan is not enrollable.
    await call(setPlanStatusDef, examAdmin, { planId: other, status: 'closed' });
    expect(await submit(c.actor, c.id, testingForm(other))).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { planId: ['该考试计划不在报名时间内，请选择其他考试计划'] } });
    // A plan of another item is refused.
    const otherItem = await openPlan({ item: 'RT-Ⅱ' });
    expect(await submit(c.actor, c.id, testingForm(otherItem))).toMatchObject({ ok: false, fieldErrors: { planId: ['请选择可报名的考试计划'] } });
  });

  it('a double click (two submits of one enrollment at once) submits it once and takes one seat', async () => {
    const planId = await openPlan();
    const { actor, id } = await ready();
    const results = await Promise.all([submit(actor, id, testingForm(planId)), submit(actor, id, testingForm(planId))]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false });
    expect(await seats(planId)).toBe(1);
    expect((await getApplicationFor(h.db, actor, id)).status).toBe('submitted');
  });

  it('one enrollment per person and item in flight; the materials and a complete profile come first', async () => {
    const planId = await openPlan();
    const { actor, id } = await ready();
    expect(await submit(actor, id, testingForm(planId))).toMatchObject({ ok: true });
    const second = await draft(actor, 'testing', { item: 'UT-Ⅱ' });
    await uploadMaterials(actor, 'testing', second);
    const again = await submit(actor, second, testingForm(await openPlan()));
    expect(again).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect((again as { message: string }).message).toMatch(/您已有该项目进行中的报名（JC\d{10}）/);

    const bare = await draft(actor, 'testing', { item: 'MT-Ⅱ' });
    expect(await submit(actor, bare, testingForm(await openPlan({ item: 'MT-Ⅱ' }), { item: 'MT-Ⅱ' }))).toMatchObject({ ok: false, code: 'BAD_INPUT', message: expect.stringMatching(/材料|文件|资料/) });

    const newcomer = await actorOf(h.db, (await createIndividual(h.db)).id);
    const noProfile = await draft(newcomer, 'testing', { item: 'UT-Ⅱ' });
    await uploadMaterials(newcomer, 'testing', noProfile);
    expect(await submit(newcomer, noProfile, testingForm(planId))).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '请先完善人员注册信息（含照片）后再报名' });
  });
});

describe('检验人员换证 and 型式试验人员换证', () => {
  it('inspection renewal: category and item must match, held items are required, the type is 审核换证', async () => {
    const planId = await openPlan({ kind: 'inspection', item: 'RQY' });
    const { actor, id } = await ready('inspection', { category: 'inspector', item: 'RQY' });
    const form = (over: Record<string, unknown> = {}) => ({ category: 'inspector', item: 'RQY', nature: 'periodic', enrollType: 'auditRenewal', heldItems: [{ item: 'RQY 压力容器检验员', certificateNumber: 'TSZ-RQY-2019-01', validUntil: day(30 * DAY) }], planId, ...work, ...over });
    expect(await submit(actor, id, form({ heldItems: [] }))).toMatchObject({ ok: false, fieldErrors: { heldItems: ['换证须填写至少一项持证项目'] } });
    expect(await submit(actor, id, form({ category: 'seniorInspector' }))).toMatchObject({ ok: false, fieldErrors: { item: ['请选择该类别下的报名项目'] } });
    expect(await submit(actor, id, form({ enrollType: 'initial' }))).toMatchObject({ ok: false, fieldErrors: { enrollType: ['请选择报名类别'] } });
    expect(await submit(actor, id, form({ heldItems: [{ item: '', certificateNumber: '', validUntil: '2026-13-01' }] }))).toMatchObject({
      ok: false,
      fieldErrors: { 'heldItems.0.item': ['请填写持证项目'], 'heldItems.0.certificateNumber': ['请填写证书编号'], 'heldItems.0.validUntil': ['请输入有效的日期（年-月-日）'] },
    });
    expect(await submit(actor, id, form())).toMatchObject({ ok: true, data: { status: 'submitted' } });
    expect((await getApplicationFor(h.db, actor, id)).number).toMatch(/^JY\d{10}$/);
  });

  it('type-test renewal: the validity ends after the first certification date, which is in the past', async () => {
    const planId = await openPlan({ kind: 'typeTest', item: 'XS-DT' });
    const { actor, id } = await ready('typeTest', { item: 'XS-DT' });
    const form = (over: Record<string, unknown> = {}) => ({ item: 'XS-DT', firstCertDate: '2019-06-01', certValidUntil: '2023-05-31', enrollType: 'auditRenewal', heldItems: [], planId, ...work, ...over });
    expect(await submit(actor, id, form({ certValidUntil: '2019-05-01' }))).toMatchObject({ ok: false, fieldErrors: { certValidUntil: ['证书有效期须晚于初次取证日期'] } });
    expect(await submit(actor, id, form({ firstCertDate: day(3 * DAY), certValidUntil: day(900 * DAY) }))).toMatchObject({ ok: false, fieldErrors: { firstCertDate: ['初次取证日期须早于今天'] } });
    expect(await submit(actor, id, form({ firstCertDate: '', certValidUntil: '' }))).toMatchObject({ ok: false, fieldErrors: { firstCertDate: ['请填写初次取证日期'], certValidUntil: ['请填写证书有效期'] } });
    expect(await submit(actor, id, form())).toMatchObject({ ok: true });
  });
});

describe('我的任务 across the hand-over from the reviewer to the exam administrator', () => {
  it("an approved enrollment stays its reviewer's (经办人) and is the exam administrator's to do; a colleague's claimed item is not", async () => {
    const planId = await openPlan();
    const { actor, id } = await ready();
    expect(await submit(actor, id, testingForm(planId))).toMatchObject({ ok: true });
    const otherReviewer = await actorOf(h.db, (await createStaff(h.db, [{ role: 'reviewer', module: 'personnel' }])).id);
    const todo = async (a: Actor) => (await myTasks(h.db, a)).todo.map((t) => t.app.id);
    expect(await todo(reviewer)).toContain(id);
    expect(await todo(otherReviewer)).toContain(id);
    expect(await todo(examAdmin)).not.toContain(id);
    await upload(h.db, s.storage, actor, { applicationId: id, slot: 'signed_form', fileName: '申请表.pdf', bytes: PDF, contentType: 'application/pdf' });
    expect(await call(fireTransitionDef, reviewer, { applicationId: id, event: 'approve', opinion: '资格符合' })).toMatchObject({ ok: true, data: { status: 'approved' } });
    // The reviewer became its handler and keeps it in their done list.
    const [row] = await h.db.select({ assigneeId: applications.assigneeId }).from(applications).where(eq(applications.id, id));
    expect(row.assigneeId).toBe(reviewer.kind === 'staff' ? reviewer.id : '');
    expect((await myTasks(h.db, reviewer)).done.map((a) => a.id)).toContain(id);
    expect(await todo(reviewer)).not.toContain(id);
    // It waits for the exam administrator now, though the reviewer holds it.
    expect(await todo(examAdmin)).toContain(id);

    // An item a colleague of the same role has claimed is theirs, not the other reviewer's.
    const second = await ready();
    expect(await submit(second.actor, second.id, testingForm(planId))).toMatchObject({ ok: true });
    await h.db.update(applications).set({ assigneeId: reviewer.kind === 'staff' ? reviewer.id : null }).where(eq(applications.id, second.id));
    expect(await todo(reviewer)).toContain(second.id);
    expect(await todo(otherReviewer)).not.toContain(second.id);
    expect((await myTasks(h.db, otherReviewer)).done.map((a) => a.id)).not.toContain(second.id);
  });
});

describe('the signed form, the qualification review, 状态查看', () => {
  it('the qualification review cannot approve before the signed form is uploaded (which only opens after submitting)', async () => {
    const planId = await openPlan();
    const { actor, id } = await ready();
    await expect(upload(h.db, s.storage, actor, { applicationId: id, slot: 'signed_form', fileName: '申请表.pdf', bytes: PDF, contentType: 'application/pdf' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await submit(actor, id, testingForm(planId))).toMatchObject({ ok: true });
    const early = await call(fireTransitionDef, reviewer, { applicationId: id, event: 'approve' });
    expect(early).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '申请人尚未上传签字后的申请表扫描件，资格审核暂不能通过' });
    expect(await getApplicationFor(h.db, actor, id)).toMatchObject({ status: 'submitted' });
    expect((await myEnrollmentStatus(h.db, actor)).find((r) => r.id === id)).toMatchObject({ review: 'pending', signedFormUploaded: false, deletable: true });
    await upload(h.db, s.storage, actor, { applicationId: id, slot: 'signed_form', fileName: '申请表.pdf', bytes: PDF, contentType: 'application/pdf' });
    expect(await call(fireTransitionDef, reviewer, { applicationId: id, event: 'approve', opinion: '资格符合' })).toMatchObject({ ok: true, data: { status: 'approved' } });
    expect((await myEnrollmentStatus(h.db, actor)).find((r) => r.id === id)).toMatchObject({ review: 'approved', certification: 'none', signedFormUploaded: true, deletable: false, infoEditable: false });
  });

  it('deletes only unreviewed or returned enrollments, one or many, all or none; the seats come back', async () => {
    const planId = await openPlan();
    const p = await personWithProfile(h.db, s.storage);
    const make = async (item: string) => {
      const id = await draft(p.actor, 'testing', { item });
      await uploadMaterials(p.actor, 'testing', id);
      return id;
    };
    const plan2 = await openPlan({ item: 'RT-Ⅱ' });
    const plan3 = await openPlan({ item: 'MT-Ⅱ' });
    const plan4 = await openPlan({ item: 'PT-Ⅱ' });
    const drafted = await make('PT-Ⅰ');
    const submitted = await make('UT-Ⅱ');
    const returned = await make('RT-Ⅱ');
    const approved = await make('MT-Ⅱ');
    expect(await submit(p.actor, submitted, testingForm(planId))).toMatchObject({ ok: true });
    expect(await submit(p.actor, returned, testingForm(plan2, { item: 'RT-Ⅱ' }))).toMatchObject({ ok: true });
    expect(await call(fireTransitionDef, reviewer, { applicationId: returned, event: 'return', opinion: '请补充视力证明' })).toMatchObject({ ok: true });
    expect(await submit(p.actor, approved, testingForm(plan3, { item: 'MT-Ⅱ' }))).toMatchObject({ ok: true });
    await upload(h.db, s.storage, p.actor, { applicationId: approved, slot: 'signed_form', fileName: '申请表.pdf', bytes: PDF, contentType: 'application/pdf' });
    expect(await call(fireTransitionDef, reviewer, { applicationId: approved, event: 'approve' })).toMatchObject({ ok: true });
    void plan4;

    // A batch with a reviewed one is refused as a whole.
    const refused = await call(deleteEnrollmentsDef, p.actor, { ids: [drafted, submitted, approved] });
    expect(refused).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    const approvedNumber = (await getApplicationFor(h.db, p.actor, approved)).number;
    expect((refused as { message: string }).message).toBe(`报名 ${approvedNumber} 已进入审核流程，只有未审核或审核退回的报名可以删除`);
    for (const id of [drafted, submitted, approved]) expect((await getApplicationFor(h.db, p.actor, id)).status).not.toBe('deleted');
    // Someone else's enrollment does not exist for this person.
    const other = await ready();
    expect(await call(deleteEnrollmentsDef, p.actor, { ids: [other.id] })).toMatchObject({ ok: false, code: 'NOT_FOUND' });

    expect(await call(deleteEnrollmentsDef, p.actor, { ids: [drafted, submitted, returned] })).toMatchObject({ ok: true, data: { deleted: expect.any(Array) } });
    for (const id of [drafted, submitted, returned]) expect((await getApplicationFor(h.db, p.actor, id)).status).toBe('deleted');
    expect(await seats(planId)).toBe(0);
    expect(await seats(plan2)).toBe(0);
    expect(await h.db.select().from(personnelPlanSeats).where(eq(personnelPlanSeats.userId, p.user.id))).toHaveLength(1);
    expect((await myEnrollmentStatus(h.db, p.actor)).map((r) => r.id)).toEqual([approved]);
  });

  it('修改: basic and held-certificate info while the review has not decided; the kind rules hold', async () => {
    const planId = await openPlan();
    const { actor, id } = await ready();
    expect(await submit(actor, id, testingForm(planId, { enrollType: 'renewalNoExam', heldItems: held }))).toMatchObject({ ok: true });
    const info = { education: '14', employer: '新单位', title: '高级工程师', yearsOfWork: '9', heldItems: held };
    expect(await call(updateEnrollmentInfoDef, actor, { applicationId: id, info: { ...info, heldItems: [] } })).toMatchObject({ ok: false, fieldErrors: { heldItems: ['换证须填写至少一项持证项目'] } });
    expect(await call(updateEnrollmentInfoDef, actor, { applicationId: id, info: { ...info, employer: '' } })).toMatchObject({ ok: false, fieldErrors: { 'info.employer': ['请输入工作单位'] } });
    expect(await call(updateEnrollmentInfoDef, actor, { applicationId: id, info })).toMatchObject({ ok: true });
    expect((await getApplicationFor(h.db, actor, id)).data).toMatchObject({ education: '14', employer: '新单位', yearsOfWork: 9, enrollType: 'renewalNoExam', planId });
    expect((await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'personnel.enrollment_info_updated'), eq(auditLog.targetId, id))))[0].detail).toMatchObject({ fields: expect.arrayContaining(['education', 'employer']) });
    await upload(h.db, s.storage, actor, { applicationId: id, slot: 'signed_form', fileName: '申请表.pdf', bytes: PDF, contentType: 'application/pdf' });
    await call(fireTransitionDef, reviewer, { applicationId: id, event: 'approve' });
    expect(await call(updateEnrollmentInfoDef, actor, { applicationId: id, info })).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '该报名已审核，不能再修改' });
    const stranger = await actorOf(h.db, (await createIndividual(h.db)).id);
    expect(await call(updateEnrollmentInfoDef, stranger, { applicationId: id, info })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('a returned enrollment resubmitted for another plan moves its seat', async () => {
    const first = await openPlan();
    const second = await openPlan();
    const { actor, id } = await ready();
    expect(await submit(actor, id, testingForm(first))).toMatchObject({ ok: true });
    await call(fireTransitionDef, reviewer, { applicationId: id, event: 'return', opinion: '请改选考点' });
    expect(await submit(actor, id, testingForm(second), 'resubmit')).toMatchObject({ ok: true, data: { status: 'submitted' } });
    expect([await seats(first), await seats(second)]).toEqual([0, 1]);
    expect((await h.db.select().from(applications).where(eq(applications.id, id)))[0].data).toMatchObject({ planId: second, plan: { id: second } });
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { auditLog, examAreas, examRegistrations, exams, examSessions, examSubjects, orders, registrationSubjects } from '@/db/schema';
import { rowsOf, type DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount, createStaff } from '@/db/seed/factories';
import { DEMO_DRAFT_EXAM, DEMO_OPEN_EXAM, seedDemoExam } from '@/db/seed/demo-exam';
import { EXAM_ADMIN_ACCESS } from '@/lib/modules/exam/admin/services/access';
import { addAreaDef } from '@/lib/modules/exam/admin/services/add-area';
import { addSessionDef } from '@/lib/modules/exam/admin/services/add-session';
import { addSubjectDef } from '@/lib/modules/exam/admin/services/add-subject';
import { createExam, createExamDef } from '@/lib/modules/exam/admin/services/create-exam';
import { deleteAreaDef } from '@/lib/modules/exam/admin/services/delete-area';
import { deleteExamDef } from '@/lib/modules/exam/admin/services/delete-exam';
import { deleteSessionDef } from '@/lib/modules/exam/admin/services/delete-session';
import { deleteSubjectDef } from '@/lib/modules/exam/admin/services/delete-subject';
import { getStaffExam, listStaffExams } from '@/lib/modules/exam/admin/services/list-exams';
import { publishExamDef } from '@/lib/modules/exam/admin/services/publish-exam';
import { listRegistrations, registrationDetail, registrationFilterFrom } from '@/lib/modules/exam/admin/services/registrations';
import { releaseTickets, releaseTicketsDef } from '@/lib/modules/exam/admin/services/release-tickets';
import { unpublishExamDef } from '@/lib/modules/exam/admin/services/unpublish-exam';
import { updateAreaDef } from '@/lib/modules/exam/admin/services/update-area';
import { updateExamDef } from '@/lib/modules/exam/admin/services/update-exam';
import { updateSessionDef } from '@/lib/modules/exam/admin/services/update-session';
import { updateSubjectDef } from '@/lib/modules/exam/admin/services/update-subject';
import { examDetail, openExams, openExamsQuery } from '@/lib/modules/exam/catalog';
import { examFieldsSchema, type ExamFieldsInput } from '@/lib/modules/exam/admin/schemas';
import type { Access, ActionDef } from '@/lib/platform/auth/action-core';
import { ANONYMOUS, type Actor } from '@/lib/platform/auth/actor';
import { AppError, toFailure } from '@/lib/platform/errors';
import { actorOf, callAs } from '../helpers/actors';
import { createTestDb } from '../helpers/db';

let h: DbHandle;
let call: ReturnType<typeof callAs>;
const who = {} as Record<'examAdmin' | 'admin' | 'finance' | 'reviewer' | 'individual' | 'organization' | 'anonymous', Actor>;

beforeAll(async () => {
  h = await createTestDb();
  call = callAs(h.db);
  who.examAdmin = await actorOf(h.db, (await createStaff(h.db, [{ role: 'exam_admin' }])).id);
  who.admin = await actorOf(h.db, (await createStaff(h.db, [{ role: 'admin' }])).id);
  who.finance = await actorOf(h.db, (await createStaff(h.db, [{ role: 'finance' }])).id);
  who.reviewer = await actorOf(h.db, (await createStaff(h.db, [{ role: 'reviewer', module: 'exam' }])).id);
  who.individual = await actorOf(h.db, (await createIndividual(h.db)).id);
  who.organization = await actorOf(h.db, (await createOrgAccount(h.db)).user.id);
  who.anonymous = ANONYMOUS;
});
afterAll(async () => {
  await h.close();
});

// ---- fixtures -------------------------------------------------------------

type AnyDef = ActionDef<Access, z.ZodType, unknown>;
let n = 0;
const uniq = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

function ok<D>(r: unknown): D {
  expect(r).toMatchObject({ ok: true });
  return (r as { data: D }).data;
}
function refused(r: unknown): { code: string; message: string; fieldErrors?: Record<string, string[]> } {
  expect(r).toMatchObject({ ok: false });
  return r as { code: string; message: string; fieldErrors?: Record<string, string[]> };
}
const as = (actor: Actor, def: unknown, input: unknown) => call(def as AnyDef, actor, input);
const admin = (def: unknown, input: unknown) => as(who.examAdmin, def, input);

/** A schedule far in the future: 2031-06-10/11, registration 04-01 → 05-20, refunds until 05-31. */
const examInput = (over: Partial<ExamFieldsInput> = {}): ExamFieldsInput => ({
  name: `测试考试${uniq()}`,
  periodStart: '2031-06-10',
  periodEnd: '2031-06-11',
  registrationOpensAt: '2031-04-01T09:00',
  registrationClosesAt: '2031-05-20T17:00',
  refundOpensAt: '2031-04-01T09:00',
  refundClosesAt: '2031-05-31T17:00',
  areaChangeOpensAt: '',
  areaChangeClosesAt: '',
  notice: '一、考生须知第一段。\n\n二、第二段。',
  orderTtlMinutes: '30',
  ...over,
});

async function newExam(over: Partial<ExamFieldsInput> = {}): Promise<string> {
  return ok<{ id: string }>(await admin(createExamDef, examInput(over))).id;
}

/** An exam with one session (one subject) and one area, optionally published. */
async function readyExam(opts: { publish?: boolean; over?: Partial<ExamFieldsInput> } = {}) {
  const examId = await newExam(opts.over);
  const sessionId = ok<{ id: string }>(await admin(addSessionDef, { examId, name: '上午场', startsAt: '2031-06-10T09:00', endsAt: '2031-06-10T11:30' })).id;
  const subjectId = ok<{ id: string }>(await admin(addSubjectDef, { sessionId, code: 'A01', name: '认证通用基础', fee: '200' })).id;
  const areaId = ok<{ id: string }>(await admin(addAreaDef, { examId, name: '北京', regionCode: '110100', capacity: '500' })).id;
  if (opts.publish) ok(await admin(publishExamDef, { id: examId }));
  return { examId, sessionId, subjectId, areaId };
}

/** A candidate's registration written directly (the candidate flow is another module's). */
async function insertRegistration(examId: string, opts: { status?: string; areaId?: string; subjects?: Array<{ sessionId: string; subjectId: string }>; name?: string } = {}) {
  const user = await createIndividual(h.db, opts.name ? { name: opts.name } : {});
  const [reg] = await h.db
    .insert(examRegistrations)
    .values({ examId, userId: user.id, status: opts.status ?? 'info', areaId: opts.areaId ?? null, info: { address: '北京市东城区示范路1号', invoice: { type: 'none' } } })
    .returning();
  if (opts.subjects?.length) await h.db.insert(registrationSubjects).values(opts.subjects.map((s) => ({ registrationId: reg.id, ...s })));
  return { reg, user };
}

async function insertOrder(registrationId: string, userId: string, status = 'unpaid') {
  await h.db.insert(orders).values({
    number: `T${uniq()}`,
    userId,
    subjectType: 'exam_registration',
    subjectId: registrationId,
    title: '报名费',
    amountFen: 20000,
    status,
    expiresAt: new Date(Date.now() + 30 * 60_000),
  });
}

const examRow = async (id: string) => (await h.db.select().from(exams).where(eq(exams.id, id)))[0];
const auditActions = async (examId: string) =>
  (await h.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.targetType, 'exam'), eq(auditLog.targetId, examId))).orderBy(asc(auditLog.id))).map((r) => r.action);

/** Every table's rows and every sequence: a refused call must leave all of them as they were. */
async function fingerprint(): Promise<Record<string, string>> {
  const tables = rowsOf<{ name: string }>(await h.db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`)).map((r) => r.name);
  const parts = tables.map((t) => `select '${t}' as name, count(*)::text || ':' || md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as value from public."${t}" x`);
  parts.push(`select 'seq:' || sequencename as name, coalesce(last_value::text, '-') as value from pg_sequences where schemaname = 'public'`);
  return Object.fromEntries(rowsOf<{ name: string; value: string }>(await h.db.execute(sql.raw(parts.join(' union all ')))).map((r) => [r.name, r.value]));
}

// ---- exams: create, validate, edit ----------------------------------------

describe('creating and editing an exam', () => {
  it('an exam administrator creates a draft; the instants are the Beijing times typed; it is audited', async () => {
    const input = examInput();
    const id = await newExam(input);
    const e = await examRow(id);
    expect(e).toMatchObject({ name: input.name, status: 'draft', periodStart: '2031-06-10', periodEnd: '2031-06-11', orderTtlMinutes: 30, notice: '一、考生须知第一段。\n\n二、第二段。' });
    expect(e.registrationOpensAt.toISOString()).toBe('2031-04-01T01:00:00.000Z');
    expect(e.registrationClosesAt.toISOString()).toBe('2031-05-20T09:00:00.000Z');
    expect(e.areaChangeOpensAt).toBeNull();
    expect(await auditActions(id)).toEqual(['exam.created']);
  });

  it('an admin may too', async () => {
    ok(await as(who.admin, createExamDef, examInput()));
  });

  it('refuses windows out of order, each on its field in Chinese, and writes nothing', async () => {
    const before = await fingerprint();
    const cases: Array<[Partial<ExamFieldsInput>, string, string]> = [
      [{ registrationClosesAt: '2031-04-01T08:00' }, 'registrationClosesAt', '报名截止时间必须晚于报名开始时间'],
      [{ registrationClosesAt: '2031-06-10T08:00' }, 'registrationClosesAt', '报名须在考试开始日期（2031-06-10）之前截止'],
      [{ periodEnd: '2031-06-09', registrationClosesAt: '2031-05-20T17:00' }, 'periodEnd', '考试结束日期不能早于开始日期'],
      [{ refundOpensAt: '2031-03-31T09:00' }, 'refundOpensAt', '退费开始时间不能早于报名开始时间'],
      [{ refundClosesAt: '2031-06-10T12:00' }, 'refundClosesAt', '退费须在考试开始日期（2031-06-10）之前截止'],
      [{ refundClosesAt: '' }, 'refundClosesAt', '请同时填写退费开始时间和截止时间'],
      [{ areaChangeOpensAt: '2031-05-01T09:00', areaChangeClosesAt: '2031-04-30T09:00' }, 'areaChangeClosesAt', '更换考点城市截止时间必须晚于开始时间'],
      [{ name: '  ' }, 'name', '请输入考试名称'],
      [{ notice: '' }, 'notice', '请输入考生须知'],
      [{ orderTtlMinutes: '1441' }, 'orderTtlMinutes', '订单支付时限不能超过1440分钟（24小时）'],
    ];
    for (const [over, field, message] of cases) {
      const r = refused(await admin(createExamDef, examInput(over)));
      expect(r.code, field).toBe('BAD_INPUT');
      expect(r.fieldErrors?.[field], JSON.stringify(over)).toEqual([message]);
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses a second exam of the same name', async () => {
    const input = examInput();
    await newExam(input);
    const r = refused(await admin(createExamDef, { ...input }));
    expect(r).toMatchObject({ code: 'CONFLICT', message: '已有同名考试，请换一个名称', fieldErrors: { name: ['已有同名考试'] } });
  });

  it('saves changes with the changed fields in the audit log; a new period must keep the sessions inside', async () => {
    const { examId } = await readyExam();
    const input = examInput({ name: `改名${uniq()}`, registrationClosesAt: '2031-05-25T17:00' });
    ok(await admin(updateExamDef, { ...input, id: examId }));
    const e = await examRow(examId);
    expect(e.name).toBe(input.name);
    expect(e.registrationClosesAt.toISOString()).toBe('2031-05-25T09:00:00.000Z');
    const [last] = await h.db.select().from(auditLog).where(and(eq(auditLog.targetId, examId), eq(auditLog.action, 'exam.updated')));
    expect(last.detail).toMatchObject({ changes: { name: [expect.any(String), input.name], registrationClosesAt: ['2031-05-20T09:00:00.000Z', '2031-05-25T09:00:00.000Z'] } });

    // The session is on 06-10: a period from 06-11 would leave it outside.
    const r = refused(await admin(updateExamDef, { ...input, id: examId, periodStart: '2031-06-11', periodEnd: '2031-06-12' }));
    expect(r).toMatchObject({ code: 'BAD_INPUT', message: '场次「上午场」不在新的考试日期之内，请先调整或删除该场次', fieldErrors: { periodStart: ['考试日期须包含已安排的全部场次'] } });
    expect((await examRow(examId)).periodStart).toBe('2031-06-10');
  });
});

// ---- sessions, subjects, areas --------------------------------------------

describe('sessions', () => {
  it('must lie inside the exam period and not overlap; touching ends are fine', async () => {
    const examId = await newExam();
    const first = ok<{ id: string }>(await admin(addSessionDef, { examId, name: '上午场', startsAt: '2031-06-10T09:00', endsAt: '2031-06-10T11:30' })).id;

    const overlap = refused(await admin(addSessionDef, { examId, name: '加考场', startsAt: '2031-06-10T11:00', endsAt: '2031-06-10T12:00' }));
    expect(overlap).toMatchObject({ code: 'BAD_INPUT', message: '与场次「上午场」的时间重叠', fieldErrors: { startsAt: ['与其他场次时间重叠'], endsAt: ['与其他场次时间重叠'] } });
    const inside = refused(await admin(addSessionDef, { examId, name: '中间场', startsAt: '2031-06-10T09:30', endsAt: '2031-06-10T10:00' }));
    expect(inside.message).toBe('与场次「上午场」的时间重叠');

    const outside = refused(await admin(addSessionDef, { examId, name: '前一天', startsAt: '2031-06-09T23:00', endsAt: '2031-06-10T01:00' }));
    expect(outside).toMatchObject({ code: 'BAD_INPUT', message: '场次须安排在考试日期（2031-06-10 至 2031-06-11）之内', fieldErrors: { startsAt: ['不在考试日期之内'] } });
    const pastEnd = refused(await admin(addSessionDef, { examId, name: '夜场', startsAt: '2031-06-11T23:00', endsAt: '2031-06-12T00:30' }));
    expect(pastEnd.message).toBe('场次须安排在考试日期（2031-06-10 至 2031-06-11）之内');

    const backwards = refused(await admin(addSessionDef, { examId, name: '倒序', startsAt: '2031-06-10T15:00', endsAt: '2031-06-10T14:00' }));
    expect(backwards.fieldErrors).toEqual({ endsAt: ['结束时间必须晚于开始时间'] });

    const sameName = refused(await admin(addSessionDef, { examId, name: '上午场', startsAt: '2031-06-11T09:00', endsAt: '2031-06-11T11:00' }));
    expect(sameName.fieldErrors).toEqual({ name: ['已有同名场次'] });

    const touching = ok<{ id: string }>(await admin(addSessionDef, { examId, name: '中午场', startsAt: '2031-06-10T11:30', endsAt: '2031-06-10T12:30' })).id;
    // The last minute of the last day still counts.
    ok(await admin(addSessionDef, { examId, name: '晚场', startsAt: '2031-06-11T22:00', endsAt: '2031-06-11T23:59' }));

    // Moving a session onto another is refused too; moving it onto itself is not an overlap.
    const moved = refused(await admin(updateSessionDef, { id: touching, name: '中午场', startsAt: '2031-06-10T11:00', endsAt: '2031-06-10T12:30' }));
    expect(moved.message).toBe('与场次「上午场」的时间重叠');
    ok(await admin(updateSessionDef, { id: first, name: '上午场', startsAt: '2031-06-10T08:30', endsAt: '2031-06-10T11:30' }));

    const detail = (await examDetail(h.db, examId))!;
    expect(detail.sessions.map((s) => s.name)).toEqual(['上午场', '中午场', '晚场']);
    expect(detail.sessions[0].startsAt.toISOString()).toBe('2031-06-10T00:30:00.000Z');
  });

  it('deleting a session takes its subjects with it', async () => {
    const { examId, sessionId } = await readyExam();
    ok(await admin(deleteSessionDef, { id: sessionId }));
    expect(await h.db.select().from(examSubjects).where(eq(examSubjects.examId, examId))).toEqual([]);
    expect(await auditActions(examId)).toContain('exam.session_deleted');
  });
});

describe('subjects', () => {
  it('stores the fee typed in yuan as exact fen; three decimals, zero and junk are refused', async () => {
    const { examId, sessionId } = await readyExam();
    const id = ok<{ id: string }>(await admin(addSubjectDef, { sessionId, code: 'b02', name: '产品认证基础', fee: '150.5' })).id;
    const [s] = await h.db.select().from(examSubjects).where(eq(examSubjects.id, id));
    expect(s).toMatchObject({ code: 'B02', feeFen: 15050, examId });
    ok(await admin(updateSubjectDef, { id, code: 'B02', name: '产品认证基础', fee: '0.29' }));
    expect((await h.db.select().from(examSubjects).where(eq(examSubjects.id, id)))[0].feeFen).toBe(29);

    const before = await fingerprint();
    expect(refused(await admin(addSubjectDef, { sessionId, code: 'B03', name: '服务认证基础', fee: '200.123' })).fieldErrors).toEqual({ fee: ['报名费最多保留两位小数（精确到分）'] });
    expect(refused(await admin(addSubjectDef, { sessionId, code: 'B03', name: '服务认证基础', fee: '-5' })).fieldErrors).toEqual({ fee: ['请输入有效的金额，如 200 或 150.50'] });
    expect(refused(await admin(addSubjectDef, { sessionId, code: 'B03', name: '服务认证基础', fee: '0' })).fieldErrors).toEqual({ fee: ['报名费须大于 0'] });
    expect(refused(await admin(addSubjectDef, { sessionId, code: 'B 03', name: '服务认证基础', fee: '1' })).fieldErrors).toEqual({ code: ['科目代码只能包含字母、数字和短横线'] });
    expect(await fingerprint()).toEqual(before);
  });

  it('a code is unique within the exam, whatever its case; another exam may reuse it', async () => {
    const { sessionId, subjectId } = await readyExam();
    const dup = refused(await admin(addSubjectDef, { sessionId, code: 'a01', name: '重复', fee: '1' }));
    expect(dup).toMatchObject({ code: 'BAD_INPUT', message: '该考试已有相同代码的科目', fieldErrors: { code: ['科目代码已存在'] } });
    const other = ok<{ id: string }>(await admin(addSubjectDef, { sessionId, code: 'A09', name: '另一个', fee: '1' })).id;
    expect(refused(await admin(updateSubjectDef, { id: other, code: 'A01', name: '另一个', fee: '1' })).fieldErrors).toEqual({ code: ['科目代码已存在'] });
    const second = await readyExam();
    expect(second.subjectId).not.toBe(subjectId);
  });
});

describe('areas', () => {
  it('take a city-level region code and a capacity; capacity can grow, and shrink only down to the seats taken', async () => {
    const { examId, areaId } = await readyExam();
    expect(refused(await admin(addAreaDef, { examId, name: '浙江', regionCode: '330000', capacity: '10' })).fieldErrors).toEqual({ regionCode: ['请选择有效的城市'] });
    expect(refused(await admin(addAreaDef, { examId, name: '西湖', regionCode: '330106', capacity: '10' })).fieldErrors).toEqual({ regionCode: ['请选择有效的城市'] });
    expect(refused(await admin(addAreaDef, { examId, name: '杭州', regionCode: '330100', capacity: '' })).fieldErrors).toEqual({ capacity: ['请输入容量'] });
    expect(refused(await admin(addAreaDef, { examId, name: '北京', regionCode: '110100', capacity: '5' })).fieldErrors).toEqual({ name: ['已有同名考区'] });
    ok(await admin(addAreaDef, { examId, name: '仙桃', regionCode: '429004', capacity: 5 }));

    await h.db.update(examAreas).set({ taken: 3 }).where(eq(examAreas.id, areaId));
    const before = await fingerprint();
    const r = refused(await admin(updateAreaDef, { id: areaId, name: '北京', regionCode: '110100', capacity: '2' }));
    expect(r).toMatchObject({ code: 'BAD_INPUT', message: '容量不能小于已占用的 3 个名额', fieldErrors: { capacity: ['不能小于已占用的名额'] } });
    expect(await fingerprint()).toEqual(before);

    ok(await admin(updateAreaDef, { id: areaId, name: '北京', regionCode: '110100', capacity: '3' }));
    ok(await admin(updateAreaDef, { id: areaId, name: '北京考区', regionCode: '110100', capacity: '800' }));
    const area = (await examDetail(h.db, examId))!.areas.find((a) => a.id === areaId)!;
    expect(area).toMatchObject({ name: '北京考区', capacity: 800, taken: 3, remaining: 797 });

    // A seat is held: the area cannot go.
    expect(refused(await admin(deleteAreaDef, { id: areaId })).message).toBe('已有考生选择该考区，不能删除');
  });

  it('once a candidate chose an area its city stays and it cannot be deleted', async () => {
    const { examId, areaId } = await readyExam();
    await insertRegistration(examId, { status: 'area', areaId });
    expect(refused(await admin(updateAreaDef, { id: areaId, name: '北京', regionCode: '310100', capacity: '500' })).message).toBe('已有考生选择该考区，不能更改所在城市');
    expect(refused(await admin(deleteAreaDef, { id: areaId })).message).toBe('已有考生选择该考区，不能删除');
    ok(await admin(updateAreaDef, { id: areaId, name: '北京（朝阳）', regionCode: '110100', capacity: '600' }));
  });
});

// ---- fees and subjects freeze with the first order ------------------------

describe('after the first order', () => {
  it('subjects, fees and the list of sessions stay; session times and areas may still change', async () => {
    const { examId, sessionId, subjectId, areaId } = await readyExam({ publish: true });
    const { reg, user } = await insertRegistration(examId, { status: 'area', areaId, subjects: [{ sessionId, subjectId }] });
    // Before any order: a candidate has picked the subject, so it cannot be deleted, but its fee may change.
    expect(refused(await admin(deleteSubjectDef, { id: subjectId })).message).toBe('已有考生选择该科目，不能删除');
    ok(await admin(updateSubjectDef, { id: subjectId, code: 'A01', name: '认证通用基础', fee: '210' }));

    await insertOrder(reg.id, user.id, 'cancelled');
    expect((await getStaffExam(h.db, who.examAdmin, examId)).frozen).toBe(true);
    const before = await fingerprint();
    const frozen = '已有考生下单，科目和报名费已锁定：不能再增删场次，也不能增删或修改科目和报名费，以免考生之间缴费不一致、已付款的科目被改动。场次时间和考区仍可调整。';
    for (const [def, input] of [
      [updateSubjectDef, { id: subjectId, code: 'A01', name: '认证通用基础', fee: '200' }],
      [addSubjectDef, { sessionId, code: 'A02', name: '审核知识', fee: '200' }],
      [deleteSubjectDef, { id: subjectId }],
      [addSessionDef, { examId, name: '下午场', startsAt: '2031-06-10T14:00', endsAt: '2031-06-10T16:00' }],
      [deleteSessionDef, { id: sessionId }],
    ] as const) {
      expect(refused(await admin(def, input))).toMatchObject({ code: 'INVALID_STATE', message: frozen });
    }
    expect(await fingerprint()).toEqual(before);

    ok(await admin(updateSessionDef, { id: sessionId, name: '上午场', startsAt: '2031-06-10T09:30', endsAt: '2031-06-10T12:00' }));
    ok(await admin(updateAreaDef, { id: areaId, name: '北京', regionCode: '110100', capacity: '900' }));
    ok(await admin(addAreaDef, { examId, name: '上海', regionCode: '310100', capacity: '100' }));
  });
});

// ---- publishing -----------------------------------------------------------

describe('publishing', () => {
  it('needs a session with a subject and an area, named one at a time', async () => {
    const examId = await newExam();
    const publish = () => admin(publishExamDef, { id: examId });
    expect(refused(await publish())).toMatchObject({ code: 'INVALID_STATE', message: '发布前请至少添加一个场次' });
    const sessionId = ok<{ id: string }>(await admin(addSessionDef, { examId, name: '上午场', startsAt: '2031-06-10T09:00', endsAt: '2031-06-10T11:00' })).id;
    expect(refused(await publish()).message).toBe('发布前请至少为一个场次添加科目');
    const subjectId = ok<{ id: string }>(await admin(addSubjectDef, { sessionId, code: 'A01', name: '认证通用基础', fee: '200' })).id;
    expect(refused(await publish()).message).toBe('发布前请至少添加一个考区');
    expect((await examRow(examId)).status).toBe('draft');
    const areaId = ok<{ id: string }>(await admin(addAreaDef, { examId, name: '杭州', regionCode: '330100', capacity: '300' })).id;
    expect(ok(await publish())).toEqual({ id: examId, status: 'published' });
    expect((await examRow(examId)).status).toBe('published');
    expect(refused(await publish()).message).toBe('该考试已经发布');

    // A published exam keeps what makes it publishable.
    expect(refused(await admin(deleteAreaDef, { id: areaId })).message).toBe('已发布的考试至少要保留一个含科目的场次和一个考区；如需删除，请先撤回发布');
    expect(refused(await admin(deleteSubjectDef, { id: subjectId })).code).toBe('INVALID_STATE');
    expect(await h.db.select().from(examAreas).where(eq(examAreas.id, areaId))).toHaveLength(1);
    expect(await auditActions(examId)).toEqual(['exam.created', 'exam.session_added', 'exam.subject_added', 'exam.area_added', 'exam.published']);
  });

  it('unpublishing hides the exam from candidates and keeps its registrations', async () => {
    const { examId, areaId } = await readyExam({ publish: true, over: { registrationOpensAt: '2020-01-01T09:00', refundOpensAt: '2020-01-01T09:00' } });
    const { reg } = await insertRegistration(examId, { status: 'paid', areaId });
    const now = new Date('2031-05-01T00:00:00Z');
    expect((await openExams(h.db, now)).map((e) => e.id)).toContain(examId);
    ok(await admin(unpublishExamDef, { id: examId }));
    expect((await examRow(examId)).status).toBe('draft');
    expect((await openExams(h.db, now)).map((e) => e.id)).not.toContain(examId);
    expect(await h.db.select().from(examRegistrations).where(eq(examRegistrations.id, reg.id))).toHaveLength(1);
    expect(refused(await admin(unpublishExamDef, { id: examId })).message).toBe('该考试尚未发布');
    // A draft with registrations still cannot be deleted.
    expect(refused(await admin(deleteExamDef, { id: examId })).message).toBe('已有考生报名，不能删除该考试');
    ok(await admin(publishExamDef, { id: examId }));
  });

  it('deletes only a draft nobody registered for, with its sessions, subjects and areas', async () => {
    const published = await readyExam({ publish: true });
    expect(refused(await admin(deleteExamDef, { id: published.examId })).message).toBe('已发布的考试不能删除，请先撤回发布');
    const draft = await readyExam();
    ok(await admin(deleteExamDef, { id: draft.examId }));
    expect(await examRow(draft.examId)).toBeUndefined();
    expect(await h.db.select().from(examSessions).where(eq(examSessions.examId, draft.examId))).toEqual([]);
    expect(await h.db.select().from(examAreas).where(eq(examAreas.examId, draft.examId))).toEqual([]);
    // The audit row outlives the exam and names it.
    const [row] = await h.db.select().from(auditLog).where(and(eq(auditLog.targetId, draft.examId), eq(auditLog.action, 'exam.deleted')));
    expect(row.detail).toMatchObject({ exam: expect.stringContaining('测试考试') });
  });

  it('releases admission tickets once, for a published exam whose registration has closed', async () => {
    const draft = await readyExam();
    const afterClose = new Date('2031-05-21T00:00:00Z');
    await expect(releaseTickets(h.db, who.examAdmin, { id: draft.examId }, { now: afterClose })).rejects.toMatchObject({ messageKey: 'examAdmin.errors.ticketsNotPublished' });
    const { examId } = await readyExam({ publish: true });
    const early = await releaseTickets(h.db, who.examAdmin, { id: examId }, { now: new Date('2031-05-20T08:59:59Z') }).catch((e: AppError) => toFailure(e));
    expect(early).toMatchObject({ code: 'INVALID_STATE', message: '报名尚未截止，截止后才能发放准考证' });
    expect((await examRow(examId)).ticketsReleasedAt).toBeNull();
    const r = await releaseTickets(h.db, who.examAdmin, { id: examId }, { now: afterClose });
    expect(r.ticketsReleasedAt).toBe(afterClose.toISOString());
    expect((await examRow(examId)).ticketsReleasedAt?.toISOString()).toBe(afterClose.toISOString());
    await expect(releaseTickets(h.db, who.examAdmin, { id: examId }, { now: afterClose })).rejects.toMatchObject({ messageKey: 'examAdmin.errors.ticketsAlreadyReleased' });
    expect((await auditActions(examId)).at(-1)).toBe('exam.tickets_released');
  });
});

// ---- the shared read model --------------------------------------------------

describe('openExams', () => {
  it('lists only published exams inside their registration window, soonest closing first', async () => {
    const now = new Date('2031-04-10T04:00:00Z');
    const open = await readyExam({ publish: true });
    const closingSooner = await readyExam({ publish: true, over: { registrationClosesAt: '2031-04-20T17:00' } });
    const draft = await readyExam({ over: {} });
    const notYet = await readyExam({ publish: true, over: { registrationOpensAt: '2031-04-15T09:00', refundOpensAt: '2031-04-15T09:00' } });
    const ids = (await openExams(h.db, now)).map((e) => e.id);
    expect(ids).toContain(open.examId);
    expect(ids).not.toContain(draft.examId);
    expect(ids).not.toContain(notYet.examId);
    expect(ids.indexOf(closingSooner.examId)).toBeLessThan(ids.indexOf(open.examId));

    // The window is [opens, closes): open at its first instant, closed at its closing one.
    const opensAt = (await examRow(notYet.examId)).registrationOpensAt;
    expect((await openExams(h.db, opensAt)).map((e) => e.id)).toContain(notYet.examId);
    const closesAt = (await examRow(open.examId)).registrationClosesAt;
    expect((await openExams(h.db, new Date(closesAt.getTime() - 1))).map((e) => e.id)).toContain(open.examId);
    expect((await openExams(h.db, closesAt)).map((e) => e.id)).not.toContain(open.examId);
  });

  it('is answerable from exams_open_idx', async () => {
    const plan = await h.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return rowsOf<Record<string, string>>(await tx.execute(sql`explain ${openExamsQuery(tx, new Date())}`))
        .map((r) => Object.values(r)[0])
        .join('\n');
    });
    expect(plan).toContain('exams_open_idx');
  });
});

describe('examDetail', () => {
  it('gives sessions in time order with subjects by code, and areas in their order with the seats left', async () => {
    const examId = await newExam();
    const pm = ok<{ id: string }>(await admin(addSessionDef, { examId, name: '下午场', startsAt: '2031-06-10T14:00', endsAt: '2031-06-10T16:30' })).id;
    const am = ok<{ id: string }>(await admin(addSessionDef, { examId, name: '上午场', startsAt: '2031-06-10T09:00', endsAt: '2031-06-10T11:30' })).id;
    ok(await admin(addSubjectDef, { sessionId: pm, code: 'B02', name: '产品认证基础', fee: '150' }));
    ok(await admin(addSubjectDef, { sessionId: pm, code: 'B01', name: '管理体系认证基础', fee: '200' }));
    ok(await admin(addSubjectDef, { sessionId: am, code: 'A01', name: '认证通用基础', fee: '200' }));
    const gz = ok<{ id: string }>(await admin(addAreaDef, { examId, name: '广州', regionCode: '440100', capacity: '2' })).id;
    ok(await admin(addAreaDef, { examId, name: '北京', regionCode: '110100', capacity: '500' }));
    await h.db.update(examAreas).set({ taken: 2 }).where(eq(examAreas.id, gz));
    const d = (await examDetail(h.db, examId))!;
    expect(d.sessions.map((s) => [s.name, s.subjects.map((x) => `${x.code}:${x.feeFen}`)])).toEqual([
      ['上午场', ['A01:20000']],
      ['下午场', ['B01:20000', 'B02:15000']],
    ]);
    expect(d.areas.map((a) => [a.name, a.capacity, a.taken, a.remaining])).toEqual([
      ['广州', 2, 2, 0],
      ['北京', 500, 0, 500],
    ]);
    expect(await examDetail(h.db, '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await examDetail(h.db, 'not-a-uuid')).toBeNull();
  });
});

// ---- staff lists ------------------------------------------------------------

describe('registration lists', () => {
  it('mask ID numbers and mobiles, filter by status, area and search; the detail view has them whole', async () => {
    const { examId, sessionId, subjectId, areaId } = await readyExam({ publish: true });
    const sh = ok<{ id: string }>(await admin(addAreaDef, { examId, name: '上海', regionCode: '310100', capacity: '10' })).id;
    const a = await insertRegistration(examId, { status: 'paid', areaId, subjects: [{ sessionId, subjectId }], name: '王小明' });
    const b = await insertRegistration(examId, { status: 'area', areaId: sh, name: '李四' });
    await insertRegistration(examId, { status: 'refunded', areaId, name: '赵六' });

    const list = await listRegistrations(h.db, who.examAdmin, examId, registrationFilterFrom({}));
    expect(list.total).toBe(3);
    expect(list.byStatus).toMatchObject({ paid: 1, area: 1, refunded: 1, info: 0 });
    const row = list.rows.find((r) => r.id === a.reg.id)!;
    expect(row.idNumber).toBe(`${a.user.idNumber!.slice(0, 3)}***********${a.user.idNumber!.slice(-4)}`);
    expect(row.mobile).toBe(`${a.user.mobile!.slice(0, 3)}****${a.user.mobile!.slice(-4)}`);
    expect(JSON.stringify(list)).not.toContain(a.user.idNumber!);
    expect(row).toMatchObject({ name: '王小明', area: '北京', subjects: '认证通用基础', amountFen: 20000, status: 'paid' });

    const names = async (sp: Record<string, string>) => (await listRegistrations(h.db, who.examAdmin, examId, registrationFilterFrom(sp))).rows.map((r) => r.name).sort();
    expect(await names({ status: 'paid' })).toEqual(['王小明']);
    expect(await names({ area: sh })).toEqual(['李四']);
    expect(await names({ q: '小明' })).toEqual(['王小明']);
    expect(await names({ q: b.user.idNumber!.slice(-6) })).toEqual(['李四']);
    expect(await names({ q: 'xyz%' })).toEqual([]);

    const detail = await registrationDetail(h.db, who.examAdmin, examId, a.reg.id);
    expect(detail.candidate).toMatchObject({ idNumber: a.user.idNumber, mobile: a.user.mobile });
    expect(detail.subjects).toEqual([{ session: '上午场', code: 'A01', name: '认证通用基础', feeFen: 20000 }]);
    await expect(registrationDetail(h.db, who.examAdmin, (await readyExam()).examId, a.reg.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Staff who do not set up exams see nothing.
    await expect(listRegistrations(h.db, who.finance, examId, registrationFilterFrom({}))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(registrationDetail(h.db, who.reviewer, examId, a.reg.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const staffRow = (await listStaffExams(h.db, who.examAdmin)).find((e) => e.id === examId)!;
    expect(staffRow).toMatchObject({ status: 'published', registrations: 2, paid: 1 });
  });
});

// ---- demo seed --------------------------------------------------------------

describe('seedDemoExam', () => {
  it('seeds an open exam with two sessions, five subjects and four areas, and a draft; a second run adds nothing', async () => {
    const now = new Date();
    expect(await seedDemoExam(h.db, now)).toBe(2);
    expect(await seedDemoExam(h.db, now)).toBe(0);
    const open = await openExams(h.db, now);
    const demo = open.find((e) => e.name === DEMO_OPEN_EXAM)!;
    expect(demo).toBeDefined();
    expect(open.some((e) => e.name === DEMO_DRAFT_EXAM)).toBe(false);
    const d = (await examDetail(h.db, demo.id))!;
    expect(d.sessions.map((s) => [s.name, s.subjects.length])).toEqual([
      ['上午场', 2],
      ['下午场', 3],
    ]);
    expect(d.areas.map((a) => [a.name, a.capacity])).toEqual([
      ['北京', 500],
      ['上海', 500],
      ['杭州', 300],
      ['广州', 2],
    ]);
    // What the seed wrote obeys the rules staff are held to.
    const e = d.exam;
    const local = (x: Date | null) => (x ? new Date(x.getTime() + 8 * 3600_000).toISOString().slice(0, 16) : '');
    expect(
      examFieldsSchema.safeParse({
        name: e.name,
        periodStart: e.periodStart,
        periodEnd: e.periodEnd,
        registrationOpensAt: local(e.registrationOpensAt),
        registrationClosesAt: local(e.registrationClosesAt),
        refundOpensAt: local(e.refundOpensAt),
        refundClosesAt: local(e.refundClosesAt),
        areaChangeOpensAt: local(e.areaChangeOpensAt),
        areaChangeClosesAt: local(e.areaChangeClosesAt),
        notice: e.notice,
        orderTtlMinutes: e.orderTtlMinutes,
      }).success,
    ).toBe(true);
    expect(e.notice.split('\n\n').length).toBeGreaterThanOrEqual(5);
  });
});

// ---- who may do it ------------------------------------------------------------

describe('unauthorized callers', () => {
  // Every action of exam set-up, discovered from the services folder, so a new one without an entry here fails.
  const ROOT = path.join(process.cwd(), 'lib/modules/exam/admin/services');
  const COVERAGE: Record<string, (f: Awaited<ReturnType<typeof readyExam>>) => unknown> = {
    createExamDef: () => examInput(),
    updateExamDef: (f) => ({ ...examInput(), id: f.examId }),
    deleteExamDef: (f) => ({ id: f.examId }),
    publishExamDef: (f) => ({ id: f.examId }),
    unpublishExamDef: (f) => ({ id: f.examId }),
    releaseTicketsDef: (f) => ({ id: f.examId }),
    addSessionDef: (f) => ({ examId: f.examId, name: '下午场', startsAt: '2031-06-10T14:00', endsAt: '2031-06-10T16:00' }),
    updateSessionDef: (f) => ({ id: f.sessionId, name: '改名场', startsAt: '2031-06-10T08:00', endsAt: '2031-06-10T11:00' }),
    deleteSessionDef: (f) => ({ id: f.sessionId }),
    addSubjectDef: (f) => ({ sessionId: f.sessionId, code: 'Z99', name: '新科目', fee: '99' }),
    updateSubjectDef: (f) => ({ id: f.subjectId, code: 'A01', name: '改名科目', fee: '1' }),
    deleteSubjectDef: (f) => ({ id: f.subjectId }),
    addAreaDef: (f) => ({ examId: f.examId, name: '深圳', regionCode: '440300', capacity: '10' }),
    updateAreaDef: (f) => ({ id: f.areaId, name: '北京', regionCode: '110100', capacity: '501' }),
    deleteAreaDef: (f) => ({ id: f.areaId }),
  };

  it('every action is covered and gated to exam administrators and admins', async () => {
    const found: Record<string, AnyDef> = {};
    for (const file of fs.readdirSync(ROOT).filter((f) => f.endsWith('.ts'))) {
      const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
      for (const [name, v] of Object.entries(mod)) {
        const d = v as { access?: unknown; schema?: { safeParse?: unknown }; handler?: unknown } | null;
        if (d && typeof d === 'object' && d.access && typeof d.schema?.safeParse === 'function' && typeof d.handler === 'function') found[name] = v as AnyDef;
      }
    }
    expect(Object.keys(found).sort()).toEqual(Object.keys(COVERAGE).sort());
    for (const def of Object.values(found)) expect(def.access).toBe(EXAM_ADMIN_ACCESS);
  });

  it.each(['anonymous', 'individual', 'organization', 'finance', 'reviewer'] as const)('%s is refused every action and nothing changes', async (key) => {
    // A draft (delete is possible), with every kind of object, plus a published exam whose registration has closed (release is possible).
    const f = await readyExam();
    const closed = await readyExam({ publish: true, over: { registrationOpensAt: '2020-01-01T09:00', registrationClosesAt: '2020-02-01T09:00', refundOpensAt: '', refundClosesAt: '' } });
    const code = key === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
    const before = await fingerprint();
    for (const [name, input] of Object.entries(COVERAGE)) {
      const def = (await import('@/lib/modules/exam/admin/services/' + fileOf(name))) as Record<string, unknown>;
      const r = await as(who[key], def[name], input(name === 'releaseTicketsDef' || name === 'unpublishExamDef' ? closed : f));
      expect(r, `${key} → ${name}`).toMatchObject({ ok: false, code });
    }
    expect(await fingerprint()).toEqual(before);
    // The same inputs from an exam administrator go through (so the refusals were about the caller).
    ok(await admin(releaseTicketsDef, { id: closed.examId }));
    ok(await admin(updateAreaDef, COVERAGE.updateAreaDef(f)));
    ok(await admin(deleteExamDef, { id: f.examId }));
  });

  it('domain functions called without the gate refuse too', async () => {
    await expect(createExam(h.db, who.finance, examFieldsSchema.parse(examInput()))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createExam(h.db, ANONYMOUS, examFieldsSchema.parse(examInput()))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(listStaffExams(h.db, who.individual)).rejects.toBeInstanceOf(AppError);
  });
});

/** 'addSessionDef' → 'add-session' (one action per services file, named after it). */
function fileOf(defName: string): string {
  return defName.replace(/Def$/, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { candidatePhotos, examAreas, examRegistrations, exams, examSessions, examSubjects, registrationSubjects } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount, createStaff } from '@/db/seed/factories';
import type { Actor } from '@/lib/platform/auth/actor';
import { acceptExamNoticeDef, chooseAreaDef, chooseSubjectsDef, saveInfoDef } from '@/lib/modules/exam/registration/services/registration';
import { actorOf as actorOfDb, callAs } from '../helpers/actors';
import { createTestDb } from '../helpers/db';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});
const actorOf = (userId: string) => actorOfDb(h.db, userId);
const call: ReturnType<typeof callAs> = (def, actor, input) => callAs(h.db)(def, actor, input);
type Ok<T> = { ok: true; data: T };
const DAY = 86_400_000;

/** A published exam open for registration: two sessions with two subjects each, two areas (one with a single seat). */
async function openExamFixture(over: Partial<typeof exams.$inferInsert> = {}) {
  const now = Date.now();
  const [exam] = await h.db
    .insert(exams)
    .values({
      name: `测试考试${now}${Math.random()}`,
      periodStart: '2027-01-10',
      periodEnd: '2027-01-11',
      registrationOpensAt: new Date(now - DAY),
      registrationClosesAt: new Date(now + 10 * DAY),
      notice: '考生须知',
      status: 'published',
      ...over,
    })
    .returning();
  const [am, pm] = await h.db
    .insert(examSessions)
    .values([
      { examId: exam.id, name: '上午场', startsAt: new Date('2027-01-10T01:00:00Z'), endsAt: new Date('2027-01-10T03:00:00Z'), sortOrder: 1 },
      { examId: exam.id, name: '下午场', startsAt: new Date('2027-01-10T06:00:00Z'), endsAt: new Date('2027-01-10T08:00:00Z'), sortOrder: 2 },
    ])
    .returning();
  const subjects = await h.db
    .insert(examSubjects)
    .values([
      { examId: exam.id, sessionId: am.id, code: 'A1', name: '认证通用基础', feeFen: 20000 },
      { examId: exam.id, sessionId: am.id, code: 'A2', name: '产品认证基础', feeFen: 15000 },
      { examId: exam.id, sessionId: pm.id, code: 'B1', name: '审核知识', feeFen: 20000 },
    ])
    .returning();
  const areas = await h.db
    .insert(examAreas)
    .values([
      { examId: exam.id, name: '杭州', capacity: 100 },
      { examId: exam.id, name: '舟山', capacity: 1, taken: 1 },
    ])
    .returning();
  return { exam, subjects, areas };
}

async function candidate(withPhoto = true) {
  const user = await createIndividual(h.db);
  if (withPhoto) await h.db.insert(candidatePhotos).values({ userId: user.id, originalKey: `o/${user.id}`, processedKey: `p/${user.id}`, width: 240, height: 320, bytes: 9000, background: 'blue', confirmedAt: new Date() });
  return { user, actor: await actorOf(user.id) };
}

const info = {
  nationality: 'CN',
  ethnicity: '01',
  residenceRegion: '330106',
  education: '21',
  employer: '',
  mobile: '13812345678',
  address: '杭州市西湖区文三路1号',
  email: 'c@example.com',
  invoice: { type: 'personal' },
};

describe('exam registration steps', () => {
  it('notice → info → subjects (one per session) → area, each step checked on the server', async () => {
    const { exam, subjects, areas } = await openExamFixture();
    const { user, actor } = await candidate();
    const started = (await call(acceptExamNoticeDef, actor, { examId: exam.id })) as Ok<{ registrationId: string }>;
    expect(started.ok).toBe(true);
    const id = started.data.registrationId;
    // Accepting twice (two tabs) returns the same registration.
    expect(await call(acceptExamNoticeDef, actor, { examId: exam.id })).toMatchObject({ ok: true, data: { registrationId: id } });

    expect(await call(chooseSubjectsDef, actor, { registrationId: id, subjectIds: [subjects[0].id] })).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '请先完成报名信息维护' });
    expect(await call(saveInfoDef, actor, { registrationId: id, info: { ...info, invoice: { type: 'personal', title: '别人的名字' } } })).toMatchObject({ ok: true, data: { status: 'subjects' } });
    const [reg] = await h.db.select().from(examRegistrations).where(eq(examRegistrations.id, id));
    expect((reg.info as { invoice: unknown }).invoice).toEqual({ type: 'personal', title: user.name });

    const two = await call(chooseSubjectsDef, actor, { registrationId: id, subjectIds: [subjects[0].id, subjects[1].id] });
    expect(two).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { subjectIds: ['每个场次最多只能选择一个科目'] } });
    const [{ n: none }] = await h.db.select({ n: count() }).from(registrationSubjects).where(eq(registrationSubjects.registrationId, id));
    expect(none).toBe(0);
    expect(await call(chooseSubjectsDef, actor, { registrationId: id, subjectIds: [subjects[0].id, subjects[2].id] })).toMatchObject({ ok: true, data: { totalFen: 40000 } });

    expect(await call(chooseAreaDef, actor, { registrationId: id, areaId: areas[1].id })).toMatchObject({ ok: false, code: 'CONFLICT', message: '该考区名额已满，请选择其他考区' });
    expect(await call(chooseAreaDef, actor, { registrationId: id, areaId: areas[0].id })).toMatchObject({ ok: true, data: { areaId: areas[0].id } });
  });

  it('refuses: no confirmed photo, closed window, unpublished exam, another exam’s subject or area, bad info fields', async () => {
    const { exam, subjects } = await openExamFixture();
    const other = await openExamFixture();
    const noPhoto = await candidate(false);
    expect(await call(acceptExamNoticeDef, noPhoto.actor, { examId: exam.id })).toMatchObject({ ok: false, message: '请先上传并确认本人证件照片，再报名考试' });
    const closed = await openExamFixture({ registrationOpensAt: new Date(Date.now() - 10 * DAY), registrationClosesAt: new Date(Date.now() - DAY) });
    const { actor } = await candidate();
    expect(await call(acceptExamNoticeDef, actor, { examId: closed.exam.id })).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '该考试当前不在报名时间内' });
    const draft = await openExamFixture({ status: 'draft' });
    expect(await call(acceptExamNoticeDef, actor, { examId: draft.exam.id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });

    const id = ((await call(acceptExamNoticeDef, actor, { examId: exam.id })) as Ok<{ registrationId: string }>).data.registrationId;
    const badInfo = await call(saveInfoDef, actor, { registrationId: id, info: { ...info, mobile: '123', residenceRegion: '330000', invoice: { type: 'enterprise', title: '', taxNumber: '12' } } });
    expect(badInfo).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(Object.keys((badInfo as { fieldErrors: object }).fieldErrors).sort()).toEqual(['info.invoice.taxNumber', 'info.invoice.title', 'info.mobile', 'info.residenceRegion']);
    await call(saveInfoDef, actor, { registrationId: id, info });
    expect(await call(chooseSubjectsDef, actor, { registrationId: id, subjectIds: [other.subjects[0].id] })).toMatchObject({ ok: false, fieldErrors: { subjectIds: ['所选科目不属于该考试，请刷新页面后重新选择'] } });
    await call(chooseSubjectsDef, actor, { registrationId: id, subjectIds: [subjects[0].id] });
    expect(await call(chooseAreaDef, actor, { registrationId: id, areaId: other.areas[0].id })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
  });

  it('another candidate, organizations, staff and anonymous cannot touch a registration; nothing changes', async () => {
    const { exam, subjects, areas } = await openExamFixture();
    const { actor } = await candidate();
    const id = ((await call(acceptExamNoticeDef, actor, { examId: exam.id })) as Ok<{ registrationId: string }>).data.registrationId;
    await call(saveInfoDef, actor, { registrationId: id, info });
    const before = await h.db.select().from(examRegistrations).where(eq(examRegistrations.id, id));
    const others: Actor[] = [
      (await candidate()).actor,
      await actorOf((await createOrgAccount(h.db)).user.id),
      await actorOf((await createStaff(h.db, [{ role: 'exam_admin' }])).id),
      { kind: 'anonymous' },
    ];
    for (const a of others) {
      expect((await call(saveInfoDef, a, { registrationId: id, info: { ...info, address: '篡改' } })).ok).toBe(false);
      expect((await call(chooseSubjectsDef, a, { registrationId: id, subjectIds: [subjects[0].id] })).ok).toBe(false);
      expect((await call(chooseAreaDef, a, { registrationId: id, areaId: areas[0].id })).ok).toBe(false);
    }
    expect(await h.db.select().from(examRegistrations).where(eq(examRegistrations.id, id))).toEqual(before);
    const [{ n }] = await h.db.select({ n: count() }).from(registrationSubjects).where(and(eq(registrationSubjects.registrationId, id)));
    expect(n).toBe(0);
  });
});

import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { candidatePhotos, examAreas, exams, examSessions, examSubjects } from '@/db/schema';
import { listStaffExams } from '@/lib/modules/exam/admin/services/list-exams';
import { exportRegistrations, registrationFilterFrom } from '@/lib/modules/exam/admin/services/registrations';
import { confirmPhoto } from '@/lib/modules/exam/photo/services/confirm-photo';
import { readPhoto } from '@/lib/modules/exam/photo/services/read-photo';
import { requestPhotoUpload, uploadPhoto } from '@/lib/modules/exam/photo/services/upload-photo';
import { admissionTicketFor, admissionTicketsBatchPdf, assignTicketNumbers } from '@/lib/modules/exam/registration/services/ticket';
import { getStorage } from '@/lib/platform/storage';
import { CANDIDATE_INFO, candidateActor, DAY_MS, openExam, otherCandidate, photoConfirmed, photoSource, refundSettled, registration, uniq } from '../builders';
import {
  ACTOR_KEYS,
  actor,
  APPLICANTS,
  changedTables,
  ctx,
  defineArea,
  expectGuard,
  fingerprint,
  forbidden,
  guard,
  outcomes,
  SIGNED_OUT,
  STAFF,
  type Checks,
  type Coverage,
  type Extra,
} from '../context';

/**
 * Module D, exams (lib/modules/exam): the candidate's registration steps and ID
 * photo (individuals, each scoped to their own), and the exam set-up (exam
 * administrators and admins); the ID photo, admission ticket and registrations
 * export routes.
 */

/** Steps 1 and 2 of a photo upload by `userId` (grant and PUT); returns the ticket. */
async function putPhoto(userId: string): Promise<string> {
  const bytes = await photoSource();
  const grant = await requestPhotoUpload(ctx.h.db, await getStorage(), await candidateActor(userId), { fileName: '证件照.jpg', size: bytes.byteLength, contentType: 'image/jpeg' });
  expect((await fetch(grant.url, { method: 'PUT', body: new Uint8Array(bytes), headers: grant.headers })).status).toBe(200);
  return grant.ticket;
}

/** The individual's real photo (both files in the object store), confirmed. */
async function storedPhoto(): Promise<void> {
  const me = await actor('individual');
  await uploadPhoto(ctx.h.db, await getStorage(), me, { ticket: await putPhoto(ctx.fx.ids.individual.userId) });
  await confirmPhoto(ctx.h.db, me);
}

/** Exam set-up targets (written directly): a draft exam far ahead, with a session, a subject and an area unless `bare`; or published; or published with registration closed. */
async function setupExam(opts: { bare?: boolean; status?: 'draft' | 'published'; closed?: boolean } = {}) {
  const now = Date.now();
  const [exam] = await ctx.h.db
    .insert(exams)
    .values({
      name: `考试设置${uniq()}`,
      periodStart: '2031-06-10',
      periodEnd: '2031-06-11',
      registrationOpensAt: opts.closed ? new Date(now - 20 * DAY_MS) : new Date('2031-04-01T01:00:00Z'),
      registrationClosesAt: opts.closed ? new Date(now - DAY_MS) : new Date('2031-05-20T09:00:00Z'),
      notice: '考生须知。',
      status: opts.status ?? 'draft',
    })
    .returning();
  if (opts.bare) return { examId: exam.id, sessionId: '', subjectId: '', areaId: '' };
  const [session] = await ctx.h.db.insert(examSessions).values({ examId: exam.id, name: '上午场', startsAt: new Date('2031-06-10T01:00:00Z'), endsAt: new Date('2031-06-10T03:00:00Z') }).returning();
  const [subject] = await ctx.h.db.insert(examSubjects).values({ examId: exam.id, sessionId: session.id, code: 'A01', name: '认证通用基础', feeFen: 20000 }).returning();
  const [area] = await ctx.h.db.insert(examAreas).values({ examId: exam.id, name: '北京', regionCode: '110100', capacity: 500 }).returning();
  return { examId: exam.id, sessionId: session.id, subjectId: subject.id, areaId: area.id };
}

/** The exam set-up form as the browser sends it (Beijing datetime-local strings, yuan as typed). */
const examFields = (over: Record<string, string> = {}) => ({
  name: `新建考试${uniq()}`,
  periodStart: '2031-06-10',
  periodEnd: '2031-06-11',
  registrationOpensAt: '2031-04-01T09:00',
  registrationClosesAt: '2031-05-20T17:00',
  refundOpensAt: '',
  refundClosesAt: '',
  areaChangeOpensAt: '',
  areaChangeClosesAt: '',
  notice: '一、考生须知。',
  orderTtlMinutes: '30',
  ...over,
});

/** Module D's candidate steps and photo: individuals only (the module's audience); organizations and staff are refused by the gate. */
const EXAM_CANDIDATE: Omit<Coverage, 'input'> = {
  access: { kind: 'applicant', module: 'exam' },
  refused: { ...SIGNED_OUT, ...forbidden('targetOrgMain', 'otherOrgMain', 'subNoModules', 'subAllModules', ...STAFF) },
  allowed: ['individual'],
  probe: 'individual',
};
/** The individual aiming at another candidate's registration: "not found" (its existence is not revealed). */
const anotherCandidates = (what: string, input: () => Promise<unknown>): Extra => ({ actor: 'individual', code: 'NOT_FOUND', why: `${what} another candidate's registration`, input });

/** Exam set-up: exam administrators and admins (staffNonAdmin holds exam_admin). */
const EXAM_ADMINS: Omit<Coverage, 'input'> = {
  access: { kind: 'staff', roles: ['exam_admin', 'admin'] },
  refused: { ...SIGNED_OUT, ...forbidden(...APPLICANTS, 'staffFinance', 'reviewerAccreditation', 'reviewerExam') },
  allowed: ['staffNonAdmin', 'staffAdmin'],
  probe: 'staffNonAdmin',
};

const coverage: Record<string, Coverage> = {
  // --- module D, the candidate's steps: individuals with module D only (organizations have no exam module), each scoped to their own registrations
  acceptExamNoticeDef: {
    ...EXAM_CANDIDATE,
    // Starts the caller's own registration: there is no one else's object to reach.
    input: async () => {
      await photoConfirmed(ctx.fx.ids.individual.userId);
      return { examId: (await openExam()).examId };
    },
  },
  saveInfoDef: {
    ...EXAM_CANDIDATE,
    input: async () => ({ registrationId: (await registration('info')).registrationId, info: CANDIDATE_INFO }),
    extra: [anotherCandidates('saving the registration info of', async () => ({ registrationId: (await registration('info', await otherCandidate())).registrationId, info: CANDIDATE_INFO }))],
  },
  chooseSubjectsDef: {
    ...EXAM_CANDIDATE,
    input: async () => {
      const r = await registration('subjects');
      return { registrationId: r.registrationId, subjectIds: [r.subjectId] };
    },
    extra: [
      anotherCandidates('choosing the subjects of', async () => {
        const r = await registration('subjects', await otherCandidate());
        return { registrationId: r.registrationId, subjectIds: [r.subjectId] };
      }),
    ],
  },
  chooseAreaDef: {
    ...EXAM_CANDIDATE,
    input: async () => {
      const r = await registration('area');
      return { registrationId: r.registrationId, areaId: r.areaIds[1] };
    },
    extra: [
      anotherCandidates('choosing the exam area of', async () => {
        const r = await registration('area', await otherCandidate());
        return { registrationId: r.registrationId, areaId: r.areaIds[1] };
      }),
    ],
  },
  placeOrderDef: {
    ...EXAM_CANDIDATE,
    input: async () => ({ registrationId: (await registration('area')).registrationId }),
    extra: [anotherCandidates('placing the order of', async () => ({ registrationId: (await registration('area', await otherCandidate())).registrationId }))],
  },
  changeAreaDef: {
    ...EXAM_CANDIDATE,
    input: async () => {
      const r = await registration('paid');
      return { registrationId: r.registrationId, areaId: r.areaIds[1] };
    },
    extra: [
      anotherCandidates('moving the seat of', async () => {
        const r = await registration('paid', await otherCandidate());
        return { registrationId: r.registrationId, areaId: r.areaIds[1] };
      }),
    ],
  },
  requestExamRefundDef: {
    ...EXAM_CANDIDATE,
    // The individual's one exam refund of the whole suite (one per person, ever).
    input: async () => ({ registrationId: (await registration('paid')).registrationId }),
    extra: [anotherCandidates('requesting the refund of', async () => ({ registrationId: (await registration('paid', await otherCandidate())).registrationId }))],
    settle: (d) => refundSettled((d as { refundId: string }).refundId),
  },

  // --- module D, the ID photo: keyed by the caller's own id; the upload ticket is bound to the account that asked for it
  requestPhotoUploadDef: {
    ...EXAM_CANDIDATE,
    input: async () => ({ fileName: '证件照.jpg', size: (await photoSource()).byteLength, contentType: 'image/jpeg' }),
    // Writes nothing until the upload completes: the grant must be real, so it is used to the end.
    readOnly: {
      check: async (d) => {
        const grant = d as { url: string; headers: Record<string, string>; ticket: string };
        expect((await fetch(grant.url, { method: 'PUT', body: new Uint8Array(await photoSource()), headers: grant.headers })).status).toBe(200);
        expect(await uploadPhoto(ctx.h.db, await getStorage(), await actor('individual'), { ticket: grant.ticket })).toMatchObject({ background: 'blue', standard: { width: 215, height: 300 } });
      },
    },
  },
  uploadPhotoDef: {
    ...EXAM_CANDIDATE,
    // The individual's ticket, the source already PUT to the store.
    input: async () => ({ ticket: await putPhoto(ctx.fx.ids.individual.userId) }),
    extra: [{ actor: 'individual', code: 'FORBIDDEN', why: "completing another candidate's photo upload with its ticket", input: async () => ({ ticket: await putPhoto(await otherCandidate()) }) }],
  },
  confirmPhotoDef: {
    ...EXAM_CANDIDATE,
    // The individual's photo, not yet confirmed.
    input: async () => {
      await photoConfirmed(ctx.fx.ids.individual.userId);
      await ctx.h.db.update(candidatePhotos).set({ confirmedAt: null }).where(eq(candidatePhotos.userId, ctx.fx.ids.individual.userId));
      return {};
    },
  },

  // --- module D, exam set-up: exam administrators (staffNonAdmin holds the role) and admins
  createExamDef: { ...EXAM_ADMINS, input: async () => examFields() },
  updateExamDef: { ...EXAM_ADMINS, input: async () => ({ ...examFields({ name: `改名的考试${uniq()}` }), id: (await setupExam()).examId }) },
  deleteExamDef: { ...EXAM_ADMINS, input: async () => ({ id: (await setupExam({ bare: true })).examId }) },
  publishExamDef: { ...EXAM_ADMINS, input: async () => ({ id: (await setupExam()).examId }) },
  unpublishExamDef: { ...EXAM_ADMINS, input: async () => ({ id: (await setupExam({ status: 'published' })).examId }) },
  releaseTicketsDef: { ...EXAM_ADMINS, input: async () => ({ id: (await setupExam({ status: 'published', closed: true })).examId }) },
  addSessionDef: { ...EXAM_ADMINS, input: async () => ({ examId: (await setupExam()).examId, name: '第二场', startsAt: '2031-06-11T09:00', endsAt: '2031-06-11T11:00' }) },
  updateSessionDef: { ...EXAM_ADMINS, input: async () => ({ id: (await setupExam()).sessionId, name: '下午场', startsAt: '2031-06-10T14:00', endsAt: '2031-06-10T16:00' }) },
  deleteSessionDef: { ...EXAM_ADMINS, input: async () => ({ id: (await setupExam()).sessionId }) },
  addSubjectDef: { ...EXAM_ADMINS, input: async () => ({ sessionId: (await setupExam()).sessionId, code: 'B02', name: '审核知识', fee: '150' }) },
  updateSubjectDef: { ...EXAM_ADMINS, input: async () => ({ id: (await setupExam()).subjectId, code: 'A01', name: '认证通用基础（修订）', fee: '180.50' }) },
  deleteSubjectDef: { ...EXAM_ADMINS, input: async () => ({ id: (await setupExam()).subjectId }) },
  addAreaDef: { ...EXAM_ADMINS, input: async () => ({ examId: (await setupExam()).examId, name: '杭州', regionCode: '330100', capacity: '300' }) },
  updateAreaDef: { ...EXAM_ADMINS, input: async () => ({ id: (await setupExam()).areaId, name: '北京考区', regionCode: '110100', capacity: '600' }) },
  deleteAreaDef: { ...EXAM_ADMINS, input: async () => ({ id: (await setupExam()).areaId }) },
};

const routeChecks: Checks = {
  "an ID photo (readPhoto): the candidate's own, and exam administrators and admins naming the candidate; 404 for anyone else": async () => {
    await storedPhoto();
    const storage = await getStorage();
    const mine = ctx.fx.ids.individual.userId;
    await expectGuard((a) => readPhoto(ctx.h.db, storage, a, { kind: 'standard', userId: mine }), outcomes(['individual', 'staffNonAdmin', 'staffAdmin']));
    // Another candidate's photo: the individual gets its own or nothing, never the other's.
    const other = await otherCandidate();
    await ctx.h.db.delete(candidatePhotos).where(eq(candidatePhotos.userId, other));
    await uploadPhoto(ctx.h.db, storage, await candidateActor(other), { ticket: await putPhoto(other) });
    await expectGuard((a) => readPhoto(ctx.h.db, storage, a, { kind: 'original', userId: other }), outcomes(['staffNonAdmin', 'staffAdmin']));
  },

  "the admission ticket (admissionTicketFor): the paid candidate's own once released, and exam administrators and admins; 404 for anyone else": async () => {
    await storedPhoto();
    const storage = await getStorage();
    const r = await registration('paid');
    // Released as releaseTickets does it: the time, and each paid registration's number.
    await ctx.h.db.update(exams).set({ ticketsReleasedAt: new Date() }).where(eq(exams.id, r.examId));
    await assignTicketNumbers(ctx.h.db, r.examId);
    await expectGuard((a) => admissionTicketFor(ctx.h.db, storage, a, r.registrationId), outcomes(['individual', 'staffNonAdmin', 'staffAdmin']));
    // Not released: nobody gets one.
    const unreleased = await registration('paid');
    await expectGuard((a) => admissionTicketFor(ctx.h.db, storage, a, unreleased.registrationId), outcomes([]));
  },

  'the exam list export (listStaffExams): exam administrators and admins only': async () => {
    await expectGuard((a) => listStaffExams(ctx.h.db, a), { ...outcomes(['staffNonAdmin', 'staffAdmin'], 'FORBIDDEN'), ...SIGNED_OUT });
  },

  "bulk print of admission tickets (admissionTicketsBatchPdf): exam administrators and admins only, each print audited; another exam's registration refuses the batch": async () => {
    await storedPhoto();
    const storage = await getStorage();
    const r = await registration('paid');
    await ctx.h.db.update(exams).set({ ticketsReleasedAt: new Date() }).where(eq(exams.id, r.examId));
    await assignTicketNumbers(ctx.h.db, r.examId);
    const got: Record<string, string> = {};
    for (const who of ACTOR_KEYS) {
      const before = await fingerprint();
      const g = await guard((a) => admissionTicketsBatchPdf(ctx.h.db, storage, a, r.examId, [r.registrationId]), who);
      got[who] = g.code;
      // The print is recorded (audit_log); a refusal changes nothing.
      expect(changedTables(before, await fingerprint()), who).toEqual(g.code === 'ok' ? ['audit_log', 'seq:audit_log_id_seq'] : []);
      if (g.code === 'ok') expect(g.value!.count, who).toBe(1);
    }
    expect(got).toEqual({ ...outcomes(['staffNonAdmin', 'staffAdmin'], 'FORBIDDEN'), ...SIGNED_OUT });
    const other = await registration('paid');
    const before = await fingerprint();
    expect((await guard((a) => admissionTicketsBatchPdf(ctx.h.db, storage, a, r.examId, [r.registrationId, other.registrationId]), 'staffAdmin')).code).toBe('NOT_FOUND');
    expect(changedTables(before, await fingerprint())).toEqual([]);
  },

  'the registrations export (exportRegistrations): exam administrators and admins only': async () => {
    const r = await registration('paid');
    const got: Record<string, string> = {};
    for (const who of ACTOR_KEYS) {
      const before = await fingerprint();
      const g = await guard((a) => exportRegistrations(ctx.h.db, a, r.examId, registrationFilterFrom({}), 100), who);
      got[who] = g.code;
      if (g.code === 'ok') expect(g.value!.map((x) => x.id), who).toEqual([r.registrationId]);
      expect(changedTables(before, await fingerprint()), who).toEqual([]);
    }
    expect(got).toEqual({ ...outcomes(['staffNonAdmin', 'staffAdmin'], 'FORBIDDEN'), ...SIGNED_OUT });
  },
};

export const area = defineArea({
  owns: ['lib/modules/exam'],
  coverage,
  guardedRoutes: {
    'app/api/exam/photo/[kind]/route.ts': 'readPhoto(',
    'app/api/exam/registrations/[id]/ticket/route.ts': 'admissionTicketFor(',
    'app/staff/exams/[id]/registrations/export/route.ts': 'exportRegistrations(',
    'app/staff/exams/[id]/registrations/tickets/route.ts': 'admissionTicketsBatchPdf(',
    'app/staff/exams/export/route.ts': 'listStaffExams(',
  },
  checks: { routes: routeChecks },
});

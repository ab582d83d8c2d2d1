import { expect } from 'vitest';
import { personnelExamPlans } from '@/db/schema';
import { createIndividual, createStaff } from '@/db/seed/factories';
import { loadActor } from '@/lib/platform/auth/actor';
import { TESTING_ENROLLMENT } from '@/lib/modules/personnel/enrollment/schemas';
import { CERTIFICATE_REISSUE } from '@/lib/modules/personnel/reissue/schemas';
import { PERSONNEL_CERTIFICATE } from '@/lib/modules/personnel/certificates';
import { issueCertificate, SYSTEM } from '@/lib/platform/certificates';
import { applications } from '@/db/schema';
import { eq } from 'drizzle-orm';
import type { Actor } from '@/lib/platform/auth/actor';
import { createApplication } from '@/lib/platform/workflow';
import { exportPlanEnrollments, exportPlans } from '@/lib/modules/personnel/plans/queries';
import { completeUpload } from '@/lib/platform/documents/services/complete-upload';
import { requestUpload } from '@/lib/platform/documents/services/request-upload';
import { getStorage } from '@/lib/platform/storage';
import { PERSONNEL_PHOTO_SLOT } from '@/lib/modules/personnel/photo-slot';
import { jpegPhoto } from '../../../helpers/photos';
import { PDF, personWithProfile, planFields, upload } from '../../../helpers/personnel';
import { requiredMaterials } from '@/lib/modules/personnel/enrollment/kinds';
import { transition } from '@/lib/platform/workflow';
import { uniq } from '../builders';
import { ACTOR_KEYS, actor, APPLICANTS, sessionFor, type Extra, changedTables, ctx, defineArea, fingerprint, forbidden, guard, outcomes, SIGNED_OUT, STAFF, type ActorKey, type Checks, type Coverage } from '../context';

/**
 * Module C, inspection and testing personnel (lib/modules/personnel): the
 * person's own profile (individuals with the module, each on their own
 * account); the exam plans (module C's exam administrators and admins) and
 * their two Excel exports, the results import and the certificate issue.
 */

const ORGANIZATIONS: ActorKey[] = ['targetOrgMain', 'otherOrgMain', 'subNoModules', 'subAllModules'];

/** Module C is for individuals: organizations (every kind of account) and staff are refused by the gate. */
const PERSONNEL_PERSON: Omit<Coverage, 'input'> = {
  access: { kind: 'applicant', module: 'personnel' },
  refused: { ...SIGNED_OUT, ...forbidden(...ORGANIZATIONS, ...STAFF) },
  allowed: ['individual'],
  probe: 'individual',
};

/** A photo of `who` in the personnel photo slot (uploaded as the browser does). */
async function personnelPhoto(who: ActorKey = 'individual'): Promise<string> {
  const storage = await getStorage();
  const me = await actor(who);
  const bytes = await jpegPhoto({ width: 300, height: 400 });
  const grant = await requestUpload(ctx.h.db, storage, me, { slot: PERSONNEL_PHOTO_SLOT, fileName: '照片.jpg', size: bytes.byteLength, contentType: 'image/jpeg' });
  expect((await fetch(grant.url, { method: 'PUT', body: new Uint8Array(bytes), headers: grant.headers })).status).toBe(200);
  return (await completeUpload(ctx.h.db, storage, me, { ticket: grant.ticket })).id;
}

/** Module C's exam set-up: exam administrators (module C or every module) and admins; staffNonAdmin holds exam_admin. */
const PERSONNEL_EXAM_ADMINS: Omit<Coverage, 'input'> = {
  access: { kind: 'staff', roles: ['exam_admin', 'admin'], module: 'personnel' },
  refused: { ...SIGNED_OUT, ...forbidden(...APPLICANTS, 'staffFinance', 'reviewerAccreditation', 'reviewerExam') },
  allowed: ['staffNonAdmin', 'staffAdmin'],
  probe: 'staffNonAdmin',
};

/** A plan written directly (draft unless said otherwise). */
async function plan(status: 'draft' | 'open' = 'draft'): Promise<string> {
  const now = Date.now();
  const [row] = await ctx.h.db
    .insert(personnelExamPlans)
    .values({
      kind: 'testing',
      item: 'UT-Ⅱ',
      name: `考试计划${uniq()}`,
      examStartsOn: '2031-06-10',
      examEndsOn: '2031-06-11',
      site: '杭州考点',
      capacity: 20,
      enrollOpensAt: new Date(now - 86_400_000),
      enrollClosesAt: new Date('2031-05-20T09:00:00Z'),
      status,
    })
    .returning({ id: personnelExamPlans.id });
  return row.id;
}

/** A draft 检测人员考试报名 of `who` (the individual unless another person is given). */
async function enrollmentDraft(who?: Actor): Promise<string> {
  const app = await createApplication(ctx.h.db, who ?? (await actor('individual')), { kind: TESTING_ENROLLMENT, data: { item: 'UT-Ⅱ' }, draft: true });
  return app.id;
}

/** Another individual (not a fixture actor), as an actor for building their objects. */
async function anotherPerson(): Promise<Actor> {
  const u = await createIndividual(ctx.h.db);
  return { kind: 'individual', id: u.id, name: u.name, sessionId: 'builder', mustChangePassword: false };
}

const othersEnrollment = (what: string, input: (id: string) => unknown): Extra => ({
  actor: 'individual',
  code: 'NOT_FOUND',
  why: `${what} another person's enrollment`,
  input: async () => input(await enrollmentDraft(await anotherPerson())),
});

/**
 * Another person's enrollment in an open plan, taken through the real steps
 * (profile with photo, materials, 直接申请, signed form) and approved by the
 * qualification review — or further, with a pass recorded.
 */
async function approvedEnrollment(stage: 'approved' | 'passed' = 'approved'): Promise<{ planId: string; number: string; name: string }> {
  const storage = await getStorage();
  const p = await personWithProfile(ctx.h.db, storage);
  const planId = await plan('open');
  const app = await createApplication(ctx.h.db, p.actor, { kind: TESTING_ENROLLMENT, data: { item: 'UT-Ⅱ' }, draft: true });
  for (const slot of requiredMaterials('testing')) await upload(ctx.h.db, storage, p.actor, { applicationId: app.id, slot, fileName: `${slot}.pdf`, bytes: PDF, contentType: 'application/pdf' });
  await transition(ctx.h.db, p.actor, { applicationId: app.id, event: 'submit', data: { item: 'UT-Ⅱ', nature: 'institution', enrollType: 'initial', heldItems: [], planId, education: '21', employer: '某检验机构', title: '', yearsOfWork: '3' } });
  await upload(ctx.h.db, storage, p.actor, { applicationId: app.id, slot: 'signed_form', fileName: '申请表.pdf', bytes: PDF, contentType: 'application/pdf' });
  const admin = await actor('staffAdmin');
  await transition(ctx.h.db, admin, { applicationId: app.id, event: 'approve' });
  if (stage === 'passed') await transition(ctx.h.db, admin, { applicationId: app.id, event: 'pass', data: { outcome: 'pass' } });
  return { planId, number: app.number, name: p.user.name };
}

const resultsFile = (rows: string[][]) => Buffer.from(`\uFEFF${[['报名编号', '姓名', '考试结果', '理论成绩', '实操成绩', '备注'], ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`).toString('base64');

const INFO = { education: '21', employer: '某检验机构', title: '', yearsOfWork: '3', heldItems: [] };

const profile = (photoDocumentId: string, over: Record<string, unknown> = {}) => ({
  name: '个人用户',
  photoDocumentId,
  education: '21',
  majorType: 'science',
  majorCode: '080206',
  employer: '某特种设备检验机构',
  title: '工程师',
  yearsOfWork: '6',
  ...over,
});

const coverage: Record<string, Coverage> = {
  // --- module C, the person's own profile: individuals with the module, always on their own account (the input names no account)
  savePersonnelProfileDef: {
    ...PERSONNEL_PERSON,
    input: async () => profile(await personnelPhoto(), { employer: `某特种设备检验机构${Date.now()}` }),
  },

  // --- module C, the person's own enrollments (状态查看): individuals, scoped to their own by the query
  deleteEnrollmentsDef: {
    ...PERSONNEL_PERSON,
    input: async () => ({ ids: [await enrollmentDraft()] }),
    extra: [othersEnrollment('deleting', (id) => ({ ids: [id] }))],
  },
  updateEnrollmentInfoDef: {
    ...PERSONNEL_PERSON,
    input: async () => ({ applicationId: await enrollmentDraft(), info: INFO }),
    extra: [othersEnrollment('changing the info of', (applicationId) => ({ applicationId, info: INFO }))],
  },

  // --- module C, exam plans: its exam administrators and admins
  createPlanDef: { ...PERSONNEL_EXAM_ADMINS, input: async () => planFields() },
  updatePlanDef: { ...PERSONNEL_EXAM_ADMINS, input: async () => ({ ...planFields({ name: `改名后的计划${uniq()}` }), planId: await plan() }) },
  setPlanStatusDef: { ...PERSONNEL_EXAM_ADMINS, input: async () => ({ planId: await plan(), status: 'open' }) },
  importResultsDef: {
    ...PERSONNEL_EXAM_ADMINS,
    input: async () => {
      const e = await approvedEnrollment();
      return { planId: e.planId, fileName: '成绩.csv', contentBase64: resultsFile([[e.number, e.name, '合格', '88', '90', '']]) };
    },
  },
  certifyPassedDef: { ...PERSONNEL_EXAM_ADMINS, input: async () => ({ planId: (await approvedEnrollment('passed')).planId }) },
};

/** An export writes one audit row for whom it serves, nothing for whom it refuses. */
async function expectAuditedExport(run: (a: Awaited<ReturnType<typeof actor>>) => Promise<unknown>, allowed: ActorKey[]) {
  const got: Record<string, string> = {};
  for (const who of ACTOR_KEYS) {
    const before = await fingerprint();
    const g = await guard(run, who);
    got[who] = g.code;
    const changed = changedTables(before, await fingerprint());
    expect(changed, who).toEqual(g.code === 'ok' ? ['audit_log', 'seq:audit_log_id_seq'] : []);
  }
  expect(got).toEqual({ ...outcomes(allowed, 'FORBIDDEN'), ...SIGNED_OUT });
}

const routeChecks: Checks = {
  "a plan's enrollments export (exportPlanEnrollments): module C's exam administrators and admins; audited": async () => {
    const id = await plan('open');
    await expectAuditedExport((a) => exportPlanEnrollments(ctx.h.db, a, id), ['staffNonAdmin', 'staffAdmin']);
  },
  'the exam plans export (exportPlans): module C\'s exam administrators and admins; audited': async () => {
    await plan();
    await expectAuditedExport((a) => exportPlans(ctx.h.db, a, {}), ['staffNonAdmin', 'staffAdmin']);
  },
};

/**
 * 证书补发 / 证书信息变更 pass the exam institution before the issuing
 * authority: on a request the exam institution has not reported, every
 * transition the authority tries is refused and nothing changes; once it is
 * reported, the authority's approval goes through.
 */
const flowChecks: Checks = {
  'the issuing authority cannot act on a certificate reissue before the exam institution reports it': async () => {
    const storage = await getStorage();
    const p = await personWithProfile(ctx.h.db, storage);
    const cert = await issueCertificate(ctx.h.db, SYSTEM, { type: PERSONNEL_CERTIFICATE, holderUserId: p.user.id, holderName: p.user.name, subject: { category: '检验员', items: ['压力容器检验员（RQY）'], employer: '某检验机构' } });
    const app = await createApplication(ctx.h.db, p.actor, { kind: CERTIFICATE_REISSUE, data: { certificateId: cert.id }, draft: true });
    await upload(ctx.h.db, storage, p.actor, { applicationId: app.id, slot: 'signed_form', fileName: '补办申请表.pdf', bytes: PDF, contentType: 'application/pdf' });
    await transition(ctx.h.db, p.actor, { applicationId: app.id, event: 'submit', data: { certificateId: cert.id, reason: 'lost' } });
    // A staff member holding only the issuing authority's role, signed in like everyone else.
    const user = await createStaff(ctx.h.db, [{ role: 'issuing_authority' }]);
    const authorityOnly = await loadActor(ctx.h.db, user.id, await sessionFor(user.id));
    for (const event of ['authorize', 'authorityReturn']) {
      const before = await fingerprint();
      await expect(transition(ctx.h.db, authorityOnly, { applicationId: app.id, event, opinion: '提前处理' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
      expect(changedTables(before, await fingerprint()), event).toEqual([]);
    }
    await transition(ctx.h.db, await actor('staffAdmin'), { applicationId: app.id, event: 'report' });
    await transition(ctx.h.db, authorityOnly, { applicationId: app.id, event: 'authorize' });
    expect((await ctx.h.db.select({ status: applications.status }).from(applications).where(eq(applications.id, app.id)))[0].status).toBe('reissued');
  },
};

export const area = defineArea({
  owns: ['lib/modules/personnel'],
  coverage,
  guardedRoutes: {
    'app/staff/personnel/plans/[id]/export/route.ts': 'exportPlanEnrollments(',
    'app/staff/personnel/plans/export/route.ts': 'exportPlans(',
  },
  checks: { routes: routeChecks, redirects: flowChecks },
});

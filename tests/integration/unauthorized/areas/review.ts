import { desc, eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { outbox, staffDelegations } from '@/db/schema';
import { createStaff, randomMobile } from '@/db/seed/factories';
import { randomCreditCode } from '@/db/seed/identity-data';
import { allows, invokeAction } from '@/lib/platform/auth/action-core';
import { loadActor } from '@/lib/platform/auth/actor';
import { createChallenge, encodeSolution, solveChallenge } from '@/lib/platform/auth/captcha';
import { sendSmsCode } from '@/lib/platform/auth/sms-codes';
import { completeUpload } from '@/lib/platform/documents/services/complete-upload';
import { requestUpload } from '@/lib/platform/documents/services/request-upload';
import { getStorage } from '@/lib/platform/storage';
import { createApplication, transition } from '@/lib/platform/workflow';
import { REVIEW_STAFF_ACCESS } from '@/lib/modules/review/access';
import { CONCLUSION_EVENTS, MATERIAL_SLOTS, REVIEW_PROJECT } from '@/lib/modules/review/constants';
import { exportTeamScores } from '@/lib/modules/review/evaluation';
import { letterPdfFor, noticePdfFor, reviewLettersBatchPdf } from '@/lib/modules/review/letters';
import { projectExport } from '@/lib/modules/review/queries';
import { DEFAULT_CRITERIA } from '@/lib/modules/review/settings';
import { unitLicenseFor } from '@/lib/modules/review/unit';
import { nextSeq, PDF } from '../builders';
import {
  ACTOR_KEYS,
  actor,
  APPLICANTS,
  call,
  changedTables,
  ctx,
  defineArea,
  defNamed,
  expectGuard,
  fingerprint,
  forbidden,
  guard,
  outcomes,
  SECRET,
  sessionFor,
  SIGNED_OUT,
  STAFF,
  type ActorKey,
  type Checks,
  type Coverage,
} from '../context';

/**
 * Module E, appraisal review (lib/modules/review): the unit's evaluation,
 * basic information and contact mobile (an organization account with module
 * E, within its own unit), the module's settings (review planners and admins),
 * and the routes serving the negotiation letter, the review notice, the staff
 * export and the unit's business licence. The project's steps run on the
 * workflow engine's actions (areas/platform.ts); the checks below prove the
 * module's own rules on them: a leader not assigned, or a substitute whose
 * delegation expired, changes nothing.
 *
 * The target organization's projects are moved through the engine with the
 * fixture staff member holding every non-admin role (staffNonAdmin: planner and
 * leader) and a reviewer of module E made here for the team.
 */

const captcha = () => encodeSolution(solveChallenge(createChallenge(SECRET, 300))!);
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);

const FORM = (creditCode: string) => ({
  address: '北京市朝阳区和平街西苑2号楼',
  postalCode: '100029',
  contactName: '陈晨',
  contactPhone: '010-64281234',
  contactMobile: '18513661392',
  creditCode,
  legalRepresentative: '刘三江',
  institutionType: 'publicInstitution',
  acceptanceNumber: `UA-${nextSeq()}`,
  acceptanceDate: '2026-01-05',
  reviewType: 'initial',
  acceptanceCategory: 'inspectionBody',
  province: 'SAMR',
});

async function upload(who: ActorKey, applicationId: string | null, slot: string) {
  const storage = await getStorage();
  const grant = await requestUpload(ctx.h.db, storage, await actor(who), { applicationId, slot, fileName: `${slot}.pdf`, size: PDF.byteLength, contentType: 'application/pdf' });
  expect((await fetch(grant.url, { method: 'PUT', body: Buffer.from(PDF), headers: grant.headers })).status).toBe(200);
  return completeUpload(ctx.h.db, storage, await actor(who), { ticket: grant.ticket });
}

/** A reviewer of module E for the teams (made once). */
let teamReviewer: Promise<string> | undefined;
const reviewerId = () => (teamReviewer ??= createStaff(ctx.h.db, [{ role: 'reviewer', module: 'review' }], { name: '评审员 甲' }).then((u) => u.id));

type Step = 'letter' | 'notice' | 'onSite' | 'concluded';
/** A project of the target organization, moved to `step` (staffNonAdmin plans it and leads its team). */
async function targetProject(step: Step): Promise<string> {
  const db = ctx.h.db;
  const unit = await actor('targetOrgMain');
  const staff = await actor('staffNonAdmin');
  const form = FORM(randomCreditCode());
  const app = await createApplication(db, unit, { kind: REVIEW_PROJECT, data: form, draft: true });
  for (const slot of MATERIAL_SLOTS) await upload('targetOrgMain', app.id, slot);
  await transition(db, unit, { applicationId: app.id, event: 'submit', data: form });
  await transition(db, staff, { applicationId: app.id, event: 'pass' });
  await transition(db, unit, { applicationId: app.id, event: 'invite', data: { expectedDate: day(10) } });
  await transition(db, staff, { applicationId: app.id, event: 'approveInvitation' });
  if (step === 'letter') return app.id;
  await upload('targetOrgMain', app.id, 'letter_scan');
  await transition(db, unit, { applicationId: app.id, event: 'submitLetter' });
  await transition(db, staff, { applicationId: app.id, event: 'issueNotice', data: { startDate: day(12), endDate: day(12), leaderId: ctx.fx.ids.staffNonAdmin.userId, reviewerIds: [await reviewerId()] } });
  if (step === 'notice') return app.id;
  await transition(db, unit, { applicationId: app.id, event: 'confirmNotice' });
  await upload('staffNonAdmin', app.id, 'onsite_materials');
  if (step === 'onSite') return app.id;
  await transition(db, staff, { applicationId: app.id, event: CONCLUSION_EVENTS.rectify, data: { remarks: '整改后通过' } });
  return app.id;
}

const UNIT_PROFILE = {
  address: '北京市朝阳区和平街西苑2号楼',
  legalRepresentative: '刘三江',
  contactName: '刘江',
  contactPhone: '010-64281234',
  email: 'office@example.com',
  postalCode: '100029',
  institutionType: 'publicInstitution',
};

/** The unit side: an organization account with module E, within its own unit. */
const UNIT_SELF: Omit<Coverage, 'input' | 'probe'> = {
  access: { kind: 'applicant', module: 'review' },
  // The gate: signed out, staff, individuals, and a sub-account without module E.
  refused: { ...SIGNED_OUT, ...forbidden(...STAFF, 'individual', 'subNoModules') },
  // Each unit keeps its own information: another unit's call changes its own, never the target's.
  allowed: ['targetOrgMain', 'subAllModules', 'otherOrgMain'],
};

const coverage: Record<string, Coverage> = {
  submitEvaluationDef: {
    access: { kind: 'applicant', module: 'review' },
    input: async () => ({ applicationId: await targetProject('concluded'), round: 1, scores: Object.fromEntries(DEFAULT_CRITERIA.map((c) => [c.key, 4])), comment: '' }),
    refused: {
      ...SIGNED_OUT,
      ...forbidden(...STAFF, 'individual', 'subNoModules'),
      // Scoped by object: another unit's project does not exist for it.
      otherOrgMain: 'NOT_FOUND',
    },
    allowed: ['targetOrgMain', 'subAllModules'],
    probe: 'subAllModules',
  },
  updateUnitProfileDef: { ...UNIT_SELF, probe: 'subAllModules', input: async () => ({ ...UNIT_PROFILE, website: `www.ua${nextSeq()}.example.com` }) },
  requestContactMobileCodeDef: { ...UNIT_SELF, probe: 'targetOrgMain', input: async () => ({ newMobile: randomMobile(), captcha: captcha() }) },
  changeContactMobileDef: {
    ...UNIT_SELF,
    probe: 'targetOrgMain',
    // A real code sent to a new number for the probe's own account, so the input is valid in every respect.
    input: async () => {
      const newMobile = randomMobile();
      await sendSmsCode(ctx.h.db, { mobile: newMobile, purpose: 'change_mobile', subject: `review-contact:${ctx.fx.ids.targetOrgMain.userId}` }, { ttlMinutes: 10, dailyCap: 10, resendSeconds: 60 });
      const [row] = await ctx.h.db.select().from(outbox).where(sql`${outbox.payload}->>'to' = ${newMobile}`).orderBy(desc(outbox.id)).limit(1);
      return { newMobile, smsCode: (row.payload as { params: { code: string } }).params.code };
    },
  },
  updateReviewSettingsDef: {
    access: { kind: 'staff', roles: ['review_planner', 'admin'], module: 'review' },
    // A new prefix each time, so an allowed call changes the database.
    input: async () => ({ prefix: `PSSCZJ${nextSeq() % 1000}`.slice(0, 12), criteria: DEFAULT_CRITERIA }),
    refused: { ...SIGNED_OUT, ...forbidden(...APPLICANTS, 'staffFinance', 'reviewerAccreditation', 'reviewerExam') },
    allowed: ['staffNonAdmin', 'staffAdmin'],
    probe: 'staffNonAdmin',
  },
};

/** Review staff: planners, leaders, module-E reviewers (staffNonAdmin) and admins. */
const REVIEW_READERS: ActorKey[] = ['targetOrgMain', 'subAllModules', 'staffNonAdmin', 'staffAdmin'];

const routeChecks: Checks = {
  "评审评价统计's export (exportTeamScores): module-E staff and admins": async () => {
    await expectGuard((a) => exportTeamScores(ctx.h.db, a), { ...outcomes(['staffNonAdmin', 'staffAdmin'], 'FORBIDDEN'), ...SIGNED_OUT });
  },
  'the negotiation letter (letterPdfFor): the unit’s accounts with module E and review staff; anyone else finds nothing': async () => {
    const id = await targetProject('letter');
    await expectGuard((a) => letterPdfFor(ctx.h.db, a, id, undefined, 'zh-CN'), outcomes(REVIEW_READERS));
  },
  'the review notice (noticePdfFor): the unit’s accounts with module E and review staff; anyone else finds nothing': async () => {
    const id = await targetProject('notice');
    await expectGuard((a) => noticePdfFor(ctx.h.db, a, id, 1, 'zh-CN'), outcomes(REVIEW_READERS));
  },
  "bulk print of review notices (reviewLettersBatchPdf): module-E staff and admins, one PDF for the selection, each print audited; a project without that letter refuses the batch": async () => {
    const ids = [await targetProject('notice'), await targetProject('notice')];
    const got: Record<string, string> = {};
    for (const who of ACTOR_KEYS) {
      const before = await fingerprint();
      const g = await guard((a) => reviewLettersBatchPdf(ctx.h.db, a, 'notice', ids), who);
      got[who] = g.code;
      expect(changedTables(before, await fingerprint()), who).toEqual(g.code === 'ok' ? ['audit_log', 'seq:audit_log_id_seq'] : []);
      if (g.code === 'ok') {
        expect(g.value!.count, who).toBe(2);
        expect(Buffer.from(g.value!.buffer).subarray(0, 5).toString()).toBe('%PDF-');
      }
    }
    expect(got).toEqual({ ...outcomes(['staffNonAdmin', 'staffAdmin'], 'FORBIDDEN'), ...SIGNED_OUT });
    // A project whose notice is not issued yet: nothing printed, nothing recorded.
    const early = await targetProject('letter');
    const before = await fingerprint();
    expect((await guard((a) => reviewLettersBatchPdf(ctx.h.db, a, 'notice', [...ids, early]), 'staffAdmin')).code).toBe('NOT_FOUND');
    expect(changedTables(before, await fingerprint())).toEqual([]);
  },
  'the staff export (projectExport behind REVIEW_STAFF_ACCESS): only review staff reach the route, and their rows hold the target unit’s project': async () => {
    const id = await targetProject('letter');
    const got: Record<string, string> = {};
    for (const who of ACTOR_KEYS) {
      const a = await actor(who);
      if (!allows(REVIEW_STAFF_ACCESS, a)) {
        got[who] = 'refused';
        continue;
      }
      const before = await fingerprint();
      got[who] = (await projectExport(ctx.h.db, a)).some((r) => r.id === id) ? 'ok' : 'empty';
      expect(changedTables(before, await fingerprint()), who).toEqual([]);
    }
    expect(got).toEqual(Object.fromEntries(ACTOR_KEYS.map((k) => [k, ['staffNonAdmin', 'staffAdmin'].includes(k) ? 'ok' : 'refused'])));
  },
  'the unit’s business licence (unitLicenseFor): the unit’s accounts with module E; another unit finds none; anyone else is refused': async () => {
    const doc = await upload('targetOrgMain', null, 'review_unit_license');
    const r = await call(defNamed('updateUnitProfileDef'), 'targetOrgMain', { ...UNIT_PROFILE, licenseDocumentId: doc.id });
    expect(r).toMatchObject({ ok: true });
    await expectGuard((a) => unitLicenseFor(ctx.h.db, a), { ...outcomes(['targetOrgMain', 'subAllModules'], 'FORBIDDEN'), otherOrgMain: 'NOT_FOUND' });
  },
};

const stepChecks: Checks = {
  'the on-site conclusion (fireTransitionDef) by a leader not assigned to the project, or by a substitute whose delegation expired, is refused and changes nothing': async () => {
    const id = await targetProject('onSite');
    const other = await createStaff(ctx.h.db, [{ role: 'review_leader' }], { name: '组长 乙' });
    const fire = defNamed('fireTransitionDef');
    const otherActor = await loadActor(ctx.h.db, other.id, await sessionFor(other.id));
    const conclude = () => invokeAction(fire, { db: ctx.h.db, actor: async () => otherActor, ip: '10.66.0.1', locale: 'zh-CN' }, { applicationId: id, event: CONCLUSION_EVENTS.pass, data: { remarks: '越权结论' } });
    let before = await fingerprint();
    expect(await conclude()).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(changedTables(before, await fingerprint())).toEqual([]);
    // Named substitute for days already past: the delegation grants nothing today.
    await ctx.h.db.insert(staffDelegations).values({ delegatorId: ctx.fx.ids.staffNonAdmin.userId, substituteId: other.id, role: 'review_leader', module: '*', startsOn: day(-5), endsOn: day(-1) });
    before = await fingerprint();
    expect(await conclude()).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(changedTables(before, await fingerprint())).toEqual([]);
    // The assigned leader (staffNonAdmin) may.
    expect(await call(fire, 'staffNonAdmin', { applicationId: id, event: CONCLUSION_EVENTS.pass, data: { remarks: '通过' } })).toMatchObject({ ok: true });
  },
};

export const area = defineArea({
  owns: ['lib/modules/review'],
  coverage,
  guardedRoutes: {
    'app/staff/review/projects/export/route.ts': 'projectExport(',
    'app/staff/review/evaluations/export/route.ts': 'exportTeamScores(',
    'app/staff/review/projects/letters/route.ts': 'reviewLettersBatchPdf(',
    'app/api/review/projects/[id]/letter/route.ts': 'letterPdfFor(',
    'app/api/review/projects/[id]/notice/route.ts': 'noticePdfFor(',
    'app/api/review/unit/license/route.ts': 'unitLicenseFor(',
  },
  checks: { routes: routeChecks, redirects: stepChecks },
});

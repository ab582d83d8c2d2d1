import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { applications } from '@/db/schema';
import { FIELD_CHANGE } from '@/lib/modules/accreditation/field-change/kind';
import { PRE_APPLICATION } from '@/lib/modules/accreditation/pre-application/kind';
import { authorizeDocumentRead } from '@/lib/platform/documents/access';
import { completeUpload } from '@/lib/platform/documents/services/complete-upload';
import { startPhoneUpload } from '@/lib/platform/documents/services/phone-upload';
import { requestUpload } from '@/lib/platform/documents/services/request-upload';
import { defineSlots, MB, PERSONAL_FILES_SLOT, registerKindSlots, slotsOfKind } from '@/lib/platform/documents/slots';
import { notifyUser } from '@/lib/platform/notify/in-app';
import { getStorage } from '@/lib/platform/storage';
import { dashboardExport } from '@/lib/platform/dashboard';
import { exportDeliveries } from '@/lib/platform/notify/deliveries';
import { exportReadingNotices } from '@/lib/platform/notices/editor';
import { exportMyTasks, getApplicationFor, queueExport, staffKinds } from '@/lib/platform/workflow';
import { FIELD_CHANGE_FORM, nextSeq, PDF, targetDraft, targetSubmitted, uniq, unverifiedPreApplication, verifiedPreApplication } from '../builders';
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
  expectRefused,
  extras,
  fingerprint,
  forbidden,
  guard,
  MODULE_A_STAFF,
  notFound,
  outcomes,
  resolve,
  SIGNED_IN,
  SIGNED_OUT,
  STAFF,
  type ActorKey,
  type Checks,
  type Coverage,
  type Extra,
} from '../context';

/**
 * The platform's own actions: the workflow engine (lib/platform/workflow),
 * documents (lib/platform/documents), in-app notifications
 * (lib/platform/notify) and forced-reading notices (lib/platform/notices).
 * The targets are the target organization's real applications and files.
 */

/*
 * The field-change kind declares no document slots (yet). The documents gate is
 * the same for every kind (the application row decides who may write), so the
 * suite gives the kind one slot in this process only, to upload real files to
 * the target organization's real application.
 */
const APP_SLOT = 'supporting_document';
if (!slotsOfKind(FIELD_CHANGE).some((s) => s.key === APP_SLOT)) {
  registerKindSlots(FIELD_CHANGE, [...slotsOfKind(FIELD_CHANGE), ...defineSlots([{ key: APP_SLOT, label: '证明材料', types: ['pdf'], maxBytes: MB, required: false }])]);
}

type FileTarget = { applicationId: string | null; slot: string };
const appFile = (applicationId: string): FileTarget => ({ applicationId, slot: APP_SLOT });
const personalFile: FileTarget = { applicationId: null, slot: PERSONAL_FILES_SLOT };

/** Steps 1 and 2 of a browser upload through the documents platform: the grant and the PUT. Returns the ticket. */
async function putFile(who: ActorKey, target: FileTarget): Promise<string> {
  const grant = await requestUpload(ctx.h.db, await getStorage(), await actor(who), { ...target, fileName: '证明材料.pdf', size: PDF.byteLength, contentType: 'application/pdf' });
  const put = await fetch(grant.url, { method: 'PUT', body: Buffer.from(PDF), headers: grant.headers });
  expect(put.status).toBe(200);
  return grant.ticket;
}

/** A whole upload (request, PUT, complete) by `who`; returns the document id. */
async function uploadedDoc(who: ActorKey, target: FileTarget): Promise<string> {
  const ticket = await putFile(who, target);
  return (await completeUpload(ctx.h.db, await getStorage(), await actor(who), { ticket })).id;
}

/** A selected queue row as the bulk form sends it: the application and the version seen. */
async function seenItem(id: string): Promise<{ id: string; version: number }> {
  const [row] = await ctx.h.db.select({ version: applications.version }).from(applications).where(eq(applications.id, id));
  return { id, version: row.version };
}

/** A notification (the bell) of the target organization's main account. */
async function targetNotification(): Promise<number> {
  const id = await notifyUser(ctx.h.db, { userId: ctx.fx.ids.targetOrgMain.userId, title: `业务领域变更 ${uniq()}：退回修改`, link: '/portal/applications' });
  return id!;
}

/**
 * The documents actions on a file slot of the target organization's draft: the
 * gate admits applicants only; the write target is resolved in a query scoped
 * to the caller's own / organization's applications, with the module granted.
 */
/**
 * Uploading, listing and deleting an application's files: the gate admits
 * every signed-in account since staff may write the slots a kind gives their
 * role (module E's on-site materials, areas/review.ts); for any other slot
 * the handler refuses staff with FORBIDDEN, and applicants as below.
 */
const STAFF_WRITABLE_FILES: Omit<Coverage, 'input' | 'probe'> = {
  access: { kind: 'signedIn' },
  refused: {
    ...SIGNED_OUT,
    ...forbidden(...STAFF),
    ...notFound('individual', 'otherOrgMain', 'subNoModules'),
  },
  allowed: ['targetOrgMain', 'subAllModules'],
};

const APPLICATION_FILES: Omit<Coverage, 'input' | 'probe'> = {
  access: { kind: 'applicant' },
  refused: {
    ...SIGNED_OUT,
    ...forbidden(...STAFF),
    // Scoped by object: not their application, or (subNoModules) their organization's but in a module not granted.
    ...notFound('individual', 'otherOrgMain', 'subNoModules'),
  },
  allowed: ['targetOrgMain', 'subAllModules'],
};

/** The notification the bell test aims at (set when its input is built). */
let bellTarget = 0;

const coverage: Record<string, Coverage> = {
  // --- forced-reading notices (lib/platform/notices/editor.ts): admins and the notice's module's reviewers
  updateReadingNoticeDef: {
    access: { kind: 'staff', roles: ['admin', 'reviewer'] },
    // A new reading time each time, so an allowed call changes the setting.
    input: async () => ({ key: 'accreditation.login', title: '实验室/检验机构用户登录须知', body: '须知正文。', seconds: String(10 + (nextSeq() % 50)) }),
    // The exam reviewer passes the gate, but module A's notice is not theirs.
    refused: { ...SIGNED_OUT, ...forbidden(...APPLICANTS, 'staffFinance', 'reviewerExam') },
    allowed: ['staffNonAdmin', 'reviewerAccreditation', 'staffAdmin'],
    probe: 'reviewerAccreditation',
    extra: [
      {
        actor: 'reviewerAccreditation',
        code: 'FORBIDDEN',
        why: "a module-A reviewer editing module B's membership notice",
        input: async () => ({ key: 'membership.apply', title: '入会须知', body: '改写的须知。', seconds: '1' }),
        control: 'staffAdmin',
      },
    ],
  },

  // --- workflow: the engine decides per transition (applicant / staff role of the module / system)
  fireTransitionDef: {
    access: { kind: 'signedIn' },
    // The applicant's own transition: submitting the target organization's draft.
    input: async () => ({ applicationId: await targetDraft(), event: 'submit', data: FIELD_CHANGE_FORM }),
    refused: {
      ...SIGNED_OUT,
      // An applicant transition on someone else's application: "not found" (existence is not revealed), staff included.
      ...notFound('individual', 'otherOrgMain', 'subNoModules', ...STAFF),
    },
    allowed: ['targetOrgMain', 'subAllModules'],
    probe: 'targetOrgMain',
    extra: [
      // A staff transition (return, opinion required) on the target's submitted application: the role of module A or nothing.
      ...extras(['individual', 'targetOrgMain', 'otherOrgMain', 'subAllModules', 'staffFinance'], {
        code: 'FORBIDDEN',
        why: 'a reviewer-only transition (return) fired by someone without the module-A reviewer role',
        input: async () => ({ applicationId: await targetSubmitted(), event: 'return', opinion: '请补充材料' }),
      }),
      {
        actor: 'reviewerExam',
        code: 'FORBIDDEN',
        why: 'a reviewer of another module returning a module-A application',
        input: async () => ({ applicationId: await targetSubmitted(), event: 'return', opinion: '请补充材料' }),
        control: 'reviewerAccreditation',
      },
      // Approving a verified pre-application creates an institution account: module-A reviewers and admins only.
      ...extras(['targetOrgMain', 'staffFinance'], {
        code: 'FORBIDDEN',
        why: 'approving a verified pre-application without the module-A reviewer role',
        input: async () => ({ applicationId: await verifiedPreApplication(), event: 'approve' }),
      }),
      {
        actor: 'reviewerExam',
        code: 'FORBIDDEN',
        why: 'a reviewer of another module approving a pre-application (which creates an account)',
        input: async () => ({ applicationId: await verifiedPreApplication(), event: 'approve' }),
        control: 'reviewerAccreditation',
      },
      // The email-link verification is a system transition: nobody fires it through the action.
      ...extras(['staffAdmin', 'reviewerAccreditation'], {
        code: 'FORBIDDEN',
        why: 'firing the system-only verify transition of a pre-application',
        input: async () => ({ applicationId: (await unverifiedPreApplication()).id, event: 'verify' }),
      }),
      // The applicant's withdraw on the target's submitted application, by anyone else.
      ...extras(['otherOrgMain', 'subNoModules', 'staffAdmin'], {
        code: 'NOT_FOUND',
        why: "withdrawing the target organization's submitted application",
        input: async () => ({ applicationId: await targetSubmitted(), event: 'withdraw' }),
      }),
    ],
  },
  createApplicationDef: {
    access: { kind: 'applicant' },
    input: async () => ({ kind: FIELD_CHANGE, data: { businessFields: {} }, mode: 'draft' }),
    refused: {
      ...SIGNED_OUT,
      ...forbidden(...STAFF),
      // The gate admits any applicant; the engine then requires the kind's module (organization audience, granted to a sub-account).
      ...forbidden('individual', 'subNoModules'),
    },
    allowed: ['targetOrgMain', 'otherOrgMain', 'subAllModules'],
    probe: 'targetOrgMain',
    extra: [
      { actor: 'subNoModules', code: 'FORBIDDEN', why: 'create-and-submit in a module the sub-account was not granted', input: async () => ({ kind: FIELD_CHANGE, data: FIELD_CHANGE_FORM, mode: 'submit' }), control: 'targetOrgMain' },
      { actor: 'targetOrgMain', code: 'NOT_FOUND', why: 'starting a public-only kind (pre-application) through the applicant action', input: async () => ({ kind: PRE_APPLICATION, data: {}, mode: 'draft' }) },
    ],
  },
  saveDraftDef: {
    access: { kind: 'applicant' },
    input: async () => ({ applicationId: await targetDraft(), data: { ...FIELD_CHANGE_FORM, reason: '篡改' } }),
    // Scoped by object: the applicant (or its organization, with the module) only.
    refused: { ...SIGNED_OUT, ...forbidden(...STAFF), ...notFound('individual', 'otherOrgMain', 'subNoModules') },
    allowed: ['targetOrgMain', 'subAllModules'],
    probe: 'targetOrgMain',
    extra: [{ actor: 'targetOrgMain', code: 'NOT_FOUND', why: 'overwriting the form of a pre-application (no applicant account)', input: async () => ({ applicationId: await verifiedPreApplication(), data: {} }) }],
  },
  assignApplicationDef: {
    access: { kind: 'staff', roles: 'any' },
    input: async () => ({ applicationId: await targetSubmitted() }),
    refused: {
      ...SIGNED_OUT,
      ...forbidden(...APPLICANTS),
      // Scoped by object: staff only reach the kinds of their roles in their modules.
      ...notFound('staffFinance', 'reviewerExam'),
    },
    allowed: MODULE_A_STAFF,
    probe: 'reviewerAccreditation',
    extra: [
      { actor: 'reviewerAccreditation', code: 'NOT_FOUND', why: 'claiming a draft (hidden from staff)', input: async () => ({ applicationId: await targetDraft() }) },
      { actor: 'reviewerAccreditation', code: 'NOT_FOUND', why: 'claiming an unverified pre-application (hidden from staff)', input: async () => ({ applicationId: (await unverifiedPreApplication()).id }) },
      {
        actor: 'reviewerExam',
        code: 'NOT_FOUND',
        why: 'assigning a module-A application to oneself by id, from another module',
        input: async () => ({ applicationId: await targetSubmitted(), assigneeId: ctx.fx.ids.reviewerExam.userId }),
      },
      {
        actor: 'staffFinance',
        code: 'NOT_FOUND',
        why: "releasing a module-A reviewer's claim without a role in the kind",
        input: async () => {
          const id = await targetSubmitted();
          await ctx.h.db.update(applications).set({ assigneeId: ctx.fx.ids.reviewerAccreditation.userId }).where(eq(applications.id, id));
          return { applicationId: id, assigneeId: null };
        },
        control: 'staffAdmin',
      },
      // Assigning to someone else: only to an active staff member who may see the kind (see "inputs cannot redirect").
      ...(['otherOrgMain', 'reviewerExam', 'staffFinance', 'disabledAdmin'] as const).map(
        (assignee): Extra => ({
          actor: 'reviewerAccreditation',
          code: 'NOT_FOUND',
          why: `assigning a module-A application to ${assignee}, who cannot work it`,
          input: async () => ({ applicationId: await targetSubmitted(), assigneeId: ctx.fx.ids[assignee].userId }),
        }),
      ),
    ],
  },
  bulkClaimDef: {
    access: { kind: 'staff', roles: 'any' },
    input: async () => ({ ids: [await targetSubmitted()] }),
    refused: { ...SIGNED_OUT, ...forbidden(...APPLICANTS) },
    // A bulk action skips what the caller cannot claim instead of failing the batch.
    scoped: {
      actors: ['staffFinance', 'reviewerExam'],
      why: 'staff without a role in the kind: the row is skipped, not claimed',
      check: (d) => expect(d).toEqual({ claimed: 0, skipped: 1 }),
    },
    allowed: MODULE_A_STAFF,
    probe: 'reviewerAccreditation',
  },

  // Bulk decisions: one kind and state; each row its own transition or assignment.
  bulkTransitionDef: {
    access: { kind: 'staff', roles: 'any' },
    // Return (not approve: an approval would make the target hold the field, and later targets could not ask for it again).
    input: async () => ({ kind: FIELD_CHANGE, status: 'submitted', event: 'return', opinion: '请补充材料', items: [await seenItem(await targetSubmitted())] }),
    refused: {
      ...SIGNED_OUT,
      ...forbidden(...APPLICANTS),
      // Staff who cannot see the kind do not learn it exists.
      ...notFound('staffFinance', 'reviewerExam'),
    },
    allowed: MODULE_A_STAFF,
    probe: 'reviewerAccreditation',
    extra: [
      {
        actor: 'reviewerAccreditation',
        code: 'FORBIDDEN',
        why: "an applicant's transition (withdraw) is never offered in bulk to staff",
        input: async () => ({ kind: FIELD_CHANGE, status: 'submitted', event: 'withdraw', items: [await seenItem(await targetSubmitted())] }),
      },
    ],
  },
  bulkAssignDef: {
    access: { kind: 'staff', roles: 'any' },
    input: async () => ({ kind: FIELD_CHANGE, status: 'submitted', assigneeId: ctx.fx.ids.reviewerAccreditation.userId, items: [await seenItem(await targetSubmitted())] }),
    refused: { ...SIGNED_OUT, ...forbidden(...APPLICANTS), ...notFound('staffFinance', 'reviewerExam') },
    allowed: MODULE_A_STAFF,
    probe: 'reviewerAccreditation',
    extra: [
      {
        actor: 'reviewerAccreditation',
        code: 'NOT_FOUND',
        why: 'assigning module-A applications to a reviewer of another module',
        input: async () => ({ kind: FIELD_CHANGE, status: 'submitted', assigneeId: ctx.fx.ids.reviewerExam.userId, items: [await seenItem(await targetSubmitted())] }),
      },
    ],
  },

  // --- documents: the target organization's files (application slots) and personal files
  requestUploadDef: {
    ...STAFF_WRITABLE_FILES,
    probe: 'targetOrgMain',
    input: async () => ({ ...appFile(await targetDraft()), fileName: '证明材料.pdf', size: PDF.byteLength, contentType: 'application/pdf' }),
    // Writes nothing until the upload completes: the grant must be real, so it is used to the end.
    readOnly: {
      check: async (d) => {
        const grant = d as { url: string; headers: Record<string, string>; ticket: string };
        expect((await fetch(grant.url, { method: 'PUT', body: Buffer.from(PDF), headers: grant.headers })).status).toBe(200);
        const doc = await completeUpload(ctx.h.db, await getStorage(), await actor('targetOrgMain'), { ticket: grant.ticket });
        expect(doc).toMatchObject({ slot: APP_SLOT, status: 'current' });
      },
    },
    extra: [
      {
        actor: 'targetOrgMain',
        code: 'NOT_FOUND',
        why: "replacing another person's personal file from one's own personal slot",
        input: async () => ({ ...personalFile, replaceId: await uploadedDoc('individual', personalFile), fileName: '替换.pdf', size: PDF.byteLength, contentType: 'application/pdf' }),
      },
    ],
  },
  completeUploadDef: {
    access: { kind: 'signedIn' },
    probe: 'targetOrgMain',
    // The target organization's main account's ticket, its file already PUT to the store.
    input: async () => ({ ticket: await putFile('targetOrgMain', appFile(await targetDraft())) }),
    refused: {
      ...SIGNED_OUT,
      ...forbidden(...STAFF),
      // The ticket is bound to the account that asked for it: nobody else completes it, not even a colleague of the same organization.
      ...forbidden('individual', 'otherOrgMain', 'subNoModules', 'subAllModules'),
    },
    allowed: ['targetOrgMain'],
  },
  deleteDocumentDef: {
    ...STAFF_WRITABLE_FILES,
    probe: 'targetOrgMain',
    input: async () => ({ id: await uploadedDoc('targetOrgMain', appFile(await targetDraft())) }),
    extra: extras(['targetOrgMain', 'subAllModules', 'otherOrgMain'], {
      code: 'NOT_FOUND',
      why: "deleting an individual's personal file",
      input: async () => ({ id: await uploadedDoc('individual', personalFile) }),
    }),
  },
  listSlotDocumentsDef: {
    ...STAFF_WRITABLE_FILES,
    probe: 'targetOrgMain',
    input: async () => {
      const applicationId = await targetDraft();
      await uploadedDoc('targetOrgMain', appFile(applicationId));
      return appFile(applicationId);
    },
    readOnly: { check: (d) => expect(d).toEqual([expect.objectContaining({ slot: APP_SLOT, fileName: '证明材料.pdf', status: 'current' })]) },
  },
  startPhoneUploadDef: {
    ...APPLICATION_FILES,
    probe: 'targetOrgMain',
    input: async () => appFile(await targetDraft()),
  },
  pollPhoneUploadDef: {
    access: { kind: 'applicant' },
    probe: 'targetOrgMain',
    input: async () => ({ id: (await startPhoneUpload(ctx.h.db, await actor('targetOrgMain'), appFile(await targetDraft()))).id }),
    // Scoped by object: only the account that started the phone upload sees it.
    refused: { ...SIGNED_OUT, ...forbidden(...STAFF), ...notFound('individual', 'otherOrgMain', 'subNoModules', 'subAllModules') },
    allowed: ['targetOrgMain'],
    readOnly: { check: (d) => expect(d).toMatchObject({ status: 'pending' }) },
  },

  // --- in-app notifications: every read and write is keyed by the actor's own id
  markNotificationsReadDef: {
    access: { kind: 'signedIn' },
    input: async () => ({ ids: [await targetNotification()] }),
    refused: { ...SIGNED_OUT },
    scoped: {
      actors: SIGNED_IN.filter((k) => k !== 'targetOrgMain'),
      why: "another user's notification id is silently not touched",
      check: (d) => expect(d).toMatchObject({ updated: 0 }),
    },
    allowed: ['targetOrgMain'],
    probe: 'targetOrgMain',
  },
  bellSnapshotDef: {
    access: { kind: 'signedIn' },
    input: async () => {
      bellTarget = await targetNotification();
      return {};
    },
    refused: { ...SIGNED_OUT },
    scoped: {
      actors: SIGNED_IN.filter((k) => k !== 'targetOrgMain'),
      why: "everyone's bell shows their own notifications only",
      check: (d) => expect((d as { items: Array<{ id: number }> }).items.map((i) => i.id)).not.toContain(bellTarget),
    },
    allowed: ['targetOrgMain'],
    probe: 'targetOrgMain',
    readOnly: { check: (d) => expect((d as { items: Array<{ id: number }> }).items.map((i) => i.id)).toContain(bellTarget) },
  },
};

const redirects: Checks = {
  "an application is started for the caller's own organization, whatever owner the input carries": async () => {
    const r = await call(defNamed('createApplicationDef'), 'otherOrgMain', {
      kind: FIELD_CHANGE,
      data: { businessFields: {} },
      mode: 'draft',
      orgId: ctx.fx.targetOrgId,
      applicantUserId: ctx.fx.ids.targetOrgMain.userId,
    });
    expect(r).toMatchObject({ ok: true });
    const [app] = await ctx.h.db.select().from(applications).where(eq(applications.id, (r as { data: { id: string } }).data.id));
    expect(app).toMatchObject({ orgId: ctx.fx.otherOrgId, applicantUserId: ctx.fx.ids.otherOrgMain.userId });
  },

  'an application is assigned only to a colleague who may work it': async () => {
    const id = await targetSubmitted();
    const r = await call(defNamed('assignApplicationDef'), 'reviewerAccreditation', { applicationId: id, assigneeId: ctx.fx.ids.staffNonAdmin.userId });
    expect(r).toMatchObject({ ok: true, data: { assigneeId: ctx.fx.ids.staffNonAdmin.userId } });
    // The refused assignees (an applicant, another module's reviewer, finance, a disabled admin) are extras of assignApplicationDef above.
  },

  'a bulk claim takes only what the caller may see: drafts and unverified pre-applications are skipped': async () => {
    const hidden = [await targetDraft(), (await unverifiedPreApplication()).id];
    const visible = await targetSubmitted();
    const r = await call(defNamed('bulkClaimDef'), 'reviewerAccreditation', { ids: [...hidden, visible] });
    expect(r).toMatchObject({ ok: true, data: { claimed: 1, skipped: 2 } });
    const rows = await ctx.h.db.select({ id: applications.id, assigneeId: applications.assigneeId }).from(applications);
    const assignee = (id: string) => rows.find((x) => x.id === id)!.assigneeId;
    expect(assignee(visible)).toBe(ctx.fx.ids.reviewerAccreditation.userId);
    for (const id of hidden) expect(assignee(id)).toBeNull();
  },
};

const publicScoped: Checks = {
  'acceptNoticeDef: a serving shown to one user cannot be accepted by anyone else': async () => {
    const served = await call(defNamed('serveNoticeDef'), 'individual', { key: 'accreditation.login' });
    expect(served).toMatchObject({ ok: true });
    const servingId = (served as { data: { servingId: string } }).data.servingId;
    for (const who of ['anonymous', 'otherOrgMain', 'staffAdmin'] as const) await expectRefused(defNamed('acceptNoticeDef'), who, { servingId }, 'FORBIDDEN');
  },
};

const routeChecks: Checks = {
  "我的任务's export (exportMyTasks): staff only": async () => {
    await expectGuard((a) => exportMyTasks(ctx.h.db, a), { ...outcomes(STAFF, 'FORBIDDEN'), ...SIGNED_OUT });
  },

  "阅读须知设置's export (exportReadingNotices): staff who maintain a module's notices (admins, that module's reviewers)": async () => {
    // Module D declares no reading notice: its reviewer maintains none.
    await expectGuard((a) => exportReadingNotices(ctx.h.db, a), { ...outcomes(['staffNonAdmin', 'reviewerAccreditation', 'staffAdmin'], 'FORBIDDEN'), ...SIGNED_OUT });
  },

  "a dashboard chart's export (dashboardExport): staff only, finance figures for finance and admins only, a module's panel for whom the module shows it (module D's: exam administrators and admins); each export audited": async () => {
    const now = new Date();
    const f = { days: 30 } as const;
    for (const chart of ['states', 'finance', 'notifications', 'backlog', 'durations', 'panel:exam-areas'] as const) {
      const got: Record<string, string> = {};
      for (const who of ACTOR_KEYS) {
        const before = await fingerprint();
        const g = await guard((a) => dashboardExport(ctx.h.db, a, chart, f, { now }), who);
        got[who] = g.code;
        const changed = changedTables(before, await fingerprint());
        if (g.code === 'ok') expect(changed, who).toEqual(['audit_log', 'seq:audit_log_id_seq']);
        else expect(changed, who).toEqual([]);
      }
      const allowed: ActorKey[] = chart === 'finance' ? ['staffFinance', 'staffNonAdmin', 'staffAdmin'] : chart === 'panel:exam-areas' ? ['staffNonAdmin', 'staffAdmin'] : STAFF;
      expect(got, chart).toEqual({ ...outcomes(allowed, 'FORBIDDEN'), ...SIGNED_OUT });
    }
    // A module-D reviewer's figures never hold the target organization's module-A application.
    await targetSubmitted();
    const exam = await dashboardExport(ctx.h.db, await actor('reviewerExam'), 'states', f, { now });
    expect(exam.rows.some((r) => 'kind' in r && r.kind === FIELD_CHANGE)).toBe(false);
  },

  'the deliveries export (exportDeliveries): admins only; each export audited, a refusal records nothing': async () => {
    for (const who of ACTOR_KEYS) {
      const before = await fingerprint();
      const g = await guard((a) => exportDeliveries(ctx.h.db, a, {}), who);
      const changed = changedTables(before, await fingerprint());
      expect(g.code, who).toBe(who === 'staffAdmin' ? 'ok' : who in SIGNED_OUT ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      if (g.code === 'ok') expect(changed, who).toEqual(['audit_log', 'seq:audit_log_id_seq']);
      else expect(changed, who).toEqual([]);
    }
  },

  "the application PDF (getApplicationFor): the applicant organization and module-A staff only; a draft is the applicant's alone": async () => {
    const submitted = await targetSubmitted();
    await expectGuard((a) => getApplicationFor(ctx.h.db, a, submitted), outcomes(['targetOrgMain', 'subAllModules', ...MODULE_A_STAFF]));
    const draft = await targetDraft();
    await expectGuard((a) => getApplicationFor(ctx.h.db, a, draft), outcomes(['targetOrgMain', 'subAllModules']));
    const preApplication = await verifiedPreApplication();
    await expectGuard((a) => getApplicationFor(ctx.h.db, a, preApplication), outcomes(MODULE_A_STAFF));
  },

  'a file download (authorizeDocumentRead): application files by the read rule; personal files by their owner (and admins)': async () => {
    const appDoc = await uploadedDoc('targetOrgMain', appFile(await targetDraft()));
    // staffFinance and staffNonAdmin hold roles granted on every module ('*'), which the documented read rule extends to every module's application files.
    await expectGuard((a) => authorizeDocumentRead(ctx.h.db, a, appDoc), outcomes(['targetOrgMain', 'subAllModules', 'staffFinance', ...MODULE_A_STAFF]));
    const personal = await uploadedDoc('individual', personalFile);
    // Staff read personal files only of people with a submitted application in their modules; this individual has none.
    await expectGuard((a) => authorizeDocumentRead(ctx.h.db, a, personal), outcomes(['individual', 'staffAdmin']));
  },

  'the queue export (queueExport): module-A staff see the submitted application, never the draft; the route refuses anyone with no kind': async () => {
    const submitted = await targetSubmitted();
    const draft = await targetDraft();
    for (const who of ACTOR_KEYS) {
      const a = await resolve(who)();
      const ids = (await queueExport(ctx.h.db, a, {})).map((r) => r.id);
      expect(ids.includes(submitted), who).toBe(MODULE_A_STAFF.includes(who));
      expect(ids, who).not.toContain(draft);
      // The route answers FORBIDDEN (or UNAUTHENTICATED) to anyone who is not staff of some kind.
      expect(staffKinds(a).length > 0, who).toBe(MODULE_A_STAFF.includes(who));
    }
  },
};

export const area = defineArea({
  owns: ['lib/platform/workflow', 'lib/platform/documents', 'lib/platform/notify', 'lib/platform/notices'],
  coverage,
  publicActions: [
    'serveNoticeDef',
    'acceptNoticeDef', // scopes by object: a serving shown to a user is that user's (tested in publicScoped above)
  ],
  publicRoutes: [
    // The single-use token in the path is the credential (documents.test.ts covers used, expired and unknown links).
    'app/api/phone-upload/[token]/route.ts',
    // Public reference data, no session: a province's cities and districts for the region picker (region-codes.test.ts; 404 for a non-province code).
    'app/api/regions/[province]/route.ts',
    // Probes: readiness says only whether this instance takes traffic (ops.test.ts).
    'app/api/ready/route.ts',
    // Machine caller with its own credential: the METRICS_TOKEN bearer token (404 without it configured, 401 with a wrong one; ops.test.ts).
    'app/api/metrics/route.ts',
    // The queue bench's bare route: 404 unless BENCH_ROUTES=true, then only with the METRICS_TOKEN bearer token.
    'app/api/bench/queue/route.ts',
  ],
  guardedRoutes: {
    'app/api/applications/[id]/pdf/route.ts': 'getApplicationFor(',
    'app/api/files/[id]/route.ts': 'authorizeDocumentRead(',
    'app/staff/(main)/queue/export/route.ts': 'queueExport(',
    'app/staff/(main)/dashboard/export/route.ts': 'dashboardExport(',
    'app/staff/(main)/outbox/export/route.ts': 'exportDeliveries(',
    'app/staff/(main)/tasks/export/route.ts': 'exportMyTasks(',
    'app/staff/(main)/reading-notices/export/route.ts': 'exportReadingNotices(',
  },
  checks: { redirects, publicScoped, routes: routeChecks },
});

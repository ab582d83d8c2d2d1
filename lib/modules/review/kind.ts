import { and, eq, isNull } from 'drizzle-orm';
import { z, type ZodType } from 'zod';
import { organizations, reviewConclusions, reviewEvaluations, reviewInvitations, reviewLetters, reviewNotices, reviewRectifications, reviewTeamMembers, documents } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { can } from '@/lib/platform/auth/permissions';
import { MB } from '@/lib/platform/documents/slots';
import { AppError, isUniqueViolation } from '@/lib/platform/errors';
import { defineKind, type SummarySection, type TransitionCtx } from '@/lib/platform/workflow/define';
import {
  ACCEPTANCE_CATEGORIES,
  INSTITUTION_TYPES,
  LETTER_SLOT,
  LICENSE_SLOT,
  MATERIAL_SLOTS,
  MODULE,
  ONSITE_SLOT,
  RECTIFICATION_SLOT,
  REVIEW_PROJECT,
  REVIEW_TYPES,
  provinceName,
  tabOf,
  type Conclusion,
} from './constants';
import { beijingDate, invitationDateAllowed } from './dates';
import { assignTo, currentLeaderId, openRound, requireRound, retireRoundFiles } from './rounds';
import { invitationSchema, noticeSchema, projectFormSchema, rectificationSchema, type ReviewProjectData } from './schemas';
import { checkTeam } from './team';

/**
 * 评审项目 (SPEC §6, seed 004): one engine application per project, numbered
 * `{prefix}{yy}{seq:3}` (PSSCZJ24003; the prefix is the site setting
 * `review.projectNumberPrefix`). The unit saves and submits the project
 * (申请资料), the planner pre-reviews it (预审), the unit invites a date
 * (约请, never within 5 days of today in Beijing) which the planner approves
 * or rejects, the unit submits the stamped negotiation letter (商洽函), the
 * planner issues the review notice with the team and leader (评审通知), the
 * unit confirms it, the leader — only the one assigned, or their active
 * substitute — uploads the on-site materials and concludes (现场评审):
 * 通过 → 评价; 材料整改后通过 → 单位整改资料 (reviewed by the leader or a
 * planner) → 评价; 现场复审 → a new round from 确认约请; 不通过 → closed.
 * The unit scores the team once per round (评审评价) and the project is 完成.
 *
 * Who in the unit acts: any account of the unit with module E (the main
 * account and sub-accounts granted it), not only the one that submitted;
 * every act is recorded with its account in the flow record and the audit log.
 */

const PLANNER = { staff: ['review_planner'] } as const;
const LEADER = { staff: ['review_leader'] } as const;

const isPlanner = (actor: Actor) => can(actor, { action: 'staff.role', role: 'review_planner', module: MODULE });

/** The current round's notice (the leader and the team). */
async function currentNotice(tx: DbOrTx, applicationId: string) {
  const round = await requireRound(tx, applicationId);
  const [notice] = await tx.select().from(reviewNotices).where(eq(reviewNotices.roundId, round.id));
  return { round, notice: notice ?? null };
}

/** Runs an insert whose unique index is the rule (one per round …); a duplicate is a clear conflict. */
async function once<T>(fn: () => Promise<T>, messageKey: string): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', { messageKey });
    throw e;
  }
}

/** The on-site conclusion of the current round by the leader (or their substitute), and what it opens. */
function conclude(outcome: Conclusion) {
  return async ({ tx, app, actor, now }: TransitionCtx<ReviewProjectData>) => {
    const { round, notice } = await currentNotice(tx, app.id);
    await once(
      () =>
        tx.insert(reviewConclusions).values({
          roundId: round.id,
          applicationId: app.id,
          outcome,
          remarks: app.data.conclusion?.remarks ?? '',
          leaderId: notice?.leaderId ?? null,
          actedBy: actor.kind === 'anonymous' ? null : actor.id,
          createdAt: now,
        }),
      'review.errors.alreadyConcluded',
    );
    if (outcome === 'reReview') {
      // 现场复审: a new round from 确认约请; this round's files stay in the history.
      await openRound(tx, app.id, round.number + 1, now);
      await retireRoundFiles(tx, app.id);
      await assignTo(tx, app.id, null);
    } else if (outcome === 'fail') {
      await assignTo(tx, app.id, null);
    }
  };
}

const remarksSchema = z.object({ remarks: z.string({ error: '请填写评审结论说明' }).trim().min(1, '请填写评审结论说明').max(2000, '不能超过2000个字') });

/** The round's leader owns the conclusion (the engine lets only them, or their active substitute, fire it). */
const leaderOwns = ({ tx, app }: { tx: DbOrTx; app: { id: string } }) => currentLeaderId(tx, app.id);

/** Rectification is reviewed by a planner, or by the round's leader (or their substitute). */
const plannerOrLeader = async ({ tx, app, actor }: { tx: DbOrTx; app: { id: string }; actor: Actor }) => (isPlanner(actor) ? null : currentLeaderId(tx, app.id));

const chinaDay = (d: string | null | undefined) => d || null;

export const reviewProjectKind = defineKind({
  key: REVIEW_PROJECT,
  module: MODULE,
  messages: 'review.kind',
  numberPrefix: 'PSSCZJ',
  numbering: { pattern: '{prefix}{yy}{seq:3}', prefix: { setting: 'review.projectNumberPrefix', fallback: 'PSSCZJ' } },
  createdBy: 'applicant',
  schema: projectFormSchema as unknown as ZodType<ReviewProjectData>,
  initial: 'draft',
  slots: [
    { key: 'quality_manual', label: 'review.kind.slots.quality_manual', types: ['pdf'], maxBytes: 50 * MB, required: true, applicantStates: ['draft', 'returned'] },
    { key: 'procedure_list', label: 'review.kind.slots.procedure_list', types: ['pdf', 'xlsx'], maxBytes: 20 * MB, required: true, applicantStates: ['draft', 'returned'] },
    { key: 'acceptance_decision', label: 'review.kind.slots.acceptance_decision', types: ['pdf', 'jpg', 'png'], maxBytes: 20 * MB, required: true, applicantStates: ['draft', 'returned'] },
    { key: 'application_form', label: 'review.kind.slots.application_form', types: ['pdf'], maxBytes: 50 * MB, required: true, applicantStates: ['draft', 'returned'] },
    { key: 'other', label: 'review.kind.slots.other', types: ['pdf', 'jpg', 'png', 'xlsx'], maxBytes: 50 * MB, required: true, multiple: true, applicantStates: ['draft', 'returned'] },
    { key: LICENSE_SLOT, label: 'review.kind.slots.business_license', types: ['pdf', 'jpg', 'png'], maxBytes: 10 * MB, required: false, applicantStates: ['draft', 'returned'] },
    // The stamped negotiation letter: a scanned PDF, nothing else.
    { key: LETTER_SLOT, label: 'review.kind.slots.letter_scan', types: ['pdf'], maxBytes: 20 * MB, required: true, applicantStates: ['letter'] },
    { key: RECTIFICATION_SLOT, label: 'review.kind.slots.rectification', types: ['pdf', 'jpg', 'png', 'xlsx'], maxBytes: 50 * MB, required: true, multiple: true, applicantStates: ['rectifying'] },
    // The leader's on-site materials: written by staff, the round's leader only.
    { key: ONSITE_SLOT, label: 'review.kind.slots.onsite_materials', types: ['pdf', 'jpg', 'png', 'xlsx'], maxBytes: 50 * MB, required: true, multiple: true, applicantStates: [], staffWrite: { roles: ['review_leader'], states: ['onSite'], owner: leaderOwns } },
  ],
  states: {
    draft: { tone: 'neutral', applicantEditable: true, hiddenFromStaff: true, waitingFor: 'applicant' },
    prereview: { tone: 'info', due: { days: 10 }, waitingFor: PLANNER },
    returned: { tone: 'warning', applicantEditable: true, due: { days: 15 }, waitingFor: 'applicant' },
    inviting: { tone: 'info', due: { days: 30 }, waitingFor: 'applicant' },
    invitationSent: { tone: 'info', due: { days: 5 }, waitingFor: PLANNER },
    letter: { tone: 'warning', due: { days: 10 }, waitingFor: 'applicant' },
    letterSubmitted: { tone: 'info', due: { days: 10 }, waitingFor: PLANNER },
    noticeIssued: { tone: 'warning', due: { days: 5 }, waitingFor: 'applicant' },
    onSite: { tone: 'info', waitingFor: LEADER },
    rectifying: { tone: 'warning', due: { days: 30 }, waitingFor: 'applicant' },
    rectificationSubmitted: { tone: 'info', due: { days: 10 }, waitingFor: { staff: ['review_leader', 'review_planner'] } },
    evaluating: { tone: 'info', due: { days: 15 }, waitingFor: 'applicant' },
    finished: { tone: 'success', final: true },
    failed: { tone: 'danger', final: true },
    rejected: { tone: 'danger', final: true },
    withdrawn: { tone: 'neutral', final: true },
  },
  steps: [
    { key: 'apply', states: ['draft', 'returned'] },
    { key: 'prereview', states: ['prereview'] },
    { key: 'invite', states: ['inviting', 'invitationSent'] },
    { key: 'letter', states: ['letter', 'letterSubmitted'] },
    { key: 'notice', states: ['noticeIssued'] },
    { key: 'onSite', states: ['onSite'] },
    { key: 'rectify', states: ['rectifying', 'rectificationSubmitted'] },
    { key: 'evaluate', states: ['evaluating'] },
    { key: 'done', states: ['finished', 'failed', 'rejected', 'withdrawn'] },
  ],
  transitions: {
    submit: { from: ['draft'], to: 'prereview', by: 'applicant', takesData: true, requiredSlots: MATERIAL_SLOTS },
    resubmit: { from: ['returned'], to: 'prereview', by: 'applicant', takesData: true, requiredSlots: MATERIAL_SLOTS },
    withdraw: { from: ['draft', 'returned'], to: 'withdrawn', by: 'applicant', destructive: true },

    // 预审
    pass: { from: ['prereview'], to: 'inviting', by: PLANNER, opinion: 'optional', effects: async ({ tx, app, now }) => void (await openRound(tx, app.id, 1, now)) },
    return: { from: ['prereview'], to: 'returned', by: PLANNER, opinion: 'required' },
    reject: { from: ['prereview'], to: 'rejected', by: PLANNER, opinion: 'required', destructive: true },

    // 约请 / 确认约请: the date is checked against today in Beijing on the server's clock.
    invite: {
      from: ['inviting'],
      to: 'invitationSent',
      by: 'applicant',
      input: invitationSchema as unknown as ZodType<Record<string, unknown>>,
      inputKey: 'invitation',
      guard: ({ app, now }) => {
        const date = app.data.invitation?.expectedDate ?? '';
        if (!invitationDateAllowed(date, now)) throw new AppError('BAD_INPUT', { fieldErrors: { expectedDate: ['预期评审日期须在今天（北京时间）起5日之后'] } });
      },
      effects: async ({ tx, app, actor, now }) => {
        const round = await requireRound(tx, app.id);
        const inv = app.data.invitation!;
        await once(
          () => tx.insert(reviewInvitations).values({ roundId: round.id, applicationId: app.id, expectedDate: inv.expectedDate, note: inv.note || null, createdBy: actor.kind === 'anonymous' ? null : actor.id, createdAt: now }),
          'review.errors.invitationPending',
        );
      },
    },
    approveInvitation: {
      from: ['invitationSent'],
      to: 'letter',
      by: PLANNER,
      opinion: 'optional',
      effects: async (ctx) => decideInvitation(ctx, 'approved'),
    },
    rejectInvitation: {
      from: ['invitationSent'],
      to: 'inviting',
      by: PLANNER,
      opinion: 'required',
      effects: async (ctx) => decideInvitation(ctx, 'rejected'),
    },

    // 商洽函: the stamped scan (PDF) of this round.
    submitLetter: {
      from: ['letter'],
      to: 'letterSubmitted',
      by: 'applicant',
      requiredSlots: [LETTER_SLOT],
      effects: async ({ tx, app, actor, now }) => {
        const round = await requireRound(tx, app.id);
        const [doc] = await tx
          .select({ id: documents.id })
          .from(documents)
          .where(and(eq(documents.applicationId, app.id), eq(documents.slot, LETTER_SLOT), eq(documents.status, 'current')));
        await once(() => tx.insert(reviewLetters).values({ roundId: round.id, applicationId: app.id, documentId: doc.id, submittedBy: actor.kind === 'anonymous' ? null : actor.id, submittedAt: now }), 'review.errors.letterSubmitted');
      },
    },

    // 评审通知函: dates, leader and team; the leader works the project from here.
    issueNotice: {
      from: ['letterSubmitted'],
      to: 'noticeIssued',
      by: PLANNER,
      opinion: 'optional',
      input: noticeSchema as unknown as ZodType<Record<string, unknown>>,
      inputKey: 'notice',
      guard: async ({ tx, app, now }) => {
        const n = app.data.notice!;
        if (n.startDate < beijingDate(now)) throw new AppError('BAD_INPUT', { fieldErrors: { startDate: ['评审开始日期不能早于今天'] } });
        await checkTeam(tx, n.leaderId, n.reviewerIds);
      },
      effects: async ({ tx, app, actor, now }) => {
        const round = await requireRound(tx, app.id);
        const n = app.data.notice!;
        const { leader, reviewers } = await checkTeam(tx, n.leaderId, n.reviewerIds);
        const [notice] = await once(
          () =>
            tx
              .insert(reviewNotices)
              .values({ roundId: round.id, applicationId: app.id, startDate: n.startDate, endDate: n.endDate, location: n.location || null, note: n.note || null, leaderId: leader.id, issuedBy: actor.kind === 'anonymous' ? null : actor.id, issuedAt: now })
              .returning({ id: reviewNotices.id }),
          'review.errors.noticeIssued',
        );
        await tx.insert(reviewTeamMembers).values([{ noticeId: notice.id, userId: leader.id, role: 'leader', name: leader.name }, ...reviewers.map((r) => ({ noticeId: notice.id, userId: r.id, role: 'reviewer', name: r.name }))]);
        await assignTo(tx, app.id, leader.id);
      },
    },
    // The unit read the notice and confirms receipt (a date dispute is settled offline first).
    confirmNotice: {
      from: ['noticeIssued'],
      to: 'onSite',
      by: 'applicant',
      effects: async ({ tx, app, actor, now }) => {
        const round = await requireRound(tx, app.id);
        const done = await tx
          .update(reviewNotices)
          .set({ confirmedAt: now, confirmedBy: actor.kind === 'anonymous' ? null : actor.id })
          .where(and(eq(reviewNotices.roundId, round.id), isNull(reviewNotices.confirmedAt)))
          .returning({ id: reviewNotices.id });
        if (!done.length) throw new AppError('INVALID_STATE');
      },
    },

    // 现场评审: the round's leader only (or their active substitute), after uploading the on-site materials.
    concludePass: { from: ['onSite'], to: 'evaluating', by: LEADER, owner: leaderOwns, input: remarksSchema, inputKey: 'conclusion', requiredSlots: [ONSITE_SLOT], effects: conclude('pass') },
    concludeRectify: { from: ['onSite'], to: 'rectifying', by: LEADER, owner: leaderOwns, input: remarksSchema, inputKey: 'conclusion', requiredSlots: [ONSITE_SLOT], effects: conclude('rectify') },
    concludeReReview: { from: ['onSite'], to: 'inviting', by: LEADER, owner: leaderOwns, input: remarksSchema, inputKey: 'conclusion', requiredSlots: [ONSITE_SLOT], effects: conclude('reReview') },
    concludeFail: { from: ['onSite'], to: 'failed', by: LEADER, owner: leaderOwns, input: remarksSchema, inputKey: 'conclusion', requiredSlots: [ONSITE_SLOT], destructive: true, effects: conclude('fail') },

    // 单位整改资料: uploaded after the on-site step closed, reviewed by the leader or a planner.
    submitRectification: {
      from: ['rectifying'],
      to: 'rectificationSubmitted',
      by: 'applicant',
      input: rectificationSchema as unknown as ZodType<Record<string, unknown>>,
      inputKey: 'rectification',
      requiredSlots: [RECTIFICATION_SLOT],
      effects: async ({ tx, app, actor, now }) => {
        const round = await requireRound(tx, app.id);
        const note = app.data.rectification?.note || null;
        await once(() => tx.insert(reviewRectifications).values({ roundId: round.id, applicationId: app.id, note, submittedBy: actor.kind === 'anonymous' ? null : actor.id, submittedAt: now }), 'review.errors.rectificationPending');
      },
    },
    acceptRectification: { from: ['rectificationSubmitted'], to: 'evaluating', by: { staff: ['review_leader', 'review_planner'] }, owner: plannerOrLeader, opinion: 'optional', effects: (ctx) => decideRectification(ctx, 'accepted') },
    returnRectification: { from: ['rectificationSubmitted'], to: 'rectifying', by: { staff: ['review_leader', 'review_planner'] }, owner: plannerOrLeader, opinion: 'required', effects: (ctx) => decideRectification(ctx, 'returned') },

    // 评审评价: fired by the evaluation itself (services/evaluation.ts), once the round's scores are in.
    evaluate: {
      from: ['evaluating'],
      to: 'finished',
      by: 'applicant',
      guard: async ({ tx, app }) => {
        const round = await requireRound(tx, app.id);
        const [e] = await tx.select({ id: reviewEvaluations.id }).from(reviewEvaluations).where(eq(reviewEvaluations.roundId, round.id));
        if (!e) throw new AppError('BAD_INPUT', { messageKey: 'review.errors.evaluationMissing' });
      },
    },
  },
  prepareData: async ({ tx, data, actor }) => {
    // The unit's name comes from its account, never from the form.
    const orgId = actor.kind === 'organization' ? actor.orgId : null;
    const [org] = orgId ? await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId)) : [];
    return { ...data, unitName: org?.name ?? data.unitName ?? '' };
  },
  applicantOf: (d: ReviewProjectData) => ({ name: d.unitName, email: d.email || null }),
  editPath: (app) => `/portal/review/projects/${app.id}/edit`,
  applicantPath: (app) => `/portal/review/projects/${app.id}?tab=${tabOf(app.status)}`,
  staffPath: (app) => `/staff/review/projects/${app.id}`,
  // Team members of module E see the projects (they act through their leader).
  staffViewers: ['reviewer'],
  summary: (d: ReviewProjectData, t) => {
    const f = (k: string) => t(`review.form.fields.${k}`);
    const opt = (group: string, v: string | undefined, list: readonly string[]) => (v && list.includes(v) ? t(`review.options.${group}.${v}`) : null);
    const sections: SummarySection[] = [
      {
        title: t('review.form.sections.contact'),
        fields: [
          { label: f('unitName'), value: d.unitName },
          { label: f('address'), value: d.address, wide: true },
          { label: f('postalCode'), value: d.postalCode || null },
          { label: f('contactName'), value: d.contactName },
          { label: f('contactPhone'), value: d.contactPhone || null },
          { label: f('contactMobile'), value: d.contactMobile },
          { label: f('fax'), value: d.fax || null },
          { label: f('email'), value: d.email || null },
          { label: f('bankName'), value: d.bankName || null },
          { label: f('bankAccount'), value: d.bankAccount || null },
        ],
      },
      {
        title: t('review.form.sections.legal'),
        fields: [
          { label: f('creditCode'), value: d.creditCode },
          { label: f('legalRepresentative'), value: d.legalRepresentative },
          { label: f('registrationAuthority'), value: d.registrationAuthority || null },
          { label: f('registrationDate'), value: chinaDay(d.registrationDate) },
          { label: f('registeredCapital'), value: d.registeredCapital ? `${d.registeredCapital} ${t('review.form.tenThousandYuan')}` : null },
          { label: f('institutionType'), value: opt('institutionType', d.institutionType, INSTITUTION_TYPES) },
          { label: f('certificateIssuer'), value: d.certificateIssuer || null },
          { label: f('previousLicenseNumber'), value: d.previousLicenseNumber || null },
          { label: f('previousLicenseValidUntil'), value: chinaDay(d.previousLicenseValidUntil) },
          { label: f('parentApprovalDate'), value: chinaDay(d.parentApprovalDate) },
          { label: f('parentApprovalNumber'), value: d.parentApprovalNumber || null },
          { label: f('parentHead'), value: d.parentHead || null },
        ],
      },
      {
        title: t('review.form.sections.materials'),
        fields: [
          { label: f('acceptanceNumber'), value: d.acceptanceNumber },
          { label: f('acceptanceDate'), value: chinaDay(d.acceptanceDate) },
          { label: f('reviewType'), value: opt('reviewType', d.reviewType, REVIEW_TYPES) },
          { label: f('acceptanceCategory'), value: opt('acceptanceCategory', d.acceptanceCategory, ACCEPTANCE_CATEGORIES) },
          { label: f('province'), value: provinceName(d.province) || null },
          { label: f('remarks'), value: d.remarks || null, wide: true },
        ],
      },
    ];
    return sections;
  },
});

/** The planner's decision on the round's pending invitation (the opinion is kept with it). */
async function decideInvitation({ tx, app, actor, opinion, now }: TransitionCtx<ReviewProjectData>, status: 'approved' | 'rejected') {
  const round = await requireRound(tx, app.id);
  const done = await tx
    .update(reviewInvitations)
    .set({ status, decidedBy: actor.kind === 'anonymous' ? null : actor.id, decidedAt: now, opinion })
    .where(and(eq(reviewInvitations.roundId, round.id), eq(reviewInvitations.status, 'pending')))
    .returning({ id: reviewInvitations.id });
  if (!done.length) throw new AppError('INVALID_STATE');
}

/** The leader's or planner's decision on the round's open rectification. */
async function decideRectification({ tx, app, actor, opinion, now }: TransitionCtx<ReviewProjectData>, status: 'accepted' | 'returned') {
  const round = await requireRound(tx, app.id);
  const done = await tx
    .update(reviewRectifications)
    .set({ status, decidedBy: actor.kind === 'anonymous' ? null : actor.id, decidedAt: now, opinion })
    .where(and(eq(reviewRectifications.roundId, round.id), eq(reviewRectifications.status, 'submitted')))
    .returning({ id: reviewRectifications.id });
  if (!done.length) throw new AppError('INVALID_STATE');
}

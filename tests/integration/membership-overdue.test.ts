import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { applications, auditLog, certificates, notifications, outbox, qualificationLevels, qualificationOverdueStages, qualifications, siteSettings, users } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { DEMO_OVERDUE_ORG, seedDemoQualificationOverdue } from '@/db/seed/demo-qualification-overdue';
import { createOrgAccount, createStaff, createUser } from '@/db/seed/factories';
import { overdueApplicantItems, overdueHomePanels, overdueStatus, runOverdueStages } from '@/lib/modules/membership/overdue';
import { exportOverdue, listOverdue, overdueDetail } from '@/lib/modules/membership/overdue/queries';
import { ANNUAL_REVIEW_KIND } from '@/lib/modules/membership/overdue/review';
import { extendReviewDueDef } from '@/lib/modules/membership/overdue/services/extend-due';
import { reverseOverdueStageDef } from '@/lib/modules/membership/overdue/services/reverse-stage';
import { updateOverdueStagesDef } from '@/lib/modules/membership/overdue/services/update-stages';
import { addDays, chinaDay, DEFAULT_OVERDUE_STAGES, OVERDUE_STAGES_SETTING } from '@/lib/modules/membership/overdue/stages';
import { invokeAction } from '@/lib/platform/auth/action-core';
import { ANONYMOUS, type Actor } from '@/lib/platform/auth/actor';
import { verifyPassword } from '@/lib/platform/auth/password';
import { issueCertificate, registerCertificateType, SYSTEM } from '@/lib/platform/certificates';
import { getSetting } from '@/lib/platform/settings';
import { verifyAnyNumber } from '@/lib/platform/verify';
import { isValidUnifiedSocialCreditCode } from '@/lib/reference/validators';
import { rawCatalogs } from '@/messages/catalog';
import { actorOf as actorOfDb } from '../helpers/actors';
import { createTestDb } from '../helpers/db';

/*
 * Module B · the staged overdue handling of the annual review (资质年审逾期):
 * the loop fires each configured stage once per cycle (concurrent ticks
 * included), stale stages collapse, the suspension suspends the qualification
 * and its certificate, a submitted review stops the stages, staff reverse a
 * stage or extend the due date, and only admins and module-B reviewers may.
 * Qualifications are written directly (the qualification kinds are built
 * elsewhere), their certificates issued through the registry.
 */

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

const DAY = 86_400_000;
/** A fixed clock: noon in Beijing, so "today" is unambiguous. */
const NOW = new Date('2026-09-15T04:00:00Z');
const TODAY = chinaDay(NOW);
const later = (days: number) => new Date(NOW.getTime() + days * DAY);

const CERT = registerCertificateType({ type: 'test.qualification', module: 'membership', labelKey: 'certificates.genericType', prefix: 'TQ', validityMonths: 36 });
const actorOf = (id: string) => actorOfDb(h.db, id);
/** An action through the one gate, on the test's clock. */
const call = (def: Parameters<typeof invokeAction>[0], actor: Actor, input: unknown) => invokeAction(def, { db: h.db, actor: async () => actor, ip: '127.0.0.1', locale: 'zh-CN', now: () => NOW }, input);
const uniq = () => crypto.randomBytes(4).toString('hex');

let levelId: string;
let reviewer: Actor;
let admin: Actor;
beforeAll(async () => {
  const [level] = await h.db
    .insert(qualificationLevels)
    .values({ code: `T${uniq()}`, name: '二级', rank: 100 + crypto.randomInt(1, 1_000_000) })
    .returning();
  levelId = level.id;
  reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'membership' }])).id);
  admin = await actorOf((await createStaff(h.db, [{ role: 'admin' }])).id);
});

/** An enterprise with an active qualification whose annual review is due `dueInDays` after NOW (negative: overdue), and its certificate. */
async function qualified(dueInDays: number, opts: { certificate?: boolean } = {}) {
  const email = `q-${uniq()}@example.com`;
  const { org, user } = await createOrgAccount(h.db, { email }, { name: `合肥逾期测试安防公司${uniq()}` });
  const cert =
    opts.certificate === false
      ? null
      : await issueCertificate(h.db, SYSTEM, { type: CERT.type, holderOrgId: org.id, holderName: org.name, subject: { level: '二级' }, issuedAt: new Date(NOW.getTime() - 400 * DAY) });
  const [q] = await h.db
    .insert(qualifications)
    .values({ orgId: org.id, levelId, certificateId: cert?.id ?? null, validUntil: new Date(NOW.getTime() + 700 * DAY), reviewDueOn: addDays(TODAY, dueInDays) })
    .returning();
  return { org, user, email, cert, q, actor: await actorOf(user.id) };
}

const stagesOf = async (qualificationId: string) =>
  h.db.select().from(qualificationOverdueStages).where(eq(qualificationOverdueStages.qualificationId, qualificationId)).orderBy(asc(qualificationOverdueStages.firedAt), sql`case ${qualificationOverdueStages.action} when 'remind' then 0 when 'warn' then 1 else 2 end`);
const keysOf = async (qualificationId: string) => (await stagesOf(qualificationId)).map((s) => s.stage);
const qualificationOf = async (id: string) => (await h.db.select().from(qualifications).where(eq(qualifications.id, id)))[0];
const certificateOf = async (id: string) => (await h.db.select().from(certificates).where(eq(certificates.id, id)))[0];
const audits = async (action: string, targetId: string) => (await h.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)))).length;
const inbox = async (userId: string) => h.db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(asc(notifications.id));
const emailsTo = async (to: string) => (await h.db.select().from(outbox).where(and(eq(outbox.channel, 'email'), sql`${outbox.payload} ->> 'to' = ${to}`))).map((o) => o.payload as { subject: string; text: string });
const t = (key: string, values?: Record<string, string | number>) => {
  const v = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], rawCatalogs['zh-CN']);
  return typeof v === 'string' ? v.replace(/\{(\w+)\}/g, (_, k: string) => String(values?.[k] ?? '')) : key;
};

/** What a change could touch, to prove a refused call changed nothing. */
async function snapshot(qualificationId: string) {
  const q = await qualificationOf(qualificationId);
  const [{ n }] = await h.db.select({ n: count() }).from(auditLog);
  return JSON.stringify({ q, stages: await stagesOf(qualificationId), cert: q.certificateId ? await certificateOf(q.certificateId) : null, audits: n, settings: await getSetting(h.db, OVERDUE_STAGES_SETTING) });
}

async function submitReview(orgId: string, over: Partial<typeof applications.$inferInsert> = {}) {
  await h.db.insert(applications).values({ kind: ANNUAL_REVIEW_KIND, module: 'membership', number: `NS${uniq()}`, status: 'submitted', orgId, applicantName: '年审申请', submittedAt: NOW, ...over });
}

describe('the overdue loop', () => {
  it('fires each stage once on its day, even with two concurrent ticks and ticks again later; in-app, email and audit with each', async () => {
    const e = await qualified(30);
    await Promise.all([runOverdueStages(h.db, NOW), runOverdueStages(h.db, NOW)]);
    expect(await keysOf(e.q.id)).toEqual(['remind-30']);
    await runOverdueStages(h.db, later(1));
    expect(await keysOf(e.q.id)).toEqual(['remind-30']);

    const mails = await emailsTo(e.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe(`资质年审提醒：请于${e.q.reviewDueOn}前提交（还有30天）`);
    expect(mails[0].text).toContain('/portal/membership/qualification');
    expect((await inbox(e.user.id)).map((n) => n.title)).toEqual(['资质年审提醒']);
    expect(await audits('qualification.overdue.remind', e.q.id)).toBe(1);

    // Day by day through the cycle, two ticks at once on each stage's day.
    for (const day of [23, 30, 31, 45, 60]) await Promise.all([runOverdueStages(h.db, later(day)), runOverdueStages(h.db, later(day))]);
    expect(await keysOf(e.q.id)).toEqual(['remind-30', 'remind-7', 'due', 'warn-1', 'warn-15', 'suspend']);
    const stages = await stagesOf(e.q.id);
    expect(stages.map((s) => [s.stage, chinaDay(s.firedAt)])).toEqual([
      ['remind-30', TODAY],
      ['remind-7', addDays(TODAY, 23)],
      ['due', addDays(TODAY, 30)],
      ['warn-1', addDays(TODAY, 31)],
      ['warn-15', addDays(TODAY, 45)],
      ['suspend', addDays(TODAY, 60)],
    ]);
    expect(await emailsTo(e.email)).toHaveLength(6);
    expect(await inbox(e.user.id)).toHaveLength(6);
    expect(await audits('qualification.overdue.warn', e.q.id)).toBe(2);
    expect(await audits('qualification.overdue.suspend', e.q.id)).toBe(1);
    // Later ticks fire nothing more.
    await runOverdueStages(h.db, later(90));
    expect(await stagesOf(e.q.id)).toHaveLength(6);
  });

  it('collapses stale stages: a review 20 days late gets one warning; 40 days late, the latest warning and the suspension', async () => {
    const late = await qualified(-20);
    const later40 = await qualified(-40);
    await runOverdueStages(h.db, NOW);
    expect(await keysOf(late.q.id)).toEqual(['warn-15']);
    expect((await emailsTo(late.email)).map((m) => m.subject)).toEqual(['资质年审逾期警告：已逾期20天']);
    expect(await keysOf(later40.q.id)).toEqual(['warn-15', 'suspend']);
    await runOverdueStages(h.db, later(1));
    expect(await keysOf(late.q.id)).toEqual(['warn-15']);
  });

  it('suspends the qualification and its certificate (/verify shows 已暂停); tells the enterprise and module-B reviewers', async () => {
    const e = await qualified(-30);
    await runOverdueStages(h.db, NOW);
    expect(await keysOf(e.q.id)).toEqual(['warn-15', 'suspend']);
    expect(await qualificationOf(e.q.id)).toMatchObject({ status: 'suspended', suspendedAt: NOW, version: 2 });
    expect(await certificateOf(e.cert!.id)).toMatchObject({ status: 'suspended' });
    const [verified] = await verifyAnyNumber(h.db, e.cert!.number);
    expect(verified).toMatchObject({ type: 'record', statusKey: 'certificates.status.suspended', valid: false });
    expect(t((verified as { statusKey: string }).statusKey)).toBe('已暂停');

    const subjects = (await emailsTo(e.email)).map((m) => m.subject);
    expect(subjects).toContain('资质暂停通知：资质年审逾期30天未提交');
    expect((await inbox(e.user.id)).map((n) => n.title)).toContain('资质已暂停');
    expect((await inbox(reviewer.kind === 'staff' ? reviewer.id : '')).map((n) => n.title)).toContain(`资质已暂停：${e.org.name}`);

    // What the enterprise sees: the suspension, what to do, a to-do in 我的任务.
    const status = await overdueStatus(h.db, e.org.id, NOW);
    expect(status).toMatchObject({ status: 'suspended', daysOverdue: 30, current: { stage: 'suspend', action: 'suspend' }, whatToDo: 'submitToReinstate', href: '/portal/membership/qualification' });
    const [panel] = await overdueHomePanels({ db: h.db, actor: e.actor, t }, NOW);
    expect(panel.alert).toMatchObject({ tone: 'danger', title: '资质已暂停', testId: 'qualification-overdue-suspension', action: { href: '/portal/membership/qualification', label: '提交资质年审' } });
    expect(await overdueApplicantItems({ db: h.db, actor: e.actor, t }, NOW)).toMatchObject([{ kindLabel: '资质年审', statusLabel: '逾期未年审，资质已暂停', todo: true, tone: 'danger', nextStep: '提交资质年审' }]);

    // A suspended qualification gets no further stage; a qualification without a certificate is suspended alone.
    await runOverdueStages(h.db, later(40));
    expect(await stagesOf(e.q.id)).toHaveLength(2);
    const bare = await qualified(-31, { certificate: false });
    await runOverdueStages(h.db, NOW);
    expect(await qualificationOf(bare.q.id)).toMatchObject({ status: 'suspended' });
  });

  it('stops once an annual review is submitted for the cycle (a draft, a withdrawn one or last cycle’s do not count)', async () => {
    const e = await qualified(-1);
    await runOverdueStages(h.db, NOW);
    expect(await keysOf(e.q.id)).toEqual(['warn-1']);
    expect((await overdueStatus(h.db, e.org.id, NOW))?.current).toMatchObject({ action: 'warn', stage: 'warn-1' });

    await submitReview(e.org.id, { status: 'draft', submittedAt: null });
    await submitReview(e.org.id, { status: 'withdrawn' });
    // Submitted more than a year before the due date: the review of the previous cycle.
    await submitReview(e.org.id, { submittedAt: new Date(NOW.getTime() - 400 * DAY) });
    await runOverdueStages(h.db, later(14));
    expect(await keysOf(e.q.id)).toEqual(['warn-1', 'warn-15']);

    await submitReview(e.org.id, { submittedAt: later(15) });
    await runOverdueStages(h.db, later(29));
    await runOverdueStages(h.db, later(60));
    expect(await keysOf(e.q.id)).toEqual(['warn-1', 'warn-15']);
    expect(await qualificationOf(e.q.id)).toMatchObject({ status: 'active' });
    // The warning is answered: not on the home, not in 我的任务.
    const status = await overdueStatus(h.db, e.org.id, later(29));
    expect(status).toMatchObject({ reviewSubmitted: true, current: null, whatToDo: null });
    expect(await overdueHomePanels({ db: h.db, actor: e.actor, t }, later(29))).toEqual([]);
    expect(await overdueApplicantItems({ db: h.db, actor: e.actor, t }, later(29))).toEqual([]);
  });

  it('leaves alone qualifications that expired or whose review falls on or after expiry (renewal replaces it)', async () => {
    const expired = await qualified(-40);
    await h.db.update(qualifications).set({ validUntil: new Date(NOW.getTime() - DAY) }).where(eq(qualifications.id, expired.q.id));
    // Due tomorrow, on the last day of validity: the renewal takes the annual review's place.
    const atExpiry = await qualified(1);
    await h.db.update(qualifications).set({ validUntil: new Date(`${addDays(TODAY, 1)}T12:00:00+08:00`) }).where(eq(qualifications.id, atExpiry.q.id));
    await runOverdueStages(h.db, NOW);
    expect(await stagesOf(expired.q.id)).toEqual([]);
    expect(await stagesOf(atExpiry.q.id)).toEqual([]);
  });
});

describe('what the enterprise sees', () => {
  it('a warning on the home with the stage, the due date and the days; 我的任务 from 30 days before the due date', async () => {
    const e = await qualified(-20);
    await runOverdueStages(h.db, NOW);
    const [panel] = await overdueHomePanels({ db: h.db, actor: e.actor, t }, NOW);
    expect(panel).toMatchObject({ title: '资质年审', testId: 'qualification-overdue' });
    expect(panel.alert).toMatchObject({ tone: 'warning', title: '资质年审逾期警告：已逾期20天', testId: 'qualification-overdue-warning' });
    expect(panel.alert?.body).toContain(`${addDays(e.q.reviewDueOn, 30)}前仍未提交的，资质将被暂停。`);
    expect(panel.alert?.details).toEqual(
      expect.arrayContaining([
        { label: '年审截止日期', value: e.q.reviewDueOn },
        { label: '逾期情况', value: '已逾期20天' },
        { label: '当前阶段', value: '逾期15天警告' },
        { label: '资质证书', value: e.cert!.number },
      ]),
    );
    expect(await overdueApplicantItems({ db: h.db, actor: e.actor, t }, NOW)).toMatchObject([{ statusLabel: '已逾期20天', tone: 'danger', href: '/portal/membership/qualification' }]);

    const soon = await qualified(30);
    expect(await overdueApplicantItems({ db: h.db, actor: soon.actor, t }, NOW)).toMatchObject([{ statusLabel: '30天后截止', tone: 'info', todo: true }]);
    expect((await overdueHomePanels({ db: h.db, actor: soon.actor, t }, NOW))[0].alert).toMatchObject({ tone: 'info', title: `资质年审将于${soon.q.reviewDueOn}截止（还有30天）` });
    const far = await qualified(31);
    expect(await overdueApplicantItems({ db: h.db, actor: far.actor, t }, NOW)).toEqual([]);
    expect(await overdueHomePanels({ db: h.db, actor: far.actor, t }, NOW)).toEqual([]);
    // An enterprise without a qualification, and staff, see nothing.
    const none = await createOrgAccount(h.db);
    expect(await overdueStatus(h.db, none.org.id, NOW)).toBeNull();
    expect(await overdueHomePanels({ db: h.db, actor: await actorOf(none.user.id), t }, NOW)).toEqual([]);
    expect(await overdueHomePanels({ db: h.db, actor: reviewer, t }, NOW)).toEqual([]);
  });
});

describe('staff reverse a stage', () => {
  it('a warning: gone from the enterprise’s home, never fired again in the cycle, audited, the enterprise told; a second reversal is refused', async () => {
    const e = await qualified(-20);
    await runOverdueStages(h.db, NOW);
    const [warn] = await stagesOf(e.q.id);
    expect(await call(reverseOverdueStageDef, reviewer, { stageId: warn.id, reason: '企业已线下提交年审材料' })).toMatchObject({ ok: true, data: { action: 'warn', reinstated: false } });
    const [row] = await stagesOf(e.q.id);
    expect(row).toMatchObject({ reverseReason: '企业已线下提交年审材料', reversedBy: reviewer.kind === 'staff' ? reviewer.id : null });
    expect(row.reversedAt).toBeInstanceOf(Date);
    expect((await overdueStatus(h.db, e.org.id, NOW))?.current).toBeNull();
    const [panel] = await overdueHomePanels({ db: h.db, actor: e.actor, t }, NOW);
    expect(panel.alert?.testId).toBe('qualification-overdue-notice');
    expect((await inbox(e.user.id)).map((n) => n.title)).toContain('年审逾期警告已撤销');
    expect(await audits('qualification.overdue.reversed', e.q.id)).toBe(1);

    await runOverdueStages(h.db, later(1));
    expect(await keysOf(e.q.id)).toEqual(['warn-15']);

    const before = await snapshot(e.q.id);
    expect(await call(reverseOverdueStageDef, admin, { stageId: warn.id, reason: '再次撤销' })).toMatchObject({ ok: false, code: 'CONFLICT', message: '该阶段已被撤销，请刷新页面。' });
    expect(await snapshot(e.q.id)).toBe(before);
  });

  it('a suspension: the qualification and certificate reinstated (/verify valid again), not suspended again in the cycle', async () => {
    const e = await qualified(-30);
    await runOverdueStages(h.db, NOW);
    const suspend = (await stagesOf(e.q.id)).find((s) => s.stage === 'suspend')!;
    expect(await call(reverseOverdueStageDef, admin, { stageId: suspend.id, reason: '企业提供了延期说明' })).toMatchObject({ ok: true, data: { action: 'suspend', reinstated: true } });
    expect(await qualificationOf(e.q.id)).toMatchObject({ status: 'active', suspendedAt: null });
    expect(await certificateOf(e.cert!.id)).toMatchObject({ status: 'valid', suspendReason: null });
    expect((await verifyAnyNumber(h.db, e.cert!.number))[0]).toMatchObject({ statusKey: 'certificates.status.valid', valid: true });
    expect(await audits('certificate.reinstated', e.cert!.id)).toBe(1);
    expect((await inbox(e.user.id)).map((n) => n.title)).toContain('资质已恢复');

    await runOverdueStages(h.db, later(5));
    expect(await qualificationOf(e.q.id)).toMatchObject({ status: 'active' });
    expect(await keysOf(e.q.id)).toEqual(['warn-15', 'suspend']);
    // The latest stage (the suspension) was reversed: nothing is in force, the enterprise is still asked to submit.
    expect(await overdueStatus(h.db, e.org.id, later(5))).toMatchObject({ current: null, whatToDo: 'submitReview', status: 'active' });
  });

  it('a reminder; refuses a missing reason, a stage of another cycle, and two concurrent reversals of one stage', async () => {
    const e = await qualified(7);
    await runOverdueStages(h.db, NOW);
    const [remind] = await stagesOf(e.q.id);
    const before = await snapshot(e.q.id);
    expect(await call(reverseOverdueStageDef, reviewer, { stageId: remind.id, reason: ' ' })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { reason: ['请填写撤销原因（至少2个字）'] } });
    expect(await call(reverseOverdueStageDef, reviewer, { stageId: 'not-a-uuid', reason: '原因' })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await call(reverseOverdueStageDef, reviewer, { stageId: crypto.randomUUID(), reason: '原因' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await snapshot(e.q.id)).toBe(before);

    const results = await Promise.all([call(reverseOverdueStageDef, reviewer, { stageId: remind.id, reason: '发送有误' }), call(reverseOverdueStageDef, admin, { stageId: remind.id, reason: '发送有误' })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([{ code: 'CONFLICT' }]);
    expect(await audits('qualification.overdue.reversed', e.q.id)).toBe(1);
    await runOverdueStages(h.db, NOW);
    expect(await keysOf(e.q.id)).toEqual(['remind-7']);

    // After an extension the old cycle's stages are history: they cannot be reversed.
    const old = await qualified(-20);
    await runOverdueStages(h.db, NOW);
    const [oldWarn] = await stagesOf(old.q.id);
    expect(await call(extendReviewDueDef, reviewer, { qualificationId: old.q.id, reviewDueOn: addDays(TODAY, 60), reason: '疫情原因延期' })).toMatchObject({ ok: true });
    const snap = await snapshot(old.q.id);
    expect(await call(reverseOverdueStageDef, reviewer, { stageId: oldWarn.id, reason: '撤销旧周期' })).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '只能撤销本年审周期的阶段。' });
    expect(await snapshot(old.q.id)).toBe(snap);
  });
});

describe('staff extend the due date', () => {
  it('starts a fresh cycle: a suspension lifted, stages count from the new date, the old cycle kept as history, audited', async () => {
    const e = await qualified(-35);
    await runOverdueStages(h.db, NOW);
    expect(await qualificationOf(e.q.id)).toMatchObject({ status: 'suspended' });
    const to = addDays(TODAY, 20);
    expect(await call(extendReviewDueDef, reviewer, { qualificationId: e.q.id, reviewDueOn: to, reason: '企业申请延期，协会同意' })).toMatchObject({ ok: true, data: { from: e.q.reviewDueOn, to, reinstated: true } });
    expect(await qualificationOf(e.q.id)).toMatchObject({ status: 'active', reviewDueOn: to });
    expect(await certificateOf(e.cert!.id)).toMatchObject({ status: 'valid' });
    expect((await stagesOf(e.q.id)).find((s) => s.stage === 'suspend')).toMatchObject({ reverseReason: '企业申请延期，协会同意' });
    expect(await audits('qualification.overdue.extended', e.q.id)).toBe(1);
    expect((await inbox(e.user.id)).map((n) => n.title)).toContain('资质年审截止日期已调整');
    expect((await overdueStatus(h.db, e.org.id, NOW))).toMatchObject({ dueOn: to, daysOverdue: -20, current: null, status: 'active', whatToDo: 'submitReview' });

    // The new cycle's first due stage fires (20 days before: the latest reminder, 30 days before).
    await runOverdueStages(h.db, NOW);
    const rows = await stagesOf(e.q.id);
    expect(rows.filter((r) => r.cycleDueOn === to).map((r) => r.stage)).toEqual(['remind-30']);
    expect(rows.filter((r) => r.cycleDueOn !== to).map((r) => r.stage)).toEqual(['warn-15', 'suspend']);
    const detail = await overdueDetail(h.db, reviewer, e.q.id, NOW);
    expect(detail).toMatchObject({ dueOn: to, stages: [{ stage: 'remind-30' }], history: [{ cycleDueOn: e.q.reviewDueOn }] });
    expect(detail?.plan.map((p) => p.state)).toEqual(['fired', 'upcoming', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);
  });

  it('refuses a date not later than the current one, in the past, more than a year ahead or after expiry, and malformed input; nothing changes', async () => {
    const e = await qualified(-5);
    const before = await snapshot(e.q.id);
    const extend = (reviewDueOn: string, reason = '延期原因') => call(extendReviewDueDef, admin, { qualificationId: e.q.id, reviewDueOn, reason });
    expect(await extend(addDays(TODAY, -5))).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { reviewDueOn: ['新的截止日期须晚于当前截止日期'] } });
    expect(await extend(addDays(TODAY, -1))).toMatchObject({ ok: false, fieldErrors: { reviewDueOn: ['新的截止日期不能早于今天'] } });
    expect(await extend(addDays(TODAY, 367))).toMatchObject({ ok: false, fieldErrors: { reviewDueOn: ['新的截止日期不能晚于今天起366天'] } });
    await h.db.update(qualifications).set({ validUntil: new Date(`${addDays(TODAY, 10)}T12:00:00+08:00`) }).where(eq(qualifications.id, e.q.id));
    const before2 = await snapshot(e.q.id);
    expect(await extend(addDays(TODAY, 10))).toMatchObject({ ok: false, fieldErrors: { reviewDueOn: ['新的截止日期须早于资质有效期截止日，到期后请办理到期换证'] } });
    expect(await extend('2026-02-30')).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { reviewDueOn: ['请选择有效的日期'] } });
    expect(await extend(addDays(TODAY, 5), '')).toMatchObject({ ok: false, fieldErrors: { reason: ['请填写延期原因（至少2个字）'] } });
    expect(await call(extendReviewDueDef, admin, { qualificationId: crypto.randomUUID(), reviewDueOn: addDays(TODAY, 5), reason: '延期原因' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await snapshot(e.q.id)).toBe(before2);
    expect(JSON.parse(before2).stages).toEqual(JSON.parse(before).stages);
  });
});

describe('stage settings', () => {
  const stages = DEFAULT_OVERDUE_STAGES.map((s) => ({ ...s, offsetDays: String(s.offsetDays) }));

  it('refuses invalid stages with the field’s message and saves valid ones (audited); the loop follows them', async () => {
    const e = await qualified(-3);
    const before = await snapshot(e.q.id);
    const bad = stages.map((s, i) => (i === 1 ? { ...s, key: 'remind-30' } : s));
    expect(await call(updateOverdueStagesDef, reviewer, { stages: bad })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { 'stages.1.key': ['阶段标识不能重复'] } });
    expect(await call(updateOverdueStagesDef, reviewer, { stages: [...stages, { key: 'suspend-2', offsetDays: '90', action: 'suspend', sms: false }] })).toMatchObject({ ok: false, fieldErrors: { 'stages.6.action': ['最多只能设置一个暂停阶段'] } });
    expect(await call(updateOverdueStagesDef, reviewer, { stages: [...stages].reverse() })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await call(updateOverdueStagesDef, reviewer, { stages: [{ key: 'x', offsetDays: '400', action: 'warn', sms: false }] })).toMatchObject({ ok: false, fieldErrors: { 'stages.0.offsetDays': ['天数不能晚于截止日后365天'] } });
    expect(await snapshot(e.q.id)).toBe(before);

    const custom = [
      { key: 'early', offsetDays: '-10', action: 'remind', sms: false },
      { key: 'late', offsetDays: '2', action: 'warn', sms: true },
      { key: 'stop', offsetDays: '60', action: 'suspend', sms: true },
    ];
    expect(await call(updateOverdueStagesDef, admin, { stages: custom })).toMatchObject({ ok: true });
    expect(await getSetting(h.db, OVERDUE_STAGES_SETTING)).toEqual(custom.map((s) => ({ ...s, offsetDays: Number(s.offsetDays) })));
    const [changed] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'settings.changed'), eq(auditLog.targetId, OVERDUE_STAGES_SETTING)));
    expect(changed.detail).toMatchObject({ to: [{ key: 'early' }, { key: 'late' }, { key: 'stop' }] });

    await runOverdueStages(h.db, NOW);
    expect(await keysOf(e.q.id)).toEqual(['late']);
    // SMS on that stage: one message to the main account's mobile.
    const [sms] = await h.db.select().from(outbox).where(and(eq(outbox.channel, 'sms'), sql`${outbox.payload} ->> 'to' = ${e.user.mobile}`));
    expect(sms.payload).toMatchObject({ template: 'qualification_overdue_warn' });

    // Back to the shipped stages for the other tests.
    await h.db.delete(siteSettings).where(eq(siteSettings.key, OVERDUE_STAGES_SETTING));
  });
});

describe('who may', () => {
  it('only admins and module-B reviewers reverse, extend, change the stages, list and export; everyone else is refused and nothing changes', async () => {
    const e = await qualified(-20);
    await runOverdueStages(h.db, NOW);
    const [warn] = await stagesOf(e.q.id);
    const other = await qualified(-20);
    const sub = await actorOf((await createUser(h.db, { kind: 'organization', orgId: e.org.id, isOrgMain: false, name: '子账户', modules: ['membership'] })).id);
    const finance = await actorOf((await createStaff(h.db, [{ role: 'finance' }])).id);
    const examReviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'exam' }])).id);
    const refusals: Array<[string, Actor, string]> = [
      ['anonymous', ANONYMOUS, 'UNAUTHENTICATED'],
      ['the enterprise', e.actor, 'FORBIDDEN'],
      ['its sub-account with module B', sub, 'FORBIDDEN'],
      ['another enterprise', other.actor, 'FORBIDDEN'],
      ['finance', finance, 'FORBIDDEN'],
      ['a reviewer of another module', examReviewer, 'FORBIDDEN'],
    ];
    const inputs = [
      [reverseOverdueStageDef, { stageId: warn.id, reason: '越权撤销' }],
      [extendReviewDueDef, { qualificationId: e.q.id, reviewDueOn: addDays(TODAY, 30), reason: '越权延期' }],
      [updateOverdueStagesDef, { stages: [{ key: 'x', offsetDays: '1', action: 'warn', sms: false }] }],
    ] as const;
    const before = await snapshot(e.q.id);
    for (const [who, actor, code] of refusals) {
      for (const [def, input] of inputs) expect(await call(def, actor, input), `${who}`).toMatchObject({ ok: false, code });
      await expect(listOverdue(h.db, actor, {}, NOW), who).rejects.toMatchObject({ code });
      await expect(exportOverdue(h.db, actor, {}, { now: NOW }), who).rejects.toMatchObject({ code });
      await expect(overdueDetail(h.db, actor, e.q.id, NOW), who).rejects.toMatchObject({ code });
    }
    expect(await snapshot(e.q.id)).toBe(before);

    // The module-B reviewer lists, filters and exports (audited).
    const page = await listOverdue(h.db, reviewer, { q: e.org.name }, NOW);
    expect(page.items).toMatchObject([{ qualificationId: e.q.id, company: e.org.name, level: '二级', daysOverdue: 20, status: 'active', reviewSubmitted: false, certificate: { number: e.cert!.number, status: 'valid' }, stages: [{ stage: 'warn-15', action: 'warn', reversedAt: null, offsetDays: 15 }] }]);
    expect((await listOverdue(h.db, reviewer, { q: e.org.name, stage: 'suspend' }, NOW)).items).toEqual([]);
    expect((await listOverdue(h.db, reviewer, { q: e.org.name, stage: 'warn', status: 'active', timing: 'overdue' }, NOW)).total).toBe(1);
    expect((await listOverdue(h.db, reviewer, { q: e.cert!.number }, NOW)).items.map((i) => i.qualificationId)).toEqual([e.q.id]);
    expect((await listOverdue(h.db, reviewer, { timing: 'upcoming', q: e.org.name }, NOW)).total).toBe(0);
    const [{ n: exportsBefore }] = await h.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'qualification.overdue.exported'));
    const exported = await exportOverdue(h.db, admin, { stage: 'warn' }, { now: NOW, ip: '10.0.0.9' });
    expect(exported.items.map((i) => i.qualificationId)).toContain(e.q.id);
    const [{ n: exportsAfter }] = await h.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'qualification.overdue.exported'));
    expect(exportsAfter).toBe(exportsBefore + 1);
    expect((await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'qualification.overdue.exported'), eq(auditLog.ip, '10.0.0.9'))))[0].detail).toMatchObject({ filter: { stage: 'warn' } });

    // And acts.
    expect(await call(reverseOverdueStageDef, reviewer, { stageId: warn.id, reason: '核实后撤销' })).toMatchObject({ ok: true });
  });
});

describe('demo data', () => {
  it('an enterprise 20 days overdue whose cycle went through its stages, the warning in force; idempotent', async () => {
    expect(await seedDemoQualificationOverdue(h.db)).toBeGreaterThan(0);
    expect(await seedDemoQualificationOverdue(h.db)).toBe(0);
    expect(isValidUnifiedSocialCreditCode(DEMO_OVERDUE_ORG.creditCode)).toBe(true);
    const [user] = await h.db.select().from(users).where(eq(users.username, DEMO_OVERDUE_ORG.username));
    expect(await verifyPassword(user.passwordHash!, DEMO_OVERDUE_ORG.password)).toBe(true);
    const status = await overdueStatus(h.db, user.orgId!);
    expect(status).toMatchObject({ daysOverdue: 20, status: 'active', level: { code: 'L2', name: '二级' }, current: { action: 'warn', stage: 'warn-15' }, whatToDo: 'submitReview' });
    const rows = await stagesOf(status!.qualificationId);
    expect(rows.map((r) => [r.stage, chinaDay(r.firedAt)])).toEqual(['remind-30', 'remind-7', 'due', 'warn-1', 'warn-15'].map((k, i) => [k, addDays(status!.dueOn, [-30, -7, 0, 1, 15][i])]));
    // The loop finds nothing more to do until the suspension's day.
    await runOverdueStages(h.db);
    expect(await stagesOf(status!.qualificationId)).toHaveLength(5);
  });
});

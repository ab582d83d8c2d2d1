import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { applicationEvents, applications, auditLog, deadlines, documents, organizations, outbox, reviewUnitProfiles, reviewConclusions, reviewEvaluations, reviewInvitations, reviewLetters, reviewNotices, reviewRectifications, reviewRounds, staffDelegations } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createOrgAccount, createStaff, createUser } from '@/db/seed/factories';
import { randomCreditCode } from '@/db/seed/identity-data';
import { CONCLUSION_EVENTS, REVIEW_PROJECT, type Conclusion } from '@/lib/modules/review/constants';
import { earliestInvitationDate } from '@/lib/modules/review/dates';
import { letterPdfFor, noticePdfFor } from '@/lib/modules/review/letters';
import { negotiationLetter, reviewNotice } from '@/lib/modules/review/pdf/templates';
import { projectExport, projectList, projectView, unitDoneProjects, unitFiles } from '@/lib/modules/review/queries';
import { prefillProject, unitProfile } from '@/lib/modules/review/profile';
import { changeContactMobileDef, requestContactMobileCodeDef, updateUnitProfileDef } from '@/lib/modules/review/services/unit';
import { unitLicenseFor } from '@/lib/modules/review/unit';
import { myTasks } from '@/lib/platform/workflow';
import { submitEvaluationDef } from '@/lib/modules/review/services/evaluation';
import { updateReviewSettingsDef } from '@/lib/modules/review/services/settings';
import { CRITERIA_SETTING } from '@/lib/modules/review/settings';
import { teamScores } from '@/lib/modules/review/evaluation';
import { createDelegationDef } from '@/lib/platform/delegation/services/delegations';
import { renderPdf } from '@/lib/platform/pdf/registry';
import { getSetting } from '@/lib/platform/settings';
import { PREFIX_SETTING } from '@/lib/modules/review/settings';
import { invokeAction } from '@/lib/platform/auth/action-core';
import { createChallenge, encodeSolution, solveChallenge } from '@/lib/platform/auth/captcha';
import type { Actor } from '@/lib/platform/auth/actor';
import { completeUpload } from '@/lib/platform/documents/services/complete-upload';
import { requestUpload } from '@/lib/platform/documents/services/request-upload';
import { setSetting } from '@/lib/platform/settings';
import { createApplicationDef, fireTransitionDef } from '@/lib/platform/workflow/action-defs';
import { actorOf as actorOfDb } from '../helpers/actors';
import { pdfText, squash } from '../helpers/pdf-text';
import { createTestDb } from '../helpers/db';
import { createTestStorage } from '../helpers/storage';

/**
 * Module E (SPEC §6, seed 004, issue 14): appraisal review projects on the
 * engine — numbers, the project form, pre-review, invitations with the 5-day
 * rule in Beijing time, the letter, the notice, the on-site conclusion by the
 * assigned leader only, rectification, re-review rounds and the evaluation.
 */

const SECRET = 'review-suite-secret-0123456789-abcdefgh';
process.env.AUTH_SECRET = SECRET;
const captcha = () => encodeSolution(solveChallenge(createChallenge(SECRET, 300))!);

let h: DbHandle;
let s: Awaited<ReturnType<typeof createTestStorage>>;
beforeAll(async () => {
  [h, s] = await Promise.all([createTestDb(), createTestStorage()]);
});
afterAll(async () => {
  await h.close();
  await s.close();
});

type Result<T> = { ok: true; data: T } | { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> };
const actorOf = (id: string) => actorOfDb(h.db, id);
/** Calls an action through the one gate, with the clock the test chooses. */
const call = <T = Record<string, unknown>>(def: Parameters<typeof invokeAction>[0], actor: Actor, input: unknown, now?: Date) =>
  invokeAction(def, { db: h.db, actor: async () => actor, ip: '127.0.0.1', locale: 'zh-CN', storage: async () => s.storage, now: now ? () => now : undefined }, input) as Promise<Result<T>>;
const ok = <T>(r: Result<T>): T => {
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
  return (r as { data: T }).data;
};

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/** A unit (main account) with a fresh, valid credit code. */
async function unit() {
  const creditCode = randomCreditCode();
  const { user, org } = await createOrgAccount(h.db, { email: `u-${Date.now()}-${Math.random()}@example.com` }, { creditCode, legalRepresentative: '刘三江', address: '北京市朝阳区和平街西苑2号楼' });
  const sub = await createUser(h.db, { kind: 'organization', orgId: org.id, isOrgMain: false, name: '子账户', modules: ['review'] });
  const noRight = await createUser(h.db, { kind: 'organization', orgId: org.id, isOrgMain: false, name: '无权限子账户', modules: ['membership'] });
  return { org, creditCode, main: await actorOf(user.id), sub: await actorOf(sub.id), noRight: await actorOf(noRight.id) };
}

let planner: Actor;
let leader: Actor;
let leader2: Actor;
let reviewer: Actor;
let leaderId: string;
let leader2Id: string;
let reviewerId: string;
beforeAll(async () => {
  planner = await actorOf((await createStaff(h.db, [{ role: 'review_planner' }], { name: '计划 孙丽' })).id);
  const l = await createStaff(h.db, [{ role: 'review_leader' }], { name: '组长 周峰' });
  const l2 = await createStaff(h.db, [{ role: 'review_leader' }], { name: '组长 吴昊' });
  const r = await createStaff(h.db, [{ role: 'reviewer', module: 'review' }], { name: '评审员 郑洁' });
  [leaderId, leader2Id, reviewerId] = [l.id, l2.id, r.id];
  [leader, leader2, reviewer] = await Promise.all([actorOf(l.id), actorOf(l2.id), actorOf(r.id)]);
});

const form = (creditCode: string, over: Record<string, unknown> = {}) => ({
  address: '北京市朝阳区和平街西苑2号楼',
  postalCode: '100029',
  contactName: '陈晨',
  contactPhone: '010-64281234',
  contactMobile: '18513661392',
  fax: '',
  email: 'chenchen@example.com',
  bankName: '',
  bankAccount: '',
  creditCode,
  legalRepresentative: '刘三江',
  registrationAuthority: '',
  registrationDate: '',
  registeredCapital: '',
  institutionType: 'publicInstitution',
  certificateIssuer: '',
  previousLicenseNumber: '',
  previousLicenseValidUntil: '',
  parentApprovalDate: '',
  parentApprovalNumber: '',
  parentHead: '',
  acceptanceNumber: 'TS2024-003',
  acceptanceDate: '2024-03-01',
  reviewType: 'initial',
  acceptanceCategory: 'inspectionBody',
  province: 'SAMR',
  remarks: '',
  ...over,
});

async function upload(actor: Actor, applicationId: string | null, slot: string, fileName = `${slot}.pdf`) {
  const grant = await requestUpload(h.db, s.storage, actor, { applicationId, slot, fileName, size: PDF.byteLength, contentType: 'application/pdf' });
  expect((await fetch(grant.url, { method: 'PUT', body: Buffer.from(PDF), headers: grant.headers })).status).toBe(200);
  return completeUpload(h.db, s.storage, actor, { ticket: grant.ticket });
}

const MATERIALS = ['quality_manual', 'procedure_list', 'acceptance_decision', 'application_form', 'other'];

async function draft(actor: Actor, creditCode: string) {
  return ok(await call<{ id: string; number: string; version: number }>(createApplicationDef, actor, { kind: REVIEW_PROJECT, data: form(creditCode), mode: 'draft' }));
}

/** A project submitted for pre-review by `actor` (its five materials uploaded). */
async function submitted(u: Awaited<ReturnType<typeof unit>>, actor: Actor = u.main) {
  const d = await draft(actor, u.creditCode);
  for (const slot of MATERIALS) await upload(actor, d.id, slot);
  ok(await call(fireTransitionDef, actor, { applicationId: d.id, event: 'submit', data: form(u.creditCode) }));
  return d.id;
}

const appRow = async (id: string) => (await h.db.select().from(applications).where(eq(applications.id, id)))[0];
const eventsOf = async (id: string) => (await h.db.select({ n: count() }).from(applicationEvents).where(eq(applicationEvents.applicationId, id)))[0].n;

describe('project numbers', () => {
  it('prefix + 2-digit year (Beijing) + sequence, unique under 20 concurrent creations; the prefix is a site setting', async () => {
    const u = await unit();
    const created = await Promise.all(Array.from({ length: 20 }, () => draft(u.main, u.creditCode)));
    const yy = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: '2-digit' }).format(new Date());
    for (const c of created) expect(c.number).toMatch(new RegExp(`^PSSCZJ${yy}\\d{3}$`));
    expect(new Set(created.map((c) => c.number)).size).toBe(20);
    const seqs = created.map((c) => Number(c.number.slice(-3))).sort((a, b) => a - b);
    expect(seqs[19] - seqs[0]).toBe(19);

    await setSetting(h.db, PREFIX_SETTING, 'ZJPS');
    expect((await draft(u.main, u.creditCode)).number).toMatch(new RegExp(`^ZJPS${yy}001$`));
    await setSetting(h.db, PREFIX_SETTING, 'PSSCZJ');
  });

  it('the year is Beijing’s: one minute after midnight on 1 January in Beijing is already the new year', async () => {
    const u = await unit();
    const r = ok(await call<{ number: string }>(createApplicationDef, u.main, { kind: REVIEW_PROJECT, data: form(u.creditCode), mode: 'draft' }, new Date('2030-12-31T16:01:00Z')));
    expect(r.number).toMatch(/^PSSCZJ31\d{3}$/);
  });
});

describe('the project form and submission', () => {
  it('a sub-account with the module creates, saves and submits; any account of the unit with the module may act, each act recorded', async () => {
    const u = await unit();
    const id = await submitted(u, u.sub);
    const app = await appRow(id);
    expect(app).toMatchObject({ status: 'prereview', orgId: u.org.id });
    expect((app.data as { unitName: string }).unitName).toBe(u.org.name);
    const [ev] = await h.db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, id), eq(applicationEvents.event, 'submit')));
    expect(ev).toMatchObject({ actorRole: 'applicant', actorName: '子账户' });
    const audited = await h.db.select().from(auditLog).where(and(eq(auditLog.targetId, id), eq(auditLog.action, 'application.transition')));
    expect(audited[0].actorId).toBe(u.sub.kind === 'organization' ? u.sub.id : null);
  });

  it('a sub-account without the module can neither create nor act on the unit’s projects', async () => {
    const u = await unit();
    expect(await call(createApplicationDef, u.noRight, { kind: REVIEW_PROJECT, data: form(u.creditCode), mode: 'draft' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const id = await submitted(u);
    // The project does not exist as far as the sub-account can tell.
    expect(await call(fireTransitionDef, u.noRight, { applicationId: id, event: 'withdraw' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const other = await unit();
    expect(await call(fireTransitionDef, other.main, { applicationId: id, event: 'withdraw' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('submitting needs the five materials; bad input is refused next to its field and changes nothing', async () => {
    const u = await unit();
    const d = await draft(u.main, u.creditCode);
    const before = await eventsOf(d.id);
    const missing = await call(fireTransitionDef, u.main, { applicationId: d.id, event: 'submit', data: form(u.creditCode) });
    expect(missing).toMatchObject({ ok: false, code: 'BAD_INPUT', message: expect.stringContaining('5') });
    for (const slot of MATERIALS) await upload(u.main, d.id, slot);
    const wrongCode = u.creditCode.slice(0, 17) + (u.creditCode[17] === '0' ? '1' : '0');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ creditCode: wrongCode }, 'creditCode'],
      [{ contactMobile: '12345' }, 'contactMobile'],
      [{ address: '' }, 'address'],
      [{ contactName: ' ' }, 'contactName'],
      [{ contactPhone: '' }, 'contactPhone'],
      [{ legalRepresentative: '' }, 'legalRepresentative'],
      [{ institutionType: '' }, 'institutionType'],
      [{ acceptanceNumber: '' }, 'acceptanceNumber'],
      [{ acceptanceDate: '2024-02-30' }, 'acceptanceDate'],
      [{ reviewType: 'other' }, 'reviewType'],
      [{ acceptanceCategory: '' }, 'acceptanceCategory'],
      [{ province: '999999' }, 'province'],
      [{ postalCode: '1000' }, 'postalCode'],
      [{ email: 'not-an-email' }, 'email'],
      [{ registeredCapital: '-5' }, 'registeredCapital'],
    ];
    for (const [over, field] of cases) {
      const r = await call(fireTransitionDef, u.main, { applicationId: d.id, event: 'submit', data: form(u.creditCode, over) });
      expect(r, field).toMatchObject({ ok: false, code: 'BAD_INPUT' });
      expect(Object.keys((r as { fieldErrors: Record<string, string[]> }).fieldErrors), field).toContain(field);
    }
    expect(await appRow(d.id)).toMatchObject({ status: 'draft' });
    expect(await eventsOf(d.id)).toBe(before);
    ok(await call(fireTransitionDef, u.main, { applicationId: d.id, event: 'submit', data: form(u.creditCode) }));
  });
});

describe('pre-review (预审)', () => {
  it('the planner passes, returns (opinion required) or rejects; passing opens round 1; other staff roles cannot', async () => {
    const u = await unit();
    const id = await submitted(u);
    const leader = await actorOf((await createStaff(h.db, [{ role: 'review_leader' }])).id);
    const reviewerB = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'membership' }])).id);
    expect(await call(fireTransitionDef, leader, { applicationId: id, event: 'pass' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(fireTransitionDef, reviewerB, { applicationId: id, event: 'pass' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(fireTransitionDef, planner, { applicationId: id, event: 'return' })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { opinion: expect.any(Array) } });
    ok(await call(fireTransitionDef, planner, { applicationId: id, event: 'return', opinion: '受理决定书扫描件不清晰' }));
    ok(await call(fireTransitionDef, u.main, { applicationId: id, event: 'resubmit', data: form(u.creditCode) }));
    ok(await call(fireTransitionDef, planner, { applicationId: id, event: 'pass', opinion: '资料齐全' }));
    expect(await appRow(id)).toMatchObject({ status: 'inviting' });
    expect(await h.db.select().from(reviewRounds).where(eq(reviewRounds.applicationId, id))).toEqual([expect.objectContaining({ number: 1 })]);
    const rejected = await submitted(u);
    ok(await call(fireTransitionDef, planner, { applicationId: rejected, event: 'reject', opinion: '不属于受理范围' }));
    expect(await appRow(rejected)).toMatchObject({ status: 'rejected' });
  });
});

// ---- The flow after pre-review ----------------------------------------------------------

const plusDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
const day = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const fire = (actor: Actor, applicationId: string, event: string, extra: Record<string, unknown> = {}, now?: Date) => call(fireTransitionDef, actor, { applicationId, event, ...extra }, now);

/** A project whose pre-review passed (round 1, waiting for the unit's invitation). */
async function passed(u: Awaited<ReturnType<typeof unit>>) {
  const id = await submitted(u);
  ok(await fire(planner, id, 'pass'));
  return id;
}

/** Invited 10 days ahead and approved: the negotiation letter is due. */
async function atLetter(u: Awaited<ReturnType<typeof unit>>, id?: string) {
  const pid = id ?? (await passed(u));
  ok(await fire(u.main, pid, 'invite', { data: { expectedDate: day(plusDays(new Date(), 10)), note: '' } }));
  ok(await fire(planner, pid, 'approveInvitation', { opinion: '同意' }));
  return pid;
}

/** The letter submitted and the notice issued with `lead` as leader: the unit must confirm. */
async function atNotice(u: Awaited<ReturnType<typeof unit>>, lead = leaderId, id?: string) {
  const pid = await atLetter(u, id);
  await upload(u.main, pid, 'letter_scan', '商洽函（盖章）.pdf');
  ok(await fire(u.main, pid, 'submitLetter'));
  const start = day(plusDays(new Date(), 12));
  ok(await fire(planner, pid, 'issueNotice', { data: { startDate: start, endDate: start, location: '单位本部', leaderId: lead, reviewerIds: [reviewerId], note: '' } }));
  return pid;
}

/** Confirmed: the on-site review runs under `lead`. */
async function atOnSite(u: Awaited<ReturnType<typeof unit>>, lead = leaderId, id?: string) {
  const pid = await atNotice(u, lead, id);
  ok(await fire(u.main, pid, 'confirmNotice'));
  return pid;
}

async function conclude(actor: Actor, id: string, outcome: Conclusion, now?: Date) {
  return fire(actor, id, CONCLUSION_EVENTS[outcome], { data: { remarks: `现场评审结论：${outcome}` } }, now);
}

describe('invitation (约请): the 5-day rule in Beijing time', () => {
  it('around midnight in Beijing: a date 4 days after today is refused, 5 days after is accepted; the server refuses what the picker disables', async () => {
    const u = await unit();
    const id = await passed(u);
    // 2030-03-01 23:59 in Beijing (15:59 UTC): today is 03-01, so the earliest date is 03-06.
    const beforeMidnight = new Date('2030-03-01T15:59:00Z');
    // One minute later it is 03-02 in Beijing (still 03-01 in UTC): the earliest date moves to 03-07.
    const afterMidnight = new Date('2030-03-01T16:01:00Z');
    expect(earliestInvitationDate(beforeMidnight)).toBe('2030-03-06');
    expect(earliestInvitationDate(afterMidnight)).toBe('2030-03-07');
    const before = await h.db.select({ n: count() }).from(reviewInvitations);
    for (const [date, now] of [['2030-03-05', beforeMidnight], ['2030-03-04', beforeMidnight], ['2030-03-06', afterMidnight], ['2030-03-01', afterMidnight], ['2030-02-30', beforeMidnight], ['', beforeMidnight]] as const) {
      const r = await fire(u.main, id, 'invite', { data: { expectedDate: date } }, now);
      expect(r, date).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { expectedDate: expect.any(Array) } });
    }
    expect(await h.db.select({ n: count() }).from(reviewInvitations)).toEqual(before);
    expect(await appRow(id)).toMatchObject({ status: 'inviting' });
    // 03-06 is fine at 23:59 on 03-01 in Beijing.
    ok(await fire(u.main, id, 'invite', { data: { expectedDate: '2030-03-06', note: '请安排上午' } }, beforeMidnight));
    expect(await appRow(id)).toMatchObject({ status: 'invitationSent' });
    const [inv] = await h.db.select().from(reviewInvitations).where(eq(reviewInvitations.applicationId, id));
    expect(inv).toMatchObject({ expectedDate: '2030-03-06', status: 'pending', note: '请安排上午' });
  });

  it('3 days ahead is refused, 10 days ahead sent; the planner rejects (opinion required) or approves; the unit cannot decide', async () => {
    const u = await unit();
    const id = await passed(u);
    expect(await fire(u.main, id, 'invite', { data: { expectedDate: day(plusDays(new Date(), 3)) } })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    ok(await fire(u.sub, id, 'invite', { data: { expectedDate: day(plusDays(new Date(), 10)) } }));
    expect(await fire(u.main, id, 'approveInvitation')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await fire(leader, id, 'approveInvitation')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await fire(planner, id, 'rejectInvitation')).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    ok(await fire(planner, id, 'rejectInvitation', { opinion: '该日期评审组已有安排，请另约' }));
    expect(await appRow(id)).toMatchObject({ status: 'inviting' });
    ok(await fire(u.main, id, 'invite', { data: { expectedDate: day(plusDays(new Date(), 14)) } }));
    ok(await fire(planner, id, 'approveInvitation', { opinion: '同意' }));
    const invs = await h.db.select().from(reviewInvitations).where(eq(reviewInvitations.applicationId, id));
    expect(invs.map((i) => i.status).sort()).toEqual(['approved', 'rejected']);
    expect(invs.find((i) => i.status === 'rejected')!.opinion).toBe('该日期评审组已有安排，请另约');
    expect(await appRow(id)).toMatchObject({ status: 'letter' });
  });
});

describe('negotiation letter (商洽函) and review notice (评审通知函)', () => {
  it('the letter PDF carries the project in real Chinese text; the stamped scan must be a PDF; submitting needs it', async () => {
    const u = await unit();
    const id = await atLetter(u);
    const { props } = await letterPdfFor(h.db, u.main, id, undefined, 'zh-CN');
    const text = squash(await pdfText(await renderPdf(negotiationLetter, props, { issuer: props.issuer })));
    const app = await appRow(id);
    for (const s of ['鉴定评审商洽函', app.number, u.org.name, '首次评审', '中国特种设备检验协会', '单位确认']) expect(text).toContain(squash(s));
    expect(await fire(u.main, id, 'submitLetter')).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    // A JPEG into the PDF-only slot is refused at the request (declared type) and nothing is stored.
    await expect(requestUpload(h.db, s.storage, u.main, { applicationId: id, slot: 'letter_scan', fileName: 'scan.jpg', size: 1000, contentType: 'image/jpeg' })).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE' });
    // A file named .pdf whose content is not a PDF is refused by the content check.
    const grant = await requestUpload(h.db, s.storage, u.main, { applicationId: id, slot: 'letter_scan', fileName: 'scan.pdf', size: 12, contentType: 'application/pdf' });
    await fetch(grant.url, { method: 'PUT', body: Buffer.from('not a pdf!!!'), headers: grant.headers });
    await expect(completeUpload(h.db, s.storage, u.main, { ticket: grant.ticket })).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE' });
    expect(await h.db.select().from(documents).where(and(eq(documents.applicationId, id), eq(documents.slot, 'letter_scan')))).toEqual([]);
    const doc = await upload(u.main, id, 'letter_scan', '商洽函（盖章）.pdf');
    ok(await fire(u.main, id, 'submitLetter'));
    expect(await h.db.select().from(reviewLetters).where(eq(reviewLetters.applicationId, id))).toEqual([expect.objectContaining({ documentId: doc.id })]);
    // The letter slot is locked once submitted.
    await expect(requestUpload(h.db, s.storage, u.main, { applicationId: id, slot: 'letter_scan', fileName: 'again.pdf', size: PDF.byteLength, contentType: 'application/pdf' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('the planner issues the notice with a team from the staff and a leader; bad plans are refused next to their field; the notice PDF names the team', async () => {
    const u = await unit();
    const id = await atLetter(u);
    await upload(u.main, id, 'letter_scan');
    ok(await fire(u.main, id, 'submitLetter'));
    const start = day(plusDays(new Date(), 12));
    const good = { startDate: start, endDate: day(plusDays(new Date(), 13)), location: '单位本部', leaderId, reviewerIds: [reviewerId], note: '请准备原始记录' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ leaderId: reviewerId, reviewerIds: [leader2Id] }, 'leaderId'], // not a leader
      [{ reviewerIds: [(planner as { id: string }).id] }, 'reviewerIds'], // a planner is no reviewer
      [{ reviewerIds: [] }, 'reviewerIds'],
      [{ reviewerIds: [leaderId] }, 'reviewerIds'],
      [{ endDate: day(plusDays(new Date(), 11)) }, 'endDate'],
      [{ startDate: day(plusDays(new Date(), -1)) }, 'startDate'],
      [{ startDate: '2030-13-01' }, 'startDate'],
    ];
    for (const [over, field] of cases) {
      const r = await fire(planner, id, 'issueNotice', { data: { ...good, ...over } });
      expect(r, field).toMatchObject({ ok: false, code: 'BAD_INPUT' });
      expect(Object.keys((r as { fieldErrors: Record<string, string[]> }).fieldErrors), field).toContain(field);
    }
    expect(await h.db.select().from(reviewNotices).where(eq(reviewNotices.applicationId, id))).toEqual([]);
    expect(await fire(leader, id, 'issueNotice', { data: good })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    ok(await fire(planner, id, 'issueNotice', { data: good }));
    expect(await appRow(id)).toMatchObject({ status: 'noticeIssued', assigneeId: leaderId });
    const { props } = await noticePdfFor(h.db, u.sub, id, 1, 'zh-CN');
    const text = squash(await pdfText(await renderPdf(reviewNotice, props, { issuer: props.issuer })));
    for (const s of ['鉴定评审通知函', (await appRow(id)).number, '组长周峰', '评审员郑洁', start, '请准备原始记录']) expect(text).toContain(squash(s));
    ok(await fire(u.sub, id, 'confirmNotice'));
    const [n] = await h.db.select().from(reviewNotices).where(eq(reviewNotices.applicationId, id));
    expect(n.confirmedAt).not.toBeNull();
    expect(await appRow(id)).toMatchObject({ status: 'onSite' });
  });
});

describe('on-site review: only the assigned leader, or their active substitute', () => {
  it('another leader can neither upload on-site materials nor conclude; the assigned one must upload first, then concludes once', async () => {
    const u = await unit();
    const id = await atOnSite(u);
    await expect(upload(leader2, id, 'onsite_materials')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(upload(u.main, id, 'onsite_materials')).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await conclude(leader2, id, 'pass')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await conclude(planner, id, 'pass')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await conclude(u.main, id, 'pass')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await conclude(leader, id, 'pass')).toMatchObject({ ok: false, code: 'BAD_INPUT' }); // no materials yet
    expect(await fire(leader, id, 'concludePass', { data: { remarks: ' ' } })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { remarks: expect.any(Array) } });
    await upload(leader, id, 'onsite_materials', '现场评审记录.pdf');
    expect(await h.db.select({ n: count() }).from(reviewConclusions).where(eq(reviewConclusions.applicationId, id))).toEqual([{ n: 0 }]);
    ok(await conclude(leader, id, 'pass'));
    expect(await conclude(leader, id, 'fail')).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect(await appRow(id)).toMatchObject({ status: 'evaluating' });
    expect(await h.db.select().from(reviewConclusions).where(eq(reviewConclusions.applicationId, id))).toEqual([expect.objectContaining({ outcome: 'pass', leaderId, actedBy: leaderId })]);
  });

  it('an active substitute of the leader concludes on the leader’s behalf; an expired delegation grants nothing', async () => {
    const u = await unit();
    const id = await atOnSite(u);
    const now = new Date();
    const today = day(now);
    const r = await call<{ id: string }>(createDelegationDef, leader, { role: 'review_leader', module: '*', substituteId: leader2Id, startsOn: today, endsOn: today, reason: '出差' }, now);
    ok(r);
    // Tomorrow (Beijing) the one-day delegation has expired: the substitute can do nothing.
    const tomorrow = new Date(`${day(plusDays(now, 1))}T00:30:00+08:00`);
    expect(await conclude(leader2, id, 'rectify', tomorrow)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // Today it holds: the substitute uploads and concludes, recorded on the leader's behalf.
    await upload(leader2, id, 'onsite_materials', '现场评审记录（代）.pdf');
    ok(await conclude(leader2, id, 'rectify', now));
    const [ev] = await h.db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, id), eq(applicationEvents.event, 'concludeRectify')));
    expect(ev).toMatchObject({ actorId: leader2Id, onBehalfOfId: leaderId, onBehalfOfName: '组长 周峰' });
    expect(await h.db.select().from(reviewConclusions).where(eq(reviewConclusions.applicationId, id))).toEqual([expect.objectContaining({ outcome: 'rectify', leaderId, actedBy: leader2Id })]);
    // The staff page's flow record says so.
    const view = await projectView(h.db, planner, id);
    expect(view.flow.find((e) => e.event === 'concludeRectify')).toMatchObject({ actorName: '组长 吴昊', onBehalfOfName: '组长 周峰' });
    void staffDelegations;
  });
});

describe('rectification (单位整改资料) and re-review (确认约请)', () => {
  it('材料整改后通过: the unit uploads after the on-site step closed; the leader returns (opinion required), a planner accepts', async () => {
    const u = await unit();
    // A leader nobody delegated to (leader2 stands in for leader today in another test).
    const other = await actorOf((await createStaff(h.db, [{ role: 'review_leader' }], { name: '组长 冯远' })).id);
    const id = await atOnSite(u);
    await upload(leader, id, 'onsite_materials');
    // Before the on-site step closes the unit cannot upload rectification.
    await expect(upload(u.main, id, 'rectification')).rejects.toMatchObject({ code: 'INVALID_STATE' });
    ok(await conclude(leader, id, 'rectify'));
    expect(await fire(u.main, id, 'submitRectification', { data: { note: '' } })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    await upload(u.sub, id, 'rectification', '整改报告.pdf');
    ok(await fire(u.sub, id, 'submitRectification', { data: { note: '已按不符合项整改' } }));
    expect(await fire(other, id, 'acceptRectification')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await fire(leader, id, 'returnRectification')).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    ok(await fire(leader, id, 'returnRectification', { opinion: '整改证据不足' }));
    await upload(u.main, id, 'rectification', '补充证据.pdf');
    ok(await fire(u.main, id, 'submitRectification', { data: { note: '补充证据' } }));
    ok(await fire(planner, id, 'acceptRectification', { opinion: '整改通过' }));
    expect(await appRow(id)).toMatchObject({ status: 'evaluating' });
    const rows = await h.db.select().from(reviewRectifications).where(eq(reviewRectifications.applicationId, id));
    expect(rows.map((r) => r.status).sort()).toEqual(['accepted', 'returned']);
  });

  it('现场复审 opens a new round from 确认约请 and keeps the old one: its invitation, letter, notice, team, conclusion and files', async () => {
    const u = await unit();
    const id = await atOnSite(u);
    await upload(leader, id, 'onsite_materials', '第一轮现场记录.pdf');
    ok(await conclude(leader, id, 'reReview'));
    expect(await appRow(id)).toMatchObject({ status: 'inviting', assigneeId: null });
    const rounds = await h.db.select().from(reviewRounds).where(eq(reviewRounds.applicationId, id));
    expect(rounds.map((r) => r.number).sort()).toEqual([1, 2]);
    // Round 2 from the re-invitation, led by another leader this time.
    await atOnSite(u, leader2Id, id);
    // The first round's leader no longer owns the project.
    await expect(upload(leader, id, 'onsite_materials')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await upload(leader2, id, 'onsite_materials', '第二轮现场记录.pdf');
    ok(await conclude(leader2, id, 'pass'));
    const view = await projectView(h.db, u.main, id);
    expect(view.rounds.map((r) => r.number)).toEqual([1, 2]);
    const [r1, r2] = view.rounds;
    expect(r1.conclusion).toMatchObject({ outcome: 'reReview' });
    expect(r1.invitations).toEqual([expect.objectContaining({ status: 'approved' })]);
    expect(r1.letter).not.toBeNull();
    expect(r1.notice!.team.find((m) => m.role === 'leader')!.name).toBe('组长 周峰');
    expect(r2.conclusion).toMatchObject({ outcome: 'pass' });
    expect(r2.notice!.team.find((m) => m.role === 'leader')!.name).toBe('组长 吴昊');
    // The first round's files are kept (no longer current), the second round's are current.
    const onsite = view.files.filter((f) => f.slot === 'onsite_materials');
    expect(onsite.map((f) => [f.fileName, f.status])).toEqual([
      ['第一轮现场记录.pdf', 'replaced'],
      ['第二轮现场记录.pdf', 'current'],
    ]);
    expect(view.stage).toBe('evaluate');
    // Each round's letter and notice stay printable.
    expect((await letterPdfFor(h.db, u.main, id, 1, 'zh-CN')).props.round).toBe(1);
    expect((await noticePdfFor(h.db, u.main, id, 2, 'zh-CN')).props.team[0]).toEqual({ name: '组长 吴昊', role: 'leader' });
  });
});

describe('evaluation (评审评价): once per round', () => {
  const scores = { professionalism: 5, discipline: 4, efficiency: 4, communication: 5, fairness: 3 };

  it('scores on every configured criterion (1–5) with a comment complete the project; a second evaluation of the round is refused; bad scores change nothing', async () => {
    const u = await unit();
    const id = await atOnSite(u);
    await upload(leader, id, 'onsite_materials');
    ok(await conclude(leader, id, 'pass'));
    const before = await h.db.select({ n: count() }).from(reviewEvaluations);
    for (const bad of [{ ...scores, fairness: 6 }, { ...scores, fairness: 0 }, { professionalism: 5 }, { ...scores, unknown: 3 }]) {
      const r = await call(submitEvaluationDef, u.main, { applicationId: id, round: 1, scores: bad, comment: '' });
      expect(r, JSON.stringify(bad)).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    }
    expect(await call(submitEvaluationDef, u.noRight, { applicationId: id, round: 1, scores, comment: '' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(submitEvaluationDef, (await unit()).main, { applicationId: id, round: 1, scores, comment: '' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await h.db.select({ n: count() }).from(reviewEvaluations)).toEqual(before);
    // Two tabs submit at once: one evaluation.
    const results = await Promise.all([
      call(submitEvaluationDef, u.main, { applicationId: id, round: 1, scores, comment: '评审组专业、高效' }),
      call(submitEvaluationDef, u.sub, { applicationId: id, round: 1, scores, comment: '重复提交' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: 'CONFLICT' });
    expect(await h.db.select().from(reviewEvaluations).where(eq(reviewEvaluations.applicationId, id))).toHaveLength(1);
    expect(await appRow(id)).toMatchObject({ status: 'finished' });
    expect(await call(submitEvaluationDef, u.main, { applicationId: id, round: 1, scores, comment: '' })).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('a round closed by a re-review can be evaluated too; a round without a conclusion cannot; staff see averages per leader and reviewer', async () => {
    const u = await unit();
    const id = await atOnSite(u);
    expect(await call(submitEvaluationDef, u.main, { applicationId: id, round: 1, scores, comment: '' })).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    await upload(leader, id, 'onsite_materials');
    ok(await conclude(leader, id, 'reReview'));
    ok(await call(submitEvaluationDef, u.main, { applicationId: id, round: 1, scores: { ...scores, fairness: 1 }, comment: '' }));
    expect(await appRow(id)).toMatchObject({ status: 'inviting' });
    const byUser = (await teamScores(h.db)).filter((x) => [leaderId, reviewerId].includes(x.userId));
    expect(byUser.find((x) => x.userId === leaderId && x.role === 'leader')).toMatchObject({ evaluations: expect.any(Number), average: expect.any(Number) });
    expect(byUser.find((x) => x.userId === reviewerId && x.role === 'reviewer')!.criteria.map((c) => c.criterion).sort()).toEqual(Object.keys(scores).sort());
  });
});

describe('settings', () => {
  it('planners set the number prefix and the criteria (audited); bad settings are refused next to their field; leaders and units cannot', async () => {
    const u = await unit();
    const criteria = [
      { key: 'professionalism', label: '专业能力' },
      { key: 'discipline', label: '工作纪律' },
    ];
    expect(await call(updateReviewSettingsDef, leader, { prefix: 'ZJ', criteria })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(updateReviewSettingsDef, u.main, { prefix: 'ZJ', criteria })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    for (const [input, field] of [
      [{ prefix: 'PS-CZ', criteria }, 'prefix'],
      [{ prefix: 'PSSCZJ', criteria: [] }, 'criteria'],
      [{ prefix: 'PSSCZJ', criteria: [criteria[0], criteria[0]] }, 'criteria.1.key'],
      [{ prefix: 'PSSCZJ', criteria: [{ key: '1bad', label: '专业' }] }, 'criteria.0.key'],
    ] as const) {
      const r = await call(updateReviewSettingsDef, planner, input);
      expect(r, field).toMatchObject({ ok: false, code: 'BAD_INPUT' });
      expect(Object.keys((r as { fieldErrors: Record<string, string[]> }).fieldErrors)).toContain(field);
    }
    const before = await getSetting(h.db, CRITERIA_SETTING);
    ok(await call(updateReviewSettingsDef, planner, { prefix: 'pssczj', criteria: before }));
    expect(await getSetting(h.db, PREFIX_SETTING)).toBe('PSSCZJ');
  });
});

describe('unauthorized access', () => {
  it('another unit, a sub-account without the module and anonymous get nothing: no list rows, no view, no letter or notice, no acts', async () => {
    const u = await unit();
    const other = await unit();
    const id = await atNotice(u);
    expect((await projectList(h.db, other.main)).rows.map((r) => r.id)).not.toContain(id);
    expect((await projectList(h.db, u.noRight)).rows).toEqual([]);
    const subList = await projectList(h.db, u.sub);
    expect(subList.rows.map((r) => r.id), JSON.stringify(u.sub)).toContain(id);
    for (const who of [other.main, u.noRight, other.sub]) {
      await expect(projectView(h.db, who, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(letterPdfFor(h.db, who, id, 1, 'zh-CN')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(noticePdfFor(h.db, who, id, 1, 'zh-CN')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await fire(who, id, 'confirmNotice')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    }
    await expect(projectView(h.db, { kind: 'anonymous' }, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await fire({ kind: 'anonymous' }, id, 'confirmNotice')).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await call(submitEvaluationDef, { kind: 'anonymous' }, { applicationId: id, round: 1, scores: {}, comment: '' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await call(updateReviewSettingsDef, { kind: 'anonymous' }, { prefix: 'ZJ', criteria: [{ key: 'a', label: '甲' }] })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    // Staff of module E see the project and its letters; staff of other modules do not.
    await expect(letterPdfFor(h.db, leader2, id, 1, 'zh-CN')).resolves.toBeDefined();
    const finance = await actorOf((await createStaff(h.db, [{ role: 'finance' }])).id);
    await expect(noticePdfFor(h.db, finance, id, 1, 'zh-CN')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await projectExport(h.db, finance)).toEqual([]);
    expect((await projectExport(h.db, reviewer)).map((r) => r.id)).toContain(id);
    // A draft is the unit's alone.
    const d = await draft(u.main, u.creditCode);
    await expect(projectView(h.db, planner, d.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await fire(planner, d.id, 'pass')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

describe('unit information (单位信息管理)', () => {
  const profile = {
    address: '北京市朝阳区和平街西苑2号楼',
    legalRepresentative: '刘三江',
    contactName: '刘江',
    contactPhone: '010-64281234',
    fax: '010-64281235',
    email: 'office@example.com',
    postalCode: '100029',
    bankAccount: '11001234567890',
    bankName: '中国工商银行北京和平街支行',
    website: 'www.example.com',
    registrationAuthority: '北京市市场监督管理局',
    registrationDate: '2001-05-08',
    registeredCapital: '1200.50',
    institutionType: 'publicInstitution',
    certificateIssuer: '国家市场监督管理总局',
    parentApprovalDate: '',
    parentApprovalNumber: '',
    parentHead: '',
  };

  it('any account of the unit with the module saves the basic information (audited); new projects are prefilled from it; bad input changes nothing', async () => {
    const u = await unit();
    for (const [over, field] of [
      [{ address: '' }, 'address'],
      [{ postalCode: '12' }, 'postalCode'],
      [{ email: 'x@' }, 'email'],
      [{ registeredCapital: '1.234' }, 'registeredCapital'],
      [{ website: 'not a site' }, 'website'],
      [{ registrationDate: '2001-02-29' }, 'registrationDate'],
      [{ institutionType: 'bank' }, 'institutionType'],
    ] as const) {
      const r = await call(updateUnitProfileDef, u.sub, { ...profile, ...over });
      expect(r, field).toMatchObject({ ok: false, code: 'BAD_INPUT' });
      expect(Object.keys((r as { fieldErrors: Record<string, string[]> }).fieldErrors)).toContain(field);
    }
    expect(await h.db.select().from(reviewUnitProfiles).where(eq(reviewUnitProfiles.orgId, u.org.id))).toEqual([]);
    expect(await call(updateUnitProfileDef, u.noRight, profile)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    ok(await call(updateUnitProfileDef, u.sub, profile));
    const p = (await unitProfile(h.db, u.org.id))!;
    expect(p).toMatchObject({ contactName: '刘江', contactPhone: '010-64281234', postalCode: '100029', registeredCapital: '1200.50', institutionType: 'publicInstitution', bankName: '中国工商银行北京和平街支行' });
    const prefill = prefillProject(p);
    expect(prefill).toMatchObject({ address: profile.address, contactName: '刘江', contactPhone: '010-64281234', creditCode: u.creditCode, registeredCapital: '1200.50', institutionType: 'publicInstitution' });
    const [audited] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'review.unit_profile_updated'), eq(auditLog.targetId, u.org.id)));
    expect(audited.actorId).toBe((u.sub as { id: string }).id);
  });

  it('the business licence is a checked upload of the unit; another unit’s file is refused; every account of the unit opens it', async () => {
    const u = await unit();
    const other = await unit();
    const doc = await upload(u.main, null, 'review_unit_license', '营业执照.pdf');
    const foreign = await upload(other.main, null, 'review_unit_license', '营业执照.pdf');
    expect(await call(updateUnitProfileDef, u.sub, { ...profile, licenseDocumentId: foreign.id })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { licenseDocumentId: expect.any(Array) } });
    ok(await call(updateUnitProfileDef, u.sub, { ...profile, licenseDocumentId: doc.id }));
    expect((await unitLicenseFor(h.db, u.sub)).id).toBe(doc.id);
    await expect(unitLicenseFor(h.db, other.main)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the contact mobile changes only with the SMS code sent to the new number', async () => {
    const u = await unit();
    const newMobile = '13912345678';
    expect(await call(requestContactMobileCodeDef, u.main, { newMobile, captcha: 'bad' })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    ok(await call(requestContactMobileCodeDef, u.main, { newMobile, captcha: captcha() }));
    const [sms] = await h.db.select().from(outbox).where(and(eq(outbox.channel, 'sms'), sql`${outbox.payload}->>'to' = ${newMobile}`)).orderBy(desc(outbox.id)).limit(1);
    const code = /验证码为(\d{6})/.exec((sms.payload as { text: string }).text)![1];
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await call(changeContactMobileDef, u.main, { newMobile, smsCode: wrong })).toMatchObject({ ok: false });
    expect((await h.db.select().from(organizations).where(eq(organizations.id, u.org.id)))[0].contactPhone).not.toBe(newMobile);
    // Another account of the unit cannot use a code sent for this one.
    expect(await call(changeContactMobileDef, u.sub, { newMobile, smsCode: code })).toMatchObject({ ok: false });
    ok(await call(changeContactMobileDef, u.main, { newMobile, smsCode: code }));
    expect((await h.db.select().from(organizations).where(eq(organizations.id, u.org.id)))[0].contactPhone).toBe(newMobile);
    expect(await call(changeContactMobileDef, u.main, { newMobile, smsCode: code })).toMatchObject({ ok: false });
  });
});

describe('tasks, reminders and process files', () => {
  it('each stage with a due date has a deadline for whoever must act (the unit or the planners), moved on by each step and closed when done', async () => {
    const u = await unit();
    const id = await atLetter(u);
    const open = async () => h.db.select().from(deadlines).where(and(eq(deadlines.subjectId, id), isNull(deadlines.closedAt)));
    const [letterDue] = await open();
    expect(letterDue).toMatchObject({ userId: (u.main as { id: string }).id, role: null, link: `/portal/review/projects/${id}?tab=letter` });
    // 我的任务 of every account of the unit links to the step, with its due date.
    const todo = (await myTasks(h.db, u.sub)).todo.find((x) => x.app.id === id)!;
    expect(todo.app.dueAt).toEqual(letterDue.dueAt);
    await upload(u.main, id, 'letter_scan');
    ok(await fire(u.main, id, 'submitLetter'));
    const [plannerDue] = await open();
    expect(plannerDue).toMatchObject({ role: 'review_planner', userId: null, link: `/staff/review/projects/${id}` });
    expect((await unitDoneProjects(h.db, u.sub)).map((a) => a.id)).toContain(id);
    const start = day(plusDays(new Date(), 12));
    ok(await fire(planner, id, 'issueNotice', { data: { startDate: start, endDate: start, leaderId, reviewerIds: [reviewerId] } }));
    expect(await open()).toEqual([expect.objectContaining({ link: `/portal/review/projects/${id}?tab=notice` })]);
    ok(await fire(u.main, id, 'confirmNotice'));
    // The on-site review has no due date: nothing open, nothing reminded.
    expect(await open()).toEqual([]);
  });

  it('临时性文件 lists every uploaded and generated file of the unit’s projects with project and stage, and nothing of another unit', async () => {
    const u = await unit();
    const id = await atOnSite(u);
    const files = await unitFiles(h.db, u.sub);
    const mine = files.filter((f) => f.projectId === id);
    expect(mine.map((f) => f.slot).sort()).toEqual(['acceptance_decision', 'application_form', 'letter_scan', 'negotiation_letter', 'other', 'procedure_list', 'quality_manual', 'review_notice'].sort());
    expect(mine.find((f) => f.slot === 'letter_scan')).toMatchObject({ stage: 'letter', round: 1, source: 'upload' });
    expect(mine.find((f) => f.slot === 'review_notice')).toMatchObject({ stage: 'notice', href: `/api/review/projects/${id}/notice?round=1` });
    expect((await unitFiles(h.db, (await unit()).main)).filter((f) => f.projectId === id)).toEqual([]);
    expect(await unitFiles(h.db, u.noRight)).toEqual([]);
  });
});

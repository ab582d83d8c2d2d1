import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { applicationEvents, applications, auditLog, reviewRounds } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createOrgAccount, createStaff, createUser } from '@/db/seed/factories';
import { randomCreditCode } from '@/db/seed/identity-data';
import { REVIEW_PROJECT } from '@/lib/modules/review/constants';
import { PREFIX_SETTING } from '@/lib/modules/review/settings';
import { invokeAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { completeUpload } from '@/lib/platform/documents/services/complete-upload';
import { requestUpload } from '@/lib/platform/documents/services/request-upload';
import { setSetting } from '@/lib/platform/settings';
import { createApplicationDef, fireTransitionDef } from '@/lib/platform/workflow/action-defs';
import { actorOf as actorOfDb } from '../helpers/actors';
import { createTestDb } from '../helpers/db';
import { createTestStorage } from '../helpers/storage';

/**
 * Module E (SPEC §6, seed 004, issue 14): appraisal review projects on the
 * engine — numbers, the project form, pre-review, invitations with the 5-day
 * rule in Beijing time, the letter, the notice, the on-site conclusion by the
 * assigned leader only, rectification, re-review rounds and the evaluation.
 */

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
beforeAll(async () => {
  planner = await actorOf((await createStaff(h.db, [{ role: 'review_planner' }], { name: '计划 孙丽' })).id);
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

async function upload(actor: Actor, applicationId: string, slot: string, fileName = `${slot}.pdf`) {
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

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, like, sql } from 'drizzle-orm';
import { actionTokens, applicationEvents, applications, outbox, users } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount, createStaff } from '@/db/seed/factories';
import { randomCreditCode, randomOrgCode } from '@/db/seed/identity-data';
import type { Actor } from '@/lib/platform/auth/actor';
import { findByIdentifier } from '@/lib/platform/auth/authenticate';
import { verifyPassword } from '@/lib/platform/auth/password';
import { fireTransitionDef } from '@/lib/platform/workflow/action-defs';
import { flowRecord, getApplicationFor, myTasks, progressRail, queueCounts, queuePage, transition } from '@/lib/platform/workflow';
import { preApplicationFormSchema, type PreApplicationFormInput } from '@/lib/modules/accreditation/pre-application/schemas';
import { submitPreApplication } from '@/lib/modules/accreditation/pre-application/services/submit';
import { preApplicationByViewToken, resendVerificationDef, verifyPreApplication } from '@/lib/modules/accreditation/pre-application/services/by-token';
import { actorOf as actorOfDb, callAs } from '../helpers/actors';
import { randomMobile } from '@/db/seed/identity-data';
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

let seq = 0;
function form(over: Partial<{ code: string; email: string; mobile: string }> = {}): PreApplicationFormInput {
  seq++;
  return {
    contact: { name: '王联系', phone: '0571-88880000', mobile: over.mobile ?? '13812345678', email: over.email ?? `lab${seq}-${Date.now()}@example.com` },
    entity: { name: `杭州精测检测技术有限公司${seq}`, code: over.code ?? randomCreditCode(), address: '杭州市西湖区文三路1号', postalCode: '310000', legalRepresentative: '赵法人' },
    businessFields: {
      laboratory: { selected: true, description: '从事化学、物理检测' },
      inspectionBody: { selected: true, description: '承压设备检验' },
      biobank: { selected: false, description: '' },
    },
  };
}

async function submit(over?: Parameters<typeof form>[0]) {
  const parsed = preApplicationFormSchema.parse(form(over));
  return submitPreApplication(h.db, parsed, null);
}

/** The token in the newest email to an address, by the link path it belongs to. */
async function linkToken(to: string, path: 'verify' | 'view'): Promise<string> {
  const rows = await h.db.select().from(outbox).where(and(eq(outbox.channel, 'email'), sql`${outbox.payload}->>'to' = ${to}`)).orderBy(sql`${outbox.id} desc`);
  for (const r of rows) {
    const m = new RegExp(`/accreditation/pre-application/${path}\\?token=([\\w-]+)`).exec((r.payload as { text: string }).text);
    if (m) return m[1];
  }
  throw new Error(`no ${path} link to ${to}`);
}

describe('pre-application: submit and verify', () => {
  it('stores the application unverified, emails verify + view links, and is invisible to staff until verified', async () => {
    const app = await submit();
    expect(app.status).toBe('unverified');
    expect(app.number).toMatch(/^YSQ\d{4}\d{6}$/);
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);

    const before = await queuePage(h.db, reviewer, { kind: 'accreditationPreApplication' });
    expect(before.rows.map((r) => r.id)).not.toContain(app.id);
    await expect(getApplicationFor(h.db, reviewer, app.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const email = app.contactEmail!;
    await verifyPreApplication(h.db, await linkToken(email, 'verify'));
    const after = await queuePage(h.db, reviewer, { kind: 'accreditationPreApplication', status: 'pending' });
    expect(after.rows.map((r) => r.id)).toContain(app.id);
    const counts = await queueCounts(h.db, reviewer, { kind: 'accreditationPreApplication' });
    expect(counts.find((c) => c.status === 'pending')!.n).toBeGreaterThanOrEqual(1);
    expect(counts.find((c) => c.status === 'unverified')).toBeUndefined();
  });

  it('refuses a reused, an expired or a wrong-purpose token, changing nothing', async () => {
    const app = await submit();
    const verify = await linkToken(app.contactEmail!, 'verify');
    const view = await linkToken(app.contactEmail!, 'view');
    await expect(verifyPreApplication(h.db, view)).rejects.toMatchObject({ code: 'BAD_INPUT', messageKey: 'linkInvalid' });
    await verifyPreApplication(h.db, verify);
    await expect(verifyPreApplication(h.db, verify)).rejects.toMatchObject({ code: 'BAD_INPUT', messageKey: 'linkInvalid' });
    const [{ n }] = await h.db.select({ n: count() }).from(applicationEvents).where(eq(applicationEvents.applicationId, app.id));
    expect(n).toBe(2); // create + verify, once

    const other = await submit();
    const token = await linkToken(other.contactEmail!, 'verify');
    await h.db.update(actionTokens).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(actionTokens.subjectId, other.id));
    await expect(verifyPreApplication(h.db, token)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    const [row] = await h.db.select().from(applications).where(eq(applications.id, other.id));
    expect(row.status).toBe('unverified');
    // The view link expired with it.
    await expect(preApplicationByViewToken(h.db, await linkToken(other.contactEmail!, 'view'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the view link opens the application repeatedly and can re-send the verification email, rate-limited', async () => {
    const app = await submit();
    const view = await linkToken(app.contactEmail!, 'view');
    expect((await preApplicationByViewToken(h.db, view)).id).toBe(app.id);
    expect((await preApplicationByViewToken(h.db, view)).id).toBe(app.id);
    const anon: Actor = { kind: 'anonymous' };
    for (let i = 0; i < 3; i++) expect(await call(resendVerificationDef, anon, { token: view })).toMatchObject({ ok: true });
    expect(await call(resendVerificationDef, anon, { token: view })).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
  });

  it('refuses invalid organization / credit codes and a selected field without description, with field errors', () => {
    const bad = (f: PreApplicationFormInput) => {
      const r = preApplicationFormSchema.safeParse(f);
      return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
    };
    const code = randomOrgCode();
    const wrongCheck = code.slice(0, 8) + (code[8] === '0' ? '1' : '0');
    expect(bad(form({ code: wrongCheck }))['entity.code']).toMatch(/校验位/);
    const credit = randomCreditCode();
    expect(bad(form({ code: credit.slice(0, 17) + (credit[17] === '0' ? '1' : '0') }))['entity.code']).toMatch(/校验/);
    expect(bad(form({ code: '12345' }))['entity.code']).toBeDefined();
    expect(bad(form({ code: `${code.slice(0, 8)}-${code[8]}` }))['entity.code']).toBeDefined();
    expect(bad(form({ code }))).toEqual({});

    const f = form();
    f.businessFields.laboratory = { selected: true, description: '' };
    expect(bad(f)['businessFields.laboratory.description']).toBe('请填写所选领域的相关情况说明');
    const none = form();
    for (const k of Object.keys(none.businessFields)) none.businessFields[k] = { selected: false, description: 'x' };
    expect(bad(none).businessFields).toBe('请至少选择一项预申请业务');
  });

  it('refuses business fields that are not configured', async () => {
    const parsed = preApplicationFormSchema.parse({ ...form(), businessFields: { spaceStation: { selected: true, description: '太空' } } });
    const [{ n: before }] = await h.db.select({ n: count() }).from(applications);
    await expect(submitPreApplication(h.db, parsed, null)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    const [{ n: after }] = await h.db.select({ n: count() }).from(applications);
    expect(after).toBe(before);
  });
});

describe('pre-application: staff decision on the engine', () => {
  async function verified(over?: Parameters<typeof form>[0]) {
    const app = await submit(over);
    await verifyPreApplication(h.db, await linkToken(app.contactEmail!, 'verify'));
    return app;
  }

  it('two reviewers approving at once: exactly one succeeds, one event row, one account, one email', async () => {
    const app = await verified();
    const a = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    const b = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    const results = await Promise.allSettled([
      transition(h.db, a, { applicationId: app.id, event: 'approve', opinion: '同意' }),
      transition(h.db, b, { applicationId: app.id, event: 'approve', opinion: '同意' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(['CONFLICT', 'INVALID_STATE']).toContain(failure.reason.code);
    const events = await h.db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, app.id), eq(applicationEvents.event, 'approve')));
    expect(events).toHaveLength(1);
    const accounts = await h.db.select().from(users).where(eq(users.email, app.contactEmail!));
    expect(accounts).toHaveLength(1);
    const mails = await h.db.select().from(outbox).where(and(sql`${outbox.payload}->>'to' = ${app.contactEmail}`, like(sql`${outbox.payload}->>'subject'`, '%已批准%')));
    expect(mails).toHaveLength(1);
  });

  it('approval creates a case-sensitive institution account that must change its password, emailed with a view link', async () => {
    const app = await verified();
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    expect(await call(fireTransitionDef, reviewer, { applicationId: app.id, event: 'approve', opinion: '材料齐全，同意' })).toMatchObject({ ok: true, data: { status: 'approved' } });
    const [mail] = await h.db.select().from(outbox).where(and(sql`${outbox.payload}->>'to' = ${app.contactEmail}`, like(sql`${outbox.payload}->>'subject'`, '%已批准%')));
    const text = (mail.payload as { text: string }).text;
    const username = /用户名：(\S+)/.exec(text)![1];
    const password = /初始密码：(\S+)/.exec(text)![1];
    expect(text).toContain('/accreditation/pre-application/view?token=');
    expect(text).toContain('审核意见：材料齐全，同意');
    const account = (await findByIdentifier(h.db, username, 'applicant'))!;
    expect(account).toMatchObject({ kind: 'organization', isOrgMain: true, mustChangePassword: true, email: app.contactEmail });
    expect(await verifyPassword(account.passwordHash!, password)).toBe(true);
    const swapped = [...password].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
    expect(await verifyPassword(account.passwordHash!, swapped)).toBe(false);
    const ok = { user: account };

    // The institution sees its approved pre-application with the full flow record.
    const institution = await actorOf(ok.user.id);
    const mine = await getApplicationFor(h.db, institution, app.id);
    const record = await flowRecord(h.db, mine, institution);
    expect(record.map((e) => [e.event, e.toStatus])).toEqual([
      ['create', 'unverified'],
      ['verify', 'pending'],
      ['approve', 'approved'],
    ]);
    expect(record[2]).toMatchObject({ actorRole: 'reviewer', opinion: '材料齐全，同意', actorName: null });
    expect(progressRail(mine).map((s) => s.state)).toEqual(['done', 'done', 'done', 'done']);
  });

  it('rejection requires a reason and emails it', async () => {
    const app = await verified();
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    const noReason = await call(fireTransitionDef, reviewer, { applicationId: app.id, event: 'reject', opinion: '  ' });
    expect(noReason).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { opinion: ['请填写意见'] } });
    expect(await call(fireTransitionDef, reviewer, { applicationId: app.id, event: 'reject', opinion: '业务领域描述不清，请补充后重新提交' })).toMatchObject({ ok: true });
    const [mail] = await h.db.select().from(outbox).where(and(sql`${outbox.payload}->>'to' = ${app.contactEmail}`, like(sql`${outbox.payload}->>'subject'`, '%未获批准%')));
    expect((mail.payload as { text: string }).text).toContain('原因：业务领域描述不清，请补充后重新提交');
  });

  it('refuses the decision to anyone without the role, and the system-only verify to everyone; nothing is written', async () => {
    const app = await verified();
    const actors: Actor[] = [
      { kind: 'anonymous' },
      await actorOf((await createIndividual(h.db)).id),
      await actorOf((await createOrgAccount(h.db)).user.id),
      await actorOf((await createStaff(h.db, [{ role: 'finance' }])).id),
      await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'exam' }])).id),
    ];
    const snapshot = async () => {
      const [row] = await h.db.select().from(applications).where(eq(applications.id, app.id));
      const [{ n: events }] = await h.db.select({ n: count() }).from(applicationEvents).where(eq(applicationEvents.applicationId, app.id));
      const [{ n: mails }] = await h.db.select({ n: count() }).from(outbox);
      return { status: row.status, version: row.version, events, mails };
    };
    const before = await snapshot();
    for (const actor of actors) {
      for (const event of ['approve', 'reject', 'verify']) {
        const r = await call(fireTransitionDef, actor, { applicationId: app.id, event, opinion: '越权' });
        expect(r.ok, `${actor.kind} ${event}`).toBe(false);
        expect(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']).toContain((r as { code: string }).code);
      }
    }
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    expect(await call(fireTransitionDef, reviewer, { applicationId: app.id, event: 'verify' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await snapshot()).toEqual(before);
  });

  it('a transition whose effects fail rolls back: no state change, no event, no outbox row', async () => {
    const app = await verified();
    // Another account already holds this credit code: creating the institution fails inside the transition.
    await createOrgAccount(h.db, {}, { creditCode: (app.data as { entity: { code: string } }).entity.code });
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'admin' }])).id);
    const [{ n: mailsBefore }] = await h.db.select({ n: count() }).from(outbox);
    const r = await call(fireTransitionDef, reviewer, { applicationId: app.id, event: 'approve' });
    expect(r).toMatchObject({ ok: false, code: 'CONFLICT', message: '该统一社会信用代码（组织机构代码）已有机构账户，请核实后处理' });
    const [row] = await h.db.select().from(applications).where(eq(applications.id, app.id));
    expect(row.status).toBe('pending');
    const events = await h.db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, app.id), eq(applicationEvents.event, 'approve')));
    expect(events).toHaveLength(0);
    const [{ n: mailsAfter }] = await h.db.select({ n: count() }).from(outbox);
    expect(mailsAfter).toBe(mailsBefore);
  });

  it('the institution account gets the form’s contact mobile, unless another account already has that number (issue #18 §12)', async () => {
    const mobile = randomMobile();
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    const first = await verified({ mobile });
    expect(await call(fireTransitionDef, reviewer, { applicationId: first.id, event: 'approve' })).toMatchObject({ ok: true });
    const [a] = await h.db.select().from(users).where(eq(users.email, first.contactEmail!));
    expect(a.mobile).toBe(mobile);
    // The same number on a second institution's form: approved all the same, without the mobile.
    const second = await verified({ mobile });
    expect(await call(fireTransitionDef, reviewer, { applicationId: second.id, event: 'approve' })).toMatchObject({ ok: true, data: { status: 'approved' } });
    const [b] = await h.db.select().from(users).where(eq(users.email, second.contactEmail!));
    expect(b.mobile).toBeNull();
  });

  it('my tasks: pending pre-applications are the reviewers’ to-do, and done after the decision', async () => {
    const app = await verified();
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    const before = await myTasks(h.db, reviewer);
    expect(before.todo.map((t) => t.app.id)).toContain(app.id);
    await transition(h.db, reviewer, { applicationId: app.id, event: 'reject', opinion: '不符合' });
    const after = await myTasks(h.db, reviewer);
    expect(after.todo.map((t) => t.app.id)).not.toContain(app.id);
    expect(after.done.map((a) => a.id)).toContain(app.id);
    const examReviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'exam' }])).id);
    expect((await myTasks(h.db, examReviewer)).todo.map((t) => t.app.id)).not.toContain(app.id);
  });
});

describe('the issued record', () => {
  it('a decision stores the application form as a PDF with the application, once, after commit', async () => {
    const { createTestStorage } = await import('../helpers/storage');
    const { runJob } = await import('@/lib/platform/jobs');
    const { documents } = await import('@/db/schema');
    const s = await createTestStorage();
    try {
      const app = await submit();
      await verifyPreApplication(h.db, await linkToken(app.contactEmail!, 'verify'));
      const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
      await transition(h.db, reviewer, { applicationId: app.id, event: 'reject', opinion: '不符合' });
      const [job] = await h.db.select().from(outbox).where(and(eq(outbox.channel, 'job'), sql`${outbox.payload}->>'applicationId' = ${app.id}`));
      expect(job.payload).toEqual({ type: 'issue-application-pdf', applicationId: app.id });
      // The worker may run a job twice (it died before marking it): one document all the same.
      await runJob(h.db, job.payload, { outboxId: job.id, storage: s.storage });
      await runJob(h.db, job.payload, { outboxId: job.id, storage: s.storage });
      const docs = await h.db.select().from(documents).where(eq(documents.applicationId, app.id));
      expect(docs).toHaveLength(1);
      expect(docs[0]).toMatchObject({ slot: 'issued_form', source: 'generated', contentType: 'application/pdf', status: 'current' });
      const head = await s.storage.head(docs[0].storageKey);
      expect(head?.size ?? (head as unknown as { contentLength?: number })?.contentLength).toBeGreaterThan(1000);
    } finally {
      await s.close();
    }
  });
});

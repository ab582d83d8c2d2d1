import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { accreditedInstitutions, applicationEvents, applications, auditLog, deadlines, notifications, outbox } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount, createStaff, createUser } from '@/db/seed/factories';
import type { Actor } from '@/lib/platform/auth/actor';
import { fieldOfCertificate, heldFields } from '@/lib/modules/accreditation/field-change/services/held-fields';
import { createInstitutionAccounts } from '@/lib/modules/accreditation/institutions/services/accounts';
import { fieldChangeFormSchema } from '@/lib/modules/accreditation/field-change/schemas';
import { eventLabel } from '@/components/workflow/labels';
import { assignApplicationDef, bulkClaimDef, createApplicationDef, fireTransitionDef, saveDraftDef } from '@/lib/platform/workflow/action-defs';
import { getApplicationFor, queuePage } from '@/lib/platform/workflow';
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

const form = (over: Record<string, { selected: boolean; description: string }> = {}) => ({
  businessFields: { laboratory: { selected: false, description: '' }, inspectionBody: { selected: true, description: '承压设备定期检验' }, ...over },
  reason: '业务拓展',
});

async function institution() {
  const { user, org } = await createOrgAccount(h.db, { email: `inst-${Date.now()}-${Math.random()}@example.com` });
  return { user, org, actor: await actorOf(user.id) };
}

describe('business field change (draft → submit → return → resubmit → approve)', () => {
  it('runs the whole applicant loop on the engine, with notifications and a due date for whoever must act', async () => {
    const inst = await institution();
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);

    // A half-filled draft is accepted and invisible to staff.
    const draft = (await call(createApplicationDef, inst.actor, { kind: 'accreditationFieldChange', data: { businessFields: {} }, mode: 'draft' })) as Ok<{ id: string; version: number }>;
    expect(draft.ok).toBe(true);
    const id = draft.data.id;
    expect((await queuePage(h.db, reviewer, {})).rows.map((r) => r.id)).not.toContain(id);
    const saved = (await call(saveDraftDef, inst.actor, { applicationId: id, data: form(), version: draft.data.version })) as Ok<{ version: number }>;
    expect(saved.ok).toBe(true);
    // A stale version is refused.
    expect(await call(saveDraftDef, inst.actor, { applicationId: id, data: form(), version: draft.data.version })).toMatchObject({ ok: false, code: 'CONFLICT' });

    // Submitting validates: a chosen field needs its description.
    const bad = await call(fireTransitionDef, inst.actor, { applicationId: id, event: 'submit', data: form({ laboratory: { selected: true, description: '' } }) });
    expect(bad).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { 'businessFields.laboratory.description': ['请填写所选领域的相关情况说明'] } });
    expect(await call(fireTransitionDef, inst.actor, { applicationId: id, event: 'submit', data: form() })).toMatchObject({ ok: true, data: { status: 'submitted' } });
    const [submitted] = await h.db.select().from(applications).where(eq(applications.id, id));
    expect(submitted.data).toEqual({ businessFields: [{ key: 'inspectionBody', label: '检验机构', description: '承压设备定期检验' }], reason: '业务拓展' });
    // Staff now see it; the reviewers' deadline is set.
    expect((await queuePage(h.db, reviewer, { status: 'submitted' })).rows.map((r) => r.id)).toContain(id);
    const [d1] = await h.db.select().from(deadlines).where(and(eq(deadlines.subjectId, id), eq(deadlines.purpose, 'state')));
    expect(d1).toMatchObject({ role: 'reviewer', closedAt: null });
    // Submitted: no more editing.
    expect(await call(saveDraftDef, inst.actor, { applicationId: id, data: form() })).toMatchObject({ ok: false, code: 'INVALID_STATE' });

    // Returned with an opinion: the institution is told in-app and by email, and now holds the deadline.
    expect(await call(fireTransitionDef, reviewer, { applicationId: id, event: 'return', opinion: '请补充检验机构的人员情况' })).toMatchObject({ ok: true });
    const notes = await h.db.select().from(notifications).where(eq(notifications.userId, inst.user.id));
    expect(notes.map((n) => n.title)).toContain(`业务领域变更 ${submitted.number}：退回修改`);
    const mails = await h.db.select().from(outbox).where(sql`${outbox.payload}->>'to' = ${inst.user.email}`);
    expect(mails).toHaveLength(1);
    expect((mails[0].payload as { text: string }).text).toContain('请补充检验机构的人员情况');
    const [d2] = await h.db.select().from(deadlines).where(and(eq(deadlines.subjectId, id), eq(deadlines.purpose, 'state')));
    expect(d2).toMatchObject({ userId: inst.user.id, role: null, closedAt: null });

    // Edit and resubmit, then approval: the field joins the profile and the deadline closes.
    expect(await call(saveDraftDef, inst.actor, { applicationId: id, data: form({ inspectionBody: { selected: true, description: '承压设备定期检验，检验员12人' } }) })).toMatchObject({ ok: true });
    expect(await call(fireTransitionDef, inst.actor, { applicationId: id, event: 'resubmit', data: form({ inspectionBody: { selected: true, description: '承压设备定期检验，检验员12人' } }) })).toMatchObject({ ok: true });
    expect(await heldFields(h.db, inst.org.id)).toEqual([]);
    expect(await call(fireTransitionDef, reviewer, { applicationId: id, event: 'approve' })).toMatchObject({ ok: true, data: { status: 'approved' } });
    expect(await heldFields(h.db, inst.org.id)).toEqual([{ key: 'inspectionBody', label: '检验机构' }]);
    const [d3] = await h.db.select().from(deadlines).where(and(eq(deadlines.subjectId, id), eq(deadlines.purpose, 'state')));
    expect(d3.closedAt).not.toBeNull();
    const events = await h.db.select({ e: applicationEvents.event }).from(applicationEvents).where(eq(applicationEvents.applicationId, id)).orderBy(applicationEvents.id);
    expect(events.map((e) => e.e)).toEqual(['create', 'submit', 'return', 'resubmit', 'approve']);

    // A field already held cannot be applied for again.
    const again = await call(createApplicationDef, inst.actor, { kind: 'accreditationFieldChange', data: form(), mode: 'submit' });
    expect(again).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { 'businessFields.inspectionBody.description': ['贵机构已具有该业务领域，无需重复申请'] } });
  });

  it('the applicant may withdraw; the submit-and-create path is one transaction', async () => {
    const inst = await institution();
    const r = (await call(createApplicationDef, inst.actor, { kind: 'accreditationFieldChange', data: form(), mode: 'submit' })) as Ok<{ id: string; status: string }>;
    expect(r.data.status).toBe('submitted');
    const [{ n: before }] = await h.db.select({ n: count() }).from(applications);
    const invalid = await call(createApplicationDef, inst.actor, { kind: 'accreditationFieldChange', data: { businessFields: {} }, mode: 'submit' });
    expect(invalid).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    const [{ n: after }] = await h.db.select({ n: count() }).from(applications);
    expect(after).toBe(before);
    expect(await call(fireTransitionDef, inst.actor, { applicationId: r.data.id, event: 'withdraw' })).toMatchObject({ ok: true, data: { status: 'withdrawn' } });
  });

  it('refuses other organizations, individuals, sub-accounts without the module, staff and public kinds', async () => {
    const inst = await institution();
    const r = (await call(createApplicationDef, inst.actor, { kind: 'accreditationFieldChange', data: form(), mode: 'draft' })) as Ok<{ id: string }>;
    const other = await institution();
    const individual = await actorOf((await createIndividual(h.db)).id);
    const sub = await actorOf((await createUser(h.db, { kind: 'organization', orgId: inst.org.id, isOrgMain: false, modules: ['review'] })).id);
    const staff = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    const snapshot = async () => {
      const [row] = await h.db.select().from(applications).where(eq(applications.id, r.data.id));
      return { status: row.status, version: row.version, data: row.data };
    };
    const before = await snapshot();
    for (const actor of [other.actor, individual, sub, staff, { kind: 'anonymous' } as Actor]) {
      expect((await call(saveDraftDef, actor, { applicationId: r.data.id, data: form() })).ok).toBe(false);
      expect((await call(fireTransitionDef, actor, { applicationId: r.data.id, event: 'submit', data: form() })).ok).toBe(false);
      expect((await call(fireTransitionDef, actor, { applicationId: r.data.id, event: 'withdraw' })).ok).toBe(false);
      await expect(getApplicationFor(h.db, actor, r.data.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    for (const actor of [individual, sub, staff]) {
      expect((await call(createApplicationDef, actor, { kind: 'accreditationFieldChange', data: form(), mode: 'draft' })).ok).toBe(false);
    }
    // Public kinds are not started through the applicant entry.
    expect(await call(createApplicationDef, inst.actor, { kind: 'accreditationPreApplication', data: {}, mode: 'draft' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await snapshot()).toEqual(before);
  });

  it('claiming: one claim wins; only reviewers of the module and admins may assign; applicants may not', async () => {
    const inst = await institution();
    const r = (await call(createApplicationDef, inst.actor, { kind: 'accreditationFieldChange', data: form(), mode: 'submit' })) as Ok<{ id: string }>;
    const a = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    const b = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    const results = await Promise.all([call(assignApplicationDef, a, { applicationId: r.data.id }), call(assignApplicationDef, b, { applicationId: r.data.id })]);
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    expect(results.find((x) => !x.ok)).toMatchObject({ code: 'CONFLICT' });
    // The claim is on the record, once: the refused one wrote nothing.
    const winner = results.find((x) => x.ok) === results[0] ? a : b;
    const claims = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'application.assigned'), eq(auditLog.targetId, r.data.id)));
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ actorId: (winner as { id: string }).id, detail: { from: null, to: (winner as { id: string }).id, kind: 'accreditationFieldChange' } });
    const examReviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'exam' }])).id);
    const finance = await actorOf((await createStaff(h.db, [{ role: 'finance' }])).id);
    for (const actor of [examReviewer, finance, inst.actor, { kind: 'anonymous' } as Actor]) {
      expect((await call(assignApplicationDef, actor, { applicationId: r.data.id, assigneeId: null })).ok).toBe(false);
    }

    // Bulk claim takes the unclaimed ones the staff member may see and skips the rest.
    const more = await Promise.all([1, 2].map(() => call(createApplicationDef, inst.actor, { kind: 'accreditationFieldChange', data: form({ laboratory: { selected: true, description: `实验室 ${Math.random()}` } }), mode: 'submit' })));
    const ids = more.map((m) => (m as Ok<{ id: string }>).data.id);
    expect(await call(bulkClaimDef, examReviewer, { ids })).toMatchObject({ ok: true, data: { claimed: 0, skipped: 2 } });
    expect(await call(bulkClaimDef, b, { ids: [...ids, r.data.id] })).toMatchObject({ ok: true, data: { claimed: 2, skipped: 1 } });
    const rows = await h.db.select({ assigneeId: applications.assigneeId }).from(applications).where(inArray(applications.id, ids));
    expect(rows.every((x) => x.assigneeId === (b as { id: string }).id)).toBe(true);
    expect(await call(bulkClaimDef, inst.actor, { ids })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('an institution from the accreditation registry holds its certificate’s field (issue #18 §8)', () => {
  it('CNAS L… holds 实验室, CNAS IB… 检验机构: listed as held and refused when applied for again; other fields may be added', async () => {
    const rows = await h.db
      .insert(accreditedInstitutions)
      .values([
        { certificateNumber: `CNAS L${String(Date.now()).slice(-6)}`, name: '注册表实验室', contactEmail: `l-${Date.now()}@example.com` },
        { certificateNumber: `CNAS IB${String(Date.now()).slice(-6)}`, name: '注册表检验机构', contactEmail: `ib-${Date.now()}@example.com` },
      ])
      .returning();
    const [lab, ib] = await h.db.transaction((tx) => createInstitutionAccounts(tx, rows));
    expect(await heldFields(h.db, lab.orgId)).toEqual([{ key: 'laboratory', label: '实验室' }]);
    expect(await heldFields(h.db, ib.orgId)).toEqual([{ key: 'inspectionBody', label: '检验机构' }]);
    expect(fieldOfCertificate('CNAS RM0012')).toBe('referenceMaterialProducer');
    expect(fieldOfCertificate('cnas pt0003')).toBe('proficiencyTestingProvider');
    expect(fieldOfCertificate('XYZ 123')).toBeNull();

    const actor = await actorOf(lab.userId);
    const again = await call(createApplicationDef, actor, { kind: 'accreditationFieldChange', data: { businessFields: { laboratory: { selected: true, description: '化学检测' } } }, mode: 'submit' });
    expect(again).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { 'businessFields.laboratory.description': ['贵机构已具有该业务领域，无需重复申请'] } });
    expect(await call(createApplicationDef, actor, { kind: 'accreditationFieldChange', data: form(), mode: 'submit' })).toMatchObject({ ok: true });
  });
});

describe('the field change speaks of itself (issue #18 §12)', () => {
  it('its flow record calls a saved draft 创建草稿, not 提交; its error asks for a field to add', async () => {
    const t = Object.assign((k: never) => k as string, { has: () => true });
    expect(eventLabel(t, 'accreditationFieldChange', 'create', 'draft')).toBe('workflow.events.createDraft');
    expect(eventLabel(t, 'accreditationFieldChange', 'create', 'submitted')).toBe('workflow.events.create');
    expect(eventLabel(t, 'accreditationPreApplication', 'create', 'unverified')).toBe('workflow.events.create');
    const r = fieldChangeFormSchema.safeParse({ businessFields: { laboratory: { selected: false, description: '' } } });
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual(['请至少选择一项要增加的业务领域']);
    const inst = await institution();
    const refused = await call(createApplicationDef, inst.actor, { kind: 'accreditationFieldChange', data: { businessFields: {} }, mode: 'submit' });
    expect(JSON.stringify(refused)).toContain('请至少选择一项要增加的业务领域');
    expect(JSON.stringify(refused)).not.toContain('预申请');
  });
});

describe('the handler of a decided application (issue #18 §12)', () => {
  it('a reviewer who decides an unclaimed application becomes its handler; a claimed one keeps its handler', async () => {
    const inst = await institution();
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    const other = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    const a = (await call(createApplicationDef, inst.actor, { kind: 'accreditationFieldChange', data: form(), mode: 'submit' })) as Ok<{ id: string }>;
    expect((await getApplicationFor(h.db, reviewer, a.data.id)).assigneeId).toBeNull();
    expect(await call(fireTransitionDef, reviewer, { applicationId: a.data.id, event: 'approve' })).toMatchObject({ ok: true });
    expect((await getApplicationFor(h.db, reviewer, a.data.id)).assigneeId).toBe((reviewer as { id: string }).id);

    const b = (await call(createApplicationDef, (await institution()).actor, { kind: 'accreditationFieldChange', data: form(), mode: 'submit' })) as Ok<{ id: string }>;
    expect(await call(assignApplicationDef, other, { applicationId: b.data.id })).toMatchObject({ ok: true });
    expect(await call(fireTransitionDef, reviewer, { applicationId: b.data.id, event: 'return', opinion: '请补充' })).toMatchObject({ ok: true });
    expect((await getApplicationFor(h.db, reviewer, b.data.id)).assigneeId).toBe((other as { id: string }).id);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray } from 'drizzle-orm';
import { applicationEvents, applications, auditLog } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createOrgAccount, createStaff } from '@/db/seed/factories';
import type { Actor } from '@/lib/platform/auth/actor';
import { createApplicationDef, fireTransitionDef } from '@/lib/platform/workflow/action-defs';
import { assignableStaff, bulkAssignDef, bulkTransitionDef, bulkTransitions } from '@/lib/platform/workflow/services/bulk';
import { actorOf as actorOfDb, callAs } from '../helpers/actors';
import { createTestDb } from '../helpers/db';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

const KIND = 'accreditationFieldChange';
const actorOf = async (userId: string) => (await actorOfDb(h.db, userId)) as Extract<Actor, { id: string }>;
const call: ReturnType<typeof callAs> = (def, actor, input) => callAs(h.db)(def, actor, input);
type Outcome = { done: Array<{ id: string; number: string }>; refused: Array<{ id: string; number: string | null; code: string; message: string }> };
const form = { businessFields: { inspectionBody: { selected: true, description: '承压设备定期检验' } }, reason: '业务拓展' };

let seq = 0;
async function institution() {
  const { user } = await createOrgAccount(h.db, { email: `bulk-${Date.now()}-${seq++}@example.com` });
  return actorOf(user.id);
}

/** `n` submitted field-change applications of one institution. */
async function submitted(inst: Actor, n: number) {
  const out: Array<{ id: string; version: number; number: string }> = [];
  for (let i = 0; i < n; i++) {
    const r = (await call(createApplicationDef, inst, { kind: KIND, data: form, mode: 'submit' })) as { ok: true; data: { id: string; version: number; number: string } };
    expect(r.ok).toBe(true);
    out.push(r.data);
  }
  return out;
}

async function snapshot(ids: string[]) {
  const rows = await h.db.select({ id: applications.id, status: applications.status, version: applications.version, assigneeId: applications.assigneeId }).from(applications).where(inArray(applications.id, ids));
  const events = await h.db.select({ id: applicationEvents.applicationId, n: count() }).from(applicationEvents).where(inArray(applicationEvents.applicationId, ids)).groupBy(applicationEvents.applicationId);
  return rows.map((r) => ({ ...r, events: Number(events.find((e) => e.id === r.id)?.n ?? 0) })).sort((a, b) => a.id.localeCompare(b.id));
}

const auditCount = async (ids: string[], action: string) =>
  Number((await h.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, action), inArray(auditLog.targetId, ids))))[0].n);

describe('bulk decisions from the staff queue', () => {
  it('approves 20 selected applications one by one: 2 that moved meanwhile are refused by number, 18 get their own event and audit entry', async () => {
    const inst = await institution();
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }], { name: '审核员甲' })).id);
    const colleague = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }], { name: '审核员乙' })).id);
    const apps = await submitted(inst, 20);
    const items = apps.map((a) => ({ id: a.id, version: a.version }));

    // Meanwhile: the institution withdraws one, a colleague returns another.
    expect(await call(fireTransitionDef, inst, { applicationId: apps[3].id, event: 'withdraw' })).toMatchObject({ ok: true });
    expect(await call(fireTransitionDef, colleague, { applicationId: apps[11].id, event: 'return', opinion: '请补充材料' })).toMatchObject({ ok: true });
    const movedBefore = await snapshot([apps[3].id, apps[11].id]);
    const approveAuditsBefore = await auditCount(apps.map((a) => a.id), 'application.transition');

    const r = (await call(bulkTransitionDef, reviewer, { kind: KIND, status: 'submitted', event: 'approve', opinion: '同意', items })) as { ok: true; data: Outcome };
    expect(r.ok).toBe(true);
    expect(r.data.done).toHaveLength(18);
    expect(r.data.refused).toEqual([
      { id: apps[3].id, number: apps[3].number, code: 'CONFLICT', message: '状态已变更' },
      { id: apps[11].id, number: apps[11].number, code: 'CONFLICT', message: '状态已变更' },
    ]);
    // The refused two are exactly as they were.
    expect(await snapshot([apps[3].id, apps[11].id])).toEqual(movedBefore);
    // Each approved one: its own approve event (with the opinion), its own audit entry, the reviewer as its handler.
    const doneIds = r.data.done.map((d) => d.id);
    const rows = await h.db.select().from(applications).where(inArray(applications.id, doneIds));
    expect(rows.every((a) => a.status === 'approved' && a.assigneeId === reviewer.id)).toBe(true);
    const events = await h.db.select().from(applicationEvents).where(and(inArray(applicationEvents.applicationId, doneIds), eq(applicationEvents.event, 'approve')));
    expect(events).toHaveLength(18);
    expect(new Set(events.map((e) => e.applicationId)).size).toBe(18);
    expect(events.every((e) => e.opinion === '同意' && e.actorId === reviewer.id && e.actorRole === 'reviewer')).toBe(true);
    expect((await auditCount(apps.map((a) => a.id), 'application.transition')) - approveAuditsBefore).toBe(18);

    // Running the same selection again changes nothing: all 20 have moved now.
    const again = (await call(bulkTransitionDef, reviewer, { kind: KIND, status: 'submitted', event: 'approve', items })) as { ok: true; data: Outcome };
    expect(again.data.done).toHaveLength(0);
    expect(again.data.refused).toHaveLength(20);
    expect(await h.db.select({ n: count() }).from(applicationEvents).where(and(inArray(applicationEvents.applicationId, doneIds), eq(applicationEvents.event, 'approve')))).toEqual([{ n: 18 }]);
  });

  it('two tabs running the same bulk decision at once move each application once', async () => {
    const inst = await institution();
    const a = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    const b = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    const apps = await submitted(inst, 6);
    const items = apps.map((x) => ({ id: x.id, version: x.version }));
    const input = { kind: KIND, status: 'submitted', event: 'return', opinion: '请补充人员情况', items };
    const [r1, r2] = (await Promise.all([call(bulkTransitionDef, a, input), call(bulkTransitionDef, b, input)])) as Array<{ ok: true; data: Outcome }>;
    expect(r1.data.done.length + r2.data.done.length).toBe(6);
    expect(r1.data.refused.length + r2.data.refused.length).toBe(6);
    const events = await h.db.select().from(applicationEvents).where(and(inArray(applicationEvents.applicationId, apps.map((x) => x.id)), eq(applicationEvents.event, 'return')));
    expect(events).toHaveLength(6);
    expect(new Set(events.map((e) => e.applicationId)).size).toBe(6);
  });

  it('refuses bad input with nothing changed: no opinion where one is required, a transition that is not bulkable, too many rows, a row of another kind', async () => {
    const inst = await institution();
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    const apps = await submitted(inst, 3);
    const items = apps.map((x) => ({ id: x.id, version: x.version }));
    const before = await snapshot(apps.map((x) => x.id));

    expect(await call(bulkTransitionDef, reviewer, { kind: KIND, status: 'submitted', event: 'return', items })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { opinion: ['请填写意见'] } });
    expect(await call(bulkTransitionDef, reviewer, { kind: KIND, status: 'submitted', event: 'return', opinion: '   ', items })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    // Applicant transitions and unknown events are not offered in bulk.
    expect(await call(bulkTransitionDef, reviewer, { kind: KIND, status: 'submitted', event: 'withdraw', items })).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '该操作不能批量执行' });
    expect(await call(bulkTransitionDef, reviewer, { kind: KIND, status: 'submitted', event: 'nonsense', items })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // A state the transition does not leave from.
    expect(await call(bulkTransitionDef, reviewer, { kind: KIND, status: 'approved', event: 'approve', items })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(bulkTransitionDef, reviewer, { kind: KIND, status: 'submitted', event: 'approve', items: [] })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { items: ['请先勾选申请'] } });
    const many = Array.from({ length: 101 }, () => items[0]);
    expect(await call(bulkTransitionDef, reviewer, { kind: KIND, status: 'submitted', event: 'approve', items: many })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { items: ['一次最多处理100条'] } });
    expect(await call(bulkTransitionDef, reviewer, { kind: 'noSuchKind', status: 'submitted', event: 'approve', items })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await snapshot(apps.map((x) => x.id))).toEqual(before);

    // A row whose version is not the one seen (it was edited meanwhile) is refused alone.
    const stale = [{ id: apps[0].id, version: apps[0].version + 5 }, { id: apps[1].id, version: apps[1].version }];
    const r = (await call(bulkTransitionDef, reviewer, { kind: KIND, status: 'submitted', event: 'approve', items: stale })) as { ok: true; data: Outcome };
    expect(r.data.done.map((d) => d.id)).toEqual([apps[1].id]);
    expect(r.data.refused).toMatchObject([{ id: apps[0].id, message: '状态已变更' }]);
  });

  it('offers only the staff transitions without forms, and only to roles that may fire them', async () => {
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    const examReviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'exam' }])).id);
    expect(bulkTransitions(reviewer, KIND, 'submitted').map((o) => o.event).sort()).toEqual(['approve', 'reject', 'return']);
    expect(bulkTransitions(reviewer, KIND, 'draft')).toEqual([]);
    expect(bulkTransitions(reviewer, KIND, 'approved')).toEqual([]);
    expect(bulkTransitions(examReviewer, KIND, 'submitted')).toEqual([]);
    const staff = await assignableStaff(h.db, reviewer, KIND);
    expect(staff.map((s) => s.id)).toContain(reviewer.id);
    expect(staff.map((s) => s.id)).not.toContain(examReviewer.id);
  });

  it('assigns many to one reviewer, each its own audited update; a row that moved is refused; an assignee who cannot work the kind refuses the batch', async () => {
    const inst = await institution();
    const lead = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }], { name: '组长' })).id);
    const target = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }], { name: '审核员丙' })).id);
    const examReviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'exam' }])).id);
    const apps = await submitted(inst, 5);
    const items = apps.map((x) => ({ id: x.id, version: x.version }));
    expect(await call(fireTransitionDef, inst, { applicationId: apps[0].id, event: 'withdraw' })).toMatchObject({ ok: true });
    const before = await snapshot(apps.map((x) => x.id));

    expect(await call(bulkAssignDef, lead, { kind: KIND, status: 'submitted', assigneeId: examReviewer.id, items })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call(bulkAssignDef, lead, { kind: KIND, status: 'submitted', assigneeId: inst.id, items })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call(bulkAssignDef, examReviewer, { kind: KIND, status: 'submitted', assigneeId: target.id, items })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await snapshot(apps.map((x) => x.id))).toEqual(before);

    const r = (await call(bulkAssignDef, lead, { kind: KIND, status: 'submitted', assigneeId: target.id, items })) as { ok: true; data: Outcome };
    expect(r.data.done).toHaveLength(4);
    expect(r.data.refused).toMatchObject([{ id: apps[0].id, number: apps[0].number, message: '状态已变更' }]);
    const rows = await h.db.select().from(applications).where(inArray(applications.id, apps.map((x) => x.id)));
    expect(rows.filter((a) => a.assigneeId === target.id)).toHaveLength(4);
    expect(rows.find((a) => a.id === apps[0].id)!.assigneeId).toBeNull();
    expect(await auditCount(apps.map((x) => x.id), 'application.assigned')).toBe(4);
  });
});

describe('bulk print of certificates', () => {
  it('prints the selected certificates as one PDF, each numbered within itself, audited; one out of reach refuses the batch', async () => {
    const { issueCertificate, registerCertificateType, SYSTEM } = await import('@/lib/platform/certificates');
    const { certificatesBatchPdf } = await import('@/lib/platform/certificates/pdf');
    const { pdfText, squash } = await import('../helpers/pdf-text');
    const { createTestStorage } = await import('../helpers/storage');
    const type = registerCertificateType({ type: 'test.bulk-print', module: 'accreditation', labelKey: 'certificates.genericType', prefix: 'BP', validityMonths: 12 });
    const other = registerCertificateType({ type: 'test.bulk-print-exam', module: 'exam', labelKey: 'certificates.genericType', prefix: 'BX', validityMonths: 12 });
    const { org } = await createOrgAccount(h.db, { email: `print-${Date.now()}@example.com` });
    const certs = [];
    for (const name of ['甲检测公司', '乙检测公司', '丙检测公司']) certs.push(await issueCertificate(h.db, SYSTEM, { type: type.type, holderOrgId: org.id, holderName: name, subject: {} }));
    const examCert = await issueCertificate(h.db, SYSTEM, { type: other.type, holderOrgId: org.id, holderName: '丁检测公司', subject: {} });
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    const s3 = await createTestStorage();
    try {
      const { buffer, count: n } = await certificatesBatchPdf(h.db, s3.storage, reviewer, certs.map((c) => c.id));
      expect(n).toBe(3);
      const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
      const doc = await pdfjs.getDocument({ data: new Uint8Array(buffer), useSystemFonts: false, isEvalSupported: false }).promise;
      expect(doc.numPages).toBe(3);
      await doc.destroy();
      const text = squash(await pdfText(buffer));
      for (const c of certs) expect(text).toContain(c.number);
      // Each certificate is numbered as its own file would be: page 1 of 1, three times.
      expect(text.match(/第1页\/共1页/g)).toHaveLength(3);
      const audits = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'certificates.batchPrinted'), eq(auditLog.actorId, reviewer.id)));
      expect(audits).toHaveLength(1);
      expect(audits[0].detail).toMatchObject({ count: 3, numbers: certs.map((c) => c.number) });

      // Another module's certificate in the batch: nothing printed, nothing recorded.
      await expect(certificatesBatchPdf(h.db, s3.storage, reviewer, [certs[0].id, examCert.id])).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(certificatesBatchPdf(h.db, s3.storage, reviewer, [])).rejects.toMatchObject({ code: 'BAD_INPUT' });
      await expect(certificatesBatchPdf(h.db, s3.storage, reviewer, ['not-a-uuid'])).rejects.toMatchObject({ code: 'BAD_INPUT' });
      expect(await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'certificates.batchPrinted'), eq(auditLog.actorId, reviewer.id)))).toHaveLength(1);
    } finally {
      await s3.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { applications, certificates, notifications } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createStaff } from '@/db/seed/factories';
import { PERSONNEL_CERTIFICATE } from '@/lib/modules/personnel/certificates';
import { requestableCertificates } from '@/lib/modules/personnel/reissue/queries';
import { CERTIFICATE_CHANGE, CERTIFICATE_REISSUE } from '@/lib/modules/personnel/reissue/schemas';
import type { Actor } from '@/lib/platform/auth/actor';
import { issueCertificate, SYSTEM } from '@/lib/platform/certificates';
import { verifyAnyNumber } from '@/lib/platform/verify';
import { flowRecord, getApplicationFor, getKind } from '@/lib/platform/workflow';
import { createApplicationDef, fireTransitionDef } from '@/lib/platform/workflow/action-defs';
import { actorOf } from '../helpers/actors';
import { createTestDb } from '../helpers/db';
import { pdfText, squash } from '../helpers/pdf-text';
import { gate, PDF, personWithProfile, upload, type Ok } from '../helpers/personnel';
import { createTestStorage } from '../helpers/storage';

let h: DbHandle;
let s: Awaited<ReturnType<typeof createTestStorage>>;
let reviewer: Actor;
let authority: Actor;
let finance: Actor;
beforeAll(async () => {
  [h, s] = await Promise.all([createTestDb(), createTestStorage()]);
  reviewer = await actorOf(h.db, (await createStaff(h.db, [{ role: 'reviewer', module: 'personnel' }])).id);
  authority = await actorOf(h.db, (await createStaff(h.db, [{ role: 'issuing_authority' }])).id);
  finance = await actorOf(h.db, (await createStaff(h.db, [{ role: 'finance' }])).id);
});
afterAll(async () => {
  await h.close();
  await s.close();
});

const call = (...a: Parameters<ReturnType<typeof gate>>) => gate(h.db, s.storage)(...a);

/** A person holding a valid personnel certificate (with their photo). */
async function holder(name = '陈持证') {
  const p = await personWithProfile(h.db, s.storage, { name });
  const cert = await issueCertificate(h.db, SYSTEM, {
    type: PERSONNEL_CERTIFICATE,
    holderUserId: p.user.id,
    holderName: name,
    subject: { category: '检验员', items: ['压力容器检验员（RQY）'], employer: '浙江省特种设备检验研究院', idNumber: '330***********0000', photoDocumentId: p.photoId },
  });
  return { ...p, cert };
}

async function request(actor: Actor, kind: string, certificateId: string, withForm = true) {
  const r = (await call(createApplicationDef, actor, { kind, data: { certificateId }, mode: 'draft' })) as Ok<{ id: string }>;
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
  if (withForm) await upload(h.db, s.storage, actor, { applicationId: r.data.id, slot: 'signed_form', fileName: '补办申请表.pdf', bytes: PDF, contentType: 'application/pdf' });
  return r.data.id;
}

const fire = (actor: Actor, applicationId: string, event: string, extra: Record<string, unknown> = {}) => call(fireTransitionDef, actor, { applicationId, event, ...extra });

describe('证书补发 (certificate reissue)', () => {
  it('holder prints the form, signs, uploads, applies → the exam institution reports → the issuing authority approves → a new certificate, the old one no longer valid, the holder told', async () => {
    const p = await holder();
    expect((await requestableCertificates(h.db, p.actor))[0]).toMatchObject({ number: p.cert.number, state: 'valid', inFlight: null });
    const id = await request(p.actor, CERTIFICATE_REISSUE, p.cert.id, false);
    // The draft prints as the reissue request form, with the certificate looked up.
    const draftApp = await getApplicationFor(h.db, p.actor, id);
    const form = squash(await pdfText(await getKind(CERTIFICATE_REISSUE).formPdf!({ db: h.db, app: draftApp, locale: 'zh-CN', storage: async () => s.storage })));
    expect(form).toContain('特种设备检验检测人员证书补办申请表');
    expect(form).toContain(p.cert.number);
    expect(form).toContain('压力容器检验员（RQY）');
    // Without the signed form it cannot be submitted.
    expect(await fire(p.actor, id, 'submit', { data: { certificateId: p.cert.id, reason: 'lost' } })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await fire(p.actor, id, 'submit', { data: { certificateId: p.cert.id, reason: 'other' } })).toMatchObject({ ok: false, fieldErrors: { reasonDetail: ['请说明补发原因'] } });
    await upload(h.db, s.storage, p.actor, { applicationId: id, slot: 'signed_form', fileName: '补办申请表.pdf', bytes: PDF, contentType: 'application/pdf' });
    expect(await fire(p.actor, id, 'submit', { data: { certificateId: p.cert.id, reason: 'lost', reasonDetail: '出差途中遗失' } })).toMatchObject({ ok: true, data: { status: 'submitted' } });
    expect((await getApplicationFor(h.db, p.actor, id)).number).toMatch(/^BF\d{10}$/);

    // The issuing authority cannot act before the exam institution reports.
    const early = await fire(authority, id, 'authorize');
    expect(early).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect(await getApplicationFor(h.db, p.actor, id)).toMatchObject({ status: 'submitted', version: 2 });
    // Nor may anyone else report it.
    expect(await fire(finance, id, 'report')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await fire(authority, id, 'report')).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    expect(await fire(reviewer, id, 'report', { opinion: '已核实遗失声明，上报补发' })).toMatchObject({ ok: true, data: { status: 'reported' } });
    expect(await fire(reviewer, id, 'authorize')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await fire(authority, id, 'authorize', { opinion: '同意补发' })).toMatchObject({ ok: true, data: { status: 'reissued' } });

    const [old] = await h.db.select().from(certificates).where(eq(certificates.id, p.cert.id));
    expect(old.status).toBe('replaced');
    const [fresh] = await h.db.select().from(certificates).where(eq(certificates.id, old.replacedById!));
    expect(fresh).toMatchObject({ status: 'valid', holderName: '陈持证', type: PERSONNEL_CERTIFICATE });
    expect(fresh.number).not.toBe(old.number);
    expect(fresh.subject).toMatchObject({ photoDocumentId: p.photoId, employer: '浙江省特种设备检验研究院' });
    expect((await getApplicationFor(h.db, p.actor, id)).data).toMatchObject({ newCertificate: { number: fresh.number } });
    const [verifiedOld] = await verifyAnyNumber(h.db, old.number);
    expect(verifiedOld).toMatchObject({ type: 'record', valid: false, statusKey: 'certificates.status.replaced', links: [{ number: fresh.number }] });
    expect((await verifyAnyNumber(h.db, fresh.number))[0]).toMatchObject({ valid: true });

    // Each hand-off is in the flow record with its opinion; the holder was told.
    const app = await getApplicationFor(h.db, p.actor, id);
    const record = await flowRecord(h.db, app, reviewer);
    expect(record.map((e) => [e.event, e.actorRole, e.opinion])).toEqual([
      ['create', 'applicant', null],
      ['submit', 'applicant', null],
      ['report', 'reviewer', '已核实遗失声明，上报补发'],
      ['authorize', 'issuing_authority', '同意补发'],
    ]);
    expect((await h.db.select().from(notifications).where(eq(notifications.userId, p.user.id))).some((n) => n.title.includes('已重新发证'))).toBe(true);
  });

  it('the authority returns it to the exam institution, which returns it to the holder; resubmitted and approved', async () => {
    const p = await holder('林退回');
    const id = await request(p.actor, CERTIFICATE_REISSUE, p.cert.id);
    await fire(p.actor, id, 'submit', { data: { certificateId: p.cert.id, reason: 'damaged' } });
    await fire(reviewer, id, 'report');
    expect(await fire(authority, id, 'authorityReturn')).toMatchObject({ ok: false, fieldErrors: { opinion: expect.any(Array) } });
    expect(await fire(authority, id, 'authorityReturn', { opinion: '损坏证书扫描件不清晰' })).toMatchObject({ ok: true, data: { status: 'authorityReturned' } });
    expect(await fire(authority, id, 'authorize')).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect(await fire(reviewer, id, 'return', { opinion: '请重新上传清晰的扫描件' })).toMatchObject({ ok: true, data: { status: 'returned' } });
    await upload(h.db, s.storage, p.actor, { applicationId: id, slot: 'loss_statement', fileName: '损坏证书.pdf', bytes: PDF, contentType: 'application/pdf' });
    expect(await fire(p.actor, id, 'resubmit', { data: { certificateId: p.cert.id, reason: 'damaged' } })).toMatchObject({ ok: true });
    await fire(reviewer, id, 'report');
    expect(await fire(authority, id, 'authorize')).toMatchObject({ ok: true, data: { status: 'reissued' } });
  });

  it('only one request per certificate at a time; only the holder own valid certificates', async () => {
    const p = await holder('郑重复');
    const other = await holder('别人');
    const first = await request(p.actor, CERTIFICATE_REISSUE, p.cert.id);
    expect(await fire(p.actor, first, 'submit', { data: { certificateId: p.cert.id, reason: 'lost' } })).toMatchObject({ ok: true });
    const second = await request(p.actor, CERTIFICATE_CHANGE, p.cert.id);
    await upload(h.db, s.storage, p.actor, { applicationId: second, slot: 'supporting', fileName: '证明.pdf', bytes: PDF, contentType: 'application/pdf' });
    const dup = await fire(p.actor, second, 'submit', { data: { certificateId: p.cert.id, holderName: '郑重复', employer: '新单位', reasonDetail: '调动' } });
    expect(dup).toMatchObject({ ok: false, code: 'CONFLICT' });
    const stolen = await request(p.actor, CERTIFICATE_REISSUE, other.cert.id);
    expect(await fire(p.actor, stolen, 'submit', { data: { certificateId: other.cert.id, reason: 'lost' } })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { certificateId: ['请选择证书'] } });
    expect((await h.db.select().from(certificates).where(eq(certificates.id, other.cert.id)))[0].status).toBe('valid');
  });
});

describe('证书信息变更 (certificate information change)', () => {
  it('the changed fields and supporting documents; nothing changed is refused; approved, the new certificate carries the new details', async () => {
    const p = await holder('黄变更');
    const id = await request(p.actor, CERTIFICATE_CHANGE, p.cert.id);
    const data = (over: Record<string, unknown> = {}) => ({ certificateId: p.cert.id, holderName: '黄变更', employer: '浙江省特种设备检验研究院', reasonDetail: '工作调动', ...over });
    expect(await fire(p.actor, id, 'submit', { data: data({ employer: '杭州市特种设备检测研究院' }) })).toMatchObject({ ok: false, code: 'BAD_INPUT' }); // no supporting documents yet
    await upload(h.db, s.storage, p.actor, { applicationId: id, slot: 'supporting', fileName: '在职证明.pdf', bytes: PDF, contentType: 'application/pdf' });
    expect(await fire(p.actor, id, 'submit', { data: data() })).toMatchObject({ ok: false, fieldErrors: { holderName: ['请至少修改一项证书信息（姓名或工作单位）'] } });
    expect(await fire(p.actor, id, 'submit', { data: data({ employer: '', reasonDetail: '' }) })).toMatchObject({ ok: false, fieldErrors: { employer: ['请输入变更后的工作单位'], reasonDetail: ['请说明变更原因'] } });
    expect(await fire(p.actor, id, 'submit', { data: data({ employer: '杭州市特种设备检测研究院' }) })).toMatchObject({ ok: true });
    expect((await getApplicationFor(h.db, p.actor, id)).number).toMatch(/^BG\d{10}$/);
    await fire(reviewer, id, 'report', { opinion: '变更材料齐全' });
    expect(await fire(authority, id, 'authorize')).toMatchObject({ ok: true, data: { status: 'reissued' } });
    const [old] = await h.db.select().from(certificates).where(eq(certificates.id, p.cert.id));
    const [fresh] = await h.db.select().from(certificates).where(eq(certificates.id, old.replacedById!));
    expect(fresh.subject).toMatchObject({ employer: '杭州市特种设备检测研究院', items: ['压力容器检验员（RQY）'], photoDocumentId: p.photoId });
    expect(fresh.validUntil?.getTime()).toBe(old.validUntil?.getTime());
    expect(old.status).toBe('replaced');
    expect(getKind(CERTIFICATE_CHANGE).states.reissued.final).toBe(true);
    expect((await h.db.select().from(applications).where(eq(applications.id, id)))[0].data).toMatchObject({ newCertificate: { id: fresh.id } });
  });
});

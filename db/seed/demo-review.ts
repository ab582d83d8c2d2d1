import crypto from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { applications, documents, organizations, reviewUnitProfiles, staffRoles, users } from '@/db/schema';
import type { Db } from '@/db';
import { CONCLUSION_EVENTS, MATERIAL_SLOTS, REVIEW_PROJECT } from '@/lib/modules/review/constants';
import { submitEvaluation } from '@/lib/modules/review/evaluation';
import { evaluationCriteria } from '@/lib/modules/review/settings';
import type { Actor, StaffRole } from '@/lib/platform/auth/actor';
import type { Storage } from '@/lib/platform/storage/storage';
import { createApplication, transition } from '@/lib/platform/workflow';

/**
 * Module E demo (README "Other demo data"): the demo unit's basic information
 * and six review projects, one at each of: saved (保存), pre-review (预审),
 * invitation approved with the letter to upload (商洽函), notice issued (评审通知),
 * on-site concluded 材料整改后通过 with rectification open (整改), and finished
 * with its evaluation (完成). They go through the engine, so they look exactly
 * like real ones; their files are small real PDFs in the object store.
 * Idempotent: each project is keyed by its acceptance decision number.
 */

type Step = 'saved' | 'prereview' | 'letter' | 'noticeIssued' | 'rectifying' | 'finished';
const PROJECTS: Array<{ key: string; step: Step; reviewType: string; category: string; remarks: string }> = [
  { key: '浙特检受〔2026〕001号', step: 'saved', reviewType: 'initial', category: 'inspectionBody', remarks: '资料准备中' },
  { key: '浙特检受〔2026〕002号', step: 'prereview', reviewType: 'renewal', category: 'testingBody', remarks: '' },
  { key: '浙特检受〔2026〕003号', step: 'letter', reviewType: 'extension', category: 'inspectionBody', remarks: '' },
  { key: '浙特检受〔2026〕004号', step: 'noticeIssued', reviewType: 'initial', category: 'typeTest', remarks: '' },
  { key: '浙特检受〔2026〕005号', step: 'rectifying', reviewType: 'change', category: 'inspectionBody', remarks: '' },
  { key: '浙特检受〔2026〕006号', step: 'finished', reviewType: 'renewal', category: 'testingBody', remarks: '' },
];

const ORDER: Step[] = ['saved', 'prereview', 'letter', 'noticeIssued', 'rectifying', 'finished'];
const reached = (step: Step, at: Step) => ORDER.indexOf(step) >= ORDER.indexOf(at);

/** A one-page PDF (Helvetica, ASCII) saying what it stands for: enough to open in any viewer. */
function demoPdf(title: string): Uint8Array {
  const text = title.replace(/[^\x20-\x7e]/g, '').replace(/[()\\]/g, '');
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj 0 -28 Td /F1 11 Tf (Demo file of the appraisal review demo data) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

/** Stores a demo PDF and records it in a slot of a project, as an upload by `by`. */
async function file(db: Db, storage: Storage, app: { id: string; orgId: string | null }, slot: string, fileName: string, by: string) {
  const bytes = demoPdf(`${slot}: ${fileName}`);
  const key = `files/${crypto.randomUUID()}`;
  await storage.put(key, bytes, 'application/pdf');
  await db.insert(documents).values({
    applicationId: app.id,
    orgId: app.orgId,
    slot,
    storageKey: key,
    fileName,
    contentType: 'application/pdf',
    size: bytes.byteLength,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    source: 'upload',
    uploadedBy: by,
  });
}

async function staffActor(db: Db, username: string): Promise<Extract<Actor, { kind: 'staff' }> | null> {
  const [u] = await db.select().from(users).where(eq(users.username, username));
  if (!u) return null;
  const roles = await db.select({ role: staffRoles.role, module: staffRoles.module }).from(staffRoles).where(eq(staffRoles.userId, u.id));
  return { kind: 'staff', id: u.id, name: u.name, sessionId: '', mustChangePassword: false, roles: roles as Array<{ role: StaffRole; module: string }> };
}

const SLOT_NAMES: Record<string, string> = { quality_manual: '质量手册.pdf', procedure_list: '程序文件目录.pdf', acceptance_decision: '受理决定书.pdf', application_form: '申请书.pdf', other: '人员一览表.pdf' };
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);

export async function seedDemoReview(db: Db, opts: { storage?: () => Promise<Storage>; orgUsername: string; subUsername: string }): Promise<number> {
  const [main] = await db.select().from(users).where(eq(users.username, opts.orgUsername));
  const [sub] = await db.select().from(users).where(eq(users.username, opts.subUsername));
  if (!main?.orgId || !sub) return 0;
  let created = 0;

  // The unit's basic information (单位信息管理), once.
  const profile = await db
    .insert(reviewUnitProfiles)
    .values({ orgId: main.orgId, postalCode: '310012', fax: '0571-8888 0001', bankName: '中国工商银行杭州文三路支行', bankAccount: '1202021209900012345', website: 'www.hzdemo-test.example.cn', registrationAuthority: '杭州市市场监督管理局', registrationDate: '2012-06-18', registeredCapital: '3000.00', institutionType: 'enterprise', certificateIssuer: '浙江省市场监督管理局', updatedBy: main.id })
    .onConflictDoNothing()
    .returning({ orgId: reviewUnitProfiles.orgId });
  created += profile.length;
  await db.update(organizations).set({ email: sql`coalesce(${organizations.email}, 'contact@hzdemo-test.example.cn')` }).where(eq(organizations.id, main.orgId));

  const existing = await db
    .select({ key: sql<string>`${applications.data} ->> 'acceptanceNumber'` })
    .from(applications)
    .where(and(eq(applications.kind, REVIEW_PROJECT), eq(applications.orgId, main.orgId), inArray(sql`${applications.data} ->> 'acceptanceNumber'`, PROJECTS.map((p) => p.key))));
  const todo = PROJECTS.filter((p) => !existing.some((e) => e.key === p.key));
  if (!todo.length || !opts.storage) return created;
  const storage = await opts.storage();
  const [planner, leader] = await Promise.all([staffActor(db, 'planner'), staffActor(db, 'leader')]);
  const [reviewerRow] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'reviewer'));
  if (!planner || !leader || !reviewerRow) return created;
  const [org] = await db.select().from(organizations).where(eq(organizations.id, main.orgId));
  const unit: Actor = { kind: 'organization', id: sub.id, name: sub.name, orgId: main.orgId, isMain: false, modules: ['review'], sessionId: '', mustChangePassword: false };

  for (const p of todo) {
    const form = {
      address: org.address ?? '浙江省杭州市西湖区文三路100号',
      postalCode: '310012',
      contactName: org.contactName ?? '刘洋',
      contactPhone: '0571-8888 0000',
      contactMobile: org.contactPhone ?? '13900000001',
      fax: '',
      email: 'contact@hzdemo-test.example.cn',
      bankName: '中国工商银行杭州文三路支行',
      bankAccount: '1202021209900012345',
      creditCode: org.creditCode ?? '',
      legalRepresentative: org.legalRepresentative ?? '刘洋',
      registrationAuthority: '杭州市市场监督管理局',
      registrationDate: '2012-06-18',
      registeredCapital: '3000.00',
      institutionType: 'enterprise',
      certificateIssuer: '浙江省市场监督管理局',
      previousLicenseNumber: p.reviewType === 'renewal' ? 'TS7110001-2022' : '',
      previousLicenseValidUntil: p.reviewType === 'renewal' ? '2026-12-31' : '',
      parentApprovalDate: '',
      parentApprovalNumber: '',
      parentHead: '',
      acceptanceNumber: p.key,
      acceptanceDate: day(-30),
      reviewType: p.reviewType,
      acceptanceCategory: p.category,
      province: '330000',
      remarks: p.remarks,
    };
    const app = await createApplication(db, unit, { kind: REVIEW_PROJECT, data: form, draft: true });
    created++;
    const slots = p.step === 'saved' ? MATERIAL_SLOTS.slice(0, 2) : MATERIAL_SLOTS;
    for (const slot of slots) await file(db, storage, app, slot, SLOT_NAMES[slot], sub.id);
    if (p.step === 'saved') continue;
    await transition(db, unit, { applicationId: app.id, event: 'submit', data: form });
    if (!reached(p.step, 'letter')) continue;
    await transition(db, planner, { applicationId: app.id, event: 'pass', opinion: '资料齐全，预审通过' });
    await transition(db, unit, { applicationId: app.id, event: 'invite', data: { expectedDate: day(20), note: '请尽量安排在上午开始' } });
    await transition(db, planner, { applicationId: app.id, event: 'approveInvitation', opinion: '同意约请日期' });
    if (!reached(p.step, 'noticeIssued')) continue;
    await file(db, storage, app, 'letter_scan', '鉴定评审商洽函（盖章）.pdf', sub.id);
    await transition(db, unit, { applicationId: app.id, event: 'submitLetter' });
    await transition(db, planner, { applicationId: app.id, event: 'issueNotice', data: { startDate: day(20), endDate: day(21), location: '单位本部及试验场地', leaderId: leader.id, reviewerIds: [reviewerRow.id], note: '请提前准备近三年的检验记录与人员资格证明。' } });
    if (!reached(p.step, 'rectifying')) continue;
    await transition(db, unit, { applicationId: app.id, event: 'confirmNotice' });
    await file(db, storage, app, 'onsite_materials', '现场评审记录表.pdf', leader.id);
    if (p.step === 'rectifying') {
      await transition(db, leader, { applicationId: app.id, event: CONCLUSION_EVENTS.rectify, data: { remarks: '发现2项一般不符合：人员培训记录不完整；设备检定标识缺失。请于30日内提交整改资料。' } });
      continue;
    }
    await transition(db, leader, { applicationId: app.id, event: CONCLUSION_EVENTS.pass, data: { remarks: '体系运行有效，技术能力满足要求，评审通过。' } });
    const criteria = await evaluationCriteria(db);
    await submitEvaluation(db, unit, { applicationId: app.id, round: 1, scores: Object.fromEntries(criteria.map((c, i) => [c.key, i % 2 ? 4 : 5])), comment: '评审组工作认真细致，沟通顺畅。' }, { now: new Date() });
  }
  return created;
}

import crypto from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { documents, personnelExamPlans, personnelProfiles, staffRoles, users } from '@/db/schema';
import type { Db, DbOrTx } from '@/db';
import { hashPassword } from '@/lib/platform/auth/password';
import type { Actor, StaffRole } from '@/lib/platform/auth/actor';
import { issueCertificate, SYSTEM } from '@/lib/platform/certificates';
import { enqueueJob } from '@/lib/platform/jobs';
import { createApplication, transition } from '@/lib/platform/workflow';
import { PERSONNEL_CERTIFICATE } from '@/lib/modules/personnel/certificates';
import { DEMO_FILE, demoPdf, demoPhoto } from '@/lib/modules/personnel/demo-files';
import { requiredMaterials } from '@/lib/modules/personnel/enrollment/kinds';
import { INSPECTION_ENROLLMENT, TESTING_ENROLLMENT } from '@/lib/modules/personnel/enrollment/schemas';
import { PERSONNEL_PHOTO_SLOT } from '@/lib/modules/personnel/photo-slot';
import { shanghaiDateOf } from '@/lib/modules/exam/time';

/**
 * Module C's demo (SPEC §8, issue 13 item 7), through the domain code so the
 * rows look like real ones:
 * - open exam plans for each enrollment kind (检验 RQY, 检测 UT-Ⅱ, 型式试验 XS-DT);
 * - 李明 (`inspector`): a complete profile, a valid 压力容器检验员 certificate
 *   and a 电梯检验员 certificate due for renewal in two months, and a
 *   检测人员考试报名 whose result is in (合格, waiting for the certificate);
 * - 王芳 (`tester`): a 检验人员换证报名 returned for changes with the exam
 *   institution's opinion.
 * Files (photos, materials, signed forms) are rows now and bytes once the
 * server runs (the `personnel-demo-file` job). Idempotent by username and
 * plan name.
 */
export const DEMO_PERSONNEL = [
  { username: 'inspector', password: 'Insp1234', name: '李明', idNumber: '330106198503150032', gender: 'male', birthDate: '1985-03-15', mobile: '13800000011', email: 'liming@example.com' },
  { username: 'tester', password: 'Test1234', name: '王芳', idNumber: '33010219880708004X', gender: 'female', birthDate: '1988-07-08', mobile: '13800000012', email: 'wangfang@example.com' },
] as const;

const DAY = 86_400_000;

export const DEMO_PLANS = [
  { kind: 'inspection', item: 'RQY', name: '2027年第一期压力容器检验员换证考核', site: '杭州市西湖区文三路100号 浙江省特种设备检验研究院考点', capacity: 60, feeFen: null },
  { kind: 'testing', item: 'UT-Ⅱ', name: '2027年第一期超声检测Ⅱ级考试', site: '杭州市拱墅区莫干山路1418号 无损检测考点\n宁波市鄞州区天童南路588号 无损检测考点', capacity: 40, feeFen: 85000 },
  { kind: 'typeTest', item: 'XS-DT', name: '2027年电梯整机及部件型式试验人员换证考核', site: '杭州市余杭区文一西路1818号 电梯型式试验中心', capacity: 20, feeFen: null },
] as const;
const RESULTS_PLAN = '2026年第四期超声检测Ⅱ级考试';

async function staff(tx: DbOrTx, username: string): Promise<Actor | null> {
  const [u] = await tx.select().from(users).where(eq(users.username, username));
  if (!u) return null;
  const roles = await tx.select({ role: staffRoles.role, module: staffRoles.module }).from(staffRoles).where(eq(staffRoles.userId, u.id));
  return { kind: 'staff', id: u.id, name: u.name, sessionId: 'demo-seed', mustChangePassword: false, roles: roles as Array<{ role: StaffRole; module: string }> };
}

/** A file row of the demo (personal or of an application), its bytes stored by the job once storage runs. */
async function demoFile(tx: DbOrTx, f: { ownerUserId?: string; applicationId?: string; uploadedBy: string; slot: string; fileName: string; bytes: Buffer; contentType: string }) {
  const [doc] = await tx
    .insert(documents)
    .values({
      applicationId: f.applicationId ?? null,
      ownerUserId: f.applicationId ? null : (f.ownerUserId ?? null),
      slot: f.slot,
      storageKey: `files/demo/${crypto.randomUUID()}`,
      fileName: f.fileName,
      contentType: f.contentType,
      size: f.bytes.byteLength,
      sha256: crypto.createHash('sha256').update(f.bytes).digest('hex'),
      uploadedBy: f.uploadedBy,
    })
    .returning();
  await enqueueJob(tx, DEMO_FILE, { documentId: doc.id, base64: f.bytes.toString('base64') }, { dedupeKey: `personnel-demo-file:${doc.id}` });
  return doc;
}

async function person(tx: DbOrTx, p: (typeof DEMO_PERSONNEL)[number], profile: { employer: string; majorCode: string; majorName: string; title: string; years: number }, photoTone: string): Promise<Actor> {
  const [u] = await tx
    .insert(users)
    .values({ kind: 'individual', username: p.username, name: p.name, idType: 'resident_id', idNumber: p.idNumber, gender: p.gender, birthDate: p.birthDate, mobile: p.mobile, email: p.email, passwordHash: await hashPassword(p.password) })
    .returning();
  const photo = await demoFile(tx, { ownerUserId: u.id, uploadedBy: u.id, slot: PERSONNEL_PHOTO_SLOT, fileName: '证件照.jpg', bytes: await demoPhoto(photoTone), contentType: 'image/jpeg' });
  await tx.insert(personnelProfiles).values({ userId: u.id, photoDocumentId: photo.id, education: '21', majorType: 'science', majorCode: profile.majorCode, majorName: profile.majorName, employer: profile.employer, title: profile.title, yearsOfWork: profile.years });
  return { kind: 'individual', id: u.id, name: u.name, sessionId: 'demo-seed', mustChangePassword: false };
}

async function materials(tx: DbOrTx, who: Actor & { id: string }, applicationId: string, slots: string[]) {
  for (const slot of slots) await demoFile(tx, { applicationId, uploadedBy: who.id, slot, fileName: `${slot}.pdf`, bytes: demoPdf(`Demo scan: ${slot}`), contentType: 'application/pdf' });
}

/** Seeds what is missing of module C's demo; returns the rows (plans, people) it created. */
export async function seedDemoPersonnel(db: Db, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('accredit.seed.demo-personnel'))`);
    let created = 0;
    const hour = Math.floor(now.getTime() / 3600_000) * 3600_000;
    const at = (days: number) => new Date(hour + days * DAY);

    const existingPlans = await tx.select({ name: personnelExamPlans.name, id: personnelExamPlans.id }).from(personnelExamPlans).where(inArray(personnelExamPlans.name, [...DEMO_PLANS.map((p) => p.name), RESULTS_PLAN]));
    const planId = new Map(existingPlans.map((p) => [p.name, p.id]));
    for (const p of DEMO_PLANS) {
      if (planId.has(p.name)) continue;
      const [row] = await tx
        .insert(personnelExamPlans)
        .values({ ...p, examStartsOn: shanghaiDateOf(at(45)), examEndsOn: shanghaiDateOf(at(46)), enrollOpensAt: at(-3), enrollClosesAt: at(35), status: 'open', note: '请携带身份证原件和准考证按时到达考点。' })
        .returning({ id: personnelExamPlans.id });
      planId.set(p.name, row.id);
      created++;
    }

    const [already] = await tx.select({ id: users.id }).from(users).where(inArray(users.username, DEMO_PERSONNEL.map((p) => p.username)));
    const reviewer = await staff(tx, 'reviewer');
    const examAdmin = await staff(tx, 'examadmin');
    if (already || !reviewer || !examAdmin) return created;

    // 李明: two certificates (one due for renewal) and an enrollment whose result is in.
    const liming = (await person(tx, DEMO_PERSONNEL[0], { employer: '浙江省特种设备检验研究院', majorCode: '080206', majorName: '过程装备与控制工程', title: '工程师', years: 12 }, '#438edb')) as Actor & { id: string };
    const [limingPhoto] = await tx.select({ id: personnelProfiles.photoDocumentId }).from(personnelProfiles).where(eq(personnelProfiles.userId, liming.id));
    await issueCertificate(tx, SYSTEM, {
      type: PERSONNEL_CERTIFICATE,
      holderUserId: liming.id,
      holderName: '李明',
      subject: { category: '检验员', items: ['压力容器检验员（RQY）'], employer: '浙江省特种设备检验研究院', idNumber: '330***********0032', photoDocumentId: limingPhoto.id ?? undefined, itemCode: 'RQY' },
      issuedAt: at(-400),
      validUntil: at(1060),
    });
    await issueCertificate(tx, SYSTEM, {
      type: PERSONNEL_CERTIFICATE,
      holderUserId: liming.id,
      holderName: '李明',
      subject: { category: '检验员', items: ['电梯检验员（DTY）'], employer: '浙江省特种设备检验研究院', idNumber: '330***********0032', photoDocumentId: limingPhoto.id ?? undefined, itemCode: 'DTY' },
      issuedAt: at(-1400),
      validUntil: at(60),
    });
    const [resultsPlan] = await tx
      .insert(personnelExamPlans)
      .values({ kind: 'testing', item: 'UT-Ⅱ', name: RESULTS_PLAN, examStartsOn: shanghaiDateOf(at(20)), examEndsOn: shanghaiDateOf(at(20)), site: '杭州市拱墅区莫干山路1418号 无损检测考点', capacity: 30, enrollOpensAt: at(-1), enrollClosesAt: at(10), status: 'open' })
      .returning();
    created++;
    const exam = await createApplication(tx, liming, { kind: TESTING_ENROLLMENT, data: { item: 'UT-Ⅱ' }, draft: true });
    await materials(tx, liming, exam.id, requiredMaterials('testing'));
    await transition(tx, liming, {
      applicationId: exam.id,
      event: 'submit',
      data: { item: 'UT-Ⅱ', nature: 'institution', enrollType: 'initial', heldItems: [{ item: '超声检测一级（UT-Ⅰ）', certificateNumber: 'TS-UT1-2022-0317', validUntil: shanghaiDateOf(at(700)) }], planId: resultsPlan.id, education: '21', employer: '浙江省特种设备检验研究院', title: '工程师', yearsOfWork: '12' },
    });
    await materials(tx, liming, exam.id, ['signed_form']);
    await transition(tx, reviewer, { applicationId: exam.id, event: 'approve', opinion: '资格审核通过' });
    await transition(tx, examAdmin, { applicationId: exam.id, event: 'pass', data: { outcome: 'pass', theoryScore: 86, practicalScore: 91, note: '' } });
    // The exam is over now: the plan moves into the past and closes.
    await tx
      .update(personnelExamPlans)
      .set({ examStartsOn: shanghaiDateOf(at(-20)), examEndsOn: shanghaiDateOf(at(-20)), enrollOpensAt: at(-60), enrollClosesAt: at(-30), status: 'closed' })
      .where(eq(personnelExamPlans.id, resultsPlan.id));

    // 王芳: an inspection renewal returned for changes.
    const wangfang = (await person(tx, DEMO_PERSONNEL[1], { employer: '宁波市特种设备检验研究院', majorCode: '080202', majorName: '机械设计制造及其自动化', title: '助理工程师', years: 6 }, '#f4f4f2')) as Actor & { id: string };
    const renewal = await createApplication(tx, wangfang, { kind: INSPECTION_ENROLLMENT, data: { category: 'inspector', item: 'RQY' }, draft: true });
    await materials(tx, wangfang, renewal.id, requiredMaterials('inspection'));
    await transition(tx, wangfang, {
      applicationId: renewal.id,
      event: 'submit',
      data: {
        category: 'inspector',
        item: 'RQY',
        nature: 'periodic',
        enrollType: 'auditRenewal',
        heldItems: [{ item: '压力容器检验员（RQY）', certificateNumber: 'TSZ-RQY-2019-0588', validUntil: shanghaiDateOf(at(40)) }],
        planId: planId.get(DEMO_PLANS[0].name)!,
        education: '21',
        employer: '宁波市特种设备检验研究院',
        title: '助理工程师',
        yearsOfWork: '6',
      },
    });
    await transition(tx, reviewer, { applicationId: renewal.id, event: 'return', opinion: '检验工作业绩证明未加盖单位公章，请补充后重新提交。' });
    created += 2;
    return created;
  });
}

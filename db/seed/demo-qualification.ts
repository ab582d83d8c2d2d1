import { eq, inArray } from 'drizzle-orm';
import { applicationEvents, applications, enterpriseStaff, organizations, qualificationLevels, qualifications, users } from '@/db/schema';
import type { Db } from '@/db';
import { hashPassword } from '@/lib/platform/auth/password';
import { issueCertificate, SYSTEM as CERTIFICATE_SYSTEM } from '@/lib/platform/certificates';
import { addMonths } from '@/lib/platform/certificates/service';
import { getKind, nextNumber } from '@/lib/platform/workflow';
import { creditCodeCheckChar, maskIdNumber } from '@/lib/reference/validators';
import { QUALIFICATION_CERTIFICATE, QUALIFICATION_KIND } from '@/lib/modules/membership/qualification/constants';
import { randomResidentId } from './identity-data';

/**
 * Module B qualification demo (SPEC §8): the levels 一级/二级/三级 with their
 * staff requirements and required materials; an enterprise holding 二级 whose
 * annual review is due in two weeks; an enterprise whose 资质申请 was returned
 * for changes; and an enterprise with three technical staff on its roster and
 * no qualification yet (ready to apply). Idempotent: keyed by level code and
 * credit code; an enterprise's rows are only added when the enterprise is.
 *
 * The seed runs before object storage starts, so the returned application
 * carries its submitted snapshot without files: the enterprise uploads them
 * when it resubmits (which is what the association asked for).
 */
const LEVELS = [
  { code: 'L1', name: '一级', rank: 1, validityMonths: 36, description: '可承接各类安全技术防范工程的设计、施工和维护。', requirements: [{ grade: 'senior', count: 3 }, { grade: 'intermediate', count: 5 }], materials: ['application_form', 'business_license', 'staff_certificates', 'management_system'] },
  { code: 'L2', name: '二级', rank: 2, validityMonths: 36, description: '可承接中型安全技术防范工程的设计、施工和维护。', requirements: [{ grade: 'senior', count: 1 }, { grade: 'intermediate', count: 3 }], materials: ['application_form', 'business_license', 'staff_certificates'] },
  { code: 'L3', name: '三级', rank: 3, validityMonths: 24, description: '可承接小型安全技术防范工程的施工和维护。', requirements: [{ grade: 'intermediate', count: 2 }], materials: ['application_form', 'business_license'] },
];

const code = (body: string) => body + creditCodeCheckChar(body)!;

type Person = { name: string; grade: 'senior' | 'intermediate' | 'junior'; title: string; certificate: string };

export const DEMO_QUALIFICATION_ORGS = {
  holder: { username: 'qualdemo', password: 'Qual12345', mobile: '13900000011', name: '安徽安盾安防工程有限公司', creditCode: code('91340100MA2N0QL2X') },
  returned: { username: 'qualreturn', password: 'Qual12345', mobile: '13900000012', name: '合肥智联安防科技有限公司', creditCode: code('91340100MA2N0QL3X') },
  ready: { username: 'qualstart', password: 'Qual12345', mobile: '13900000013', name: '芜湖新锐安防技术有限公司', creditCode: code('91340200MA2N0QL4X') },
} as const;

const ROSTERS: Record<keyof typeof DEMO_QUALIFICATION_ORGS, Person[]> = {
  holder: [
    { name: '陈建国', grade: 'senior', title: '高级工程师', certificate: '安全技术防范高级工程师证' },
    { name: '周海涛', grade: 'senior', title: '高级工程师', certificate: '注册安全工程师证' },
    { name: '吴晓东', grade: 'intermediate', title: '工程师', certificate: '安全技术防范工程师证' },
    { name: '郑丽', grade: 'intermediate', title: '工程师', certificate: '安全技术防范工程师证' },
    { name: '孙明', grade: 'intermediate', title: '工程师', certificate: '安全技术防范工程师证' },
    { name: '钱伟', grade: 'junior', title: '助理工程师', certificate: '安全技术防范助理工程师证' },
  ],
  returned: [
    { name: '刘志强', grade: 'senior', title: '高级工程师', certificate: '安全技术防范高级工程师证' },
    { name: '黄磊', grade: 'intermediate', title: '工程师', certificate: '安全技术防范工程师证' },
    { name: '林静', grade: 'intermediate', title: '工程师', certificate: '安全技术防范工程师证' },
    { name: '何斌', grade: 'intermediate', title: '工程师', certificate: '安全技术防范工程师证' },
  ],
  ready: [
    { name: '张卫东', grade: 'senior', title: '高级工程师', certificate: '安全技术防范高级工程师证' },
    { name: '李晓明', grade: 'intermediate', title: '工程师', certificate: '安全技术防范工程师证' },
    { name: '王芳', grade: 'intermediate', title: '工程师', certificate: '安全技术防范工程师证' },
  ],
};

const chinaDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

async function enterprise(db: Db, key: keyof typeof DEMO_QUALIFICATION_ORGS) {
  const o = DEMO_QUALIFICATION_ORGS[key];
  const [org] = await db
    .insert(organizations)
    .values({ name: o.name, creditCode: o.creditCode, regionCode: '340104', address: '安徽省合肥市蜀山区长江西路100号', contactName: '赵敏', contactPhone: o.mobile, landline: '0551-6280 0000', legalRepresentative: '赵敏', email: `${o.username}@example.com` })
    .onConflictDoNothing({ target: organizations.creditCode })
    .returning();
  if (!org) return null;
  const [user] = await db
    .insert(users)
    .values({ kind: 'organization', username: o.username, name: o.name, mobile: o.mobile, email: `${o.username}@example.com`, orgId: org.id, isOrgMain: true, passwordHash: await hashPassword(o.password) })
    .onConflictDoNothing()
    .returning();
  const staff = await db
    .insert(enterpriseStaff)
    .values(ROSTERS[key].map((p, i) => ({ orgId: org.id, name: p.name, idType: 'resident_id', idNumber: randomResidentId(i % 2 ? 'female' : 'male'), grade: p.grade, title: p.title, position: '技术负责人', education: 'bachelor', certificates: [{ name: p.certificate, number: `AF${o.mobile.slice(-4)}${String(i + 1).padStart(3, '0')}`, validUntil: '2029-12-31' }] })))
    .returning();
  return { org, user: user ?? null, staff };
}

export async function seedDemoQualification(db: Db): Promise<number> {
  let created = 0;
  created += (await db.insert(qualificationLevels).values(LEVELS).onConflictDoNothing({ target: qualificationLevels.code }).returning({ id: qualificationLevels.id })).length;
  const levels = await db.select().from(qualificationLevels).where(inArray(qualificationLevels.code, LEVELS.map((l) => l.code)));
  const two = levels.find((l) => l.code === 'L2');
  if (!two) return created;

  // Holds 二级 since 50 weeks ago: the annual review is due in about two weeks.
  const holder = await enterprise(db, 'holder');
  if (holder) {
    created += 1 + holder.staff.length;
    const grantedAt = new Date(Date.now() - 350 * 86_400_000);
    const validUntil = addMonths(grantedAt, two.validityMonths);
    await db.transaction(async (tx) => {
      const certificate = await issueCertificate(tx, CERTIFICATE_SYSTEM, {
        type: QUALIFICATION_CERTIFICATE,
        holderOrgId: holder.org.id,
        holderName: holder.org.name,
        subject: { level: two.name, creditCode: holder.org.creditCode ?? undefined },
        issuedAt: grantedAt,
        validUntil,
      });
      await tx.insert(qualifications).values({ orgId: holder.org.id, levelId: two.id, certificateId: certificate.id, grantedAt, validUntil, reviewDueOn: chinaDay(new Date(Date.now() + 15 * 86_400_000)), status: 'active' });
    });
    created++;
  }

  // A 资质申请 for 二级 that the association returned for changes.
  const returned = await enterprise(db, 'returned');
  if (returned?.user) {
    created += 1 + returned.staff.length;
    const kind = getKind(QUALIFICATION_KIND.apply);
    const submittedAt = new Date(Date.now() - 6 * 86_400_000);
    const returnedAt = new Date(Date.now() - 3 * 86_400_000);
    const org = returned.org;
    const data = {
      levelId: two.id,
      staff: returned.staff.map((p) => ({ staffId: p.id, documentIds: [] })),
      company: { name: org.name, creditCode: org.creditCode, legalRepresentative: org.legalRepresentative, address: org.address, contactName: org.contactName, contactPhone: org.contactPhone, email: org.email },
      target: { id: two.id, code: two.code, name: two.name, rank: two.rank, requirements: two.requirements, materials: two.materials, validityMonths: two.validityMonths },
      people: returned.staff.map((p) => ({ staffId: p.id, name: p.name, idMasked: maskIdNumber(p.idNumber), grade: p.grade, title: p.title, position: p.position, certificates: p.certificates, documents: [] })),
      materials: {},
      submittedAt: submittedAt.toISOString(),
    };
    const [reviewer] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.username, 'reviewer'));
    const user = returned.user;
    await db.transaction(async (tx) => {
      const [app] = await tx
        .insert(applications)
        .values({ kind: kind.key, module: kind.module, number: await nextNumber(tx, kind.numberPrefix, submittedAt), status: 'returned', applicantUserId: user.id, orgId: org.id, applicantName: org.name, contactEmail: org.email, data, submittedAt, dueAt: new Date(returnedAt.getTime() + 15 * 86_400_000), version: 3, createdAt: submittedAt, updatedAt: returnedAt })
        .returning({ id: applications.id });
      await tx.insert(applicationEvents).values([
        { applicationId: app.id, event: 'create', fromStatus: null, toStatus: 'draft', actorId: user.id, actorRole: 'applicant', actorName: user.name, createdAt: new Date(submittedAt.getTime() - 3_600_000) },
        { applicationId: app.id, event: 'submit', fromStatus: 'draft', toStatus: 'submitted', actorId: user.id, actorRole: 'applicant', actorName: user.name, createdAt: submittedAt },
        { applicationId: app.id, event: 'return', fromStatus: 'submitted', toStatus: 'returned', actorId: reviewer?.id ?? null, actorRole: 'reviewer', actorName: reviewer?.name ?? null, opinion: '请为每位技术人员上传身份证及职称证书扫描件，并补充加盖公章的资质申请表和营业执照。', createdAt: returnedAt },
      ]);
    });
    created++;
  }

  // Three technical staff on the roster, no qualification yet: ready to apply.
  const ready = await enterprise(db, 'ready');
  if (ready) created += 1 + ready.staff.length;
  return created;
}

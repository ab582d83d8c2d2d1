import { eq, sql } from 'drizzle-orm';
import { enterpriseStaff, organizations, trainingCourses, trainingEnrollments, users } from '@/db/schema';
import type { Db } from '@/db';
import { residentIdCheckChar } from '@/lib/reference/validators';

/**
 * Module B 技术培训 demo rows: the demo enterprise (DEMO_ORG, 杭州示范检测技术有限公司,
 * account orgdemo) with four technical staff of mixed grades, two training
 * courses open for enrollment and one closed (with two of the staff enrolled
 * in it). Idempotent: people are keyed by the roster's unique index, courses by
 * code, enrollments by (course, person); windows are set relative to the first
 * seeding and never moved afterwards.
 */
const DEMO_ORG_CREDIT_CODE = '91330106MA2H1E6U3F';
const DAY = 86_400_000;

const residentId = (first17: string) => first17 + residentIdCheckChar(first17);

const STAFF = [
  { name: '陈建国', idNumber: residentId('33010619750312001'), gender: 'male', birthDate: '1975-03-12', education: '14', title: '高级工程师', position: '技术负责人', grade: 'senior', certificates: [{ name: '安全技术防范高级工程师证', number: 'AF-G-2019-0107', validUntil: '2029-06-30' }] },
  { name: '林晓燕', idNumber: residentId('33010619840725002'), gender: 'female', birthDate: '1984-07-25', education: '21', title: '工程师', position: '项目负责人', grade: 'intermediate', certificates: [{ name: '安全技术防范工程师证', number: 'AF-Z-2021-0332', validUntil: '2027-12-31' }] },
  { name: '王海涛', idNumber: residentId('33010619890918003'), gender: 'male', birthDate: '1989-09-18', education: '21', title: '工程师', position: '系统设计', grade: 'intermediate', certificates: [] },
  { name: '赵磊', idNumber: residentId('33010619950204005'), gender: 'male', birthDate: '1995-02-04', education: '31', title: '助理工程师', position: '施工员', grade: 'junior', certificates: [{ name: '建筑施工特种作业操作资格证', number: 'TZ-330-2022-5566', validUntil: '2028-03-01' }] },
] as const;

export async function seedDemoMembershipStaff(db: Db): Promise<number> {
  let created = 0;
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.creditCode, DEMO_ORG_CREDIT_CODE));
  const now = Date.now();
  const day = (offset: number) => new Date(now + offset * DAY).toISOString().slice(0, 10);

  const courses = await db
    .insert(trainingCourses)
    .values([
      {
        code: 'PX2027-01',
        name: '安全技术防范系统设计与施工培训',
        description: '视频监控、入侵报警、出入口控制系统的设计规范与施工验收要点。',
        location: '杭州市西湖区文三路100号 协会培训中心',
        startsOn: day(45),
        endsOn: day(47),
        enrollOpensAt: new Date(now - 7 * DAY),
        enrollClosesAt: new Date(now + 40 * DAY),
        capacity: 60,
        status: 'open',
      },
      {
        code: 'PX2027-02',
        name: '安防工程项目负责人继续教育',
        description: '工程项目管理、质量安全管理与新版标准解读（继续教育学时12学时）。',
        location: '宁波市鄞州区天童南路588号',
        startsOn: day(60),
        endsOn: day(61),
        enrollOpensAt: new Date(now - 2 * DAY),
        enrollClosesAt: new Date(now + 55 * DAY),
        capacity: null,
        status: 'open',
      },
      {
        code: 'PX2026-09',
        name: '入侵和紧急报警系统技术要求培训',
        description: 'GB/T 32581 等标准解读。',
        location: '杭州市西湖区文三路100号 协会培训中心',
        startsOn: day(-40),
        endsOn: day(-39),
        enrollOpensAt: new Date(now - 90 * DAY),
        enrollClosesAt: new Date(now - 45 * DAY),
        capacity: 40,
        status: 'closed',
      },
    ])
    .onConflictDoNothing({ target: trainingCourses.code })
    .returning({ id: trainingCourses.id });
  created += courses.length;

  if (!org) return created;
  const [main] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'orgdemo'));
  const people = await db
    .insert(enterpriseStaff)
    .values(STAFF.map((p) => ({ orgId: org.id, idType: 'resident_id', ...p, certificates: [...p.certificates], createdBy: main?.id ?? null })))
    .onConflictDoNothing({ target: [enterpriseStaff.orgId, enterpriseStaff.idType, enterpriseStaff.idNumber], where: sql`removed_at is null` })
    .returning({ id: enterpriseStaff.id });
  created += people.length;

  // Two of them took the closed course (only when this seeding added them, so a removal by the user stays removed).
  if (people.length === STAFF.length) {
    const [closed] = await db.select({ id: trainingCourses.id }).from(trainingCourses).where(eq(trainingCourses.code, 'PX2026-09'));
    if (closed) {
      const rows = await db
        .insert(trainingEnrollments)
        .values(people.slice(1, 3).map((p) => ({ courseId: closed.id, orgId: org.id, staffId: p.id, createdBy: main?.id ?? null, createdAt: new Date(now - 60 * DAY) })))
        .onConflictDoNothing()
        .returning({ id: trainingEnrollments.id });
      created += rows.length;
    }
  }
  return created;
}

import { eq } from 'drizzle-orm';
import { organizations, qualificationLevels, qualifications, users } from '@/db/schema';
import type { Db } from '@/db';
import { fireStage, getOverdueStages } from '@/lib/modules/membership/overdue';
import { addDays, chinaDay } from '@/lib/modules/membership/overdue/stages';
import { hashPassword } from '@/lib/platform/auth/password';
import { findCertificateType, issueCertificate, SYSTEM } from '@/lib/platform/certificates';
import { addMonths } from '@/lib/platform/certificates/service';
import { creditCodeCheckChar } from '@/lib/reference/validators';
import { QUALIFICATION_CERTIFICATE } from '@/lib/modules/membership/qualification/constants';

/**
 * Module B overdue annual review demo (SPEC §8): an enterprise holding 二级
 * whose annual review is 20 days overdue. Its cycle went through the stages
 * as the loop would have fired them (reminders 30 and 7 days before and on
 * the day, the warnings of day 1 and day 15, each at its time), so the
 * warning shows on its module-B home and on the staff page 年审逾期; the
 * suspension comes 10 days later. Idempotent: keyed by the credit code.
 */


// The same 二级 as the qualification demo: whichever seed runs first creates it.
const LEVEL_L2 = {
  code: 'L2',
  name: '二级',
  rank: 2,
  validityMonths: 36,
  description: '可承接中型安全技术防范工程的设计、施工和维护。',
  requirements: [
    { grade: 'senior', count: 1 },
    { grade: 'intermediate', count: 3 },
  ],
  materials: ['application_form', 'business_license', 'staff_certificates'],
};

const body = '91340100MA2N0QY9X';
export const DEMO_OVERDUE_ORG = {
  username: 'overduedemo',
  password: 'Overdue123',
  mobile: '13900000021',
  name: '合肥恒安安防工程有限公司',
  creditCode: body + creditCodeCheckChar(body)!,
  email: 'overduedemo@example.com',
  daysOverdue: 20,
} as const;

const DAY = 86_400_000;

export async function seedDemoQualificationOverdue(db: Db): Promise<number> {
  let created = (await db.insert(qualificationLevels).values(LEVEL_L2).onConflictDoNothing().returning({ id: qualificationLevels.id })).length;
  const [level] = await db.select().from(qualificationLevels).where(eq(qualificationLevels.code, LEVEL_L2.code));
  if (!level) return created;

  const o = DEMO_OVERDUE_ORG;
  const [org] = await db
    .insert(organizations)
    .values({ name: o.name, creditCode: o.creditCode, regionCode: '340104', address: '安徽省合肥市蜀山区黄山路200号', contactName: '孙倩', contactPhone: o.mobile, landline: '0551-6281 0000', legalRepresentative: '孙倩', email: o.email })
    .onConflictDoNothing({ target: organizations.creditCode })
    .returning();
  if (!org) return created;
  await db
    .insert(users)
    .values({ kind: 'organization', username: o.username, name: o.name, mobile: o.mobile, email: o.email, orgId: org.id, isOrgMain: true, passwordHash: await hashPassword(o.password) })
    .onConflictDoNothing();
  created++;

  const now = new Date();
  const dueOn = addDays(chinaDay(now), -o.daysOverdue);
  const grantedAt = new Date(now.getTime() - (365 + o.daysOverdue) * DAY);
  const validUntil = addMonths(grantedAt, level.validityMonths);
  const [q] = await db.transaction(async (tx) => {
    const certificate = findCertificateType(QUALIFICATION_CERTIFICATE)
      ? await issueCertificate(tx, SYSTEM, { type: QUALIFICATION_CERTIFICATE, holderOrgId: org.id, holderName: org.name, subject: { level: level.name, creditCode: o.creditCode }, issuedAt: grantedAt, validUntil })
      : null;
    return tx.insert(qualifications).values({ orgId: org.id, levelId: level.id, certificateId: certificate?.id ?? null, grantedAt, validUntil, reviewDueOn: dueOn, status: 'active' }).returning();
  });
  created++;

  // The cycle as the loop went through it: each stage whose day has come, fired at that day's 9:00 (Beijing).
  const stages = await getOverdueStages(db);
  for (const stage of stages) {
    if (stage.offsetDays > o.daysOverdue) continue;
    const at = new Date(`${addDays(dueOn, stage.offsetDays)}T09:00:00+08:00`);
    if (await fireStage(db, { qualificationId: q.id, cycleDueOn: dueOn, stage, stages, now: at })) created++;
  }
  return created;
}

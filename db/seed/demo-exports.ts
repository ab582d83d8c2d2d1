import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { candidatePhotos, examAreas, examRegistrations, exams, examSessions, examSubjects, registrationSubjects } from '@/db/schema';
import type { Db } from '@/db';
import { assignTicketNumbers } from '@/lib/modules/exam/registration/services/ticket';
import type { Storage } from '@/lib/platform/storage/storage';
import { createIndividual } from './factories';

/**
 * Demo for the staff console's bulk print (issue #17): an exam whose
 * registration has closed and whose admission tickets are released, with six
 * paid candidates (each with a standard ID photo in the object store and a
 * ticket number) and one who never paid — so 报名名单 → 批量打印准考证 has
 * something to print. Idempotent by the exam's name; needs storage for the
 * photos (without it nothing is added, and a later run with it adds it).
 */
export const DEMO_RELEASED_EXAM = '2026年度第四次认证人员注册全国统一考试（准考证已发放）';

export const DEMO_RELEASED_CANDIDATES = ['陈晓东', '林雨桐', '黄志强', '周晓梅', '吴俊杰', '郑丽华'] as const;
const UNPAID = '冯建国';
const DAY = 24 * 3600 * 1000;

/** A 215×300 standard ID photo: a blue background with a lighter head-and-shoulders shape. */
async function photo(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="215" height="300"><rect width="215" height="300" fill="#3b6fd1"/><circle cx="107" cy="115" r="52" fill="#f1d3bd"/><rect x="35" y="190" width="145" height="110" rx="50" fill="#24324a"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer();
}

export async function seedDemoExports(db: Db, opts: { storage?: () => Promise<Storage> }): Promise<number> {
  if ((await db.select({ id: exams.id }).from(exams).where(eq(exams.name, DEMO_RELEASED_EXAM)).limit(1)).length > 0) return 0;
  if (!opts.storage) return 0;
  const storage = await opts.storage();
  const now = Date.now();
  const day = (offset: number) => new Date(now + offset * DAY).toISOString().slice(0, 10);
  const jpeg = await photo();
  return db.transaction(async (tx) => {
    const [exam] = await tx
      .insert(exams)
      .values({
        name: DEMO_RELEASED_EXAM,
        periodStart: day(20),
        periodEnd: day(20),
        registrationOpensAt: new Date(now - 40 * DAY),
        registrationClosesAt: new Date(now - 5 * DAY),
        notice: '一、考生须凭准考证和有效身份证件原件参加考试。\n\n二、开考15分钟后不得入场。',
        status: 'published',
      })
      .returning();
    const [session] = await tx
      .insert(examSessions)
      .values({ examId: exam.id, name: '上午场', startsAt: new Date(`${day(20)}T01:00:00Z`), endsAt: new Date(`${day(20)}T03:30:00Z`), sortOrder: 1 })
      .returning();
    const [subject] = await tx.insert(examSubjects).values({ examId: exam.id, sessionId: session.id, code: 'A01', name: '认证通用基础', feeFen: 20000 }).returning();
    const [area] = await tx.insert(examAreas).values({ examId: exam.id, name: '北京', regionCode: '110100', capacity: 200 }).returning();
    let created = 1;
    for (const [i, name] of [...DEMO_RELEASED_CANDIDATES, UNPAID].entries()) {
      const user = await createIndividual(tx, { name, gender: i % 2 ? 'female' : 'male' });
      const key = `exam-photos/demo-${user.id}/standard.jpg`;
      await storage.put(key, jpeg, 'image/jpeg');
      await tx.insert(candidatePhotos).values({ userId: user.id, originalKey: key, processedKey: key, width: 215, height: 300, bytes: jpeg.byteLength, background: 'blue', confirmedAt: new Date(now - 30 * DAY) });
      const [reg] = await tx
        .insert(examRegistrations)
        .values({
          examId: exam.id,
          userId: user.id,
          info: { nationality: 'CN', ethnicity: '01', residenceRegion: '110105', education: '21', employer: '', mobile: user.mobile, address: '北京市朝阳区', email: user.email, invoice: { type: 'none' } },
          areaId: area.id,
          status: name === UNPAID ? 'area' : 'paid',
          noticeAcceptedAt: new Date(now - (30 - i) * DAY),
          createdAt: new Date(now - (30 - i) * DAY),
        })
        .returning();
      await tx.insert(registrationSubjects).values({ registrationId: reg.id, sessionId: session.id, subjectId: subject.id });
      created += 1;
    }
    await tx.update(exams).set({ ticketsReleasedAt: new Date(now - 2 * DAY) }).where(eq(exams.id, exam.id));
    await assignTicketNumbers(tx, exam.id);
    return created;
  });
}

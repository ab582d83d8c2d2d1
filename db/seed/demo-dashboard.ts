import { eq, sql } from 'drizzle-orm';
import { examAreas, examRegistrations, exams, examSessions, examSubjects, orders, refunds, registrationSubjects } from '@/db/schema';
import type { Db } from '@/db';
import { shanghaiDateOf, shanghaiLocalToDate } from '@/lib/modules/exam/time';
import { createIndividual } from './factories';

/**
 * Demo figures for the staff dashboard's exam panels (issue #17): an exam
 * whose registration has closed (so no candidate can change it and it is
 * listed to nobody but its candidates), held in three weeks, with candidates
 * in every registration state — paid, waiting for payment, still choosing,
 * refunded. Idempotent by exam name. The figures it makes are DEMO_EXAM_FIGURES
 * (tests/e2e/staff-console.spec.ts asserts them on the dashboard).
 */
export const DEMO_STATS_EXAM = '2026年度第二次认证人员注册全国统一考试';

const AREAS = [
  { name: '北京', regionCode: '110100', capacity: 30 },
  { name: '上海', regionCode: '310100', capacity: 20 },
  { name: '广州', regionCode: '440100', capacity: 10 },
] as const;

/** Registrations per area (null: no area chosen yet) and state. */
const REGISTRATIONS: Array<{ area: (typeof AREAS)[number]['name'] | null; status: 'paid' | 'ordered' | 'area' | 'info' | 'refunded'; n: number }> = [
  { area: '北京', status: 'paid', n: 4 },
  { area: '北京', status: 'ordered', n: 1 },
  { area: '上海', status: 'paid', n: 2 },
  { area: '上海', status: 'area', n: 1 },
  { area: '广州', status: 'paid', n: 1 },
  { area: '广州', status: 'refunded', n: 1 },
  { area: null, status: 'info', n: 1 },
];

/** One candidate account per registration. */
export const DEMO_STATS_CANDIDATES = REGISTRATIONS.reduce((s, r) => s + r.n, 0);

/** What the dashboard shows for this exam (paid; unpaid = filling in or awaiting payment; refunds). */
export const DEMO_EXAM_FIGURES = {
  areas: { 北京: { paid: 4, unpaid: 1, capacity: 30 }, 上海: { paid: 2, unpaid: 1, capacity: 20 }, 广州: { paid: 1, unpaid: 0, capacity: 10 } },
  pay: { paid: 7, unpaid: 3 },
  refunds: { refunded: 1, inProgress: 0, failed: 0, refundedFen: 20_000 },
} as const;

const DAY = 86_400_000;
const FEE = 20_000;

export async function seedDemoDashboard(db: Db, now: Date = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('accredit.seed.demo-dashboard'))`);
    if ((await tx.select({ id: exams.id }).from(exams).where(eq(exams.name, DEMO_STATS_EXAM)).limit(1)).length) return 0;
    const hour = Math.floor(now.getTime() / 3600_000) * 3600_000;
    const at = (days: number) => new Date(hour + days * DAY);
    const day = shanghaiDateOf(at(21));
    const [exam] = await tx
      .insert(exams)
      .values({
        name: DEMO_STATS_EXAM,
        periodStart: day,
        periodEnd: day,
        registrationOpensAt: at(-25),
        registrationClosesAt: at(-3),
        refundOpensAt: at(-25),
        refundClosesAt: at(-5),
        notice: '本次考试报名已截止。',
        orderTtlMinutes: 30,
        status: 'published',
      })
      .returning();
    const [session] = await tx
      .insert(examSessions)
      .values({ examId: exam.id, name: '上午场', startsAt: shanghaiLocalToDate(`${day}T09:00`)!, endsAt: shanghaiLocalToDate(`${day}T11:30`)!, sortOrder: 0 })
      .returning();
    const [subject] = await tx.insert(examSubjects).values({ examId: exam.id, sessionId: session.id, code: 'A01', name: '认证通用基础', feeFen: FEE }).returning();
    const taken = (name: string) => REGISTRATIONS.filter((r) => r.area === name && (r.status === 'paid' || r.status === 'ordered')).reduce((s, r) => s + r.n, 0);
    const areas = await tx
      .insert(examAreas)
      .values(AREAS.map((a, i) => ({ ...a, examId: exam.id, sortOrder: i, taken: taken(a.name) })))
      .returning();

    let k = 0;
    for (const r of REGISTRATIONS) {
      for (let i = 0; i < r.n; i++) {
        k++;
        const created = at(-20 + k);
        const user = await createIndividual(tx, { name: `统计考生${String(k).padStart(2, '0')}`, username: `examstat${String(k).padStart(2, '0')}` });
        const areaId = r.area ? areas.find((a) => a.name === r.area)!.id : null;
        const [reg] = await tx
          .insert(examRegistrations)
          .values({ examId: exam.id, userId: user.id, status: r.status, areaId, noticeAcceptedAt: created, info: { education: 'bachelor' }, createdAt: created, updatedAt: created })
          .returning();
        if (r.status === 'info') continue;
        await tx.insert(registrationSubjects).values({ registrationId: reg.id, sessionId: session.id, subjectId: subject.id });
        if (r.status === 'area') continue;
        const status = r.status === 'ordered' ? 'unpaid' : r.status === 'refunded' ? 'refunded' : 'paid';
        const [order] = await tx
          .insert(orders)
          .values({
            number: `DDSTAT${String(k).padStart(4, '0')}${exam.id.slice(0, 6).toUpperCase()}`,
            userId: user.id,
            subjectType: 'exam_registration',
            subjectId: reg.id,
            title: `${DEMO_STATS_EXAM} 报名费`,
            items: [{ name: subject.name, amountFen: FEE, ref: subject.id }],
            amountFen: FEE,
            status,
            // An order still waiting for payment stays payable until the exam (the demo shows it as 待支付).
            expiresAt: status === 'unpaid' ? at(20) : created,
            paidAt: status === 'unpaid' ? null : created,
            createdAt: created,
            updatedAt: created,
          })
          .returning();
        if (status === 'refunded') {
          await tx.insert(refunds).values({ orderId: order.id, userId: user.id, scope: 'exam', amountFen: FEE, status: 'refunded', idempotencyKey: `demo-refund-${order.number}`, attempts: 1, createdAt: at(-6), updatedAt: at(-6) });
        }
      }
    }
    return 1;
  });
}

import { eq, sql } from 'drizzle-orm';
import { examAreas, exams, examSessions, examSubjects } from '@/db/schema';
import type { Db, DbOrTx } from '@/db';
import { shanghaiDateOf, shanghaiLocalToDate } from '@/lib/modules/exam/time';

/**
 * Demo exams (SPEC §8): one open for registration (windows relative to the
 * day the demo is first seeded), with two sessions, five subjects and four
 * areas — 广州 with two seats, so a full area can be shown — and one draft.
 * Idempotent by exam name: an existing exam is left as it is, whatever staff
 * did with it since.
 */
export const DEMO_OPEN_EXAM = '2027年度第一次认证人员注册全国统一考试';
export const DEMO_DRAFT_EXAM = '2027年度第二次认证人员注册全国统一考试';

const DAY = 24 * 3600 * 1000;

export const DEMO_EXAM_NOTICE = [
  '一、报考条件。报考人员应具有完全民事行为能力，遵守国家法律法规，具有大学专科及以上学历。报考人员须对所填报信息的真实性负责，凡弄虚作假者，一经查实，取消其考试资格及考试成绩，已取得的证书予以撤销。',
  '二、报名方式。本次考试一律采取网上报名，考生须在规定的报名时间内登录本平台，完成照片上传、信息填写、科目选择、考区选择和网上缴费。未在报名截止时间前完成缴费的，视为报名未成功。',
  '三、照片要求。考生须上传本人近期免冠正面证件照，背景为红色、白色或蓝色，JPG格式。照片将用于准考证和证书制作，不符合要求的照片将影响考试和证书办理。',
  '四、科目与缴费。考试分上午场和下午场，考生每个场次最多选择一个科目。报名费按所选科目收取，缴费成功后科目和考区不能更改；如需更改，须在退费时间内申请退费后重新报名。每位考生仅可申请一次退费，退费按原支付渠道全额退回。',
  '五、考区与考点城市。考区名额有限，以缴费成功先后为准，额满即止。缴费成功后，可在规定时间内申请更换考点城市，以目标考区尚有名额为前提。',
  '六、准考证。考生须在准考证发放后自行登录平台下载并打印准考证，凭准考证和报名时使用的有效身份证件原件参加考试。证件不全者不得入场。',
  '七、考场纪律。考生须遵守考场规则，不得携带手机、智能手表等电子设备进入考场。对违反考试纪律的考生，将依照有关规定严肃处理。',
  '八、咨询方式。如有疑问，请在工作日通过平台公布的咨询电话或电子邮箱联系考务工作人员。',
].join('\n\n');

const OPEN_SESSIONS = [
  {
    name: '上午场',
    start: '09:00',
    end: '11:30',
    subjects: [
      { code: 'A01', name: '认证通用基础', feeFen: 20000 },
      { code: 'A02', name: '审核知识', feeFen: 20000 },
    ],
  },
  {
    name: '下午场',
    start: '14:00',
    end: '16:30',
    subjects: [
      { code: 'B01', name: '管理体系认证基础', feeFen: 20000 },
      { code: 'B02', name: '产品认证基础', feeFen: 15000 },
      { code: 'B03', name: '服务认证基础', feeFen: 15000 },
    ],
  },
];

const OPEN_AREAS = [
  { name: '北京', regionCode: '110100', capacity: 500 },
  { name: '上海', regionCode: '310100', capacity: 500 },
  { name: '杭州', regionCode: '330100', capacity: 300 },
  { name: '广州', regionCode: '440100', capacity: 2 },
];

async function exists(tx: DbOrTx, name: string): Promise<boolean> {
  return (await tx.select({ id: exams.id }).from(exams).where(eq(exams.name, name)).limit(1)).length > 0;
}

/** Seeds the demo exams that are missing; returns how many exams it created. */
export async function seedDemoExam(db: Db, now: Date = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    // Two instances starting at once against one Postgres: one seeds, the other then finds the rows.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('accredit.seed.demo-exam'))`);
    let created = 0;
    // Whole hours read better in the demo than the second the server first started.
    const hour = Math.floor(now.getTime() / 3600_000) * 3600_000;
    const at = (days: number) => new Date(hour + days * DAY);

    if (!(await exists(tx, DEMO_OPEN_EXAM))) {
      const day = shanghaiDateOf(at(45));
      const [exam] = await tx
        .insert(exams)
        .values({
          name: DEMO_OPEN_EXAM,
          periodStart: day,
          periodEnd: day,
          registrationOpensAt: at(-1),
          registrationClosesAt: at(30),
          refundOpensAt: at(-1),
          refundClosesAt: at(25),
          areaChangeOpensAt: at(-1),
          areaChangeClosesAt: at(30),
          notice: DEMO_EXAM_NOTICE,
          orderTtlMinutes: 30,
          status: 'published',
        })
        .returning();
      for (const [i, s] of OPEN_SESSIONS.entries()) {
        const [session] = await tx
          .insert(examSessions)
          .values({ examId: exam.id, name: s.name, startsAt: shanghaiLocalToDate(`${day}T${s.start}`)!, endsAt: shanghaiLocalToDate(`${day}T${s.end}`)!, sortOrder: i })
          .returning();
        await tx.insert(examSubjects).values(s.subjects.map((x) => ({ ...x, examId: exam.id, sessionId: session.id })));
      }
      await tx.insert(examAreas).values(OPEN_AREAS.map((a, i) => ({ ...a, examId: exam.id, sortOrder: i })));
      created++;
    }

    if (!(await exists(tx, DEMO_DRAFT_EXAM))) {
      const day = shanghaiDateOf(at(150));
      const [exam] = await tx
        .insert(exams)
        .values({
          name: DEMO_DRAFT_EXAM,
          periodStart: day,
          periodEnd: day,
          registrationOpensAt: at(90),
          registrationClosesAt: at(120),
          refundOpensAt: at(90),
          refundClosesAt: at(115),
          notice: DEMO_EXAM_NOTICE,
          orderTtlMinutes: 30,
          status: 'draft',
        })
        .returning();
      const [session] = await tx
        .insert(examSessions)
        .values({ examId: exam.id, name: '上午场', startsAt: shanghaiLocalToDate(`${day}T09:00`)!, endsAt: shanghaiLocalToDate(`${day}T11:30`)!, sortOrder: 0 })
        .returning();
      await tx.insert(examSubjects).values({ examId: exam.id, sessionId: session.id, code: 'A01', name: '认证通用基础', feeFen: 20000 });
      created++;
    }
    return created;
  });
}

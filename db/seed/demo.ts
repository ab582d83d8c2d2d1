import { and, eq, sql } from 'drizzle-orm';
import { notices, siteSettings, staffRoles, users, organizations } from '@/db/schema';
import type { Db } from '@/db';
import type { Storage } from '@/lib/platform/storage/storage';
import { hashPassword } from '@/lib/platform/auth/password';
import { settingDefaults } from '@/lib/platform/settings';
import { SUPERSEDED_ACCREDITATION_SETTINGS } from '@/lib/modules/accreditation/settings/defaults';

/**
 * Demo data for `npm start` on a fresh machine (SPEC §8). Idempotent: rows
 * are keyed by stable usernames / keys and inserted with ON CONFLICT DO
 * NOTHING, so restarts neither duplicate nor overwrite what users changed.
 * Each account listed here is in README.md's demo-accounts table.
 */
export const DEMO_ACCOUNTS = [
  { username: 'admin', password: 'Admin1234', kind: 'staff', name: '系统管理员', roles: [{ role: 'admin' }] },
  {
    username: 'reviewer',
    password: 'Review1234',
    kind: 'staff',
    name: '审核员 王敏',
    roles: ['accreditation', 'membership', 'personnel', 'exam', 'review'].map((module) => ({ role: 'reviewer', module })),
  },
  { username: 'finance', password: 'Finance1234', kind: 'staff', name: '财务 李静', roles: [{ role: 'finance' }] },
  { username: 'examadmin', password: 'Exam1234', kind: 'staff', name: '考务 赵强', roles: [{ role: 'exam_admin' }] },
  { username: 'planner', password: 'Plan1234', kind: 'staff', name: '评审计划 孙丽', roles: [{ role: 'review_planner' }] },
  { username: 'leader', password: 'Leader1234', kind: 'staff', name: '评审组长 周峰', roles: [{ role: 'review_leader' }] },
  // A second leader: the one a leader names as substitute while away (代理设置), or leads another team.
  { username: 'leader2', password: 'Leader1234', kind: 'staff', name: '评审组长 吴昊', roles: [{ role: 'review_leader' }] },
  { username: 'authority', password: 'Issue1234', kind: 'staff', name: '发证机关 吴刚', roles: [{ role: 'issuing_authority' }] },
] as const;

export const DEMO_INDIVIDUAL = {
  username: 'candidate',
  password: 'Demo1234',
  name: '张伟',
  idNumber: '11010519491231002X',
  mobile: '13800000001',
  email: 'zhangwei@example.com',
} as const;

export const DEMO_ORG = {
  username: 'orgdemo',
  password: 'Org12345',
  name: '杭州示范检测技术有限公司',
  creditCode: '91330106MA2H1E6U3F',
  mobile: '13900000001',
  sub: { username: 'orgsub', password: 'Sub12345', name: '子账户 陈晨', mobile: '13900000002', modules: ['review'] },
} as const;

const DEMO_NOTICES = [
  { module: 'exam', category: 'news', title: '关于2027年度认证人员注册全国统一考试报名的通知', body: '2027年度第一次认证人员注册全国统一考试报名工作即将开始，请考生在报名时间内完成网上报名与缴费。', days: 1 },
  { module: 'accreditation', category: 'news', title: '实验室认可预申请系统操作说明', body: '新机构用户请先进行预申请，预申请通过后系统将向联系人邮箱发送账号信息。', days: 3 },
  { module: 'review', category: 'document', title: '鉴定评审工作程序（2026年修订版）', body: '本程序规定了鉴定评审的申请、约请、商洽、现场评审、整改与评价等环节的要求。', days: 7 },
  { module: 'membership', category: 'news', title: '2027年度会员会费缴纳通知', body: '请各会员单位于规定时间内通过平台上传转账凭证，财务确认后即完成缴费。', days: 10 },
  { module: 'personnel', category: 'news', title: '检验检测人员换证报名须知', body: '换证报名须上传签字后的申请表扫描件，照片须为近期免冠证件照。', days: 14 },
] as const;

/**
 * `storage` is asked for only when a demo needs files (module E's projects);
 * without it those demo rows are left out (and added by a later run that has it).
 */
export async function seedDemo(db: Db, ctx: { storage?: () => Promise<Storage> } = {}): Promise<{ created: number }> {
  let created = 0;

  created += await (await import('./demo-a11y')).seedDemoA11y(db);
  for (const [key, value] of Object.entries(settingDefaults())) {
    const r = await db.insert(siteSettings).values({ key, value }).onConflictDoNothing().returning({ key: siteSettings.key });
    created += r.length;
  }
  // A shipped text a later release replaced, still unchanged on this site: the current one.
  for (const [key, previous] of Object.entries(SUPERSEDED_ACCREDITATION_SETTINGS)) {
    for (const old of previous) {
      await db
        .update(siteSettings)
        .set({ value: settingDefaults()[key], updatedAt: new Date() })
        .where(and(eq(siteSettings.key, key), sql`${siteSettings.value} = ${JSON.stringify(old)}::jsonb`));
    }
  }

  for (const a of DEMO_ACCOUNTS) {
    const r = await db
      .insert(users)
      .values({ kind: a.kind, username: a.username, name: a.name, passwordHash: await hashPassword(a.password) })
      .onConflictDoNothing({ target: users.username })
      .returning({ id: users.id });
    if (r[0]) {
      created++;
      await db
        .insert(staffRoles)
        .values(a.roles.map((role) => ({ userId: r[0].id, role: role.role, module: 'module' in role ? role.module : '*' })))
        .onConflictDoNothing();
    }
  }

  const ind = DEMO_INDIVIDUAL;
  created += (
    await db
      .insert(users)
      .values({
        kind: 'individual',
        username: ind.username,
        name: ind.name,
        idType: 'resident_id',
        idNumber: ind.idNumber,
        gender: 'female',
        birthDate: '1949-12-31',
        mobile: ind.mobile,
        email: ind.email,
        passwordHash: await hashPassword(ind.password),
      })
      .onConflictDoNothing()
      .returning({ id: users.id })
  ).length;

  const [org] = await db
    .insert(organizations)
    .values({ name: DEMO_ORG.name, creditCode: DEMO_ORG.creditCode, regionCode: '330106', address: '浙江省杭州市西湖区文三路100号', contactName: '刘洋', contactPhone: DEMO_ORG.mobile, landline: '0571-8888 0000', legalRepresentative: '刘洋' })
    .onConflictDoNothing({ target: organizations.creditCode })
    .returning({ id: organizations.id });
  if (org) {
    created++;
    await db.insert(users).values([
      { kind: 'organization', username: DEMO_ORG.username, name: DEMO_ORG.name, mobile: DEMO_ORG.mobile, orgId: org.id, isOrgMain: true, passwordHash: await hashPassword(DEMO_ORG.password) },
      { kind: 'organization', username: DEMO_ORG.sub.username, name: DEMO_ORG.sub.name, mobile: DEMO_ORG.sub.mobile, orgId: org.id, isOrgMain: false, modules: [...DEMO_ORG.sub.modules], passwordHash: await hashPassword(DEMO_ORG.sub.password) },
    ]).onConflictDoNothing();
  }

  // Notices are keyed by title: only missing ones are added.
  for (const n of DEMO_NOTICES) {
    const r = await db.execute(sql`
      insert into ${notices} (module, category, title, body, published_at)
      select ${n.module}, ${n.category}, ${n.title}, ${n.body}, now() - make_interval(days => ${n.days})
      where not exists (select 1 from ${notices} where title = ${n.title})`);
    created += Number((r as { affectedRows?: number; count?: number }).affectedRows ?? (r as { count?: number }).count ?? 0);
  }

  created += await (await import('./demo-applications')).seedDemoApplications(db);
  created += await (await import('./demo-exam')).seedDemoExam(db);
  created += await (await import('./demo-dashboard')).seedDemoDashboard(db);
  created += await (await import('./demo-qualification')).seedDemoQualification(db);
  created += await (await import('./demo-membership')).seedDemoMembership(db, (await import('./demo-qualification')).DEMO_QUALIFICATION_ORGS.holder.creditCode);
  created += await (await import('./demo-qualification-overdue')).seedDemoQualificationOverdue(db);
  created += await (await import('./demo-membership-staff')).seedDemoMembershipStaff(db);
  created += await (await import('./demo-membership-changes')).seedDemoMembershipChanges(db, DEMO_ORG.creditCode);
  created += await (await import('./demo-personnel')).seedDemoPersonnel(db);
  created += await (await import('./demo-review')).seedDemoReview(db, { storage: ctx.storage, orgUsername: DEMO_ORG.username, subUsername: DEMO_ORG.sub.username });
  created += await (await import('./demo-exports')).seedDemoExports(db, { storage: ctx.storage });

  return { created };
}

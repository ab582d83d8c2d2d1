import { sql } from 'drizzle-orm';
import { notices, siteSettings, staffRoles, users, organizations } from '@/db/schema';
import type { Db } from '@/db';
import { hashPassword } from '@/lib/platform/auth/password';

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

export const DEFAULT_SETTINGS: Record<string, unknown> = {
  'site.support': {
    phone: '010-6786 0000',
    email: 'support@accredit.example.cn',
    qqGroup: '123456789',
    hours: '工作日 9:00–17:00',
  },
  // Forced-reading notices (SPEC §1.1): shown in a dialog that can be accepted only after `seconds`.
  'notice.accreditation.login': {
    title: '实验室/检验机构用户登录须知',
    body: [
      '一、首次申请认可的实验室、检验机构，须先通过本平台提交认可预申请。预申请经审核通过后，系统将向预申请时填写的联系人邮箱发送机构账号及初始密码，机构凭该账号登录后方可提交正式认可申请。',
      '二、已取得认可或已有机构账号的用户，请使用主账户（注册手机号）或经主账户授权的子账户登录。子账户仅能使用主账户授予的业务模块，如需调整权限，请联系本机构主账户管理员。',
      '三、申请人应保证所填报的机构信息、人员信息、场所信息及上传的质量管理体系文件真实、准确、完整，并对其真实性承担法律责任。提供虚假材料的，将不予受理或撤销认可，并记入不良记录。',
      '四、请妥善保管账号和密码，不得转借他人使用。初始密码首次登录后须立即修改；因账号保管不善造成的损失由申请人自行承担。',
      '五、认可申请、资料补正、现场评审安排及认可决定等通知，将通过平台站内消息、短信或电子邮件发送，请保持联系方式畅通并及时登录查看。',
    ].join('\n\n'),
    seconds: 10,
  },
  'notice.membership.apply': {
    title: '入会须知',
    body: [
      '一、申请入会的单位应为依法设立、具有独立法人资格的企事业单位或社会组织，承认本协会章程，自愿履行会员义务。',
      '二、入会申请须在线填写单位基本信息、业务范围及联系人信息，并上传营业执照（或法人登记证书）及加盖公章的入会申请表扫描件。申请材料经秘书处审核通过后，方可缴纳会费。',
      '三、会费按会员等级标准收取，申请单位应通过对公转账方式缴纳，并在平台上传转账凭证；财务确认到账后，会员资格生效，电子会员证书可在平台下载。',
      '四、会员单位应按时缴纳年度会费，信息发生变更时应在30日内通过平台提交变更申请。连续两年未缴纳会费的，视为自动退会。',
      '五、会员单位应遵守国家法律法规及协会自律公约，不得以协会名义从事与会员身份不符的经营活动。',
    ].join('\n\n'),
    seconds: 15,
  },
  // Module A (SPEC §2): the business fields a pre-application offers (staff-configurable) and the notes above the form.
  'accreditation.businessFields': [
    { key: 'laboratory', label: '实验室' },
    { key: 'inspectionBody', label: '检验机构' },
    { key: 'referenceMaterialProducer', label: '标准物质/标准样品生产者' },
    { key: 'proficiencyTestingProvider', label: '能力验证提供者' },
    { key: 'biobank', label: '生物样本库' },
    { key: 'medicalLaboratory', label: '医学实验室' },
  ],
  'accreditation.preApplicationNotes': [
    '预申请注册仅对于从未进行认可申请的机构使用。如已取得过认可证书（无论证书当前为何种状态），请通过登录页面的“已获认可机构获取密码”功能取得账号密码，或联系认可评定部门取得系统机构登录账号及密码。',
    '提交后的预申请，可在预申请上填写的邮箱中找到查看、验证邮件。',
    '通过预申请后，可进行在线申请。',
    '如果已经认可过的机构要申请其他资质，请先登录系统，然后通过“业务领域变更”增加其他资质。例如已经获得实验室资质，但是现在还要获取检验机构资质的情况。',
    '联系人信息很重要，影响与预申请受理人员联系及日后接收系统发送的邮件。',
    '本系统向用户发送邮件所用的系统邮箱是 noreply@accredit.example.cn，请将其加入邮箱白名单。',
    '预申请业务信息很重要，要选择相应的业务并填写对应的描述信息。应至少选择一项，并在选项对应的输入框中填写选择该领域的相关情况说明。',
    '组织机构代码，请填写时去掉中间的“-”，如 XXXXXXXX-L 直接填写为 XXXXXXXXL；也可填写18位统一社会信用代码。',
    '页面中标注红色星号的为必填项，如果漏填，系统将无法提交所填信息。',
  ],
};

const DEMO_NOTICES = [
  { module: 'exam', category: 'news', title: '关于2027年度认证人员注册全国统一考试报名的通知', body: '2027年度第一次认证人员注册全国统一考试报名工作即将开始，请考生在报名时间内完成网上报名与缴费。', days: 1 },
  { module: 'accreditation', category: 'news', title: '实验室认可预申请系统操作说明', body: '新机构用户请先进行预申请，预申请通过后系统将向联系人邮箱发送账号信息。', days: 3 },
  { module: 'review', category: 'document', title: '鉴定评审工作程序（2026年修订版）', body: '本程序规定了鉴定评审的申请、约请、商洽、现场评审、整改与评价等环节的要求。', days: 7 },
  { module: 'membership', category: 'news', title: '2027年度会员会费缴纳通知', body: '请各会员单位于规定时间内通过平台上传转账凭证，财务确认后即完成缴费。', days: 10 },
  { module: 'personnel', category: 'news', title: '检验检测人员换证报名须知', body: '换证报名须上传签字后的申请表扫描件，照片须为近期免冠证件照。', days: 14 },
] as const;

export async function seedDemo(db: Db): Promise<{ created: number }> {
  let created = 0;

  for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
    const r = await db.insert(siteSettings).values({ key, value }).onConflictDoNothing().returning({ key: siteSettings.key });
    created += r.length;
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

  return { created };
}

import { and, eq } from 'drizzle-orm';
import { applications, certificates, documents, organizations, users } from '@/db/schema';
import type { Db } from '@/db';
import { DEMO_DOCUMENT } from '@/lib/modules/membership/changes/demo-job-type';
import { FILING } from '@/lib/modules/membership/filing/constants';
import { INFO_CHANGE } from '@/lib/modules/membership/info-change/constants';
import { MEMBER_CERTIFICATE, nextMemberNumber } from '@/lib/modules/membership/member';
import type { Actor } from '@/lib/platform/auth/actor';
import { hashPassword } from '@/lib/platform/auth/password';
import { issueCertificate, SYSTEM as CERTIFICATE_ISSUER } from '@/lib/platform/certificates';
import { addMonths } from '@/lib/platform/certificates/service';
import { enqueueJob } from '@/lib/platform/jobs';
import { createApplication, transition } from '@/lib/platform/workflow';
import { creditCodeCheckChar } from '@/lib/reference/validators';

/**
 * Module B's change flows in the demo (SPEC §8): an enterprise registered in
 * Zhejiang (outside the association's province, 安徽) whose out-of-province
 * filing waits for review; the demo enterprise (orgdemo) as a member with its
 * member certificate (for 证书补办) and an information change of it waiting
 * for review. Both go through the engine, as the
 * enterprise would submit them. Idempotent: keyed by the enterprise's credit
 * code and by the kind of application each organization already has.
 */
const body = '91330106MA2KFL8A1';
export const DEMO_FILING_ORG = {
  username: 'orgzj',
  password: 'Org12345',
  name: '杭州安防科技工程有限公司',
  creditCode: body + creditCodeCheckChar(body),
  mobile: '13900000003',
  regionCode: '330106',
} as const;

/** The organization's main account acting in the seed (no request, so no session). */
async function mainAccount(db: Db, orgId: string): Promise<Actor | null> {
  const [u] = await db.select().from(users).where(and(eq(users.orgId, orgId), eq(users.isOrgMain, true)));
  if (!u) return null;
  return { kind: 'organization', id: u.id, name: u.name, sessionId: 'demo-seed', mustChangePassword: false, orgId, isMain: true, modules: [] };
}

const hasApplication = async (db: Db, orgId: string, kind: string) => (await db.select({ id: applications.id }).from(applications).where(and(eq(applications.orgId, orgId), eq(applications.kind, kind))).limit(1)).length > 0;

/** A required document of a demo application: its row now, its sample file stored by a job once storage runs. */
async function demoDocument(db: Db, applicationId: string, orgId: string, uploadedBy: string, slot: string, fileName: string) {
  await db.transaction(async (tx) => {
    const [doc] = await tx
      .insert(documents)
      .values({ applicationId, orgId, slot, storageKey: `demo/membership/${applicationId}/${slot}.pdf`, fileName, contentType: 'application/pdf', size: 0, uploadedBy })
      .returning({ id: documents.id });
    await enqueueJob(tx, DEMO_DOCUMENT, { documentId: doc.id }, { dedupeKey: `membership-demo-document:${doc.id}` });
  });
}

export async function seedDemoMembershipChanges(db: Db, demoOrgCreditCode: string): Promise<number> {
  let created = 0;

  // An enterprise registered in Hangzhou: outside Anhui, so it files here.
  const o = DEMO_FILING_ORG;
  const [org] = await db
    .insert(organizations)
    .values({ name: o.name, creditCode: o.creditCode, regionCode: o.regionCode, address: '浙江省杭州市西湖区天目山路200号', contactName: '沈杰', contactPhone: o.mobile, landline: '0571-8765 4321', legalRepresentative: '沈国强', email: 'zjaf@example.com' })
    .onConflictDoNothing({ target: organizations.creditCode })
    .returning({ id: organizations.id });
  if (org) {
    await db.insert(users).values({ kind: 'organization', username: o.username, name: o.name, mobile: o.mobile, orgId: org.id, isOrgMain: true, passwordHash: await hashPassword(o.password) }).onConflictDoNothing();
    created++;
  }
  const [filingOrg] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.creditCode, o.creditCode));
  const filer = filingOrg ? await mainAccount(db, filingOrg.id) : null;
  if (filingOrg && filer && filer.kind === 'organization' && !(await hasApplication(db, filingOrg.id, FILING))) {
    const app = await createApplication(db, filer, { kind: FILING, data: {}, draft: true });
    await demoDocument(db, app.id, filingOrg.id, filer.id, 'business_license', '营业执照.pdf');
    await demoDocument(db, app.id, filingOrg.id, filer.id, 'branch_proof', '合肥项目部经营场所租赁合同.pdf');
    await transition(db, filer, {
      applicationId: app.id,
      event: 'submit',
      data: {
        branchName: '杭州安防科技工程有限公司合肥项目部',
        branchAddress: '安徽省合肥市蜀山区长江西路100号',
        responsibleName: '沈杰',
        responsibleMobile: o.mobile,
        business: '安全技术防范系统（视频监控、出入口控制）设计、施工与维护',
        periodFrom: '2027-01-01',
        periodTo: '2028-12-31',
      },
    });
    created++;
  }

  const [demoOrg] = await db.select({ id: organizations.id, name: organizations.name, creditCode: organizations.creditCode }).from(organizations).where(eq(organizations.creditCode, demoOrgCreditCode));

  // The demo enterprise is a member: its member certificate is what 证书补办 offers.
  if (demoOrg && !(await db.select({ id: certificates.id }).from(certificates).where(and(eq(certificates.holderOrgId, demoOrg.id), eq(certificates.type, MEMBER_CERTIFICATE))).limit(1)).length) {
    await db.transaction(async (tx) => {
      const issuedAt = new Date();
      await issueCertificate(tx, CERTIFICATE_ISSUER, {
        type: MEMBER_CERTIFICATE,
        holderOrgId: demoOrg.id,
        holderName: demoOrg.name,
        subject: { level: '会员单位', memberNumber: await nextMemberNumber(tx, issuedAt), creditCode: demoOrg.creditCode ?? undefined },
        issuedAt,
        validUntil: addMonths(issuedAt, 12),
      });
    });
    created++;
  }

  // The demo enterprise asks to change its contact details (no licence needed for those).
  const applicant = demoOrg ? await mainAccount(db, demoOrg.id) : null;
  if (demoOrg && applicant && !(await hasApplication(db, demoOrg.id, INFO_CHANGE))) {
    await createApplication(db, applicant, {
      kind: INFO_CHANGE,
      data: { changes: { contactName: '周敏', landline: '0571-88880001', email: 'zhoumin@example.com' }, reason: '原联系人岗位调整，变更单位联系人及联系方式' },
      thenFire: 'submit',
    });
    created++;
  }
  return created;
}

import { and, eq } from 'drizzle-orm';
import { applications, bankTransfers, certificates, documents, noticeServings, orders, organizations, staffRoles, users } from '@/db/schema';
import type { Db } from '@/db';
import { DEMO_DOCUMENT } from '@/lib/modules/membership/changes/demo-job-type';
import { MEMBERSHIP_APPLICATION, MEMBERSHIP_NOTICE } from '@/lib/modules/membership/kind';
import { MEMBER_CERTIFICATE, nextMemberNumber } from '@/lib/modules/membership/member';
import type { Actor } from '@/lib/platform/auth/actor';
import { hashPassword } from '@/lib/platform/auth/password';
import { issueCertificate, SYSTEM as CERTIFICATE_ISSUER } from '@/lib/platform/certificates';
import { addMonths } from '@/lib/platform/certificates/service';
import { BANK_TRANSFER_SLOT } from '@/lib/platform/documents/slots';
import { enqueueJob } from '@/lib/platform/jobs';
import { submitBankTransfer } from '@/lib/platform/payments/bank-transfer';
import { createApplication, transition } from '@/lib/platform/workflow';
import { creditCodeCheckChar } from '@/lib/reference/validators';

/**
 * Module B 入会 in the demo (SPEC §8, issue #12 deliverable 10): the enterprise
 * holding 二级 (`qualdemo`, demo-qualification.ts) is also a member; another
 * enterprise's membership waits for finance — reviewed and approved, mail
 * delivery chosen, its bank-transfer screenshot submitted — so 财务 sees it at
 * 转账确认. Everything goes through the engine and the payment layer as the
 * enterprise and the reviewer would. Idempotent: keyed by credit codes and by
 * the application each enterprise already has.
 */
const body = '91340104MA2N0HY5A';
export const DEMO_MEMBERSHIP_PAYING = {
  username: 'memberpay',
  password: 'Member123',
  name: '合肥守正安防技术有限公司',
  creditCode: body + creditCodeCheckChar(body),
  mobile: '13900000031',
  regionCode: '340104',
} as const;

async function mainAccount(db: Db, orgId: string): Promise<Extract<Actor, { kind: 'organization' }> | null> {
  const [u] = await db.select().from(users).where(and(eq(users.orgId, orgId), eq(users.isOrgMain, true)));
  return u ? { kind: 'organization', id: u.id, name: u.name, sessionId: 'demo-seed', mustChangePassword: false, orgId, isMain: true, modules: [] } : null;
}

async function demoReviewer(db: Db): Promise<Actor | null> {
  const [u] = await db.select().from(users).where(eq(users.username, 'reviewer'));
  if (!u) return null;
  const roles = await db.select({ role: staffRoles.role, module: staffRoles.module }).from(staffRoles).where(eq(staffRoles.userId, u.id));
  return { kind: 'staff', id: u.id, name: u.name, sessionId: 'demo-seed', mustChangePassword: false, roles: roles as Extract<Actor, { kind: 'staff' }>['roles'] };
}

/** A document row now; its sample file (PDF, or a PNG for images) is stored by a job once storage runs. */
async function demoDocument(db: Db, v: { applicationId: string | null; ownerUserId: string | null; orgId: string; uploadedBy: string; slot: string; fileName: string; contentType: 'application/pdf' | 'image/png' }) {
  return db.transaction(async (tx) => {
    const ext = v.contentType === 'image/png' ? 'png' : 'pdf';
    const [doc] = await tx
      .insert(documents)
      .values({
        applicationId: v.applicationId,
        ownerUserId: v.ownerUserId,
        orgId: v.orgId,
        slot: v.slot,
        storageKey: `demo/membership/${v.applicationId ?? v.ownerUserId}/${v.slot}.${ext}`,
        fileName: v.fileName,
        contentType: v.contentType,
        size: 0,
        uploadedBy: v.uploadedBy,
      })
      .returning({ id: documents.id });
    await enqueueJob(tx, DEMO_DOCUMENT, { documentId: doc.id }, { dedupeKey: `membership-demo-document:${doc.id}` });
    return doc.id;
  });
}

/** Makes an organization a member (its member certificate), unless it is one already. */
async function makeMember(db: Db, org: { id: string; name: string; creditCode: string | null }, level: string): Promise<number> {
  const [held] = await db.select({ id: certificates.id }).from(certificates).where(and(eq(certificates.holderOrgId, org.id), eq(certificates.type, MEMBER_CERTIFICATE))).limit(1);
  if (held) return 0;
  await db.transaction(async (tx) => {
    const issuedAt = new Date();
    await issueCertificate(tx, CERTIFICATE_ISSUER, {
      type: MEMBER_CERTIFICATE,
      holderOrgId: org.id,
      holderName: org.name,
      subject: { level, memberNumber: await nextMemberNumber(tx, issuedAt), creditCode: org.creditCode ?? undefined },
      issuedAt,
      validUntil: addMonths(issuedAt, 12),
    });
  });
  return 1;
}

export async function seedDemoMembership(db: Db, qualificationHolderCreditCode: string): Promise<number> {
  let created = 0;

  // The enterprise holding 二级 is a council member (理事单位) too: member, qualification due for its annual review.
  const [holder] = await db.select({ id: organizations.id, name: organizations.name, creditCode: organizations.creditCode }).from(organizations).where(eq(organizations.creditCode, qualificationHolderCreditCode));
  if (holder) created += await makeMember(db, holder, '理事单位');

  // An enterprise whose membership waits for finance to confirm its transfer.
  const o = DEMO_MEMBERSHIP_PAYING;
  const [fresh] = await db
    .insert(organizations)
    .values({ name: o.name, creditCode: o.creditCode, regionCode: o.regionCode, address: '安徽省合肥市包河区徽州大道1000号', legalRepresentative: '陈守正', contactName: '陈晓', contactPhone: o.mobile, landline: '0551-6288 0000', email: 'szaf@example.com' })
    .onConflictDoNothing({ target: organizations.creditCode })
    .returning({ id: organizations.id });
  if (fresh) {
    await db.insert(users).values({ kind: 'organization', username: o.username, name: o.name, mobile: o.mobile, orgId: fresh.id, isOrgMain: true, passwordHash: await hashPassword(o.password) }).onConflictDoNothing();
    created++;
  }
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.creditCode, o.creditCode));
  const applicant = org ? await mainAccount(db, org.id) : null;
  const reviewer = await demoReviewer(db);
  const [already] = org ? await db.select({ id: applications.id }).from(applications).where(and(eq(applications.orgId, org.id), eq(applications.kind, MEMBERSHIP_APPLICATION))).limit(1) : [];
  if (!org || !applicant || !reviewer || already) return created;

  const app = await createApplication(db, applicant, { kind: MEMBERSHIP_APPLICATION, data: {}, draft: true });
  await demoDocument(db, { applicationId: app.id, ownerUserId: null, orgId: org.id, uploadedBy: applicant.id, slot: 'license', fileName: '营业执照.pdf', contentType: 'application/pdf' });
  // The 入会须知 was read for its 15 seconds before the enterprise submitted.
  await db.insert(noticeServings).values({ noticeKey: MEMBERSHIP_NOTICE, userId: applicant.id, servedAt: new Date(Date.now() - 10 * 60_000), acceptedAt: new Date(Date.now() - 9 * 60_000) });
  await transition(db, applicant, {
    applicationId: app.id,
    event: 'submit',
    data: {
      companyName: o.name,
      creditCode: o.creditCode,
      legalRepresentative: '陈守正',
      registeredAddress: '安徽省合肥市包河区徽州大道1000号',
      businessScope: '安全技术防范系统设计、施工、维修；电子与智能化工程；计算机信息系统集成',
      staffTotal: 86,
      technicalStaff: 34,
      grade: 'regular',
      contactName: '陈晓',
      contactMobile: o.mobile,
      contactEmail: 'szaf@example.com',
    },
  });
  await transition(db, reviewer, { applicationId: app.id, event: 'approve', opinion: '材料齐全，同意入会。' });
  await transition(db, applicant, { applicationId: app.id, event: 'chooseDelivery', data: { method: 'mail', recipient: '陈晓', phone: o.mobile, address: '安徽省合肥市包河区徽州大道1000号 守正安防综合部' } });
  const [order] = await db.select({ id: orders.id }).from(orders).where(and(eq(orders.userId, applicant.id), eq(orders.status, 'unpaid'))).limit(1);
  if (order) {
    const [waiting] = await db.select({ id: bankTransfers.id }).from(bankTransfers).where(eq(bankTransfers.orderId, order.id)).limit(1);
    if (!waiting) {
      const screenshot = await demoDocument(db, { applicationId: null, ownerUserId: applicant.id, orgId: org.id, uploadedBy: applicant.id, slot: BANK_TRANSFER_SLOT, fileName: 'transfer-receipt.png', contentType: 'image/png' });
      await submitBankTransfer(db, applicant, { orderId: order.id, documentId: screenshot, mobile: o.mobile });
    }
  }
  return created + 1;
}

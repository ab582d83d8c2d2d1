import { and, desc, eq, sql } from 'drizzle-orm';
import { applicationCounters, applications, certificates, type Application } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { rawCatalogs } from '@/messages/catalog';
import { issueCertificate, SYSTEM as CERTIFICATE_ISSUER } from '@/lib/platform/certificates';
import { addMonths } from '@/lib/platform/certificates/service';
import { AppError } from '@/lib/platform/errors';
import { getSetting } from '@/lib/platform/settings';
import { MEMBERSHIP_GRADES, type MembershipData, type MembershipGrade } from './schemas';

/** The member certificate's type in the platform registry (numbers HY<yyyy><seq:6>). */
export const MEMBER_CERTIFICATE = 'membership.member';
export const DUES_SETTING = 'membership.dues';
export const TERM_SETTING = 'membership.termMonths';

export type Dues = Record<MembershipGrade, number>;

/** The configured dues per grade, in fen. */
export async function membershipDues(db: DbOrTx): Promise<Dues> {
  const raw = await getSetting<Partial<Record<string, unknown>>>(db, DUES_SETTING);
  return Object.fromEntries(MEMBERSHIP_GRADES.map((g) => [g, Number.isInteger(raw?.[g]) ? (raw![g] as number) : NaN])) as Dues;
}

export async function membershipTermMonths(db: DbOrTx): Promise<number> {
  const months = await getSetting<unknown>(db, TERM_SETTING);
  return Number.isInteger(months) && (months as number) > 0 ? (months as number) : 12;
}

/** The dues of an application's grade (the payment step's fee). */
export async function duesFor(db: DbOrTx, app: Application): Promise<number> {
  const grade = (app.data as Partial<MembershipData>).grade;
  const dues = await membershipDues(db);
  const fen = grade ? dues[grade] : NaN;
  if (!Number.isInteger(fen) || fen < 0) throw new AppError('INTERNAL', { detail: `membership: no dues configured for grade ${String(grade)}` });
  return fen;
}

/** The grade's name in Chinese (what the certificate prints). */
export function gradeLabelZh(grade: MembershipGrade): string {
  return (rawCatalogs['zh-CN'] as unknown as { membership: { grades: Record<string, string> } }).membership.grades[grade] ?? grade;
}

const chinaYear = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(d);

/** The next member number, M<yyyy><seq:5>, from its own counter (inside the paying transaction). */
export async function nextMemberNumber(tx: DbOrTx, now = new Date()): Promise<string> {
  const year = Number(chinaYear(now));
  const [row] = await tx
    .insert(applicationCounters)
    .values({ prefix: 'membership:member', year, value: 1 })
    .onConflictDoUpdate({ target: [applicationCounters.prefix, applicationCounters.year], set: { value: sql`${applicationCounters.value} + 1` } })
    .returning({ value: applicationCounters.value });
  return `M${year}${String(row.value).padStart(5, '0')}`;
}

/**
 * The dues are paid: the enterprise becomes a member. A member number, the
 * validity (the configured term from today) and the member certificate in the
 * registry, written back into the application so its final state shows them.
 * Runs in the payment's transaction (a throw rolls the payment back).
 */
export async function admitMember(tx: DbOrTx, app: Application & { data: MembershipData }): Promise<void> {
  const issuedAt = new Date();
  const validUntil = addMonths(issuedAt, await membershipTermMonths(tx));
  const number = await nextMemberNumber(tx, issuedAt);
  const certificate = await issueCertificate(tx, CERTIFICATE_ISSUER, {
    type: MEMBER_CERTIFICATE,
    holderOrgId: app.orgId,
    holderUserId: app.orgId ? null : app.applicantUserId,
    holderName: app.data.companyName,
    subject: { level: gradeLabelZh(app.data.grade), memberNumber: number, creditCode: app.data.creditCode },
    applicationId: app.id,
    issuedAt,
    validUntil,
  });
  const member = { number, certificateNumber: certificate.number, certificateId: certificate.id, validUntil: validUntil.toISOString() };
  await tx
    .update(applications)
    .set({ data: { ...app.data, member } })
    .where(eq(applications.id, app.id));
}

/** The organization's current membership (its newest valid member certificate), or null. */
export type Membership = { memberNumber: string; certificateNumber: string; certificateId: string; grade: string; validUntil: Date | null; expired: boolean };

export async function membershipOf(db: DbOrTx, orgId: string, now = new Date()): Promise<Membership | null> {
  const [row] = await db
    .select()
    .from(certificates)
    .where(and(eq(certificates.holderOrgId, orgId), eq(certificates.type, MEMBER_CERTIFICATE), eq(certificates.status, 'valid')))
    .orderBy(desc(certificates.issuedAt))
    .limit(1);
  if (!row) return null;
  const subject = (row.subject ?? {}) as { memberNumber?: string; level?: string };
  return {
    memberNumber: subject.memberNumber ?? row.number,
    certificateNumber: row.number,
    certificateId: row.id,
    grade: subject.level ?? '',
    validUntil: row.validUntil,
    expired: !!row.validUntil && row.validUntil.getTime() < now.getTime(),
  };
}

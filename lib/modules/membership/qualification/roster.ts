import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { enterpriseStaff, type EnterpriseStaff } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { maskIdNumber } from '@/lib/reference/validators';
import { isStaffGrade, type StaffGrade } from '../staff-grades';
import type { PersonCertificate } from './schemas';

/**
 * The enterprise's technical staff roster (技术培训 → 技术人员), as the
 * qualification forms need it: current people only (removed ones keep their
 * row for the applications that attached them, but cannot be attached again).
 * The roster pages themselves live in lib/modules/membership/staff/.
 */
export type RosterPerson = {
  id: string;
  name: string;
  idMasked: string;
  grade: StaffGrade;
  title: string | null;
  position: string | null;
  certificates: PersonCertificate[];
};

export function parseCertificates(raw: unknown): PersonCertificate[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((c) => {
    const o = c as { name?: unknown; number?: unknown; validUntil?: unknown };
    if (typeof o?.name !== 'string' || !o.name.trim()) return [];
    return [{ name: o.name, number: typeof o.number === 'string' ? o.number : '', validUntil: typeof o.validUntil === 'string' ? o.validUntil : null }];
  });
}

export function toRosterPerson(row: EnterpriseStaff): RosterPerson {
  return {
    id: row.id,
    name: row.name,
    idMasked: maskIdNumber(row.idNumber),
    grade: isStaffGrade(row.grade) ? row.grade : 'junior',
    title: row.title,
    position: row.position,
    certificates: parseCertificates(row.certificates),
  };
}

/** The enterprise's current technical staff, by name. */
export async function rosterOf(db: DbOrTx, orgId: string): Promise<RosterPerson[]> {
  const rows = await db
    .select()
    .from(enterpriseStaff)
    .where(and(eq(enterpriseStaff.orgId, orgId), isNull(enterpriseStaff.removedAt)))
    .orderBy(asc(enterpriseStaff.name), asc(enterpriseStaff.createdAt));
  return rows.map(toRosterPerson);
}

/** The named people of the enterprise's current roster (others — another enterprise's, removed ones — are simply absent). */
export async function rosterPeople(db: DbOrTx, orgId: string, ids: readonly string[]): Promise<RosterPerson[]> {
  if (!ids.length) return [];
  const rows = await db
    .select()
    .from(enterpriseStaff)
    .where(and(eq(enterpriseStaff.orgId, orgId), isNull(enterpriseStaff.removedAt), inArray(enterpriseStaff.id, [...ids])));
  return rows.map(toRosterPerson);
}

import { and, asc, eq, ilike, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { createTranslator } from 'next-intl';
import { documents, enterpriseStaff } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { AppLocale } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import { audit } from '@/lib/platform/audit';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import type { Storage } from '@/lib/platform/storage/storage';
import { isUuid } from '@/lib/platform/schemas';
import { listWorkbook } from '@/lib/platform/xlsx';
import { findEducationLevel } from '@/lib/reference/education';
import { findIdType } from '@/lib/reference/id-types';
import { maskIdNumber } from '@/lib/reference/validators';
import { isStaffGrade, STAFF_GRADES, type StaffGrade } from '../staff-grades';
import { canManageTraining, requireEnterprise } from './access';
import { PHOTO_INVALID_MESSAGE, STAFF_PHOTO_SLOT, type StaffCertificate } from './schemas';

/**
 * Read models of an enterprise's technical staff roster (技术人员): the
 * current people (`removed_at is null`), always scoped by the actor's
 * organization in the query. Other parts of module B (qualification
 * applications attaching people, requirement checks) read the roster through
 * `rosterOf` and `staffByIds`.
 */
export type RosterPerson = {
  id: string;
  name: string;
  idType: string;
  /** Whole: for the owner's edit form and for snapshots. Lists show `idNumberMasked`. */
  idNumber: string;
  idNumberMasked: string;
  gender: string | null;
  birthDate: string | null;
  /** lib/reference education code. */
  education: string | null;
  title: string | null;
  position: string | null;
  grade: StaffGrade;
  certificates: StaffCertificate[];
  /** Where the photo is read (`/api/membership/staff/<id>/photo`), or null. */
  photoUrl: string | null;
  photoDocumentId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type StaffRecord = RosterPerson & { orgId: string; removed: boolean };

const gradeRank = sql`case ${enterpriseStaff.grade} when 'senior' then 0 when 'intermediate' then 1 else 2 end`;

function certificatesOf(v: unknown): StaffCertificate[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((c): c is Record<string, unknown> => !!c && typeof c === 'object')
    .map((c) => ({ name: String(c.name ?? ''), number: String(c.number ?? ''), validUntil: typeof c.validUntil === 'string' && c.validUntil ? c.validUntil : null }));
}

function toRecord(r: typeof enterpriseStaff.$inferSelect): StaffRecord {
  return {
    id: r.id,
    orgId: r.orgId,
    name: r.name,
    idType: r.idType,
    idNumber: r.idNumber,
    idNumberMasked: maskIdNumber(r.idNumber),
    gender: r.gender,
    birthDate: r.birthDate,
    education: r.education,
    title: r.title,
    position: r.position,
    grade: isStaffGrade(r.grade) ? r.grade : 'junior',
    certificates: certificatesOf(r.certificates),
    photoUrl: r.photoDocumentId ? `/api/membership/staff/${r.id}/photo` : null,
    photoDocumentId: r.photoDocumentId,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    removed: r.removedAt !== null,
  };
}

/** A record without what only the module's own callers need (the organization, the removed flag). */
function asPerson(r: StaffRecord): RosterPerson {
  const person: Partial<StaffRecord> = { ...r };
  delete person.orgId;
  delete person.removed;
  return person as RosterPerson;
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

/** Name contains the text, or (4+ characters of digits/X) the ID number does. */
function searchWhere(q: string | undefined): SQL | undefined {
  const text = q?.trim();
  if (!text) return undefined;
  const like = `%${escapeLike(text)}%`;
  return /^[0-9Xx]{4,}$/.test(text) ? or(ilike(enterpriseStaff.name, like), ilike(enterpriseStaff.idNumber, `%${escapeLike(text.toUpperCase())}%`)) : ilike(enterpriseStaff.name, like);
}

/**
 * The current technical staff of the actor's enterprise (main account, or a
 * sub-account with the 'membership' module), highest grade first, then by
 * name. FORBIDDEN for anyone else.
 */
export async function rosterOf(db: DbOrTx, actor: Actor, opts: { q?: string } = {}): Promise<RosterPerson[]> {
  const org = requireEnterprise(actor);
  const rows = await db
    .select()
    .from(enterpriseStaff)
    .where(and(eq(enterpriseStaff.orgId, org.orgId), isNull(enterpriseStaff.removedAt), searchWhere(opts.q)))
    .orderBy(gradeRank, asc(enterpriseStaff.name), asc(enterpriseStaff.createdAt));
  return rows.map((r) => asPerson(toRecord(r)));
}

/** How many current people of each grade the actor's enterprise has. */
export async function rosterGradeCounts(db: DbOrTx, actor: Actor): Promise<Record<StaffGrade, number>> {
  const people = await rosterOf(db, actor);
  return Object.fromEntries(STAFF_GRADES.map((g) => [g, people.filter((p) => p.grade === g).length])) as Record<StaffGrade, number>;
}

/**
 * People of one enterprise by id (current and removed: an application that
 * attached someone still reads them after removal; `removed` says so). Ids of
 * other enterprises, malformed or unknown ids are simply absent. The caller
 * has established that it acts for `orgId` (its own actor, or staff).
 */
export async function staffByIds(db: DbOrTx, orgId: string, ids: readonly string[]): Promise<StaffRecord[]> {
  const wanted = [...new Set(ids.filter(isUuid))];
  if (!wanted.length || !isUuid(orgId)) return [];
  const rows = await db
    .select()
    .from(enterpriseStaff)
    .where(and(eq(enterpriseStaff.orgId, orgId), inArray(enterpriseStaff.id, wanted)))
    .orderBy(gradeRank, asc(enterpriseStaff.name));
  return rows.map(toRecord);
}

/** One current person of the actor's enterprise, whole ID number included (the owner's edit form); null when not theirs or removed. */
export async function staffPersonForEdit(db: DbOrTx, actor: Actor, id: string): Promise<RosterPerson | null> {
  const org = requireEnterprise(actor);
  if (!isUuid(id)) return null;
  const [row] = await db
    .select()
    .from(enterpriseStaff)
    .where(and(eq(enterpriseStaff.id, id), eq(enterpriseStaff.orgId, org.orgId), isNull(enterpriseStaff.removedAt)));
  return row ? asPerson(toRecord(row)) : null;
}

/** The photo a form may attach: a current file of the staff-photo slot uploaded by this enterprise; BAD_INPUT otherwise. */
export async function assertStaffPhoto(db: DbOrTx, orgId: string, documentId: string | null): Promise<void> {
  if (!documentId) return;
  const [doc] = await db
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.id, documentId), eq(documents.slot, STAFF_PHOTO_SLOT), eq(documents.orgId, orgId), ne(documents.status, 'deleted')));
  if (!doc) throw new AppError('BAD_INPUT', { fieldErrors: { photoDocumentId: [PHOTO_INVALID_MESSAGE] } });
}

/**
 * A roster photo's bytes: for the person's own enterprise (main account or a
 * sub-account with the module) and for module-B staff. Anyone else, a removed
 * person, or a person without a photo: NOT_FOUND (the same answer).
 */
export async function readStaffPhoto(db: DbOrTx, storage: Storage, actor: Actor, staffId: string): Promise<{ bytes: Uint8Array; contentType: string; fileName: string }> {
  if (!isUuid(staffId)) throw new AppError('NOT_FOUND');
  let scope: SQL;
  if (canManageTraining(actor)) scope = sql`true`;
  else if (actor.kind === 'organization') {
    try {
      scope = eq(enterpriseStaff.orgId, requireEnterprise(actor).orgId);
    } catch {
      throw new AppError('NOT_FOUND');
    }
  } else throw new AppError('NOT_FOUND');
  const [row] = await db
    .select({ key: documents.storageKey, contentType: documents.contentType, fileName: documents.fileName })
    .from(enterpriseStaff)
    .innerJoin(documents, eq(documents.id, enterpriseStaff.photoDocumentId))
    .where(and(eq(enterpriseStaff.id, staffId), isNull(enterpriseStaff.removedAt), ne(documents.status, 'deleted'), scope));
  if (!row) throw new AppError('NOT_FOUND');
  const bytes = await storage.get(row.key);
  if (!bytes) throw new AppError('NOT_FOUND');
  return { bytes, contentType: row.contentType, fileName: row.fileName };
}

/**
 * The roster as .xlsx for its enterprise (ID numbers masked, as in the list),
 * audited as a data export.
 */
export async function exportRoster(db: DbOrTx, actor: Actor, opts: { ip: string | null; locale: AppLocale }): Promise<{ body: Buffer; rows: number }> {
  const org = requireEnterprise(actor);
  const people = await rosterOf(db, actor);
  const tAll = createTranslator({ locale: opts.locale, messages: messagesFor(opts.locale) });
  const t = (k: string, v?: Record<string, string>) => tAll(`membershipStaff.${k}` as never, v as never);
  const c = (k: string) => t(`roster.columns.${k}`);
  const body = await listWorkbook(
    t('roster.sheetName'),
    [
      { header: c('name'), width: 12, value: (p: RosterPerson) => p.name },
      { header: c('idType'), width: 16, value: (p) => (opts.locale === 'en' ? findIdType(p.idType)?.labelEn : findIdType(p.idType)?.label) ?? p.idType },
      { header: c('idNumber'), width: 22, value: (p) => p.idNumberMasked },
      { header: c('gender'), width: 8, value: (p) => (p.gender ? t(`genders.${p.gender}`) : '') },
      { header: c('birthDate'), width: 12, value: (p) => p.birthDate ?? '' },
      { header: c('education'), width: 12, value: (p) => (p.education ? (findEducationLevel(p.education)?.name ?? p.education) : '') },
      { header: c('title'), width: 14, value: (p) => p.title ?? '' },
      { header: c('position'), width: 14, value: (p) => p.position ?? '' },
      { header: c('grade'), width: 10, value: (p) => tAll(`membership.staffGrades.${p.grade}` as never) },
      {
        header: c('certificates'),
        width: 48,
        value: (p) => p.certificates.map((x) => `${x.name}（${x.number}${x.validUntil ? `，${t('roster.validUntil', { date: x.validUntil })}` : ''}）`).join('；'),
      },
    ],
    people,
  );
  await audit(db, { action: 'data.export', actorId: org.id, targetType: 'enterprise_staff', targetId: org.orgId, ip: opts.ip, detail: { rows: people.length } });
  return { body, rows: people.length };
}

import { and, count, desc, eq, gt, ilike, isNull, like, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { certificates, organizations, users } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { maskIdNumber } from '@/lib/reference/validators';
import { audit } from '../audit';
import type { Actor } from '../auth/actor';
import { AppError } from '../errors';
import { CERTIFICATE_READER_ROLES, canManageModule, canSeeCertificates, holderScope, readScope, staffModules } from './access';
import { certificateState, subjectRows } from './present';
import { findCertificateType, allCertificateTypes } from './registry';
import type { CertificateFilter, CertificateState } from './schemas';

/**
 * Read models of the registry for pages and exports (pages import no
 * drizzle): 我的证书 for holders and the staff search. Both are scoped in the
 * query (access.ts), never filtered afterwards.
 */
export type CertificateListItem = {
  id: string;
  type: string;
  /** Message key of the type's name. */
  typeKey: string;
  module: string;
  number: string;
  holderName: string;
  /** The holder's ID number or the organization's credit code, masked (staff lists only). */
  holderIdMasked: string | null;
  /** Labelled subject rows (Chinese). */
  subject: Array<readonly [string, string]>;
  issuedAt: Date;
  validUntil: Date | null;
  state: CertificateState;
  replacedByNumber: string | null;
  /** Staff only. */
  voidReason: string | null;
  /** Whether the reader may renew / replace / void it (staff of the module, valid or expired). */
  canManage: boolean;
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function stateCondition(state: CertificateState | undefined): SQL | undefined {
  switch (state) {
    case 'valid':
      return and(eq(certificates.status, 'valid'), or(isNull(certificates.validUntil), gt(certificates.validUntil, sql`now()`)));
    case 'expired':
      return and(eq(certificates.status, 'valid'), lte(certificates.validUntil, sql`now()`));
    case 'suspended':
    case 'void':
    case 'replaced':
      return eq(certificates.status, state);
    default:
      return undefined;
  }
}

function filterCondition(f: CertificateFilter): SQL | undefined {
  const q = f.q?.trim();
  return and(
    f.type ? eq(certificates.type, f.type) : undefined,
    stateCondition(f.status),
    q ? or(like(certificates.number, `${escapeLike(q.toUpperCase())}%`), like(certificates.number, `${escapeLike(q)}%`), ilike(certificates.holderName, `%${escapeLike(q)}%`)) : undefined,
  );
}

const next = alias(certificates, 'replacing');

function baseSelect(db: DbOrTx) {
  return db
    .select({ c: certificates, replacedByNumber: next.number, idNumber: users.idNumber, creditCode: organizations.creditCode })
    .from(certificates)
    .leftJoin(next, eq(next.id, certificates.replacedById))
    .leftJoin(users, eq(users.id, certificates.holderUserId))
    .leftJoin(organizations, eq(organizations.id, certificates.holderOrgId));
}

type Row = Awaited<ReturnType<ReturnType<typeof baseSelect>['where']>>[number];

function toItem(actor: Actor, r: Row, staff: boolean): CertificateListItem {
  const c = r.c;
  const state = certificateState(c);
  const id = r.creditCode ?? r.idNumber;
  return {
    id: c.id,
    type: c.type,
    typeKey: findCertificateType(c.type)?.labelKey ?? 'certificates.genericType',
    module: c.module,
    number: c.number,
    holderName: c.holderName,
    holderIdMasked: staff && id ? maskIdNumber(id) : null,
    subject: subjectRows(c.type, c.subject),
    issuedAt: c.issuedAt,
    validUntil: c.validUntil,
    state,
    replacedByNumber: r.replacedByNumber,
    voidReason: staff ? c.voidReason : null,
    canManage: staff && c.status === 'valid' && canManageModule(actor, c.module),
  };
}

/** 我的证书: the holder's own certificates (an organization's, within a sub-account's modules), newest first. */
export async function listMyCertificates(db: DbOrTx, actor: Actor): Promise<CertificateListItem[]> {
  if (actor.kind !== 'individual' && actor.kind !== 'organization') return [];
  const rows = await baseSelect(db).where(holderScope(actor)).orderBy(desc(certificates.issuedAt), desc(certificates.id)).limit(500);
  return rows.map((r) => toItem(actor, r, false));
}

/**
 * The certificates issued for one application (its approval's member,
 * filing, qualification certificate …), within the reader's scope: the holder
 * or staff of the module. For the application pages.
 */
export async function certificatesOfApplication(db: DbOrTx, actor: Actor, applicationId: string): Promise<CertificateListItem[]> {
  if (actor.kind === 'anonymous') return [];
  const rows = await baseSelect(db)
    .where(and(eq(certificates.applicationId, applicationId), readScope(actor)))
    .orderBy(desc(certificates.issuedAt), desc(certificates.id))
    .limit(20);
  return rows.map((r) => toItem(actor, r, actor.kind === 'staff'));
}

export const CERTIFICATES_PAGE_SIZE = 50;
export const CERTIFICATES_EXPORT_MAX = 5000;

/** The staff search: offset pages of 50 within the modules the reader holds, with the total. */
export async function searchCertificates(db: DbOrTx, actor: Actor, f: CertificateFilter): Promise<{ items: CertificateListItem[]; total: number; page: number; pages: number }> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (!canSeeCertificates(actor)) throw new AppError('FORBIDDEN');
  const where = and(readScope(actor), filterCondition(f));
  const page = f.page ?? 1;
  const [rows, [{ total }]] = await Promise.all([
    baseSelect(db)
      .where(where)
      .orderBy(desc(certificates.issuedAt), desc(certificates.id))
      .limit(CERTIFICATES_PAGE_SIZE)
      .offset((page - 1) * CERTIFICATES_PAGE_SIZE),
    db.select({ total: count() }).from(certificates).where(where),
  ]);
  return { items: rows.map((r) => toItem(actor, r, true)), total, page, pages: Math.max(1, Math.ceil(total / CERTIFICATES_PAGE_SIZE)) };
}

/** The filtered list for the Excel export (at most 5000 rows), recorded in the audit log. */
export async function exportCertificates(db: DbOrTx, actor: Actor, f: CertificateFilter, opts: { ip?: string | null } = {}): Promise<{ items: CertificateListItem[]; truncated: boolean }> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (!canSeeCertificates(actor) || actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  const rows = await baseSelect(db)
    .where(and(readScope(actor), filterCondition(f)))
    .orderBy(desc(certificates.issuedAt), desc(certificates.id))
    .limit(CERTIFICATES_EXPORT_MAX + 1);
  const truncated = rows.length > CERTIFICATES_EXPORT_MAX;
  await audit(db, { action: 'certificates.exported', actorId: actor.id, targetType: 'certificate', ip: opts.ip, detail: { filter: { ...f, page: undefined }, rows: Math.min(rows.length, CERTIFICATES_EXPORT_MAX) } });
  return { items: rows.slice(0, CERTIFICATES_EXPORT_MAX).map((r) => toItem(actor, r, true)), truncated };
}

/** The registered types the reader may filter by (label keys for the select). */
export function certificateTypesFor(actor: Actor): Array<{ type: string; labelKey: string; module: string }> {
  const mods = staffModules(actor, CERTIFICATE_READER_ROLES);
  return allCertificateTypes()
    .filter((t) => mods === 'all' || mods.includes(t.module))
    .map((t) => ({ type: t.type, labelKey: t.labelKey, module: t.module }));
}

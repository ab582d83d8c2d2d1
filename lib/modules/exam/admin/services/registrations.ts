import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { examAreas, examRegistrations, examSessions, examSubjects, orders, registrationSubjects, users } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { maskIdNumber, maskMobile } from '@/lib/reference/validators';
import { isRegistrationStatus, PAY_STATES, REGISTRATION_STATUSES, UNPAID_STATUSES, type PayState, type RegistrationStatus } from '../schemas';
import { EXAM_ORDER_SUBJECT_TYPE, requireExamAdmin } from './access';
import { isUuid } from '@/lib/platform/schemas';

/**
 * Staff lists of an exam's registrations (SPEC §5.11). ID numbers and mobiles
 * are masked here, before anything leaves the server (SPEC §1.6); the whole
 * values are only in registrationDetail, the per-candidate view.
 */
/** `pay`: paid, or live and not paid yet (UNPAID_STATUSES) — the dashboard's paid / unpaid figures link here. */
export type RegistrationFilter = { status?: RegistrationStatus; pay?: PayState; areaId?: string; q?: string; page: number };
export const REGISTRATIONS_PAGE_SIZE = 50;

export function registrationFilterFrom(sp: Record<string, string | string[] | undefined>): RegistrationFilter {
  const one = (k: string) => (typeof sp[k] === 'string' ? (sp[k] as string).trim() : '');
  const status = one('status');
  const area = one('area');
  const page = Number.parseInt(one('page'), 10);
  const pay = one('pay');
  return {
    status: isRegistrationStatus(status) ? status : undefined,
    pay: (PAY_STATES as readonly string[]).includes(pay) ? (pay as PayState) : undefined,
    areaId: isUuid(area) ? area : undefined,
    q: one('q').slice(0, 50) || undefined,
    page: Number.isFinite(page) && page > 0 ? Math.min(page, 10_000) : 1,
  };
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

/** Name contains the text; an ID number or mobile contains it once it is 4+ digits (the tail staff read off a masked number). */
function searchWhere(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const like = `%${escapeLike(q)}%`;
  const digits = /^[0-9Xx]{4,}$/.test(q);
  return or(ilike(users.name, like), digits ? ilike(users.idNumber, `%${escapeLike(q.toUpperCase())}%`) : undefined, digits ? ilike(users.mobile, like) : undefined);
}

const subjectsOf = sql<string>`coalesce((
  select string_agg(s.name, '、' order by ss.starts_at)
  from ${registrationSubjects} rs join ${examSubjects} s on s.id = rs.subject_id join ${examSessions} ss on ss.id = rs.session_id
  where rs.registration_id = ${examRegistrations.id}), '')`;
const amountOf = sql<number>`coalesce((
  select sum(s.fee_fen) from ${registrationSubjects} rs join ${examSubjects} s on s.id = rs.subject_id
  where rs.registration_id = ${examRegistrations.id}), 0)`.mapWith(Number);

export type RegistrationRow = {
  id: string;
  name: string;
  idType: string | null;
  idNumber: string;
  mobile: string;
  area: string | null;
  subjects: string;
  amountFen: number;
  status: string;
  /** 准考证号 once the exam's tickets are released (paid registrations). */
  ticketNumber: string | null;
  createdAt: Date;
  updatedAt: Date;
};

async function rowsFor(db: DbOrTx, examId: string, f: RegistrationFilter, limit: number, offset: number): Promise<RegistrationRow[]> {
  const rows = await db
    .select({
      id: examRegistrations.id,
      name: users.name,
      idType: users.idType,
      idNumber: users.idNumber,
      mobile: users.mobile,
      area: examAreas.name,
      subjects: subjectsOf,
      amountFen: amountOf,
      status: examRegistrations.status,
      ticketNumber: examRegistrations.ticketNumber,
      createdAt: examRegistrations.createdAt,
      updatedAt: examRegistrations.updatedAt,
    })
    .from(examRegistrations)
    .innerJoin(users, eq(users.id, examRegistrations.userId))
    .leftJoin(examAreas, eq(examAreas.id, examRegistrations.areaId))
    .where(whereOf(examId, f))
    .orderBy(desc(examRegistrations.createdAt), desc(examRegistrations.id))
    .limit(limit)
    .offset(offset);
  return rows.map((r) => ({ ...r, idNumber: r.idNumber ? maskIdNumber(r.idNumber) : '', mobile: r.mobile ? maskMobile(r.mobile) : '' }));
}

function whereOf(examId: string, f: RegistrationFilter): SQL | undefined {
  return and(
    eq(examRegistrations.examId, examId),
    f.status ? eq(examRegistrations.status, f.status) : undefined,
    f.pay === 'paid' ? eq(examRegistrations.status, 'paid') : f.pay === 'unpaid' ? inArray(examRegistrations.status, [...UNPAID_STATUSES]) : undefined,
    f.areaId ? eq(examRegistrations.areaId, f.areaId) : undefined,
    searchWhere(f.q),
  );
}

export type RegistrationList = { rows: RegistrationRow[]; total: number; page: number; pages: number; byStatus: Record<RegistrationStatus, number> };

/** One page of the exam's registrations, newest first, with the count per status (of the whole exam, unfiltered). */
export async function listRegistrations(db: DbOrTx, actor: Actor, examId: string, f: RegistrationFilter): Promise<RegistrationList> {
  requireExamAdmin(actor);
  if (!isUuid(examId)) throw new AppError('NOT_FOUND', { messageKey: 'examAdmin.errors.examNotFound' });
  const [{ n }] = await db
    .select({ n: count() })
    .from(examRegistrations)
    .innerJoin(users, eq(users.id, examRegistrations.userId))
    .where(whereOf(examId, f));
  const pages = Math.max(1, Math.ceil(n / REGISTRATIONS_PAGE_SIZE));
  const page = Math.min(f.page, pages);
  const rows = await rowsFor(db, examId, f, REGISTRATIONS_PAGE_SIZE, (page - 1) * REGISTRATIONS_PAGE_SIZE);
  const grouped = await db
    .select({ status: examRegistrations.status, n: count() })
    .from(examRegistrations)
    .where(eq(examRegistrations.examId, examId))
    .groupBy(examRegistrations.status);
  const byStatus = Object.fromEntries(REGISTRATION_STATUSES.map((s) => [s, grouped.find((g) => g.status === s)?.n ?? 0])) as Record<RegistrationStatus, number>;
  return { rows, total: n, page, pages, byStatus };
}

/** The filtered registrations for an Excel export (masked like the list), at most `limit`. */
export async function exportRegistrations(db: DbOrTx, actor: Actor, examId: string, f: RegistrationFilter, limit: number): Promise<RegistrationRow[]> {
  requireExamAdmin(actor);
  if (!isUuid(examId)) throw new AppError('NOT_FOUND', { messageKey: 'examAdmin.errors.examNotFound' });
  return rowsFor(db, examId, f, limit, 0);
}

export type RegistrationDetail = {
  id: string;
  examId: string;
  status: string;
  info: Record<string, unknown>;
  noticeAcceptedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  candidate: { id: string; name: string; idType: string | null; idNumber: string | null; gender: string | null; birthDate: string | null; mobile: string | null; email: string | null };
  area: { id: string; name: string; regionCode: string | null } | null;
  subjects: Array<{ session: string; code: string; name: string; feeFen: number }>;
  orders: Array<{ id: string; number: string; amountFen: number; status: string; createdAt: Date; paidAt: Date | null }>;
};

/** One registration with the candidate's whole data: the staff detail view (only for staff who set up exams). */
export async function registrationDetail(db: DbOrTx, actor: Actor, examId: string, registrationId: string): Promise<RegistrationDetail> {
  requireExamAdmin(actor);
  const notFound = new AppError('NOT_FOUND', { messageKey: 'examAdmin.errors.registrationNotFound' });
  if (!isUuid(examId) || !isUuid(registrationId)) throw notFound;
  const [r] = await db
    .select({ reg: examRegistrations, user: users, area: { id: examAreas.id, name: examAreas.name, regionCode: examAreas.regionCode } })
    .from(examRegistrations)
    .innerJoin(users, eq(users.id, examRegistrations.userId))
    .leftJoin(examAreas, eq(examAreas.id, examRegistrations.areaId))
    .where(and(eq(examRegistrations.id, registrationId), eq(examRegistrations.examId, examId)));
  if (!r) throw notFound;
  const subjects = await db
    .select({ session: examSessions.name, code: examSubjects.code, name: examSubjects.name, feeFen: examSubjects.feeFen })
    .from(registrationSubjects)
    .innerJoin(examSubjects, eq(examSubjects.id, registrationSubjects.subjectId))
    .innerJoin(examSessions, eq(examSessions.id, registrationSubjects.sessionId))
    .where(eq(registrationSubjects.registrationId, r.reg.id))
    .orderBy(asc(examSessions.startsAt));
  const orderRows = await db
    .select({ id: orders.id, number: orders.number, amountFen: orders.amountFen, status: orders.status, createdAt: orders.createdAt, paidAt: orders.paidAt })
    .from(orders)
    .where(and(eq(orders.subjectType, EXAM_ORDER_SUBJECT_TYPE), eq(orders.subjectId, r.reg.id)))
    .orderBy(desc(orders.createdAt));
  const u = r.user;
  return {
    id: r.reg.id,
    examId: r.reg.examId,
    status: r.reg.status,
    info: r.reg.info && typeof r.reg.info === 'object' && !Array.isArray(r.reg.info) ? (r.reg.info as Record<string, unknown>) : {},
    noticeAcceptedAt: r.reg.noticeAcceptedAt,
    createdAt: r.reg.createdAt,
    updatedAt: r.reg.updatedAt,
    candidate: { id: u.id, name: u.name, idType: u.idType, idNumber: u.idNumber, gender: u.gender, birthDate: u.birthDate, mobile: u.mobile, email: u.email },
    area: r.area?.id ? { id: r.area.id, name: r.area.name, regionCode: r.area.regionCode } : null,
    subjects,
    orders: orderRows,
  };
}

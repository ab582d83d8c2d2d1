import { and, asc, eq, sql } from 'drizzle-orm';
import { candidatePhotos, examAreas, examRegistrations, exams, examSessions, examSubjects, registrationSubjects, users } from '@/db/schema';
import { rowsOf, type DbOrTx } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { isUuid } from '@/lib/platform/schemas';
import { viaStorage } from '@/lib/platform/documents/store';
import { AppError } from '@/lib/platform/errors';
import { logger } from '@/lib/platform/logger';
import type { AdmissionTicketProps } from '../admission-ticket-pdf';
import { maskApplicantName, type VerifiedRecord } from '@/lib/platform/pdf/verify';
import type { Storage } from '@/lib/platform/storage';
import { canAdministerExams } from '../../admin/services/access';

/**
 * 准考证 (SPEC §5.9, §5.11): the admission ticket of a paid registration,
 * printable once the exam's tickets are released (releaseTickets). Read by
 * the candidate who owns the registration and by exam staff; anyone else
 * gets NOT_FOUND, exactly as for a registration that does not exist.
 *
 * The ticket number has no column of its own; it is derived, stably:
 * `ZKZ` + the exam's first day (yyyymmdd) + the registration's 6-digit
 * position among all registrations of the exam in creation order (created_at,
 * then id). Registrations are never deleted and new ones only come after
 * existing ones, so a registration keeps its number; tickets are released
 * only after registration has closed, when the list no longer grows. The
 * number is unique within an exam (two exams starting on the same day may
 * share numbers; the exam name is printed beside it).
 */

const notFound = (messageKey?: string) => new AppError('NOT_FOUND', messageKey ? { messageKey } : {});

/** ZKZ20270110000042: prefix, the exam's first day, the registration's sequence within the exam. */
export function formatTicketNumber(periodStart: string, sequence: number): string {
  return `ZKZ${periodStart.replace(/-/g, '')}${String(sequence).padStart(6, '0')}`;
}

/** The registration's 1-based position among its exam's registrations (creation order). */
export async function registrationSequence(db: DbOrTx, registrationId: string): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      select count(*)::int as n
      from ${examRegistrations} r
      join ${examRegistrations} me on me.id = ${registrationId} and r.exam_id = me.exam_id
      where (r.created_at, r.id) <= (me.created_at, me.id)`),
  );
  return Number(row?.n ?? 0);
}

/**
 * What the admission-ticket PDF shows for one registration, for its owner or
 * exam staff, when it is paid and the exam's tickets are released. The owner
 * is told which of the two is missing (still NOT_FOUND: there is no ticket).
 */
export async function admissionTicketFor(db: DbOrTx, storage: Storage, actor: Actor, registrationId: string): Promise<AdmissionTicketProps> {
  if (!isUuid(registrationId)) throw notFound();
  const staff = canAdministerExams(actor);
  if (!staff && actor.kind !== 'individual') throw notFound();
  const [row] = await db
    .select({ reg: examRegistrations, exam: exams, user: { name: users.name, idType: users.idType, idNumber: users.idNumber }, area: examAreas.name })
    .from(examRegistrations)
    .innerJoin(exams, eq(exams.id, examRegistrations.examId))
    .innerJoin(users, eq(users.id, examRegistrations.userId))
    .leftJoin(examAreas, eq(examAreas.id, examRegistrations.areaId))
    .where(and(eq(examRegistrations.id, registrationId), staff ? undefined : eq(examRegistrations.userId, actor.kind === 'individual' ? actor.id : '')));
  if (!row) throw notFound();
  if (row.reg.status !== 'paid') throw notFound('exam.errors.ticketNotPaid');
  if (!row.exam.ticketsReleasedAt) throw notFound('exam.errors.ticketNotReleased');

  const subjects = await db
    .select({ code: examSubjects.code, name: examSubjects.name, session: examSessions.name, startsAt: examSessions.startsAt, endsAt: examSessions.endsAt })
    .from(registrationSubjects)
    .innerJoin(examSubjects, eq(examSubjects.id, registrationSubjects.subjectId))
    .innerJoin(examSessions, eq(examSessions.id, registrationSubjects.sessionId))
    .where(eq(registrationSubjects.registrationId, row.reg.id))
    .orderBy(asc(examSessions.startsAt), asc(examSessions.sortOrder), asc(examSubjects.code));

  const [photo] = await db.select({ key: candidatePhotos.processedKey }).from(candidatePhotos).where(eq(candidatePhotos.userId, row.reg.userId));
  const bytes = photo ? await viaStorage('get', () => storage.get(photo.key)) : null;
  if (!bytes) {
    // Registering needs a confirmed photo, so this is a lost object, not a candidate's omission.
    logger.error('admission ticket without a stored photo', { registrationId: row.reg.id, key: photo?.key ?? null });
    throw new AppError('UNAVAILABLE', { messageKey: 'exam.errors.ticketPhotoMissing' });
  }

  return {
    number: formatTicketNumber(row.exam.periodStart, await registrationSequence(db, row.reg.id)),
    examName: row.exam.name,
    candidateName: row.user.name,
    idType: row.user.idType ?? '',
    idNumber: row.user.idNumber ?? '',
    photo: bytes,
    area: row.area ?? '',
    subjects,
    notice: row.exam.notice,
  };
}

/** The shape of a ticket number (formatTicketNumber). */
export const TICKET_NUMBER = /^ZKZ(\d{4})(\d{2})(\d{2})(\d{6})$/;

/**
 * 准考证 verification (the QR code on a ticket leads to /verify/<ticket
 * number>): the registration at that position of every exam starting that day
 * whose tickets are released — usually one. A paid registration's ticket is
 * valid; a refunded one's is void; any other position never had a ticket. The candidate's name is partly hidden.
 */
export async function verifyTicketNumber(db: DbOrTx, number: string): Promise<VerifiedRecord[]> {
  const m = TICKET_NUMBER.exec(number);
  if (!m) return [];
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  const sequence = Number(m[4]);
  if (sequence < 1 || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) return [];
  const rows = rowsOf<{ exam_name: string; status: string; candidate: string; area: string | null }>(
    await db.execute(sql`
      select e.name as exam_name, r.status, u.name as candidate, a.name as area
      from ${exams} e
      join lateral (
        select * from ${examRegistrations} x
        where x.exam_id = e.id
        order by x.created_at, x.id
        offset ${sequence - 1} limit 1
      ) r on true
      join ${users} u on u.id = r.user_id
      left join ${examAreas} a on a.id = r.area_id
      where e.period_start = ${day}::date and e.tickets_released_at is not null
      order by e.created_at, e.id`),
  );
  return rows
    .filter((r) => r.status === 'paid' || r.status === 'refunded')
    .map((r) => ({
      number,
      typeKey: 'pdf.verify.types.ticket',
      statusKey: r.status === 'paid' ? 'pdf.verify.ticketValid' : 'pdf.verify.ticketVoid',
      valid: r.status === 'paid',
      holderMasked: maskApplicantName(r.candidate),
      facts: [
        { labelKey: 'pdf.verify.exam', value: r.exam_name },
        ...(r.area ? [{ labelKey: 'pdf.verify.area', value: r.area }] : []),
      ],
    }));
}

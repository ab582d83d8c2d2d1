import { and, asc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import { candidatePhotos, examAreas, examRegistrations, exams, examSessions, examSubjects, registrationSubjects, users } from '@/db/schema';
import { rowsOf, type DbOrTx } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { isUuid } from '@/lib/platform/schemas';
import { viaStorage } from '@/lib/platform/documents/store';
import { AppError } from '@/lib/platform/errors';
import { logger } from '@/lib/platform/logger';
import type { AppLocale } from '@/i18n/config';
import { audit } from '@/lib/platform/audit';
import { PDF_BATCH_MAX, renderPdfBatch } from '@/lib/platform/pdf/batch';
import { pdfIssuer } from '@/lib/platform/pdf/registry';
import { admissionTicket, type AdmissionTicketProps } from '../admission-ticket-pdf';
import { maskApplicantName, type VerifiedRecord } from '@/lib/platform/pdf/verify';
import type { Storage } from '@/lib/platform/storage';
import { canAdministerExams } from '../../admin/services/access';

/**
 * 准考证 (SPEC §5.9, §5.11): the admission ticket of a paid registration,
 * printable once the exam's tickets are released (releaseTickets). Read by
 * the candidate who owns the registration and by exam staff; anyone else
 * gets NOT_FOUND, exactly as for a registration that does not exist.
 *
 * The ticket number (exam_registrations.ticket_number) is given when the
 * tickets are released, to every paid registration of the exam in
 * registration order: `ZKZ` + the exam's first day (yyyymmdd) + the next
 * value of one sequence shared by every exam (exam_ticket_seq, 6 digits or
 * more). So two exams held on the same day never share a number, and a unique
 * index says so. A registration paid after the release (a late notification)
 * gets its number when the payment settles (lib/modules/exam/payments.ts).
 */

const notFound = (messageKey?: string) => new AppError('NOT_FOUND', messageKey ? { messageKey } : {});

/** ZKZ20270110000042: prefix, the exam's first day, the value of the shared ticket sequence. */
export function formatTicketNumber(periodStart: string, sequence: number): string {
  return `ZKZ${periodStart.replace(/-/g, '')}${String(sequence).padStart(6, '0')}`;
}

/** The SQL of a new ticket number for an exam's first day (the next value of exam_ticket_seq). */
const nextTicketNumber = (periodStart: SQL) => sql`'ZKZ' || to_char(${periodStart}, 'YYYYMMDD') || lpad(nextval('exam_ticket_seq')::text, 6, '0')`;

/**
 * Numbers every paid registration of a released exam that has none yet, in
 * registration order (inside the release transaction). Returns how many.
 */
export async function assignTicketNumbers(tx: DbOrTx, examId: string): Promise<number> {
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`
      update ${examRegistrations} x set ticket_number = n.number
      from (
        select r.id, ${nextTicketNumber(sql`e.period_start`)} as number
        from ${examRegistrations} r join ${exams} e on e.id = r.exam_id
        where r.exam_id = ${examId} and r.status = 'paid' and r.ticket_number is null and e.tickets_released_at is not null
        order by r.created_at, r.id
      ) n
      where n.id = x.id and x.ticket_number is null
      returning x.id`),
  );
  return rows.length;
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
  // Numbers are given at release (and to a payment settled after it): no number, no ticket yet.
  if (!row.exam.ticketsReleasedAt || !row.reg.ticketNumber) throw notFound('exam.errors.ticketNotReleased');

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
    number: row.reg.ticketNumber,
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
export const TICKET_NUMBER = /^ZKZ(\d{4})(\d{2})(\d{2})(\d{6,})$/;

/**
 * 准考证 verification (the QR code on a ticket leads to /verify/<ticket
 * number>): the registration holding that number. A paid registration's
 * ticket is valid; a refunded one's is void. The candidate's name is partly hidden.
 */
export async function verifyTicketNumber(db: DbOrTx, number: string): Promise<VerifiedRecord[]> {
  if (!TICKET_NUMBER.test(number)) return [];
  const rows = await db
    .select({ examName: exams.name, status: examRegistrations.status, candidate: users.name, area: examAreas.name })
    .from(examRegistrations)
    .innerJoin(exams, eq(exams.id, examRegistrations.examId))
    .innerJoin(users, eq(users.id, examRegistrations.userId))
    .leftJoin(examAreas, eq(examAreas.id, examRegistrations.areaId))
    .where(and(eq(examRegistrations.ticketNumber, number), isNotNull(exams.ticketsReleasedAt)));
  return rows
    .filter((r) => r.status === 'paid' || r.status === 'refunded')
    .map((r) => ({
      number,
      typeKey: 'pdf.verify.types.ticket',
      statusKey: r.status === 'paid' ? 'pdf.verify.ticketValid' : 'pdf.verify.ticketVoid',
      valid: r.status === 'paid',
      holderMasked: maskApplicantName(r.candidate),
      facts: [
        { labelKey: 'pdf.verify.exam', value: r.examName },
        ...(r.area ? [{ labelKey: 'pdf.verify.area', value: r.area }] : []),
      ],
    }));
}

/**
 * 批量打印准考证: the admission tickets of the selected registrations of one
 * exam as ONE PDF (each ticket as it prints alone, one after the other), for
 * exam administrators and admins. Every id must be a registration of that
 * exam (else NOT_FOUND for the whole batch: another exam's registration is
 * refused) and hold a ticket (paid, numbered at release; else INVALID_STATE
 * naming how many do not). At most PDF_BATCH_MAX per PDF. Audited.
 */
export async function admissionTicketsBatchPdf(
  db: DbOrTx,
  storage: Storage,
  actor: Actor,
  examId: string,
  ids: readonly string[],
  opts: { locale?: AppLocale; ip?: string | null } = {},
): Promise<{ buffer: Buffer; count: number; examName: string }> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (!canAdministerExams(actor)) throw new AppError('FORBIDDEN');
  const unique = [...new Set(ids)];
  if (unique.length === 0 || unique.length > PDF_BATCH_MAX) throw new AppError('BAD_INPUT', { messageKey: 'examAdmin.errors.batchSize', params: { max: PDF_BATCH_MAX } });
  if (!isUuid(examId) || !unique.every(isUuid)) throw notFound();
  const rows = await db
    .select({ id: examRegistrations.id, status: examRegistrations.status, ticketNumber: examRegistrations.ticketNumber, released: exams.ticketsReleasedAt, examName: exams.name })
    .from(examRegistrations)
    .innerJoin(exams, eq(exams.id, examRegistrations.examId))
    .where(and(eq(examRegistrations.examId, examId), inArray(examRegistrations.id, unique)));
  if (rows.length !== unique.length) throw notFound('examAdmin.errors.registrationNotFound');
  const without = rows.filter((r) => r.status !== 'paid' || !r.ticketNumber || !r.released).length;
  if (without > 0) throw new AppError('INVALID_STATE', { messageKey: 'examAdmin.errors.batchWithoutTicket', params: { count: without } });
  const props: AdmissionTicketProps[] = [];
  for (const id of unique) props.push(await admissionTicketFor(db, storage, actor, id));
  const locale = opts.locale ?? 'zh-CN';
  const buffer = await renderPdfBatch(admissionTicket, props, { locale, issuer: await pdfIssuer(db, locale), title: rows[0].examName });
  await audit(db, {
    action: 'exam.tickets.batchPrinted',
    actorId: actor.id,
    targetType: 'exam',
    targetId: examId,
    ip: opts.ip ?? null,
    detail: { exam: rows[0].examName, count: props.length, numbers: props.map((p) => p.number) },
  });
  return { buffer, count: props.length, examName: rows[0].examName };
}

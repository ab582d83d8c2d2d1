import { and, eq, isNotNull } from 'drizzle-orm';
import { createTranslator } from 'next-intl';
import type { DbOrTx } from '@/db';
import { examAreas, examRegistrations, users, type Exam } from '@/db/schema';
import { defaultLocale } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import { sendEmail } from '@/lib/platform/email/send';
import { notifyUser } from '@/lib/platform/notify/in-app';
import { enqueueSms } from '@/lib/platform/notify/outbox';
import { TicketReleasedEmail, ticketReleasedSubject } from '../ticket-released-email';

/** Where a candidate finds the ticket: the exam list, which offers 打印准考证 beside the exam. */
export const TICKET_LINK = '/portal/exam';

const t = () => createTranslator({ locale: defaultLocale, messages: messagesFor(defaultLocale), namespace: 'exam.ticketReleased' });

/**
 * Tells every paid candidate of an exam that their admission ticket is out:
 * in-app, SMS and email, written to the outbox in the release transaction
 * (a rollback sends nothing; each message once per registration).
 * Returns how many candidates were told.
 */
export async function notifyTicketsReleased(tx: DbOrTx, exam: Pick<Exam, 'id' | 'name' | 'periodStart' | 'periodEnd'>): Promise<number> {
  const rows = await tx
    .select({ id: examRegistrations.id, userId: examRegistrations.userId, number: examRegistrations.ticketNumber, name: users.name, email: users.email, mobile: users.mobile, area: examAreas.name })
    .from(examRegistrations)
    .innerJoin(users, eq(users.id, examRegistrations.userId))
    .leftJoin(examAreas, eq(examAreas.id, examRegistrations.areaId))
    .where(and(eq(examRegistrations.examId, exam.id), eq(examRegistrations.status, 'paid'), isNotNull(examRegistrations.ticketNumber)));
  const tr = t();
  const period = exam.periodStart === exam.periodEnd ? exam.periodStart : tr('periodRange', { from: exam.periodStart, to: exam.periodEnd });
  for (const r of rows) {
    const vars = { exam: exam.name, number: r.number! };
    const key = `exam-ticket:${r.id}`;
    await notifyUser(tx, { userId: r.userId, title: tr('title', vars), body: tr('body', vars), link: TICKET_LINK, dedupeKey: key });
    if (r.mobile) await enqueueSms(tx, { to: r.mobile, template: 'exam_ticket_released', params: { exam: exam.name, number: r.number! }, text: tr('sms', vars) }, { dedupeKey: `${key}:sms` });
    if (r.email) {
      const props = { recipientName: r.name, examName: exam.name, ticketNumber: r.number!, period, area: r.area ?? '', link: TICKET_LINK };
      await sendEmail(tx, { to: r.email, subject: ticketReleasedSubject(props), template: TicketReleasedEmail, props, dedupeKey: `${key}:email` });
    }
  }
  return rows.length;
}

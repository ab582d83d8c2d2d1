import { and, asc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { createTranslator } from 'next-intl';
import { deadlines, users } from '@/db/schema';
import type { Db, DbOrTx } from '@/db';
import { defaultLocale } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import { formatShanghai } from '../email/env';
import { sendEmail } from '../email/send';
import { ReminderEmail, reminderSubject } from '../email/templates/reminder';
import { notifyUser, staffWithRole, type StaffRecipient } from '../notify/in-app';
import { PROGRESS_KEY, type Deadline } from './deadlines';
import { getReminderSchedule, latestDueOffset } from './schedule';

/**
 * The reminder engine. For every open deadline it finds the latest scheduled
 * moment (due date + offset) that has come, and sends that reminder once: an
 * in-app notification and an email to each recipient.
 *
 * "Once" holds across restarts and across concurrent runs (several app
 * instances, or two loops): each deadline's reminder is claimed by a
 * conditional UPDATE of its progress marker (whoever updates the row first
 * owns the reminder; the other's WHERE no longer matches), and each message is
 * written with the dedupe key `reminder:<deadlineId>:<offset>:<dueMs>:<userId>`
 * (unique in notifications and in the outbox), in the same transaction as the
 * claim. The due date is part of the key, so moving a deadline re-arms it.
 *
 * A run that finds several moments passed at once (the server was down, or the
 * deadline was created late) sends only the latest: one reminder that says how
 * things stand now, not a burst of stale ones. After the last offset a deadline
 * is no longer looked at.
 */

const HOUR = 3_600_000;
const BATCH = 200;

export type ReminderRunResult = { reminders: number; notifications: number; emails: number };

export function reminderKey(d: Pick<Deadline, 'id' | 'dueAt'>, offset: number, userId: string): string {
  return `reminder:${d.id}:${offset}:${d.dueAt.getTime()}:${userId}`;
}

// Milliseconds, as a JS Date holds them (a due date written by SQL may carry microseconds).
const dueMsSql = sql`floor(extract(epoch from ${deadlines.dueAt}) * 1000)::bigint`;
const progressFor = (offset: number) =>
  sql`coalesce((${deadlines.data} -> '_reminder' ->> 'dueMs')::bigint = ${dueMsSql} and (${deadlines.data} -> '_reminder' ->> 'offset')::int >= ${offset}, false)`;

function progressOf(data: unknown): { dueMs: number; offset: number } | null {
  const p = (data as Record<string, unknown> | null)?.[PROGRESS_KEY] as { dueMs?: unknown; offset?: unknown } | undefined;
  return p && typeof p.dueMs === 'number' && typeof p.offset === 'number' ? { dueMs: p.dueMs, offset: p.offset } : null;
}

async function recipientsOf(tx: DbOrTx, d: Deadline): Promise<StaffRecipient[]> {
  if (d.userId) {
    return tx
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(and(eq(users.id, d.userId), eq(users.status, 'active')));
  }
  const scope = (d.data as Record<string, unknown> | null)?.module;
  return d.role ? staffWithRole(tx, d.role, typeof scope === 'string' ? scope : null) : [];
}

/** Sends one deadline's reminder for `offset` if nobody has yet; returns what was written. */
async function remind(db: Db, d: Deadline, offset: number): Promise<ReminderRunResult> {
  const result = { reminders: 0, notifications: 0, emails: 0 };
  await db.transaction(async (tx) => {
    const marker = JSON.stringify({ dueMs: d.dueAt.getTime(), offset });
    const claimed = await tx
      .update(deadlines)
      .set({ data: sql`jsonb_set(coalesce(${deadlines.data}, '{}'::jsonb), '{_reminder}', ${marker}::jsonb)` })
      .where(and(eq(deadlines.id, d.id), isNull(deadlines.closedAt), sql`${dueMsSql} = ${d.dueAt.getTime()}`, sql`not ${progressFor(offset)}`))
      .returning({ id: deadlines.id });
    if (claimed.length === 0) return;
    result.reminders = 1;

    const overdue = offset >= 0;
    const t = createTranslator({ locale: defaultLocale, messages: messagesFor(defaultLocale), namespace: 'notifications.reminder' });
    const due = formatShanghai(d.dueAt, defaultLocale);
    for (const r of await recipientsOf(tx, d)) {
      const key = reminderKey(d, offset, r.id);
      const id = await notifyUser(tx, {
        userId: r.id,
        title: t(overdue ? 'overdueTitle' : 'upcomingTitle', { what: d.title }),
        body: t('body', { due }),
        link: d.link,
        dedupeKey: key,
      });
      if (id === null) continue;
      result.notifications++;
      if (!r.email) continue;
      const props = { recipientName: r.name, what: d.title, dueAt: d.dueAt, overdue, link: d.link };
      const sent = await sendEmail(tx, { to: r.email, subject: reminderSubject(props), template: ReminderEmail, props, dedupeKey: key });
      if (sent !== null) result.emails++;
    }
  });
  return result;
}

/** Sends every reminder that has come due by `now` and was not sent yet. Safe to run anywhere, any number of times at once. */
export async function runReminders(db: Db, now: Date = new Date()): Promise<ReminderRunResult> {
  const schedule = await getReminderSchedule(db);
  const first = schedule[0];
  const last = schedule[schedule.length - 1];
  const total: ReminderRunResult = { reminders: 0, notifications: 0, emails: 0 };
  let after: string | null = null;
  for (;;) {
    const batch: Deadline[] = await db
      .select()
      .from(deadlines)
      .where(
        and(
          isNull(deadlines.closedAt),
          // The first moment has come …
          lte(deadlines.dueAt, new Date(now.getTime() - first * HOUR)),
          // … and the last one was not sent yet for this due date.
          sql`not ${progressFor(last)}`,
          after ? gt(deadlines.id, after) : undefined,
        ),
      )
      .orderBy(asc(deadlines.id))
      .limit(BATCH);
    for (const d of batch) {
      const offset = latestDueOffset(schedule, d.dueAt, now);
      if (offset === null) continue;
      const p = progressOf(d.data);
      if (p && p.dueMs === d.dueAt.getTime() && p.offset >= offset) continue;
      const r = await remind(db, d, offset);
      total.reminders += r.reminders;
      total.notifications += r.notifications;
      total.emails += r.emails;
    }
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1].id;
  }
  return total;
}

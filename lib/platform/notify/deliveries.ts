import { and, count, desc, eq, gt, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { outbox } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { maskEmail, maskMobile } from '@/lib/reference/validators';
import { audit } from '../audit';
import type { Actor } from '../auth/actor';
import { can } from '../auth/permissions';
import { AppError } from '../errors';
import { redactText } from '../logger';

/**
 * 消息投递记录 (/staff/outbox): the emails and SMS the outbox holds, for admins —
 * the list behind the dashboard's notification figures (queued, sent and
 * failed per day, the backlog now). Recipients are masked and errors
 * redacted before anything leaves the server; the bodies are not shown.
 */

export const DELIVERY_CHANNELS = ['email', 'sms'] as const;
/** waiting: not tried yet or being sent; retrying: failed, to be tried again; sent; dead: given up. */
export const DELIVERY_STATES = ['waiting', 'retrying', 'sent', 'dead'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];
export type DeliveryFilter = { channel?: (typeof DELIVERY_CHANNELS)[number]; status?: DeliveryState; queuedOn?: string; sentOn?: string; failedOn?: string; before?: number };
export const DELIVERIES_PAGE_SIZE = 50;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (s: string) => DAY_RE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00+08:00`));

export function deliveryFilterFrom(sp: Record<string, string | string[] | undefined>): DeliveryFilter {
  const one = (k: string) => (typeof sp[k] === 'string' ? (sp[k] as string).trim() : '');
  const channel = one('channel');
  const status = one('status');
  const before = Number(one('before'));
  return {
    channel: (DELIVERY_CHANNELS as readonly string[]).includes(channel) ? (channel as DeliveryFilter['channel']) : undefined,
    status: (DELIVERY_STATES as readonly string[]).includes(status) ? (status as DeliveryState) : undefined,
    queuedOn: validDay(one('queuedOn')) ? one('queuedOn') : undefined,
    sentOn: validDay(one('sentOn')) ? one('sentOn') : undefined,
    failedOn: validDay(one('failedOn')) ? one('failedOn') : undefined,
    before: Number.isSafeInteger(before) && before > 0 ? before : undefined,
  };
}

function requireAdmin(actor: Actor): void {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (!can(actor, { action: 'staff.role', role: 'admin' })) throw new AppError('FORBIDDEN');
}

/** A Beijing calendar day as [start, next start) instants. */
function dayBounds(day: string): [string, string] {
  const start = new Date(`${day}T00:00:00+08:00`);
  return [start.toISOString(), new Date(start.getTime() + 86_400_000).toISOString()];
}

/** When a given-up message failed for good; messages given up before the column existed count from when they were queued. */
export const FAILED_AT = sql`coalesce(${outbox.failedAt}, ${outbox.createdAt})`;

function whereOf(f: DeliveryFilter): SQL | undefined {
  const state: Record<DeliveryState, SQL | undefined> = {
    waiting: or(eq(outbox.status, 'processing'), and(eq(outbox.status, 'pending'), eq(outbox.attempts, 0))),
    retrying: and(eq(outbox.status, 'pending'), gt(outbox.attempts, 0)),
    sent: eq(outbox.status, 'sent'),
    dead: eq(outbox.status, 'dead'),
  };
  const queued = f.queuedOn ? dayBounds(f.queuedOn) : undefined;
  const sent = f.sentOn ? dayBounds(f.sentOn) : undefined;
  const failed = f.failedOn ? dayBounds(f.failedOn) : undefined;
  return and(
    f.channel ? eq(outbox.channel, f.channel) : inArray(outbox.channel, [...DELIVERY_CHANNELS]),
    f.status ? state[f.status] : undefined,
    queued ? and(sql`${outbox.createdAt} >= ${queued[0]}::timestamptz`, sql`${outbox.createdAt} < ${queued[1]}::timestamptz`) : undefined,
    sent ? and(sql`${outbox.sentAt} >= ${sent[0]}::timestamptz`, sql`${outbox.sentAt} < ${sent[1]}::timestamptz`) : undefined,
    failed ? and(eq(outbox.status, 'dead'), sql`${FAILED_AT} >= ${failed[0]}::timestamptz`, sql`${FAILED_AT} < ${failed[1]}::timestamptz`) : undefined,
  );
}

export type DeliveryRow = {
  id: number;
  channel: string;
  recipient: string;
  /** The email's subject, or the SMS template. */
  subject: string;
  status: DeliveryState;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
  /** When it was given up (dead only). */
  failedAt: Date | null;
  lastError: string | null;
};

async function rowsOf(db: DbOrTx, f: DeliveryFilter, limit: number): Promise<DeliveryRow[]> {
  const rows = await db
    .select({
      id: outbox.id,
      channel: outbox.channel,
      to: sql<string | null>`${outbox.payload}->>'to'`,
      subject: sql<string | null>`coalesce(${outbox.payload}->>'subject', ${outbox.payload}->>'template')`,
      status: outbox.status,
      attempts: outbox.attempts,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      failedAt: outbox.failedAt,
      lastError: outbox.lastError,
    })
    .from(outbox)
    .where(and(whereOf(f), f.before ? lt(outbox.id, f.before) : undefined))
    .orderBy(desc(outbox.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    recipient: !r.to ? '' : r.channel === 'email' ? maskEmail(r.to) : maskMobile(r.to),
    subject: redactText(r.subject ?? ''),
    status: r.status === 'sent' ? 'sent' : r.status === 'dead' ? 'dead' : r.status === 'pending' && r.attempts > 0 ? 'retrying' : 'waiting',
    attempts: r.attempts,
    createdAt: r.createdAt,
    sentAt: r.sentAt,
    failedAt: r.status === 'dead' ? (r.failedAt ?? r.createdAt) : null,
    lastError: r.lastError ? redactText(r.lastError).slice(0, 300) : null,
  }));
}

/** One page of the deliveries (newest first, keyset on id) and how many match the filter. Admins only. */
export async function listDeliveries(db: DbOrTx, actor: Actor, f: DeliveryFilter): Promise<{ rows: DeliveryRow[]; total: number; nextBefore?: number }> {
  requireAdmin(actor);
  const rows = await rowsOf(db, f, DELIVERIES_PAGE_SIZE + 1);
  const [{ n }] = await db.select({ n: count() }).from(outbox).where(whereOf(f));
  const page = rows.slice(0, DELIVERIES_PAGE_SIZE);
  return { rows: page, total: Number(n), nextBefore: rows.length > DELIVERIES_PAGE_SIZE ? page.at(-1)!.id : undefined };
}

export const DELIVERIES_EXPORT_MAX = 5000;

/** The filtered deliveries for an Excel export (masked like the list, at most DELIVERIES_EXPORT_MAX), recorded in the audit log. */
export async function exportDeliveries(db: DbOrTx, actor: Actor, f: DeliveryFilter, opts: { ip?: string | null } = {}): Promise<DeliveryRow[]> {
  requireAdmin(actor);
  const rows = await rowsOf(db, { ...f, before: undefined }, DELIVERIES_EXPORT_MAX);
  await audit(db, {
    action: 'deliveries.exported',
    actorId: actor.kind === 'anonymous' ? null : actor.id,
    targetType: 'outbox',
    ip: opts.ip ?? null,
    detail: { filter: { channel: f.channel ?? null, status: f.status ?? null, queuedOn: f.queuedOn ?? null, sentOn: f.sentOn ?? null, failedOn: f.failedOn ?? null }, rows: rows.length },
  });
  return rows;
}

import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { notifications, staffRoles, users } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { defineAction } from '../auth/action-core';
import type { SignedInActor } from '../auth/actor';

/**
 * In-app notifications (the bell). Written in the transaction of the change
 * that causes them, like outbox messages; a dedupe key makes writing the same
 * logical notification twice a no-op. Every read and every mark-read is scoped
 * to the actor in the query itself.
 */

export type NotificationContent = {
  title: string;
  body?: string | null;
  /** An in-app path ('/portal/…') or an absolute http(s) URL. */
  link?: string | null;
};

export type NotifyUserInput = NotificationContent & { userId: string; dedupeKey?: string };
export type NotifyRoleInput = NotificationContent & {
  role: string;
  /** Only staff whose grant of the role covers this module ('*' or the module); unset: every holder. */
  module?: string;
  /** Suffixed with ':<userId>' per recipient (the key is unique across all users). */
  dedupeKey?: string;
};

export type NotificationItem = { id: number; title: string; body: string | null; link: string | null; readAt: Date | null; createdAt: Date };

// Links end up in an href: only our own paths and web URLs, never `javascript:` and the like.
function checkLink(link: string | null | undefined): string | null {
  if (link == null || link === '') return null;
  if ((link.startsWith('/') && !link.startsWith('//')) || /^https?:\/\//i.test(link)) return link;
  throw new Error(`notification link must be a path or an http(s) URL: ${link}`);
}

/** Notifies one user; returns the new row id, or null when the dedupe key was already used. */
export async function notifyUser(tx: DbOrTx, n: NotifyUserInput): Promise<number | null> {
  const rows = await tx
    .insert(notifications)
    .values({ userId: n.userId, title: n.title, body: n.body ?? null, link: checkLink(n.link), dedupeKey: n.dedupeKey })
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id });
  return rows[0]?.id ?? null;
}

export type StaffRecipient = { id: string; name: string; email: string | null };

/** Active staff members holding a role (for a module: granted on '*' or on that module). */
export async function staffWithRole(db: DbOrTx, role: string, module?: string | null): Promise<StaffRecipient[]> {
  return db
    .selectDistinct({ id: users.id, name: users.name, email: users.email })
    .from(staffRoles)
    .innerJoin(users, eq(users.id, staffRoles.userId))
    .where(
      and(
        eq(staffRoles.role, role),
        module ? inArray(staffRoles.module, ['*', module]) : undefined,
        eq(users.kind, 'staff'),
        eq(users.status, 'active'),
      ),
    )
    .orderBy(users.id);
}

/** Notifies every active staff member holding the role; returns the ids of the users newly notified. */
export async function notifyRole(tx: DbOrTx, n: NotifyRoleInput): Promise<string[]> {
  const staff = await staffWithRole(tx, n.role, n.module);
  if (staff.length === 0) return [];
  const link = checkLink(n.link);
  const rows = await tx
    .insert(notifications)
    .values(staff.map((s) => ({ userId: s.id, title: n.title, body: n.body ?? null, link, dedupeKey: n.dedupeKey ? `${n.dedupeKey}:${s.id}` : undefined })))
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ userId: notifications.userId });
  return rows.map((r) => r.userId);
}

export const NOTIFICATION_PAGE_MAX = 100;

/** The actor's notifications, newest first; `cursor` is the last id of the previous page (keyset). */
export async function listNotifications(
  db: DbOrTx,
  actor: SignedInActor,
  opts: { cursor?: number | null; limit?: number; unreadOnly?: boolean } = {},
): Promise<{ items: NotificationItem[]; nextCursor: number | null }> {
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), NOTIFICATION_PAGE_MAX);
  const rows = await db
    .select({ id: notifications.id, title: notifications.title, body: notifications.body, link: notifications.link, readAt: notifications.readAt, createdAt: notifications.createdAt })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, actor.id),
        opts.cursor ? lt(notifications.id, opts.cursor) : undefined,
        opts.unreadOnly ? isNull(notifications.readAt) : undefined,
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}

export async function unreadCount(db: DbOrTx, actor: SignedInActor): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)));
  return Number(r?.n ?? 0);
}

export type MarkReadInput = { ids: number[] } | { all: true };

/** Marks the actor's own notifications read; ids of other users' rows are silently not touched. Returns how many changed. */
export async function markRead(db: DbOrTx, actor: SignedInActor, input: MarkReadInput): Promise<number> {
  const which = 'all' in input ? undefined : input.ids.length ? inArray(notifications.id, input.ids) : sql`false`;
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt), which))
    .returning({ id: notifications.id });
  return rows.length;
}

export const markReadSchema = z.union([
  z.object({ ids: z.array(z.coerce.number().int().positive()).min(1).max(NOTIFICATION_PAGE_MAX) }),
  z.object({ all: z.literal(true) }),
]);

export const markNotificationsReadDef = defineAction({
  access: { kind: 'signedIn' },
  schema: markReadSchema,
  handler: async ({ db, actor, input }) => ({ updated: await markRead(db, actor, input), unread: await unreadCount(db, actor) }),
});

/** What the bell shows when it opens: the latest few and the unread count, read fresh. */
export const BELL_SIZE = 8;

export async function bellSnapshot(db: DbOrTx, actor: SignedInActor) {
  const { items } = await listNotifications(db, actor, { limit: BELL_SIZE });
  return { items, unread: await unreadCount(db, actor) };
}

export const bellSnapshotDef = defineAction({
  access: { kind: 'signedIn' },
  schema: z.object({}),
  handler: async ({ db, actor }) => bellSnapshot(db, actor),
});

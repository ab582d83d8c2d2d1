import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { uuidSchema } from '@/lib/platform/schemas';
import { noticeServings } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { defineAction } from '../auth/action-core';
import type { Actor } from '../auth/actor';
import { AppError } from '../errors';
import { getSetting } from '../settings';

/**
 * Forced-reading notices (SPEC §1.1): a notice that must stay open N seconds
 * before it can be accepted. Each showing is a `notice_servings` row; the
 * acceptance is refused until N seconds after `served_at`, measured with the
 * database clock, so a client that skips its countdown gains nothing.
 * Definitions are site settings `notice.<key>` = { title, body, seconds }.
 */
export type NoticeDefinition = { title: string; body: string; seconds: number };
export type ServedNotice = NoticeDefinition & { servingId: string; servedAt: string };

export const noticeKeySchema = z.string().trim().regex(/^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$/).max(64);

const definitionSchema = z.object({
  title: z.string().min(1),
  body: z.string(),
  seconds: z.number().int().min(0).max(600),
});

export async function noticeDefinition(db: DbOrTx, key: string): Promise<NoticeDefinition> {
  const parsed = noticeKeySchema.safeParse(key);
  const value = parsed.success ? await getSetting<unknown>(db, `notice.${parsed.data}`) : undefined;
  const def = definitionSchema.safeParse(value);
  if (!def.success) throw new AppError('NOT_FOUND', { messageKey: 'noticeNotFound' });
  return def.data;
}

const userIdOf = (actor: Actor) => (actor.kind === 'anonymous' ? null : actor.id);

/** Records that a notice is being shown now and returns what to show. */
export async function serveNotice(db: DbOrTx, key: string, actor: Actor): Promise<ServedNotice> {
  const def = await noticeDefinition(db, key);
  const [row] = await db
    .insert(noticeServings)
    .values({ noticeKey: noticeKeySchema.parse(key), userId: userIdOf(actor) })
    .returning({ id: noticeServings.id, servedAt: noticeServings.servedAt });
  return { servingId: row.id, servedAt: row.servedAt.toISOString(), ...def };
}

/**
 * Accepts a serving once its seconds have passed. A serving shown to a
 * signed-in user belongs to that user; one shown anonymously may be accepted
 * by whoever holds its (random) id. A second acceptance returns the first.
 */
export async function acceptNotice(db: DbOrTx, servingId: string, actor: Actor): Promise<{ acceptedAt: string }> {
  const load = async () =>
    (
      await db
        .select({
          noticeKey: noticeServings.noticeKey,
          userId: noticeServings.userId,
          acceptedAt: noticeServings.acceptedAt,
          elapsed: sql<number>`extract(epoch from (now() - ${noticeServings.servedAt}))::float8`,
        })
        .from(noticeServings)
        .where(eq(noticeServings.id, servingId))
    )[0];
  const serving = await load();
  if (!serving) throw new AppError('NOT_FOUND', { messageKey: 'noticeNotFound' });
  if (serving.userId && serving.userId !== userIdOf(actor)) throw new AppError('FORBIDDEN');
  if (serving.acceptedAt) return { acceptedAt: serving.acceptedAt.toISOString() };

  const { seconds } = await noticeDefinition(db, serving.noticeKey);
  const [done] = await db
    .update(noticeServings)
    .set({ acceptedAt: sql`now()` })
    .where(
      and(
        eq(noticeServings.id, servingId),
        isNull(noticeServings.acceptedAt),
        sql`${noticeServings.servedAt} + make_interval(secs => ${seconds}) <= now()`,
      ),
    )
    .returning({ acceptedAt: noticeServings.acceptedAt });
  if (done?.acceptedAt) return { acceptedAt: done.acceptedAt.toISOString() };

  // Either another request accepted it just now, or it is too early.
  const again = await load();
  if (again?.acceptedAt) return { acceptedAt: again.acceptedAt.toISOString() };
  const remaining = Math.max(1, Math.ceil(seconds - Number(again?.elapsed ?? 0)));
  throw new AppError('BAD_INPUT', { messageKey: 'noticeTooEarly', params: { seconds: remaining } });
}

/**
 * When this signed-in user last accepted the notice (null: never), so a flow
 * behind a notice can refuse, on the server, a step taken without reading it.
 */
export async function noticeAcceptedAt(db: DbOrTx, key: string, actor: Actor): Promise<Date | null> {
  const userId = userIdOf(actor);
  if (!userId) return null;
  const [row] = await db
    .select({ at: sql<Date | null>`max(${noticeServings.acceptedAt})` })
    .from(noticeServings)
    .where(and(eq(noticeServings.noticeKey, key), eq(noticeServings.userId, userId)));
  return row?.at ? new Date(row.at) : null;
}

export const serveNoticeDef = defineAction({
  access: { kind: 'public' },
  schema: z.object({ key: noticeKeySchema }),
  handler: ({ db, actor, input }) => serveNotice(db, input.key, actor),
});

export const acceptNoticeDef = defineAction({
  access: { kind: 'public' },
  schema: z.object({ servingId: uuidSchema() }),
  handler: ({ db, actor, input }) => acceptNotice(db, input.servingId, actor),
});

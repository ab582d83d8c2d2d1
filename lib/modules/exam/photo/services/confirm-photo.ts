import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db';
import { candidatePhotos } from '@/db/schema';
import { audit } from '@/lib/platform/audit';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { confirmPhotoSchema, type PhotoView } from '../schemas';
import { changeClosed, requireCandidate, viewOf } from './candidate';
import { photoChangeAllowed } from './change-window';

/**
 * "确认使用此照片": the candidate has seen the source and the standard photo side
 * by side and accepts the latter; registration needs a confirmed photo.
 * Confirming twice is harmless (the first time stands).
 */
export async function confirmPhoto(db: Db, actorIn: Actor, opts: { now?: Date; ip?: string | null } = {}): Promise<PhotoView> {
  const actor = requireCandidate(actorIn);
  const now = opts.now ?? new Date();
  if (!(await photoChangeAllowed(db, actor.id, now))) throw changeClosed();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(candidatePhotos)
      .set({ confirmedAt: now })
      .where(and(eq(candidatePhotos.userId, actor.id), isNull(candidatePhotos.confirmedAt)))
      .returning();
    if (!row) {
      const [current] = await tx.select().from(candidatePhotos).where(eq(candidatePhotos.userId, actor.id));
      if (!current) throw new AppError('BAD_INPUT', { messageKey: 'examPhoto.errors.noPhoto' });
      return viewOf(current);
    }
    await audit(tx, { action: 'exam.photo.confirmed', actorId: actor.id, targetType: 'candidate_photo', targetId: actor.id, ip: opts.ip ?? null });
    return viewOf(row);
  });
}

export const confirmPhotoDef = defineAction({
  access: { kind: 'applicant', module: 'exam' },
  schema: confirmPhotoSchema,
  handler: ({ db, actor, ip, now }) => confirmPhoto(db, actor, { ip, now: now() }),
});

import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { candidatePhotos } from '@/db/schema';
import type { Actor } from '@/lib/platform/auth/actor';
import { can } from '@/lib/platform/auth/permissions';
import { isUuid } from '@/lib/platform/schemas';
import { viaStorage } from '@/lib/platform/documents/store';
import { AppError } from '@/lib/platform/errors';
import type { Storage } from '@/lib/platform/storage';
import type { PhotoFileKind, PhotoView } from '../schemas';
import { requireCandidate, viewOf } from './candidate';
import { photoChangeAllowed } from './change-window';

/** Staff who may see candidates' photos (exam administration, and the platform admin). */
function readsAnyPhoto(actor: Actor): boolean {
  return can(actor, { action: 'staff.role', role: 'exam_admin', module: 'exam' }) || can(actor, { action: 'staff.role', role: 'admin' });
}

/** Whose photo `actor` may read: their own, or (exam staff) the named candidate's; null otherwise. */
function photoOwner(actor: Actor, userId: string | null | undefined): string | null {
  if (actor.kind === 'individual') return !userId || userId === actor.id ? actor.id : null;
  if (actor.kind === 'staff' && readsAnyPhoto(actor)) return isUuid(userId) ? userId : null;
  return null;
}

/**
 * A photo file for the download route: the owner's, or any candidate's for
 * exam staff. Anyone else gets NOT_FOUND, exactly as for a photo that does
 * not exist.
 */
export async function readPhoto(db: DbOrTx, storage: Storage, actor: Actor, input: { kind: PhotoFileKind; userId?: string | null }): Promise<{ bytes: Uint8Array; fileName: string }> {
  const owner = photoOwner(actor, input.userId);
  if (!owner) throw new AppError('NOT_FOUND');
  const [row] = await db.select({ originalKey: candidatePhotos.originalKey, processedKey: candidatePhotos.processedKey }).from(candidatePhotos).where(eq(candidatePhotos.userId, owner));
  if (!row) throw new AppError('NOT_FOUND');
  const key = input.kind === 'original' ? row.originalKey : row.processedKey;
  const bytes = await viaStorage('get', () => storage.get(key));
  if (!bytes) throw new AppError('NOT_FOUND');
  // "报名照片" is what the seed's tool named its output.
  return { bytes, fileName: input.kind === 'standard' ? '报名照片.jpg' : '原始照片.jpg' };
}

/** The page's view: the candidate's photo (if any) and whether it may be changed now. */
export async function myPhoto(db: DbOrTx, storage: Storage, actorIn: Actor, now = new Date()): Promise<{ photo: PhotoView | null; changeAllowed: boolean }> {
  const actor = requireCandidate(actorIn);
  const [[row], changeAllowed] = await Promise.all([db.select().from(candidatePhotos).where(eq(candidatePhotos.userId, actor.id)), photoChangeAllowed(db, actor.id, now)]);
  if (!row) return { photo: null, changeAllowed };
  // The source's size is only for display: a storage hiccup must not break the page.
  const head = await storage.head(row.originalKey).catch(() => null);
  return { photo: viewOf(row, { bytes: head?.size }), changeAllowed };
}

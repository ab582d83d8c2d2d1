import crypto from 'node:crypto';
import type { candidatePhotos } from '@/db/schema';
import type { Applicant } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { can } from '@/lib/platform/auth/permissions';
import { AppError } from '@/lib/platform/errors';
import type { PhotoView } from '../schemas';
import type { PhotoBackground } from '../standard';
import type { PhotoSize } from './process-photo';

/** Exam candidates are individuals with module D; everyone else is refused, whatever the UI showed. */
export function requireCandidate(actor: Actor): Extract<Applicant, { kind: 'individual' }> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'individual' || !can(actor, { action: 'module.use', module: 'exam' })) throw new AppError('FORBIDDEN');
  return actor;
}

export const changeClosed = () => new AppError('INVALID_STATE', { messageKey: 'examPhoto.errors.changeClosed' });

/**
 * Server-only keys of one upload's files; the id is the upload's own (random),
 * so a retried completion finds its result. No personal identifier in a key
 * (issue #15.2): whose photo it is lives only in the database row.
 */
export function photoKeys(uploadId: string) {
  const dir = `exam-photos/${uploadId}`;
  return { original: `${dir}/original.jpg`, standard: `${dir}/standard.jpg` };
}

type PhotoRow = typeof candidatePhotos.$inferSelect;

export function viewOf(row: PhotoRow, original: Partial<PhotoSize> = {}): PhotoView {
  return {
    background: row.background as PhotoBackground,
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    // Derived from the key (new with every upload) without showing it.
    version: crypto.createHash('sha256').update(row.processedKey).digest('base64url').slice(0, 16),
    original: { bytes: original.bytes ?? null, width: original.width ?? null, height: original.height ?? null },
    standard: { bytes: row.bytes, width: row.width, height: row.height },
  };
}

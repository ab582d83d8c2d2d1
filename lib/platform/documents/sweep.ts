import { inArray } from 'drizzle-orm';
import { documents } from '@/db/schema';
import type { Db } from '@/db';
import type { Storage } from '../storage';
import { removeQuietly } from './store';

/**
 * Objects nobody will ever read again (issue #15.10), removed once they are
 * older than a grace period (longer than any upload ticket):
 * - `uploads/…`: a browser's staging object whose upload was never completed
 *   (a completed one is copied to `files/` and its staging object deleted);
 * - `files/…`: an object no document row names — its completion failed after
 *   the copy, or the transaction that recorded it rolled back.
 * Objects of document rows (current, replaced or deleted versions: the record
 * shows them) are kept.
 */
export const SWEEP_GRACE_HOURS = 24;

export async function sweepStorage(db: Db, storage: Storage, now = new Date()): Promise<{ staging: number; orphans: number }> {
  const before = new Date(now.getTime() - SWEEP_GRACE_HOURS * 3600_000);
  const staging = await storage.listOlderThan('uploads/', before);
  for (const key of staging) await removeQuietly(storage, key);
  const files = await storage.listOlderThan('files/', before);
  let orphans = 0;
  for (let i = 0; i < files.length; i += 500) {
    const batch = files.slice(i, i + 500);
    const known = new Set((await db.select({ key: documents.storageKey }).from(documents).where(inArray(documents.storageKey, batch))).map((r) => r.key));
    for (const key of batch.filter((k) => !known.has(k))) {
      await removeQuietly(storage, key);
      orphans++;
    }
  }
  return { staging: staging.length, orphans };
}

import crypto from 'node:crypto';
import { and, eq, max, sql } from 'drizzle-orm';
import { applications, documents, type DocumentRow } from '@/db/schema';
import type { Db, DbOrTx } from '@/db';
import { AppError } from '../errors';
import { logger } from '../logger';
import type { Storage } from '../storage';

export type StoreGeneratedPdfInput = {
  applicationId: string;
  /** The document slot, e.g. 'application_form' or 'decision_letter'. */
  slot: string;
  /** The name downloads get, e.g. 实验室认可预申请表-KY2026000123.pdf. */
  fileName: string;
  buffer: Uint8Array;
  /** The user whose action generated it; null for the system (jobs, workflow effects). */
  uploadedBy?: string | null;
  /**
   * A caller-chosen object key makes the call idempotent: a retried job that
   * already stored this key gets the existing row back and stores nothing.
   */
  key?: string;
};

/**
 * Keeps a generated PDF as the application's current document in `slot`:
 * the object goes to storage under a key only the server knows
 * (generated/<applicationId>/<uuid>.pdf), then a `documents` row (source
 * 'generated', version = the slot's highest + 1) is inserted and the slot's
 * previous current row becomes 'replaced'. Pass the caller's transaction so
 * the row commits with the state change that produced the document.
 *
 * Writers of one slot are serialized with the same advisory lock key as
 * uploads (lib/platform/documents/store.ts: `documents:<applicationId>:<slot>`),
 * so a generation and an upload never take the same version number. If the
 * row cannot be written the object is deleted; if the caller's transaction
 * rolls back later, the object stays unreachable (reads go through rows).
 */
export async function storeGeneratedPdf(tx: DbOrTx, storage: Storage, input: StoreGeneratedPdfInput): Promise<DocumentRow> {
  const bytes = input.buffer;
  if (!isPdf(bytes)) throw new Error('storeGeneratedPdf: the buffer is not a PDF');
  const key = input.key ?? `generated/${input.applicationId}/${crypto.randomUUID()}.pdf`;
  if (input.key) {
    const [existing] = await tx.select().from(documents).where(eq(documents.storageKey, input.key));
    if (existing) return existing;
  }
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');

  await storage.put(key, bytes, 'application/pdf');
  try {
    // A savepoint inside the caller's transaction, or a transaction of its own on a bare handle.
    return await (tx as Db).transaction(async (t) => {
      await t.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`documents:${input.applicationId}:${input.slot}`}, 0))`);
      const [app] = await t.select({ id: applications.id, orgId: applications.orgId }).from(applications).where(eq(applications.id, input.applicationId));
      if (!app) throw new AppError('NOT_FOUND');
      const here = and(eq(documents.applicationId, input.applicationId), eq(documents.slot, input.slot));
      const [{ top }] = await t.select({ top: max(documents.version) }).from(documents).where(here);
      await t
        .update(documents)
        .set({ status: 'replaced', replacedAt: sql`now()` })
        .where(and(here, eq(documents.status, 'current')));
      const [row] = await t
        .insert(documents)
        .values({
          applicationId: input.applicationId,
          // As uploads to an application do: the org scope is the application's.
          orgId: app.orgId,
          slot: input.slot,
          storageKey: key,
          fileName: input.fileName,
          contentType: 'application/pdf',
          size: bytes.byteLength,
          sha256,
          version: (top ?? 0) + 1,
          status: 'current',
          source: 'generated',
          uploadedBy: input.uploadedBy ?? null,
        })
        .returning();
      return row;
    });
  } catch (e) {
    await storage.delete(key).catch((err: unknown) => logger.warn('could not delete generated PDF object', { key, err }));
    throw e;
  }
}

function isPdf(b: Uint8Array): boolean {
  return b.byteLength > 5 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 && b[4] === 0x2d; // %PDF-
}

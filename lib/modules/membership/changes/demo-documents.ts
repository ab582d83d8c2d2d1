import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { documents } from '@/db/schema';
import { defineJob } from '@/lib/platform/jobs';
import { renderPdf } from '@/lib/platform/pdf/registry';
import { getStorage } from '@/lib/platform/storage';
import { DEMO_DOCUMENT } from './demo-job-type';

/**
 * The demo seed (db/seed/demo-membership-changes.ts) gives its submitted
 * applications their required documents as rows; the seed runs before
 * storage is up, so this job, run by the outbox worker once it is, stores a
 * sample PDF under each row's key (once: an existing object is kept).
 */
export const demoDocumentJob = defineJob(DEMO_DOCUMENT, async (db, { documentId }, ctx) => {
  const [doc] = await db.select().from(documents).where(eq(documents.id, documentId));
  if (!doc) return;
  const storage = ctx.storage ?? (await getStorage());
  if (await storage.head(doc.storageKey)) return;
  const pdf = await renderPdf('application-form', {
    number: doc.fileName.replace(/\.pdf$/i, ''),
    title: '演示材料',
    sections: [{ title: '演示数据', fields: [{ label: '材料名称', value: doc.fileName, wide: true }] }],
    instructions: '本文件由演示数据自动生成，仅用于演示审核流程。',
  });
  await storage.put(doc.storageKey, pdf, 'application/pdf');
  await db
    .update(documents)
    .set({ size: pdf.byteLength, sha256: crypto.createHash('sha256').update(pdf).digest('hex') })
    .where(eq(documents.id, doc.id));
});

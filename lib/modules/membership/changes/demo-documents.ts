import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { documents } from '@/db/schema';
import { defineJob } from '@/lib/platform/jobs';
import { renderPdf } from '@/lib/platform/pdf/registry';
import { getStorage } from '@/lib/platform/storage';
import { DEMO_DOCUMENT } from './demo-job-type';

/** A plain sample image (a bank-transfer screenshot stand-in): text in Latin letters, so no CJK font is needed. */
async function samplePng(fileName: string): Promise<Buffer> {
  const sharp = (await import('sharp')).default;
  const label = fileName.replace(/[^\x20-\x7e]/g, '').replace(/[<&>]/g, '') || 'sample';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"><rect width="100%" height="100%" fill="#f4f6fb"/><rect x="24" y="24" width="592" height="312" rx="12" fill="#fff" stroke="#1d4ed8" stroke-width="3"/><text x="48" y="96" font-family="sans-serif" font-size="34" fill="#1d4ed8">DEMO BANK TRANSFER</text><text x="48" y="160" font-family="sans-serif" font-size="22" fill="#334155">Transfer receipt (sample data)</text><text x="48" y="210" font-family="sans-serif" font-size="18" fill="#64748b">${label}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/**
 * The demo seed (db/seed/demo-membership-changes.ts) gives its submitted
 * applications their required documents as rows; the seed runs before
 * storage is up, so this job, run by the outbox worker once it is, stores a
 * sample PDF under each row's key (once: an existing object is kept); a row
 * of an image type (a transfer screenshot) gets a sample PNG instead.
 */
export const demoDocumentJob = defineJob(DEMO_DOCUMENT, async (db, { documentId }, ctx) => {
  const [doc] = await db.select().from(documents).where(eq(documents.id, documentId));
  if (!doc) return;
  const storage = ctx.storage ?? (await getStorage());
  if (await storage.head(doc.storageKey)) return;
  if (doc.contentType === 'image/png') {
    const png = await samplePng(doc.fileName);
    await storage.put(doc.storageKey, png, 'image/png');
    await db
      .update(documents)
      .set({ size: png.byteLength, sha256: crypto.createHash('sha256').update(png).digest('hex') })
      .where(eq(documents.id, doc.id));
    return;
  }
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

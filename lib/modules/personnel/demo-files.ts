import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { z } from 'zod';
import { documents } from '@/db/schema';
import { defineJob, jobType } from '@/lib/platform/jobs';
import { getStorage } from '@/lib/platform/storage';
import { uuidSchema } from '@/lib/platform/schemas';

/**
 * Files of module C's demo data (db/seed/demo-personnel.ts). The seed runs
 * before object storage is up, so it writes each file's `documents` row and
 * enqueues this job with the bytes; the outbox worker stores them once the
 * server runs (idempotent: a file already stored is left alone).
 */
export const DEMO_FILE = jobType('personnel-demo-file', z.object({ documentId: uuidSchema(), base64: z.string().max(400_000) }));

export const demoFileJob = defineJob(DEMO_FILE, async (db, { documentId, base64 }, ctx) => {
  const [doc] = await db.select().from(documents).where(eq(documents.id, documentId));
  if (!doc) return;
  const storage = ctx.storage ?? (await getStorage());
  if (await storage.head(doc.storageKey).catch(() => null)) return;
  await storage.put(doc.storageKey, Buffer.from(base64, 'base64'), doc.contentType);
});

/** A plain ID-style photo (blue background, head and shoulders) as a JPEG, 300 × 420. */
export async function demoPhoto(tone = '#438edb'): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="420">
    <rect width="300" height="420" fill="${tone}"/>
    <ellipse cx="150" cy="170" rx="62" ry="80" fill="#cea488"/>
    <rect x="110" y="90" width="80" height="40" rx="20" fill="#2b2b2b"/>
    <ellipse cx="150" cy="430" rx="130" ry="130" fill="#26283a"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/** A one-page PDF standing in for a scanned document of the demo. */
export function demoPdf(title: string): Buffer {
  const text = title.replace(/[^\x20-\x7e]/g, '?').replace(/[()\\]/g, '');
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

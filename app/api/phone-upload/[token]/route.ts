import { NextResponse } from 'next/server';
import { z } from 'zod';
import { completePhoneUpload, phoneLinkSlot } from '@/lib/platform/documents/services/phone-upload';
import { emptyFile, tooLarge } from '@/lib/platform/documents/content';
import { defineRoute } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

/**
 * The phone's upload (no session: the single-use token in the path is the
 * credential). The body is the raw file, its name in `X-File-Name`
 * (URI-encoded). A route rather than a server action: action bodies are
 * capped at 1 MB, phone photos are larger. The body is read only up to the
 * slot's limit, so an oversized file is refused without being buffered whole.
 */
export const POST = defineRoute({
  access: { kind: 'public' },
  session: false,
  params: z.object({ token: z.string().min(1).max(200) }),
  handler: async ({ req, db, storage, params: { token } }) => {
    const slot = await phoneLinkSlot(db, token);
    const declared = Number(req.headers.get('content-length') ?? NaN);
    if (declared > slot.maxBytes) throw tooLarge(slot);
    const bytes = await readUpTo(req, slot.maxBytes);
    if (!bytes) throw tooLarge(slot);
    if (bytes.byteLength === 0) throw emptyFile();
    let fileName = 'photo';
    try {
      fileName = decodeURIComponent(req.headers.get('x-file-name') ?? '') || fileName;
    } catch {
      /* a malformed name falls back to the default */
    }
    const doc = await completePhoneUpload(db, await storage(), { token, fileName, bytes });
    return NextResponse.json({ ok: true, data: { fileName: doc.fileName } }, { headers: { 'Cache-Control': 'no-store' } });
  },
});

/** The body's bytes, or null as soon as it exceeds `max`. */
async function readUpTo(req: Request, max: number): Promise<Uint8Array | null> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

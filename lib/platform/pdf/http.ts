/**
 * HTTP responses for generated PDFs. Route handlers check the reader's
 * permission first; these only shape the response.
 */

/**
 * A Content-Disposition value any browser reads: `filename*` (RFC 5987/6266)
 * carries the real, e.g. Chinese, name; `filename` is an ASCII fallback for
 * old clients. Same encoding as app/staff/(main)/audit/export's attachmentDisposition
 * (lib/modules/staff-admin), which is attachment-only and lives in a module.
 */
export function contentDisposition(filename: string, opts: { inline?: boolean; asciiFallback?: string } = {}): string {
  const name = safeFileName(filename);
  // encodeURIComponent leaves '()*! unescaped, which RFC 5987's attr-char does not allow.
  const encoded = encodeURIComponent(name).replace(/['()*!]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  const fallback = (opts.asciiFallback ?? asciiFallback(name)).replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${opts.inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** No path parts or control characters (a name comes from titles and numbers, not from users, but still). */
function safeFileName(name: string): string {
  const cleaned = name.replace(/[\\/]/g, '-').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return cleaned || 'document.pdf';
}

/** 认可决定书-KY2026000123.pdf → KY2026000123.pdf; a name with no ASCII left → document.pdf. */
function asciiFallback(name: string): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot).replace(/[^\x21-\x7e]/g, '') : '';
  const base = (dot > 0 ? name.slice(0, dot) : name)
    .replace(/[^\x20-\x7e]+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s._-]+|[\s._-]+$/g, '');
  return `${base || 'document'}${ext}`;
}

/**
 * The PDF as a download (default) or shown in the browser's viewer (`inline`).
 * Private and never cached: these documents belong to one applicant.
 */
export function pdfResponse(buffer: Uint8Array, filename: string, opts: { inline?: boolean; asciiFallback?: string } = {}): Response {
  const name = /\.pdf$/i.test(filename) ? filename : `${filename}.pdf`;
  // A copy typed on a plain ArrayBuffer (BodyInit does not take Buffer's ArrayBufferLike).
  return new Response(new Uint8Array(buffer), {
    status: 200,
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(buffer.byteLength),
      'Content-Disposition': contentDisposition(name, opts),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

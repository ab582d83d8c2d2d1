/**
 * Text extraction with pdfjs-dist (pure JavaScript, so `npm test` needs no
 * system tool). Items on the same baseline are joined (with two spaces in
 * `layout` mode), lines with newlines, which is enough to see that a value
 * sits on its label's row.
 */
export async function pdfText(pdf: Uint8Array, opts: { layout?: boolean } = {}): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    const lines = new Map<number, Array<{ x: number; s: string }>>();
    for (const item of content.items) {
      if (!('str' in item)) continue;
      const y = Math.round(item.transform[5]);
      const line = lines.get(y) ?? [];
      line.push({ x: item.transform[4], s: item.str });
      lines.set(y, line);
    }
    const sorted = [...lines.entries()].sort((a, b) => b[0] - a[0]).map(([, items]) => items.sort((a, b) => a.x - b.x).map((i) => i.s).join(opts.layout ? '  ' : ''));
    // Like pdftotext, a hyphen that ends a wrapped line joins the line to the next.
    pages.push(sorted.join('\n').replace(/-\n/g, ''));
  }
  await doc.destroy();
  return pages.join('\n');
}

/** Line breaks and spacing are layout, not content. */
export const squash = (s: string) => s.replace(/\s+/g, '');

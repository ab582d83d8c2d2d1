import { describe, expect, it } from 'vitest';
import { formatDocumentDate, verifyUrl } from '@/lib/platform/pdf/define';
import { breakOpportunities, fontPackageDir } from '@/lib/platform/pdf/fonts';
import { contentDisposition, pdfResponse } from '@/lib/platform/pdf/http';
import { maskApplicantName } from '@/lib/platform/pdf/verify';

describe('CJK line breaking', () => {
  it('breaks between Chinese characters with empty (zero-width, hyphen-free) parts and loses nothing', () => {
    const word = '认可决定书';
    const parts = breakOpportunities(word);
    expect(parts).toEqual(['认', '', '可', '', '决', '', '定', '', '书']);
    expect(parts.join('')).toBe(word);
  });

  it('keeps Latin words and numbers whole, and never starts a line with closing punctuation or ends one with opening punctuation', () => {
    expect(breakOpportunities('Accreditation')).toEqual(['Accreditation']);
    const parts = breakOpportunities('依据ISO/IEC17025（2017版），准予。');
    expect(parts.join('')).toBe('依据ISO/IEC17025（2017版），准予。');
    const chunks = parts.filter(Boolean);
    expect(chunks).toContain('ISO/IEC17025');
    expect(chunks.some((c) => /^[），。]/.test(c))).toBe(false);
    expect(chunks.some((c) => c.endsWith('（'))).toBe(false);
  });

  it("keeps a paragraph's ideographic-space indent with the first character", () => {
    expect(breakOpportunities('\u3000\u3000你单位')[0]).toBe('\u3000\u3000你');
  });

  it('finds the font files from the project root', () => {
    expect(fontPackageDir()).toMatch(/@expo-google-fonts[\\/]noto-sans-sc$/);
  });
});

describe('document dates and verification links', () => {
  it('prints the date in China time, Chinese or English', () => {
    // 2026-11-22 17:30 UTC is already 23 November in Shanghai.
    const d = new Date('2026-11-22T17:30:00Z');
    expect(formatDocumentDate(d, 'zh-CN')).toBe('2026年11月23日');
    expect(formatDocumentDate(d, 'en')).toBe('November 23, 2026');
  });

  it('links to /verify/<number> under APP_URL, keeping a path prefix and encoding the number', () => {
    expect(verifyUrl('KY2026000123', 'https://accredit.example.cn/')).toBe('https://accredit.example.cn/verify/KY2026000123');
    expect(verifyUrl('A 1/2', 'https://example.cn/app')).toBe('https://example.cn/app/verify/A%201%2F2');
  });
});

describe('masked applicant names', () => {
  it.each([
    ['杭州华测检测有限公司', '杭州**检测有限公司'],
    ['华为技术股份有限公司', '华为**股份有限公司'],
    ['浙江省计量科学研究院', '浙江***科学研究院'],
    ['王小明', '王*明'],
    ['张三', '张*'],
    ['李', '李'],
  ])('%s → %s', (name, masked) => {
    expect(maskApplicantName(name)).toBe(masked);
  });

  it('always hides something and never more than four stars', () => {
    for (const name of ['Acme Testing Laboratories Ltd', '中国合格评定国家认可委员会', '某某检测站']) {
      const m = maskApplicantName(name);
      expect(m).toMatch(/\*{1,4}/);
      expect(m).not.toMatch(/\*{5}/);
      expect(m).not.toBe(name);
    }
  });
});

describe('PDF responses', () => {
  it('names Chinese files with RFC 5987 filename* and an ASCII fallback', () => {
    expect(contentDisposition('认可决定书-KY2026000123.pdf')).toBe(
      `attachment; filename="KY2026000123.pdf"; filename*=UTF-8''${encodeURIComponent('认可决定书-KY2026000123.pdf')}`,
    );
    expect(contentDisposition('申请表.pdf', { inline: true })).toMatch(/^inline; filename="document\.pdf"; filename\*=UTF-8''%E7%94%B3/);
    // Characters RFC 5987 does not allow unescaped, and no path parts.
    expect(contentDisposition("a'b(1)/x.pdf")).toBe(`attachment; filename="a'b(1)-x.pdf"; filename*=UTF-8''a%27b%281%29-x.pdf`);
    expect(contentDisposition('x.pdf', { asciiFallback: 'decision "1".pdf' })).toContain('filename="decision _1_.pdf"');
  });

  it('is a private, uncached application/pdf download (or inline) with the exact bytes', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7 test');
    const res = pdfResponse(bytes, '认可决定书');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-length')).toBe(String(bytes.byteLength));
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('认可决定书.pdf')}`);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
    expect(pdfResponse(bytes, 'x.pdf', { inline: true }).headers.get('content-disposition')).toMatch(/^inline; filename="x\.pdf"/);
  });
});

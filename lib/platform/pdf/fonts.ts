import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Font } from '@react-pdf/renderer';

/**
 * The one font family of every generated PDF: Noto Sans SC (TrueType, from
 * @expo-google-fonts/noto-sans-sc), registered by file path so react-pdf
 * embeds a subset of the glyphs used (a page stays ~20 KB) and the Chinese
 * text is real, extractable text. The package's index.js is React Native code
 * and must never be imported.
 */
export const PDF_FONT_FAMILY = 'NotoSansSC';

const PACKAGE = '@expo-google-fonts/noto-sans-sc';
const FILES = { 400: '400Regular/NotoSansSC_400Regular.ttf', 700: '700Bold/NotoSansSC_700Bold.ttf' } as const;

/**
 * The package directory, found at run time. Next.js bundles this module, so a
 * path relative to the module file means nothing in `next start`; the server
 * runs from the project root, which is tried first, then Node's resolution
 * from the root (hoisting, workspaces). The turbopackIgnore comments keep the
 * build from tracing the whole project through process.cwd(); the font
 * package is a dependency, present in node_modules at run time.
 */
export function fontPackageDir(): string {
  const root = process.cwd();
  const candidates = [() => path.join(/* turbopackIgnore: true */ root, 'node_modules', PACKAGE)];
  candidates.push(() => {
    const req = createRequire(path.join(/* turbopackIgnore: true */ root, 'package.json'));
    return path.dirname(req.resolve(`${PACKAGE}/package.json`));
  });
  for (const candidate of candidates) {
    try {
      const dir = candidate();
      if (fs.existsSync(/* turbopackIgnore: true */ fontFile(dir, 400))) return dir;
    } catch {
      /* next candidate */
    }
  }
  throw new Error(`PDF font not found: ${PACKAGE} is not installed under ${root}/node_modules`);
}

function fontFile(dir: string, weight: keyof typeof FILES): string {
  return path.join(/* turbopackIgnore: true */ dir, FILES[weight]);
}

/**
 * Registers the font and the line-breaking rule once. Asks react-pdf's own
 * registry rather than keeping a flag, so it stays right however many bundles
 * load this module (react-pdf itself is external: one instance per process).
 */
export function registerPdfFonts(): void {
  if (Font.getRegisteredFontFamilies().includes(PDF_FONT_FAMILY)) return;
  const dir = fontPackageDir();
  Font.register({
    family: PDF_FONT_FAMILY,
    fonts: [
      { src: fontFile(dir, 400), fontWeight: 400 },
      { src: fontFile(dir, 700), fontWeight: 700 },
    ],
  });
  Font.registerHyphenationCallback(breakOpportunities);
}

// Han, kana, hangul, CJK symbols and full-width forms: each may start a new line.
const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\u{20000}-\u{3134f}]/u;
// Kinsoku: no line starts with closing punctuation, none ends with opening
// punctuation or an ideographic space (a paragraph's indent stays with its first word).
const NO_LINE_START = new Set(Array.from('，。、；：？！）」』》〉】〕”’…—·%,.;:?!)]}'));
const NO_LINE_END = new Set(Array.from('（「『《〈【〔“‘([{\u3000'));

/**
 * react-pdf splits text on spaces and asks this callback where a "word" may
 * break. Chinese has no spaces, so a whole sentence is one word: every
 * boundary next to a CJK character becomes a break. An empty part is
 * zero-width glue, so a break there adds no hyphen (a non-empty part boundary
 * would be a hyphenation point and print "-"). Latin words stay whole: no
 * English hyphenation anywhere.
 */
export function breakOpportunities(word: string): string[] {
  const chars = Array.from(word);
  if (!chars.some((c) => CJK.test(c))) return [word];
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const next = chars[i + 1];
    chunk += c;
    if (next === undefined) break;
    const boundary = CJK.test(c) || CJK.test(next);
    if (boundary && !NO_LINE_START.has(next) && !NO_LINE_END.has(c)) {
      parts.push(chunk, '');
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts;
}

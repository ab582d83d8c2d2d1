import { renderToBuffer } from '@react-pdf/renderer';
import type { DbOrTx } from '@/db';
import type { AppLocale } from '@/i18n/config';
import { rawCatalogs } from '@/messages/catalog';
import { getSetting } from '../settings';
import { pdfContext, type PdfTemplate } from './define';
import { registerPdfFonts } from './fonts';
import { applicationForm } from './templates/application-form';
import { certificate } from './templates/certificate';
import { decisionLetter } from './templates/decision-letter';
import { receipt } from './templates/receipt';

export { definePdfTemplate, type PdfContext, type PdfTemplate } from './define';
export type { ApplicationFormProps, FormField, FormSection } from './templates/application-form';
export type { CertificateProps } from './templates/certificate';
export type { DecisionLetterProps } from './templates/decision-letter';
export type { ReceiptProps } from './templates/receipt';

/**
 * lib/platform/pdf — documents the platform generates (forms to print, sign
 * and re-upload; letters; notices; certificates) as PDFs rendered on the
 * server with @react-pdf/renderer and an embedded Noto Sans SC subset, so the
 * Chinese is real, extractable text.
 *
 *   const pdf = await renderPdf('decision-letter', props, { locale, issuer: await pdfIssuer(db, locale) });
 *   return pdfResponse(pdf, `${pdfTitle('decision-letter', props)}-${props.number}.pdf`);   // route handler
 *   await storeGeneratedPdf(tx, storage, { applicationId, slot, fileName, buffer: pdf }); // keep a version
 *
 * Templates live in templates/ and share the letterhead (letterhead.tsx);
 * the QR code on every document opens /verify/<number> (verify.ts). Server
 * only: react-pdf is a serverExternalPackage.
 */

/**
 * Every PDF the platform generates, by key. A new document type is a template
 * file under templates/ plus one line here; `renderPdf` then checks its key
 * and props at compile time.
 */
const templates = {
  [applicationForm.key]: applicationForm,
  [decisionLetter.key]: decisionLetter,
  [receipt.key]: receipt,
  [certificate.key]: certificate,
} as const;

export type PdfTemplateKey = keyof typeof templates;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPdfTemplate = PdfTemplate<string, any>;

/*
 * Templates a module contributes (its manifest's `pdfTemplates`), by key. A
 * module renders its own by passing the template object to `renderPdf`, which
 * keeps its props checked at compile time; the registry serves lookups by key.
 */
const g = globalThis as unknown as { __accreditPdfTemplates?: Map<string, AnyPdfTemplate> };
const moduleTemplates = (g.__accreditPdfTemplates ??= new Map());

export function registerPdfTemplate(t: AnyPdfTemplate): void {
  if (t.key in templates) throw new Error(`PDF template ${t.key} is the platform's`);
  moduleTemplates.set(t.key, t);
}

export function findPdfTemplate(key: string): AnyPdfTemplate | undefined {
  return (templates as Record<string, AnyPdfTemplate>)[key] ?? moduleTemplates.get(key);
}
export type PdfProps<K extends PdfTemplateKey> = (typeof templates)[K] extends PdfTemplate<K, infer P> ? P : never;

export type RenderPdfOptions = {
  locale?: AppLocale;
  /** The issuing body on the letterhead and seal; default the platform's name (pass `await pdfIssuer(db, locale)` to honour the site setting). */
  issuer?: string;
};

export function pdfTemplate<K extends PdfTemplateKey>(key: K): PdfTemplate<K, PdfProps<K>> {
  return templates[key] as unknown as PdfTemplate<K, PdfProps<K>>;
}

/** The document title of a template (PDF metadata, download file names). */
export function pdfTitle<K extends PdfTemplateKey>(key: K, props: PdfProps<K>, locale: AppLocale = 'zh-CN'): string {
  return pdfTemplate(key).title(locale, props);
}

/** Renders a template (a platform template's key, or a module's template object) to PDF bytes. Chinese unless `locale: 'en'`. */
export async function renderPdf<K extends PdfTemplateKey>(key: K, props: PdfProps<K>, options?: RenderPdfOptions): Promise<Buffer>;
export async function renderPdf<P>(template: PdfTemplate<string, P>, props: P, options?: RenderPdfOptions): Promise<Buffer>;
export async function renderPdf(keyOrTemplate: string | AnyPdfTemplate, props: unknown, options: RenderPdfOptions = {}): Promise<Buffer> {
  registerPdfFonts();
  const locale = options.locale ?? 'zh-CN';
  const ctx = pdfContext(locale, options.issuer ?? siteName(locale));
  const template = typeof keyOrTemplate === 'string' ? findPdfTemplate(keyOrTemplate) : keyOrTemplate;
  if (!template) throw new Error(`unknown PDF template ${String(keyOrTemplate)}`);
  const doc = await template.render(props, ctx);
  return renderToBuffer(doc);
}

/** The platform's own name, the issuer when nothing else is configured. */
function siteName(locale: AppLocale): string {
  return rawCatalogs[locale].common.appName;
}

/**
 * The issuing body from the site setting `site.name` (a string, or one per
 * locale: { "zh-CN": …, "en": … }), else the platform's name. Callers with a
 * database pass the result as `issuer`.
 */
export async function pdfIssuer(db: DbOrTx, locale: AppLocale = 'zh-CN'): Promise<string> {
  const v = await getSetting<string | Partial<Record<AppLocale, string>> | undefined>(db, 'site.name');
  const name = typeof v === 'string' ? v : v?.[locale];
  return name?.trim() || siteName(locale);
}

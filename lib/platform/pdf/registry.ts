import { renderToBuffer } from '@react-pdf/renderer';
import type { DbOrTx } from '@/db';
import type { AppLocale } from '@/i18n/config';
import { catalogs } from '@/messages/catalog';
import { getSetting } from '../settings';
import { pdfContext, type PdfTemplate } from './define';
import { registerPdfFonts } from './fonts';
import { admissionTicket } from './templates/admission-ticket';
import { applicationForm } from './templates/application-form';
import { certificate } from './templates/certificate';
import { decisionLetter } from './templates/decision-letter';
import { receipt } from './templates/receipt';

export { definePdfTemplate, type PdfContext, type PdfTemplate } from './define';
export type { AdmissionTicketProps } from './templates/admission-ticket';
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
  [admissionTicket.key]: admissionTicket,
  [certificate.key]: certificate,
} as const;

export type PdfTemplateKey = keyof typeof templates;
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

/** Renders a template to PDF bytes. Chinese unless `locale: 'en'`. */
export async function renderPdf<K extends PdfTemplateKey>(key: K, props: PdfProps<K>, options: RenderPdfOptions = {}): Promise<Buffer> {
  registerPdfFonts();
  const locale = options.locale ?? 'zh-CN';
  const ctx = pdfContext(locale, options.issuer ?? siteName(locale));
  const doc = await pdfTemplate(key).render(props, ctx);
  return renderToBuffer(doc);
}

/** The platform's own name, the issuer when nothing else is configured. */
function siteName(locale: AppLocale): string {
  return catalogs[locale].common.appName;
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

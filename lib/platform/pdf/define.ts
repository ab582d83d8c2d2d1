import type { ReactElement } from 'react';
import type { DocumentProps } from '@react-pdf/renderer';
import { createTranslator } from 'next-intl';
import QRCode from 'qrcode';
import { TIME_ZONE, type AppLocale } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import { env } from '../env';

/** The translator of the `pdf` namespace in one locale. */
export function pdfTranslator(locale: AppLocale) {
  return createTranslator({ locale, messages: messagesFor(locale), namespace: 'pdf' });
}
export type PdfTranslator = ReturnType<typeof pdfTranslator>;

/** What every template gets besides its own props: the locale and the letterhead's shared parts. */
export type PdfContext = {
  locale: AppLocale;
  t: PdfTranslator;
  /** The issuing body printed on the letterhead and the seal. */
  issuer: string;
  /** A date as printed on documents: 2026年11月23日 (China time), or November 23, 2026. */
  formatDate: (d: Date) => string;
  /** The public verification page of a document number. */
  verifyUrl: (number: string) => string;
  /** A PNG data URL of a QR code for `text` (react-pdf components are synchronous, so QR codes are made before rendering). */
  qrDataUrl: (text: string) => Promise<string>;
};

export type PdfTemplate<K extends string, P> = {
  key: K;
  /** The document title (metadata, download names). */
  title: (locale: AppLocale, props: P) => string;
  /** The whole document: `<Document>` (usually through `<Letterhead>`). */
  render: (props: P, ctx: PdfContext) => ReactElement<DocumentProps> | Promise<ReactElement<DocumentProps>>;
};

/** Declares a template; the key and props type are inferred so `renderPdf` checks both at compile time. */
export function definePdfTemplate<const K extends string, P>(def: PdfTemplate<K, P>): PdfTemplate<K, P> {
  return def;
}

export function formatDocumentDate(d: Date, locale: AppLocale): string {
  return new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, year: 'numeric', month: 'long', day: 'numeric' }).format(d);
}

/** `${APP_URL}/verify/<number>`, keeping any path prefix APP_URL has. */
export function verifyUrl(number: string, appUrl = env().APP_URL): string {
  return `${appUrl.replace(/\/+$/, '')}/verify/${encodeURIComponent(number)}`;
}

export function qrDataUrl(text: string): Promise<string> {
  // Level M survives a stamp or a crease over part of the code; margin 1 because the page supplies white
  // space; whole pixels per module (scale) keep the edges sharp when printed.
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 1, scale: 6 });
}

export function pdfContext(locale: AppLocale, issuer: string): PdfContext {
  return {
    locale,
    t: pdfTranslator(locale),
    issuer,
    formatDate: (d) => formatDocumentDate(d, locale),
    verifyUrl: (n) => verifyUrl(n),
    qrDataUrl,
  };
}

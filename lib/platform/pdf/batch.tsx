import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { Document, renderToBuffer } from '@react-pdf/renderer';
import type { AppLocale } from '@/i18n/config';
import { pdfContext } from './define';
import { registerPdfFonts } from './fonts';
import type { AnyPdfTemplate } from './registry';

/** At most this many documents in one batch PDF. */
export const PDF_BATCH_MAX = 50;

/**
 * The pages of a template's rendered document. A template renders a
 * `<Document>`, usually through a component (`<Letterhead>`): plain function
 * components without hooks, unwrapped here until the `<Document>` is reached.
 */
function pagesOf(el: ReactNode): ReactNode[] {
  let node = el;
  for (let depth = 0; depth < 8 && isValidElement(node) && node.type !== Document; depth++) {
    if (typeof node.type !== 'function') break;
    node = (node.type as (p: unknown) => ReactNode)(node.props);
  }
  if (!isValidElement(node) || node.type !== Document) throw new Error('a PDF template must render a <Document>');
  return Children.toArray((node as ReactElement<{ children?: ReactNode }>).props.children);
}

/**
 * Many documents (certificates, admission tickets, letters) as ONE PDF to print:
 * each template renders as it would alone and its pages follow the previous
 * document's, numbered within their own document.
 */
export async function renderPdfBatch<P>(template: AnyPdfTemplate, propsList: readonly P[], options: { locale?: AppLocale; issuer: string; title: string }): Promise<Buffer> {
  if (propsList.length === 0 || propsList.length > PDF_BATCH_MAX) throw new Error(`a batch holds 1 to ${PDF_BATCH_MAX} documents`);
  registerPdfFonts();
  const ctx = pdfContext(options.locale ?? 'zh-CN', options.issuer);
  const pages: ReactNode[] = [];
  for (const [i, props] of propsList.entries()) {
    for (const page of pagesOf(await template.render(props, ctx))) pages.push(isValidElement(page) ? cloneElement(page, { key: `${i}-${pages.length}` }) : page);
  }
  return renderToBuffer(
    <Document title={options.title} author={options.issuer} creator={options.issuer} producer={options.issuer} language={ctx.locale}>
      {pages}
    </Document>,
  );
}

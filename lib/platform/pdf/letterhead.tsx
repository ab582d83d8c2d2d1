import type { ReactNode } from 'react';
import { Document, Image, Page, StyleSheet, Text, View, type Styles } from '@react-pdf/renderer';
import type { PdfContext } from './define';
import { PDF_FONT_FAMILY } from './fonts';

/**
 * The shared page layout of every generated document (红头): the issuing body
 * in red over a double red rule, the document number and date, a QR code
 * to the public verification page, the title, then the template's content;
 * on every page a footer with the verification address and "第 1 页 / 共 N 页",
 * and from page 2 a running head. With `seal`, the content ends with the
 * issuing body and the date, and (seal: true) a seal placeholder over them.
 */
export const RED = '#c8161d';
const INK = '#1a1a1a';
const MUTED = '#666666';

const s = StyleSheet.create({
  // No lineHeight on the page or on any ancestor of a `render` text: react-pdf 4
  // multiplies it again on every relayout and the page numbers vanish
  // (diegomura/react-pdf#3083, #3402). The content gets it from `body`.
  page: { fontFamily: PDF_FONT_FAMILY, fontSize: 11, color: INK, paddingTop: 44, paddingBottom: 64, paddingHorizontal: 56 },
  body: { lineHeight: 1.6 },
  running: { position: 'absolute', top: 20, left: 56, right: 56, fontSize: 8, color: MUTED, textAlign: 'right' },
  header: { position: 'relative', marginBottom: 14 },
  issuer: { color: RED, fontSize: 20, fontWeight: 700, textAlign: 'center', lineHeight: 1.3, paddingHorizontal: 72, minHeight: 56, paddingTop: 8 },
  qr: { position: 'absolute', top: 0, right: 0, width: 60, alignItems: 'center' },
  qrImage: { width: 56, height: 56 },
  qrCaption: { fontSize: 6.5, color: MUTED, lineHeight: 1.2 },
  ruleThick: { borderBottomWidth: 2, borderBottomColor: RED, marginTop: 8 },
  ruleThin: { borderBottomWidth: 0.6, borderBottomColor: RED, marginTop: 2 },
  meta: { flexDirection: 'row', justifyContent: 'space-between', fontSize: 9.5, color: INK, marginTop: 6 },
  title: { fontSize: 17, fontWeight: 700, textAlign: 'center', marginTop: 18 },
  // Spaced-out CJK headings read as a letterhead; spaced-out Latin reads as a mistake.
  spaced: { letterSpacing: 2 },
  footer: { position: 'absolute', bottom: 26, left: 56, right: 56, flexDirection: 'row', justifyContent: 'space-between', borderTopWidth: 0.5, borderTopColor: '#bbbbbb', paddingTop: 5, fontSize: 7.5, color: MUTED },
  signBlock: { alignSelf: 'flex-end', alignItems: 'center', marginTop: 40, marginRight: 8, minWidth: 190, paddingVertical: 24, position: 'relative' },
  signOnly: { alignSelf: 'flex-end', alignItems: 'center', marginTop: 28, marginRight: 8, minWidth: 190 },
  signIssuer: { fontSize: 12 },
  signDate: { fontSize: 12, marginTop: 4 },
  // The ring is centred on the date (a seal covers the date, 骑年盖月); the star sits on
  // it and the name below it, so the issuing body's printed name stays legible.
  sealAtDate: { position: 'absolute', left: '50%', marginLeft: -62, top: -5 },
  seal: { position: 'relative', width: 124, height: 124, borderRadius: 62, borderWidth: 2, borderColor: RED, borderStyle: 'dashed', opacity: 0.85 },
  sealStar: { position: 'absolute', top: 46, left: 0, right: 0, textAlign: 'center', color: RED, fontSize: 22, lineHeight: 1 },
  sealText: { position: 'absolute', top: 72, left: 16, right: 16, alignItems: 'center' },
  sealName: { textAlign: 'center', color: RED, fontWeight: 700, lineHeight: 1.2 },
  sealNote: { textAlign: 'center', color: RED, fontSize: 6.5, marginTop: 1 },
});

export type LetterheadProps = {
  ctx: PdfContext;
  title: string;
  number: string;
  date: Date;
  /** QR code PNG data URL of the verification page (see `letterheadAssets`). */
  qr: string;
  verifyUrl: string;
  /** Overrides the context's issuing body. */
  issuer?: string;
  /**
   * How the content ends: `true`, the issuing body, the date and the seal
   * placeholder over them (letters, certificates, to be stamped); 'signature',
   * the issuing body and the date alone (receipts, admission tickets: issued
   * electronically, with nothing printed over the text and no placeholder);
   * forms have their own stamp boxes.
   */
  seal?: boolean | 'signature';
  children: ReactNode;
};

/** The verification address and its QR code for a document number. */
export async function letterheadAssets(ctx: PdfContext, number: string): Promise<{ verifyUrl: string; qr: string }> {
  const url = ctx.verifyUrl(number);
  return { verifyUrl: url, qr: await ctx.qrDataUrl(url) };
}

/*
 * Page numbers count within this document's own <Page> (subPageNumber), so a
 * batch (lib/platform/pdf/batch.tsx: many documents as one PDF) numbers each
 * document from 1 as its own file would.
 */
export function Letterhead({ ctx, title, number, date, qr, verifyUrl, issuer = ctx.issuer, seal, children }: LetterheadProps) {
  const { t } = ctx;
  const printedDate = ctx.formatDate(date);
  const cjk = /[\u3400-\u9fff]/.test(issuer + title);
  return (
    <Document title={title} author={issuer} subject={number} creator={issuer} producer={issuer} language={ctx.locale}>
      <Page size="A4" style={s.page} wrap>
        <Text fixed style={s.running} render={({ subPageNumber }) => (subPageNumber > 1 ? t('letterhead.continued', { issuer, number }) : '')} />
        <View style={s.body}>
          <View style={s.header}>
            <Text style={cjk ? [s.issuer, s.spaced] : s.issuer}>{issuer}</Text>
            <View style={s.qr}>
              {/* eslint-disable-next-line jsx-a11y/alt-text -- react-pdf's Image has no alt; the caption says what it is */}
              <Image src={qr} style={s.qrImage} />
              <Text style={s.qrCaption}>{t('letterhead.scanToVerify')}</Text>
            </View>
            <View style={s.ruleThick} />
            <View style={s.ruleThin} />
            <View style={s.meta}>
              <Text>{t('letterhead.numberLine', { number })}</Text>
              <Text>{t('letterhead.dateLine', { date: printedDate })}</Text>
            </View>
            <Text style={cjk ? [s.title, { letterSpacing: 1 }] : s.title}>{title}</Text>
          </View>
          {children}
          {seal && <SignatureBlock ctx={ctx} issuer={issuer} date={printedDate} placeholder={seal === true} />}
        </View>
        <View fixed style={s.footer}>
          <Text>{t('letterhead.verifyAt', { url: verifyUrl })}</Text>
          <Text render={({ subPageNumber, subPageTotalPages }) => t('letterhead.pageOf', { page: subPageNumber, total: subPageTotalPages })} />
        </View>
      </Page>
    </Document>
  );
}

function SignatureBlock({ ctx, issuer, date, placeholder }: { ctx: PdfContext; issuer: string; date: string; placeholder: boolean }) {
  return (
    <View style={placeholder ? s.signBlock : s.signOnly} wrap={false}>
      <Text style={s.signIssuer}>{issuer}</Text>
      <Text style={s.signDate}>{date}</Text>
      {placeholder && <Seal ctx={ctx} name={issuer} style={s.sealAtDate} />}
    </View>
  );
}

/**
 * A seal placeholder: a dashed red ring with the body's name and the words
 * "印章位置", so nobody mistakes a generated document for a sealed one. The
 * real (electronic) seal replaces it when the issuing body has one.
 */
export function Seal({ ctx, name, style }: { ctx: PdfContext; name: string; style?: Styles[string] }) {
  return (
    <View style={style ? [s.seal, style] : s.seal}>
      <Text style={s.sealStar}>★</Text>
      <View style={s.sealText}>
        {/* Long (English) names get smaller type so name and note stay inside the ring. */}
        <Text style={[s.sealName, { fontSize: name.length > 14 ? 6.5 : 8 }]}>{name}</Text>
        <Text style={s.sealNote}>{ctx.t('letterhead.sealPlaceholder')}</Text>
      </View>
    </View>
  );
}

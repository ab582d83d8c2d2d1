import { StyleSheet, Text, View } from '@react-pdf/renderer';
import { createTranslator } from 'next-intl';
import type { AppLocale } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import { definePdfTemplate, type PdfContext } from '@/lib/platform/pdf/define';
import { Letterhead, letterheadAssets } from '@/lib/platform/pdf/letterhead';

/**
 * Module E's generated letters (SPEC §6.7–6.8, seed 004 §3.3.2 and §3.4):
 * 鉴定评审商洽函 — the negotiation letter the unit previews, prints, stamps,
 * scans and uploads — and 鉴定评审通知函 — the review notice with the dates
 * and the team. Both under the association's letterhead (红头) with the
 * project number, the date, the seal placeholder and the QR code to
 * /verify/<project number>; the Chinese is real text.
 */
const pdfT = (locale: AppLocale) => createTranslator({ locale, messages: messagesFor(locale), namespace: 'review.pdf' });

const BORDER = '#333333';
const s = StyleSheet.create({
  salutation: { fontSize: 12, marginTop: 6, marginBottom: 6 },
  paragraph: { fontSize: 12, lineHeight: 1.9, marginBottom: 4, textAlign: 'justify' },
  table: { borderTopWidth: 0.8, borderLeftWidth: 0.8, borderColor: BORDER, marginTop: 6, marginBottom: 8 },
  row: { flexDirection: 'row' },
  label: { width: 120, backgroundColor: '#f7f7f7', fontSize: 10.5, lineHeight: 1.4, paddingVertical: 5, paddingHorizontal: 6, borderRightWidth: 0.5, borderBottomWidth: 0.5, borderColor: BORDER },
  value: { flex: 1, fontSize: 10.5, lineHeight: 1.4, paddingVertical: 5, paddingHorizontal: 6, borderRightWidth: 0.8, borderBottomWidth: 0.5, borderColor: BORDER },
  head: { backgroundColor: '#eeeeee', fontWeight: 700 },
  cName: { width: 160, fontSize: 10.5, lineHeight: 1.4, paddingVertical: 4, paddingHorizontal: 6, borderRightWidth: 0.5, borderBottomWidth: 0.5, borderColor: BORDER },
  cRole: { flex: 1, fontSize: 10.5, lineHeight: 1.4, paddingVertical: 4, paddingHorizontal: 6, borderRightWidth: 0.8, borderBottomWidth: 0.5, borderColor: BORDER },
  confirmBox: { marginTop: 14, borderWidth: 0.8, borderColor: BORDER, padding: 10 },
  confirmTitle: { fontSize: 12, fontWeight: 700, marginBottom: 6 },
  confirmLine: { fontSize: 11, lineHeight: 2 },
});

const indentOf = (ctx: PdfContext) => (ctx.locale === 'en' ? '' : '\u3000\u3000');

function Paragraphs({ ctx, items }: { ctx: PdfContext; items: string[] }) {
  const indent = indentOf(ctx);
  return (
    <View>
      {items.map((p, i) => (
        <Text key={i} style={s.paragraph}>
          {indent}
          {p}
        </Text>
      ))}
    </View>
  );
}

function Facts({ rows }: { rows: Array<[string, string]> }) {
  return (
    <View style={s.table}>
      {rows.map(([label, value]) => (
        <View key={label} style={s.row} wrap={false}>
          <Text style={s.label}>{label}</Text>
          <Text style={s.value}>{value || '—'}</Text>
        </View>
      ))}
    </View>
  );
}

export type NegotiationLetterProps = {
  /** The project number (the letter's number; its QR code verifies the project). */
  number: string;
  round: number;
  unitName: string;
  address: string;
  contactName: string;
  contactMobile: string;
  reviewType: string;
  acceptanceCategory: string;
  acceptanceNumber: string;
  /** The expected review date of the approved invitation (YYYY-MM-DD). */
  expectedDate: string;
  /** When the invitation was approved: the letter's date. */
  date: Date;
  /** The association on the letterhead. */
  issuer: string;
};

export const negotiationLetter = definePdfTemplate({
  key: 'review-negotiation-letter',
  title: (locale) => pdfT(locale)('letter.title'),
  async render(p: NegotiationLetterProps, ctx) {
    const t = pdfT(ctx.locale);
    const assets = await letterheadAssets(ctx, p.number);
    return (
      <Letterhead ctx={ctx} title={t('letter.title')} number={p.number} date={p.date} issuer={p.issuer} seal {...assets}>
        <Text style={s.salutation}>{t('salutation', { unit: p.unitName })}</Text>
        <Paragraphs
          ctx={ctx}
          items={[
            t('letter.p1', { number: p.number, reviewType: p.reviewType, category: p.acceptanceCategory, acceptance: p.acceptanceNumber, date: p.expectedDate }),
            ...(p.round > 1 ? [t('letter.reReview', { round: p.round })] : []),
            t('letter.p2'),
            t('letter.p3'),
          ]}
        />
        <Facts
          rows={[
            [t('fields.number'), p.number],
            [t('fields.unit'), p.unitName],
            [t('fields.address'), p.address],
            [t('fields.contact'), `${p.contactName} ${p.contactMobile}`.trim()],
            [t('fields.expectedDate'), p.expectedDate],
          ]}
        />
        <View style={s.confirmBox} wrap={false}>
          <Text style={s.confirmTitle}>{t('letter.confirmTitle')}</Text>
          <Text style={s.confirmLine}>{t('letter.confirmText')}</Text>
          <Text style={s.confirmLine}>{t('letter.stamp')}</Text>
          <Text style={s.confirmLine}>{t('letter.signDate')}</Text>
        </View>
      </Letterhead>
    );
  },
});

export type ReviewNoticeProps = {
  number: string;
  round: number;
  unitName: string;
  startDate: string;
  endDate: string;
  location: string | null;
  note: string | null;
  team: Array<{ name: string; role: 'leader' | 'reviewer' }>;
  /** When the notice was issued. */
  date: Date;
  issuer: string;
};

export const reviewNotice = definePdfTemplate({
  key: 'review-notice',
  title: (locale) => pdfT(locale)('notice.title'),
  async render(p: ReviewNoticeProps, ctx) {
    const t = pdfT(ctx.locale);
    const assets = await letterheadAssets(ctx, p.number);
    return (
      <Letterhead ctx={ctx} title={t('notice.title')} number={p.number} date={p.date} issuer={p.issuer} seal {...assets}>
        <Text style={s.salutation}>{t('salutation', { unit: p.unitName })}</Text>
        <Paragraphs
          ctx={ctx}
          items={[
            t('notice.p1', { number: p.number, start: p.startDate, end: p.endDate }) + (p.location ? t('notice.location', { location: p.location }) : ''),
            ...(p.round > 1 ? [t('notice.reReview', { round: p.round })] : []),
            t('notice.teamIntro'),
          ]}
        />
        <View style={s.table}>
          <View style={[s.row, s.head]}>
            <Text style={s.cName}>{t('notice.name')}</Text>
            <Text style={s.cRole}>{t('notice.role')}</Text>
          </View>
          {p.team.map((m) => (
            <View key={`${m.role}-${m.name}`} style={s.row} wrap={false}>
              <Text style={s.cName}>{m.name}</Text>
              <Text style={s.cRole}>{t(`notice.roles.${m.role}`)}</Text>
            </View>
          ))}
        </View>
        <Paragraphs ctx={ctx} items={[t('notice.p2'), ...(p.note ? [p.note] : []), t('notice.dispute', { number: p.number })]} />
      </Letterhead>
    );
  },
});

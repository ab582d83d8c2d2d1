import { StyleSheet, Text, View } from '@react-pdf/renderer';
import { definePdfTemplate, pdfTranslator } from '../define';
import { Letterhead, letterheadAssets } from '../letterhead';

/**
 * 决定书 / 通知书: a letter to one recipient (受理决定, 认可决定, 不予受理 …)
 * ending with the issuing body, the date and the seal.
 */
export type DecisionLetterProps = {
  /** Document number (the application number, so the QR code verifies it). */
  number: string;
  /** E.g. 认可决定书; default 决定书. */
  title?: string;
  /** The addressee: 杭州华测检测有限公司. */
  recipient: string;
  /** Body paragraphs, first-line indented in Chinese. */
  paragraphs: readonly string[];
  /** Signing date; default now. */
  date?: Date;
  /** Overrides the issuing body of the render options. */
  issuer?: string;
};

const s = StyleSheet.create({
  salutation: { fontSize: 12, marginTop: 6, marginBottom: 6 },
  paragraph: { fontSize: 12, lineHeight: 1.9, marginBottom: 4, textAlign: 'justify' },
});

export const decisionLetter = definePdfTemplate({
  key: 'decision-letter',
  title: (locale, props: DecisionLetterProps) => props.title ?? pdfTranslator(locale)('decisionLetter.title'),
  async render(props, ctx) {
    const title = props.title ?? ctx.t('decisionLetter.title');
    const assets = await letterheadAssets(ctx, props.number);
    // Chinese paragraphs open with a two-character indent; ideographic spaces keep it exact at any font size.
    const indent = ctx.locale === 'en' ? '' : '\u3000\u3000';
    return (
      <Letterhead ctx={ctx} title={title} number={props.number} date={props.date ?? new Date()} issuer={props.issuer} seal {...assets}>
        <Text style={s.salutation}>{ctx.t('decisionLetter.salutation', { recipient: props.recipient })}</Text>
        <View>
          {props.paragraphs.map((p, i) => (
            <Text key={i} style={s.paragraph}>
              {indent}
              {p}
            </Text>
          ))}
        </View>
      </Letterhead>
    );
  },
});

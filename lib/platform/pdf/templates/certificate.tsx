import { Image, StyleSheet, Text, View } from '@react-pdf/renderer';
import { createTranslator } from 'next-intl';
import type { AppLocale } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import { definePdfTemplate } from '../define';
import { Letterhead } from '../letterhead';

/**
 * 证书: any certificate of the registry (lib/platform/certificates) — member,
 * qualification, filing, personnel certificates, review conclusions. The QR
 * code carries the certificate's unguessable token (/verify/<token>), never
 * the sequential number, which is printed in the letterhead.
 */
export type CertificateProps = {
  number: string;
  /** The QR token (verification URL /verify/<token>). */
  token: string;
  /** The type's name, e.g. 会员证书; also the title. */
  typeName: string;
  holderName: string;
  /** Subject rows already labelled: [label, value]. */
  subject: ReadonlyArray<readonly [string, string]>;
  issuedAt: Date;
  validUntil: Date | null;
  version?: number;
  renewedAt?: Date | null;
  /**
   * The holder's photo (an image data URL) for types that print one; `null`
   * prints an empty photo box (no photo on file), omitted prints none.
   */
  photo?: string | null;
};

const certT = (locale: AppLocale) => createTranslator({ locale, messages: messagesFor(locale), namespace: 'certificates' });

const BORDER = '#333333';
const s = StyleSheet.create({
  statement: { fontSize: 13, lineHeight: 1.9, marginTop: 10, marginBottom: 14, textAlign: 'justify' },
  table: { borderTopWidth: 0.8, borderLeftWidth: 0.8, borderColor: BORDER },
  row: { flexDirection: 'row' },
  label: { width: 100, backgroundColor: '#f7f7f7', fontSize: 10.5, lineHeight: 1.5, paddingVertical: 5, paddingHorizontal: 6, borderRightWidth: 0.5, borderBottomWidth: 0.5, borderColor: BORDER },
  value: { flex: 1, fontSize: 11, lineHeight: 1.5, paddingVertical: 5, paddingHorizontal: 6, borderRightWidth: 0.8, borderBottomWidth: 0.5, borderColor: BORDER },
  strong: { fontWeight: 700 },
  note: { fontSize: 8.5, color: '#555555', marginTop: 10, lineHeight: 1.5 },
  withPhoto: { flexDirection: 'row', gap: 10, alignItems: 'flex-start' },
  grow: { flex: 1 },
  photoBox: { width: 90, height: 126, borderWidth: 0.8, borderColor: BORDER, alignItems: 'center', justifyContent: 'center' },
  photo: { width: 88, height: 124, objectFit: 'cover' },
  photoEmpty: { fontSize: 9, color: '#888888' },
});

export const certificate = definePdfTemplate({
  key: 'certificate',
  title: (_locale, props: CertificateProps) => props.typeName,
  async render(props, ctx) {
    const t = certT(ctx.locale);
    // The QR code and the footer address carry the token, not the number.
    const verifyUrl = ctx.verifyUrl(props.token);
    const qr = await ctx.qrDataUrl(verifyUrl);
    const indent = ctx.locale === 'en' ? '' : '\u3000\u3000';
    const rows: Array<readonly [string, string]> = [
      [t('pdf.holder'), props.holderName],
      [t('pdf.number'), props.number],
      ...props.subject,
      [t('pdf.issuedAt'), ctx.formatDate(props.issuedAt)],
      [t('pdf.validUntil'), props.validUntil ? ctx.formatDate(props.validUntil) : t('pdf.noExpiry')],
    ];
    if (props.version && props.version > 1 && props.renewedAt) rows.push(['', t('pdf.version', { version: props.version, date: ctx.formatDate(props.renewedAt) })]);
    return (
      <Letterhead ctx={ctx} title={props.typeName} number={props.number} date={props.renewedAt ?? props.issuedAt} qr={qr} verifyUrl={verifyUrl} seal>
        <Text style={s.statement}>
          {indent}
          {t('pdf.statement', { holder: props.holderName, type: props.typeName })}
        </Text>
        <View style={props.photo === undefined ? {} : s.withPhoto}>
          <View style={props.photo === undefined ? [s.table] : [s.table, s.grow]}>
            {rows.map(([label, value], i) => (
              <View key={i} style={s.row} wrap={false}>
                <Text style={s.label}>{label}</Text>
                <Text style={i < 2 ? [s.value, s.strong] : s.value}>{value}</Text>
              </View>
            ))}
          </View>
          {props.photo !== undefined && (
            <View style={s.photoBox}>
              {/* eslint-disable-next-line jsx-a11y/alt-text -- react-pdf's Image has no alt */}
              {props.photo ? <Image src={props.photo} style={s.photo} /> : <Text style={s.photoEmpty}>{t('pdf.photo')}</Text>}
            </View>
          )}
        </View>
        <Text style={s.note}>{t('pdf.note')}</Text>
      </Letterhead>
    );
  },
});

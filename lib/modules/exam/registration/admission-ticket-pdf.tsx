import { Image, StyleSheet, Text, View } from '@react-pdf/renderer';
import { createTranslator } from 'next-intl';
import { TIME_ZONE, type AppLocale } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import { findIdType } from '@/lib/reference/id-types';
import { definePdfTemplate } from '@/lib/platform/pdf/define';
import { Letterhead, letterheadAssets } from '@/lib/platform/pdf/letterhead';

/**
 * 准考证: the candidate's admission ticket for a national exam (module D) —
 * ticket number, exam, name, ID type and number, the standard ID photo, exam
 * area, each subject with its session's time (Beijing time), and the
 * candidate notice, under the issuing body's letterhead, signed with its name
 * and the date (no seal placeholder).
 */
export type AdmissionTicketProps = {
  /** The ticket number (准考证号), also the document number. */
  number: string;
  examName: string;
  candidateName: string;
  /** An ID type code of lib/reference/id-types (printed as its label). */
  idType: string;
  idNumber: string;
  /** The standard ID photo (JPEG bytes). */
  photo: Uint8Array;
  /** The exam area (考区). */
  area: string;
  subjects: ReadonlyArray<{ code: string; name: string; session: string; startsAt: Date; endsAt: Date }>;
  /** The exam's candidate notice (考生须知), plain text, one paragraph per line. */
  notice: string;
  /** Printed date; default now. */
  date?: Date;
};

const ticketT = (locale: AppLocale) => createTranslator({ locale, messages: messagesFor(locale), namespace: 'exam' });

const BORDER = '#333333';
// The standard photo is 215×300 px: printed at about 30×42 mm, the size of the 小二寸 box on paper tickets.
const PHOTO_W = 86;
const PHOTO_H = 120;
const s = StyleSheet.create({
  top: { flexDirection: 'row', marginTop: 4 },
  // Explicit line heights on the cells: an inherited one is multiplied again on relayout (see letterhead.tsx).
  table: { borderTopWidth: 0.8, borderLeftWidth: 0.8, borderColor: BORDER },
  // Beside the photo only: flex in the page's column would squeeze the subject table's rows onto one line.
  fields: { flex: 1 },
  row: { flexDirection: 'row' },
  label: { width: 88, backgroundColor: '#f7f7f7', fontSize: 10, lineHeight: 1.4, paddingVertical: 5, paddingHorizontal: 6, borderRightWidth: 0.5, borderBottomWidth: 0.5, borderColor: BORDER },
  value: { flex: 1, fontSize: 10.5, lineHeight: 1.4, paddingVertical: 5, paddingHorizontal: 6, borderRightWidth: 0.8, borderBottomWidth: 0.5, borderColor: BORDER },
  strong: { fontWeight: 700, fontSize: 12 },
  photoBox: { width: PHOTO_W + 12, marginLeft: 10, borderWidth: 0.8, borderColor: BORDER, alignItems: 'center', justifyContent: 'center', paddingVertical: 6 },
  photo: { width: PHOTO_W, height: PHOTO_H, objectFit: 'cover' },
  section: { fontSize: 11.5, fontWeight: 700, lineHeight: 1.4, marginTop: 14, marginBottom: 3 },
  head: { backgroundColor: '#eeeeee', fontWeight: 700 },
  cSession: { width: 70, fontSize: 10, lineHeight: 1.4, paddingVertical: 4, paddingHorizontal: 6, borderRightWidth: 0.5, borderBottomWidth: 0.5, borderColor: BORDER },
  cSubject: { flex: 1, fontSize: 10, lineHeight: 1.4, paddingVertical: 4, paddingHorizontal: 6, borderRightWidth: 0.5, borderBottomWidth: 0.5, borderColor: BORDER },
  cTime: { width: 170, fontSize: 10, lineHeight: 1.4, paddingVertical: 4, paddingHorizontal: 6, borderRightWidth: 0.8, borderBottomWidth: 0.5, borderColor: BORDER },
  bring: { fontSize: 10.5, lineHeight: 1.6, fontWeight: 700, marginBottom: 2 },
  paragraph: { fontSize: 10, lineHeight: 1.6, textAlign: 'justify' },
});

/** 2027年1月10日 09:00—11:30 (Beijing time, whatever the server's zone). */
function timeRange(t: ReturnType<typeof ticketT>, locale: AppLocale, from: Date, to: Date): string {
  const date = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, year: 'numeric', month: 'long', day: 'numeric' }).format(from);
  const hm = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false });
  return t('ticket.timeRange', { date, from: hm.format(from), to: hm.format(to) });
}

export const admissionTicket = definePdfTemplate({
  key: 'admission-ticket',
  title: (locale) => ticketT(locale)('ticket.title'),
  async render(props: AdmissionTicketProps, ctx) {
    const t = ticketT(ctx.locale);
    const assets = await letterheadAssets(ctx, props.number);
    const idType = findIdType(props.idType);
    const rows: Array<[string, string, boolean?]> = [
      [t('ticket.number'), props.number, true],
      [t('ticket.exam'), props.examName],
      [t('ticket.name'), props.candidateName, true],
      [t('ticket.idType'), idType ? (ctx.locale === 'en' ? idType.labelEn : idType.label) : props.idType],
      [t('ticket.idNumber'), props.idNumber],
      [t('ticket.area'), props.area],
    ];
    // Chinese paragraphs open with a two-character indent.
    const indent = ctx.locale === 'en' ? '' : '\u3000\u3000';
    const paragraphs = props.notice
      .split('\n')
      .map((p) => p.trim())
      .filter(Boolean);
    return (
      <Letterhead ctx={ctx} title={t('ticket.title')} number={props.number} date={props.date ?? new Date()} seal="signature" {...assets}>
        <View style={s.top} wrap={false}>
          <View style={[s.table, s.fields]}>
            {rows.map(([label, value, strong]) => (
              <View key={label} style={s.row}>
                <Text style={s.label}>{label}</Text>
                <Text style={strong ? [s.value, s.strong] : s.value}>{value}</Text>
              </View>
            ))}
          </View>
          <View style={s.photoBox}>
            {/* eslint-disable-next-line jsx-a11y/alt-text -- react-pdf's Image has no alt; the box is the candidate's photo */}
            <Image src={{ data: Buffer.from(props.photo), format: 'jpg' }} style={s.photo} />
          </View>
        </View>

        <Text style={s.section}>{t('ticket.subjects')}</Text>
        <View style={s.table}>
          <View style={[s.row, s.head]}>
            <Text style={s.cSession}>{t('ticket.session')}</Text>
            <Text style={s.cSubject}>{t('ticket.subject')}</Text>
            <Text style={s.cTime}>{t('ticket.time')}</Text>
          </View>
          {props.subjects.map((x) => (
            <View key={x.code} style={s.row} wrap={false}>
              <Text style={s.cSession}>{x.session}</Text>
              <Text style={s.cSubject}>
                {x.code} {x.name}
              </Text>
              <Text style={s.cTime}>{timeRange(t, ctx.locale, x.startsAt, x.endsAt)}</Text>
            </View>
          ))}
        </View>

        <Text style={s.section}>{t('ticket.notesTitle')}</Text>
        <Text style={s.bring}>{t('ticket.bring')}</Text>
        {paragraphs.map((p, i) => (
          <Text key={i} style={s.paragraph}>
            {indent}
            {p}
          </Text>
        ))}
      </Letterhead>
    );
  },
});

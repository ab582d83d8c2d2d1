import { StyleSheet, Text, View } from '@react-pdf/renderer';
import { definePdfTemplate, pdfTranslator } from '../define';
import { Letterhead, letterheadAssets } from '../letterhead';

/**
 * 申请表: the submitted data as a bordered table of labelled values, section by
 * section, ending with the applicant's stamp and signature boxes. The
 * applicant prints it, signs, stamps and uploads the scan back into the
 * matching slot (the sign-and-re-upload loop). The shape of `sections` is the
 * workflow's SummarySection, so a kind's `summary()` feeds it directly.
 */
export type FormField = {
  label: string;
  value: string | readonly string[] | null | undefined;
  wide?: boolean;
  /** A proposed change: the value before it (`value` is the value after); printed on a whole row, before and after. */
  change?: { before: string | readonly string[] | null | undefined };
};
export type FormSection = { title: string; fields: readonly FormField[] };

export type ApplicationFormProps = {
  /** The application number (also the verification number of the QR code). */
  number: string;
  /** E.g. 实验室认可预申请表; default 申请表. */
  title?: string;
  /** Printed date; default now. */
  date?: Date;
  sections: readonly FormSection[];
  /** Above the table; default the print-sign-upload instruction, `false` for none. */
  instructions?: string | false;
};

const BORDER = '#333333';
const s = StyleSheet.create({
  instructions: { fontSize: 9, color: '#555555', marginBottom: 8, lineHeight: 1.5 },
  table: { borderTopWidth: 0.8, borderLeftWidth: 0.8, borderColor: BORDER },
  sectionTitle: { backgroundColor: '#eeeeee', fontWeight: 700, fontSize: 10.5, paddingVertical: 4, paddingHorizontal: 6, borderRightWidth: 0.8, borderBottomWidth: 0.8, borderColor: BORDER },
  row: { flexDirection: 'row' },
  label: { width: '18%', backgroundColor: '#f7f7f7', fontSize: 9.5, paddingVertical: 4, paddingHorizontal: 5, borderRightWidth: 0.5, borderBottomWidth: 0.5, borderColor: BORDER, lineHeight: 1.4 },
  value: { width: '32%', fontSize: 10, paddingVertical: 4, paddingHorizontal: 5, borderRightWidth: 0.8, borderBottomWidth: 0.5, borderColor: BORDER, lineHeight: 1.4 },
  wideValue: { width: '82%' },
  stamps: { flexDirection: 'row', marginTop: 18, gap: 12 },
  stampBox: { flex: 1, height: 120, borderWidth: 0.8, borderColor: BORDER, padding: 8, justifyContent: 'space-between' },
  stampLabel: { fontSize: 10.5, fontWeight: 700 },
  stampDate: { fontSize: 10, textAlign: 'right' },
});

type Row = { cells: FormField[]; wide: boolean };

/** Two label/value pairs per row; wide fields (and a lone last field) take a whole row. */
function rowsOf(fields: readonly FormField[]): Row[] {
  const rows: Row[] = [];
  let pending: FormField | null = null;
  for (const f of fields) {
    if (f.wide || f.change) {
      if (pending) rows.push({ cells: [pending], wide: true });
      pending = null;
      rows.push({ cells: [f], wide: true });
    } else if (pending) {
      rows.push({ cells: [pending, f], wide: false });
      pending = null;
    } else {
      pending = f;
    }
  }
  if (pending) rows.push({ cells: [pending], wide: true });
  return rows;
}

export const applicationForm = definePdfTemplate({
  key: 'application-form',
  title: (locale, props: ApplicationFormProps) => props.title ?? pdfTranslator(locale)('applicationForm.title'),
  async render(props, ctx) {
    const { t } = ctx;
    const title = props.title ?? t('applicationForm.title');
    const sep = ctx.locale === 'en' ? ', ' : '、';
    const show = (v: FormField['value']) => {
      const text = typeof v === 'string' ? v : v ? v.join(sep) : '';
      return text.trim() ? text : t('applicationForm.empty');
    };
    const instructions = props.instructions === undefined ? t('applicationForm.instructions') : props.instructions;
    const assets = await letterheadAssets(ctx, props.number);
    return (
      <Letterhead ctx={ctx} title={title} number={props.number} date={props.date ?? new Date()} {...assets}>
        {instructions ? <Text style={s.instructions}>{instructions}</Text> : null}
        <View style={s.table}>
          {props.sections.map((section, i) => (
            <View key={i}>
              <Text style={s.sectionTitle} minPresenceAhead={40}>
                {section.title}
              </Text>
              {rowsOf(section.fields).map((row, j) => (
                <View key={j} style={s.row} wrap={false}>
                  {row.cells.map((f, k) => [
                    <Text key={`l${k}`} style={s.label}>
                      {f.label}
                    </Text>,
                    <Text key={`v${k}`} style={row.wide ? [s.value, s.wideValue] : s.value}>
                      {f.change ? `${t('applicationForm.changeBefore', { value: show(f.change.before) })}\n${t('applicationForm.changeAfter', { value: show(f.value) })}` : show(f.value)}
                    </Text>,
                  ])}
                </View>
              ))}
            </View>
          ))}
        </View>
        <View style={s.stamps} wrap={false}>
          <View style={s.stampBox}>
            <Text style={s.stampLabel}>{t('applicationForm.applicantStamp')}</Text>
            <Text style={s.stampDate}>{t('applicationForm.dateLine')}</Text>
          </View>
          <View style={s.stampBox}>
            <Text style={s.stampLabel}>{t('applicationForm.signature')}</Text>
            <Text style={s.stampDate}>{t('applicationForm.dateLine')}</Text>
          </View>
        </View>
      </Letterhead>
    );
  },
});

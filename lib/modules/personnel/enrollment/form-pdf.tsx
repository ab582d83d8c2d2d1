import { Image, StyleSheet, Text, View } from '@react-pdf/renderer';
import { createTranslator } from 'next-intl';
import type { Application } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { AppLocale } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import { definePdfTemplate, pdfIssuer, renderPdf, type FormSection } from '@/lib/platform/pdf/registry';
import { Letterhead, letterheadAssets } from '@/lib/platform/pdf/letterhead';
import type { Storage } from '@/lib/platform/storage';
import { getKind, kindMessageKey } from '@/lib/platform/workflow';
import { photoDataUrlOf } from '../photo';

/**
 * 报名申请表 / 证书补发申请表 / 证书信息变更申请表 of module C: the
 * letterhead with the verification QR code (the application number opens
 * /verify), the applicant's photo in the top-right box of the first section,
 * the kind's sections as a bordered table (real, extractable Chinese text),
 * and the boxes for the applicant's signature and the employer's seal.
 * What the applicant prints, signs and uploads back (seed 002 §5–§9).
 */
export type PersonnelFormProps = {
  number: string;
  title: string;
  date: Date;
  sections: readonly FormSection[];
  /** Image data URL, or null for an empty photo box. */
  photo: string | null;
  instructions: string;
  photoLabel: string;
  signature: string;
  seal: string;
  dateLine: string;
  empty: string;
};

const BORDER = '#333333';
const s = StyleSheet.create({
  instructions: { fontSize: 9, color: '#555555', marginBottom: 8, lineHeight: 1.5 },
  table: { borderTopWidth: 0.8, borderLeftWidth: 0.8, borderColor: BORDER },
  sectionTitle: { backgroundColor: '#eeeeee', fontWeight: 700, fontSize: 10.5, paddingVertical: 4, paddingHorizontal: 6, borderRightWidth: 0.8, borderBottomWidth: 0.8, borderColor: BORDER },
  row: { flexDirection: 'row' },
  label: { width: '20%', backgroundColor: '#f7f7f7', fontSize: 9.5, paddingVertical: 4, paddingHorizontal: 5, borderRightWidth: 0.5, borderBottomWidth: 0.5, borderColor: BORDER, lineHeight: 1.4 },
  value: { width: '30%', fontSize: 10, paddingVertical: 4, paddingHorizontal: 5, borderRightWidth: 0.8, borderBottomWidth: 0.5, borderColor: BORDER, lineHeight: 1.4 },
  wide: { width: '80%' },
  first: { flexDirection: 'row' },
  firstFields: { flex: 1 },
  photoCell: { width: 96, borderRightWidth: 0.8, borderBottomWidth: 0.5, borderColor: BORDER, alignItems: 'center', justifyContent: 'center', padding: 3 },
  photo: { width: 88, height: 123, objectFit: 'cover' },
  photoEmpty: { fontSize: 9, color: '#888888', textAlign: 'center' },
  signs: { flexDirection: 'row', marginTop: 18, gap: 12 },
  signBox: { flex: 1, height: 110, borderWidth: 0.8, borderColor: BORDER, padding: 8, justifyContent: 'space-between' },
  signLabel: { fontSize: 10.5, fontWeight: 700 },
  signDate: { fontSize: 10, textAlign: 'right' },
});

type Field = FormSection['fields'][number];

function rowsOf(fields: readonly Field[], perRow: number): Field[][] {
  const rows: Field[][] = [];
  let pending: Field[] = [];
  for (const f of fields) {
    if (f.wide) {
      if (pending.length) rows.push(pending);
      pending = [];
      rows.push([f]);
    } else {
      pending.push(f);
      if (pending.length === perRow) {
        rows.push(pending);
        pending = [];
      }
    }
  }
  if (pending.length) rows.push(pending);
  return rows;
}

function Rows({ fields, show, narrow }: { fields: readonly Field[]; show: (v: Field['value']) => string; narrow?: boolean }) {
  // Beside the photo the rows are narrower: one label/value pair per row keeps the values readable.
  return rowsOf(fields, narrow ? 1 : 2).map((row, j) => (
    <View key={j} style={s.row} wrap={false}>
      {row.map((f, k) => [
        <Text key={`l${k}`} style={narrow ? [s.label, { width: '30%' }] : s.label}>
          {f.label}
        </Text>,
        <Text key={`v${k}`} style={narrow ? [s.value, { width: '70%' }] : row.length === 1 ? [s.value, s.wide] : s.value}>
          {show(f.value)}
        </Text>,
      ])}
    </View>
  ));
}

export const personnelForm = definePdfTemplate({
  key: 'personnel-application-form',
  title: (_locale, props: PersonnelFormProps) => props.title,
  async render(props, ctx) {
    const sep = ctx.locale === 'en' ? ', ' : '、';
    const show = (v: Field['value']) => {
      const text = typeof v === 'string' ? v : v ? v.join(sep) : '';
      return text.trim() ? text : props.empty;
    };
    const assets = await letterheadAssets(ctx, props.number);
    const [first, ...rest] = props.sections;
    // The photo sits beside the first section's first rows (as on the paper forms).
    const beside = first ? first.fields.filter((f) => !f.wide).slice(0, 5) : [];
    const below = first ? first.fields.filter((f) => !beside.includes(f)) : [];
    return (
      <Letterhead ctx={ctx} title={props.title} number={props.number} date={props.date} {...assets}>
        <Text style={s.instructions}>{props.instructions}</Text>
        <View style={s.table}>
          {first && (
            <View>
              <Text style={s.sectionTitle}>{first.title}</Text>
              <View style={s.first} wrap={false}>
                <View style={s.firstFields}>
                  <Rows fields={beside} show={show} narrow />
                </View>
                <View style={s.photoCell}>
                  {/* eslint-disable-next-line jsx-a11y/alt-text -- react-pdf's Image has no alt */}
                  {props.photo ? <Image src={props.photo} style={s.photo} /> : <Text style={s.photoEmpty}>{props.photoLabel}</Text>}
                </View>
              </View>
              <Rows fields={below} show={show} />
            </View>
          )}
          {rest.map((section, i) => (
            <View key={i}>
              <Text style={s.sectionTitle} minPresenceAhead={40}>
                {section.title}
              </Text>
              <Rows fields={section.fields} show={show} />
            </View>
          ))}
        </View>
        <View style={s.signs} wrap={false}>
          <View style={s.signBox}>
            <Text style={s.signLabel}>{props.signature}</Text>
            <Text style={s.signDate}>{props.dateLine}</Text>
          </View>
          <View style={s.signBox}>
            <Text style={s.signLabel}>{props.seal}</Text>
            <Text style={s.signDate}>{props.dateLine}</Text>
          </View>
        </View>
      </Letterhead>
    );
  },
});

/** Renders a module-C application's form (enrollment, reissue, change) with the applicant's photo. */
export async function renderEnrollmentForm({ db, app, locale, storage }: { db: DbOrTx; app: Application; locale: AppLocale; storage: () => Promise<Storage> }): Promise<Buffer> {
  return renderPersonnelForm({ db, app, data: app.data, locale, storage });
}

/** The same, from data completed by the caller (a draft's certificate and person looked up for its printout). */
export async function renderPersonnelForm({ db, app, data, locale, storage }: { db: DbOrTx; app: Application; data: unknown; locale: AppLocale; storage: () => Promise<Storage> }): Promise<Buffer> {
  const kind = getKind(app.kind);
  const t = createTranslator({ locale, messages: messagesFor(locale) });
  const tr = (key: string) => (t.has(key as never) ? t(key as never) : key);
  const d = data as { person?: { photoDocumentId?: string } };
  const photo = d.person?.photoDocumentId ? await photoDataUrlOf(db, await storage(), d.person.photoDocumentId) : null;
  return renderPdf(
    personnelForm,
    {
      number: app.number,
      title: tr(kindMessageKey(kind.key, 'formTitle')),
      date: app.submittedAt ?? app.createdAt,
      sections: kind.summary(data, tr),
      photo,
      instructions: tr(kindMessageKey(kind.key, 'formInstructions')),
      photoLabel: tr('personnel.form.photoBox'),
      signature: tr('personnel.form.signature'),
      seal: tr('personnel.form.seal'),
      dateLine: tr('personnel.form.dateLine'),
      empty: tr('personnel.form.emptyValue'),
    },
    { locale, issuer: await pdfIssuer(db, locale) },
  );
}

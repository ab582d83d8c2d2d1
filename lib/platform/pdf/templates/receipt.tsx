import { StyleSheet, Text, View } from '@react-pdf/renderer';
import { createTranslator } from 'next-intl';
import type { AppLocale } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import { definePdfTemplate } from '../define';
import { Letterhead, letterheadAssets } from '../letterhead';

/**
 * 电子收据: proof of a payment (lib/platform/payments) — order number, payer,
 * items with amounts, total in figures and in Chinese capitals, payment
 * channel and trade number, payment time, and the issuing body with the date
 * (no seal placeholder: nothing is printed over the text).
 */
export type ReceiptProps = {
  /** The order number (also the document number). */
  number: string;
  title: string;
  payerName: string;
  items: ReadonlyArray<{ name: string; amountFen: number }>;
  amountFen: number;
  /** paid | refund_requested | refunded */
  status: string;
  /** sandbox | alipay | … */
  provider: string;
  tradeNo: string;
  paidAt: Date;
  /** The refund of the payment: the receipt is then printed as void, with the refund's amount and time. */
  refund?: { amountFen: number; status: string; at: Date } | null;
  /** Printed date; default now. */
  date?: Date;
};

const receiptT = (locale: AppLocale) => createTranslator({ locale, messages: messagesFor(locale), namespace: 'payments' });

const BORDER = '#333333';
const s = StyleSheet.create({
  table: { borderTopWidth: 0.8, borderLeftWidth: 0.8, borderColor: BORDER, marginTop: 4 },
  row: { flexDirection: 'row' },
  // Explicit line heights on the cells: an inherited one is multiplied again on relayout (see letterhead.tsx).
  label: { width: 92, backgroundColor: '#f7f7f7', fontSize: 9.5, lineHeight: 1.4, paddingVertical: 4, paddingHorizontal: 6, borderRightWidth: 0.5, borderBottomWidth: 0.5, borderColor: BORDER },
  value: { flex: 1, fontSize: 10, lineHeight: 1.4, paddingVertical: 4, paddingHorizontal: 6, borderRightWidth: 0.8, borderBottomWidth: 0.5, borderColor: BORDER },
  head: { backgroundColor: '#eeeeee', fontWeight: 700 },
  itemName: { flex: 1, fontSize: 10, lineHeight: 1.4, paddingVertical: 4, paddingHorizontal: 6, borderRightWidth: 0.5, borderBottomWidth: 0.5, borderColor: BORDER },
  itemAmount: { width: 120, fontSize: 10, lineHeight: 1.4, paddingVertical: 4, paddingHorizontal: 6, borderRightWidth: 0.8, borderBottomWidth: 0.5, borderColor: BORDER, textAlign: 'right' },
  section: { fontSize: 11, fontWeight: 700, lineHeight: 1.4, marginTop: 12, marginBottom: 2 },
  total: { fontWeight: 700 },
  note: { fontSize: 8.5, color: '#555555', marginTop: 8, lineHeight: 1.5 },
  refunded: { color: '#c8161d', fontWeight: 700 },
  void: { borderWidth: 1.2, borderColor: '#c8161d', color: '#c8161d', fontWeight: 700, fontSize: 11, lineHeight: 1.5, paddingVertical: 5, paddingHorizontal: 8, marginBottom: 6, textAlign: 'center' },
});

const yuan = (fen: number) => `¥${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const UNITS = ['', '拾', '佰', '仟'];
const SECTIONS = ['', '万', '亿', '万亿'];

/** One group of four digits: 1005 → 壹仟零伍, 50 → 伍拾. */
function groupCapitals(n: number): string {
  let out = '';
  let pendingZero = false;
  for (let pos = 3; pos >= 0; pos--) {
    const d = Math.floor(n / 10 ** pos) % 10;
    if (d === 0) {
      if (out) pendingZero = true;
    } else {
      if (pendingZero) out += '零';
      pendingZero = false;
      out += `${DIGITS[d]}${UNITS[pos]}`;
    }
  }
  return out;
}

/** 88050 fen → 捌佰捌拾元伍角整 (the amount in capitals, as Chinese receipts print it). */
export function amountInCapitals(fen: number): string {
  const whole = Math.floor(fen / 100);
  const jiao = Math.floor((fen % 100) / 10);
  const cents = fen % 10;
  const groups: number[] = [];
  for (let n = whole; n > 0; n = Math.floor(n / 10_000)) groups.push(n % 10_000);
  let out = '';
  let pendingZero = false;
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i];
    if (g === 0) {
      if (out) pendingZero = true;
      continue;
    }
    if (out && (pendingZero || g < 1000)) out += '零';
    pendingZero = false;
    out += `${groupCapitals(g)}${SECTIONS[i]}`;
  }
  if (out) out += '元';
  if (jiao === 0 && cents === 0) return `${out || '零元'}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (out) out += '零';
  return cents > 0 ? `${out}${DIGITS[cents]}分` : `${out}整`;
}

export const receipt = definePdfTemplate({
  key: 'receipt',
  title: (locale) => receiptT(locale)('receipt.title'),
  async render(props: ReceiptProps, ctx) {
    const t = receiptT(ctx.locale);
    const title = t('receipt.title');
    const assets = await letterheadAssets(ctx, props.number);
    const fmt = new Intl.DateTimeFormat(ctx.locale, { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
    const when = fmt.format(props.paidAt);
    const refund = props.refund ?? null;
    const provider = t.has(`providers.${props.provider}` as never) ? t(`providers.${props.provider}` as never) : props.provider;
    const status = t.has(`status.${props.status}` as never) ? t(`status.${props.status}` as never) : props.status;
    const rows: Array<[string, string]> = [
      [t('receipt.payer'), props.payerName],
      [t('receipt.orderNumber'), props.number],
      [t('receipt.for'), props.title],
      [t('receipt.channel'), provider],
      [t('receipt.tradeNo'), props.tradeNo],
      [t('receipt.paidAt'), when],
    ];
    return (
      <Letterhead ctx={ctx} title={title} number={props.number} date={props.date ?? new Date()} seal="signature" {...assets}>
        {refund && <Text style={s.void}>{t(refund.status === 'refunded' ? 'receipt.void' : 'receipt.voidPending', { amount: yuan(refund.amountFen), at: fmt.format(refund.at) })}</Text>}
        <View style={s.table}>
          {rows.map(([label, value]) => (
            <View key={label} style={s.row} wrap={false}>
              <Text style={s.label}>{label}</Text>
              <Text style={s.value}>{value}</Text>
            </View>
          ))}
          <View style={s.row} wrap={false}>
            <Text style={s.label}>{t('receipt.status')}</Text>
            <Text style={props.status === 'paid' ? s.value : [s.value, s.refunded]}>{status}</Text>
          </View>
        </View>

        <Text style={s.section}>{t('receipt.items')}</Text>
        <View style={s.table}>
          <View style={[s.row, s.head]}>
            <Text style={s.itemName}>{t('receipt.item')}</Text>
            <Text style={s.itemAmount}>{t('receipt.amount')}</Text>
          </View>
          {props.items.map((it, i) => (
            <View key={i} style={s.row} wrap={false}>
              <Text style={s.itemName}>{it.name}</Text>
              <Text style={s.itemAmount}>{yuan(it.amountFen)}</Text>
            </View>
          ))}
          <View style={s.row} wrap={false}>
            <Text style={[s.itemName, s.total]}>
              {t('receipt.total')}
              {ctx.locale === 'en' ? '' : `（${t('receipt.capitals')}：${amountInCapitals(props.amountFen)}）`}
            </Text>
            <Text style={[s.itemAmount, s.total]}>{yuan(props.amountFen)}</Text>
          </View>
        </View>
        <Text style={s.note}>{t('receipt.note')}</Text>
      </Letterhead>
    );
  },
});

import { createTranslator } from 'next-intl';
import type { AppLocale } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import { absoluteUrl, defaultEmailEnv, type EmailEnv } from '../env';
import { EmailButton, EmailFields, EmailGreeting, EmailLayout, EmailText } from '../layout';

/** Finance could not confirm a bank transfer (sent by lib/platform/payments/bank-transfer.ts with the reason). */
export type BankTransferRejectedEmailProps = {
  recipientName?: string | null;
  /** The order number, e.g. 'DD2026030112345678'. */
  orderNumber: string;
  /** What the order pays for. */
  title: string;
  /** Formatted amount, e.g. '¥880.00'. */
  amount: string;
  /** Finance's reason, as written. */
  reason: string;
  /** In-app path or absolute URL of the order's bank-transfer page. */
  link: string;
};

const tr = (locale: AppLocale) => createTranslator({ locale, messages: messagesFor(locale), namespace: 'bankTransfer.email' });

export function bankTransferRejectedSubject(p: BankTransferRejectedEmailProps, locale: AppLocale = 'zh-CN'): string {
  return tr(locale)('rejectedSubject', { title: p.title });
}

export function BankTransferRejectedEmail({ email = defaultEmailEnv(), ...p }: BankTransferRejectedEmailProps & { email?: EmailEnv }) {
  const t = tr(email.locale);
  return (
    <EmailLayout email={email} title={bankTransferRejectedSubject(p, email.locale)} preview={t('rejectedPreview', { number: p.orderNumber })}>
      <EmailGreeting email={email} name={p.recipientName} />
      <EmailText>{t('rejectedIntro')}</EmailText>
      <EmailFields
        rows={[
          { label: t('orderNumber'), value: p.orderNumber },
          { label: t('title'), value: p.title },
          { label: t('amount'), value: p.amount, emphasis: true },
          { label: t('reason'), value: <span style={{ color: '#b91c1c', fontWeight: 700 }}>{p.reason}</span> },
        ]}
      />
      <EmailText muted>{t('rejectedNote')}</EmailText>
      <EmailButton email={email} href={absoluteUrl(email, p.link)}>
        {t('cta')}
      </EmailButton>
    </EmailLayout>
  );
}

export const PreviewProps: BankTransferRejectedEmailProps = {
  recipientName: '张伟',
  orderNumber: 'DD2026030112345678',
  title: '2026年度入会会费',
  amount: '¥2,000.00',
  reason: '截图中的转账金额与订单金额不一致',
  link: '/pay/transfer/DD2026030112345678',
};

export default BankTransferRejectedEmail;

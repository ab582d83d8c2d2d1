import { createTranslator } from 'next-intl';
import type { AppLocale } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import { absoluteUrl, defaultEmailEnv, type EmailEnv } from '../env';
import { EmailButton, EmailFields, EmailGreeting, EmailLayout, EmailText } from '../layout';

/** A refund was paid back, or could not be (sent by lib/platform/payments after the provider answered). */
export type RefundResultEmailProps = {
  recipientName?: string | null;
  /** The order number, e.g. 'DD2026030112345678'. */
  orderNumber: string;
  /** What the order paid for. */
  title: string;
  /** Formatted amount, e.g. '¥880.00'. */
  amount: string;
  outcome: 'refunded' | 'failed';
  /** In-app path or absolute URL where the person sees the order. */
  link: string;
};

const tr = (locale: AppLocale) => createTranslator({ locale, messages: messagesFor(locale), namespace: 'payments.email' });

export function refundResultSubject(p: RefundResultEmailProps, locale: AppLocale = 'zh-CN'): string {
  return tr(locale)(p.outcome === 'refunded' ? 'refundedSubject' : 'failedSubject', { title: p.title });
}

export function RefundResultEmail({ email = defaultEmailEnv(), ...p }: RefundResultEmailProps & { email?: EmailEnv }) {
  const t = tr(email.locale);
  const ok = p.outcome === 'refunded';
  return (
    <EmailLayout email={email} title={refundResultSubject(p, email.locale)} preview={t(ok ? 'refundedPreview' : 'failedPreview', { amount: p.amount, title: p.title })}>
      <EmailGreeting email={email} name={p.recipientName} />
      <EmailText>{t(ok ? 'refundedIntro' : 'failedIntro')}</EmailText>
      <EmailFields
        rows={[
          { label: t('orderNumber'), value: p.orderNumber },
          { label: t('title'), value: p.title },
          { label: t('amount'), value: p.amount, emphasis: true },
          { label: t('result'), value: <span style={{ color: ok ? '#15803d' : '#b91c1c', fontWeight: 700 }}>{t(ok ? 'refunded' : 'failed')}</span> },
        ]}
      />
      <EmailText muted>{t(ok ? 'refundedNote' : 'failedNote')}</EmailText>
      <EmailButton email={email} href={absoluteUrl(email, p.link)}>
        {t('cta')}
      </EmailButton>
    </EmailLayout>
  );
}

export const PreviewProps: RefundResultEmailProps = {
  recipientName: '张伟',
  orderNumber: 'DD2026030112345678',
  title: '2026年全国认证人员统一考试报名费',
  amount: '¥880.00',
  outcome: 'refunded',
  link: '/portal',
};

export default RefundResultEmail;

import { createTranslator } from 'next-intl';
import type { AppLocale } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import { absoluteUrl, defaultEmailEnv, type EmailEnv } from '@/lib/platform/email/env';
import { EmailButton, EmailFields, EmailGreeting, EmailLayout, EmailText } from '@/lib/platform/email/layout';

/** The exam's admission tickets are out: sent to each paid candidate when staff release them. */
export type TicketReleasedEmailProps = {
  recipientName?: string | null;
  examName: string;
  ticketNumber: string;
  /** The exam's days, e.g. '2027-01-10 至 2027-01-11'. */
  period: string;
  area: string;
  /** In-app path or absolute URL of the exam list, where the ticket downloads. */
  link: string;
};

const tr = (locale: AppLocale) => createTranslator({ locale, messages: messagesFor(locale), namespace: 'exam.ticketReleased' });

export function ticketReleasedSubject(p: Pick<TicketReleasedEmailProps, 'examName'>, locale: AppLocale = 'zh-CN'): string {
  return tr(locale)('subject', { exam: p.examName });
}

export function TicketReleasedEmail({ email = defaultEmailEnv(), ...p }: TicketReleasedEmailProps & { email?: EmailEnv }) {
  const t = tr(email.locale);
  return (
    <EmailLayout email={email} title={ticketReleasedSubject(p, email.locale)} preview={t('preview', { exam: p.examName, number: p.ticketNumber })}>
      <EmailGreeting email={email} name={p.recipientName} />
      <EmailText>{t('intro', { exam: p.examName })}</EmailText>
      <EmailFields
        rows={[
          { label: t('exam'), value: p.examName },
          { label: t('number'), value: p.ticketNumber, emphasis: true },
          { label: t('period'), value: p.period },
          p.area ? { label: t('area'), value: p.area } : null,
        ]}
      />
      <EmailText>{t('how')}</EmailText>
      <EmailButton email={email} href={absoluteUrl(email, p.link)}>
        {t('cta')}
      </EmailButton>
      <EmailText muted>{t('bring')}</EmailText>
    </EmailLayout>
  );
}

export const PreviewProps: TicketReleasedEmailProps = {
  recipientName: '张伟',
  examName: '2027年度第一次认证人员注册全国统一考试',
  ticketNumber: 'ZKZ20270110000042',
  period: '2027-01-10 至 2027-01-11',
  area: '杭州',
  link: '/portal/exam',
};

export default TicketReleasedEmail;

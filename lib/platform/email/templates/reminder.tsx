import type { AppLocale } from '@/i18n/config';
import { absoluteUrl, defaultEmailEnv, emailT, formatShanghai, type EmailEnv } from '../env';
import { EmailButton, EmailFields, EmailGreeting, EmailLayout, EmailText } from '../layout';

/** A due date is near or past (sent by the reminder engine, lib/platform/reminders). */
export type ReminderEmailProps = {
  recipientName?: string | null;
  /** What is due, e.g. '缴纳 2025 年度会费'. */
  what: string;
  /** The due instant (a Date, or its ISO string when props travel as JSON); shown in Asia/Shanghai. */
  dueAt: Date | string;
  overdue: boolean;
  link?: string | null;
};

export function reminderSubject(p: ReminderEmailProps, locale: AppLocale = 'zh-CN'): string {
  return emailT(locale, 'emails.reminder')(p.overdue ? 'subjectOverdue' : 'subjectUpcoming', { what: p.what });
}

export function ReminderEmail({ email = defaultEmailEnv(), ...p }: ReminderEmailProps & { email?: EmailEnv }) {
  const t = emailT(email.locale, 'emails.reminder');
  const due = formatShanghai(p.dueAt, email.locale);
  return (
    <EmailLayout email={email} title={reminderSubject(p, email.locale)} preview={t('preview', { what: p.what, due })}>
      <EmailGreeting email={email} name={p.recipientName} />
      <EmailText>{t(p.overdue ? 'introOverdue' : 'introUpcoming')}</EmailText>
      <EmailFields
        rows={[
          { label: t('what'), value: p.what, emphasis: true },
          { label: t('due'), value: t('dueValue', { due }) },
          { label: t('state'), value: <span style={{ color: p.overdue ? '#b91c1c' : '#b45309', fontWeight: 700 }}>{t(p.overdue ? 'overdue' : 'upcoming')}</span> },
        ]}
      />
      {p.link && (
        <EmailButton email={email} href={absoluteUrl(email, p.link)}>
          {t('cta')}
        </EmailButton>
      )}
      <EmailText muted>{t('outro')}</EmailText>
    </EmailLayout>
  );
}

export const PreviewProps: ReminderEmailProps = {
  recipientName: '张伟',
  what: '补正实验室认可申请材料（A-2025-000123）',
  dueAt: '2025-06-30T09:00:00.000Z',
  overdue: false,
  link: '/portal/accreditation/applications/preview',
};

export default ReminderEmail;

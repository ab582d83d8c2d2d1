import type { AppLocale } from '@/i18n/config';
import { absoluteUrl, defaultEmailEnv, emailT, type EmailEnv } from '../env';
import { EmailButton, EmailFields, EmailGreeting, EmailLayout, EmailMultiline, EmailText } from '../layout';

/** An application moved to a new state (sent to the applicant with the reviewer's opinion). */
export type WorkflowStatusEmailProps = {
  recipientName?: string | null;
  /** The application number shown to people, e.g. 'A-2025-000123'. */
  number: string;
  kindLabel: string;
  statusLabel: string;
  opinion?: string | null;
  /** In-app path or absolute URL of the application. */
  link: string;
};

export function workflowStatusSubject(p: WorkflowStatusEmailProps, locale: AppLocale = 'zh-CN'): string {
  return emailT(locale, 'emails.workflowStatus')('subject', { number: p.number, status: p.statusLabel });
}

export function WorkflowStatusEmail({ email = defaultEmailEnv(), ...p }: WorkflowStatusEmailProps & { email?: EmailEnv }) {
  const t = emailT(email.locale, 'emails.workflowStatus');
  return (
    <EmailLayout email={email} title={workflowStatusSubject(p, email.locale)} preview={t('preview', { kind: p.kindLabel, number: p.number, status: p.statusLabel })}>
      <EmailGreeting email={email} name={p.recipientName} />
      <EmailText>{t('intro')}</EmailText>
      <EmailFields
        rows={[
          { label: t('number'), value: p.number },
          { label: t('kind'), value: p.kindLabel },
          { label: t('status'), value: p.statusLabel, emphasis: true },
          p.opinion ? { label: t('opinion'), value: <EmailMultiline text={p.opinion} /> } : null,
        ]}
      />
      <EmailButton email={email} href={absoluteUrl(email, p.link)}>
        {t('cta')}
      </EmailButton>
      <EmailText muted>{t('outro')}</EmailText>
    </EmailLayout>
  );
}

export const PreviewProps: WorkflowStatusEmailProps = {
  recipientName: '杭州示范检测技术有限公司',
  number: 'A-2025-000123',
  kindLabel: '实验室认可申请',
  statusLabel: '退回修改',
  opinion: '质量手册第 4.2 节缺少内部审核程序，请补充后重新提交。\n人员一览表请加盖公章。',
  link: '/portal/accreditation/applications/preview',
};

export default WorkflowStatusEmail;

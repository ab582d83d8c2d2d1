import { createTranslator } from 'next-intl';
import type { AppLocale } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import { absoluteUrl, defaultEmailEnv, type EmailEnv } from '@/lib/platform/email/env';
import { EmailButton, EmailFields, EmailGreeting, EmailLayout, EmailText } from '@/lib/platform/email/layout';
import { emailPreview } from '@/lib/platform/email/previews';
import type { StageAction } from './stages';

/**
 * The email of an overdue stage (资质年审提醒 / 逾期警告 / 资质暂停), sent to the
 * enterprise's main account by the overdue loop (run.ts) through `sendEmail`.
 */
export type OverdueStageEmailProps = {
  recipientName?: string | null;
  companyName: string;
  action: StageAction;
  /** The review's due date (YYYY-MM-DD, a China calendar day). */
  dueOn: string;
  /** Today minus the due date in days: negative before, 0 on the day. */
  daysOverdue: number;
  levelName: string;
  certificateNumber?: string | null;
  /** When the suspension will come (YYYY-MM-DD), for reminders and warnings; null when no suspension is configured or it has come. */
  suspendOn?: string | null;
  /** Where the enterprise submits its annual review (an in-app path). */
  link: string;
};

const tr = (locale: AppLocale) => createTranslator({ locale, messages: messagesFor(locale), namespace: 'qualificationOverdue.email' });

type Timing = 'before' | 'on' | 'after';
const timing = (days: number): Timing => (days < 0 ? 'before' : days === 0 ? 'on' : 'after');
const subjectKey = (p: OverdueStageEmailProps) => (p.action === 'remind' ? (`subject.remind.${timing(p.daysOverdue)}` as const) : (`subject.${p.action}` as const));

export function overdueStageSubject(p: OverdueStageEmailProps, locale: AppLocale = 'zh-CN'): string {
  return tr(locale)(subjectKey(p), { dueOn: p.dueOn, days: Math.abs(p.daysOverdue) });
}

export function OverdueStageEmail({ email = defaultEmailEnv(), ...p }: OverdueStageEmailProps & { email?: EmailEnv }) {
  const t = tr(email.locale);
  const days = Math.abs(p.daysOverdue);
  const intro = p.action === 'remind' ? t(`intro.remind.${timing(p.daysOverdue)}`, { company: p.companyName, dueOn: p.dueOn, days }) : t(`intro.${p.action}`, { company: p.companyName, dueOn: p.dueOn, days });
  const state =
    p.action === 'suspend'
      ? { text: t('state.suspended'), color: '#b91c1c' }
      : p.daysOverdue > 0
        ? { text: t('state.overdue', { days }), color: '#b91c1c' }
        : p.daysOverdue === 0
          ? { text: t('state.today'), color: '#b45309' }
          : { text: t('state.remaining', { days }), color: '#b45309' };
  return (
    <EmailLayout email={email} title={overdueStageSubject(p, email.locale)} preview={intro}>
      <EmailGreeting email={email} name={p.recipientName} />
      <EmailText strong={p.action !== 'remind'}>{intro}</EmailText>
      <EmailFields
        rows={[
          { label: t('company'), value: p.companyName },
          { label: t('level'), value: p.levelName },
          p.certificateNumber ? { label: t('certificate'), value: p.certificateNumber } : null,
          { label: t('dueOn'), value: p.dueOn, emphasis: true },
          { label: t('state.label'), value: <span style={{ color: state.color, fontWeight: 700 }}>{state.text}</span> },
        ]}
      />
      {p.action === 'suspend' ? <EmailText>{t('whatToDo.suspend')}</EmailText> : <EmailText>{p.suspendOn ? t('whatToDo.beforeSuspend', { suspendOn: p.suspendOn }) : t('whatToDo.submit')}</EmailText>}
      <EmailButton email={email} href={absoluteUrl(email, p.link)}>
        {t('cta')}
      </EmailButton>
      <EmailText muted>{t('outro')}</EmailText>
    </EmailLayout>
  );
}

export const PreviewProps: OverdueStageEmailProps = {
  recipientName: '合肥示范安防工程有限公司',
  companyName: '合肥示范安防工程有限公司',
  action: 'warn',
  dueOn: '2026-03-31',
  daysOverdue: 15,
  levelName: '二级',
  certificateNumber: 'ZZ2025000012',
  suspendOn: '2026-04-30',
  link: '/portal/membership/qualification',
};

/** As the staff preview page lists it (the manifest's emailTemplates). */
export const overdueStageEmailPreview = emailPreview('qualificationOverdue', 'qualificationOverdue.email.name', OverdueStageEmail, PreviewProps, overdueStageSubject);

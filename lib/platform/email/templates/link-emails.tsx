import { createTranslator } from 'next-intl';
import type { AppLocale } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import { absoluteUrl, defaultEmailEnv, type EmailEnv } from '../env';
import { EmailButton, EmailFields, EmailGreeting, EmailLayout, EmailMultiline, EmailText } from '../layout';

/**
 * The emails that carry a single-use link (password reset, email change,
 * institution password, pre-application verify/view) and the pre-application
 * decisions. Links are in-app paths or absolute URLs.
 */
type Ns = 'passwordReset' | 'emailChange' | 'institutionReset' | 'preApplicationVerify' | 'preApplicationApproved' | 'preApplicationRejected';
const tr = (locale: AppLocale, ns: Ns) => createTranslator({ locale, messages: messagesFor(locale), namespace: `linkEmails.${ns}` });

// --- 重置密码 ---------------------------------------------------------------

export type PasswordResetEmailProps = { recipientName?: string | null; link: string; ttlMinutes: number };

export const passwordResetSubject = (_p: PasswordResetEmailProps, locale: AppLocale = 'zh-CN') => tr(locale, 'passwordReset')('subject');

export function PasswordResetEmail({ email = defaultEmailEnv(), ...p }: PasswordResetEmailProps & { email?: EmailEnv }) {
  const t = tr(email.locale, 'passwordReset');
  return (
    <EmailLayout email={email} title={passwordResetSubject(p, email.locale)} preview={t('preview', { minutes: p.ttlMinutes })}>
      <EmailGreeting email={email} name={p.recipientName} />
      <EmailText>{t('intro', { minutes: p.ttlMinutes })}</EmailText>
      <EmailButton email={email} href={absoluteUrl(email, p.link)}>
        {t('cta')}
      </EmailButton>
      <EmailText muted>{t('notYou')}</EmailText>
    </EmailLayout>
  );
}

export const PasswordResetPreviewProps: PasswordResetEmailProps = { recipientName: '张三', link: '/recover/reset?token=preview', ttlMinutes: 30 };

// --- 确认更换电子邮箱 ---------------------------------------------------------

export type EmailChangeEmailProps = { recipientName?: string | null; link: string; ttlHours: number };

export const emailChangeSubject = (_p: EmailChangeEmailProps, locale: AppLocale = 'zh-CN') => tr(locale, 'emailChange')('subject');

export function EmailChangeEmail({ email = defaultEmailEnv(), ...p }: EmailChangeEmailProps & { email?: EmailEnv }) {
  const t = tr(email.locale, 'emailChange');
  return (
    <EmailLayout email={email} title={emailChangeSubject(p, email.locale)} preview={t('preview', { hours: p.ttlHours })}>
      <EmailGreeting email={email} name={p.recipientName} />
      <EmailText>{t('intro', { hours: p.ttlHours })}</EmailText>
      <EmailButton email={email} href={absoluteUrl(email, p.link)}>
        {t('cta')}
      </EmailButton>
      <EmailText muted>{t('notYou')}</EmailText>
    </EmailLayout>
  );
}

export const EmailChangePreviewProps: EmailChangeEmailProps = { recipientName: '张三', link: '/account/confirm-email?token=preview', ttlHours: 24 };

// --- 已获认可机构设置登录密码 -------------------------------------------------

export type InstitutionResetEmailProps = { recipientName: string; certificateNumber: string; username: string; link: string; ttlHours: number };

export const institutionResetSubject = (_p: InstitutionResetEmailProps, locale: AppLocale = 'zh-CN') => tr(locale, 'institutionReset')('subject');

export function InstitutionResetEmail({ email = defaultEmailEnv(), ...p }: InstitutionResetEmailProps & { email?: EmailEnv }) {
  const t = tr(email.locale, 'institutionReset');
  return (
    <EmailLayout email={email} title={institutionResetSubject(p, email.locale)} preview={t('preview', { certificateNumber: p.certificateNumber })}>
      <EmailGreeting email={email} name={p.recipientName} />
      <EmailText>{t('intro', { certificateNumber: p.certificateNumber })}</EmailText>
      <EmailFields rows={[{ label: t('username'), value: p.username, emphasis: true }]} />
      <EmailText>{t('linkIntro', { hours: p.ttlHours })}</EmailText>
      <EmailButton email={email} href={absoluteUrl(email, p.link)}>
        {t('cta')}
      </EmailButton>
      <EmailText>{t('after')}</EmailText>
      <EmailText muted>{t('notYou')}</EmailText>
    </EmailLayout>
  );
}

export const InstitutionResetPreviewProps: InstitutionResetEmailProps = {
  recipientName: '杭州示范检测技术有限公司',
  certificateNumber: 'CNAS L12345',
  username: 'cnasl12345',
  link: '/accreditation/retrieve/reset?token=preview',
  ttlHours: 24,
};

// --- 认可预申请：验证 ----------------------------------------------------------

export type PreApplicationVerifyEmailProps = { recipientName: string; entityName: string; number: string; verifyLink: string; viewLink: string };

export const preApplicationVerifySubject = (p: PreApplicationVerifyEmailProps, locale: AppLocale = 'zh-CN') => tr(locale, 'preApplicationVerify')('subject', { number: p.number });

export function PreApplicationVerifyEmail({ email = defaultEmailEnv(), ...p }: PreApplicationVerifyEmailProps & { email?: EmailEnv }) {
  const t = tr(email.locale, 'preApplicationVerify');
  return (
    <EmailLayout email={email} title={preApplicationVerifySubject(p, email.locale)} preview={t('preview', { number: p.number })}>
      <EmailGreeting email={email} name={p.recipientName} />
      <EmailText>{t('intro', { entity: p.entityName, number: p.number })}</EmailText>
      <EmailButton email={email} href={absoluteUrl(email, p.verifyLink)}>
        {t('verify')}
      </EmailButton>
      <EmailButton email={email} href={absoluteUrl(email, p.viewLink)}>
        {t('view')}
      </EmailButton>
      <EmailText muted>{t('validity')}</EmailText>
    </EmailLayout>
  );
}

export const PreApplicationVerifyPreviewProps: PreApplicationVerifyEmailProps = {
  recipientName: '李四',
  entityName: '杭州示范检测技术有限公司',
  number: 'YSQ202603010001',
  verifyLink: '/accreditation/pre-application/verify?token=preview',
  viewLink: '/accreditation/pre-application/view?token=preview',
};

// --- 认可预申请：批准 / 未批准 --------------------------------------------------

export type PreApplicationApprovedEmailProps = { recipientName: string; entityName: string; number: string; username: string; password: string; loginLink: string; viewLink: string; opinion?: string | null };

export const preApplicationApprovedSubject = (p: PreApplicationApprovedEmailProps, locale: AppLocale = 'zh-CN') => tr(locale, 'preApplicationApproved')('subject', { number: p.number });

export function PreApplicationApprovedEmail({ email = defaultEmailEnv(), ...p }: PreApplicationApprovedEmailProps & { email?: EmailEnv }) {
  const t = tr(email.locale, 'preApplicationApproved');
  return (
    <EmailLayout email={email} title={preApplicationApprovedSubject(p, email.locale)} preview={t('preview', { number: p.number })}>
      <EmailGreeting email={email} name={p.recipientName} />
      <EmailText>{t('intro', { entity: p.entityName, number: p.number })}</EmailText>
      <EmailFields
        rows={[
          { label: t('username'), value: p.username, emphasis: true },
          { label: t('password'), value: <span style={{ fontFamily: 'Consolas,Menlo,monospace', fontSize: 15, fontWeight: 700, letterSpacing: 1 }}>{p.password}</span> },
        ]}
      />
      <EmailText muted>{t('caseSensitive')}</EmailText>
      <EmailButton email={email} href={absoluteUrl(email, p.loginLink)}>
        {t('login')}
      </EmailButton>
      <EmailText strong>{t('mustChange')}</EmailText>
      {p.opinion ? <EmailFields rows={[{ label: t('opinion'), value: <EmailMultiline text={p.opinion} /> }]} /> : null}
      <EmailButton email={email} href={absoluteUrl(email, p.viewLink)}>
        {t('view')}
      </EmailButton>
      <EmailText muted>{t('viewValidity')}</EmailText>
    </EmailLayout>
  );
}

export const PreApplicationApprovedPreviewProps: PreApplicationApprovedEmailProps = {
  ...PreApplicationVerifyPreviewProps,
  username: 'lab330106',
  password: 'Kx7#pQ2mWz',
  loginLink: '/login?as=organization',
  opinion: '材料齐全，同意受理。',
};

export type PreApplicationRejectedEmailProps = { recipientName: string; entityName: string; number: string; reason: string; viewLink: string };

export const preApplicationRejectedSubject = (p: PreApplicationRejectedEmailProps, locale: AppLocale = 'zh-CN') => tr(locale, 'preApplicationRejected')('subject', { number: p.number });

export function PreApplicationRejectedEmail({ email = defaultEmailEnv(), ...p }: PreApplicationRejectedEmailProps & { email?: EmailEnv }) {
  const t = tr(email.locale, 'preApplicationRejected');
  return (
    <EmailLayout email={email} title={preApplicationRejectedSubject(p, email.locale)} preview={t('preview', { number: p.number })}>
      <EmailGreeting email={email} name={p.recipientName} />
      <EmailText>{t('intro', { entity: p.entityName, number: p.number })}</EmailText>
      <EmailFields rows={[{ label: t('reason'), value: <EmailMultiline text={p.reason} /> }]} />
      <EmailText>{t('next')}</EmailText>
      <EmailButton email={email} href={absoluteUrl(email, p.viewLink)}>
        {t('view')}
      </EmailButton>
    </EmailLayout>
  );
}

export const PreApplicationRejectedPreviewProps: PreApplicationRejectedEmailProps = {
  recipientName: '李四',
  entityName: '杭州示范检测技术有限公司',
  number: 'YSQ202603010001',
  reason: '业务范围不属于本平台受理范围。',
  viewLink: '/accreditation/pre-application/view?token=preview',
};

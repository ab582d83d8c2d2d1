import type { AppLocale } from '@/i18n/config';
import { rawCatalogs } from '@/messages/catalog';
import { absoluteUrl, defaultEmailEnv, emailT, type EmailEnv } from '../env';
import { EmailButton, EmailFields, EmailGreeting, EmailLayout, EmailText } from '../layout';

/** An account was created for someone (pre-application approved, staff created it): how to sign in. */
export type CredentialsEmailProps = {
  recipientName?: string | null;
  username: string;
  /** The generated initial password (case-sensitive); the account must change it at first sign-in. */
  password: string;
  /** Sign-in page: in-app path or absolute URL, e.g. '/login?as=organization'. */
  loginUrl: string;
};

export function credentialsSubject(_p: CredentialsEmailProps, locale: AppLocale = 'zh-CN'): string {
  return emailT(locale, 'emails.credentials')('subject', { app: rawCatalogs[locale].common.appShortName });
}

export function CredentialsEmail({ email = defaultEmailEnv(), ...p }: CredentialsEmailProps & { email?: EmailEnv }) {
  const t = emailT(email.locale, 'emails.credentials');
  return (
    <EmailLayout email={email} title={credentialsSubject(p, email.locale)} preview={t('preview', { username: p.username })}>
      <EmailGreeting email={email} name={p.recipientName} />
      <EmailText>{t('intro')}</EmailText>
      <EmailFields
        rows={[
          { label: t('username'), value: p.username, emphasis: true },
          { label: t('password'), value: <span style={{ fontFamily: 'Consolas,Menlo,monospace', fontSize: 15, fontWeight: 700, letterSpacing: 1 }}>{p.password}</span> },
        ]}
      />
      <EmailText strong>{t('mustChange')}</EmailText>
      <EmailButton email={email} href={absoluteUrl(email, p.loginUrl)}>
        {t('cta')}
      </EmailButton>
      <EmailText muted>{t('caseSensitive')}</EmailText>
    </EmailLayout>
  );
}

export const PreviewProps: CredentialsEmailProps = {
  recipientName: '杭州示范检测技术有限公司',
  username: 'lab330106',
  password: 'Kx7#pQ2mWz',
  loginUrl: '/login?as=organization',
};

export default CredentialsEmail;

import type { ReactNode } from 'react';
import { defaultEmailEnv, emailT, type EmailEnv } from './env';

/**
 * The frame of every email: table-based with inline styles (what mail clients
 * render reliably), the platform name on top, support contacts at the bottom.
 * Pure components: no hooks, no context (see render.ts).
 */

const COLORS = { primary: '#1d4f9c', text: '#1e293b', muted: '#64748b', border: '#e2e8f0', page: '#f1f5f9', soft: '#eef3fb' };
const FONT = "'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans SC',Arial,sans-serif";

export function EmailLayout({ email = defaultEmailEnv(), title, preview, children }: { email?: EmailEnv; title: string; preview?: string; children: ReactNode }) {
  const t = emailT(email.locale, 'emails.layout');
  const s = email.support;
  return (
    <html lang={email.locale}>
      {/* An email document, not a Next page: next/head does not apply. */}
      {/* eslint-disable-next-line @next/next/no-head-element */}
      <head>
        <meta httpEquiv="Content-Type" content="text/html; charset=UTF-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
      </head>
      <body style={{ margin: 0, padding: 0, backgroundColor: COLORS.page, fontFamily: FONT }}>
        {preview && (
          <div data-text="skip" style={{ display: 'none', maxHeight: 0, overflow: 'hidden', opacity: 0 }}>
            {preview}
          </div>
        )}
        <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} border={0} style={{ backgroundColor: COLORS.page }}>
          <tbody>
            <tr>
              <td align="center" style={{ padding: '24px 12px' }}>
                <table
                  role="presentation"
                  width="600"
                  cellPadding={0}
                  cellSpacing={0}
                  border={0}
                  style={{ width: '100%', maxWidth: 600, backgroundColor: '#ffffff', border: `1px solid ${COLORS.border}`, borderRadius: 8 }}
                >
                  <tbody>
                    <tr>
                      <td style={{ backgroundColor: COLORS.primary, color: '#ffffff', padding: '16px 24px', fontSize: 18, fontWeight: 700, borderRadius: '8px 8px 0 0' }}>
                        {email.appName}
                      </td>
                    </tr>
                    <tr>
                      <td style={{ padding: 24, color: COLORS.text, fontSize: 14, lineHeight: 1.7 }}>{children}</td>
                    </tr>
                    <tr>
                      <td style={{ padding: '16px 24px', borderTop: `1px solid ${COLORS.border}`, color: COLORS.muted, fontSize: 12, lineHeight: 1.6 }}>
                        <p style={{ margin: '0 0 4px', fontWeight: 700 }}>{t('supportTitle')}</p>
                        <p style={{ margin: 0 }}>
                          {t('supportPhone', { phone: s.phone })}
                          <br />
                          {t('supportEmail', { email: s.email })}
                          <br />
                          {t('supportQq', { qq: s.qqGroup })}
                          <br />
                          {t('supportHours', { hours: s.hours })}
                        </p>
                        <p style={{ margin: '8px 0 0' }}>{t('automatic')}</p>
                      </td>
                    </tr>
                  </tbody>
                </table>
              </td>
            </tr>
          </tbody>
        </table>
      </body>
    </html>
  );
}

export function EmailGreeting({ email = defaultEmailEnv(), name }: { email?: EmailEnv; name?: string | null }) {
  const t = emailT(email.locale, 'emails.layout');
  return <EmailText>{name ? t('greeting', { name }) : t('greetingAnonymous')}</EmailText>;
}

export function EmailText({ children, strong, muted }: { children: ReactNode; strong?: boolean; muted?: boolean }) {
  return <p style={{ margin: '0 0 12px', fontWeight: strong ? 700 : undefined, color: muted ? COLORS.muted : undefined }}>{children}</p>;
}

/** Label/value rows, e.g. application number, status, due date. */
export function EmailFields({ rows }: { rows: Array<{ label: string; value: ReactNode; emphasis?: boolean } | false | null | undefined> }) {
  return (
    <table data-text="paragraph" role="presentation" width="100%" cellPadding={0} cellSpacing={0} border={0} style={{ margin: '4px 0 16px', backgroundColor: COLORS.soft, borderRadius: 6 }}>
      <tbody>
        {rows
          .filter((r): r is { label: string; value: ReactNode; emphasis?: boolean } => Boolean(r))
          .map((r) => (
            <tr key={r.label}>
              <td style={{ padding: '6px 12px', color: COLORS.muted, whiteSpace: 'nowrap', verticalAlign: 'top', width: 96 }}>{r.label}：</td>
              <td style={{ padding: '6px 12px', fontWeight: r.emphasis ? 700 : undefined, wordBreak: 'break-all' }}>{r.value}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}

/** A link styled as a button ("label: URL" in the text body); below it the bare URL for clients that block styled links (not repeated in the text body). */
export function EmailButton({ email = defaultEmailEnv(), href, children }: { email?: EmailEnv; href: string; children: ReactNode }) {
  const t = emailT(email.locale, 'emails.layout');
  return (
    <>
      <table data-text="paragraph" role="presentation" cellPadding={0} cellSpacing={0} border={0} style={{ margin: '8px 0 16px' }}>
        <tbody>
          <tr>
            <td style={{ backgroundColor: COLORS.primary, borderRadius: 6 }}>
              <a href={href} target="_blank" style={{ display: 'inline-block', padding: '10px 20px', color: '#ffffff', fontWeight: 700, textDecoration: 'none' }}>
                {children}
              </a>
            </td>
          </tr>
        </tbody>
      </table>
      <p data-text="skip" style={{ margin: '0 0 12px', fontSize: 12, color: COLORS.muted, wordBreak: 'break-all' }}>
        {t('copyLink')}
        <br />
        <a href={href} style={{ color: COLORS.primary }}>
          {href}
        </a>
      </p>
    </>
  );
}

/** Text typed by people (opinions, reasons): line breaks kept. */
export function EmailMultiline({ text }: { text: string }) {
  const lines = text.split(/\r?\n/);
  return (
    <>
      {lines.map((line, i) => (
        <span key={i}>
          {i > 0 && <br />}
          {line}
        </span>
      ))}
    </>
  );
}

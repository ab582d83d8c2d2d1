import { getLocale, getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { toLocale } from '@/i18n/config';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';
import { loadEmailEnv } from '@/lib/platform/email/env';
import { emailPreviews } from '@/lib/platform/email/previews';

export async function generateMetadata() {
  return { title: (await getTranslations('emails.preview'))('title'), robots: { index: false } };
}

/** 邮件模板预览: every template (the platform's and the modules') rendered with its preview props, as HTML and as plain text. Admins only. */
export default async function EmailPreviewPage() {
  const actor = await requireActor({ staff: true, next: '/staff/emails' });
  if (!can(actor, { action: 'staff.role', role: 'admin' })) return <Forbidden />;
  const t = await getTranslations('emails.preview');
  const all = await getTranslations();
  const locale = toLocale(await getLocale());
  const email = await loadEmailEnv(await getDb(), locale);

  return (
    <div className="flex max-w-5xl flex-col gap-4">
      <div>
        <h1 className="text-lg font-semibold">{t('title')}</h1>
        <p className="text-sm text-muted-foreground">{t('intro')}</p>
      </div>
      {emailPreviews().map((tpl) => {
        const { html, text } = tpl.render(email);
        const name = all(tpl.nameKey as never);
        return (
          <Card key={tpl.key} data-testid="email-template" data-template={tpl.key}>
            <CardHeader>
              <h2 className="font-semibold">{name}</h2>
              <p className="text-sm text-muted-foreground">
                {t('subject')}：{tpl.subject(locale)}
              </p>
            </CardHeader>
            <CardContent className="flex flex-col gap-3">
              <h3 className="text-sm font-medium">{t('html')}</h3>
              {/* A sandboxed frame: the email's own styles stay out of the console. */}
              <iframe title={name} srcDoc={html} sandbox="" className="h-[560px] w-full rounded-md border border-border bg-white" />
              <h3 className="text-sm font-medium">{t('text')}</h3>
              <pre tabIndex={0} aria-label={`${name} · ${t('text')}`} className="max-h-96 overflow-auto whitespace-pre-wrap rounded-md bg-muted p-3 text-xs leading-5">{text}</pre>
            </CardContent>
          </Card>
        );
      })}
    </div>
  );
}

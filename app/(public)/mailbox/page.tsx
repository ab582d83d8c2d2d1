import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db';
import { mailboxIsOpen } from '@/lib/platform/env';
import { listMailbox } from '@/lib/platform/notify/mailbox';
import { can } from '@/lib/platform/auth/permissions';
import { getActor } from '@/lib/platform/auth/server';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { Input, Label, Select } from '@/components/ui/input';
import { LinkifiedText } from '@/components/linkified-text';

export async function generateMetadata() {
  return { title: (await getTranslations('mailbox'))('title'), robots: { index: false } };
}

type Search = { to?: string; channel?: string; before?: string };

/**
 * Every email and SMS the local outbox delivered. Open to everyone only per
 * MAILBOX_OPEN (see env.ts); otherwise staff-only: an anonymous visitor is sent
 * to the staff sign-in.
 */
export default async function MailboxPage({ searchParams }: { searchParams: Promise<Search> }) {
  const t = await getTranslations();
  const actor = mailboxIsOpen() ? null : await getActor();
  if (actor?.kind === 'anonymous') redirect(`/login?as=staff&next=${encodeURIComponent('/mailbox')}`);
  if (actor && !can(actor, { action: 'mailbox.view' })) {
    return (
      <Card>
        <CardContent className="py-10 text-center">
          <h1 className="text-lg font-semibold">{t('errorPage.forbiddenTitle')}</h1>
          <p className="mt-2 text-muted-foreground">{t('mailbox.staffOnly')}</p>
        </CardContent>
      </Card>
    );
  }
  const f = await getFormatter();
  const sp = await searchParams;
  const channel = sp.channel === 'email' || sp.channel === 'sms' ? sp.channel : undefined;
  const before = sp.before && /^\d+$/.test(sp.before) ? Number(sp.before) : undefined;
  const { items, nextBeforeId } = await listMailbox(await getDb(), { recipient: sp.to, channel, beforeId: before });
  const qs = (extra: Record<string, string | undefined>) =>
    new URLSearchParams(Object.entries({ to: sp.to, channel, ...extra }).filter(([, v]) => v) as [string, string][]).toString();

  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold">{t('mailbox.title')}</h1>
        <p className="mt-1 text-sm text-muted-foreground">{t('mailbox.intro')}</p>
      </div>
      <form className="flex flex-wrap items-end gap-3" method="get">
        {/* On a phone the recipient takes the whole row, so the type select keeps its width on the next. */}
        <div className="flex w-full flex-col gap-1 sm:w-auto sm:min-w-56 sm:flex-1">
          <Label htmlFor="to">{t('mailbox.filterRecipient')}</Label>
          <Input id="to" name="to" defaultValue={sp.to ?? ''} inputMode="email" />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="channel">{t('mailbox.channel')}</Label>
          <Select id="channel" name="channel" defaultValue={channel ?? ''} className="min-w-28">
            <option value="">{t('mailbox.all')}</option>
            <option value="email">{t('mailbox.email')}</option>
            <option value="sms">{t('mailbox.sms')}</option>
          </Select>
        </div>
        <Button type="submit">{t('common.search')}</Button>
        <Button asChild variant="outline">
          <Link href="/mailbox">{t('common.reset')}</Link>
        </Button>
      </form>
      {items.length === 0 ? (
        <Card>
          <CardContent className="py-10 text-center text-muted-foreground">{t('mailbox.empty')}</CardContent>
        </Card>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="mailbox-list">
          {items.map((m) => (
            <li key={m.id}>
              <article className="rounded-card border border-border bg-white p-4" data-testid="mailbox-message" data-recipient={m.recipient} data-channel={m.channel}>
                <header className="flex flex-wrap items-center gap-2 text-sm">
                  <Badge tone={m.channel === 'sms' ? 'warning' : 'primary'}>{t(`mailbox.${m.channel === 'sms' ? 'sms' : 'email'}`)}</Badge>
                  <span>
                    {t('mailbox.to')}: <strong>{m.recipient}</strong>
                  </span>
                  <time className="ml-auto text-xs text-muted-foreground" dateTime={m.createdAt.toISOString()}>
                    {f.dateTime(m.createdAt, 'datetime')}
                  </time>
                </header>
                {m.subject && <h2 className="mt-2 font-medium">{m.subject}</h2>}
                <div className="mt-2 text-sm leading-6" data-testid="mailbox-body">
                  <LinkifiedText text={m.body} />
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
      {nextBeforeId && (
        <Button asChild variant="outline" className="self-center">
          <Link href={`/mailbox?${qs({ before: String(nextBeforeId) })}`}>{t('common.more')}</Link>
        </Button>
      )}
    </div>
  );
}

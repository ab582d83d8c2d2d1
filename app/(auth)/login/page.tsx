import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { LoginForm } from '@/components/auth/login-form';
import { Card, CardContent } from '@/components/ui/card';
import { getActor } from '@/lib/platform/auth/server';
import { mailboxIsOpen, usesLocalMailbox } from '@/lib/platform/env';
import { safeRedirectPath } from '@/lib/platform/safe-redirect';
import { cn } from '@/lib/utils';

export async function generateMetadata() {
  return { title: (await getTranslations('auth'))('loginTitle') };
}

const entries = ['individual', 'organization', 'staff'] as const;
type Entry = (typeof entries)[number];

/** One login page; the entry (individual / organization / staff) is a tab in the URL. */
export default async function LoginPage({ searchParams }: { searchParams: Promise<{ as?: string; next?: string; registered?: string }> }) {
  const sp = await searchParams;
  const entry: Entry = entries.includes(sp.as as Entry) ? (sp.as as Entry) : 'individual';
  const fallback = entry === 'staff' ? '/staff' : '/portal';
  const next = safeRedirectPath(sp.next, fallback);
  const actor = await getActor();
  if (actor.kind === 'staff') redirect(entry === 'staff' ? next : '/staff');
  if (actor.kind !== 'anonymous') redirect(entry === 'staff' ? '/portal' : next);
  const t = await getTranslations('auth');
  const tLegacy = await getTranslations('legacy');
  return (
    <div className="w-full max-w-md">
      <h1 className="mb-4 text-center text-2xl font-semibold">{t('loginTitle')}</h1>
      {usesLocalMailbox() && (
        <p role="note" data-testid="demo-mode" className="mb-4 rounded-md border border-warning bg-warning/10 px-3 py-2 text-sm">
          {t('demoMode')} {t(mailboxIsOpen() ? 'demoModeMailboxOpen' : 'demoModeMailboxStaff')}
        </p>
      )}
      <nav aria-label={t('loginTitle')} className="mb-4 grid grid-cols-3 gap-2">
        {entries.map((e) => (
          <Link
            key={e}
            href={`/login?as=${e}${next !== fallback ? `&next=${encodeURIComponent(next)}` : ''}`}
            aria-current={e === entry ? 'page' : undefined}
            className={cn('rounded-md border px-2 py-2 text-center text-sm', e === entry ? 'border-primary bg-primary text-white' : 'border-border bg-white hover:bg-primary-soft')}
          >
            {t(`audience.${e}`)}
          </Link>
        ))}
      </nav>
      <Card>
        <CardContent className="py-6">
          <p className="mb-4 text-sm text-muted-foreground">{t(`audienceHint.${entry}`)}</p>
          <LoginForm key={entry} audience={entry === 'staff' ? 'staff' : 'applicant'} next={next} registered={sp.registered === '1'} />
          {entry === 'organization' && (
            <div className="mt-4 flex flex-col items-center gap-2 text-sm">
              {/* Module A entry (seed 000): new institutions pre-apply; accredited ones retrieve their password. */}
              <div className="flex flex-wrap justify-center gap-x-4 gap-y-1" data-testid="accreditation-links">
                <Link href="/accreditation/pre-application" className="text-primary hover:underline">
                  {t('newInstitution')}
                </Link>
                <Link href="/accreditation/retrieve" className="text-primary hover:underline">
                  {t('accreditedRetrieve')}
                </Link>
              </div>
              <Link href="/activate" className="text-primary hover:underline">
                {tLegacy('activateLink')}
              </Link>
            </div>
          )}
          {entry !== 'staff' && (
            <p className="mt-4 text-center text-sm text-muted-foreground">
              {t('noAccount')}{' '}
              <Link href="/register" className="text-primary hover:underline">
                {t('goRegister')}
              </Link>
            </p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

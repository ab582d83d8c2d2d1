import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Menu } from 'lucide-react';
import { MODULES } from '@/lib/platform/modules';
import { getActor } from '@/lib/platform/auth/server';
import { Button } from '@/components/ui/button';
import { Sheet } from '@/components/ui/sheet';
import { LanguageSwitch } from './language-switch';
import { TextSizeSwitch } from './text-size-switch';
import { Logo } from './logo';
import { SkipLink } from './skip-link';
import { NavLink } from './nav-link';

export async function PublicHeader() {
  const t = await getTranslations();
  const actor = await getActor();
  const home = actor.kind === 'anonymous' ? null : actor.kind === 'staff' ? '/staff' : '/portal';
  const links = MODULES.map((m) => ({ href: `/modules/${m.key}`, label: t(`modules.${m.key}.name`) }));
  return (
    <header className="sticky top-0 z-30 border-b border-border bg-white/95 backdrop-blur">
      <SkipLink />
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-4">
        <Logo />
        <nav aria-label={t('home.modulesTitle')} className="hidden flex-1 items-center gap-1 lg:flex">
          {links.map((l) => (
            <NavLink key={l.href} href={l.href} className="rounded-md px-2 py-1 text-sm hover:bg-primary-soft" inactiveClassName="text-slate-700" activeClassName="text-primary font-medium">
              {l.label}
            </NavLink>
          ))}
          <NavLink href="/notices" className="rounded-md px-2 py-1 text-sm hover:bg-primary-soft" inactiveClassName="text-slate-700" activeClassName="text-primary font-medium">
            {t('notices.title')}
          </NavLink>
        </nav>
        <div className="ml-auto flex items-center gap-2">
          <TextSizeSwitch />
          <LanguageSwitch />
          {home ? (
            <Button asChild size="sm" className="hidden sm:inline-flex">
              <Link href={home}>{actor.kind === 'staff' ? t('staff.title') : t('portal.title')}</Link>
            </Button>
          ) : (
            <>
              <Button asChild variant="outline" size="sm" className="hidden sm:inline-flex">
                <Link href="/login">{t('common.login')}</Link>
              </Button>
              <Button asChild size="sm" className="hidden sm:inline-flex">
                <Link href="/register">{t('common.register')}</Link>
              </Button>
            </>
          )}
          <div className="lg:hidden">
            <Sheet
              title={t('common.menu')}
              closeLabel={t('common.closeMenu')}
              side="right"
              trigger={
                <Button variant="ghost" size="icon" aria-label={t('common.menu')}>
                  <Menu className="h-5 w-5" />
                </Button>
              }
            >
              <nav className="flex flex-col gap-1">
                {[
                  ...links,
                  { href: '/notices', label: t('notices.title') },
                  ...(home
                    ? [{ href: home, label: actor.kind === 'staff' ? t('staff.title') : t('portal.title') }]
                    : [
                        { href: '/login', label: t('common.login') },
                        { href: '/register', label: t('common.register') },
                      ]),
                ].map((l) => (
                  <Link key={l.href} href={l.href} className="rounded-md px-3 py-2 hover:bg-primary-soft">
                    {l.label}
                  </Link>
                ))}
              </nav>
            </Sheet>
          </div>
        </div>
      </div>
    </header>
  );
}

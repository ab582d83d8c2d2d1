import { getTranslations } from 'next-intl/server';
import { Menu } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Sheet } from '@/components/ui/sheet';
import { NotificationBell } from '@/components/notifications/bell';
import { LanguageSwitch } from './language-switch';
import { TextSizeSwitch } from './text-size-switch';
import { Logo } from './logo';
import { SkipLink } from './skip-link';
import { NavLink } from './nav-link';
import { UserMenu } from './user-menu';

export type ConsoleNavItem = { href: string; label: string; icon: LucideIcon; exact?: boolean };
export type ConsoleNavGroup = { title?: string; items: ConsoleNavItem[] };

/**
 * The shell of the applicant portal and the staff console: a side navigation
 * (a drawer on phones) and a top bar. `dense` tightens it for staff, who live in it.
 * The top bar carries the notification bell; its list page is `${home}/notifications`.
 */
export async function ConsoleShell({
  title,
  groups,
  dense,
  children,
  home,
  user,
}: {
  title: string;
  user: { name: string; logoutTo: string };
  groups: ConsoleNavGroup[];
  dense?: boolean;
  home: string;
  children: React.ReactNode;
}) {
  const t = await getTranslations('common');
  const tAuth = await getTranslations('auth');
  const nav = (
    <nav aria-label={title} className="flex flex-col gap-4">
      {groups.map((g, i) => (
        <div key={g.title ?? i} className="flex flex-col gap-0.5">
          {g.title && <p className="px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-muted-foreground">{g.title}</p>}
          {g.items.map((item) => (
            <NavLink
              key={item.href}
              href={item.href}
              exact={item.exact}
              className={`flex items-center gap-2 rounded-md px-3 ${dense ? 'py-1.5 text-[13px]' : 'py-2 text-sm'} hover:bg-primary-soft`}
              inactiveClassName="text-slate-700"
              activeClassName="bg-primary-soft font-medium text-primary"
              pendingHint
            >
              <item.icon className="h-4 w-4 shrink-0" aria-hidden />
              {item.label}
            </NavLink>
          ))}
        </div>
      ))}
    </nav>
  );
  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <header className="sticky top-0 z-30 flex h-12 items-center gap-3 border-b border-border bg-white px-3 print:hidden">
        <div className="lg:hidden">
          <Sheet
            title={title}
            closeLabel={t('closeMenu')}
            trigger={
              <Button variant="ghost" size="icon" aria-label={t('menu')}>
                <Menu className="h-5 w-5" />
              </Button>
            }
          >
            {nav}
          </Sheet>
        </div>
        <Logo href={home} compact />
        <span className="hidden text-sm text-muted-foreground sm:inline">/ {title}</span>
        <div className="ml-auto flex items-center gap-1">
          <TextSizeSwitch />
          <LanguageSwitch />
          <NotificationBell listHref={`${home}/notifications`} />
          <UserMenu name={user.name} after={user.logoutTo} logoutLabel={tAuth('logout')} />
        </div>
      </header>
      <div className="flex flex-1">
        <aside className={`hidden shrink-0 border-r border-border bg-white p-3 lg:block print:hidden ${dense ? 'w-52' : 'w-60'}`}>{nav}</aside>
        <main id="main" tabIndex={-1} className={`min-w-0 outline-none flex-1 ${dense ? 'p-4' : 'p-4 sm:p-6'}`}>
          {children}
        </main>
      </div>
    </div>
  );
}

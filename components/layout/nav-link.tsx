'use client';
import Link, { useLinkStatus } from 'next/link';
import { usePathname } from 'next/navigation';

/**
 * A navigation link that marks itself as the current page: `className` always,
 * then `activeClassName` on the current page or `inactiveClassName` elsewhere
 * (classes that would conflict, e.g. two text colours, go in those two rather
 * than `className`: no tailwind-merge in the header's scripts).
 *
 * With `pendingHint` (the console shell's side navigation), a small spinner at
 * the link's end confirms the click while the page it opens is on its way (pages render with their data in one piece, without a
 * loading placeholder in between: see app/portal/layout.tsx).
 */
export function NavLink({
  href,
  exact,
  className,
  activeClassName,
  inactiveClassName,
  pendingHint,
  children,
}: {
  href: string;
  exact?: boolean;
  className?: string;
  activeClassName?: string;
  inactiveClassName?: string;
  pendingHint?: boolean;
  children: React.ReactNode;
}) {
  const pathname = usePathname();
  const active = exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  const state = active ? activeClassName : inactiveClassName;
  return (
    <Link href={href} aria-current={active ? 'page' : undefined} className={[className, state].filter(Boolean).join(' ') || undefined}>
      {children}
      {pendingHint && <Pending />}
    </Link>
  );
}

/** Always rendered at a fixed size (no layout shift); visible only while the navigation is pending. */
function Pending() {
  const { pending } = useLinkStatus();
  return (
    <span
      aria-hidden
      data-testid="nav-pending"
      data-pending={pending || undefined}
      className={`ml-auto size-3 shrink-0 rounded-full border-2 border-current border-t-transparent ${pending ? 'animate-spin opacity-70 motion-reduce:animate-none' : 'opacity-0'}`}
    />
  );
}

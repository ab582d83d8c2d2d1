'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

/**
 * A navigation link that marks itself as the current page: `className` always,
 * then `activeClassName` on the current page or `inactiveClassName` elsewhere
 * (classes that would conflict, e.g. two text colours, go in those two rather
 * than `className`: no tailwind-merge in the header's scripts).
 */
export function NavLink({
  href,
  exact,
  className,
  activeClassName,
  inactiveClassName,
  children,
}: {
  href: string;
  exact?: boolean;
  className?: string;
  activeClassName?: string;
  inactiveClassName?: string;
  children: React.ReactNode;
}) {
  const pathname = usePathname();
  const active = exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  const state = active ? activeClassName : inactiveClassName;
  return (
    <Link href={href} aria-current={active ? 'page' : undefined} className={[className, state].filter(Boolean).join(' ') || undefined}>
      {children}
    </Link>
  );
}

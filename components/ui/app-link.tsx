import Link from 'next/link';
import type { ComponentProps } from 'react';

/**
 * Paths that serve generated files (PDFs, downloads) rather than pages: a
 * Next <Link> would prefetch them — rendering a receipt on the server for
 * every link in view, again on hover — so they get a plain <a>.
 */
export function isFileHref(href: string): boolean {
  return href.startsWith('/api/');
}

/** A link to a page of the app (<Link>) or, for a generated file or another site, a plain <a> that never prefetches. */
export function AppLink({ href, children, ...props }: Omit<ComponentProps<'a'>, 'href'> & { href: string }) {
  if (!href.startsWith('/') || href.startsWith('//') || isFileHref(href)) {
    return (
      <a href={href} {...props}>
        {children}
      </a>
    );
  }
  return (
    <Link href={href} {...props}>
      {children}
    </Link>
  );
}

import type { ClientScope } from './client-messages';

/**
 * The mark of a layout whose client components use no next-intl at all (its
 * list in i18n/client-messages.ts is empty): it renders its children as they
 * are. Unlike <ScopedIntlProvider>, it does not import next-intl's client provider,
 * so next-intl's client code and message formatter (~12 KB gzipped) stay out
 * of the scripts of every page under it. tests/unit/i18n/client-namespaces.test.ts
 * fails if a client component under it calls a next-intl hook.
 */
export function NoIntlProvider({ children }: { scope: ClientScope; children: React.ReactNode }) {
  return children;
}

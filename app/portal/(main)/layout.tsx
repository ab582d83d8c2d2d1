import { ScopedIntlProvider } from '@/i18n/scoped-provider';

/**
 * The portal's own pages (home, tasks, applications, files, certificates, account …): the messages of their
 * client components. A route group, so that the module areas beside it (exam, membership, personnel, review)
 * get only their own scope and not this one as well: nested providers each ship their messages.
 */
export default function PortalMainLayout({ children }: { children: React.ReactNode }) {
  return <ScopedIntlProvider scope="portal">{children}</ScopedIntlProvider>;
}

import { ScopedIntlProvider } from '@/i18n/scoped-provider';

/** The messages of module B (membership)'s client components only (i18n/client-messages.ts); the shell keeps its layout's. */
export default function PortalMembershipLayout({ children }: { children: React.ReactNode }) {
  return <ScopedIntlProvider scope="portalMembership">{children}</ScopedIntlProvider>;
}

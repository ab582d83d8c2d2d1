import { ScopedIntlProvider } from '@/i18n/scoped-provider';

/** The messages of module B's console's client components only (i18n/client-messages.ts); the shell keeps its layout's. */
export default function StaffMembershipLayout({ children }: { children: React.ReactNode }) {
  return <ScopedIntlProvider scope="staffMembership">{children}</ScopedIntlProvider>;
}

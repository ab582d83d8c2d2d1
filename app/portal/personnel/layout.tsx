import { ScopedIntlProvider } from '@/i18n/scoped-provider';

/** The messages of module C (personnel qualification)'s client components only (i18n/client-messages.ts); the shell keeps its layout's. */
export default function PortalPersonnelLayout({ children }: { children: React.ReactNode }) {
  return <ScopedIntlProvider scope="portalPersonnel">{children}</ScopedIntlProvider>;
}

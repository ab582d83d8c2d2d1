import { ScopedIntlProvider } from '@/i18n/scoped-provider';

/** The messages of module C's console's client components only (i18n/client-messages.ts); the shell keeps its layout's. */
export default function StaffPersonnelLayout({ children }: { children: React.ReactNode }) {
  return <ScopedIntlProvider scope="staffPersonnel">{children}</ScopedIntlProvider>;
}

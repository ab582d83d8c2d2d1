import { ScopedIntlProvider } from '@/i18n/scoped-provider';

/** The messages of exam administration's client components only (i18n/client-messages.ts); the shell keeps its layout's. */
export default function StaffExamsLayout({ children }: { children: React.ReactNode }) {
  return <ScopedIntlProvider scope="staffExams">{children}</ScopedIntlProvider>;
}

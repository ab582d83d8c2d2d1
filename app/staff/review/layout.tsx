import { ScopedIntlProvider } from '@/i18n/scoped-provider';

/** The messages of module E's console's client components only (i18n/client-messages.ts); the shell keeps its layout's. */
export default function StaffReviewLayout({ children }: { children: React.ReactNode }) {
  return <ScopedIntlProvider scope="staffReview">{children}</ScopedIntlProvider>;
}

import { ScopedIntlProvider } from '@/i18n/scoped-provider';

/** Only the messages these pages' client components use (i18n/client-messages.ts), not the root layout's. */
export default function PayLayout({ children }: { children: React.ReactNode }) {
  return <ScopedIntlProvider scope="pay">{children}</ScopedIntlProvider>;
}

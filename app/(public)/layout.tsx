import { NoIntlProvider } from '@/i18n/no-provider';
import { PublicHeader } from '@/components/layout/public-header';
import { SiteFooter } from '@/components/layout/site-footer';

export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <NoIntlProvider scope="public">
      <div className="flex min-h-dvh flex-col">
        <PublicHeader />
        <main id="main" tabIndex={-1} className="outline-none mx-auto w-full max-w-6xl flex-1 px-4 py-6">
          {children}
        </main>
        <SiteFooter />
      </div>
    </NoIntlProvider>
  );
}

import { ScopedIntlProvider } from '@/i18n/scoped-provider';
import { LanguageSwitch } from '@/components/layout/language-switch';
import { TextSizeSwitch } from '@/components/layout/text-size-switch';
import { Logo } from '@/components/layout/logo';
import { SkipLink } from '@/components/layout/skip-link';

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <ScopedIntlProvider scope="auth">
      <div className="flex min-h-dvh flex-col">
        <SkipLink />
        <header className="flex h-14 items-center justify-between border-b border-border bg-white px-4">
          <Logo />
          <div className="flex items-center gap-1">
            <TextSizeSwitch />
            <LanguageSwitch />
          </div>
        </header>
        <main id="main" tabIndex={-1} className="outline-none flex flex-1 items-start justify-center px-4 py-8 sm:py-12">
          {children}
        </main>
      </div>
    </ScopedIntlProvider>
  );
}

import type { Metadata, Viewport } from 'next';
import { cookies } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { NoIntlProvider } from '@/i18n/no-provider';
import { ErrorTextsProvider } from '@/components/layout/error-texts';
import { TEXT_SIZE_COOKIE, toTextSize } from '@/lib/text-size';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: { default: t('appName'), template: `%s · ${t('appShortName')}` }, description: t('slogan') };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  // 大字模式: the remembered choice applies from the first paint (globals.css scales every rem-based size).
  const large = toTextSize((await cookies()).get(TEXT_SIZE_COOKIE)?.value) === 'large';
  const t = await getTranslations('errorPage');
  return (
    <html lang={locale} data-text-size={large ? 'large' : undefined}>
      <body className="min-h-dvh font-sans">
        <ErrorTextsProvider texts={{ title: t('title'), body: t('body'), retry: t('retry') }}>
          <NoIntlProvider scope="root">{children}</NoIntlProvider>
        </ErrorTextsProvider>
      </body>
    </html>
  );
}

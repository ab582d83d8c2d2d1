import { getTranslations } from 'next-intl/server';

/** 「跳到主要内容」: the first stop of the keyboard on every page, visible when focused; every layout's <main> has id="main". */
export async function SkipLink() {
  const t = await getTranslations('common');
  return (
    <a
      href="#main"
      className="sr-only z-50 print:hidden focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-primary focus:shadow-lg focus:outline-2 focus:outline-primary"
    >
      {t('skipToContent')}
    </a>
  );
}

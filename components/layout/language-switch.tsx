import { getLocale, getTranslations } from 'next-intl/server';
import { LanguageSwitchButton } from './language-switch-button';

/** 中文 / English in the page headers: the button with its labels translated here, on the server. */
export async function LanguageSwitch({ className }: { className?: string }) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('common')]);
  return <LanguageSwitchButton locale={locale} labels={{ toEnglish: t('switchToEnglish'), toChinese: t('switchToChinese') }} className={className} />;
}

import { cookies } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { TEXT_SIZE_COOKIE, toTextSize } from '@/lib/text-size';
import { TextSizeToggle } from './text-size-toggle';

/** The 大字模式 toggle of the page headers, starting from the visitor's remembered choice, its labels translated here. */
export async function TextSizeSwitch({ className }: { className?: string }) {
  const [jar, t] = await Promise.all([cookies(), getTranslations('a11y')]);
  const initial = toTextSize(jar.get(TEXT_SIZE_COOKIE)?.value);
  return <TextSizeToggle initial={initial} labels={{ on: t('largeTextOn'), off: t('largeText'), short: t('largeTextShort') }} className={className} />;
}

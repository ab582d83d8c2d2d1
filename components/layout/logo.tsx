import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export async function Logo({ href = '/', compact = false }: { href?: string; compact?: boolean }) {
  const t = await getTranslations('common');
  return (
    // The name stays on the link when the text is hidden on phones (compact): an icon-only link needs one.
    <Link href={href} aria-label={compact ? t('appShortName') : undefined} className="flex items-center gap-2 font-semibold text-slate-900">
      <span aria-hidden className="grid h-8 w-8 place-items-center rounded-md bg-primary text-sm font-bold text-primary-foreground">
        认
      </span>
      <span className={compact ? 'hidden sm:inline' : ''}>{t('appShortName')}</span>
    </Link>
  );
}

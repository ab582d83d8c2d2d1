'use client';
import { useTranslations } from 'next-intl';
import { LogOut, UserRound } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { signOutTo } from '@/lib/platform/auth/browser';

export function UserMenu({ name, after }: { name: string; after: string }) {
  const t = useTranslations('auth');
  return (
    <div className="flex items-center gap-2">
      <span className="hidden items-center gap-1 text-sm text-slate-700 sm:flex" data-testid="current-user">
        <UserRound className="h-4 w-4" aria-hidden />
        {name}
      </span>
      <Button variant="ghost" size="sm" onClick={() => void signOutTo(after)} data-testid="logout">
        <LogOut className="h-4 w-4" aria-hidden />
        <span className="hidden sm:inline">{t('logout')}</span>
        <span className="sr-only sm:hidden">{t('logout')}</span>
      </Button>
    </div>
  );
}

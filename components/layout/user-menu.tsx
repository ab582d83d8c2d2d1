'use client';
import { LogOut, UserRound } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { signOutTo } from '@/lib/platform/auth/browser';

/** The signed-in name and 退出登录. The label comes from the shell (a server component), so the shell's client scope needs no auth messages. */
export function UserMenu({ name, after, logoutLabel }: { name: string; after: string; logoutLabel: string }) {
  return (
    <div className="flex items-center gap-2">
      <span className="hidden items-center gap-1 text-sm text-slate-700 sm:flex" data-testid="current-user">
        <UserRound className="h-4 w-4" aria-hidden />
        {name}
      </span>
      <Button variant="ghost" size="sm" onClick={() => void signOutTo(after)} data-testid="logout">
        <LogOut className="h-4 w-4" aria-hidden />
        <span className="hidden sm:inline">{logoutLabel}</span>
        <span className="sr-only sm:hidden">{logoutLabel}</span>
      </Button>
    </div>
  );
}

'use client';
import { useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { markNotificationsReadAction } from '@/lib/platform/notify/in-app-actions';

/** Marks notifications read on the server, then re-renders the page so every count agrees. */
export function useMarkRead() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const mark = (input: { ids: number[] } | { all: true }, after?: (r: Awaited<ReturnType<typeof markNotificationsReadAction>>) => void) =>
    startTransition(async () => {
      const r = await markNotificationsReadAction(input);
      after?.(r);
      router.refresh();
    });
  return { mark, pending };
}

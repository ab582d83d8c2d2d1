'use client';
import { AppLink } from '@/components/ui/app-link';
import { useRouter } from 'next/navigation';
import { markNotificationsReadAction } from '@/lib/platform/notify/in-app-actions';

/**
 * A notification's link: following it marks the notification read. Navigation
 * does not wait for that; once it is done the route refreshes, so the bell in
 * the (kept) layout shows the new count.
 */
export function NotificationLink({ id, href, unread, className, children, onNavigate }: { id: number; href: string; unread: boolean; className?: string; children: React.ReactNode; onNavigate?: () => void }) {
  const router = useRouter();
  const onClick = () => {
    if (unread) void markNotificationsReadAction({ ids: [id] }).then(() => router.refresh());
    onNavigate?.();
  };
  // Our own pages navigate in-app; generated files (a receipt's PDF …) and other sites are plain links, never prefetched.
  return (
    <AppLink href={href} className={className} onClick={onClick} rel={href.startsWith('/') ? undefined : 'noopener noreferrer'}>
      {children}
    </AppLink>
  );
}

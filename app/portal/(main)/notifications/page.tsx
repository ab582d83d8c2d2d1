import { getTranslations } from 'next-intl/server';
import { NotificationList } from '@/components/notifications/notification-list';
import { requireActor } from '@/lib/platform/auth/server';

export async function generateMetadata() {
  return { title: (await getTranslations('notifications'))('title') };
}

/** 消息通知 of an applicant: every notification, newest first. */
export default async function PortalNotificationsPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const actor = await requireActor({ next: '/portal/notifications' });
  return <NotificationList actor={actor} basePath="/portal/notifications" before={(await searchParams).before} />;
}

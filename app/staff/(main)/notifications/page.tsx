import { getTranslations } from 'next-intl/server';
import { NotificationList } from '@/components/notifications/notification-list';
import { requireActor } from '@/lib/platform/auth/server';

export async function generateMetadata() {
  return { title: (await getTranslations('notifications'))('title') };
}

/** 消息通知 of a staff member: their own and their roles' notifications, newest first. */
export default async function StaffNotificationsPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const actor = await requireActor({ staff: true, next: '/staff/notifications' });
  return <NotificationList actor={actor} basePath="/staff/notifications" before={(await searchParams).before} />;
}

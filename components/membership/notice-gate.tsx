'use client';
import { useRouter } from 'next/navigation';
import { ForcedReadingNotice } from '@/components/forms/forced-reading-notice';

/** The 入会须知: once the server accepted it, the page reloads and shows the form (the submit checks the acceptance again). */
export function MembershipNoticeGate(notice: { servingId: string; title: string; body: string; seconds: number }) {
  const router = useRouter();
  return <ForcedReadingNotice {...notice} onAccepted={() => router.refresh()} onClose={() => router.push('/portal/membership')} />;
}

'use client';
import { useRouter } from 'next/navigation';
import { ForcedReadingNotice } from '@/components/forms/forced-reading-notice';

/** Shows the served notice; after the server accepted it, continues to `next`. */
export function NoticeGate({ next, back, ...notice }: { servingId: string; title: string; body: string; seconds: number; next: string; back: string }) {
  const router = useRouter();
  return <ForcedReadingNotice {...notice} onAccepted={() => router.push(next)} onClose={() => router.push(back)} />;
}

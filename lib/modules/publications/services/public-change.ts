import { invalidatePublicNotices } from '@/lib/platform/content/notices';

/**
 * Awaits a write of notices and, once it has committed, drops this
 * instance's kept public notice pages (lib/platform/content/notices.ts), so
 * the staff member's publish, edit or unpublish shows on the public site at
 * once; other instances see it at their next stamp check (≤ 2 s).
 */
export async function publicChange<T>(write: Promise<T>): Promise<T> {
  const result = await write;
  invalidatePublicNotices();
  return result;
}

import type { Db } from '@/db';
import { siteSettings } from '@/db/schema';
import { FILING_SETTING, type SiteFiling } from '@/lib/platform/settings';

/** Sample filing numbers (备案号) for the demo footer, shaped like real ones. */
export const DEMO_FILING: SiteFiling = { icp: '京ICP备20260017号-1', psb: '京公网安备11010502060017号' };

/**
 * The demo site's footer filing numbers. Runs before the shipped defaults are
 * written (those leave them empty), and only while the setting does not exist:
 * an admin's later change, even to empty, is never overwritten.
 */
export async function seedDemoA11y(db: Db): Promise<number> {
  const r = await db.insert(siteSettings).values({ key: FILING_SETTING, value: DEMO_FILING }).onConflictDoNothing().returning({ key: siteSettings.key });
  return r.length;
}

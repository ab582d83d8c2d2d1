import { eq } from 'drizzle-orm';
import { siteSettings } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { DEFAULT_SETTINGS } from '@/db/seed/demo';

export type SupportContacts = { phone: string; email: string; qqGroup: string; hours: string };

/** A site setting's value, falling back to the shipped default. */
export async function getSetting<T>(db: DbOrTx, key: string): Promise<T> {
  const [row] = await db.select({ value: siteSettings.value }).from(siteSettings).where(eq(siteSettings.key, key));
  return (row?.value ?? DEFAULT_SETTINGS[key]) as T;
}

/** Writes a site setting (upsert); pass the transaction of the change that audits it. */
export async function setSetting(db: DbOrTx, key: string, value: unknown): Promise<void> {
  await db
    .insert(siteSettings)
    .values({ key, value })
    .onConflictDoUpdate({ target: siteSettings.key, set: { value, updatedAt: new Date() } });
}

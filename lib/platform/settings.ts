import { eq } from 'drizzle-orm';
import { siteSettings } from '@/db/schema';
import type { DbOrTx } from '@/db';

export type SupportContacts = { phone: string; email: string; qqGroup: string; hours: string };

/** The platform's own shipped settings; modules add theirs through their manifest's `defaultSettings`. */
export const PLATFORM_SETTING_DEFAULTS: Record<string, unknown> = {
  'site.support': {
    phone: '010-6786 0000',
    email: 'support@accredit.example.cn',
    qqGroup: '123456789',
    hours: '工作日 9:00–17:00',
  } satisfies SupportContacts,
};

/*
 * Shipped defaults by owner ('platform' or a module key). On globalThis: Next.js
 * may load this file in several bundles of one process, and defaults registered
 * at boot must be visible to all of them.
 */
const g = globalThis as unknown as { __accreditSettingDefaults?: Map<string, Readonly<Record<string, unknown>>> };
const owners = (g.__accreditSettingDefaults ??= new Map([['platform', PLATFORM_SETTING_DEFAULTS]]));

/** Registers an owner's shipped setting values; a key owned by another owner is a startup error. */
export function registerSettingDefaults(owner: string, defaults: Readonly<Record<string, unknown>>): void {
  for (const key of Object.keys(defaults)) {
    for (const [other, values] of owners) if (other !== owner && key in values) throw new Error(`setting ${key} is declared by both ${other} and ${owner}`);
  }
  owners.set(owner, defaults);
}

/** Every shipped setting value (the seed writes the missing ones). */
export function settingDefaults(): Record<string, unknown> {
  return Object.assign({}, ...owners.values());
}

export function settingDefault<T>(key: string): T | undefined {
  for (const values of owners.values()) if (key in values) return values[key] as T;
  return undefined;
}

/** A site setting's value, falling back to the shipped default. */
export async function getSetting<T>(db: DbOrTx, key: string): Promise<T> {
  const [row] = await db.select({ value: siteSettings.value }).from(siteSettings).where(eq(siteSettings.key, key));
  return (row?.value ?? settingDefault(key)) as T;
}

/** Writes a site setting (upsert); pass the transaction of the change that audits it. */
export async function setSetting(db: DbOrTx, key: string, value: unknown): Promise<void> {
  await db
    .insert(siteSettings)
    .values({ key, value })
    .onConflictDoUpdate({ target: siteSettings.key, set: { value, updatedAt: new Date() } });
}

import { eq, inArray, like, or, sql } from 'drizzle-orm';
import { siteSettings } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { sharedStampedCache, type StampedCache, type StampedCacheOptions } from '@/lib/platform/cache/stamped-cache';

/**
 * Support contacts: the platform's own (`site.support`) and a module's own
 * (`support.<module>`, shipped in its manifest's defaultSettings, e.g. module
 * B's association: QQ group, technical-support phone, secretariat contacts,
 * feedback email). The footer shows every one of them; a module's pages show
 * its own.
 */
export type SupportContacts = {
  phone: string;
  email: string;
  qqGroup: string;
  hours: string;
  /** Who answers the phone (e.g. 宫经理), shown beside the number. */
  phoneContact?: string;
  /** Further named contacts (e.g. the association's secretariat), each with one or more numbers. */
  contacts?: Array<{ name: string; phones: string }>;
};

export const SUPPORT_SETTING = 'site.support';
const MODULE_SUPPORT_PREFIX = 'support.';
/** The setting key of a module's own support contacts. */
export const moduleSupportKey = (module: string) => `${MODULE_SUPPORT_PREFIX}${module}`;

/**
 * The site's filing numbers (备案号) in the public footer: the ICP filing of
 * the MIIT (links to beian.miit.gov.cn) and the public-security filing
 * (公安备案, links to the national filing system with its code). Empty until an
 * admin sets them (系统设置 · 页脚).
 */
export type SiteFiling = { icp: string; psb: string };
export const FILING_SETTING = 'site.filing';
export const ICP_URL = 'https://beian.miit.gov.cn/';
/** The public-security filing's page: its digits are the record code. */
export const psbUrl = (psb: string) => `https://beian.mps.gov.cn/#/query/webSearch?code=${encodeURIComponent(psb.replace(/\D/g, ''))}`;

/** The platform's own shipped settings; modules add theirs through their manifest's `defaultSettings`. */
export const PLATFORM_SETTING_DEFAULTS: Record<string, unknown> = {
  [FILING_SETTING]: { icp: '', psb: '' } satisfies SiteFiling,
  [SUPPORT_SETTING]: {
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

/**
 * Writes a site setting (upsert); pass the transaction of the change that
 * audits it. A public setting (the footer's and the help page's) also drops
 * this instance's kept copies: the cache re-reads its stamp on every read for
 * a while after, so the value shows here as soon as the transaction commits.
 */
export async function setSetting(db: DbOrTx, key: string, value: unknown): Promise<void> {
  await db
    .insert(siteSettings)
    .values({ key, value })
    .onConflictDoUpdate({ target: siteSettings.key, set: { value, updatedAt: new Date() } });
  if (isPublicSetting(key)) sharedStampedCache(PUBLIC_SETTINGS_CACHE).invalidate();
}

/** A module's own support contacts, or null when it ships none. */
export async function moduleSupportContacts(db: DbOrTx, module: string): Promise<SupportContacts | null> {
  const key = moduleSupportKey(module);
  if (settingDefault(key) === undefined) return null;
  return getSetting<SupportContacts>(db, key);
}

/** Every set of support contacts for the footer, read now (the footer reads them through `allSupportContacts`, kept). */
export async function readAllSupportContacts(db: DbOrTx): Promise<Array<{ owner: 'platform' | string; contacts: SupportContacts }>> {
  const modules = Object.keys(settingDefaults())
    .filter((k) => k.startsWith(MODULE_SUPPORT_PREFIX))
    .map((k) => k.slice(MODULE_SUPPORT_PREFIX.length))
    .sort();
  const rows = await db.select({ key: siteSettings.key, value: siteSettings.value }).from(siteSettings).where(inArray(siteSettings.key, [SUPPORT_SETTING, ...modules.map(moduleSupportKey)]));
  const value = (key: string) => (rows.find((r) => r.key === key)?.value ?? settingDefault(key)) as SupportContacts;
  return [{ owner: 'platform', contacts: value(SUPPORT_SETTING) }, ...modules.map((m) => ({ owner: m, contacts: value(moduleSupportKey(m)) }))];
}

// ---- Public settings, kept per instance --------------------------------------------

/** The settings every public page may show (support contacts, filing numbers): nothing else is kept. */
export const isPublicSetting = (key: string) => key === SUPPORT_SETTING || key === FILING_SETTING || key.startsWith(MODULE_SUPPORT_PREFIX);

/** The stamp of the public settings: a hash of their keys, values and change instants (a handful of rows). */
async function publicSettingsStamp(db: DbOrTx): Promise<string> {
  const [r] = await db
    .select({ hash: sql<string>`coalesce(sum(hashtext(concat_ws('|', ${siteSettings.key}, ${siteSettings.value}::text, ${siteSettings.updatedAt}))), 0)::text` })
    .from(siteSettings)
    .where(or(inArray(siteSettings.key, [SUPPORT_SETTING, FILING_SETTING]), like(siteSettings.key, `${MODULE_SUPPORT_PREFIX}%`)));
  return r.hash;
}

/** A change on another instance shows within `recheckMs` (2 s); on the instance that made it, at once (`setSetting`). */
export const PUBLIC_SETTINGS_CACHE: StampedCacheOptions = { name: 'publicSettings', stamp: publicSettingsStamp, recheckMs: 2_000, maxAgeMs: 30_000, maxEntries: 50 };

/** The public settings' read models over one cache (the process's shared one, or a test's own). */
export function publicSettingReads(cache: StampedCache) {
  return {
    setting: async <T>(db: DbOrTx, key: string): Promise<T> => {
      if (!isPublicSetting(key)) throw new Error(`setting ${key} is not public`);
      return cache.read(db, JSON.stringify(['setting', key]), () => getSetting<T>(db, key));
    },
    allSupportContacts: (db: DbOrTx) => cache.read(db, 'allSupportContacts', () => readAllSupportContacts(db)),
  };
}

const sharedSettings = () => publicSettingReads(sharedStampedCache(PUBLIC_SETTINGS_CACHE));
/** A public setting (support contacts, filing numbers) as the public pages show it, kept per instance. */
export const publicSetting = <T>(db: DbOrTx, key: string): Promise<T> => sharedSettings().setting<T>(db, key);
/** Every set of support contacts for the footer: the platform's first, then each module's that ships some (kept per instance). */
export const allSupportContacts = (db: DbOrTx) => sharedSettings().allSupportContacts(db);

import type { DbOrTx } from '@/db';
import { getSetting, moduleSupportKey, type SupportContacts } from '@/lib/platform/settings';
import { provinceOf } from '@/lib/reference/provinces';

/**
 * Site settings of module B's change flows (信息变更, 证书补办, 外省企业备案)
 * and the association's support contacts. Shipped through the membership
 * manifest's defaultSettings; staff change them at /staff/membership/changes-settings.
 */
export const PROVINCE_SETTING = 'membership.province';
export const LOSS_NOTICE_SETTING = 'membership.lossNoticeRequired';
export const FILING_MONTHS_SETTING = 'membership.filingValidityMonths';
export const MEMBERSHIP_SUPPORT_SETTING = moduleSupportKey('membership');

/** The association's support contacts as the seed manual gives them. */
export const MEMBERSHIP_SUPPORT_DEFAULT: SupportContacts = {
  qqGroup: '836016592',
  phone: '0551-64680860',
  phoneContact: '宫经理（工作日）',
  contacts: [{ name: '张静', phones: '0551-62818875 / 64280445' }],
  email: '2542069173@qq.com',
  hours: '工作日 9:00–17:00',
};

export const CHANGES_SETTING_DEFAULTS: Record<string, unknown> = {
  // The association's province (GB/T 2260 two-digit code): 34 = 安徽省. Enterprises registered elsewhere file here.
  [PROVINCE_SETTING]: '34',
  // A loss report needs the published loss notice (登报挂失声明).
  [LOSS_NOTICE_SETTING]: true,
  // How long a filing certificate (外省企业备案证明) is valid.
  [FILING_MONTHS_SETTING]: 24,
  [MEMBERSHIP_SUPPORT_SETTING]: MEMBERSHIP_SUPPORT_DEFAULT,
};

/** The association's province: its two-digit code and name (安徽省 by default). */
export async function associationProvince(db: DbOrTx): Promise<{ code: string; name: string }> {
  // A digits-only string may come back from jsonb as a number.
  const raw = await getSetting<unknown>(db, PROVINCE_SETTING);
  const text = typeof raw === 'number' ? String(raw) : raw;
  const code = typeof text === 'string' && /^\d{2}$/.test(text) && provinceOf(text) ? text : '34';
  return { code, name: provinceOf(code)!.name };
}

export async function lossNoticeRequired(db: DbOrTx): Promise<boolean> {
  return (await getSetting<unknown>(db, LOSS_NOTICE_SETTING)) !== false;
}

export async function filingValidityMonths(db: DbOrTx): Promise<number> {
  const months = await getSetting<unknown>(db, FILING_MONTHS_SETTING);
  return Number.isInteger(months) && (months as number) > 0 && (months as number) <= 120 ? (months as number) : 24;
}

/** The association's support contacts (shown on module B's pages and in the footer). */
export async function membershipSupport(db: DbOrTx): Promise<SupportContacts> {
  return getSetting<SupportContacts>(db, MEMBERSHIP_SUPPORT_SETTING);
}

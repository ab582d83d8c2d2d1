import type { DbOrTx } from '@/db';
import { audit } from '@/lib/platform/audit';
import { defineAction } from '@/lib/platform/auth/action-core';
import { FILING_SETTING, getSetting, setSetting, SUPPORT_SETTING, type SiteFiling, type SupportContacts } from '@/lib/platform/settings';
import { siteFooterSchema } from '../schemas';

export type SiteFooterView = { icp: string; psb: string; phone: string; email: string; qqGroup: string; hours: string };

/** What the 页脚设置 form starts from: the filing numbers and the platform's support contacts. */
export async function siteFooterSettings(db: DbOrTx): Promise<SiteFooterView> {
  const filing = await getSetting<SiteFiling>(db, FILING_SETTING);
  const support = await getSetting<SupportContacts>(db, SUPPORT_SETTING);
  return {
    icp: filing?.icp ?? '',
    psb: filing?.psb ?? '',
    phone: support?.phone ?? '',
    email: support?.email ?? '',
    qqGroup: support?.qqGroup ?? '',
    hours: support?.hours ?? '',
  };
}

/**
 * 页脚设置: admins set the ICP and public-security filing numbers and the
 * platform's support contacts, one transaction audited with the values
 * before and after. The support contacts keep whatever else they hold
 * (named contacts, who answers the phone).
 */
export const updateSiteFooterDef = defineAction({
  access: { kind: 'staff', roles: ['admin'] },
  schema: siteFooterSchema,
  handler: async ({ db, actor, input, ip }) => {
    return db.transaction(async (tx) => {
      const from = await siteFooterSettings(tx);
      const support = await getSetting<SupportContacts>(tx, SUPPORT_SETTING);
      await setSetting(tx, FILING_SETTING, { icp: input.icp, psb: input.psb } satisfies SiteFiling);
      await setSetting(tx, SUPPORT_SETTING, { ...support, phone: input.phone, email: input.email, qqGroup: input.qqGroup, hours: input.hours } satisfies SupportContacts);
      const to: SiteFooterView = { icp: input.icp, psb: input.psb, phone: input.phone, email: input.email, qqGroup: input.qqGroup, hours: input.hours };
      await audit(tx, { action: 'settings.changed', actorId: actor.id, targetType: 'setting', targetId: 'site.footer', ip, detail: { from, to } });
      return to;
    });
  },
});

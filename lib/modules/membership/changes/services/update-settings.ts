import { audit } from '@/lib/platform/audit';
import { defineAction } from '@/lib/platform/auth/action-core';
import { AppError } from '@/lib/platform/errors';
import { getSetting, setSetting } from '@/lib/platform/settings';
import { provinceOf } from '@/lib/reference/provinces';
import { MEMBERSHIP_STAFF_ACCESS } from '../../access';
import { changesSettingsSchema, supportContactsSchema } from '../schemas';
import { FILING_MONTHS_SETTING, LOSS_NOTICE_SETTING, MEMBERSHIP_SUPPORT_SETTING, PROVINCE_SETTING } from '../settings';

/**
 * Module B's change-flow settings: the association's province (who files as
 * an out-of-province enterprise), whether a loss report needs the published
 * loss notice, the filing certificate's validity. Admins and module-B
 * reviewers (like the dues); audited with the values before and after.
 */
export const updateChangesSettingsDef = defineAction({
  access: MEMBERSHIP_STAFF_ACCESS,
  schema: changesSettingsSchema,
  handler: async ({ db, actor, input, ip }) => {
    if (!provinceOf(input.province)) throw new AppError('BAD_INPUT', { fieldErrors: { province: ['请选择协会所在省份'] } });
    const to = { province: input.province, lossNoticeRequired: input.lossNoticeRequired, filingValidityMonths: input.filingValidityMonths };
    await db.transaction(async (tx) => {
      const from = {
        province: await getSetting<unknown>(tx, PROVINCE_SETTING),
        lossNoticeRequired: await getSetting<unknown>(tx, LOSS_NOTICE_SETTING),
        filingValidityMonths: await getSetting<unknown>(tx, FILING_MONTHS_SETTING),
      };
      await setSetting(tx, PROVINCE_SETTING, to.province);
      await setSetting(tx, LOSS_NOTICE_SETTING, to.lossNoticeRequired);
      await setSetting(tx, FILING_MONTHS_SETTING, to.filingValidityMonths);
      await audit(tx, { action: 'settings.changed', actorId: actor.id, targetType: 'setting', targetId: 'membership.changes', ip, detail: { from, to } });
    });
    return to;
  },
});

/** The association's support contacts (footer and module B's pages): admins only, audited with the values before and after. */
export const updateSupportContactsDef = defineAction({
  access: { kind: 'staff', roles: ['admin'] },
  schema: supportContactsSchema,
  handler: async ({ db, actor, input, ip }) => {
    const to = { ...input, contacts: input.contacts.map((c) => ({ name: c.name, phones: c.phones })) };
    await db.transaction(async (tx) => {
      const from = await getSetting<unknown>(tx, MEMBERSHIP_SUPPORT_SETTING);
      await setSetting(tx, MEMBERSHIP_SUPPORT_SETTING, to);
      await audit(tx, { action: 'settings.changed', actorId: actor.id, targetType: 'setting', targetId: MEMBERSHIP_SUPPORT_SETTING, ip, detail: { from, to } });
    });
    return to;
  },
});

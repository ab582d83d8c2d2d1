import { audit } from '@/lib/platform/audit';
import { defineAction } from '@/lib/platform/auth/action-core';
import { yuanToFen } from '@/lib/platform/payments/money';
import { getSetting, setSetting } from '@/lib/platform/settings';
import { MEMBERSHIP_STAFF_ACCESS } from '../access';
import { DUES_SETTING, TERM_SETTING } from '../member';
import { MEMBERSHIP_GRADES, membershipSettingsSchema } from '../schemas';

/**
 * Saves the dues per grade (yuan in, fen stored) and the membership term,
 * audited with the values before and after. Orders already opened keep
 * their amount; the next payment step uses the new dues.
 */
export const updateMembershipSettingsDef = defineAction({
  access: MEMBERSHIP_STAFF_ACCESS,
  schema: membershipSettingsSchema,
  handler: async ({ db, actor, input, ip }) => {
    const dues = Object.fromEntries(MEMBERSHIP_GRADES.map((g) => [g, yuanToFen(input.dues[g].toFixed(2))]));
    await db.transaction(async (tx) => {
      const before = { dues: await getSetting<unknown>(tx, DUES_SETTING), termMonths: await getSetting<unknown>(tx, TERM_SETTING) };
      await setSetting(tx, DUES_SETTING, dues);
      await setSetting(tx, TERM_SETTING, input.termMonths);
      await audit(tx, { action: 'settings.changed', actorId: actor.id, targetType: 'setting', targetId: 'membership', ip, detail: { from: before, to: { dues, termMonths: input.termMonths } } });
    });
    return { dues, termMonths: input.termMonths };
  },
});

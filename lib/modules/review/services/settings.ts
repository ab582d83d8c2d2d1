import { audit } from '@/lib/platform/audit';
import { defineAction } from '@/lib/platform/auth/action-core';
import { getSetting, setSetting } from '@/lib/platform/settings';
import { REVIEW_SETTINGS_ACCESS } from '../access';
import { reviewSettingsSchema } from '../schemas';
import { CRITERIA_SETTING, PREFIX_SETTING } from '../settings';

/**
 * 鉴定评审设置: the project number prefix (new projects only; numbers already
 * given stay) and the evaluation criteria (evaluations keep the labels they
 * were scored with). Audited with the values before and after.
 */
export const updateReviewSettingsDef = defineAction({
  access: REVIEW_SETTINGS_ACCESS,
  schema: reviewSettingsSchema,
  handler: async ({ db, actor, input, ip }) => {
    await db.transaction(async (tx) => {
      const before = { prefix: await getSetting<unknown>(tx, PREFIX_SETTING), criteria: await getSetting<unknown>(tx, CRITERIA_SETTING) };
      await setSetting(tx, PREFIX_SETTING, input.prefix);
      await setSetting(tx, CRITERIA_SETTING, input.criteria);
      await audit(tx, { action: 'settings.changed', actorId: actor.id, targetType: 'setting', targetId: 'review', ip, detail: { from: before, to: input } });
    });
    return { prefix: input.prefix, criteria: input.criteria };
  },
});

import { audit } from '@/lib/platform/audit';
import { defineAction } from '@/lib/platform/auth/action-core';
import { getSetting, setSetting } from '@/lib/platform/settings';
import { MEMBERSHIP_STAFF_ACCESS } from '../../access';
import { OVERDUE_STAGES_SETTING, overdueStagesSchema } from '../stages';

/**
 * Saves the overdue stages of the annual review (资质年审逾期阶段), audited with
 * the stages before and after. Stages already fired keep their rows; a stage
 * whose key is new fires in the current cycles once its day has come.
 */
export const updateOverdueStagesDef = defineAction({
  access: MEMBERSHIP_STAFF_ACCESS,
  schema: overdueStagesSchema,
  handler: async ({ db, actor, input, ip }) => {
    const stages = input.stages.map((s) => ({ key: s.key, offsetDays: s.offsetDays, action: s.action, sms: s.sms }));
    await db.transaction(async (tx) => {
      const before = await getSetting<unknown>(tx, OVERDUE_STAGES_SETTING);
      await setSetting(tx, OVERDUE_STAGES_SETTING, stages);
      await audit(tx, { action: 'settings.changed', actorId: actor.id, targetType: 'setting', targetId: OVERDUE_STAGES_SETTING, ip, detail: { from: before ?? null, to: stages } });
    });
    return { stages };
  },
});

import { audit } from '@/lib/platform/audit';
import { defineAction } from '@/lib/platform/auth/action-core';
import { getSetting, setSetting } from '@/lib/platform/settings';
import { INSTITUTION_STAFF_ACCESS } from '../../institutions/services/access';
import { businessFieldsSettingSchema, preApplicationNotesSchema } from '../schemas';

/**
 * Module-A settings, kept by admins and module-A reviewers. Removing a field
 * does not touch submitted applications: they store the label they were
 * submitted with.
 */
export const updateBusinessFieldsDef = defineAction({
  access: INSTITUTION_STAFF_ACCESS,
  schema: businessFieldsSettingSchema,
  handler: async ({ db, actor, input, ip }) => {
    await db.transaction(async (tx) => {
      const before = await getSetting<unknown>(tx, 'accreditation.businessFields');
      await setSetting(tx, 'accreditation.businessFields', input.fields);
      await audit(tx, { action: 'settings.changed', actorId: actor.id, targetType: 'setting', targetId: 'accreditation.businessFields', ip, detail: { from: before, to: input.fields } });
    });
    return { count: input.fields.length };
  },
});

export const updatePreApplicationNotesDef = defineAction({
  access: INSTITUTION_STAFF_ACCESS,
  schema: preApplicationNotesSchema,
  handler: async ({ db, actor, input, ip }) => {
    await db.transaction(async (tx) => {
      await setSetting(tx, 'accreditation.preApplicationNotes', input.notes);
      await audit(tx, { action: 'settings.changed', actorId: actor.id, targetType: 'setting', targetId: 'accreditation.preApplicationNotes', ip, detail: { count: input.notes.length } });
    });
    return { count: input.notes.length };
  },
});

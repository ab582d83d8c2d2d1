import '@/lib/modules/kinds';
import { defineAction } from '../auth/action-core';
import { transition } from './engine';
import { assignApplication } from './queries';
import { assignSchema, fireTransitionSchema } from './schemas';

/**
 * One action fires any transition of any kind: the engine decides from the
 * kind's definition whether this actor may fire it on this application.
 */
export const fireTransitionDef = defineAction({
  access: { kind: 'signedIn' },
  schema: fireTransitionSchema,
  handler: async ({ db, actor, input, locale }) => {
    const app = await transition(db, actor, input, { locale });
    return { id: app.id, status: app.status, version: app.version };
  },
});

/** Claim (no assignee given), assign to a colleague, or release (null). */
export const assignApplicationDef = defineAction({
  access: { kind: 'staff', roles: 'any' },
  schema: assignSchema,
  handler: async ({ db, actor, input }) => {
    const claim = input.assigneeId === undefined;
    const row = await assignApplication(db, actor, { applicationId: input.applicationId, assigneeId: claim ? actor.id : input.assigneeId!, onlyIfUnassigned: claim });
    return { id: row.id, assigneeId: row.assigneeId };
  },
});

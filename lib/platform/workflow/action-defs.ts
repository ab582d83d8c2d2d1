import { defineAction } from '../auth/action-core';
import { AppError, isAppError } from '../errors';
import { createApplication, saveDraft, transition } from './engine';
import { findKind } from './registry';
import { assignApplication } from './queries';
import { assignSchema, bulkClaimSchema, createApplicationSchema, fireTransitionSchema, saveDraftSchema } from './schemas';

/**
 * One action fires any transition of any kind: the engine decides from the
 * kind's definition whether this actor may fire it on this application.
 */
export const fireTransitionDef = defineAction({
  access: { kind: 'signedIn' },
  schema: fireTransitionSchema,
  handler: async ({ db, actor, input, locale, now }) => {
    const app = await transition(db, actor, input, { locale, now: now() });
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

/**
 * An applicant starts an application of a kind they may use: as a draft, or
 * created and submitted in one transaction (the kind's `submit` transition).
 * Public kinds (pre-applications) have their own entry with a captcha.
 */
export const createApplicationDef = defineAction({
  access: { kind: 'applicant' },
  schema: createApplicationSchema,
  handler: async ({ db, actor, input, now }) => {
    const kind = findKind(input.kind);
    if (!kind || kind.createdBy !== 'applicant') throw new AppError('NOT_FOUND');
    const app = await createApplication(db, actor, { kind: kind.key, data: input.data, draft: input.mode === 'draft', thenFire: input.mode === 'submit' ? 'submit' : undefined }, { now: now() });
    return { id: app.id, number: app.number, status: app.status, version: app.version };
  },
});

/** Saves the form of the applicant's own application while its state allows editing. */
export const saveDraftDef = defineAction({
  access: { kind: 'applicant' },
  schema: saveDraftSchema,
  handler: async ({ db, actor, input }) => {
    const app = await saveDraft(db, actor, input);
    return { id: app.id, version: app.version };
  },
});

/**
 * Bulk claim from the queue: the one bulk action that is always safe (it only
 * sets the assignee of unclaimed applications the staff member may see).
 * Each row is its own conditional update; rows someone else claimed are skipped.
 */
export const bulkClaimDef = defineAction({
  access: { kind: 'staff', roles: 'any' },
  schema: bulkClaimSchema,
  handler: async ({ db, actor, input }) => {
    let claimed = 0;
    for (const id of new Set(input.ids)) {
      try {
        await assignApplication(db, actor, { applicationId: id, assigneeId: actor.id, onlyIfUnassigned: true });
        claimed++;
      } catch (e) {
        if (!isAppError(e) || (e.code !== 'CONFLICT' && e.code !== 'NOT_FOUND')) throw e;
      }
    }
    return { claimed, skipped: new Set(input.ids).size - claimed };
  },
});

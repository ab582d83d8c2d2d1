import { and, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { applications, bankTransfers, documents } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { Applicant } from '../auth/action-core';
import type { Actor } from '../auth/actor';
import { can } from '../auth/permissions';
import { substituteFor } from '../delegation';
import { AppError } from '../errors';
import { isModuleKey, type ModuleKey } from '../modules';
import { allKinds, slotWritableStates, staffSlotWrite } from '../workflow/registry';
import { kindSlot, personalSlot, type SlotSpec } from './slots';
import { isUuid } from '@/lib/platform/schemas';

/**
 * Who may put files where, and who may read them. Both are decided in the
 * query (scoped WHERE clauses), never by loading a row and filtering after;
 * a refusal looks like "not found" so it does not reveal that a file exists.
 */

/** Where a new file of a slot goes: either an application or the person's own files. */
export type WriteTarget = {
  slot: SlotSpec;
  applicationId: string | null;
  /** Set for personal (non-application) files only. */
  ownerUserId: string | null;
  orgId: string | null;
  applicationStatus: string | null;
  /** The states in which this writer may change the slot's files (a delete re-checks them in its write). */
  writableStates: string[];
};


export function requireApplicant(actor: Actor): Applicant {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind === 'staff') throw new AppError('FORBIDDEN');
  return actor;
}

/** Someone who may write files somewhere: an applicant, or staff (only into the slots a kind gives their role). */
export function requireWriter(actor: Actor): Exclude<Actor, { kind: 'anonymous' }> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  return actor;
}

/** The application rows an applicant acts for: their own, or (organizations) the organization's. */
function applicantScope(actor: Applicant): SQL {
  return actor.kind === 'organization'
    ? or(eq(applications.applicantUserId, actor.id), eq(applications.orgId, actor.orgId))!
    : eq(applications.applicantUserId, actor.id);
}

/**
 * Resolves where `actor` may write a file of `slotKey`: the actor's own
 * personal slot, or a slot of an application they (or their organization,
 * with the module granted) apply with. Throws NOT_FOUND otherwise.
 */
export async function resolveWriteTarget(db: DbOrTx, actorIn: Actor, input: { applicationId?: string | null; slot: string }): Promise<WriteTarget> {
  if (actorIn.kind === 'staff') return resolveStaffWriteTarget(db, actorIn, input);
  const actor = requireApplicant(actorIn);
  const orgId = actor.kind === 'organization' ? actor.orgId : null;
  if (!input.applicationId) {
    const slot = personalSlot(input.slot);
    if (!slot) throw new AppError('BAD_INPUT', { messageKey: 'documents.errors.unknownSlot' });
    return { slot, applicationId: null, ownerUserId: actor.id, orgId, applicationStatus: null, writableStates: [] };
  }
  if (!isUuid(input.applicationId)) throw new AppError('NOT_FOUND');
  const [app] = await db
    .select({ id: applications.id, kind: applications.kind, module: applications.module, status: applications.status, orgId: applications.orgId })
    .from(applications)
    .where(and(eq(applications.id, input.applicationId), applicantScope(actor)));
  // Even the applicant needs the module: a sub-account whose grant was withdrawn stops here.
  if (!app || !isModuleKey(app.module) || !can(actor, { action: 'module.use', module: app.module })) throw new AppError('NOT_FOUND');
  const slot = kindSlot(app.kind, input.slot);
  if (!slot) throw new AppError('BAD_INPUT', { messageKey: 'documents.errors.unknownSlot' });
  // The kind says in which states the applicant may change a slot's files (upload, replace, delete).
  const writableStates = slotWritableStates(app.kind, slot.key);
  if (!writableStates.includes(app.status)) throw new AppError('INVALID_STATE', { messageKey: 'documents.errors.locked' });
  return { slot, applicationId: app.id, ownerUserId: null, orgId: app.orgId, applicationStatus: app.status, writableStates };
}

/**
 * Staff write only into application slots whose kind names their role
 * (`staffWrite`, e.g. the leader's on-site materials), in the states it
 * names, and — when the slot has an owner (the assigned leader) — only the
 * owner or their active substitute. Anything else is FORBIDDEN: staff have
 * no personal files, and most slots are the applicant's alone.
 */
async function resolveStaffWriteTarget(db: DbOrTx, actor: Extract<Actor, { kind: 'staff' }>, input: { applicationId?: string | null; slot: string }): Promise<WriteTarget> {
  if (!input.applicationId || !isUuid(input.applicationId)) throw new AppError('FORBIDDEN');
  const [app] = await db.select().from(applications).where(eq(applications.id, input.applicationId));
  const spec = app ? staffSlotWrite(app.kind, input.slot) : undefined;
  if (!app || !spec || !isModuleKey(app.module) || !spec.roles.some((role) => can(actor, { action: 'staff.role', role, module: app.module as ModuleKey }))) throw new AppError('FORBIDDEN');
  const slot = kindSlot(app.kind, input.slot)!;
  if (!spec.states.includes(app.status)) throw new AppError('INVALID_STATE', { messageKey: 'documents.errors.locked' });
  const ownerId = spec.owner ? await spec.owner({ tx: db, app }) : null;
  if (ownerId && ownerId !== actor.id && !(await substituteFor(db, actor, ownerId, spec.roles, app.module))) throw new AppError('FORBIDDEN', { messageKey: 'workflow.errors.notOwner' });
  return { slot, applicationId: app.id, ownerUserId: null, orgId: app.orgId, applicationStatus: app.status, writableStates: [...spec.states] };
}

/** Rows of one slot of one target (the application's, or the person's own files). */
export function targetWhere(t: Pick<WriteTarget, 'applicationId' | 'ownerUserId'>, slot: string): SQL {
  return t.applicationId
    ? and(eq(documents.applicationId, t.applicationId), eq(documents.slot, slot))!
    : and(isNull(documents.applicationId), eq(documents.ownerUserId, t.ownerUserId!), eq(documents.slot, slot))!;
}

/**
 * The documents `actor` may read, as a condition over `documents LEFT JOIN
 * applications`; null when nothing is readable.
 * - applicants: their own files and uploads; their applications' files; for an
 *   organization, its applications' files — all of them for the main account,
 *   those of granted modules for a sub-account (personal files stay personal);
 * - staff: admin reads everything; any other role reads the files of
 *   applications in the modules it holds, and the personal files (e.g. ID
 *   photos) of people with an application in those modules that staff can
 *   see (not a draft, a deleted draft or an unverified one); finance
 *   also reads the screenshots of bank transfers (lib/platform/payments/bank-transfer.ts).
 */
/**
 * An application (under `alias`) staff can see: a registered kind in a state
 * not hidden from staff — a draft, a deleted draft or an unverified
 * pre-application gives staff no reason to read the person's files.
 */
function seenByStaff(alias: string): SQL {
  const a = sql.raw(alias);
  const parts = allKinds().map((k) => {
    const hidden = Object.entries(k.states)
      .filter(([, st]) => st.hiddenFromStaff)
      .map(([name]) => sql`${name}`);
    return hidden.length ? sql`(${a}.kind = ${k.key} and ${a}.status not in (${sql.join(hidden, sql`, `)}))` : sql`${a}.kind = ${k.key}`;
  });
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

export function readableBy(actor: Actor): SQL | null {
  switch (actor.kind) {
    case 'anonymous':
      return null;
    case 'individual':
      return or(eq(documents.ownerUserId, actor.id), eq(documents.uploadedBy, actor.id), eq(applications.applicantUserId, actor.id))!;
    case 'organization': {
      const orgApps = actor.isMain
        ? eq(applications.orgId, actor.orgId)
        : actor.modules.length
          ? and(eq(applications.orgId, actor.orgId), inArray(applications.module, actor.modules))
          : undefined;
      return or(eq(documents.ownerUserId, actor.id), eq(documents.uploadedBy, actor.id), orgApps)!;
    }
    case 'staff': {
      if (actor.roles.some((r) => r.role === 'admin')) return sql`true`;
      if (!actor.roles.length) return null;
      // Finance checks payers' bank-transfer screenshots against the account statement.
      const transferScreenshot = actor.roles.some((r) => r.role === 'finance')
        ? sql`exists (select 1 from ${bankTransfers} bt where bt.document_id = ${documents.id})`
        : undefined;
      const everyModule = actor.roles.some((r) => r.module === '*');
      const modules = [...new Set(actor.roles.map((r) => r.module))];
      const appInModules = everyModule ? sql`${applications.id} is not null` : inArray(applications.module, modules);
      const applicantInModules = sql`exists (select 1 from ${applications} a2 where a2.applicant_user_id = ${documents.ownerUserId} and a2.status <> 'draft' and ${seenByStaff('a2')} and ${everyModule ? sql`true` : inArray(sql`a2.module`, modules)})`;
      return or(appInModules, and(isNull(documents.applicationId), applicantInModules), transferScreenshot)!;
    }
  }
}

/**
 * The document `id` if `actor` may read it; NOT_FOUND otherwise, whether it
 * does not exist or is not theirs (the two must look the same).
 */
export async function authorizeDocumentRead(db: DbOrTx, actor: Actor, id: string) {
  const scope = readableBy(actor);
  if (!scope || !isUuid(id)) throw new AppError('NOT_FOUND');
  const [row] = await db
    .select({ doc: documents })
    .from(documents)
    .leftJoin(applications, eq(applications.id, documents.applicationId))
    .where(and(eq(documents.id, id), ne(documents.status, 'deleted'), scope));
  if (!row) throw new AppError('NOT_FOUND');
  return row.doc;
}

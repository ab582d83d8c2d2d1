import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '@/db';
import { applicationCounters, applicationEvents, applications, documents, type Application } from '@/db/schema';
import { audit } from '../audit';
import type { Actor } from '../auth/actor';
import { can } from '../auth/permissions';
import { AppError, type FieldErrors } from '../errors';
import { nextPatternNumber } from '../numbers';
import { getSetting } from '../settings';
import type { AnyKind, TransitionDef } from './define';
import { delegatedGrants, type DelegatedGrant } from '../delegation';
import { firingGrant, firingRole, isApplicantOf } from './access';
import { afterTransition } from './notify';
import { enterPaymentStep, leavePaymentStep } from './payment-step';
import { editableStates, getKind } from './registry';

/**
 * The only code that creates applications and moves their states.
 *
 * A transition is one transaction: a conditional
 * `UPDATE … WHERE id = $id AND status = ANY($from) AND version = $seen RETURNING`,
 * the event row, and the kind's effects (outbox rows, accounts …) with the same
 * transaction. Zero rows back means someone else moved it first: the caller
 * gets a clear error and nothing is written.
 */

/** Domain code firing a `system` transition (a verified email link, a job) passes this instead of a request's actor. */
export const SYSTEM = { system: true } as const;
export type Firing = Actor | typeof SYSTEM;

const isSystem = (a: Firing): a is typeof SYSTEM => 'system' in a;

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) (out[issue.path.join('.') || '_'] ??= []).push(issue.message);
  return out;
}

function parseData(kind: AnyKind, data: unknown): unknown {
  const parsed = kind.schema.safeParse(data);
  if (!parsed.success) throw new AppError('BAD_INPUT', { fieldErrors: fieldErrorsOf(parsed.error) });
  return parsed.data;
}

/** A transition's own input (delivery choice, transfer phone …), validated and merged into the stored data. */
function withInput(t: TransitionDef<string, unknown>, stored: unknown, raw: unknown): unknown {
  const parsed = t.input!.safeParse(raw ?? {});
  if (!parsed.success) throw new AppError('BAD_INPUT', { fieldErrors: fieldErrorsOf(parsed.error) });
  const base = typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  return t.inputKey ? { ...base, [t.inputKey]: parsed.data } : { ...base, ...parsed.data };
}

/** Next human number: prefix + year + 6-digit sequence, from a per-prefix-per-year counter row. */
export async function nextNumber(tx: DbOrTx, prefix: string, now = new Date()): Promise<string> {
  const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now));
  const [row] = await tx
    .insert(applicationCounters)
    .values({ prefix, year, value: 1 })
    .onConflictDoUpdate({ target: [applicationCounters.prefix, applicationCounters.year], set: { value: sql`${applicationCounters.value} + 1` } })
    .returning({ value: applicationCounters.value });
  return `${prefix}${year}${String(row.value).padStart(6, '0')}`;
}

/** A kind's next application number: its `numbering` pattern when it declares one, else prefix + year + 6 digits. */
async function numberFor(tx: DbOrTx, kind: AnyKind, now: Date): Promise<string> {
  if (!kind.numbering) return nextNumber(tx, kind.numberPrefix, now);
  const p = kind.numbering.prefix;
  let prefix = typeof p === 'string' ? p : p.fallback;
  if (typeof p !== 'string') {
    const configured = await getSetting<unknown>(tx, p.setting);
    if (typeof configured === 'string' && /^[A-Za-z0-9]{1,16}$/.test(configured.trim())) prefix = configured.trim().toUpperCase();
  }
  return nextPatternNumber(tx, { pattern: kind.numbering.pattern, prefix, namespace: 'app', overflow: 'widen' }, now);
}

const dueFrom = (kind: AnyKind, state: string, now: Date): Date | null => {
  const days = kind.states[state]?.due?.days;
  return days ? new Date(now.getTime() + days * 86_400_000) : null;
};

export type CreateInput = { kind: string; data: unknown; draft?: boolean; /** Fire this applicant transition right after creating (save-and-submit in one step). */ thenFire?: string };

/**
 * Starts an application. A draft keeps whatever the form holds (an object);
 * anything else is validated with the kind's schema and recorded as a 'create'
 * event in the initial state.
 */
export async function createApplication(db: DbOrTx, actor: Actor, input: CreateInput, opts: { onCreated?: (tx: DbOrTx, app: Application) => Promise<void>; now?: Date } = {}): Promise<Application> {
  const kind = getKind(input.kind);
  const now = opts.now ?? new Date();
  if (kind.createdBy === 'applicant') {
    if (actor.kind !== 'individual' && actor.kind !== 'organization') throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    // The module must be one this account may use (individual vs organization modules, sub-account grants).
    if (!can(actor, { action: 'module.use', module: kind.module })) throw new AppError('FORBIDDEN');
  }
  if (input.draft && !kind.states[kind.initial].applicantEditable) throw new AppError('INVALID_STATE');
  const data = input.draft || input.thenFire ? draftData(input.data) : parseData(kind, input.data);
  const who = input.draft || input.thenFire ? { name: '', email: null } : kind.applicantOf(data);
  return db.transaction(async (tx) => {
    const prepared = input.draft || input.thenFire || !kind.prepareData ? data : await kind.prepareData({ tx, data, actor });
    const [app] = await tx
      .insert(applications)
      .values({
        kind: kind.key,
        module: kind.module,
        number: await numberFor(tx, kind, now),
        status: kind.initial,
        applicantUserId: actor.kind === 'individual' || actor.kind === 'organization' ? actor.id : null,
        orgId: actor.kind === 'organization' ? actor.orgId : null,
        applicantName: who.name || (actor.kind !== 'anonymous' ? actor.name : ''),
        contactEmail: who.email ?? null,
        data: prepared,
        dueAt: dueFrom(kind, kind.initial, now),
        submittedAt: input.draft || input.thenFire ? null : now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(applicationEvents).values({
      applicationId: app.id,
      event: 'create',
      fromStatus: null,
      toStatus: app.status,
      actorId: actor.kind === 'anonymous' ? null : actor.id,
      actorRole: 'applicant',
      actorName: actor.kind === 'anonymous' ? who.name : actor.name,
    });
    await opts.onCreated?.(tx, app);
    if (!input.draft && !input.thenFire) await afterTransition({ tx, kind, app, event: 'create', opinion: null, firedByApplicant: true, locale: 'zh-CN' });
    if (input.thenFire) return transition(tx, actor, { applicationId: app.id, event: input.thenFire, data: input.data }, { now });
    return app;
  });
}

function draftData(data: unknown): Record<string, unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new AppError('BAD_INPUT');
  if (JSON.stringify(data).length > 200_000) throw new AppError('PAYLOAD_TOO_LARGE');
  return data as Record<string, unknown>;
}

/** Saves the form of an application the applicant may still edit (draft, returned …) without moving its state. */
export async function saveDraft(db: DbOrTx, actor: Actor, input: { applicationId: string; data: unknown; version?: number }): Promise<Application> {
  const data = draftData(input.data);
  const [row] = await db.select().from(applications).where(eq(applications.id, input.applicationId));
  if (!row || !isApplicantOf(actor, row)) throw new AppError('NOT_FOUND');
  const kind = getKind(row.kind);
  const editable = editableStates(kind);
  if (!editable.includes(row.status)) throw new AppError('INVALID_STATE');
  if (input.version !== undefined && input.version !== row.version) throw new AppError('CONFLICT', { messageKey: 'workflow.errors.stale' });
  const [updated] = await db
    .update(applications)
    .set({ data, version: sql`${applications.version} + 1`, updatedAt: new Date() })
    .where(and(eq(applications.id, row.id), inArray(applications.status, editable), eq(applications.version, row.version)))
    .returning();
  if (!updated) throw new AppError('CONFLICT', { messageKey: 'workflow.errors.raced' });
  return updated;
}

export type TransitionInput = { applicationId: string; event: string; opinion?: string | null; data?: unknown; version?: number };

/** Moves an application along one of its kind's transitions; see the file header. */
export async function transition(
  db: DbOrTx,
  firing: Firing,
  input: TransitionInput,
  opts: { locale?: 'zh-CN' | 'en'; now?: Date } = {},
): Promise<Application> {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(applications).where(eq(applications.id, input.applicationId));
    if (!row) throw new AppError('NOT_FOUND');
    const kind = getKind(row.kind);
    const t = (kind.transitions as Record<string, TransitionDef<string, unknown>>)[input.event];
    if (!t) throw new AppError('BAD_INPUT', { messageKey: 'workflow.errors.unknownAction' });

    const actor: Actor = isSystem(firing) ? { kind: 'anonymous' } : firing;
    // The roles this staff member holds today as someone's active substitute.
    const delegated: DelegatedGrant[] = actor.kind === 'staff' && typeof t.by === 'object' ? await delegatedGrants(tx, actor.id, now) : [];
    let actorRole: string;
    let grantedVia: DelegatedGrant | null = null;
    if (t.by === 'system') {
      if (!isSystem(firing)) throw new AppError('FORBIDDEN');
      actorRole = 'system';
    } else if (t.by === 'applicant') {
      // Someone else's application does not exist, as far as this actor can tell.
      if (isSystem(firing) || !isApplicantOf(actor, row)) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'NOT_FOUND');
      actorRole = 'applicant';
    } else {
      const grant = isSystem(firing) ? null : firingGrant(actor, t.by, row.module, delegated);
      if (!grant) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      // Staff cannot see applications in hidden states (drafts, unverified): do not confirm they exist.
      if (kind.states[row.status]?.hiddenFromStaff) throw new AppError('NOT_FOUND');
      actorRole = grant.role;
      grantedVia = grant.via;
    }

    const opinion = input.opinion?.trim() || null;
    if (t.opinion === 'required' && !opinion) throw new AppError('BAD_INPUT', { fieldErrors: { opinion: ['workflow.errors.opinionRequired'] } });
    if (opinion && opinion.length > 2000) throw new AppError('BAD_INPUT', { fieldErrors: { opinion: ['workflow.errors.opinionTooLong'] } });
    if (!t.from.includes(row.status)) throw new AppError('INVALID_STATE');
    if (input.version !== undefined && input.version !== row.version) throw new AppError('CONFLICT', { messageKey: 'workflow.errors.stale' });

    /*
     * Whose item this is. A transition with an `owner` (the assigned leader …)
     * belongs to that staff member: only they or their active substitute may
     * fire it. Otherwise the application's assignee owns it loosely: the role
     * may act, and the assignee's substitute acts on their behalf. A role held
     * only through a delegation is always used on the delegator's behalf.
     */
    let onBehalfOf: { id: string; name: string } | null = grantedVia ? { id: grantedVia.delegatorId, name: grantedVia.delegatorName } : null;
    if (typeof t.by === 'object' && actor.kind === 'staff') {
      const ownerId = t.owner ? await t.owner({ tx, app: row, actor }) : row.assigneeId;
      if (ownerId && ownerId !== actor.id) {
        const roles = t.by.staff;
        const sub = delegated.find((g) => g.delegatorId === ownerId && roles.includes(g.role) && (g.module === '*' || g.module === row.module));
        if (sub) onBehalfOf = { id: sub.delegatorId, name: sub.delegatorName };
        else if (t.owner) throw new AppError('FORBIDDEN', { messageKey: 'workflow.errors.notOwner' });
      }
    }

    const parsed = t.takesData ? parseData(kind, input.data) : t.input ? withInput(t, row.data, input.data) : row.data;
    const data = t.takesData && kind.prepareData ? await kind.prepareData({ tx, data: parsed, actor, app: row }) : parsed;
    await t.guard?.({ tx, app: { ...row, data }, actor, now });

    if (t.requiredSlots?.length) {
      const present = await tx
        .selectDistinct({ slot: documents.slot })
        .from(documents)
        .where(and(eq(documents.applicationId, row.id), eq(documents.status, 'current'), inArray(documents.slot, [...t.requiredSlots])));
      const missing = t.requiredSlots.filter((s) => !present.some((p) => p.slot === s));
      if (missing.length) throw new AppError('BAD_INPUT', { messageKey: 'workflow.errors.missingDocuments', params: { count: missing.length } });
    }

    const who = t.takesData ? kind.applicantOf(data) : null;
    const [app] = await tx
      .update(applications)
      .set({
        status: t.to,
        version: sql`${applications.version} + 1`,
        updatedAt: now,
        dueAt: dueFrom(kind, t.to, now),
        ...(t.takesData ? { data, applicantName: who!.name || row.applicantName, contactEmail: who!.email ?? row.contactEmail } : t.input ? { data } : {}),
        ...(t.takesData || (row.submittedAt === null && t.by === 'applicant') ? { submittedAt: now } : {}),
        // Staff who act on an application nobody had claimed become its handler (经办人), so it never reads 未领取 after a decision.
        ...(actor.kind === 'staff' && actorRole !== 'system' && actorRole !== 'applicant' && row.assigneeId === null ? { assigneeId: actor.id } : {}),
      })
      .where(and(eq(applications.id, row.id), inArray(applications.status, [...t.from]), eq(applications.version, row.version)))
      .returning();
    if (!app) throw new AppError('CONFLICT', { messageKey: 'workflow.errors.raced' });

    await tx.insert(applicationEvents).values({
      applicationId: app.id,
      event: input.event,
      fromStatus: row.status,
      toStatus: app.status,
      actorId: actor.kind === 'anonymous' ? null : actor.id,
      actorRole,
      actorName: actor.kind === 'anonymous' ? null : actor.name,
      onBehalfOfId: onBehalfOf?.id ?? null,
      onBehalfOfName: onBehalfOf?.name ?? null,
      opinion,
      createdAt: now,
    });
    await audit(tx, { action: 'application.transition', actorId: actor.kind === 'anonymous' ? null : actor.id, targetType: 'application', targetId: app.id, detail: { number: app.number, event: input.event, from: row.status, to: app.status, ...(onBehalfOf ? { onBehalfOf } : {}) } });
    await t.effects?.({ tx, app, from: row.status, actor, opinion, locale: opts.locale ?? 'zh-CN', now, onBehalfOf });
    // A payment step: entering it opens an order; leaving it any other way than through its outcome closes the order.
    await leavePaymentStep(tx, kind, app, row.status, input.event);
    await enterPaymentStep(tx, kind, app, row.status);
    await afterTransition({ tx, kind, app, event: input.event, opinion, firedByApplicant: actorRole === 'applicant', locale: opts.locale ?? 'zh-CN' });
    return app;
  });
}

/** The transitions an actor may fire on an application now (for buttons); the server checks again on firing. */
export function availableTransitions(actor: Actor, app: Application, delegated: readonly DelegatedGrant[] = []): Array<{ event: string; def: TransitionDef<string, unknown> }> {
  const kind = getKind(app.kind);
  return Object.entries(kind.transitions as Record<string, TransitionDef<string, unknown>>)
    .filter(([, t]) => t.from.includes(app.status))
    .filter(([, t]) => (t.by === 'applicant' ? isApplicantOf(actor, app) : typeof t.by === 'object' ? firingRole(actor, t.by, app.module, delegated) !== null : false))
    .map(([event, def]) => ({ event, def }));
}

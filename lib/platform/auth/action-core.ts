import type { z } from 'zod';
import type { Db } from '@/db';
import type { AppLocale } from '@/i18n/config';
import { inZodLocale } from '@/i18n/zod-locale';
import { AppError, toFailure, type ActionResult } from '../errors';
import type { ModuleKey } from '../modules';
import type { Storage } from '../storage/storage';
import type { Actor, SignedInActor, StaffRole } from './actor';
import { can } from './permissions';
import { findForbiddenText } from '../text-rules';

/**
 * Server actions are declared once with `defineAction` (who may call it, its
 * zod schema, its handler) and bound to Next in a 'use server' file with
 * `bindAction`. `invokeAction` is the one gate: it validates the input first,
 * then resolves the actor, checks access, and runs the handler. Tests call
 * `invokeAction` with an actor to prove refusals without a browser.
 */
export type Applicant = Extract<SignedInActor, { kind: 'individual' | 'organization' }>;
export type StaffActor = Extract<SignedInActor, { kind: 'staff' }>;

export type Access =
  | { kind: 'public' }
  | { kind: 'signedIn' }
  | { kind: 'applicant'; module?: ModuleKey; orgMainOnly?: boolean }
  | { kind: 'staff'; roles: StaffRole[] | 'any'; module?: ModuleKey };

export type ActorFor<A extends Access> = A extends { kind: 'public' }
  ? Actor
  : A extends { kind: 'applicant' }
    ? Applicant
    : A extends { kind: 'staff' }
      ? StaffActor
      : SignedInActor;

export type ActionCtx<A extends Access, I> = {
  db: Db;
  /** Opened on first use (most actions never touch storage); tests pass their own. */
  storage: () => Promise<Storage>;
  /** The clock domain functions are given; tests pass their own. */
  now: () => Date;
  actor: ActorFor<A>;
  input: I;
  ip: string | null;
  locale: AppLocale;
};

export type ActionDef<A extends Access, S extends z.ZodType, O> = {
  access: A;
  /**
   * Accounts holding generated credentials may do nothing but change their
   * password; the one action that does that opts in here.
   */
  allowPendingPasswordChange?: boolean;
  schema: S;
  handler: (ctx: ActionCtx<A, z.output<S>>) => Promise<O>;
};

export function defineAction<A extends Access, S extends z.ZodType, O>(def: ActionDef<A, S, O>): ActionDef<A, S, O> {
  return def;
}

export function allows(access: Access, actor: Actor): boolean {
  switch (access.kind) {
    case 'public':
      return true;
    case 'signedIn':
      return actor.kind !== 'anonymous';
    case 'applicant':
      return (
        (actor.kind === 'individual' || actor.kind === 'organization') &&
        (!access.module || can(actor, { action: 'module.use', module: access.module })) &&
        (!access.orgMainOnly || (actor.kind === 'organization' && actor.isMain))
      );
    case 'staff':
      return (
        actor.kind === 'staff' &&
        (access.roles === 'any' || access.roles.some((role) => can(actor, { action: 'staff.role', role, module: access.module })))
      );
  }
}

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[issue.path.join('.') || '_'] ??= []).push(issue.message);
  return out;
}

export type InvokeEnv = { db: Db; storage?: () => Promise<Storage>; now?: () => Date; actor: () => Promise<Actor>; ip: string | null; locale: AppLocale };

/** The process-wide storage, loaded only when an action without an injected one asks for it. */
const processStorage = async (): Promise<Storage> => (await import('../storage')).getStorage();

export async function invokeAction<A extends Access, S extends z.ZodType, O>(def: ActionDef<A, S, O>, env: InvokeEnv, raw: unknown): Promise<ActionResult<O>> {
  try {
    // Control characters and lone surrogates: refused by name before any schema or write.
    const bad = findForbiddenText(raw);
    if (bad !== null) throw new AppError('BAD_INPUT', { messageKey: 'textInvalidChars', fieldErrors: { [bad || '_']: ['textInvalidChars'] } });
    // zod's own messages in the request's language (the schemas' own messages are translated by toFailure);
    // zod words a message when it is read, so the errors are collected inside.
    const parsed = inZodLocale(env.locale, () => {
      const r = def.schema.safeParse(raw);
      return r.success ? r : { success: false as const, fieldErrors: fieldErrorsOf(r.error) };
    });
    if (!parsed.success) throw new AppError('BAD_INPUT', { fieldErrors: parsed.fieldErrors });
    const actor = await env.actor();
    if (!allows(def.access, actor)) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    if (actor.kind !== 'anonymous' && actor.mustChangePassword && def.access.kind !== 'public' && !def.allowPendingPasswordChange) {
      throw new AppError('FORBIDDEN', { messageKey: 'mustChangePassword' });
    }
    let storage: Promise<Storage> | undefined;
    const data = await def.handler({
      db: env.db,
      storage: () => (storage ??= (env.storage ?? processStorage)()),
      now: env.now ?? (() => new Date()),
      actor: actor as ActorFor<A>,
      input: parsed.data,
      ip: env.ip,
      locale: env.locale,
    });
    return { ok: true, data };
  } catch (e) {
    return toFailure(e, env.locale);
  }
}

import { createTranslator } from 'next-intl';
import { messagesFor } from '@/messages/catalog';
import { localizeFieldMessage } from '@/i18n/field-messages';
import { logger } from './logger';

/**
 * One typed error for the whole app. Domain functions throw AppError; edges
 * (server actions, route handlers) turn it into an ActionResult or an HTTP
 * response with a translated message.
 */
export const errorStatus = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_FILE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export type FieldErrors = Record<string, string[]>;
export type Locale = 'zh-CN' | 'en';

/**
 * Marks AppErrors across bundles: Next.js loads this file in several bundles
 * of one process (instrumentation, route handlers, server actions), so an
 * error thrown by code registered at boot (a kind's guard, prepareData or
 * effects) is an instance of another bundle's class. `Symbol.for` is one
 * symbol per process.
 */
const APP_ERROR = Symbol.for('accredit.AppError');

export class AppError extends Error {
  readonly [APP_ERROR] = true;
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  readonly fieldErrors?: FieldErrors;
  /** A message key under `errors.` (or a dotted key of an area namespace) more specific than the code's generic message. */
  readonly messageKey?: string;

  constructor(
    code: ErrorCode,
    opts: { messageKey?: string; params?: Record<string, string | number>; fieldErrors?: FieldErrors; cause?: unknown; detail?: string } = {},
  ) {
    super(opts.detail ?? opts.messageKey ?? code, { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.params = opts.params ?? {};
    this.fieldErrors = opts.fieldErrors;
    this.messageKey = opts.messageKey;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError || (typeof e === 'object' && e !== null && (e as { [APP_ERROR]?: unknown })[APP_ERROR] === true);
}


/** The translated message of an error, falling back to the code's generic message. */
export function translateError(err: AppError, locale: Locale = 'zh-CN'): string {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'errors' });
  // A dotted key names a message in an area's own namespace (e.g. documents.errors.wrongType).
  if (err.messageKey?.includes('.')) {
    const all = createTranslator({ locale, messages: messagesFor(locale) });
    if (all.has(err.messageKey as never)) return all(err.messageKey as never, err.params as never);
  }
  const key = err.messageKey && t.has(err.messageKey as never) ? err.messageKey : err.code;
  return t(key as never, err.params as never);
}

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: FieldErrors };

/** Turns anything thrown into a failed ActionResult; unknown errors are logged and hidden. */
export function toFailure(e: unknown, locale: Locale = 'zh-CN'): Extract<ActionResult<never>, { ok: false }> {
  const err = isAppError(e) ? e : new AppError('INTERNAL', { cause: e });
  if (!isAppError(e)) logger.error('unexpected error', { err: e });
  return { ok: false, code: err.code, message: translateError(err, locale), fieldErrors: translateFieldErrors(err.fieldErrors, locale) };
}

/** Field errors may hold message keys under `errors.` or dotted keys of another namespace (from domain code), or ready Chinese text (from zod schemas, translated for other locales). */
function translateFieldErrors(fe: FieldErrors | undefined, locale: Locale): FieldErrors | undefined {
  if (!fe) return undefined;
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'errors' });
  const all = createTranslator({ locale, messages: messagesFor(locale) });
  const tr = (m: string) => {
    if (/^[a-zA-Z]+$/.test(m) && t.has(m as never)) return t(m as never);
    if (/^[a-zA-Z]+(\.[a-zA-Z]+)+$/.test(m) && all.has(m as never)) return all(m as never);
    // Ready text from a schema is Chinese; another locale gets its translation.
    return localizeFieldMessage(m, locale);
  };
  return Object.fromEntries(Object.entries(fe).map(([k, msgs]) => [k, msgs.map(tr)]));
}

/** True when a database error (either driver, possibly wrapped by drizzle) is a unique violation. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur; i++) {
    const c = cur as { code?: string; constraint?: string; constraint_name?: string; cause?: unknown };
    if (c.code === '23505') {
      return !constraint || c.constraint === constraint || c.constraint_name === constraint;
    }
    cur = c.cause;
  }
  return false;
}
